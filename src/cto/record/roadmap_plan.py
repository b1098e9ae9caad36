"""Roadmap operations: add and change initiatives, rank them, weigh quarters, say not now.

Every writing function runs inside the caller's :class:`~cto.record.store.RecordStore`
transaction, so its cross-entry checks (a goal must exist in the profile, a dropped initiative
gets exactly one not-now entry) hold when it commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from cto.record.items import RecordError, build
from cto.record.profile import CompanyProfile
from cto.record.roadmap import Capacity, Initiative, InitiativeStatus, NotNow
from cto.record.store import RecordStore

NOT_RECORDED = "capacity not recorded"


@dataclass(frozen=True, slots=True)
class QuarterLoad:
    """One quarter: its capacity against the effort planned in it.

    Attributes:
        quarter: like ``2027Q1``.
        capacity: person-weeks recorded for it, ``None`` when none was.
        load: effort of its planned and in-progress initiatives, in person-weeks.
        initiatives: ids of those initiatives, best RICE first.
    """

    quarter: str
    capacity: float | None
    load: float
    initiatives: tuple[str, ...]

    @property
    def over(self) -> bool:
        """True when more is planned than the recorded capacity."""
        return self.capacity is not None and self.load > self.capacity

    @property
    def verdict(self) -> str:
        """``over by 4 person-weeks``, ``under by 2 …``, ``at capacity`` or not recorded."""
        if self.capacity is None:
            return NOT_RECORDED
        gap = self.load - self.capacity
        if gap == 0:
            return "at capacity"
        weeks = f"{abs(gap):g} person-week{'' if abs(gap) == 1 else 's'}"
        return f"{'over' if gap > 0 else 'under'} by {weeks}"


def add_initiative(store: RecordStore, fields: Mapping[str, Any]) -> Initiative:
    """Add an initiative.

    Raises:
        RecordError: invalid fields, an id in use, a goal the profile does not hold, or a
            status of ``dropped`` (use :func:`drop_initiative`, which records why).
    """
    initiative = build(Initiative, dict(fields))
    _check(store, initiative)
    store.add(initiative)
    return initiative


def update_initiative(store: RecordStore, key: str, changes: Mapping[str, Any]) -> Initiative:
    """Change fields of initiative ``key`` (not its id).

    Raises:
        RecordError: no such initiative, invalid fields, a goal the profile does not hold, or a
            change to ``dropped`` (use :func:`drop_initiative`).
    """
    if "id" in changes:
        raise RecordError("an initiative's id cannot change")
    current = store.require(Initiative, key)
    updated = build(Initiative, {**current.model_dump(), **changes})
    _check(store, updated, dropped_before=current.status is InitiativeStatus.DROPPED)
    store.save(updated)
    return updated


def ranked(initiatives: Iterable[Initiative], *, include_closed: bool = False) -> list[Initiative]:
    """Best RICE score first, ties by id; done and dropped ones only when asked."""
    shown = [
        item
        for item in initiatives
        if include_closed or item.status not in (InitiativeStatus.DONE, InitiativeStatus.DROPPED)
    ]
    return sorted(shown, key=lambda item: (-item.rice, item.id))


def set_capacity(store: RecordStore, quarter: str, person_weeks: float) -> Capacity:
    """Record (or replace) the capacity of ``quarter``."""
    capacity = build(Capacity, {"quarter": quarter, "person_weeks": person_weeks})
    store.save(capacity)
    return capacity


def quarter_loads(
    initiatives: Iterable[Initiative], capacities: Iterable[Capacity]
) -> list[QuarterLoad]:
    """Every quarter with capacity or planned work, in order, load against capacity."""
    recorded = {capacity.quarter: capacity.person_weeks for capacity in capacities}
    planned: dict[str, list[Initiative]] = {}
    for item in initiatives:
        if item.status.loads and item.quarter is not None:
            planned.setdefault(item.quarter, []).append(item)
    return [
        QuarterLoad(
            quarter,
            recorded.get(quarter),
            sum(item.effort for item in planned.get(quarter, [])),
            tuple(item.id for item in ranked(planned.get(quarter, []))),
        )
        for quarter in sorted(recorded.keys() | planned.keys())
    ]


def unscheduled(initiatives: Iterable[Initiative]) -> list[Initiative]:
    """Planned or in-progress initiatives without a quarter: load no quarter can show."""
    return ranked(item for item in initiatives if item.status.loads and item.quarter is None)


def add_not_now(store: RecordStore, fields: Mapping[str, Any]) -> NotNow:
    """Add an entry to the not-now list.

    Raises:
        RecordError: invalid fields (a reason is required), an id in use, or an
            ``initiative`` that is not in the record.
    """
    entry = build(NotNow, dict(fields))
    if entry.initiative is not None:
        store.require(Initiative, entry.initiative)
    store.add(entry)
    return entry


def drop_initiative(
    store: RecordStore, key: str, reason: str, revisit: date | None = None
) -> tuple[Initiative, NotNow]:
    """Drop initiative ``key`` and put it on the not-now list with ``reason``, both or neither.

    Raises:
        RecordError: no such initiative, it is already dropped, no reason, or a not-now entry
            with its id already exists.
    """
    initiative = store.require(Initiative, key)
    if initiative.status is InitiativeStatus.DROPPED:
        raise RecordError(f"initiative '{key}' is already dropped")
    fields = {"id": key, "title": initiative.title, "reason": reason, "revisit": revisit}
    entry = add_not_now(store, {**fields, "initiative": key})
    dropped = build(Initiative, {**initiative.model_dump(), "status": InitiativeStatus.DROPPED})
    store.save(dropped)
    return dropped, entry


def _check(store: RecordStore, initiative: Initiative, *, dropped_before: bool = False) -> None:
    if initiative.status is InitiativeStatus.DROPPED and not dropped_before:
        raise RecordError("drop an initiative with its reason: cto roadmap drop ID --not-now …")
    if initiative.goal is None:
        return
    profile = store.get(CompanyProfile, CompanyProfile.KEY)
    goals = [goal.id for goal in profile.goals] if profile is not None else []
    if initiative.goal not in goals:
        known = ", ".join(goals) if goals else "none recorded (add them to the profile: cto init)"
        raise RecordError(f"goal '{initiative.goal}' is not a goal of the profile; goals: {known}")
