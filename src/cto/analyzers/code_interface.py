"""The facts the code analyzers read: the tree at the audited commit, measured once per audit.

Produced by ``cto.sources.code`` (never by an analyzer): line counts per language (scc),
functions with their complexity (lizard), duplicated blocks, and read access to the tree's text
files through a :class:`TreeSnapshot`. Paths are repository-relative, ``/``-separated, decoded
with ``surrogateescape`` like every path in cto.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from cto.analyzers.interface import ExcludedPath
from cto.findings import NotAssessed


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One regular file of the audited tree that was counted.

    Attributes:
        path: repository-relative path.
        language: language name as scc reports it ("Python", "TypeScript"), "" when unknown.
        size: size in bytes.
        lines: all lines.
        code: lines of code.
        comment: comment lines.
        blank: blank lines.
        binary: True for a binary file (then every line count is 0).
    """

    path: str
    language: str
    size: int
    lines: int
    code: int
    comment: int
    blank: int
    binary: bool = False


@dataclass(frozen=True, slots=True)
class Function:
    """One function or method, as lizard measures it.

    Attributes:
        path: file it is in.
        name: its (qualified, where the language allows) name.
        line: first line.
        end_line: last line.
        cyclomatic: cyclomatic complexity (McCabe).
        nloc: lines of code in it (no comments or blanks).
        parameters: number of parameters.
        nesting: deepest nesting of control structures in it.
    """

    path: str
    name: str
    line: int
    end_line: int
    cyclomatic: int
    nloc: int
    parameters: int
    nesting: int


@dataclass(frozen=True, slots=True)
class DuplicateBlock:
    """A run of lines that stands, the same once whitespace is ignored, in two places.

    Attributes:
        path: first place.
        line: its first line.
        other_path: second place (may equal ``path``).
        other_line: its first line.
        lines: length of the run.
    """

    path: str
    line: int
    other_path: str
    other_line: int
    lines: int


class TreeSnapshot(Protocol):
    """Read access to the text files of the audited tree (a private copy, never the work tree)."""

    def paths(self) -> tuple[str, ...]:
        """Every regular file of the tree, sorted (symlinks and submodules are not files)."""
        ...

    def read_text(self, path: str, max_bytes: int = 1_000_000) -> str | None:
        """The file decoded as UTF-8 (invalid bytes replaced); ``None`` if absent, binary or
        larger than ``max_bytes``."""
        ...


@dataclass(frozen=True)
class MemorySnapshot:
    """A :class:`TreeSnapshot` held in memory: for tests and small trees."""

    files: Mapping[str, str | bytes]

    def paths(self) -> tuple[str, ...]:
        """Every file, sorted."""
        return tuple(sorted(self.files))

    def read_text(self, path: str, max_bytes: int = 1_000_000) -> str | None:
        """The file as text, ``None`` if absent, binary (a NUL byte) or over ``max_bytes``."""
        content = self.files.get(path)
        if content is None:
            return None
        data = content.encode("utf-8", "surrogateescape") if isinstance(content, str) else content
        if len(data) > max_bytes or b"\0" in data[:8000]:
            return None
        return data.decode("utf-8", "replace")


@dataclass(frozen=True)
class CodeFacts:
    """Everything the code analyzers need about the tree at the audited commit.

    Attributes:
        repository: display name.
        head: audited commit (``None`` for an empty repository).
        files: counted files (generated, vendored, over-cap files and symlinks are not here).
        skipped: files left out, with the reason ("vendored: vendor/", "over the 5 MB size cap",
            "symbolic link").
        functions: every function lizard found, in files of languages it supports.
        duplicates: duplicated blocks of at least the configured length.
        snapshot: read access to the tree's text files (CI configs, manifests, docs…).
        not_assessed: what could not be measured and why (e.g. a tool missing).
    """

    repository: str
    head: str | None
    files: tuple[SourceFile, ...]
    skipped: tuple[ExcludedPath, ...]
    functions: tuple[Function, ...]
    duplicates: tuple[DuplicateBlock, ...]
    snapshot: TreeSnapshot
    not_assessed: tuple[NotAssessed, ...] = field(default_factory=tuple)
