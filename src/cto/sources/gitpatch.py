"""Streaming added lines: ``git log -p --unified=0`` read in blocks, split over parallel processes.

Used to search every line a commit added (secrets) without paying Python's cost per line: each
block of patch text is lowered once and searched with one compiled alternation of keywords, and
only the ``+`` lines holding a keyword are decoded and handed on. The patch structure (commit
headers, ``diff --git``, ``+++`` and ``@@`` lines) is walked with one more regular expression to
know the commit, the path and the new line number. Lines are unambiguous in a ``-U0`` patch: content
lines start with ``+``, ``-`` or ``\\``; only the ``+++`` header can look like content, and it is
only read between a ``diff --git`` line and the first hunk.
"""

from __future__ import annotations

import contextlib
import os
import queue
import re
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any, NamedTuple

from cto.errors import SourceError
from cto.sources.gitlog import chunks
from cto.sources.gitrun import GitRunner, failure_line

PATCH_ARGS = (
    "log", "--no-walk=unsorted", "--stdin", "-p", "--unified=0", "-M", "--root", "--no-color",
    "--no-ext-diff", "--no-textconv", "--diff-merges=off", "--no-show-signature", "--no-notes",
    "--src-prefix=a/", "--dst-prefix=b/", "--format=%x1e%H",
)  # fmt: skip
#: Longest added line handed on; the rest of a longer line (minified code) is cut.
MAX_LINE = 16_384
_BLOCK = 1 << 16
_QUEUED_BLOCKS = 64  # bounds memory: git waits while the parser is behind
_STRUCTURE = re.compile(rb"\n(?:\x1e|diff --git |\+\+\+ |@@ )")
_HUNK = re.compile(rb"@@ -\d+(?:,\d+)? \+(\d+)")


class AddedLine(NamedTuple):
    """One line a commit added: commit hash, path in that commit, line number there, the text."""

    commit: str
    path: str
    line: int
    text: str


def keyword_pattern(keywords: Sequence[str]) -> re.Pattern[bytes]:
    """One regex finding any of the keywords in lowered text (every added line when none).

    The keywords are merged into a trie (``access[-_]?key``…) rather than a flat alternation:
    the regex engine then tests one branch per first byte instead of every keyword at every
    position, which makes the search over a whole history's patches about three times faster.
    """
    words = {k.lower().encode() for k in keywords if k}
    if not words:
        return re.compile(rb"\n\+")
    root: dict[int, Any] = {}
    for word in words:
        node = root
        for byte in word:
            node = node.setdefault(byte, {})
        node[-1] = {}  # a keyword ends here
    return re.compile(_trie_regex(root))


def _trie_regex(node: dict[int, Any]) -> bytes:
    branches = [re.escape(bytes([byte])) + _trie_regex(child)
                for byte, child in sorted(node.items()) if byte >= 0]  # fmt: skip
    if not branches:
        return b""
    alternation = branches[0] if len(branches) == 1 else b"(?:" + b"|".join(branches) + b")"
    if -1 in node:  # a keyword ends here and longer ones go on: the rest is optional
        return b"(?:" + alternation + b")?"
    return alternation


def unquote(raw: bytes) -> bytes:
    """A path as a patch header shows it, with git's C-style quoting undone (no prefix dropped)."""
    raw = raw.rstrip(b"\n").removesuffix(b"\t")
    if raw.startswith(b'"') and raw.endswith(b'"') and len(raw) > 1:
        raw = raw[1:-1].decode("unicode_escape").encode("latin-1")
    return raw


def unquote_path(raw: bytes) -> str:
    """The path of a ``+++ b/path`` header: git's C-style quoting undone, prefix dropped."""
    return unquote(raw).removeprefix(b"b/").decode("utf-8", "surrogateescape")


class PatchScanner:
    """Incremental parser of one ``git log`` patch stream (:data:`PATCH_ARGS`).

    :meth:`feed` takes blocks of any size and returns the added lines that hold a keyword
    (none when ``pattern`` is ``None``). Subclasses may widen :attr:`STRUCTURE` and extend
    :meth:`_event` to read more of the patch.
    """

    STRUCTURE: re.Pattern[bytes] = _STRUCTURE

    def __init__(self, pattern: re.Pattern[bytes] | None) -> None:
        self._pattern = pattern
        self._tail = b""
        self.commits = 0
        self._sha = ""
        self._path: str | None = None
        self._in_header = False
        self._line: int | None = None  # new-file number of the next "+" line, inside a hunk

    def feed(self, block: bytes) -> list[AddedLine]:
        """Consume one block; return the matching added lines among its complete lines."""
        data = self._tail + block
        cut = data.rfind(b"\n") + 1
        self._tail = data[cut:]
        return self._lines(b"\n" + data[:cut]) if cut else []

    def close(self) -> list[AddedLine]:
        """End of the stream: the last (unterminated) line, if any."""
        tail, self._tail = self._tail, b""
        return self._lines(b"\n" + tail + b"\n") if tail else []

    def _lines(self, data: bytes) -> list[AddedLine]:
        """``data`` starts with a newline and ends with one; walk its structure and its hits."""
        starts, next_start = self._candidates(data), 0
        found: list[AddedLine] = []
        body = 0  # where the current hunk's lines start in this block (its "\n")
        for event in (*self.STRUCTURE.finditer(data), None):
            end = len(data) if event is None else event.start()
            while next_start < len(starts) and starts[next_start] < end:
                start = starts[next_start]
                next_start += 1
                if self._line is not None and self._path is not None:
                    number = self._line + data.count(b"\n+", body, start)
                    found.append(self._added(data, start, number))
            if event is None:
                break
            body = self._event(data, event.start() + 1, body)
        if self._line is not None:
            self._line += data.count(b"\n+", body, len(data))
        return found

    def _candidates(self, data: bytes) -> list[int]:
        """Start offsets of the ``+`` lines that hold a keyword, in order, each once."""
        starts: list[int] = []
        if self._pattern is None:
            return starts
        for hit in self._pattern.finditer(data.lower()):
            start = data.rfind(b"\n", 0, hit.start() + 1) + 1
            if data[start : start + 1] == b"+" and (not starts or starts[-1] != start):
                starts.append(start)
        return starts

    def _event(self, data: bytes, start: int, body: int) -> int:
        """Apply the structure line at ``start``; return where the current hunk's body starts."""
        end = data.find(b"\n", start)
        line = data[start:end]
        if line.startswith(b"\x1e"):
            self._sha, self._path, self._in_header, self._line = (
                line[1:].decode(),
                None,
                False,
                None,
            )
            self.commits += 1
        elif line.startswith(b"diff --git "):
            self._path, self._in_header, self._line = None, True, None
        elif line.startswith(b"+++ "):
            if not self._in_header:
                return body  # an added line whose text starts with "++ "
            self._path = None if line == b"+++ /dev/null" else unquote_path(line[4:])
        elif (match := _HUNK.match(line)) is not None:
            self._in_header, self._line = False, int(match.group(1))
            return end
        return body

    def _added(self, data: bytes, start: int, number: int) -> AddedLine:
        end = data.find(b"\n", start)
        text = data[start + 1 : min(end, start + 1 + MAX_LINE)].decode("utf-8", "replace")
        return AddedLine(self._sha, self._path or "", number, text)


class _PatchProcess:
    """One ``git log -p`` over one chunk of commits, its stdout pumped into a shared queue."""

    def __init__(
        self, runner: GitRunner, args: Sequence[str], shas: Sequence[str], index: int, sink: _Sink
    ) -> None:
        self.shas, self.index, self.args = shas, index, args
        self.scanner: PatchScanner | None = None
        # A file, not a pipe: nobody reads stderr until git exits, and a full pipe would block it.
        self._stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop())
        self._proc = runner.popen(*args, stderr=self._stderr)
        assert self._proc.stdin is not None
        try:  # git reads all of --stdin before it prints anything, so this cannot deadlock
            self._proc.stdin.write("".join(f"{sha}\n" for sha in shas).encode("ascii"))
            self._proc.stdin.close()
        except BrokenPipeError:
            pass  # git died early; its exit code and stderr tell why
        self._thread = threading.Thread(target=self._pump, args=(sink,), daemon=True)
        self._thread.start()

    def _pump(self, sink: _Sink) -> None:
        stdout = self._proc.stdout
        assert stdout is not None
        try:
            while (block := os.read(stdout.fileno(), _BLOCK)) and not sink.stopped.is_set():
                sink.blocks.put((self.index, block))
        finally:
            sink.blocks.put((self.index, None))

    def finish(self) -> None:
        """Check git's exit and that every commit of the chunk was read."""
        if self._proc.wait() != 0:
            self._stderr.seek(0)
            raise SourceError(failure_line(self.args, self._stderr.read()))
        read = 0 if self.scanner is None else self.scanner.commits
        if read != len(self.shas):
            raise SourceError(f"git log -p returned {read} of {len(self.shas)} commits")

    def stop(self, sink: _Sink) -> None:
        """Kill git if still running and release its resources (the queue is drained)."""
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        while self._thread.is_alive():
            with contextlib.suppress(queue.Empty):
                sink.blocks.get(timeout=0.05)
        self._thread.join()
        if self._proc.stdout is not None:
            self._proc.stdout.close()
        self._stderr.close()


class _Sink:
    """The queue every process's blocks arrive on, bounded so memory is too."""

    def __init__(self) -> None:
        self.blocks: queue.Queue[tuple[int, bytes | None]] = queue.Queue(_QUEUED_BLOCKS)
        self.stopped = threading.Event()


def stream_added_lines(
    runner: GitRunner,
    shas: Sequence[str],
    keywords: Sequence[str],
    jobs: int,
    on_commit: Callable[[], None] | None = None,
) -> Iterator[AddedLine]:
    """Added lines of the commits ``shas`` that hold a keyword (ASCII case ignored); every added
    line when ``keywords`` is empty. Commits are split over ``jobs`` processes, so lines arrive
    in the order of each chunk but chunks interleave. ``on_commit`` is called once per commit."""
    pattern = keyword_pattern(keywords)
    return scan_patches(runner, shas, jobs, PATCH_ARGS, lambda: PatchScanner(pattern), on_commit)


def scan_patches(
    runner: GitRunner,
    shas: Sequence[str],
    jobs: int,
    args: Sequence[str],
    factory: Callable[[], PatchScanner],
    on_commit: Callable[[], None] | None = None,
    scanners: list[PatchScanner] | None = None,
) -> Iterator[AddedLine]:
    """Run ``git <args>`` over ``jobs`` contiguous chunks of ``shas`` at once, each stream fed to
    its own scanner from ``factory``; yield the scanners' added lines as blocks arrive.

    ``scanners`` (when given) receives each chunk's scanner, in chunk order, once the stream is
    exhausted; every chunk is checked to have printed exactly its commits.
    """
    sink = _Sink()
    processes: list[_PatchProcess] = []
    try:
        for index, chunk in enumerate(chunks(shas, jobs)):
            processes.append(_PatchProcess(runner, args, chunk, index, sink))
        open_streams = len(processes)
        while open_streams:
            index, block = sink.blocks.get()
            process = processes[index]
            scanner = process.scanner = process.scanner or factory()
            before = scanner.commits
            if block is None:
                open_streams -= 1
                yield from scanner.close()
                process.finish()
            else:
                yield from scanner.feed(block)
            if on_commit is not None:
                for _ in range(scanner.commits - before):
                    on_commit()
        if scanners is not None:
            scanners.extend(p.scanner or factory() for p in processes)
    finally:
        sink.stopped.set()
        for process in processes:
            process.stop(sink)
