"""Hypothesis strategies for architecture decision records: single ADRs and linked ADR lists.

Text is drawn to stress the Markdown file formats: headings, escaped headings, status-like and
link-like lines, bullets, front-matter fences, blank lines, trailing spaces, tabs and unicode.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import strategies as st

from cto.record.adr import MAX_NUMBER, Adr, AdrStatus

_LINE_CHARACTERS = st.characters(
    blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\x85"
)
_TRICKY_LINES = st.sampled_from(
    [
        "# 1. Title",
        "## Status",
        "## Context",
        "### Consequences",
        "#hashtag",
        "\\# already escaped",
        "\\\\## two backslashes",
        "---",
        "...",
        "Date: 2020-01-01",
        "Accepted",
        "Superseded by [2. Other](0002-other.md)",
        "* bullet",
        "- dash item",
        "* Audit finding: x",
        "```",
        "<!-- comment -->",
        "   indented ## not a heading",
        "trailing spaces   ",
        "\ttab\tseparated",
        "status: accepted",
        "ünïcödé — 日本語 🚀",
        "",
    ]
)

line_text = st.one_of(
    st.text(_LINE_CHARACTERS, min_size=1, max_size=40),
    _TRICKY_LINES.filter(bool),
).filter(lambda text: text.strip() != "")
"""A single line with something printable in it (valid for titles, options, names, ids)."""

prose = st.lists(
    st.one_of(_TRICKY_LINES, st.text(_LINE_CHARACTERS | st.sampled_from("\t\u2028"), max_size=30)),
    max_size=6,
).map("\n".join)
"""Several lines of Markdown, possibly empty."""

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
names = st.lists(line_text, max_size=3)
risk_numbers = st.lists(st.integers(min_value=1, max_value=10**6), max_size=3)


def _fields(number: int) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "number": st.just(number),
            "title": line_text,
            "date": dates,
            "deciders": names,
            "context": prose,
            "options": names,
            "decision": prose,
            "consequences": prose,
            "cites_findings": names,
            "cites_risks": risk_numbers,
        }
    )


_FREE_STATUSES = st.sampled_from(list(AdrStatus))


@st.composite
def adrs(draw: st.DrawFn) -> Adr:
    """One valid ADR; its links (if any) point at other numbers but need no partner."""
    number = draw(st.integers(min_value=1, max_value=MAX_NUMBER))
    data = draw(_fields(number))
    others = st.integers(min_value=1, max_value=MAX_NUMBER).filter(lambda n: n != number)
    data["superseded_by"] = draw(st.none() | others)
    data["supersedes"] = [
        n for n in draw(st.lists(others, max_size=3)) if n != data["superseded_by"]
    ]
    data["status"] = (
        AdrStatus.SUPERSEDED if data["superseded_by"] is not None else draw(_FREE_STATUSES)
    )
    return Adr.model_validate(data)


@st.composite
def adr_lists(draw: st.DrawFn, max_size: int = 6) -> list[Adr]:
    """ADRs with distinct numbers, by number, whose superseding links agree both ways."""
    numbers = sorted(
        draw(st.sets(st.integers(min_value=1, max_value=MAX_NUMBER), max_size=max_size))
    )
    superseded_by: dict[int, int | None] = {}
    for index, number in enumerate(numbers):
        later = numbers[index + 1 :]
        superseded_by[number] = draw(st.none() | st.sampled_from(later)) if later else None
    result = []
    for number in numbers:
        data = draw(_fields(number))
        data["superseded_by"] = superseded_by[number]
        data["supersedes"] = [old for old, new in superseded_by.items() if new == number]
        data["status"] = (
            AdrStatus.SUPERSEDED if superseded_by[number] is not None else draw(_FREE_STATUSES)
        )
        result.append(Adr.model_validate(data))
    return result


STRATEGIES: dict[str, st.SearchStrategy[Any]] = {"adr": adrs()}
"""Record kind → strategy of valid entries, for the whole-record export/import property test."""
