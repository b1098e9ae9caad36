"""Words the founder report's sections share: challenge titles, quoting, answers, conclusions."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from cto.advisor.conclusion import Conclusion
from cto.advisor.rulebook import RuleBook, default_rules
from cto.advisor.text import BADGES
from cto.reports.model import Cell, Table

CONCLUSION_COLUMNS = (
    "Answer",
    "What the advisor says",
    "Why",
    "Watch out",
    "What is missing",
    "Overridden thresholds",
    "What to do",
)
"""Columns of a table of advisor answers, after the first (the question or the challenge)."""


def challenge_title(rule: str) -> str:
    """The title of an advisor rule (``MVP too large for the team and runway``), else its id."""
    rules = _rules()
    return rules.get(rule).title if rule in rules else rule


@cache
def _rules() -> RuleBook:
    return default_rules()


def quoted(text: str) -> str:
    """A record title inside a sentence: “Move billing to Stripe”."""
    return f"“{text}”"


def conclusion_row(first: str, conclusion: Conclusion) -> tuple[Cell, ...]:
    """One advisor answer as a table row; an empty part is a missing cell, not an empty string."""
    return (
        first,
        BADGES[conclusion.answer],
        conclusion.headline,
        _joined(conclusion.reasons),
        _joined(conclusion.watch_outs),
        _joined(conclusion.missing, "; "),
        _joined([override.describe() for override in conclusion.overrides], "; "),
        conclusion.recommendation or None,
    )


def conclusion_table(
    table_id: str, title: str, first: str, rows: Sequence[tuple[Cell, ...]], note: str = ""
) -> Table:
    """A table of advisor answers, one row per question."""
    return Table(table_id, title, (first, *CONCLUSION_COLUMNS), tuple(rows), note)


def _joined(items: Sequence[str], separator: str = " ") -> str | None:
    return separator.join(items) if items else None
