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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cto.sources.git import GitRepository, TreeObject, count_lines
from cto.sources.interface import TreeEntry

_SYMLINK = b"120000"
_SUBMODULE = b"160000"
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
    """

    entries: list[TreeEntry] = field(default_factory=list)
    written: set[str] = field(default_factory=set)
    symlinks: list[str] = field(default_factory=list)
    submodules: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def safe_relative(path: bytes) -> bool:
    """True when ``path`` is relative and each of its components is a plain name."""
    if not path or path.startswith(b"/") or b"\0" in path:
        return False
    return all(part not in (b"", b".", b"..") for part in path.split(b"/"))


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
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
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
) -> Materialized:
    """Write every regular file of ``commit`` up to ``max_file_bytes`` under ``dest`` (which
    must exist and be private); ``on_blob`` is called once per blob read (progress).

    ``objects`` is the commit's ``GitRepository.tree_objects`` when the caller already has it.
    """
    result = Materialized()
    regular = _sort_objects(objects or repo.tree_objects(commit), result)
    by_sha: dict[bytes, list[bytes]] = defaultdict(list)
    for item in regular:
        if item.size is not None and item.size <= max_file_bytes:
            by_sha[item.sha].append(item.path)
    counts: dict[bytes, int | None] = {}
    writer = TreeWriter(dest)
    for sha, content in repo.blob_contents(sorted(by_sha)):
        if on_blob is not None:
            on_blob()
        counts[sha] = None if content is None else count_lines(content)
        if content is None:  # missing from a partial clone
            continue
        for path in by_sha[sha]:
            name = path.decode("utf-8", "surrogateescape")
            if writer.write(path, content):
                result.written.add(name)
            else:
                result.refused.append(name)
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
    """

    def __init__(self, root: Path, paths: list[str] | tuple[str, ...]) -> None:
        self._root = os.fsencode(root)
        self._paths = tuple(sorted(paths))
        self._known = frozenset(self._paths)

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
        target = self._root + b"/" + path.encode("utf-8", "surrogateescape")
        try:
            descriptor = os.open(target, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            return None
        with os.fdopen(descriptor, "rb") as handle:
            data = handle.read(max_bytes + 1)
        return None if len(data) > max_bytes else data

    def read_text(self, path: str, max_bytes: int = 1_000_000) -> str | None:
        """The file decoded as UTF-8 (invalid bytes replaced); ``None`` if absent, binary (a NUL
        byte in its first 8000 bytes) or larger than ``max_bytes``."""
        data = self.read_bytes(path, max_bytes)
        if data is None or b"\0" in data[:8000]:
            return None
        return data.decode("utf-8", "replace")
