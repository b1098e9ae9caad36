"""Activity: counts, active people, weekly series and the dormant rule."""

from __future__ import annotations

from facts_builder import DAY, at, commit, day, facts

from cto.analyzers.activity import analyze, findings, weekly
from cto.analyzers.rules import RuleSet
from cto.findings import Severity

RULES = RuleSet.default()


def test_counts_and_active_contributors() -> None:
    as_of = day(200)
    history = [
        commit("old", day(0), "a"),
        commit("old", day(5), "a"),
        commit("edge", as_of - 90 * DAY, "b"),  # exactly 90 days before: active
        commit("late", as_of - 91 * DAY, "c"),  # 91 days: not active
        commit("boss", day(150), merge=True),  # merges are no people metric
    ]
    act = analyze(facts(history, as_of=as_of), RULES)
    assert (act.commits, act.merges, act.contributors, act.active_contributors) == (5, 1, 3, 1)
    assert (act.first_commit, act.last_commit) == (day(0), day(150))
    assert act.days_since_last_commit == 50
    assert [(p.person, p.commits) for p in act.people] == [("old", 2), ("edge", 1), ("late", 1)]


def test_weekly_series_is_zero_filled() -> None:
    # 2024-01-01 and 01-03 are in W01, 01-22 in W04; W02 and W03 have none.
    series = weekly([at("2024-01-01"), at("2024-01-03T23:00"), at("2024-01-22")])
    assert [(w.week, w.start, w.commits) for w in series] == [
        ("2024-W01", "2024-01-01", 2),
        ("2024-W02", "2024-01-08", 0),
        ("2024-W03", "2024-01-15", 0),
        ("2024-W04", "2024-01-22", 1),
    ]


def test_weekly_series_across_iso_year_end() -> None:
    series = weekly([at("2020-12-31"), at("2021-01-04")])
    assert [w.week for w in series] == ["2020-W53", "2021-W01"]


def test_dormant_fires_only_after_90_days() -> None:
    last = day(0)
    for age, fires in [(90 * DAY, False), (90 * DAY + 1, True), (365 * DAY, True)]:
        f = facts([commit("a", last, "x")], as_of=last + age)
        found = findings(analyze(f, RULES), f, RULES)
        assert bool(found) is fires, age
        if fires:
            assert found[0].severity is Severity.MEDIUM
            assert found[0].rule == "activity.dormant"
            assert found[0].evidence[1].commit == f.commits[0].sha


def test_empty_history_is_not_assessed() -> None:
    f = facts([])
    act = analyze(f, RULES)
    assert act.commits == 0 and act.weekly == ()
    assert act.not_assessed[0].area == "activity"
    assert findings(act, f, RULES) == ()
