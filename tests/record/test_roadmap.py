"""The roadmap: RICE ranking, goals from the profile, quarter load against capacity, not-now."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from cto.record.items import RecordError
from cto.record.profile import CompanyProfile
from cto.record.roadmap import Capacity, Initiative, InitiativeStatus, NotNow
from cto.record.roadmap_plan import (
    NOT_RECORDED,
    QuarterLoad,
    add_initiative,
    add_not_now,
    drop_initiative,
    quarter_loads,
    ranked,
    set_capacity,
    unscheduled,
    update_initiative,
)


def item(
    key: str, reach: float, impact: float, confidence: float, effort: float, **extra
) -> Initiative:
    fields = {"id": key, "title": key.upper(), "reach": reach, "impact": impact}
    return Initiative.model_validate(
        {**fields, "confidence": confidence, "effort": effort, **extra}
    )


@pytest.mark.parametrize(
    ("reach", "impact", "confidence", "effort", "rice"),
    [
        (500, 2, 0.8, 4, 200.0),  # 500 x 2 x 0.8 / 4
        (1000, 0.25, 0.5, 0.5, 250.0),
        (120, 3, 1, 9, 40.0),
        (0, 3, 1, 1, 0.0),
        (40, 0.5, 0.5, 2, 5.0),
    ],
)
def test_rice_is_reach_times_impact_times_confidence_over_effort(
    reach, impact, confidence, effort, rice
):
    assert item("x", reach, impact, confidence, effort).rice == pytest.approx(rice)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("impact", 1.5, "not on the RICE scale"),
        ("confidence", 1.2, "confidence"),
        ("effort", 0, "effort"),
        ("reach", -1, "reach"),
        ("quarter", "2027Q5", "not a quarter like 2027Q1"),
        ("quarter", "27Q1", "not a quarter"),
        ("id", "Bad Id", "not an id"),
    ],
)
def test_inputs_outside_their_scales_are_refused(field, value, message):
    valid = {"id": "x", "title": "X", "reach": 10, "impact": 1, "confidence": 0.5, "effort": 1}
    Initiative.model_validate(valid)
    with pytest.raises(ValidationError, match=message):
        Initiative.model_validate({**valid, field: value})


def test_capacity_and_not_now_validate_quarter_and_reason():
    with pytest.raises(ValidationError, match="not a quarter"):
        Capacity(quarter="2027-Q1", person_weeks=4)
    with pytest.raises(ValidationError, match="person_weeks"):
        Capacity(quarter="2027Q1", person_weeks=-1)
    with pytest.raises(ValidationError, match="reason"):
        NotNow(id="chat", title="Chat", reason="   ")


def test_ranking_is_best_rice_first_ties_by_id_and_hides_done_and_dropped():
    items = [
        item("b", 100, 1, 1, 10),  # 10
        item("a", 100, 1, 1, 10),  # 10
        item("c", 500, 2, 0.8, 4),  # 200
        item("d", 900, 3, 1, 1, status="done"),  # 2700
        item("e", 50, 1, 0.5, 5),  # 5
        item("f", 900, 3, 1, 1, status="dropped"),
    ]
    assert [i.id for i in ranked(items)] == ["c", "a", "b", "e"]
    assert [i.id for i in ranked(items, include_closed=True)] == ["d", "f", "c", "a", "b", "e"]


def test_quarter_load_counts_planned_and_in_progress_against_capacity():
    items = [
        item("sso", 200, 2, 0.8, 4, quarter="2027Q1", status="planned"),
        item("audit-log", 50, 1, 0.5, 3, quarter="2027Q1", status="in-progress"),
        item("idea", 50, 1, 0.5, 30, quarter="2027Q1"),  # proposed: no load
        item("old", 50, 1, 0.5, 30, quarter="2027Q1", status="done"),
        item("mobile", 1000, 3, 0.5, 20, quarter="2027Q3", status="planned"),
        item("loose", 10, 1, 1, 2, status="planned"),
    ]
    capacities = [
        Capacity(quarter="2027Q1", person_weeks=6),
        Capacity(quarter="2027Q2", person_weeks=10),
        Capacity(quarter="2027Q4", person_weeks=0),
    ]
    loads = quarter_loads(items, capacities)
    assert loads == [
        QuarterLoad("2027Q1", 6.0, 7.0, ("sso", "audit-log")),
        QuarterLoad("2027Q2", 10.0, 0, ()),
        QuarterLoad("2027Q3", None, 20.0, ("mobile",)),
        QuarterLoad("2027Q4", 0.0, 0, ()),
    ]
    assert [(q.over, q.verdict) for q in loads] == [
        (True, "over by 1 person-week"),
        (False, "under by 10 person-weeks"),
        (False, NOT_RECORDED),
        (False, "at capacity"),
    ]
    assert [i.id for i in unscheduled(items)] == ["loose"]


def profile_with_goals(workspace, *goals: str) -> None:
    entries = [{"id": g, "title": g, "metric": "accounts"} for g in goals]
    with workspace.record() as store:
        store.save(CompanyProfile.model_validate({"name": "Acme", "goals": entries}))


FIELDS = {
    "id": "sso",
    "title": "Single sign-on",
    "reach": 200,
    "impact": 2,
    "confidence": 0.8,
    "effort": 4,
}


def test_an_initiative_goal_must_be_a_goal_of_the_stored_profile(workspace):
    with (
        pytest.raises(RecordError, match="goal 'growth' is not a goal of the profile; goals: none"),
        workspace.record() as store,
    ):
        add_initiative(store, {**FIELDS, "goal": "growth"})
    profile_with_goals(workspace, "enterprise", "retention")
    with (
        pytest.raises(RecordError, match="goals: enterprise, retention"),
        workspace.record() as store,
    ):
        add_initiative(store, {**FIELDS, "goal": "growth"})
    with workspace.record() as store:
        added = add_initiative(store, {**FIELDS, "goal": "enterprise"})
    with pytest.raises(RecordError, match="goal 'growth'"), workspace.record() as store:
        update_initiative(store, "sso", {"goal": "growth"})
    with workspace.record(write=False) as store:
        assert store.all(Initiative) == [added]


def test_update_changes_fields_but_not_the_id_nor_to_dropped(workspace):
    with workspace.record() as store:
        add_initiative(store, FIELDS)
        updated = update_initiative(
            store, "sso", {"quarter": "2027Q1", "status": "planned", "effort": 8}
        )
    assert (updated.quarter, updated.status, updated.rice) == (
        "2027Q1",
        InitiativeStatus.PLANNED,
        40.0,
    )
    for changes, message in [
        ({"id": "x"}, "id cannot change"),
        ({"status": "dropped"}, "roadmap drop"),
    ]:
        with pytest.raises(RecordError, match=message), workspace.record() as store:
            update_initiative(store, "sso", changes)
    with (
        pytest.raises(RecordError, match="no initiative 'nope' in the record"),
        workspace.record() as store,
    ):
        update_initiative(store, "nope", {"effort": 1})


def test_capacity_is_recorded_and_replaced(workspace):
    with workspace.record() as store:
        set_capacity(store, "2027Q1", 12)
        set_capacity(store, "2027Q1", 10.5)
        set_capacity(store, "2027Q2", 0)
    with workspace.record(write=False) as store:
        assert [(c.quarter, c.person_weeks) for c in store.all(Capacity)] == [
            ("2027Q1", 10.5),
            ("2027Q2", 0),
        ]


def test_drop_records_the_status_and_the_not_now_entry_together(workspace):
    with workspace.record() as store:
        add_initiative(store, FIELDS)
        dropped, entry = drop_initiative(store, "sso", "no enterprise deal yet", date(2027, 6, 1))
    assert dropped.status is InitiativeStatus.DROPPED
    assert entry == NotNow(id="sso", title="Single sign-on", reason="no enterprise deal yet",
                           revisit=date(2027, 6, 1), initiative="sso")  # fmt: skip
    with workspace.record(write=False) as store:
        assert store.require(Initiative, "sso").status is InitiativeStatus.DROPPED
        assert store.all(NotNow) == [entry]
    with pytest.raises(RecordError, match="already dropped"), workspace.record() as store:
        drop_initiative(store, "sso", "again")


def test_a_drop_without_reason_changes_nothing(workspace):
    with workspace.record() as store:
        add_initiative(store, FIELDS)
    with pytest.raises(RecordError, match="reason"), workspace.record() as store:
        drop_initiative(store, "sso", "  ")
    with workspace.record(write=False) as store:
        assert store.require(Initiative, "sso").status is InitiativeStatus.PROPOSED
        assert store.count(NotNow) == 0


def test_a_not_now_entry_may_only_name_an_initiative_that_exists(workspace):
    with pytest.raises(RecordError, match="no initiative 'ghost'"), workspace.record() as store:
        add_not_now(store, {"id": "chat", "title": "Chat", "reason": "SaaS", "initiative": "ghost"})
    with workspace.record() as store:
        entry = add_not_now(store, {"id": "chat", "title": "Chat", "reason": "Intercom does it"})
    assert (entry.revisit, entry.initiative) == (None, None)
