"""Hiring: interview loops, the candidate pipeline, scorecards and the views over them."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from strategies_team import STRATEGIES

from cto.record.hiring import Candidate, CandidateState, Role, next_states
from cto.record.hiring_pipeline import (
    add_candidate,
    add_role,
    make_scorecard,
    move_candidate,
    parse_score,
    parse_stage,
    score_candidate,
    set_role_status,
)
from cto.record.hiring_views import candidate_summary, pipelines
from cto.record.items import RecordError, build


def lead_role(role_id: str = "be-lead") -> Role:
    loop = [
        parse_stage("screen:communication").model_dump(),
        parse_stage("technical: system-design , coding").model_dump(),
    ]
    return build(Role, {"id": role_id, "title": "Backend lead", "loop": loop})


@pytest.fixture
def hiring(workspace):
    with workspace.record() as store:
        add_role(store, lead_role())
        add_role(store, build(Role, {"id": "designer", "title": "Product designer"}))
        for cid, name in [("ana", "Ana"), ("bob", "Bob"), ("cy", "Cy")]:
            add_candidate(store, build(Candidate, {"id": cid, "name": name, "role": "be-lead"}))
    return workspace


def state_of(workspace, candidate_id):
    with workspace.record(write=False) as store:
        return store.require(Candidate, candidate_id).state.value


def test_next_states_go_one_step_forward_or_out():
    assert [(s.value, [n.value for n in next_states(s)]) for s in CandidateState] == [
        ("applied", ["screen", "rejected", "withdrawn"]),
        ("screen", ["interview", "rejected", "withdrawn"]),
        ("interview", ["offer", "rejected", "withdrawn"]),
        ("offer", ["hired", "rejected", "withdrawn"]),
        ("hired", []),
        ("rejected", []),
        ("withdrawn", []),
    ]


def test_parse_stage_and_score():
    stage = parse_stage("technical: system-design , coding,")
    assert (stage.name, stage.competencies) == ("technical", ["system-design", "coding"])
    assert parse_score(" coding = 3 ") == ("coding", 3)
    for bad in ["technical", ":coding", "technical:", "technical: , "]:
        with pytest.raises(RecordError, match="is not an interview stage"):
            parse_stage(bad)
    for bad in ["coding", "coding=", "coding=3.5", "=3"]:
        with pytest.raises(RecordError, match="is not a score"):
            parse_score(bad)


def test_a_loop_names_each_stage_and_competency_once():
    with pytest.raises(RecordError, match="two stages of the interview loop share a name"):
        build(Role, {"id": "r", "title": "R", "loop": [{"name": "a", "competencies": ["x"]}] * 2})
    with pytest.raises(RecordError, match="stage 'a' names a competency twice"):
        build(Role, {"id": "r", "title": "R", "loop": [{"name": "a", "competencies": ["x", "x"]}]})


def test_a_candidate_moves_through_the_whole_pipeline(hiring):
    for state in ["screen", "interview", "offer", "hired"]:
        with hiring.record() as store:
            assert move_candidate(store, "ana", state).state.value == state
        assert state_of(hiring, "ana") == state


@pytest.mark.parametrize(
    ("path", "target", "message"),
    [
        (
            ["screen", "interview", "offer", "hired"],
            "screen",
            "candidate 'ana' cannot move from hired to screen: hired is final",
        ),
        (
            ["rejected"],
            "screen",
            "candidate 'ana' cannot move from rejected to screen: rejected is final",
        ),
        (
            [],
            "offer",
            "candidate 'ana' cannot move from applied to offer: it would skip screen, interview "
            "(next: screen, rejected or withdrawn)",
        ),
        (
            ["screen", "interview"],
            "screen",
            "candidate 'ana' cannot move from interview to screen: the pipeline only moves "
            "forward (next: offer, rejected or withdrawn)",
        ),
        (["screen"], "screen", "candidate 'ana' is already in screen"),
        ([], "hired-ish", "'hired-ish' is not a candidate state (one of: applied, screen,"),
    ],
)
def test_refused_moves_say_why_and_change_nothing(hiring, path, target, message):
    for state in path:
        with hiring.record() as store:
            move_candidate(store, "ana", state)
    with pytest.raises(RecordError) as caught, hiring.record() as store:
        move_candidate(store, "ana", target)
    assert str(caught.value).startswith(message)
    assert state_of(hiring, "ana") == (path[-1] if path else "applied")


def test_any_open_state_may_leave_the_pipeline(hiring):
    with hiring.record() as store:
        move_candidate(store, "ana", "screen")
        move_candidate(store, "ana", "withdrawn")
        move_candidate(store, "bob", "rejected")
    assert (state_of(hiring, "ana"), state_of(hiring, "bob")) == ("withdrawn", "rejected")


def test_candidates_need_a_role_that_takes_candidates(hiring):
    with pytest.raises(RecordError, match="no role 'ghost' in the record"), hiring.record() as s:
        add_candidate(s, build(Candidate, {"id": "dee", "name": "Dee", "role": "ghost"}))
    with hiring.record() as store:
        assert set_role_status(store, "designer", "filled").status.value == "filled"
    with (
        pytest.raises(RecordError, match="role 'designer' is filled: reopen it to add candidates"),
        hiring.record() as store,
    ):
        add_candidate(store, build(Candidate, {"id": "dee", "name": "Dee", "role": "designer"}))
    with pytest.raises(RecordError, match="status: 'hiring' is not allowed"), hiring.record() as s:
        set_role_status(s, "designer", "hiring")
    with hiring.record(write=False) as store:
        assert store.get(Candidate, "dee") is None


def card(interviewer, recommendation, stage="technical", **scores):
    scores = {name.replace("_", "-"): value for name, value in scores.items()}
    return make_scorecard(stage, interviewer, scores, recommendation, "notes")


def test_scorecards_add_up_to_a_summary(hiring):
    with hiring.record() as store:
        score_candidate(store, "ana", card("Zoe", "yes", coding=3, system_design=4))
        score_candidate(store, "ana", card("Max", "no", coding=2, system_design=3))
        score_candidate(store, "ana", card("Max", "strong-yes", stage="screen", communication=4))
    with hiring.record(write=False) as store:
        summary = candidate_summary(store, "ana")
        bob = candidate_summary(store, "bob")
    assert summary.means == {"communication": 4.0, "system-design": 3.5, "coding": 2.5}
    assert {r.value: n for r, n in summary.recommendations.items()} == {
        "strong-no": 0,
        "no": 1,
        "yes": 1,
        "strong-yes": 1,
    }
    assert summary.unscored_stages == []
    assert (bob.means, bob.unscored_stages) == ({}, ["screen", "technical"])
    assert bob.to_json()["next_states"] == ["screen", "rejected", "withdrawn"]
    assert summary.to_json()["recommendations"] == {
        "strong-no": 0,
        "no": 1,
        "yes": 1,
        "strong-yes": 1,
    }


def test_means_are_rounded_to_two_decimals(hiring):
    with hiring.record() as store:
        for name, value in [("A", 3), ("B", 3), ("C", 4)]:
            score_candidate(store, "cy", card(name, "yes", coding=value))
        assert candidate_summary(store, "cy").means == {"coding": 3.33}


@pytest.mark.parametrize(
    ("scorecard", "message"),
    [
        (
            lambda: card("Zoe", "yes", stage="culture", coding=3),
            "stage 'culture' is not in the interview loop of role 'be-lead' "
            "(stages: screen, technical)",
        ),
        (
            lambda: card("Zoe", "yes", coding=3, empathy=2),
            "'empathy' is not a competency of stage 'technical' "
            "(competencies: system-design, coding)",
        ),
        (lambda: card("Zoe", "no", coding=1), "Zoe already scored stage 'technical' of 'ana'"),
    ],
)
def test_refused_scorecards_change_nothing(hiring, scorecard, message):
    with hiring.record() as store:
        score_candidate(store, "ana", card("Zoe", "yes", coding=3))
    with pytest.raises(RecordError) as caught, hiring.record() as store:
        score_candidate(store, "ana", scorecard())
    assert str(caught.value) == message
    with hiring.record(write=False) as store:
        assert len(store.require(Candidate, "ana").scorecards) == 1


@pytest.mark.parametrize(
    ("build_card", "message"),
    [
        (lambda: card("Zoe", "yes", coding=5), "scores.coding: input should be less than or"),
        (lambda: card("Zoe", "yes", coding=0), "scores.coding: input should be greater than or"),
        (lambda: card("Zoe", "maybe", coding=3), "recommendation: 'maybe' is not allowed"),
        (lambda: card("Zoe", "yes"), "scores: dictionary should have at least 1 item"),
    ],
)
def test_invalid_scorecards_are_one_line(build_card, message):
    with pytest.raises(RecordError, match="invalid scorecard") as caught:
        build_card()
    assert message in str(caught.value)


def test_pipeline_counts_every_state_per_role(hiring):
    with hiring.record() as store:
        move_candidate(store, "ana", "screen")
        move_candidate(store, "bob", "rejected")
        views = pipelines(store)
        only = pipelines(store, "designer")
    assert [(v.role.id, {s.value: n for s, n in v.counts.items()}, v.active) for v in views] == [
        (
            "be-lead",
            {
                "applied": 1,
                "screen": 1,
                "interview": 0,
                "offer": 0,
                "hired": 0,
                "rejected": 1,
                "withdrawn": 0,
            },
            2,
        ),
        ("designer", dict.fromkeys([s.value for s in CandidateState], 0), 0),
    ]
    assert [view.to_json() for view in only] == [
        {
            "role": "designer",
            "title": "Product designer",
            "status": "open",
            "counts": dict.fromkeys([s.value for s in CandidateState], 0),
            "active": 0,
        }
    ]
    with pytest.raises(RecordError, match="no role 'ghost' in the record"), hiring.record() as s:
        pipelines(s, "ghost")


@settings(max_examples=60, deadline=None)
@given(STRATEGIES["role"], STRATEGIES["candidate"])
def test_generated_roles_and_candidates_survive_a_json_round_trip(role, candidate):
    assert build(Role, json.loads(json.dumps(role.model_dump(mode="json")))) == role
    again = build(Candidate, json.loads(json.dumps(candidate.model_dump(mode="json"))))
    assert again == candidate
