"""The adapter: advisor facts read from a real workspace, its record and a real audit."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from advisor_samples import profile

from cto.advisor import advise
from cto.advisor.facts import (
    Capacity,
    Decision,
    DecisionRight,
    Initiative,
    NotNow,
    Override,
    Vendor,
    facts_from_record,
)
from cto.audit import AuditWindow, audit_repository
from cto.record.items import REGISTRY, build
from cto.record.workspace import Workspace
from cto.sources.git import GitRepository

WINDOW = AuditWindow(
    since=None, until=datetime(2025, 6, 30, tzinfo=UTC), now=datetime(2025, 7, 1, tzinfo=UTC)
)
ALICE = ("Alice", "alice@example.com")
BOB = ("Bob", "bob@example.com")
ENGAGEMENT = {
    "structure": "vendor-oversight",
    "weekly_hours": 10,
    "response": {"blocking_question_hours": 2, "critical_incident_minutes": 30},
    "decision_rights": {"architecture": {"decides": "fractional CTO", "consulted": ["founder"]}},
    "overrides": [
        {
            "rule": "challenge.technical-debt",
            "threshold": "unhealthy_health_below",
            "value": 9,
            "reason": "billing is where the money is",
            "by": "Ana",
            "on": "2026-01-05",
        },
    ],
}
RECORD = {
    "initiative": {
        "id": "booking",
        "title": "Booking",
        "goal": "revenue",
        "reach": 100,
        "impact": 2,
        "confidence": 0.5,
        "effort": 6,
        "quarter": "2027Q1",
        "status": "planned",
        "requested_by": "the CEO",
    },
    "capacity": {"quarter": "2027Q1", "person_weeks": 12},
    "not-now": {"id": "sso", "title": "Single sign-on", "reason": "no enterprise customer yet"},
    "vendor": {
        "id": "pixel",
        "name": "Pixel",
        "scope": "booking app",
        "contract": "fixed-price",
        "estimate": 50000,
        "discovery_done": False,
        "contingency_percent": 10,
    },
    "adr": {
        "number": 1,
        "title": "Data model for bookings",
        "status": "accepted",
        "date": "2026-01-01",
    },
}


def branching(cases: int) -> str:
    body = "".join(f"    if x == {i}:\n        return {i}\n" for i in range(cases))
    return f"def pick(x):\n{body}    return -1\n"


@pytest.fixture
def workspace(make_repo, tmp_path):
    """A workspace with a full record and one audit of a repository whose hotspot Alice owns."""
    repo = make_repo("product")
    for day in range(1, 7):
        repo.commit(
            {"app/billing/invoice.py": branching(10 + day)}, author=ALICE, date=f"2025-02-{day:02d}"
        )
    repo.commit(
        {
            "app/booking/slots.py": branching(3),
            "tests/test_booking.py": "def test():\n    assert True\n",
        },
        author=BOB,
        date="2025-02-10",
    )
    with Workspace.open(tmp_path / ".cto") as ws:
        audit_repository(GitRepository.open(repo.path), ws, WINDOW)
        with ws.record() as store:
            store.save(profile())
            store.save(build(REGISTRY["engagement"], ENGAGEMENT))
            for kind, data in RECORD.items():
                store.save(build(REGISTRY[kind], data))
        yield ws


def test_the_record_and_the_latest_audit_become_advisor_facts(workspace):
    with workspace.record(write=False) as store:
        facts = facts_from_record(store, workspace)
    assert facts.profile == profile()
    assert facts.engagement is not None and facts.engagement.structure == "vendor-oversight"
    assert facts.engagement.decision_rights == {
        "architecture": DecisionRight("fractional CTO", ("founder",))
    }
    assert facts.overrides == (
        Override(
            "challenge.technical-debt",
            "unhealthy_health_below",
            9,
            "billing is where the money is",
            "Ana",
            date(2026, 1, 5),
        ),
    )
    assert facts.initiatives == (
        Initiative(
            "booking", "Booking", 6.0, "revenue", 100.0, 2.0, 0.5, "2027Q1", "planned", "the CEO"
        ),
    )
    assert facts.capacity == (Capacity("2027Q1", 12.0),)
    assert facts.not_now == (NotNow("sso", "Single sign-on", "no enterprise customer yet"),)
    assert facts.vendors == (
        Vendor(
            "pixel",
            "Pixel",
            "booking app",
            "fixed-price",
            estimate=50000,
            discovery_done=False,
            contingency_percent=10,
        ),
    )
    assert facts.decisions == (Decision(1, "Data model for bookings", "accepted"),)


def test_the_audit_evidence_knows_the_hotspot_its_owner_and_its_tests(workspace):
    with workspace.record(write=False) as store:
        evidence = facts_from_record(store, workspace).audit
    assert evidence is not None
    (repository,) = evidence.repositories
    assert repository.name == "product"
    assert repository.source.startswith("audit 1 of product (")
    assert repository.languages == (("Python", repository.code_lines),)
    assert repository.untested_areas == ("app/billing",)
    (hotspot,) = [h for h in evidence.hotspots if h.path == "app/billing/invoice.py"]
    assert (hotspot.single_owner, hotspot.owner, hotspot.tested) == (True, "Alice", False)
    assert hotspot.health is not None and 1 <= hotspot.health <= 10


def test_advice_over_the_workspace_uses_the_recorded_override(workspace):
    with workspace.record(write=False) as store:
        advice = advise(facts_from_record(store, workspace), topics=["challenges"])
    debt = advice.get("challenge.technical-debt")
    assert debt.answer == "raise"
    assert debt.reasons[0].startswith("Hotspot app/billing/invoice.py (product): health ")
    assert debt.reasons[0].endswith("only Alice knows it and no tests cover its area.")
    assert [(o.value, o.default, o.by) for o in debt.overrides] == [(9, 4, "Ana")]
    assert advice.get("challenge.vendor-estimate").answer == "raise"
    assert advice.get("challenge.data-model").answer == "fine"


def test_a_kind_not_registered_reads_as_empty(workspace, monkeypatch):
    for kind in ("vendor", "adr", "engagement"):
        monkeypatch.delitem(REGISTRY, kind)
    with workspace.record(write=False) as store:
        facts = facts_from_record(store, workspace)
    assert (facts.vendors, facts.decisions, facts.engagement, facts.overrides) == ((), (), None, ())
    assert len(facts.initiatives) == 1


def test_only_the_newest_audit_of_a_repository_counts(make_repo, tmp_path):
    repo = make_repo("product")
    repo.commit({"app.py": branching(2)}, author=ALICE, date="2025-02-01")
    with Workspace.open(tmp_path / ".cto") as ws:
        with ws.record(write=False) as store:
            assert facts_from_record(store, ws).audit is None
        audit_repository(GitRepository.open(repo.path), ws, WINDOW)
        repo.commit({"lib.py": branching(2)}, author=BOB, date="2025-02-02")
        audit_repository(GitRepository.open(repo.path), ws, WINDOW)
        with ws.record(write=False) as store:
            facts = facts_from_record(store, ws)
    assert facts.profile is None
    assert facts.audit is not None
    assert [r.source.split(" (")[0] for r in facts.audit.repositories] == ["audit 2 of product"]
    assert facts.audit.repositories[0].contributors == 2
