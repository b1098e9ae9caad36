"""Turn a :class:`PracticesAnalysis` into the "Engineering practices" report area.

Nothing is measured here: every score and reason comes from the analysis; this module only words
the summary and lays out the scores as a chart and a table.
"""

from __future__ import annotations

from cto.analyzers.practices import AREA, PracticesAnalysis
from cto.analyzers.rules import RuleSet
from cto.findings import Rating, rate
from cto.reports.area_parts import (
    metric,
)
from cto.reports.model import Area, Cell, Chart, Table

TITLE = "Engineering practices"
_COLUMNS = ("check", "score", "risk", "reason")


def practices_areas(analysis: PracticesAnalysis, rules: RuleSet | None = None) -> tuple[Area, ...]:
    """The one "practices" area: aggregate score, check scores as bars and a table, findings."""
    rules = rules or RuleSet.default()
    assessed = [c for c in analysis.checks if c.assessed]
    flagged = len({f.rule for f in analysis.findings})
    metrics = (
        metric(rules, "practices_score", analysis.aggregate),
        metric(rules, "practices_checks_assessed", len(assessed)),
        metric(rules, "practices_checks_with_findings", flagged if assessed else None),
    )
    chart = Chart(
        "practice_scores", "Practice check scores", "bars",
        tuple(c.title for c in assessed), tuple(float(c.score) for c in assessed), "out of 10",
        "Each check scores 0 to 10 as OpenSSF Scorecard does; inconclusive checks are left out.",
    )  # fmt: skip
    rows: list[tuple[Cell, ...]] = [
        (c.title, c.score if c.assessed else None, c.risk, c.reason) for c in analysis.checks
    ]
    table = Table(
        "practice_checks", "Practice checks", _COLUMNS, tuple(rows),
        f"all {len(rows)} checks; a missing score means the check was inconclusive",
    )  # fmt: skip
    rating = rate(analysis.findings) if assessed else Rating.NOT_ASSESSED
    return (
        Area(
            AREA, TITLE, rating, _summary(analysis, len(assessed)), metrics,
            analysis.findings, analysis.not_assessed, (chart,) if assessed else (), (table,),
        ),
    )  # fmt: skip


def _summary(analysis: PracticesAnalysis, assessed: int) -> str:
    if analysis.aggregate is None:
        return "No engineering practice could be assessed."
    first = (
        f"Engineering practices score {analysis.aggregate:g} out of 10 across {assessed} "
        "checks, weighted by risk as OpenSSF Scorecard does."
    )
    if not analysis.findings:
        return f"{first} No practice needs attention."
    return f"{first} Most serious gap: {analysis.findings[0].title}."
