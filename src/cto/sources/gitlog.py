"""Streaming history: ``git log -z --numstat`` parsed as it arrives, split over parallel processes.

The cost of mining history is git computing line diffs, not Python. So the commit list is cut into
contiguous chunks, one ``git log --no-walk=unsorted --stdin`` per chunk runs concurrently, and the
chunks are read back in order: the caller sees exactly the order it asked for.
"""

from __future__ import annotations

import os
import queue
import tempfile
import threading
from collections.abc import Iterator, Sequence
from typing import IO

from cto.errors import SourceError
from cto.sources.gitrun import GitRunner, failure_line
from cto.sources.interface import FileChange, RawCommit

HEADER = b"\x1e"
# Author name last: a name cannot contain a newline (commit headers are lines), an email neither.
LOG_FORMAT = "--format=%x1e%H%n%P%n%at%n%ae%n%an"
LOG_ARGS = (
    "log", "--no-walk=unsorted", "--stdin", "-z", "--numstat", "-M", "--root", "--no-color",
    "--no-ext-diff", "--no-textconv", "--diff-merges=off", "--no-show-signature", "--no-notes",
    "--no-mailmap", "--encoding=UTF-8", LOG_FORMAT,
)  # fmt: skip
_BLOCK = 1 << 16


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def _count(raw: bytes) -> int | None:
    return None if raw == b"-" else int(raw)


class LogParser:
    """Incremental parser of the byte stream ``git log`` prints with :data:`LOG_ARGS`.

    Feed it blocks of any size; it returns the commits completed so far. Tokens are NUL-separated:
    a header starts with ``\\x1e``; a change is ``added\\tdeleted\\tpath``, or for a rename
    ``added\\tdeleted\\t`` followed by two path tokens, taken by position (so a path may hold
    any byte).
    """

    def __init__(self) -> None:
        self._tail = b""
        self._header: bytes | None = None
        self._changes: list[FileChange] = []
        self._rename: list[bytes] | None = None

    def feed(self, block: bytes) -> list[RawCommit]:
        """Consume one block of output; return commits that are now complete."""
        tokens = (self._tail + block).split(b"\0")
        self._tail = tokens.pop()
        done: list[RawCommit] = []
        for token in tokens:
            commit = self._token(token)
            if commit is not None:
                done.append(commit)
        return done

    def close(self) -> list[RawCommit]:
        """End of output: return the last commit."""
        if self._tail.strip(b"\n") or self._rename is not None:
            raise SourceError("git log output ended in the middle of a record")
        last = self._finish()
        return [] if last is None else [last]

    def _token(self, token: bytes) -> RawCommit | None:
        if self._rename is not None:  # the two path tokens that follow a rename record
            self._rename.append(token)
            if len(self._rename) == 4:
                added, deleted, old, new = self._rename
                self._rename = None
                self._add(new, old, added, deleted)
            return None
        if token.startswith(HEADER):
            finished = self._finish()
            self._header = token[1:]
            return finished
        fields = token.removeprefix(b"\n").split(b"\t", 2)
        if self._header is None or len(fields) != 3:
            raise SourceError("unexpected git log output (not a numstat record)")
        added, deleted, path = fields
        if path:
            self._add(path, None, added, deleted)
        else:
            self._rename = [added, deleted]
        return None

    def _add(self, path: bytes, old: bytes | None, added: bytes, deleted: bytes) -> None:
        try:
            counts = _count(added), _count(deleted)
        except ValueError:
            raise SourceError("unexpected git log output (bad line counts)") from None
        old_path = None if old is None else _text(old)
        self._changes.append(FileChange(_text(path), old_path, *counts))

    def _finish(self) -> RawCommit | None:
        if self._header is None:
            return None
        try:
            sha, parents, when, email, name = self._header.split(b"\n", 4)
            commit = RawCommit(
                sha=sha.decode("ascii"),
                parents=tuple(parents.decode("ascii").split()),
                author_name=_text(name),
                author_email=_text(email),
                author_time=int(when),
                changes=tuple(self._changes),
            )
        except ValueError:
            raise SourceError("unexpected git log output (bad commit header)") from None
        self._header, self._changes = None, []
        return commit


class _LogProcess:
    """One ``git log`` over one chunk, its stdout pumped into a queue by a thread."""

    def __init__(self, runner: GitRunner, shas: Sequence[str]) -> None:
        self.shas = shas
        # A file, not a pipe: nobody reads stderr until git exits, and a full pipe would block it.
        self._stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop())
        self._proc = runner.popen(*LOG_ARGS, stderr=self._stderr)
        self._blocks: queue.Queue[bytes | None] = queue.Queue()
        assert self._proc.stdin is not None
        try:  # git reads all of --stdin before it prints anything, so this cannot deadlock
            self._proc.stdin.write("".join(f"{sha}\n" for sha in shas).encode("ascii"))
            self._proc.stdin.close()
        except BrokenPipeError:
            pass  # git died early; its exit code and stderr tell why
        self._thread = threading.Thread(target=self._pump, daemon=True)
        self._thread.start()

    def _pump(self) -> None:
        stdout = self._proc.stdout
        assert stdout is not None
        try:
            while block := os.read(stdout.fileno(), _BLOCK):
                self._blocks.put(block)
        finally:
            self._blocks.put(None)

    def commits(self) -> Iterator[RawCommit]:
        """Commits of this chunk, in the chunk's order, checked against it."""
        parser, index = LogParser(), 0
        while (block := self._blocks.get()) is not None:
            for commit in parser.feed(block):
                self._check(index, commit)
                index += 1
                yield commit
        if self._proc.wait() != 0:
            self._stderr.seek(0)
            raise SourceError(failure_line(LOG_ARGS, self._stderr.read()))
        for commit in parser.close():
            self._check(index, commit)
            index += 1
            yield commit
        if index != len(self.shas):
            raise SourceError(f"git log returned {index} of {len(self.shas)} commits")

    def _check(self, index: int, commit: RawCommit) -> None:
        if index >= len(self.shas) or commit.sha != self.shas[index]:
            raise SourceError("git log returned commits in an unexpected order")

    def stop(self) -> None:
        """Kill the process if still running and release its resources."""
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        self._thread.join()
        if self._proc.stdout is not None:
            self._proc.stdout.close()
        self._stderr.close()


def chunks(items: Sequence[str], count: int) -> list[Sequence[str]]:
    """Split ``items`` into at most ``count`` contiguous, non-empty chunks of near-equal size."""
    count = max(1, min(count, len(items)))
    size, extra = divmod(len(items), count)
    bounds, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        bounds.append(items[start:end])
        start = end
    return [chunk for chunk in bounds if chunk]


def stream_commits(runner: GitRunner, shas: Sequence[str], jobs: int) -> Iterator[RawCommit]:
    """Yield the commits ``shas`` (full hashes, distinct) in that order, with their changes."""
    processes: list[_LogProcess] = []
    try:
        for chunk in chunks(shas, jobs):
            processes.append(_LogProcess(runner, chunk))
        for process in processes:
            yield from process.commits()
    finally:
        for process in processes:
            process.stop()
