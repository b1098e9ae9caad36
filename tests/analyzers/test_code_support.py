"""Build :class:`CodeFacts` by hand for the code analyzer tests (imported by test_code_*.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from cto.analyzers.code_interface import (
    CodeFacts,
    DuplicateBlock,
    Function,
    MemorySnapshot,
    SourceFile,
)
from cto.analyzers.interface import ExcludedPath

LANGUAGES = {
    "py": "Python", "js": "JavaScript", "ts": "TypeScript", "go": "Go", "sql": "SQL",
    "md": "Markdown", "yml": "YAML", "rb": "Ruby", "java": "Java",
}  # fmt: skip


def source(path: str, code: int = 10, comment: int = 0, blank: int = 0, **kw: object) -> SourceFile:
    """A counted text file; its language follows its extension unless given."""
    language = kw.pop("language", LANGUAGES.get(path.rsplit(".", 1)[-1], ""))
    binary = bool(kw.pop("binary", False))
    size = int(kw.pop("size", 40 * (code + comment + blank)))  # type: ignore[call-overload]
    assert not kw, kw
    lines = code + comment + blank
    return SourceFile(path, str(language), size, lines, code, comment, blank, binary)


def function(path: str, name: str = "f", cyclomatic: int = 1, nloc: int = 5,
             parameters: int = 0, nesting: int = 0, line: int = 1) -> Function:  # fmt: skip
    """A measured function."""
    return Function(path, name, line, line + nloc, cyclomatic, nloc, parameters, nesting)


def code_facts(
    files: Iterable[SourceFile] = (),
    functions: Iterable[Function] = (),
    duplicates: Iterable[DuplicateBlock] = (),
    texts: Mapping[str, str | bytes] | None = None,
    skipped: Iterable[ExcludedPath] = (),
) -> CodeFacts:
    """Facts of ``files``; the snapshot holds ``texts`` (and nothing else)."""
    return CodeFacts(
        repository="acme/shop",
        head="f" * 40,
        files=tuple(files),
        skipped=tuple(skipped),
        functions=tuple(functions),
        duplicates=tuple(duplicates),
        snapshot=MemorySnapshot(dict(texts or {})),
    )


def test_builder_counts_lines() -> None:
    made = source("a.py", 3, 2, 1)
    assert (made.language, made.lines, made.size) == ("Python", 6, 240)
