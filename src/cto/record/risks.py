"""The risk register: each risk's likelihood, impact, owner, mitigation, review date and status.

A risk is kind ``risk``, keyed by its number (1, 2, …, never reused). Its exposure is likelihood x
impact (1 to 25); the register is read highest exposure first, and a risk whose review date has
passed while it is not closed is overdue. Risks proposed from audit findings carry the finding's
id in :attr:`Risk.source_finding` (see :mod:`cto.record.risk_sync`). Closing needs a reason;
nothing is ever deleted, so the register also shows what was dealt with and why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar, Self

from pydantic import Field, model_validator

from cto.record.items import RecordError, RecordModel, build, register
from cto.record.store import RecordStore


class RiskStatus(StrEnum):
    """Where a risk stands: being watched, being reduced, knowingly accepted, or gone."""

    OPEN = "open"
    MITIGATING = "mitigating"
    ACCEPTED = "accepted"
    CLOSED = "closed"


@register
class Risk(RecordModel):
    """One entry of the risk register."""

    KIND: ClassVar[str] = "risk"
    LABEL: ClassVar[str] = "risk"

    number: int = Field(ge=1)
    title: str = Field(min_length=1, max_length=300)
    description: str = Field(default="", max_length=5000)
    likelihood: int = Field(ge=1, le=5)
    """1 rare … 5 almost certain, over the next year."""
    impact: int = Field(ge=1, le=5)
    """1 negligible … 5 threatens the company."""
    owner: str | None = Field(default=None, min_length=1, max_length=200)
    mitigation: str = Field(default="", max_length=5000)
    review_date: date | None = None
    status: RiskStatus = RiskStatus.OPEN
    source_finding: str | None = Field(default=None, min_length=1, max_length=255)
    """Id of the audit finding this risk was proposed from (stable across audits)."""
    repository: str | None = Field(default=None, min_length=1, max_length=255)
    """Name of the audited repository the source finding is about."""
    raised: date
    closed_on: date | None = None
    closed_reason: str | None = Field(default=None, min_length=1, max_length=1000)

    def record_key(self) -> str:
        """The risk's number, as text."""
        return str(self.number)

    @property
    def exposure(self) -> int:
        """Likelihood x impact, 1 to 25: how the register is ordered."""
        return self.likelihood * self.impact

    @property
    def closed(self) -> bool:
        """True once the risk is closed."""
        return self.status is RiskStatus.CLOSED

    def overdue(self, today: date) -> bool:
        """True when its review date is before ``today`` and it is not closed."""
        return not self.closed and self.review_date is not None and self.review_date < today

    def closed_as(self, reason: str, today: date) -> Risk:
        """A closed copy of this risk: on ``today`` (not before it was raised), for ``reason``."""
        data = self.model_dump()
        data.update(status=RiskStatus.CLOSED, closed_on=max(today, self.raised))
        return build(Risk, {**data, "closed_reason": reason})

    def reopened(self) -> Risk:
        """An open copy of this risk, forgetting when and why it was closed."""
        data = self.model_dump()
        data.update(status=RiskStatus.OPEN, closed_on=None, closed_reason=None)
        return build(Risk, data)

    @model_validator(mode="after")
    def _closing_is_recorded(self) -> Self:
        """A closed risk says when and why; an open one carries neither."""
        if self.closed:
            if self.closed_on is None or self.closed_reason is None:
                raise ValueError("a closed risk needs closed_on and closed_reason")
            if self.closed_on < self.raised:
                raise ValueError("closed_on is before the day the risk was raised")
        elif self.closed_on is not None or self.closed_reason is not None:
            raise ValueError(f"a risk that is {self.status.value} has no closed_on or reason")
        return self


EDITABLE = frozenset(
    {"title", "description", "likelihood", "impact", "owner", "mitigation", "review_date", "status"}
)
"""Fields :func:`update_risk` may change (the number, link and dates are the register's own)."""


def add_risk(store: RecordStore, fields: Mapping[str, Any], today: date) -> Risk:
    """Add a risk with the next free number, raised ``today``; ``fields`` are :data:`EDITABLE`.

    Raises:
        RecordError: an invalid or unknown field, or a status of ``closed`` (use ``close_risk``).
    """
    _check_fields(fields)
    risk = build(Risk, {**fields, "number": store.next_number(Risk), "raised": today})
    store.add(risk)
    return risk


def update_risk(store: RecordStore, number: int, changes: Mapping[str, Any]) -> Risk:
    """Change fields of risk ``number``; reopening a closed risk forgets when and why it closed.

    Raises:
        RecordError: no such risk, an invalid or unknown field, or ``status=closed``.
    """
    _check_fields(changes)
    risk = store.require(Risk, str(number))
    data = {**risk.model_dump(), **changes}
    if risk.closed and "status" in changes:
        data.update(closed_on=None, closed_reason=None)
    updated = build(Risk, data)
    store.save(updated)
    return updated


def close_risk(store: RecordStore, number: int, reason: str, today: date) -> Risk:
    """Close risk ``number`` on ``today`` for ``reason``.

    Raises:
        RecordError: no such risk, it is already closed, or the reason is empty.
    """
    risk = store.require(Risk, str(number))
    if risk.closed:
        raise RecordError(
            f"risk {number} is already closed ({risk.closed_on}: {risk.closed_reason})"
        )
    if not reason.strip():
        raise RecordError("closing a risk needs a reason")
    closed = risk.closed_as(reason, today)
    store.save(closed)
    return closed


def by_exposure(risks: Iterable[Risk], *, include_closed: bool = False) -> list[Risk]:
    """Risks highest exposure first, ties by number; closed ones only when asked."""
    shown = [risk for risk in risks if include_closed or not risk.closed]
    return sorted(shown, key=lambda risk: (-risk.exposure, risk.number))


def _check_fields(fields: Mapping[str, Any]) -> None:
    unknown = sorted(set(fields) - EDITABLE)
    if unknown:
        raise RecordError(f"a risk has no editable field {', '.join(unknown)}")
    if str(fields.get("status", "")) == RiskStatus.CLOSED.value:
        raise RecordError("close a risk with its reason instead: cto risk close N --reason …")
