"""Pieces every area builder uses: metrics from the rules data, capped tables, ratings, words."""

from __future__ import annotations

from collections.abc import Sequence

from cto.analyzers.rules import RuleSet
from cto.findings import Finding, NotAssessed, Rating, rate
from cto.reports.model import Cell, Metric, Table

#: Rows an evidence table shows; the note says how many there were.
TABLE_ROWS = 50
#: Bars a ranked chart shows.
CHART_BARS = 10


def metric(rules: RuleSet, metric_id: str, value: Cell) -> Metric:
    """A report metric with the label, unit and definition the rules data gives ``metric_id``."""
    spec = rules.metric(metric_id)
    return Metric(metric_id, spec.label, value, spec.unit, spec.definition)


def capped(
    table_id: str, title: str, columns: tuple[str, ...], rows: Sequence[tuple[Cell, ...]], what: str
) -> Table:
    """An evidence table of at most :data:`TABLE_ROWS` rows, its note saying what was cut."""
    shown = rows[:TABLE_ROWS]
    if len(rows) > len(shown):
        note = f"top {len(shown)} of {len(rows):,} {what}"
    else:
        note = f"all {len(rows):,} {what}"
    return Table(table_id, title, columns, tuple(shown), note)


def area_rating(findings: Sequence[Finding], not_assessed: Sequence[NotAssessed]) -> Rating:
    """Rate the findings; never green when part of the area could not be assessed."""
    if not_assessed and not findings:
        return Rating.NOT_ASSESSED
    return rate(findings)


def of_area(
    findings: Sequence[Finding], not_assessed: Sequence[NotAssessed], area: str
) -> tuple[tuple[Finding, ...], tuple[NotAssessed, ...]]:
    """The findings and not-assessed results that belong to ``area``."""
    return (
        tuple(f for f in findings if f.area == area),
        tuple(n for n in not_assessed if n.area == area),
    )


def plural(count: int, one: str, many: str) -> str:
    """``1 person``, ``2 people``: the count with the right form of the noun."""
    return f"{count:,} {one if count == 1 else many}"


def join_words(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c" ("" for none)."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
