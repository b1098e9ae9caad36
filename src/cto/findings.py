"""The one finding model every analyzer, advisor and report shares.

A finding always carries its evidence, its business impact in plain words and a recommendation
with effort. Where an area could not be assessed, that is a :class:`NotAssessed` result with a
reason, never a silent gap.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding matters, from critical (act now) to info (worth knowing)."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more severe: critical 4 … info 0."""
        return _SEVERITY_RANK[self]

    def at_least(self, other: Severity) -> bool:
        """True when this severity is as severe as ``other`` or more."""
        return self.rank >= other.rank


_SEVERITY_RANK = {
    Severity.CRITICAL: 4,
    Severity.HIGH: 3,
    Severity.MEDIUM: 2,
    Severity.LOW: 1,
    Severity.INFO: 0,
}


class Effort(StrEnum):
    """Rough effort to act on a recommendation."""

    HOURS = "hours"
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"


class Rating(StrEnum):
    """Red/amber/green rating of an area or an audit; ``not_assessed`` when nothing was measured."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    NOT_ASSESSED = "not_assessed"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of evidence behind a finding.

    Attributes:
        label: what the value is, in plain words ("truck factor", "file").
        value: the measured value or the item, as text.
        path: repository-relative path the evidence points at, if any.
        commit: commit hash the evidence points at, if any.
    """

    label: str
    value: str
    path: str | None = None
    commit: str | None = None


NOT_COUNTED = "not counted in ratings, top risks or --fail-on"
"""What every report says about an exempted finding."""


@dataclass(frozen=True, slots=True)
class Exemption:
    """An engagement's recorded decision to accept a finding (see ``cto.toml``).

    An exempted finding stays in every report, marked, but no longer counts in ratings, the
    founder summary's top risks or ``--fail-on``.

    Attributes:
        reason: why the risk is accepted, in plain words.
        owner: who decided and answers for it.
        expires: last day the exemption applies (``None``: until removed).
        rule: id of the rule whose findings it exempts.
        match: a path glob or a finding id narrowing it; empty for every finding of the rule.
    """

    reason: str
    owner: str
    expires: date | None
    rule: str
    match: str = ""

    def describe(self) -> str:
        """One line for reports: ``Exempted until 2026-12-31 by Ada: accepted risk``."""
        until = f" until {self.expires.isoformat()}" if self.expires else ""
        return f"Exempted{until} by {self.owner}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Finding:
    """A conclusion drawn from evidence, in business language.

    Attributes:
        id: stable identifier (rule + repository + subject), the same on every audit.
        rule: id of the rule that produced it (see ``docs/checks.md``).
        area: report area it belongs to ("activity", "knowledge", "coupling", …).
        severity: how much it matters.
        title: one line a founder understands.
        impact: what it means for the business, in plain words.
        recommendation: what to do about it.
        effort: rough effort of the recommendation.
        evidence: the facts it rests on.
        repository: name of the audited repository it is about.
        exemption: the exemption that accepts it, if any; an exempted finding is shown but
            never counted in ratings, top risks or ``--fail-on``.
    """

    id: str
    rule: str
    area: str
    severity: Severity
    title: str
    impact: str
    recommendation: str
    effort: Effort
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)
    repository: str = ""
    exemption: Exemption | None = None

    @property
    def counted(self) -> bool:
        """True unless an exemption accepts it: only counted findings rate, rank or fail CI."""
        return self.exemption is None


@dataclass(frozen=True, slots=True)
class NotAssessed:
    """An area, or a metric, that could not be assessed, and why."""

    area: str
    reason: str


def finding_id(rule: str, repository: str, subject: str = "") -> str:
    """A stable short id for a finding: the same rule, repository and subject give the same id."""
    digest = hashlib.sha256(f"{rule}\0{repository}\0{subject}".encode()).hexdigest()
    return f"{rule}:{digest[:10]}"


def rate(findings: Iterable[Finding]) -> Rating:
    """Rate an assessed area: red on any critical or high finding, amber on medium, else green.

    Exempted findings are not counted.
    """
    worst = max((f.severity.rank for f in findings if f.counted), default=-1)
    if worst >= Severity.HIGH.rank:
        return Rating.RED
    if worst == Severity.MEDIUM.rank:
        return Rating.AMBER
    return Rating.GREEN


def overall(ratings: Iterable[Rating]) -> Rating:
    """The worst of the assessed ratings; ``not_assessed`` only when nothing was assessed."""
    order = [Rating.RED, Rating.AMBER, Rating.GREEN]
    seen = set(ratings)
    for rating in order:
        if rating in seen:
            return rating
    return Rating.NOT_ASSESSED
