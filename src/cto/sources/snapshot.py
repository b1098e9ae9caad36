"""A private copy of the tree at the audited commit, written from git objects, never checked out.

:func:`materialize` reads every regular blob through one ``git cat-file --batch`` and writes it
under a directory cto owns, so scc and lizard can read files while nothing of the repository's
config, hooks, attributes or filters is involved. Only regular files are written: a symlink
(mode 120000) or a submodule (160000) is listed, never created, so nothing in the copy can point
outside it. A path with an empty, ``.`` or ``..`` component, or an absolute one (impossible from
git, possible from a crafted tree object), is refused.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cto.sources.git import GitRepository, TreeObject, count_lines
from cto.sources.interface import TreeEntry

_SYMLINK = b"120000"
_SUBMODULE = b"160000"
_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


@dataclass
class Materialized:
    """What :func:`materialize_tree` found and wrote.

    Attributes:
        entries: every regular file, with size and lines exactly as ``GitRepository.tree`` gives.
        written: paths of the files written under the destination.
        symlinks: paths of symbolic links (listed, never written nor followed).
        submodules: paths of submodules (listed, never entered).
        refused: paths not written because they were unsafe or the file system refused them.
        contents: what was written at some of the ``written`` paths, kept in memory (up to the
            ``keep_bytes`` given to :func:`materialize_tree`) so reading them costs nothing.
    """

    entries: list[TreeEntry] = field(default_factory=list)
    written: set[str] = field(default_factory=set)
    symlinks: list[str] = field(default_factory=list)
    submodules: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    contents: dict[str, bytes] = field(default_factory=dict)


def safe_relative(path: bytes) -> bool:
    """True when ``path`` is relative and each of its components is a plain name."""
    if not path or b"\0" in path:
        return False
    wrapped = b"/" + path + b"/"  # an empty, "." or ".." component, or a leading "/", shows here
    return b"//" not in wrapped and b"/./" not in wrapped and b"/../" not in wrapped


class TreeWriter:
    """Writes files under ``dest``, creating each directory once, refusing what is unsafe."""

    def __init__(self, dest: Path) -> None:
        self._root = os.fsencode(dest)
        self._directories: set[bytes] = {b""}

    def write(self, path: bytes, content: bytes) -> bool:
        """Write ``content`` at ``dest/path``; False (nothing written) when the path is unsafe,
        already exists, or the file system refuses it (a name too long, a file where a directory
        should be). Never follows a symlink, never overwrites."""
        if not safe_relative(path):
            return False
        try:
            self._directory(path.rpartition(b"/")[0])
            descriptor = os.open(self._root + b"/" + path, _WRITE_FLAGS, 0o600)
        except OSError:
            return False
        try:  # plain os.write: no buffered file object per file
            view = memoryview(content)
            while view:
                view = view[os.write(descriptor, view) :]
        finally:
            os.close(descriptor)
        return True

    def _directory(self, relative: bytes) -> None:
        """Create ``dest/relative`` one level at a time, each a real directory (not a symlink).

        Bytes paths: a name that is not UTF-8 is written as git stores it.
        """
        missing = []
        while relative not in self._directories:
            missing.append(relative)
            relative = relative.rpartition(b"/")[0]
        for directory in reversed(missing):  # outermost first
            target = self._root + b"/" + directory
            with contextlib.suppress(FileExistsError):
                os.mkdir(target, 0o700)  # noqa: PTH102
            if not stat.S_ISDIR(os.lstat(target).st_mode):
                raise NotADirectoryError(target)  # a file or a symlink stands there
            self._directories.add(directory)


def materialize_tree(
    repo: GitRepository,
    commit: str,
    dest: Path,
    *,
    max_file_bytes: int = 5_000_000,
    on_blob: Callable[[], None] | None = None,
    objects: list[TreeObject] | None = None,
    keep_bytes: int = 0,
) -> Materialized:
    """Write every regular file of ``commit`` up to ``max_file_bytes`` under ``dest`` (which
    must exist and be private); ``on_blob`` is called once per blob read (progress).

    ``objects`` is the commit's ``GitRepository.tree_objects`` when the caller already has it.
    Up to ``keep_bytes`` of what is written stays in memory, in ``contents``.
    """
    result = Materialized()
    regular = _sort_objects(objects or repo.tree_objects(commit), result)
    by_sha: dict[bytes, list[bytes]] = defaultdict(list)
    for item in regular:
        if item.size is not None and item.size <= max_file_bytes:
            by_sha[item.sha].append(item.path)
    counts: dict[bytes, int | None] = {}
    writer = TreeWriter(dest)
    written, refused, contents = result.written, result.refused, result.contents
    for sha, content in repo.blob_contents(sorted(by_sha)):
        if on_blob is not None:
            on_blob()
        counts[sha] = None if content is None else count_lines(content)
        if content is None:  # missing from a partial clone
            continue
        for path in by_sha[sha]:
            name = path.decode("utf-8", "surrogateescape")
            if not writer.write(path, content):
                refused.append(name)
                continue
            written.add(name)
            if len(content) <= keep_bytes:
                contents[name] = content
                keep_bytes -= len(content)
    result.entries = [item.entry(counts.get(item.sha)) for item in regular]
    return result


def _sort_objects(objects: list[TreeObject], result: Materialized) -> list[TreeObject]:
    """The regular files among ``objects``; symlinks and submodules are noted in ``result``."""
    regular: list[TreeObject] = []
    for item in objects:
        name = item.path.decode("utf-8", "surrogateescape")
        if item.is_regular():
            regular.append(item)
        elif item.mode == _SYMLINK:
            result.symlinks.append(name)
        elif item.mode == _SUBMODULE:
            result.submodules.append(name)
    return regular


def materialize(
    repo: GitRepository, commit: str, dest: Path, *, max_file_bytes: int = 5_000_000
) -> list[TreeEntry]:
    """Write the regular files of ``commit`` under ``dest`` in one ``cat-file --batch`` pass and
    return them as :class:`TreeEntry` (lines as ``GitRepository.tree`` counts them). Files over
    ``max_file_bytes`` are not written and have ``lines`` ``None``."""
    return materialize_tree(repo, commit, dest, max_file_bytes=max_file_bytes).entries


class DirectorySnapshot:
    """A :class:`cto.analyzers.code_interface.TreeSnapshot` over a materialized private copy.

    Only the tree's own regular files can be read: a path not in the tree is absent, whatever
    the file system holds. Valid while the directory exists (inside ``collect_code``).
    ``contents`` holds what is known to be written at some paths (``Materialized.contents``):
    those are read from memory.
    """

    def __init__(
        self,
        root: Path,
        paths: list[str] | tuple[str, ...],
        contents: Mapping[str, bytes] | None = None,
    ) -> None:
        self._root = os.fsencode(root)
        self._paths = tuple(sorted(paths))
        self._known = frozenset(self._paths)
        self._contents = contents or {}

    @property
    def root(self) -> Path:
        """The directory holding the copy."""
        return Path(os.fsdecode(self._root))

    def paths(self) -> tuple[str, ...]:
        """Every regular file of the tree, sorted (symlinks and submodules are not files)."""
        return self._paths

    def read_bytes(self, path: str, max_bytes: int = 1_000_000) -> bytes | None:
        """The file's bytes; ``None`` if not in the tree, not copied, or over ``max_bytes``."""
        if path not in self._known:
            return None
        data = self._contents.get(path)
        if data is None:
            data = self._read(path, max_bytes)
        return None if data is None or len(data) > max_bytes else data

    def read_text(self, path: str, max_bytes: int = 1_000_000) -> str | None:
        """The file decoded as UTF-8 (invalid bytes replaced); ``None`` if absent, binary (a NUL
        byte in its first 8000 bytes) or larger than ``max_bytes``."""
        data = self.read_bytes(path, max_bytes)
        if data is None or b"\0" in data[:8000]:
            return None
        return data.decode("utf-8", "replace")

    def _read(self, path: str, max_bytes: int) -> bytes | None:
        """Up to ``max_bytes + 1`` bytes of the file (never through a symlink)."""
        target = self._root + b"/" + path.encode("utf-8", "surrogateescape")
        try:
            descriptor = os.open(target, _READ_FLAGS)
        except OSError:
            return None
        try:  # one read of the size fstat gives, then one more to see the end
            wanted = max_bytes + 1
            parts = [os.read(descriptor, min(os.fstat(descriptor).st_size + 1, wanted))]
            got = len(parts[0])
            while parts[-1] and got < wanted:
                parts.append(os.read(descriptor, wanted - got))
                got += len(parts[-1])
        except OSError:
            return None
        finally:
            os.close(descriptor)
        return parts[0] if len(parts) == 1 else b"".join(parts)
