"""Report areas built from a history analysis agree with the analysis."""

from __future__ import annotations

from facts_builder import DAY, commit, day, facts

from cto.analyzers.history import analyze_history
from cto.analyzers.interface import HistoryFacts
from cto.findings import Rating, rate
from cto.reports.area_parts import TABLE_ROWS
from cto.reports.history_areas import history_areas
from cto.reports.model import Area


def sample() -> HistoryFacts:
    history = [commit("alice", day(i), f"src/f{i}.py") for i in range(60)]
    history += [commit("bob", day(70 + i), "src/f0.py", "web/app.js") for i in range(12)]
    history += [commit("carol", day(100), "docs/readme.md", merge=False)]
    return facts(history, as_of=day(100) + 300 * DAY, names={"alice": "Alice", "bob": "Bob"})


def areas_by_id(f: HistoryFacts) -> dict[str, Area]:
    return {a.id: a for a in history_areas(analyze_history(f), f)}


def test_areas_match_the_analysis() -> None:
    f = sample()
    analysis = analyze_history(f)
    areas = {a.id: a for a in history_areas(analysis, f)}
    assert list(areas) == ["activity", "knowledge", "coupling"]
    for area in areas.values():
        own = tuple(x for x in analysis.findings if x.area == area.id)
        assert area.findings == own
        assert area.rating == rate(own)
        assert area.summary
        assert all(m.definition for m in area.metrics)
        for table in area.tables:
            assert all(len(row) == len(table.columns) for row in table.rows)
        for chart in area.charts:
            assert chart.kind in {"columns", "bars"}
            assert len(chart.labels) == len(chart.values)

    activity = areas["activity"]
    metrics = {m.id: m.value for m in activity.metrics}
    assert metrics["commits"] == 73 and metrics["contributors"] == 3
    [weekly] = activity.charts
    assert weekly.kind == "columns" and sum(weekly.values) == 73

    knowledge = areas["knowledge"]
    metrics = {m.id: m.value for m in knowledge.metrics}
    assert metrics["truck_factor"] == analysis.truck_factor.value == 1
    assert knowledge.rating is Rating.RED
    assert "If Alice left" in knowledge.summary
    charts = {c.id: c for c in knowledge.charts}
    assert charts["ownership"].labels[0] == "Alice"
    tables = {t.id: t for t in knowledge.tables}
    assert tables["truck_factor_people"].rows[0][:2] == (1, "Alice")
    files = tables["files"]
    assert len(files.rows) == TABLE_ROWS
    assert files.note == f"top {TABLE_ROWS} of 62 files, by revisions"
    assert files.rows[0][0] == "src/f0.py"  # 13 revisions

    coupling = areas["coupling"]
    assert coupling.charts[0].labels[0] == "src/f0.py ↔ web/app.js"
    assert {m.id: m.value for m in coupling.metrics}["strong_cross_boundary_pairs"] == 1
    assert coupling.rating is Rating.AMBER


def test_empty_history_areas_are_not_assessed() -> None:
    areas = areas_by_id(facts([], files={}))
    assert {a.rating for a in areas.values()} == {Rating.NOT_ASSESSED}
    assert all(a.not_assessed and a.summary for a in areas.values())
    assert areas["activity"].charts == ()


def test_shallow_knowledge_is_never_green() -> None:
    # one person: on a full history truck factor 1 (red); on a shallow clone not assessed
    history = [commit("a", day(i), f"f{i}") for i in range(3)]
    areas = areas_by_id(facts(history, shallow=True))
    assert areas["knowledge"].findings == ()
    assert areas["knowledge"].rating is Rating.NOT_ASSESSED
    assert {m.id: m.value for m in areas["knowledge"].metrics}["truck_factor"] is None
