"""The activity-over-time chart: weeks for short histories, months or quarters for long ones.

Sixteen years of weekly columns are 800 bars no one can read; the chart keeps roughly a hundred
columns by grouping weeks into the month (or quarter) of their Monday. The weekly series itself
stays in the audit's facts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from cto.analyzers.activity import WeekCount
from cto.reports.model import Chart

MAX_WEEKS = 104
MAX_MONTHS = 120


def activity_chart(weeks: Sequence[WeekCount], definition: str) -> Chart:
    """Commits over time, at the finest of week, month or quarter that keeps the chart readable."""
    if len(weeks) <= MAX_WEEKS:
        labels = tuple(w.week for w in weeks)
        values = tuple(float(w.commits) for w in weeks)
        return Chart("activity_weekly", "Commits per week", "columns", labels, values, "commits",
                     definition)  # fmt: skip
    months = _grouped(weeks, lambda start: start[:7])
    if len(months) <= MAX_MONTHS:
        return _chart("activity_monthly", "Commits per month", months, "month")
    quarters = _grouped(weeks, lambda start: f"{start[:4]}-Q{(int(start[5:7]) + 2) // 3}")
    return _chart("activity_quarterly", "Commits per quarter", quarters, "quarter")


def _grouped(weeks: Sequence[WeekCount], key: Callable[[str], str]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for week in weeks:
        counts[key(week.start)] += week.commits
    return dict(sorted(counts.items()))


def _chart(chart_id: str, title: str, counts: dict[str, int], period: str) -> Chart:
    note = (
        f"Commits (merges included) per {period}; each ISO week counts in the {period} of its "
        f"Monday, and {period}s without commits show as 0."
    )
    return Chart(chart_id, title, "columns", tuple(counts), tuple(map(float, counts.values())),
                 "commits", note)  # fmt: skip
