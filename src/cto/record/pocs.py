"""Proofs of concept: a bounded experiment with a business metric and a go / no-go decision.

Future-proofing goes research → proof of concept → implementation. A proof of concept earns its
cost only when it states its hypothesis, the business metric and target that would prove it, a
time box and a cost cap up front, and ends in a written decision. One still undecided after its
time box is flagged as overdue: open-ended experiments are how prototypes drift into production.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, ClassVar, Self

from pydantic import Field, model_validator

from cto.record.items import RecordError, RecordModel, register
from cto.record.store import RecordStore
from cto.record.team_types import Money, Name, Slug, Statement, Text, updated


class PocDecision(StrEnum):
    """The outcome of a proof of concept."""

    PENDING = "pending"
    GO = "go"
    NO_GO = "no-go"


@register
class Poc(RecordModel):
    """A proof of concept and its decision."""

    KIND: ClassVar[str] = "poc"
    LABEL: ClassVar[str] = "proof of concept"

    id: Slug
    title: Name
    hypothesis: Statement
    metric: Name
    """The business metric that decides it (conversion, hours saved, cost per order…)."""
    target: Name
    """The value of the metric that means "go"."""
    cost_cap: Money | None = None
    started: date | None = None
    time_box_weeks: int = Field(ge=1, le=104)
    decision: PocDecision = PocDecision.PENDING
    decided_on: date | None = None
    result: Text = ""
    """What was measured and why the decision went the way it did."""

    def record_key(self) -> str:
        """The proof of concept's id."""
        return self.id

    @property
    def deadline(self) -> date | None:
        """The day the time box runs out: start plus its weeks (``None`` until started)."""
        if self.started is None:
            return None
        return self.started + timedelta(weeks=self.time_box_weeks)

    @model_validator(mode="after")
    def _decided(self) -> Self:
        if self.decision is PocDecision.PENDING and self.decided_on is not None:
            raise ValueError("decided_on is set but the decision is still pending")
        if self.decision is not PocDecision.PENDING and self.decided_on is None:
            raise ValueError(f"a {self.decision.value} decision needs decided_on")
        return self


def add_poc(store: RecordStore, poc: Poc) -> Poc:
    """Add a proof of concept (normally pending).

    Raises:
        RecordError: one with that id exists.
    """
    store.add(poc)
    return poc


def decide_poc(store: RecordStore, poc_id: str, decision: str, on: date, result: str) -> Poc:
    """Record the go or no-go decision of a pending proof of concept and what it showed.

    Raises:
        RecordError: no such proof of concept, already decided, ``decision`` not go or no-go,
            an empty result, or a decision dated before the start.
    """
    poc = store.require(Poc, poc_id)
    if decision not in (PocDecision.GO.value, PocDecision.NO_GO.value):
        raise RecordError(f"'{decision}' is not a decision (one of: go, no-go)")
    if poc.decision is not PocDecision.PENDING:
        raise RecordError(
            f"proof of concept '{poc.id}' was already decided: {poc.decision.value} "
            f"on {poc.decided_on}"
        )
    if not result.strip():
        raise RecordError("a decision needs its result: what was measured against the target")
    if poc.started is not None and on < poc.started:
        raise RecordError(f"decided on {on}, before the proof of concept started ({poc.started})")
    decided = updated(poc, {"decision": decision, "decided_on": on, "result": result})
    store.save(decided)
    return decided


@dataclass(frozen=True)
class PocView:
    """A proof of concept as of a day: its deadline and whether it is overdue."""

    poc: Poc
    deadline: date | None
    overdue: bool
    """Started, time box passed, and still no decision."""

    def to_json(self) -> dict[str, Any]:
        """JSON-able form: the fields, then the derived ones."""
        return {
            **self.poc.model_dump(mode="json"),
            "deadline": None if self.deadline is None else self.deadline.isoformat(),
            "overdue": self.overdue,
        }


def poc_view(poc: Poc, today: date) -> PocView:
    """Judge one proof of concept as of ``today``."""
    deadline = poc.deadline
    overdue = poc.decision is PocDecision.PENDING and deadline is not None and today > deadline
    return PocView(poc, deadline, overdue)


def poc_views(store: RecordStore, today: date) -> list[PocView]:
    """Every proof of concept as of ``today``, oldest first."""
    return [poc_view(poc, today) for poc in store.all(Poc)]
