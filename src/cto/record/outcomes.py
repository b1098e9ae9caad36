"""Monthly outcomes: what each month of the engagement delivered, in writing.

An engagement is judged by what the company holds in writing when it ends. "No measurable
outcomes" is a red flag: every month needs milestones, team metrics (velocity, code quality,
hiring progress…) and documents (specs, ADRs, runbooks). :func:`check_outcomes` flags each month
missing any of the three, including months with nothing recorded at all; ADRs dated in a month
count as that month's documents. Recording and the views live in :mod:`cto.record.outcome_views`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from cto.record.items import RecordModel, register
from cto.record.team_types import Month, Name

MetricName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
MetricValue = (
    Annotated[float, Field(allow_inf_nan=False)]
    | Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
)
"""A number (velocity 23, coverage 71.5) or a short text (``2 of 3 hires``)."""


class DocumentKind(StrEnum):
    """What kind of document a month delivered."""

    SPEC = "spec"
    ADR = "adr"
    RUNBOOK = "runbook"
    OTHER = "other"


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_assignment=True)


class Milestone(_Part):
    """A milestone planned for or reached in the month."""

    title: Name
    done: bool = False


class Document(_Part):
    """A document delivered in the month."""

    kind: DocumentKind
    title: Name
    link: str | None = Field(default=None, min_length=1, max_length=2000)


@register
class MonthlyOutcome(RecordModel):
    """What one month of the engagement delivered."""

    KIND: ClassVar[str] = "outcome"
    LABEL: ClassVar[str] = "monthly outcome"

    month: Month
    milestones: list[Milestone] = Field(default_factory=list, max_length=200)
    team_metrics: dict[MetricName, MetricValue] = Field(default_factory=dict, max_length=100)
    documents: list[Document] = Field(default_factory=list, max_length=200)

    def record_key(self) -> str:
        """The month, ``YYYY-MM``."""
        return self.month

    @model_validator(mode="after")
    def _unique(self) -> Self:
        titles = [milestone.title for milestone in self.milestones]
        if len(set(titles)) != len(titles):
            raise ValueError("two milestones share a title")
        documents = [(document.kind, document.title) for document in self.documents]
        if len(set(documents)) != len(documents):
            raise ValueError("two documents share a kind and title")
        return self
