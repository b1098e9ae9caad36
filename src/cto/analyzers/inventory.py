"""Inventory: files and lines per language, binary and skipped files, and the detected stack.

Line counts are scc's (code, comment, blank) as the code facts carry them; this module only adds
them up. Binary files are counted apart (they have no lines); generated, vendored, minified,
over-cap files and symbolic links were left out by the producer and are listed with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from cto.analyzers.code_interface import CodeFacts
from cto.analyzers.interface import ExcludedPath
from cto.analyzers.stack import Technology, detect
from cto.findings import NotAssessed

AREA = "codebase"
UNKNOWN_LANGUAGE = "Other"


@dataclass(frozen=True)
class LanguageTotals:
    """Lines of one language: text files, code, comment and blank lines (scc's counts)."""

    language: str
    files: int
    code: int
    comment: int
    blank: int

    @property
    def lines(self) -> int:
        """All lines: code + comments + blanks."""
        return self.code + self.comment + self.blank


@dataclass(frozen=True)
class Inventory:
    """What the tree holds.

    Attributes:
        languages: totals per language, most code lines first (then by name); files scc does not
            recognise are counted as "Other".
        text_files: text files counted.
        code: lines of code over all languages.
        comment: comment lines.
        blank: blank lines.
        binary_files: binary files (no lines), counted apart.
        binary_bytes: their total size in bytes.
        skipped: files left out of every count, with the reason.
        stack: runtimes and frameworks detected from the manifests.
        not_assessed: what could not be measured, and why.
    """

    languages: tuple[LanguageTotals, ...]
    text_files: int
    code: int
    comment: int
    blank: int
    binary_files: int
    binary_bytes: int
    skipped: tuple[ExcludedPath, ...]
    stack: tuple[Technology, ...]
    not_assessed: tuple[NotAssessed, ...] = ()

    def share(self, language: LanguageTotals) -> float:
        """A language's share of all code lines, in percent (0 when there is no code)."""
        return 100 * language.code / self.code if self.code else 0.0


def analyze(code: CodeFacts) -> Inventory:
    """Add up the counted files of ``code`` per language and detect its stack."""
    totals: dict[str, list[int]] = {}
    binary_files = binary_bytes = 0
    for source in code.files:
        if source.binary:
            binary_files += 1
            binary_bytes += source.size
            continue
        row = totals.setdefault(source.language or UNKNOWN_LANGUAGE, [0, 0, 0, 0])
        row[0] += 1
        row[1] += source.code
        row[2] += source.comment
        row[3] += source.blank
    languages = sorted(
        (LanguageTotals(name, *row) for name, row in totals.items()),
        key=lambda t: (-t.code, t.language),
    )
    not_assessed = () if code.files else (NotAssessed(AREA, "no files to count in the tree"),)
    return Inventory(
        languages=tuple(languages),
        text_files=sum(t.files for t in languages),
        code=sum(t.code for t in languages),
        comment=sum(t.comment for t in languages),
        blank=sum(t.blank for t in languages),
        binary_files=binary_files,
        binary_bytes=binary_bytes,
        skipped=tuple(sorted(code.skipped, key=lambda s: s.path)),
        stack=detect(code),
        not_assessed=not_assessed,
    )
