"""The engagement: which of the five structures the company chose, and its written terms.

A fractional CTO without decision rights becomes powerless, and an engagement without an agreed
rhythm and response times drifts; so the record keeps them in writing (kind ``engagement``, key
``current``). :func:`default_engagement` fills a structure's defaults from ``engagements.toml``;
every value is then the company's to edit. Rule overrides (a threshold changed for this company,
with the reason) are first-class and shown wherever the rule's result is shown.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Annotated, Any, ClassVar, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from cto.record.items import RecordError, RecordModel, build, register, validation_line

Party = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class EngagementStructure(StrEnum):
    """The five ways to structure outside CTO help, from a short review to an interim CTO."""

    DISCOVERY_SPRINT = "discovery-sprint"
    MVP_LEADERSHIP = "mvp-leadership"
    VENDOR_OVERSIGHT = "vendor-oversight"
    ARCHITECTURE_AUDIT = "architecture-audit"
    INTERIM_LEADERSHIP = "interim-leadership"


class DecisionArea(StrEnum):
    """The areas whose decision rights an engagement writes down."""

    ARCHITECTURE = "architecture"
    VENDORS = "vendors"
    HIRING = "hiring"
    SECURITY = "security"
    ROADMAP = "roadmap"
    BUDGET = "budget"


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_assignment=True)


class DecisionRight(_Part):
    """Who decides in an area, who is consulted first, and who is told afterwards."""

    decides: Party
    consulted: list[Party] = Field(default_factory=list)
    informed: list[Party] = Field(default_factory=list)


class ResponseTimes(_Part):
    """The response-time agreement (``after_hours_p1_minutes`` ``None``: no after-hours cover)."""

    blocking_question_hours: float = Field(gt=0, le=168, allow_inf_nan=False)
    critical_incident_minutes: int = Field(ge=1, le=10_080)
    after_hours_p1_minutes: int | None = Field(default=None, ge=1, le=10_080)
    weekends: str = Field(default="", max_length=500)


class RuleOverride(_Part):
    """A rule threshold changed for this engagement, with the reason (never silent)."""

    rule: str = Field(min_length=1, max_length=200)
    threshold: str = Field(min_length=1, max_length=100)
    value: bool | int | float | str
    reason: str = Field(min_length=1, max_length=2000)
    by: str | None = Field(default=None, max_length=100)
    on: date | None = None

    @model_validator(mode="after")
    def _finite(self) -> Self:
        """Refuse NaN and infinity: a threshold must be a usable number or a word."""
        if isinstance(self.value, float) and not math.isfinite(self.value):
            raise ValueError("value must be a finite number, true/false or text")
        if isinstance(self.value, str) and len(self.value) > 200:
            raise ValueError("value is longer than 200 characters")
        return self


@register
class Engagement(RecordModel):
    """The current engagement's terms: structure, dates, hours, rights, rhythm and ownership."""

    KIND: ClassVar[str] = "engagement"
    LABEL: ClassVar[str] = "engagement"
    KEY: ClassVar[str] = "current"

    structure: EngagementStructure
    started: date | None = None
    ends: date | None = None
    weekly_hours: int = Field(ge=1, le=60)
    decision_rights: dict[DecisionArea, DecisionRight] = Field(default_factory=dict)
    outputs: list[Line] = Field(default_factory=list)
    rhythm: list[Line] = Field(default_factory=list)
    response: ResponseTimes
    founder_owns: list[Line] = Field(default_factory=list)
    team_owns: list[Line] = Field(default_factory=list)
    overrides: list[RuleOverride] = Field(default_factory=list)

    def record_key(self) -> str:
        """Always ``current``: a workspace holds one engagement at a time."""
        return self.KEY

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        """Check the dates are in order and each rule threshold is overridden at most once."""
        if self.started and self.ends and self.ends < self.started:
            raise ValueError(f"ends {self.ends} is before started {self.started}")
        seen = set()
        for override in self.overrides:
            pair = (override.rule, override.threshold)
            if pair in seen:
                raise ValueError(f"overrides: {override.rule} {override.threshold} is given twice")
            seen.add(pair)
        return self

    def override_for(self, rule: str, threshold: str) -> RuleOverride | None:
        """The override of ``rule``'s ``threshold``, if this engagement has one."""
        for override in self.overrides:
            if (override.rule, override.threshold) == (rule, threshold):
                return override
        return None

    def updated(self, **changes: Any) -> Engagement:
        """A validated copy with ``changes`` applied.

        Raises:
            RecordError: a changed value is invalid (one line).
        """
        return build(Engagement, {**self.model_dump(), **changes})

    def with_override(self, override: RuleOverride) -> Engagement:
        """A copy with ``override`` added, replacing one for the same rule and threshold.

        Raises:
            RecordError: an audit rule's threshold that does not exist or is not given a number.
        """
        problem = audit_threshold_problem(override.rule, override.threshold, override.value)
        if problem:
            raise RecordError(problem)
        pair = (override.rule, override.threshold)
        kept = [o for o in self.overrides if (o.rule, o.threshold) != pair]
        return self.updated(overrides=[*kept, override])

    def without_override(self, rule: str, threshold: str) -> Engagement:
        """A copy without the override of ``rule``'s ``threshold``.

        Raises:
            RecordError: there is no such override.
        """
        if self.override_for(rule, threshold) is None:
            raise RecordError(f"no override of {rule} {threshold} in the engagement")
        kept = [o for o in self.overrides if (o.rule, o.threshold) != (rule, threshold)]
        return self.updated(overrides=kept)


@cache
def _defaults_text() -> str:
    return resources.files("cto.record").joinpath("engagements.toml").read_text("utf-8")


def engagement_defaults() -> dict[str, Any]:
    """The parsed ``engagements.toml``: rhythm, response agreements and each structure's table."""
    return tomllib.loads(_defaults_text())


def structure_info(structure: EngagementStructure) -> dict[str, str]:
    """Title, summary, rationale and source of a structure's defaults, for display."""
    table = engagement_defaults()["structure"][structure.value]
    return {name: str(table[name]) for name in ("title", "summary", "rationale", "source")}


def default_engagement(
    structure: EngagementStructure | str, started: date | None = None
) -> Engagement:
    """The engagement ``structure`` with its defaults filled in from ``engagements.toml``.

    With ``started``, a time-boxed structure (one with ``typical_weeks``) also gets its end date.
    """
    structure = EngagementStructure(structure)
    data = engagement_defaults()
    table = data["structure"][structure.value]
    weeks = table.get("typical_weeks")
    ends = started + timedelta(weeks=weeks) if started and weeks else None
    return build(
        Engagement,
        {
            "structure": structure,
            "started": started,
            "ends": ends,
            "weekly_hours": table["weekly_hours"],
            "decision_rights": table["decision_rights"],
            "outputs": table["outputs"],
            "rhythm": [data["rhythm"][name] for name in table["rhythm"]],
            "response": data["response"][table["response"]],
            "founder_owns": table["founder_owns"],
            "team_owns": table["team_owns"],
        },
    )


def make_override(**fields: Any) -> RuleOverride:
    """A validated :class:`RuleOverride` from its fields.

    Raises:
        RecordError: a field is invalid, for instance an empty reason (one line).
    """
    try:
        return RuleOverride.model_validate(fields)
    except ValidationError as error:
        raise RecordError(validation_line(error, "override")) from None


def audit_threshold_problem(rule: str, threshold: str, value: object) -> str | None:
    """Why an override cannot apply to an audit rule or analyzer, or ``None`` when it can.

    Audit rules (``cto/rules/*.toml``) have known numeric thresholds, so a typo is caught here.
    Other rule ids (the advisor's) are accepted as written; their owner checks them when used.
    """
    from cto.analyzers.rules import RuleSet

    rules = RuleSet.default()
    known: dict[str, Mapping[str, float]] = {rule.id: rule.thresholds for rule in rules.rules}
    known.update((spec.id, spec.thresholds) for spec in rules.analyzers)
    if rule not in known:
        return None
    if threshold not in known[rule]:
        names = ", ".join(sorted(known[rule])) or "none"
        return f"audit rule {rule} has no threshold '{threshold}' (it has: {names})"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"audit rule {rule} threshold {threshold} needs a number, not {value!r}"
    return None
