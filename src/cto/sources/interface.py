"""Records the sources stage hands to the analyzers stage.

Paths and names are ``str`` decoded from git's bytes with ``surrogateescape``, so a non-UTF-8
path or author name survives intact (``text.encode("utf-8", "surrogateescape")`` gives back the
original bytes). Use :func:`display` to show one to a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def display(text: str) -> str:
    """Render a possibly non-UTF-8 string for people: undecodable bytes become ``\\xNN``."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


@dataclass(frozen=True, slots=True)
class FileChange:
    """One file changed by one commit.

    Attributes:
        path: the file's path after the commit.
        old_path: its path before the commit when git detected a rename, else ``None``.
        added: lines added, ``None`` for a binary file.
        deleted: lines deleted, ``None`` for a binary file.
    """

    path: str
    old_path: str | None
    added: int | None
    deleted: int | None


@dataclass(frozen=True, slots=True)
class RawCommit:
    """One commit as git reports it, before identities are merged or paths resolved.

    Attributes:
        sha: full commit hash.
        parents: parent hashes; more than one for a merge.
        author_name: author name as recorded (no mailmap applied).
        author_email: author email as recorded (no mailmap applied).
        author_time: author date, seconds since the epoch (UTC).
        changes: files changed against the first parent; empty for merges (their changes are
            counted once, in the commits that made them).
    """

    sha: str
    parents: tuple[str, ...]
    author_name: str
    author_email: str
    author_time: int
    changes: tuple[FileChange, ...]

    @property
    def is_merge(self) -> bool:
        """True for a commit with more than one parent."""
        return len(self.parents) > 1


@dataclass(frozen=True, slots=True)
class TreeEntry:
    """One regular file in the tree of the audited commit.

    Attributes:
        path: repository-relative path.
        size: size in bytes.
        lines: number of lines, ``None`` for a binary file or one over the size cap.
    """

    path: str
    size: int
    lines: int | None


@dataclass(frozen=True, slots=True)
class RepositoryInfo:
    """What cto knows about an audited repository before reading its history.

    Attributes:
        root: absolute path of the work tree (or of the git directory for a bare repository).
        name: a short display name (the folder name).
        git_dir: absolute path of the git directory.
        head: hash of the commit HEAD points at, ``None`` for an empty repository.
        shallow: True when the clone is shallow (history is truncated).
        bare: True for a bare repository.
    """

    root: Path
    name: str
    git_dir: Path
    head: str | None
    shallow: bool
    bare: bool
