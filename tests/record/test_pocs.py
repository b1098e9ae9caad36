"""Proofs of concept: time box and deadline, overdue, and the go / no-go decision."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from strategies_team import STRATEGIES

from cto.record.items import RecordError, build
from cto.record.pocs import Poc, add_poc, decide_poc, poc_view, poc_views


def poc(**fields: Any) -> Poc:
    data = {
        "id": "ai-search",
        "title": "Semantic search",
        "hypothesis": "Semantic search lifts conversion",
        "metric": "search conversion",
        "target": "+5%",
        "time_box_weeks": 4,
        **fields,
    }
    return build(Poc, data)


def test_deadline_is_the_start_plus_the_time_box():
    started = poc(started=date(2025, 1, 6))
    assert started.deadline == date(2025, 2, 3)
    assert poc().deadline is None


@pytest.mark.parametrize(
    ("fields", "today", "overdue"),
    [
        ({"started": date(2025, 1, 6)}, date(2025, 2, 3), False),  # the last day of the box
        ({"started": date(2025, 1, 6)}, date(2025, 2, 4), True),
        ({}, date(2030, 1, 1), False),  # never started
        (
            {"started": date(2025, 1, 6), "decision": "no-go", "decided_on": date(2025, 3, 1)},
            date(2025, 6, 1),
            False,
        ),
    ],
)
def test_overdue_means_started_past_its_box_and_undecided(fields, today, overdue):
    assert poc_view(poc(**fields), today).overdue is overdue


def test_decide_records_the_decision_and_result(workspace):
    with workspace.record() as store:
        add_poc(store, poc(started=date(2025, 1, 6), cost_cap=5000))
        add_poc(store, poc(id="no-code-crm", title="No-code CRM"))
    with workspace.record() as store:
        decide_poc(store, "ai-search", "go", date(2025, 2, 1), "conversion +6.2% on 4,000 searches")
    with workspace.record(write=False) as store:
        views = poc_views(store, date(2025, 3, 1))
    decided = views[0].poc
    assert (decided.decision.value, decided.decided_on, decided.result) == (
        "go",
        date(2025, 2, 1),
        "conversion +6.2% on 4,000 searches",
    )
    assert [(v.poc.id, v.overdue) for v in views] == [("ai-search", False), ("no-code-crm", False)]
    assert views[0].to_json() == {
        "id": "ai-search",
        "title": "Semantic search",
        "hypothesis": "Semantic search lifts conversion",
        "metric": "search conversion",
        "target": "+5%",
        "cost_cap": 5000.0,
        "started": "2025-01-06",
        "time_box_weeks": 4,
        "decision": "go",
        "decided_on": "2025-02-01",
        "result": "conversion +6.2% on 4,000 searches",
        "deadline": "2025-02-03",
        "overdue": False,
    }


@pytest.mark.parametrize(
    ("decision", "on", "result", "message"),
    [
        ("maybe", date(2025, 2, 1), "x", "'maybe' is not a decision (one of: go, no-go)"),
        ("pending", date(2025, 2, 1), "x", "'pending' is not a decision (one of: go, no-go)"),
        ("go", date(2025, 2, 1), "  ", "a decision needs its result"),
        ("go", date(2025, 1, 5), "x", "decided on 2025-01-05, before the proof of concept"),
    ],
)
def test_refused_decisions_change_nothing(workspace, decision, on, result, message):
    with workspace.record() as store:
        add_poc(store, poc(started=date(2025, 1, 6)))
    with pytest.raises(RecordError) as caught, workspace.record() as store:
        decide_poc(store, "ai-search", decision, on, result)
    assert str(caught.value).startswith(message)
    with workspace.record(write=False) as store:
        assert store.require(Poc, "ai-search").decision.value == "pending"


def test_a_decision_is_made_once(workspace):
    with workspace.record() as store:
        add_poc(store, poc())
        decide_poc(store, "ai-search", "no-go", date(2025, 2, 1), "no lift")
    with (
        pytest.raises(
            RecordError,
            match="proof of concept 'ai-search' was already decided: no-go on 2025-02-01",
        ),
        workspace.record() as store,
    ):
        decide_poc(store, "ai-search", "go", date(2025, 3, 1), "second thoughts")
    missing = pytest.raises(RecordError, match="no proof of concept 'ghost' in the record")
    with missing, workspace.record() as store:
        decide_poc(store, "ghost", "go", date(2025, 3, 1), "x")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"decided_on": date(2025, 1, 1)}, "decided_on is set but the decision is still pending"),
        ({"decision": "go"}, "a go decision needs decided_on"),
        ({"time_box_weeks": 0}, "time_box_weeks: input should be greater than or equal to 1"),
        ({"cost_cap": -10}, "cost_cap: input should be greater than or equal to 0"),
        ({"metric": ""}, "metric: string should have at least 1 character"),
    ],
)
def test_invalid_proofs_of_concept_are_refused(fields, message):
    with pytest.raises(RecordError, match="invalid proof of concept") as caught:
        poc(**fields)
    assert message in str(caught.value)


@settings(max_examples=60, deadline=None)
@given(STRATEGIES["poc"])
def test_generated_proofs_of_concept_survive_a_json_round_trip(item):
    assert build(Poc, json.loads(json.dumps(item.model_dump(mode="json")))) == item
