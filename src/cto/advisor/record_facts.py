"""The adapter from a workspace to :class:`~cto.advisor.facts.AdvisorFacts`.

Record kinds are looked up by KIND in :data:`cto.record.items.REGISTRY` and read as plain data
(``model_dump``), so the advisor depends on the field names of the record contract, not on the
classes; a kind that is not registered reads as empty. Audit evidence comes from the newest
stored audit of each repository.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from cto.advisor.conclusion import Scalar
from cto.advisor.evidence import AuditEvidence
from cto.advisor.evidence_read import evidence_from_reports
from cto.advisor.facts import (
    AdvisorFacts,
    Capacity,
    Decision,
    DecisionRight,
    EngagementFacts,
    Initiative,
    NotNow,
    Override,
    Vendor,
)
from cto.record.items import REGISTRY
from cto.record.profile import CompanyProfile
from cto.record.store import RecordStore
from cto.record.workspace import Workspace


def read_facts(store: RecordStore, workspace: Workspace) -> AdvisorFacts:
    """Everything the advisor reads, from one record transaction and the workspace's audits."""
    engagements = _entries(store, "engagement")
    engagement = engagements[0] if engagements else None
    return AdvisorFacts(
        profile=store.get(CompanyProfile, CompanyProfile.KEY),
        engagement=_engagement(engagement) if engagement else None,
        overrides=tuple(_override(item) for item in (engagement or {}).get("overrides", [])),
        initiatives=tuple(_initiative(item) for item in _entries(store, "initiative")),
        capacity=tuple(
            Capacity(str(item["quarter"]), float(item.get("person_weeks") or 0))
            for item in _entries(store, "capacity")
        ),
        not_now=tuple(
            NotNow(
                str(item["id"]),
                str(item.get("title", "")),
                str(item.get("reason", "")),
                item.get("initiative"),
            )
            for item in _entries(store, "not-now")
        ),
        vendors=tuple(_vendor(item) for item in _entries(store, "vendor")),
        decisions=tuple(
            Decision(int(item["number"]), str(item.get("title", "")), str(item.get("status", "")))
            for item in _entries(store, "adr")
        ),
        audit=latest_audit_evidence(workspace),
    )


def latest_audit_evidence(workspace: Workspace) -> AuditEvidence | None:
    """Evidence from the newest audit of each repository, ``None`` when nothing was audited."""
    newest: dict[str, Any] = {}
    for audit in workspace.list_audits():  # newest first
        newest.setdefault(audit.repository_key, audit)
    reports = [
        (
            f"audit {a.id} of {a.name} ({a.finished_at.date().isoformat()})",
            workspace.audit_report(a.id),
        )
        for a in newest.values()
    ]
    return evidence_from_reports(reports)


def _entries(store: RecordStore, kind: str) -> list[dict[str, Any]]:
    cls = REGISTRY.get(kind)
    if cls is None:
        return []
    return [item.model_dump(mode="json") for item in store.all(cls)]


def _engagement(data: dict[str, Any]) -> EngagementFacts:
    rights = {
        str(area): DecisionRight(
            decides=str(right.get("decides", "")),
            consulted=tuple(right.get("consulted", [])),
            informed=tuple(right.get("informed", [])),
        )
        for area, right in (data.get("decision_rights") or {}).items()
    }
    return EngagementFacts(
        structure=str(data.get("structure", "")),
        weekly_hours=data.get("weekly_hours"),
        decision_rights=rights,
    )


def _override(data: dict[str, Any]) -> Override:
    value: Scalar = data["value"]
    return Override(
        rule=str(data["rule"]),
        threshold=str(data["threshold"]),
        value=value,
        reason=str(data.get("reason", "")),
        by=data.get("by"),
        on=_date(data.get("on")),
    )


def _initiative(data: dict[str, Any]) -> Initiative:
    return Initiative(
        id=str(data["id"]),
        title=str(data.get("title", "")),
        effort=float(data.get("effort") or 0),
        goal=data.get("goal"),
        reach=float(data.get("reach") or 0),
        impact=float(data.get("impact") or 0),
        confidence=float(data.get("confidence") or 0),
        quarter=data.get("quarter"),
        status=str(data.get("status", "proposed")),
        requested_by=data.get("requested_by"),
    )


def _vendor(data: dict[str, Any]) -> Vendor:
    return Vendor(
        id=str(data["id"]),
        name=str(data.get("name", data["id"])),
        scope=str(data.get("scope", "")),
        contract=str(data.get("contract", "other")),
        estimate=data.get("estimate"),
        estimate_weeks=data.get("estimate_weeks"),
        actual_to_date=data.get("actual_to_date"),
        actual_weeks=data.get("actual_weeks"),
        discovery_done=data.get("discovery_done"),
        contingency_percent=data.get("contingency_percent"),
    )


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None
