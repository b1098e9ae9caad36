"""The roadmap: initiatives scored by RICE, capacity per quarter, and the not-now list.

An initiative serves a business goal of the profile and is ranked by its RICE score, reach x
impact x confidence / effort (Intercom's prioritisation formula): people or accounts reached per
quarter, impact on Intercom's scale (3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal),
confidence 0 to 1, effort in person-weeks. Each quarter's capacity (person-weeks) is recorded
separately, and what was decided *not* to build is kept with its reason: saying no in writing is
half of a roadmap. The operations on these kinds are in :mod:`cto.record.roadmap_plan`.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import AfterValidator, Field, field_validator

from cto.record.items import RecordModel, register

SLUG = r"[a-z0-9][a-z0-9-]*"
QUARTER = r"[0-9]{4}Q[1-4]"


def _slug(value: str) -> str:
    if not re.fullmatch(SLUG, value):
        raise ValueError(
            f"'{value}' is not an id: use a-z, 0-9 and '-', starting with a letter or digit"
        )
    return value


def _quarter(value: str) -> str:
    if not re.fullmatch(QUARTER, value):
        raise ValueError(f"'{value}' is not a quarter like 2027Q1 (a year, Q, then 1 to 4)")
    return value


Slug = Annotated[str, Field(min_length=1, max_length=64), AfterValidator(_slug)]
Quarter = Annotated[str, AfterValidator(_quarter)]
RICE_IMPACTS = (0.25, 0.5, 1.0, 2.0, 3.0)
"""Intercom's impact scale: minimal, low, medium, high, massive."""


class InitiativeStatus(StrEnum):
    """Where an initiative stands; only planned and in-progress ones load a quarter."""

    PROPOSED = "proposed"
    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def loads(self) -> bool:
        """True when initiatives in this state take capacity from their quarter."""
        return self in (InitiativeStatus.PLANNED, InitiativeStatus.IN_PROGRESS)


@register
class Initiative(RecordModel):
    """A piece of work on the roadmap, with what it is worth and what it costs."""

    KIND: ClassVar[str] = "initiative"
    LABEL: ClassVar[str] = "initiative"

    id: Slug
    title: str = Field(min_length=1, max_length=300)
    goal: Slug | None = None
    """Id of the profile goal it serves."""
    reach: float = Field(ge=0, le=1e9, allow_inf_nan=False)
    """People or accounts it reaches per quarter."""
    impact: float
    """Per person reached: 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal."""
    confidence: float = Field(ge=0, le=1, allow_inf_nan=False)
    """How sure the estimates are, 0 to 1 (1 = 100%)."""
    effort: float = Field(gt=0, le=100_000, allow_inf_nan=False)
    """Person-weeks of work."""
    quarter: Quarter | None = None
    status: InitiativeStatus = InitiativeStatus.PROPOSED
    requested_by: str | None = Field(default=None, min_length=1, max_length=200)

    def record_key(self) -> str:
        """The initiative's id."""
        return self.id

    @field_validator("impact")
    @classmethod
    def _on_the_scale(cls, value: float) -> float:
        """Impact is one of the five points of the RICE scale."""
        if value not in RICE_IMPACTS:
            allowed = ", ".join(f"{v:g}" for v in RICE_IMPACTS)
            raise ValueError(f"impact {value:g} is not on the RICE scale ({allowed})")
        return value

    @property
    def rice(self) -> float:
        """Reach x impact x confidence / effort: value per person-week."""
        return self.reach * self.impact * self.confidence / self.effort


@register
class Capacity(RecordModel):
    """The person-weeks the team can give the roadmap in one quarter."""

    KIND: ClassVar[str] = "capacity"
    LABEL: ClassVar[str] = "capacity"

    quarter: Quarter
    person_weeks: float = Field(ge=0, le=100_000, allow_inf_nan=False)

    def record_key(self) -> str:
        """The quarter, like ``2027Q1``."""
        return self.quarter


@register
class NotNow(RecordModel):
    """Something deliberately not built now, why, and when to look at it again."""

    KIND: ClassVar[str] = "not-now"
    LABEL: ClassVar[str] = "not-now entry"

    id: Slug
    title: str = Field(min_length=1, max_length=300)
    reason: str = Field(min_length=1, max_length=2000)
    revisit: date | None = None
    initiative: Slug | None = None
    """Id of the initiative it was dropped from, if any."""

    def record_key(self) -> str:
        """The entry's id."""
        return self.id
