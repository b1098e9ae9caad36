"""Hand-built advisor facts for the advisor tests: a complete profile to vary, and a judge."""

from __future__ import annotations

import copy
from typing import Any

from cto.advisor.conclusion import Conclusion
from cto.advisor.evidence import AuditEvidence, Hotspot, RepositoryEvidence
from cto.advisor.facts import AdvisorFacts, Override
from cto.advisor.judge import Judge
from cto.record.profile import CompanyProfile

BASE: dict[str, Any] = {
    "name": "Clinicly",
    "stage": "mvp",
    "business_model": "b2b-saas",
    "core_workflow": "clinics book, treat and bill patient appointments",
    "product_type": "cloud-native",
    "team": {
        "size": 3,
        "roles": ["backend developer", "designer"],
        "remote_experience": "some",
        "founder_technical": False,
        "uses_agency": False,
    },
    "monthly_tech_budget": 12000,
    "currency": "EUR",
    "runway_months": 12,
    "risk": {
        "personal_data": True,
        "health_data": False,
        "payment_data": False,
        "regulations": ["GDPR"],
        "uptime": "business-hours",
    },
    "goals": [{"id": "revenue", "title": "First ten paying clinics", "metric": "paying clinics"}],
    "situations": ["non-technical-founder"],
    "remote_fit": {},
}


def profile(**changes: Any) -> CompanyProfile:
    """The base profile with top-level fields replaced; ``team`` and ``risk`` are merged."""
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        if key in ("team", "risk"):
            data[key].update(value)
        else:
            data[key] = value
    return CompanyProfile.model_validate(data)


def facts(**fields: Any) -> AdvisorFacts:
    """Facts with the base profile unless ``profile`` is given."""
    fields.setdefault("profile", profile())
    return AdvisorFacts(**fields)


def judge(*overrides: Override) -> Judge:
    """A judge with the shipped rules and these overrides."""
    return Judge(overrides=overrides)


def override(
    rule: str, threshold: str, value: Any, reason: str = "agreed with the board"
) -> Override:
    """An override recorded by Ana."""
    return Override(rule, threshold, value, reason, by="Ana")


def repo(**fields: Any) -> RepositoryEvidence:
    """Evidence of one repository named ``product``."""
    fields.setdefault("name", "product")
    fields.setdefault("source", "audit 1 of product (2026-01-05)")
    return RepositoryEvidence(**fields)


def audit(*repositories: RepositoryEvidence) -> AuditEvidence:
    """Audit evidence of these repositories."""
    return AuditEvidence(tuple(repositories))


def spot(path: str, health: float | None, **fields: Any) -> Hotspot:
    """A hotspot of repository ``product``."""
    fields.setdefault("revisions", 10)
    fields.setdefault("score", 100.0)
    return Hotspot(repository="product", path=path, health=health, **fields)


def only(conclusions: list[Conclusion], rule: str) -> Conclusion:
    """The conclusion of ``rule``."""
    (found,) = [c for c in conclusions if c.rule == rule]
    return found
