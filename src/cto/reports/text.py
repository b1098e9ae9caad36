"""Wording and number formatting shared by every rendering, so Markdown, HTML and SVG agree.

Renderers never compute findings; they only need the same few presentation rules: how a number
is written, how a missing value reads, how a commit is shortened, and how a string that came
from a non-UTF-8 repository path is made safe to write as UTF-8.
"""

from __future__ import annotations

import math

from cto.findings import Rating, Severity
from cto.reports.model import Cell, RepositorySection

MISSING = "—"
"""How a missing value (``None``) reads in every rendering."""

SHORT_COMMIT = 10
"""Characters of a commit hash shown in reports (the full hash is in the JSON)."""

RATING_LABELS = {
    Rating.RED: "Red",
    Rating.AMBER: "Amber",
    Rating.GREEN: "Green",
    Rating.NOT_ASSESSED: "Not assessed",
}

SEVERITY_LABELS = {severity: severity.value.capitalize() for severity in Severity}

_NO_SPACE_UNITS = frozenset({"%", "×", "x"})
_SINGULAR = {"people": "person"}


def displayable(text: str) -> str:
    """``text`` made encodable as UTF-8: lone surrogates become ``\\xNN`` escapes.

    Paths from non-UTF-8 file systems arrive as lone surrogates (``"caf\\udce9"``); they would
    make writing the report fail, so they are shown as the byte they stand for (``caf\\xe9``).
    """
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        # Surrogates that do not stand for a byte (not from surrogateescape): show them raw.
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "backslashreplace")


def format_number(value: float) -> str:
    """A number as a reader sees it: ``1,234``, ``12.5``, ``0.33``; deterministic everywhere."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if math.isnan(value):
        return "n/a"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if value.is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    if abs(value) >= 1:
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:.2g}"


def format_cell(value: Cell) -> str:
    """A table cell or metric value as text; ``None`` reads as :data:`MISSING`."""
    if value is None:
        return MISSING
    if isinstance(value, str):
        return value
    return format_number(value)


def with_unit(value: Cell, unit: str) -> str:
    """A value followed by its unit (``3 people``, ``42%``); a missing value has no unit."""
    text = format_cell(value)
    if value is None or not unit:
        return text
    if value == 1:
        unit = _SINGULAR.get(unit, unit[:-1] if unit.endswith("s") and unit[-2:] != "ss" else unit)
    return f"{text}{unit}" if unit in _NO_SPACE_UNITS else f"{text} {unit}"


def short_commit(sha: str | None) -> str:
    """The first :data:`SHORT_COMMIT` characters of a commit hash, or :data:`MISSING`."""
    return sha[:SHORT_COMMIT] if sha else MISSING


def is_numeric_column(rows: tuple[tuple[Cell, ...], ...], index: int) -> bool:
    """True when every present cell of column ``index`` is a number (so it is right-aligned)."""
    cells = [row[index] for row in rows if index < len(row) and row[index] is not None]
    return bool(cells) and all(isinstance(cell, int | float) for cell in cells)


def commit_window(section: RepositorySection) -> str:
    """One sentence on which history was read: commits, dates, and the window asked for."""
    plural = "" if section.commits == 1 else "s"
    text = f"{section.commits:,} commit{plural}"
    if section.first_commit and section.last_commit:
        text += f" from {section.first_commit} to {section.last_commit}"
    if section.since or section.until:
        asked = " ".join(
            part
            for part in (
                f"since {section.since}" if section.since else "",
                f"until {section.until}" if section.until else "",
            )
            if part
        )
        text += f" (window asked for: {asked})"
    return text + "."


def history_notes(section: RepositorySection) -> tuple[str, ...]:
    """Caveats a reader must see next to the numbers: shallow clone, incremental read."""
    notes: list[str] = []
    if section.head is None:
        notes.append("The repository has no commits yet, so there is no history to measure.")
    if section.shallow:
        notes.append(
            "Shallow clone: history before the cut is missing, so ownership, age and churn"
            " figures undercount."
        )
    if section.incremental:
        notes.append(
            "Incremental audit: only commits new since the last audit were read from git;"
            " earlier history came from the saved results."
        )
    return tuple(notes)
