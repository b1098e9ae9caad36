"""Read-only access to one audited git repository: commits, history, the tree, single files.

Every git call goes through :class:`cto.sources.gitrun.GitRunner`, which neutralises the
repository's config. Nothing here follows a symlink: the tree and files are read from git objects,
and an entry that is a symlink or a submodule is skipped.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, NamedTuple

from cto.errors import InputError, SourceError
from cto.sources.gitlog import stream_commits
from cto.sources.gitpass import stream_history
from cto.sources.gitpatch import AddedLine, stream_added_lines
from cto.sources.gitrun import GitRunner, failure_line
from cto.sources.interface import RawCommit, RepositoryInfo, TreeEntry

_REGULAR_MODES = (b"100644", b"100755")
_BINARY_PROBE = 8000  # git's own heuristic: a NUL byte in the first 8000 bytes means binary


def _revision(rev: str) -> str:
    """Refuse a revision git could read as an option (``--output=...``)."""
    if not rev or rev.startswith("-"):
        raise SourceError(f"invalid revision: {rev!r}")
    return rev


def count_lines(content: bytes) -> int | None:
    """Lines in a blob (a last line without newline counts), ``None`` when it looks binary."""
    if b"\0" in content[:_BINARY_PROBE]:
        return None
    newlines = content.count(b"\n")
    return newlines + (1 if content and not content.endswith(b"\n") else 0)


class TreeObject(NamedTuple):
    """One ``git ls-tree`` entry: path bytes, mode, object kind, hash, size.

    ``size`` is ``None`` for a submodule, or a blob missing from a partial clone.
    """

    path: bytes
    mode: bytes
    kind: bytes
    sha: bytes
    size: int | None

    def is_regular(self) -> bool:
        """A regular file (100644 or 100755): never a symlink (120000) nor a submodule (160000)."""
        return self.mode in _REGULAR_MODES and self.kind == b"blob"

    def entry(self, lines: int | None) -> TreeEntry:
        """This file as a :class:`TreeEntry` with the given line count."""
        return TreeEntry(self.path.decode("utf-8", "surrogateescape"), self.size or 0, lines)


class GitRepository:
    """One repository opened for reading. Create it with :meth:`open`.

    Attributes:
        info: where it is, its HEAD commit (``None`` when empty), whether it is shallow or bare.
    """

    def __init__(self, info: RepositoryInfo, sandbox: tempfile.TemporaryDirectory[str]) -> None:
        self.info = info
        self._sandbox = sandbox  # kept alive with the repository; removed when it is collected
        self._git = GitRunner(Path(sandbox.name), git_dir=info.git_dir)

    @classmethod
    def open(cls, path: Path) -> GitRepository:
        """Open the repository whose work tree top (or bare git directory) is ``path``.

        Raises:
            InputError: one line: "<path>: no such directory", "<path>: cannot read (permission
                denied)" or "<path>: not a git repository" (also for a subdirectory of one).
        """
        path = path.resolve()
        if not path.is_dir():
            raise InputError(f"{path}: no such directory")
        if not os.access(path, os.R_OK | os.X_OK):
            raise InputError(f"{path}: cannot read (permission denied)")
        sandbox = tempfile.TemporaryDirectory(prefix="cto-git-")
        probe = GitRunner(Path(sandbox.name), cwd=path)
        found = probe.run("rev-parse", "--absolute-git-dir", "--is-bare-repository", ok=(0, 128))
        if found.returncode != 0:
            raise InputError(f"{path}: not a git repository")
        git_dir_text, bare_text = found.stdout.decode("utf-8", "surrogateescape").splitlines()[:2]
        git_dir, bare = Path(git_dir_text), bare_text == "true"
        root = git_dir if bare else cls._top_level(probe)
        if root is None or root.resolve() != path.resolve():
            raise InputError(f"{path}: not a git repository")
        runner = GitRunner(Path(sandbox.name), git_dir=git_dir)
        info = RepositoryInfo(
            root=path,
            name=path.name.removesuffix(".git") if bare else path.name,
            git_dir=git_dir,
            head=cls._head(runner),
            shallow=runner.run("rev-parse", "--is-shallow-repository").stdout.strip() == b"true",
            bare=bare,
        )
        return cls(info, sandbox)

    @staticmethod
    def _top_level(probe: GitRunner) -> Path | None:
        done = probe.run("rev-parse", "--show-toplevel", ok=(0, 128))
        text = done.stdout.decode("utf-8", "surrogateescape").rstrip("\n")
        return Path(text) if done.returncode == 0 and text else None

    @staticmethod
    def _head(runner: GitRunner) -> str | None:
        done = runner.run("rev-parse", "--verify", "--quiet", "HEAD^{commit}", ok=(0, 1, 128))
        return done.stdout.decode("ascii").strip() if done.returncode == 0 else None

    def rev_list(self, head: str, *, exclude: str | None = None) -> list[str]:
        """Hashes of ``exclude..head``, newest first, children always before their parents."""
        revisions = [_revision(head)] + ([f"^{_revision(exclude)}"] if exclude else [])
        done = self._git.run("rev-list", "--date-order", *revisions, "--")
        return done.stdout.decode("ascii").split()

    def commits_since(self, base: str, head: str) -> list[str] | None:
        """Hashes of ``base..head`` (newest first) when ``base`` is an ancestor of ``head``.

        ``None`` when it is not (history rewritten) or the repository no longer has it. One walk
        answers both questions: ``base`` is a boundary commit of ``head ^base`` exactly when it
        is reachable from ``head``. Without a commit-graph file each walk of a 30,000-commit
        history costs git a tenth of a second, and cto never writes one into an audited repository.
        """
        if base == head:
            return []
        revisions = (_revision(head), f"^{_revision(base)}")
        done = self._git.run(
            "rev-list", "--date-order", "--boundary", *revisions, "--", ok=(0, 128)
        )
        if done.returncode == 128:
            if self._has_commit(base):
                raise SourceError(failure_line(("rev-list",), done.stderr))
            return None
        listed = done.stdout.decode("ascii").split()
        if f"-{base}" not in listed:
            return None
        return [sha for sha in listed if not sha.startswith("-")]

    def iter_commits(
        self,
        shas: Sequence[str],
        *,
        jobs: int = 2,
        on_commit: Callable[[], None] | None = None,
    ) -> Iterator[RawCommit]:
        """Yield each commit of ``shas`` (full, distinct hashes) in the given order, with changes.

        ``jobs`` git processes share the work; ``on_commit`` is called once per commit (progress).
        """
        for commit in stream_commits(self._git, shas, jobs):
            if on_commit is not None:
                on_commit()
            yield commit

    def read_history(
        self,
        shas: Sequence[str],
        *,
        keywords: Sequence[str],
        jobs: int = 2,
        on_commit: Callable[[], None] | None = None,
    ) -> tuple[tuple[RawCommit, ...], list[AddedLine]]:
        """The commits ``shas`` in order with their changes, and the lines they added that hold
        one of ``keywords``, from one diff of each commit (see :mod:`cto.sources.gitpass`)."""
        return stream_history(self._git, shas, keywords, jobs, on_commit)

    def iter_added_lines(
        self,
        shas: Sequence[str],
        *,
        keywords: Sequence[str] = (),
        jobs: int = 2,
        on_commit: Callable[[], None] | None = None,
    ) -> Iterator[AddedLine]:
        """Lines the commits ``shas`` added (merges excluded), with commit, path and line number.

        Only lines holding one of ``keywords`` (ASCII case ignored) are decoded and yielded, all
        of them when none are given; binary changes add no lines. ``jobs`` git processes share
        the commits, so the lines of different chunks interleave. ``on_commit``: once per commit.
        """
        return stream_added_lines(self._git, shas, keywords, jobs, on_commit)

    def _has_commit(self, rev: str) -> bool:
        done = self._git.run(
            "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", ok=(0, 1, 128)
        )
        return done.returncode == 0

    def tree_objects(self, commit: str, *paths: bytes, recursive: bool = True) -> list[TreeObject]:
        """Every ``ls-tree`` entry at ``commit``: regular files, symlinks and submodules alike.

        Nothing is read but the listing; callers decide what a symlink or a submodule means.
        """
        flags = ["-r"] if recursive else []
        done = self._git.run(
            "ls-tree", "-z", "-l", "--full-tree", *flags, _revision(commit), "--", *paths
        )
        objects = []
        for record in filter(None, done.stdout.split(b"\0")):
            meta, _, path = record.partition(b"\t")
            fields = meta.split()
            if len(fields) != 4:
                raise SourceError("unexpected git ls-tree output")
            mode, kind, sha, size = fields
            # ls-tree prints "BAD" as the size of a blob missing from a partial clone, "-" for
            # a submodule
            objects.append(TreeObject(path, mode, kind, sha, int(size) if size.isdigit() else None))
        return objects

    def _files(self, commit: str, *paths: bytes, recursive: bool) -> Iterator[TreeObject]:
        """Regular files among the ``ls-tree`` entries; symlinks and submodules are skipped."""
        return filter(TreeObject.is_regular, self.tree_objects(commit, *paths, recursive=recursive))

    def read_file(self, commit: str, path: str, *, max_bytes: int = 1_000_000) -> bytes | None:
        """Content of the regular file ``path`` at ``commit``; ``None`` if absent, not a regular
        file (a symlink is never followed), missing from a partial clone, or over ``max_bytes``."""
        wanted = path.encode("utf-8", "surrogateescape")
        for file in self._files(commit, wanted, recursive=False):
            if file.path == wanted and file.size is not None and file.size <= max_bytes:
                return self._git.run("cat-file", "blob", file.sha.decode("ascii")).stdout
        return None

    def tree(self, commit: str, *, max_file_bytes: int = 5_000_000) -> list[TreeEntry]:
        """Regular files at ``commit``, with size and lines (``None``: binary or over the cap).

        Symlinks and submodules are skipped. Contents are read through one ``cat-file --batch``.
        """
        files = list(self._files(commit, recursive=True))
        wanted = sorted({f.sha for f in files if f.size is not None and f.size <= max_file_bytes})
        counts = {
            sha: None if content is None else count_lines(content)
            for sha, content in self.blob_contents(wanted)
        }
        return [f.entry(counts.get(f.sha)) for f in files]

    def blob_contents(self, shas: Sequence[bytes]) -> Iterator[tuple[bytes, bytes | None]]:
        """Each blob's content, in the order given, streamed through one ``git cat-file --batch``.

        The content is ``None`` for a blob missing from a partial clone. Only one blob is held in
        memory at a time; stopping the iteration early stops git.
        """
        if not shas:
            return
        process = self._git.popen("cat-file", "--batch")
        assert process.stdin is not None and process.stdout is not None
        writer = threading.Thread(target=_feed, args=(process.stdin, shas), daemon=True)
        writer.start()
        try:
            for sha in shas:
                header = process.stdout.readline().split()
                if header[:1] != [sha]:
                    raise SourceError(f"git cat-file lost its place at blob {sha.decode('ascii')}")
                if header[1:2] != [b"blob"]:  # "missing": a partial clone without this blob
                    yield sha, None
                    continue
                content = process.stdout.read(int(header[2]) + 1)  # the content, then a newline
                yield sha, content[:-1]
        finally:
            process.kill()
            process.wait()
            writer.join()
            process.stdout.close()


def _feed(stdin: IO[bytes], shas: Sequence[bytes]) -> None:
    """Write blob names to ``cat-file --batch`` (a thread, so its output never blocks its input)."""
    try:
        for sha in shas:
            stdin.write(sha + b"\n")
        stdin.close()
    except (BrokenPipeError, ValueError):
        pass  # the reader stopped early; it reports why
