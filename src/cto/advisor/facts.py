"""What the advisor's rules read: plain, frozen values taken from the record and the audits.

The rules never touch the database: :class:`AdvisorFacts` is built once (by
:func:`facts_from_record` from a workspace, or by hand in tests and
other front ends) and every analysis is a pure function of it. Only the fields the rules use are
mirrored from the record kinds, under the record's names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from cto.advisor.conclusion import Scalar
from cto.advisor.evidence import AuditEvidence
from cto.record.profile import CompanyProfile

if TYPE_CHECKING:
    from cto.record.store import RecordStore
    from cto.record.workspace import Workspace

ACTIVE_STATUSES = ("proposed", "planned", "in-progress")
"""Initiative statuses still to be built (``done`` and ``dropped`` are not)."""


@dataclass(frozen=True)
class Override:
    """An engagement's change to one rule threshold, with its recorded reason."""

    rule: str
    threshold: str
    value: Scalar
    reason: str
    by: str | None = None
    on: date | None = None


@dataclass(frozen=True)
class DecisionRight:
    """Who decides one area, who is consulted and who is informed."""

    decides: str
    consulted: tuple[str, ...] = ()
    informed: tuple[str, ...] = ()


@dataclass(frozen=True)
class EngagementFacts:
    """The engagement terms the rules read."""

    structure: str
    weekly_hours: int | None = None
    decision_rights: Mapping[str, DecisionRight] = field(default_factory=dict)


@dataclass(frozen=True)
class Initiative:
    """A roadmap initiative (see ``cto.record.roadmap.Initiative``)."""

    id: str
    title: str
    effort: float
    goal: str | None = None
    reach: float = 0.0
    impact: float = 1.0
    confidence: float = 1.0
    quarter: str | None = None
    status: str = "proposed"
    requested_by: str | None = None

    @property
    def rice(self) -> float:
        """RICE: reach times impact times confidence, divided by effort."""
        return self.reach * self.impact * self.confidence / self.effort if self.effort else 0.0

    @property
    def active(self) -> bool:
        """True while it is still to be built."""
        return self.status in ACTIVE_STATUSES


@dataclass(frozen=True)
class Capacity:
    """The team's person-weeks available in one quarter."""

    quarter: str
    person_weeks: float


@dataclass(frozen=True)
class NotNow:
    """Something deliberately not built now, and why."""

    id: str
    title: str
    reason: str
    initiative: str | None = None


@dataclass(frozen=True)
class Vendor:
    """An agency, freelancer or supplier, its contract, estimate and actuals."""

    id: str
    name: str
    scope: str = ""
    contract: str = "other"
    estimate: float | None = None
    estimate_weeks: float | None = None
    actual_to_date: float | None = None
    actual_weeks: float | None = None
    discovery_done: bool | None = None
    contingency_percent: float | None = None


@dataclass(frozen=True)
class Decision:
    """An architecture decision record: number, title and status."""

    number: int
    title: str
    status: str


@dataclass(frozen=True)
class AdvisorFacts:
    """Everything the advisor reasons over.

    Attributes:
        profile: the company profile, ``None`` before ``cto init``.
        engagement: the engagement terms, ``None`` when none is recorded.
        overrides: threshold overrides the engagement records.
        initiatives: the roadmap.
        capacity: person-weeks per quarter.
        not_now: the not-now list.
        vendors: vendors and their estimates.
        decisions: architecture decision records.
        audit: evidence from the latest audit of each repository, ``None`` without an audit.
    """

    profile: CompanyProfile | None
    engagement: EngagementFacts | None = None
    overrides: tuple[Override, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    capacity: tuple[Capacity, ...] = ()
    not_now: tuple[NotNow, ...] = ()
    vendors: tuple[Vendor, ...] = ()
    decisions: tuple[Decision, ...] = ()
    audit: AuditEvidence | None = None

    @property
    def deferred(self) -> frozenset[str]:
        """Ids of initiatives the not-now list names."""
        return frozenset(item.initiative for item in self.not_now if item.initiative)

    @property
    def active_initiatives(self) -> tuple[Initiative, ...]:
        """Initiatives still to be built; a proposal the not-now list defers is not."""
        deferred = self.deferred
        return tuple(
            item
            for item in self.initiatives
            if item.active and not (item.status == "proposed" and item.id in deferred)
        )

    @property
    def goal_ids(self) -> frozenset[str]:
        """Ids of the profile's business goals."""
        return frozenset(goal.id for goal in self.profile.goals) if self.profile else frozenset()


def facts_from_record(store: RecordStore, workspace: Workspace) -> AdvisorFacts:
    """The facts of a workspace: its record (read in ``store``'s transaction) and its audits.

    See :mod:`cto.advisor.record_facts` for how each record kind and audit report is read.
    """
    from cto.advisor.record_facts import read_facts

    return read_facts(store, workspace)
