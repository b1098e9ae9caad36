"""A fixed, fully populated engagement record and stored audits for the founder report tests.

The record has every part the founder report shows: a profile with goals and remote-fit scores,
an engagement with decision rights and a rule override, ADRs in every status, risks (one of high
exposure past its review, one with a hostile HTML title, a closed one), a roadmap with a quarter
over capacity, a not-now list, and a vendor whose estimate had no discovery.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from cto.record import AuditRecord
from cto.record.items import REGISTRY, build
from cto.record.workspace import Workspace
from cto.reports.json_report import render_json
from cto.reports.model import Report, RepositorySection
from cto.reports.summary import build_summary

TODAY = date(2026, 3, 15)
NOW = datetime(2026, 3, 15, 9, 30, tzinfo=UTC)
HOSTILE_RISK = "<img src=x onerror=alert(1)>"

PROFILE: dict[str, Any] = {
    "name": "Kitebook",
    "stage": "mvp",
    "business_model": "b2b-saas",
    "core_workflow": "Schools publish lessons; students book and pay a deposit.",
    "product_type": "cloud-native",
    "monthly_tech_budget": 18000,
    "currency": "EUR",
    "runway_months": 14,
    "situations": ["non-technical-founder", "agency-or-freelancers"],
    "team": {
        "size": 3,
        "roles": ["backend (agency)", "mobile (freelance)", "product designer"],
        "remote_experience": "some",
        "founder_technical": False,
        "uses_agency": True,
    },
    "risk": {
        "personal_data": True,
        "health_data": False,
        "payment_data": False,
        "regulations": ["GDPR"],
        "uptime": "business-hours",
    },
    "goals": [
        {"id": "paying-schools", "title": "Schools paying", "metric": "schools on a paid plan"},
    ],
    "remote_fit": {
        "cloud-native-product": 5,
        "team-remote-experience": 3,
        "communication-tools": 4,
        "founder-async-comfort": 3,
        "no-physical-infrastructure": 5,
        "budget-favours-fractional": 5,
        "senior-talent-over-presence": 4,
        "time-bounded": 4,
    },
}
ENGAGEMENT: dict[str, Any] = {
    "structure": "vendor-oversight",
    "started": "2026-01-05",
    "weekly_hours": 10,
    "response": {
        "blocking_question_hours": 2,
        "critical_incident_minutes": 30,
        "after_hours_p1_minutes": 60,
        "weekends": "agreed emergencies only",
    },
    "decision_rights": {
        "architecture": {"decides": "fractional CTO", "consulted": ["founder"]},
        "budget": {"decides": "founder", "consulted": ["fractional CTO"], "informed": ["board"]},
    },
    "outputs": ["monthly vendor review"],
    "rhythm": ["weekly call, 60 minutes"],
    "founder_owns": ["pricing"],
    "team_owns": ["day-to-day delivery"],
    "overrides": [
        {
            "rule": "challenge.vendor-estimate",
            "threshold": "min_contingency_percent",
            "value": 20,
            "reason": "the agency missed its last two estimates",
            "by": "Ana",
            "on": "2026-02-01",
        }
    ],
}
ADRS = [
    {"number": 1, "title": "Use PostgreSQL", "status": "accepted", "date": "2026-01-10"},
    {"number": 2, "title": "Move deposits to Stripe", "status": "proposed", "date": "2026-03-01"},
    {"number": 3, "title": "Monolith first", "status": "superseded", "date": "2026-01-12",
     "superseded_by": 4},
    {"number": 4, "title": "Modular monolith", "status": "accepted", "date": "2026-02-02",
     "supersedes": [3]},
    {"number": 5, "title": "Self-hosted CI", "status": "deprecated", "date": "2026-02-10"},
]  # fmt: skip
RISKS = [
    {"number": 1, "title": "Card data written to logs", "likelihood": 4, "impact": 5,
     "owner": "Ana", "review_date": "2026-02-01", "status": "open", "raised": "2026-01-05"},
    {"number": 2, "title": HOSTILE_RISK, "likelihood": 3, "impact": 3,
     "review_date": "2026-04-01", "status": "mitigating", "raised": "2026-01-06"},
    {"number": 3, "title": "Agency holds the only deploy key", "likelihood": 2, "impact": 4,
     "owner": "Ben", "review_date": "2026-03-01", "status": "accepted", "raised": "2026-01-07"},
    {"number": 4, "title": "Staging open to the internet", "likelihood": 3, "impact": 3,
     "status": "closed", "raised": "2026-01-08", "closed_on": "2026-02-20",
     "closed_reason": "staging now behind the VPN"},
]  # fmt: skip
INITIATIVES = [
    {"id": "booking", "title": "Online booking", "goal": "paying-schools", "reach": 400,
     "impact": 2, "confidence": 0.8, "effort": 6, "quarter": "2027Q1", "status": "planned"},
    {"id": "billing", "title": "Custom billing and invoicing", "goal": "paying-schools",
     "reach": 100, "impact": 1, "confidence": 0.5, "effort": 10, "quarter": "2027Q1",
     "status": "planned"},
    {"id": "crm-sync", "title": "CRM sync", "reach": 20, "impact": 0.5, "confidence": 0.5,
     "effort": 4, "status": "proposed", "requested_by": "an investor"},
    {"id": "signup", "title": "School sign-up", "goal": "paying-schools", "reach": 50,
     "impact": 1, "confidence": 1, "effort": 2, "quarter": "2026Q4", "status": "done"},
]  # fmt: skip
CAPACITY = [{"quarter": "2027Q1", "person_weeks": 12}, {"quarter": "2027Q2", "person_weeks": 10}]
NOT_NOW = [
    {"id": "native-app", "title": "Native mobile app", "reason": "web first until 40 schools pay",
     "revisit": "2027-01-01"},
]  # fmt: skip
VENDORS = [
    {"id": "pixel", "name": "Pixel Agency", "scope": "booking web app", "contract": "fixed-price",
     "estimate": 50000, "estimate_weeks": 12, "discovery_done": False, "contingency_percent": 10},
]  # fmt: skip


def fill_record(workspace: Workspace, *, parts: Iterable[str] | None = None) -> None:
    """Write the sample record (every part, or only the named kinds) in one transaction."""
    record: Mapping[str, list[dict[str, Any]]] = {
        "profile": [PROFILE],
        "engagement": [ENGAGEMENT],
        "adr": ADRS,
        "risk": RISKS,
        "initiative": INITIATIVES,
        "capacity": CAPACITY,
        "not-now": NOT_NOW,
        "vendor": VENDORS,
    }
    wanted = set(record if parts is None else parts)
    with workspace.record() as store:
        for kind, entries in record.items():
            if kind in wanted:
                for data in entries:
                    store.save(build(REGISTRY[kind], data))


def stored_report(section: RepositorySection) -> dict[str, Any]:
    """The report ``cto audit`` would store for one repository, as the workspace keeps it."""
    report = Report(
        "1", "0.1.0", "2024-03-21T09:00:00Z", "2024-03-21T00:00:00Z",
        build_summary((section,)), (section,),
    )  # fmt: skip
    data: dict[str, Any] = json.loads(render_json(report))
    return data


def save_audits(workspace: Workspace, sections: Iterable[RepositorySection]) -> None:
    """Store one audit per section, a minute apart."""
    for minute, section in enumerate(sections):
        finished = datetime(2024, 3, 21, 9, tzinfo=UTC) + timedelta(minutes=minute)
        record = AuditRecord(
            section.name, section.path, section.name, section.head, None, None, finished,
            finished, finished, section.commits, False, {}, (), stored_report(section),
        )  # fmt: skip
        workspace.save_audit(record, None)
