"""Hiring: open roles with a structured interview loop, and the candidates moving through it.

A loop names its stages and the competencies each stage judges, so every interviewer scores the
same things on the same 1 to 4 scale and a hiring decision rests on evidence rather than on the
last conversation. The pipeline only moves forward (applied → screen → interview → offer →
hired), and a candidate may leave it at any open step (rejected, withdrawn).
The operations on these kinds live in :mod:`cto.record.hiring_pipeline`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from cto.record.items import RecordModel, register
from cto.record.team_types import Name, Slug, Text

Competency = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
"""A competency a stage judges: ``system-design``, ``communication``."""

Score = Annotated[int, Field(ge=1, le=4)]
"""1 strong no, 2 no, 3 yes, 4 strong yes, per competency."""


class RoleStatus(StrEnum):
    """Whether a role is being hired for."""

    OPEN = "open"
    PAUSED = "paused"
    FILLED = "filled"
    CLOSED = "closed"


class CandidateState(StrEnum):
    """Where a candidate is in the pipeline; the last three are final."""

    APPLIED = "applied"
    SCREEN = "screen"
    INTERVIEW = "interview"
    OFFER = "offer"
    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


PIPELINE = (
    CandidateState.APPLIED,
    CandidateState.SCREEN,
    CandidateState.INTERVIEW,
    CandidateState.OFFER,
    CandidateState.HIRED,
)
"""The forward steps, in order."""

FINAL = frozenset({CandidateState.HIRED, CandidateState.REJECTED, CandidateState.WITHDRAWN})
"""States a candidate never leaves."""


def next_states(state: CandidateState) -> tuple[CandidateState, ...]:
    """The states a candidate in ``state`` may move to: the next step, or out of the pipeline."""
    if state in FINAL:
        return ()
    step = PIPELINE[PIPELINE.index(state) + 1]
    return (step, CandidateState.REJECTED, CandidateState.WITHDRAWN)


class Recommendation(StrEnum):
    """An interviewer's overall call after a stage."""

    STRONG_NO = "strong-no"
    NO = "no"
    YES = "yes"
    STRONG_YES = "strong-yes"


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_assignment=True)


class InterviewStage(_Part):
    """One stage of a role's interview loop and the competencies it judges."""

    name: Competency
    competencies: list[Competency] = Field(min_length=1, max_length=30)

    @model_validator(mode="after")
    def _unique(self) -> Self:
        if len(set(self.competencies)) != len(self.competencies):
            raise ValueError(f"stage '{self.name}' names a competency twice")
        return self


class Scorecard(_Part):
    """One interviewer's written judgment of one stage."""

    stage: Competency
    interviewer: Name
    scores: dict[Competency, Score] = Field(min_length=1, max_length=30)
    recommendation: Recommendation
    notes: Text = ""


@register
class Role(RecordModel):
    """A role being hired for, with its interview loop."""

    KIND: ClassVar[str] = "role"
    LABEL: ClassVar[str] = "role"

    id: Slug
    title: Name
    status: RoleStatus = RoleStatus.OPEN
    loop: list[InterviewStage] = Field(default_factory=list, max_length=20)

    def record_key(self) -> str:
        """The role's id."""
        return self.id

    def stage(self, name: str) -> InterviewStage | None:
        """The loop stage called ``name``, if any."""
        return next((stage for stage in self.loop if stage.name == name), None)

    @model_validator(mode="after")
    def _unique_stages(self) -> Self:
        names = [stage.name for stage in self.loop]
        if len(set(names)) != len(names):
            raise ValueError("two stages of the interview loop share a name")
        return self


@register
class Candidate(RecordModel):
    """Someone applying for a role, with the scorecards written about them."""

    KIND: ClassVar[str] = "candidate"
    LABEL: ClassVar[str] = "candidate"

    id: Slug
    name: Name
    role: Slug
    state: CandidateState = CandidateState.APPLIED
    scorecards: list[Scorecard] = Field(default_factory=list, max_length=100)

    def record_key(self) -> str:
        """The candidate's id."""
        return self.id

    @model_validator(mode="after")
    def _one_card_each(self) -> Self:
        seen = [(card.stage, card.interviewer) for card in self.scorecards]
        if len(set(seen)) != len(seen):
            raise ValueError("an interviewer scored the same stage twice")
        return self
