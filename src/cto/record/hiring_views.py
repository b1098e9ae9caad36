"""Hiring views: each role's pipeline by state, and what a candidate's scorecards add up to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cto.record.hiring import (
    FINAL,
    Candidate,
    CandidateState,
    Recommendation,
    Role,
    next_states,
)
from cto.record.store import RecordStore


@dataclass(frozen=True)
class RolePipeline:
    """How many candidates of a role are in each state (every state listed, in order)."""

    role: Role
    counts: dict[CandidateState, int]

    @property
    def active(self) -> int:
        """Candidates still in the pipeline (not hired, rejected or withdrawn)."""
        return sum(n for state, n in self.counts.items() if state not in FINAL)

    def to_json(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "role": self.role.id,
            "title": self.role.title,
            "status": self.role.status.value,
            "counts": {state.value: n for state, n in self.counts.items()},
            "active": self.active,
        }


def pipelines(store: RecordStore, role_id: str | None = None) -> list[RolePipeline]:
    """The pipeline of one role, or of every role (oldest first).

    Raises:
        RecordError: ``role_id`` names no role.
    """
    roles = [store.require(Role, role_id)] if role_id else store.all(Role)
    candidates = store.all(Candidate)
    result = []
    for role in roles:
        counts = dict.fromkeys(CandidateState, 0)
        for candidate in candidates:
            if candidate.role == role.id:
                counts[candidate.state] += 1
        result.append(RolePipeline(role, counts))
    return result


@dataclass(frozen=True)
class CandidateSummary:
    """What the scorecards say about a candidate.

    Attributes:
        candidate: the stored entry.
        means: mean score per competency over every scorecard (2 decimals), in loop order.
        recommendations: how many scorecards gave each recommendation (every value listed).
        unscored_stages: loop stages nobody has scored yet.
    """

    candidate: Candidate
    means: dict[str, float]
    recommendations: dict[Recommendation, int]
    unscored_stages: list[str]

    def to_json(self) -> dict[str, Any]:
        """JSON-able form: the candidate's fields, then the summary."""
        return {
            **self.candidate.model_dump(mode="json"),
            "means": self.means,
            "recommendations": {r.value: n for r, n in self.recommendations.items()},
            "unscored_stages": self.unscored_stages,
            "next_states": [s.value for s in next_states(self.candidate.state)],
        }


def candidate_summary(store: RecordStore, candidate_id: str) -> CandidateSummary:
    """Summarise a candidate's scorecards against the role's loop.

    Raises:
        RecordError: no such candidate.
    """
    candidate = store.require(Candidate, candidate_id)
    role = store.get(Role, candidate.role)
    scores: dict[str, list[int]] = {}
    if role is not None:  # loop order first, then anything scored under an older loop
        for stage in role.loop:
            for name in stage.competencies:
                scores.setdefault(name, [])
    recommendations = dict.fromkeys(Recommendation, 0)
    for card in candidate.scorecards:
        recommendations[card.recommendation] += 1
        for name, value in card.scores.items():
            scores.setdefault(name, []).append(value)
    scored = {card.stage for card in candidate.scorecards}
    loop = role.loop if role is not None else []
    return CandidateSummary(
        candidate=candidate,
        means={name: round(sum(v) / len(v), 2) for name, v in scores.items() if v},
        recommendations=recommendations,
        unscored_stages=[stage.name for stage in loop if stage.name not in scored],
    )
