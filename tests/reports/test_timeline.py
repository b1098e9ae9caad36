from datetime import date, timedelta

import pytest

from cto.analyzers.activity import WeekCount
from cto.reports.timeline import activity_chart


def weeks(count: int, first: date = date(2020, 1, 6), commits: int = 1) -> list[WeekCount]:
    out = []
    for i in range(count):
        monday = first + timedelta(weeks=i)
        year, number, _ = monday.isocalendar()
        out.append(WeekCount(f"{year}-W{number:02d}", monday.isoformat(), commits))
    return out


def test_short_history_stays_weekly():
    chart = activity_chart(weeks(3), "definition")
    assert (chart.id, chart.labels, chart.values) == (
        "activity_weekly",
        ("2020-W02", "2020-W03", "2020-W04"),
        (1.0, 1.0, 1.0),
    )
    assert chart.note == "definition"


def test_long_history_groups_by_month_of_monday():
    # 105 weeks from Monday 2020-01-06: January 2020 has Mondays 6, 13, 20, 27 → 4 weeks.
    chart = activity_chart(weeks(105), "definition")
    assert chart.id == "activity_monthly"
    assert chart.labels[0] == "2020-01" and chart.values[0] == 4.0
    assert chart.labels[1] == "2020-02" and chart.values[1] == 4.0  # 3, 10, 17, 24
    assert sum(chart.values) == 105
    # The 105th Monday is 2022-01-03 (104 weeks after 2020-01-06): 2020-01 … 2022-01 = 25 months.
    assert len(chart.labels) == len(set(chart.labels)) == 25
    assert chart.labels[-1] == "2022-01" and chart.values[-1] == 1.0


@pytest.mark.parametrize("count", [600, 835])
def test_very_long_history_groups_by_quarter(count):
    chart = activity_chart(weeks(count, commits=2), "definition")
    assert chart.id == "activity_quarterly"
    assert chart.labels[0] == "2020-Q1"
    assert chart.values[0] == 2.0 * 13  # Mondays 6 Jan .. 30 Mar 2020
    assert sum(chart.values) == 2.0 * count
