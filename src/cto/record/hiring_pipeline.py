"""Hiring operations: add roles and candidates, move candidates, score stages, and the views.

Rules that span entries are checked here, inside the command's transaction: a candidate's role
must exist; a move must follow the pipeline; a scorecard's stage must be in the role's loop and
its competencies must be that stage's.
"""

from __future__ import annotations

from collections.abc import Mapping

from cto.record.hiring import (
    FINAL,
    PIPELINE,
    Candidate,
    CandidateState,
    InterviewStage,
    Role,
    RoleStatus,
    Scorecard,
    next_states,
)
from cto.record.items import RecordError
from cto.record.store import RecordStore
from cto.record.team_types import updated, validate_part


def parse_stage(text: str) -> InterviewStage:
    """``name:competency,competency`` as an interview stage.

    Raises:
        RecordError: no ``:``, no name or no competency.
    """
    name, sep, rest = text.partition(":")
    competencies = [part.strip() for part in rest.split(",") if part.strip()]
    if not sep or not name.strip() or not competencies:
        raise RecordError(
            f"'{text}' is not an interview stage (use name:competency,competency, "
            "e.g. technical:system-design,coding)"
        )
    return validate_part(InterviewStage, {"name": name, "competencies": competencies}, "stage")


def parse_score(text: str) -> tuple[str, int]:
    """``competency=score`` with a whole-number score.

    Raises:
        RecordError: no ``=`` or a score that is not a whole number.
    """
    name, sep, value = (part.strip() for part in text.partition("="))
    if not sep or not name or not value.lstrip("-").isdigit():
        raise RecordError(f"'{text}' is not a score (use competency=1..4, e.g. coding=3)")
    return name, int(value)


def make_scorecard(
    stage: str, interviewer: str, scores: Mapping[str, int], recommendation: str, notes: str = ""
) -> Scorecard:
    """A validated scorecard (scores 1 to 4, a known recommendation).

    Raises:
        RecordError: an invalid value, in one line.
    """
    data = {
        "stage": stage,
        "interviewer": interviewer,
        "scores": dict(scores),
        "recommendation": recommendation,
        "notes": notes,
    }
    return validate_part(Scorecard, data, "scorecard")


def add_role(store: RecordStore, role: Role) -> Role:
    """Add a role.

    Raises:
        RecordError: a role with that id exists.
    """
    store.add(role)
    return role


def set_role_status(store: RecordStore, role_id: str, status: str) -> Role:
    """Open, pause, fill or close a role.

    Raises:
        RecordError: no such role, or an unknown status.
    """
    role = updated(store.require(Role, role_id), {"status": status})
    store.save(role)
    return role


def add_candidate(store: RecordStore, candidate: Candidate) -> Candidate:
    """Add a candidate for an existing role that is not closed or filled.

    Raises:
        RecordError: the role is missing, closed or filled, or the id is taken.
    """
    role = store.require(Role, candidate.role)
    if role.status in (RoleStatus.CLOSED, RoleStatus.FILLED):
        raise RecordError(f"role '{role.id}' is {role.status.value}: reopen it to add candidates")
    store.add(candidate)
    return candidate


def move_candidate(store: RecordStore, candidate_id: str, state: str) -> Candidate:
    """Move a candidate to ``state`` if the pipeline allows it.

    Raises:
        RecordError: no such candidate, an unknown state, or a move the pipeline does not allow
            (the message says why and which moves are possible).
    """
    candidate = store.require(Candidate, candidate_id)
    target = _state(state)
    _check_move(candidate, target)
    moved = updated(candidate, {"state": target})
    store.save(moved)
    return moved


def _state(text: str) -> CandidateState:
    try:
        return CandidateState(text)
    except ValueError:
        allowed = ", ".join(state.value for state in CandidateState)
        raise RecordError(f"'{text}' is not a candidate state (one of: {allowed})") from None


def _check_move(candidate: Candidate, target: CandidateState) -> None:
    current = candidate.state
    where = f"candidate '{candidate.id}' cannot move from {current.value} to {target.value}"
    if current == target:
        raise RecordError(f"candidate '{candidate.id}' is already in {current.value}")
    if current in FINAL:
        raise RecordError(f"{where}: {current.value} is final")
    allowed = next_states(current)
    if target in allowed:
        return
    options = f"(next: {allowed[0].value}, {allowed[1].value} or {allowed[2].value})"
    if PIPELINE.index(target) < PIPELINE.index(current):
        raise RecordError(f"{where}: the pipeline only moves forward {options}")
    skipped = ", ".join(
        s.value for s in PIPELINE[PIPELINE.index(current) + 1 : PIPELINE.index(target)]
    )
    raise RecordError(f"{where}: it would skip {skipped} {options}")


def score_candidate(store: RecordStore, candidate_id: str, card: Scorecard) -> Candidate:
    """Add an interviewer's scorecard for one stage of the candidate's loop.

    Raises:
        RecordError: no such candidate or role, a stage not in the role's loop, a competency
            that stage does not judge, or a second card by the same interviewer for the stage.
    """
    candidate = store.require(Candidate, candidate_id)
    role = store.require(Role, candidate.role)
    stage = role.stage(card.stage)
    if stage is None:
        stages = ", ".join(s.name for s in role.loop) or "none defined"
        raise RecordError(
            f"stage '{card.stage}' is not in the interview loop of role '{role.id}' "
            f"(stages: {stages})"
        )
    unknown = [name for name in card.scores if name not in stage.competencies]
    if unknown:
        raise RecordError(
            f"'{unknown[0]}' is not a competency of stage '{stage.name}' "
            f"(competencies: {', '.join(stage.competencies)})"
        )
    if any(
        (c.stage, c.interviewer) == (card.stage, card.interviewer) for c in candidate.scorecards
    ):
        raise RecordError(
            f"{card.interviewer} already scored stage '{card.stage}' of '{candidate.id}'"
        )
    scored = updated(candidate, {"scorecards": [*candidate.scorecards, card]})
    store.save(scored)
    return scored
