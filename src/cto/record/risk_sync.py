"""Keep the risk register in step with the audits: propose, close and reopen linked risks.

:func:`sync_risks` is a pure function of the register and the latest audit of each repository:

* a finding at or above the threshold (``risk_rules.toml``, default high) that no risk links to
  (:attr:`Risk.source_finding`) is proposed as a new open risk, scored from its severity, its
  business impact as the description and its recommendation as the mitigation. A finding with a
  linked risk, whatever that risk's status, is never proposed again;
* an open risk whose finding the latest audit of its repository no longer reports is closed, the
  reason naming that audit, unless that audit could not assess the finding's area (then nothing
  shows the finding is gone, and the risk stays open);
* a risk closed that way whose finding comes back is reopened: the problem returned;
* an exempted finding (accepted by a person in ``cto.toml``, with reason and owner) counts as
  reported: it is never proposed, and a risk already linked to it is not closed.

:func:`latest_audit_findings` reads what the function needs from a workspace, only reading.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from cto.analyzers.rules import RuleSet
from cto.findings import Finding, Severity
from cto.record.audit_findings import AuditFindings, latest_audit_findings
from cto.record.items import build
from cto.record.risk_rules import RiskRules, default_risk_rules
from cto.record.risks import Risk
from cto.record.store import RecordStore

__all__ = [
    "CLOSED_BY_SYNC",
    "AuditFindings",
    "SyncPlan",
    "apply_sync",
    "latest_audit_findings",
    "sync_risks",
]

CLOSED_BY_SYNC = "Finding no longer reported"
"""How the reason of a risk closed by a sync starts; such a risk reopens if its finding returns."""


@dataclass(frozen=True, slots=True)
class SyncPlan:
    """What a sync changes; :func:`apply_sync` writes it.

    Attributes:
        proposed: new risks, numbered after the register's highest number.
        closed: linked risks whose finding is gone, closed.
        reopened: risks a sync had closed whose finding is reported again, reopened.
        kept: open linked risks whose finding is missing from an audit that could not assess
            its area, left open.
        exempted: findings at or above the threshold not proposed because they are exempted.
    """

    proposed: tuple[Risk, ...] = ()
    closed: tuple[Risk, ...] = ()
    reopened: tuple[Risk, ...] = ()
    kept: tuple[Risk, ...] = ()
    exempted: tuple[Finding, ...] = ()

    @property
    def changes(self) -> int:
        """How many risks the plan adds or changes."""
        return len(self.proposed) + len(self.closed) + len(self.reopened)


@dataclass
class _Repository:
    """The latest audits of every repository key sharing one name, merged."""

    latest: AuditFindings
    reported: dict[str, Finding] = field(default_factory=dict)
    assessed: set[str] = field(default_factory=set)


def sync_risks(
    risks: Sequence[Risk],
    audits: Iterable[AuditFindings],
    today: date,
    *,
    rules: RiskRules | None = None,
    threshold: Severity | None = None,
    rule_areas: Mapping[str, str] | None = None,
) -> SyncPlan:
    """Plan the register's changes from the latest audit of each repository (see the module).

    ``threshold`` overrides the rules' threshold; ``rule_areas`` maps rule ids to report areas
    (default: the shipped rules), to tell a finding that is gone from one not assessed.
    """
    rules = rules or default_risk_rules()
    floor = threshold or rules.threshold
    areas = rule_areas if rule_areas is not None else _default_rule_areas()
    repositories = _merge(audits)
    closed, reopened, kept = [], [], []
    for risk in risks:
        seen = repositories.get(risk.repository or "")
        if risk.source_finding is None or seen is None:
            continue
        finding = seen.reported.get(risk.source_finding)
        if finding is None and not risk.closed:
            area = areas.get(risk.source_finding.rpartition(":")[0])
            if area is None or area in seen.assessed:
                closed.append(_close(risk, risk.source_finding, seen.latest, today))
            else:
                kept.append(risk)
        elif finding is not None and finding.counted and _closed_by_sync(risk):
            reopened.append(risk.reopened())
    proposed, exempted = _propose(risks, repositories.values(), floor, rules, today)
    return SyncPlan(tuple(proposed), tuple(closed), tuple(reopened), tuple(kept), exempted)


def apply_sync(store: RecordStore, plan: SyncPlan) -> None:
    """Write a plan made from this store's risks (inside the caller's transaction)."""
    for risk in plan.proposed:
        store.add(risk)
    for risk in (*plan.closed, *plan.reopened):
        store.save(risk)


def _merge(audits: Iterable[AuditFindings]) -> dict[str, _Repository]:
    merged: dict[str, _Repository] = {}
    for audit in audits:
        entry = merged.setdefault(audit.repository, _Repository(audit))
        if (audit.finished, audit.audit_id) > (entry.latest.finished, entry.latest.audit_id):
            entry.latest = audit
        entry.reported.update((finding.id, finding) for finding in audit.findings)
        entry.assessed.update(audit.assessed_areas)
    return merged


def _propose(
    risks: Sequence[Risk],
    repositories: Iterable[_Repository],
    floor: Severity,
    rules: RiskRules,
    today: date,
) -> tuple[list[Risk], tuple[Finding, ...]]:
    linked = {risk.source_finding for risk in risks if risk.source_finding}
    candidates = [
        (repository.latest.repository, finding)
        for repository in repositories
        for finding in repository.reported.values()
        if finding.id not in linked and finding.severity.at_least(floor)
    ]
    candidates.sort(key=lambda pair: (-pair[1].severity.rank, pair[0], pair[1].id))
    number = max((risk.number for risk in risks), default=0)
    proposed = []
    for name, finding in candidates:
        if finding.counted:
            number += 1
            proposed.append(_risk(finding, name, number, rules, today))
    return proposed, tuple(finding for _, finding in candidates if not finding.counted)


def _risk(finding: Finding, repository: str, number: int, rules: RiskRules, today: date) -> Risk:
    score = rules.score(finding.severity)
    return build(
        Risk,
        {
            "number": number,
            "title": finding.title[:300],
            "description": finding.impact[:5000],
            "likelihood": score.likelihood,
            "impact": score.impact,
            "mitigation": finding.recommendation[:5000],
            "review_date": today + timedelta(days=rules.review_after_days),
            "source_finding": finding.id,
            "repository": repository,
            "raised": today,
        },
    )


def _close(risk: Risk, finding_id: str, audit: AuditFindings, today: date) -> Risk:
    reason = (
        f"{CLOSED_BY_SYNC}: audit {audit.audit_id} of {audit.repository} on "
        f"{audit.finished.isoformat()} does not report finding {finding_id}"
    )
    return risk.closed_as(reason, today)


def _closed_by_sync(risk: Risk) -> bool:
    return risk.closed and (risk.closed_reason or "").startswith(CLOSED_BY_SYNC)


def _default_rule_areas() -> dict[str, str]:
    return {rule.id: rule.area for rule in RuleSet.default().rules}
