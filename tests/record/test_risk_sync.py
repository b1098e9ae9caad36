"""Risks proposed from audit findings: proposed once, closed when gone, exemptions respected."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest

from cto.errors import InputError, WorkspaceError
from cto.exemptions import parse_config
from cto.findings import Effort, Evidence, Exemption, Finding, Rating, Severity
from cto.record import AuditRecord
from cto.record.risk_rules import default_risk_rules, parse_risk_rules
from cto.record.risk_sync import (
    CLOSED_BY_SYNC,
    AuditFindings,
    apply_sync,
    latest_audit_findings,
    sync_risks,
)
from cto.record.risks import Risk, RiskStatus
from cto.reports.json_report import report_to_dict
from cto.reports.model import Area, Report, RepositorySection, Summary, Table

TODAY = date(2026, 3, 15)
AREAS = {
    "knowledge.truck-factor": "knowledge",
    "secrets.in-tree": "secrets",
    "delivery.no-ci": "delivery",
}
ACCEPTED = Exemption("the founder accepts it until the hire", "Ada", None, "knowledge.truck-factor")


def finding(rule: str, severity: Severity, subject: str = "", repository: str = "shop") -> Finding:
    return Finding(
        id=f"{rule}:{subject or 'x'}-{repository}",
        rule=rule,
        area=AREAS[rule],
        severity=severity,
        title=f"{rule} in {repository}",
        impact=f"What {rule} costs the business.",
        recommendation=f"Fix {rule}.",
        effort=Effort.DAYS,
        evidence=(Evidence("file", "src/app.py", path="src/app.py"),),
        repository=repository,
    )


TRUCK = finding("knowledge.truck-factor", Severity.HIGH)
SECRET = finding("secrets.in-tree", Severity.CRITICAL)
NO_CI = finding("delivery.no-ci", Severity.MEDIUM)


def audit(
    *findings: Finding, audit_id: int = 1, repository: str = "shop", assessed=None
) -> AuditFindings:
    areas = frozenset(AREAS.values()) if assessed is None else frozenset(assessed)
    return AuditFindings(audit_id, repository, date(2026, 3, 14), findings, areas)


def sync(risks, *audits, **options):
    return sync_risks(risks, audits, TODAY, rule_areas=AREAS, **options)


def test_findings_at_or_above_high_are_proposed_worst_first_with_text_from_the_finding():
    plan = sync([], audit(NO_CI, TRUCK, SECRET))
    assert [(r.number, r.source_finding, r.likelihood, r.impact) for r in plan.proposed] == [
        (1, SECRET.id, 4, 5),
        (2, TRUCK.id, 3, 4),
    ]
    truck = plan.proposed[1]
    assert truck.title == TRUCK.title
    assert truck.description == TRUCK.impact
    assert truck.mitigation == TRUCK.recommendation
    assert truck.repository == "shop"
    assert (truck.status, truck.raised, truck.review_date) == (
        RiskStatus.OPEN,
        TODAY,
        date(2026, 4, 14),
    )
    assert plan.closed == plan.reopened == plan.kept == plan.exempted == ()


def test_a_lower_threshold_proposes_medium_findings_scored_from_the_rules():
    plan = sync([], audit(NO_CI, TRUCK), threshold=Severity.MEDIUM)
    assert [(r.source_finding, r.exposure) for r in plan.proposed] == [
        (TRUCK.id, 12),
        (NO_CI.id, 6),
    ]
    assert sync([], audit(TRUCK), threshold=Severity.CRITICAL).proposed == ()


def test_numbers_continue_after_the_highest_risk_closed_ones_included():
    manual = Risk(number=7, title="Vendor", likelihood=2, impact=2, raised=TODAY)
    closed = manual.model_copy(update={"number": 9}).closed_as("gone", TODAY)
    plan = sync([manual, closed], audit(TRUCK))
    assert [r.number for r in plan.proposed] == [10]


def test_a_linked_finding_is_never_proposed_again_whatever_the_risk_status():
    first = sync([], audit(TRUCK)).proposed
    assert sync(first, audit(TRUCK, audit_id=2)).changes == 0
    accepted = [first[0].model_copy(update={"status": RiskStatus.ACCEPTED})]
    assert sync(accepted, audit(TRUCK, audit_id=2)).changes == 0
    closed_by_person = [first[0].closed_as("second maintainer hired", TODAY)]
    assert sync(closed_by_person, audit(TRUCK, audit_id=2)).changes == 0


def test_a_risk_whose_finding_is_gone_from_the_latest_audit_closes_naming_the_audit():
    risks = sync([], audit(TRUCK, SECRET)).proposed
    plan = sync(risks, audit(SECRET, audit_id=5))
    assert [r.number for r in plan.closed] == [2]
    closed = plan.closed[0]
    assert (closed.status, closed.closed_on) == (RiskStatus.CLOSED, TODAY)
    assert closed.closed_reason == (
        f"{CLOSED_BY_SYNC}: audit 5 of shop on 2026-03-14 does not report finding {TRUCK.id}"
    )
    assert plan.proposed == ()


def test_a_risk_stays_open_when_its_area_was_not_assessed_or_its_repository_not_audited():
    risks = sync([], audit(TRUCK)).proposed
    plan = sync(risks, audit(audit_id=2, assessed={"secrets", "delivery"}))
    assert (plan.closed, [r.number for r in plan.kept]) == ((), [1])
    assert sync(risks, audit(SECRET, repository="billing", audit_id=3)).closed == ()


def test_a_risk_linked_to_a_finding_of_an_unknown_rule_closes_when_it_is_gone():
    old = Risk(number=1, title="t", likelihood=3, impact=3, raised=TODAY,
               source_finding="retired.rule:abc", repository="shop")  # fmt: skip
    assert [r.number for r in sync([old], audit(TRUCK)).closed] == [1]


def test_a_risk_closed_by_a_sync_reopens_when_its_finding_returns():
    risks = sync([], audit(TRUCK)).proposed
    closed = sync(risks, audit(audit_id=2)).closed
    plan = sync(closed, audit(TRUCK, audit_id=3))
    assert [(r.number, r.status, r.closed_on, r.closed_reason) for r in plan.reopened] == [
        (1, RiskStatus.OPEN, None, None)
    ]
    assert plan.proposed == ()


def test_exempted_findings_are_not_proposed_and_their_risks_not_closed():
    accepted = dataclasses.replace(TRUCK, exemption=ACCEPTED)
    plan = sync([], audit(accepted, SECRET))
    assert [r.source_finding for r in plan.proposed] == [SECRET.id]
    assert plan.exempted == (accepted,)
    risks = sync([], audit(TRUCK)).proposed
    assert sync(risks, audit(accepted, audit_id=2)).changes == 0
    closed = sync(risks, audit(audit_id=2)).closed
    assert sync(closed, audit(accepted, audit_id=3)).reopened == ()


def test_each_repository_is_judged_by_its_own_latest_audit():
    billing_secret = finding("secrets.in-tree", Severity.CRITICAL, repository="billing")
    risks = sync([], audit(TRUCK), audit(billing_secret, repository="billing", audit_id=2)).proposed
    assert [r.repository for r in risks] == ["billing", "shop"]
    plan = sync(risks, audit(TRUCK, audit_id=3), audit(repository="billing", audit_id=4))
    assert [(r.repository, r.status) for r in plan.closed] == [("billing", RiskStatus.CLOSED)]


def test_apply_writes_the_plan_and_a_second_sync_changes_nothing(workspace):
    with workspace.record() as store:
        apply_sync(store, sync(store.all(Risk), audit(TRUCK, SECRET)))
    with workspace.record() as store:
        again = sync(store.all(Risk), audit(TRUCK, SECRET, audit_id=2))
        apply_sync(store, again)
        assert again.changes == 0
        assert [r.source_finding for r in store.all(Risk)] == [SECRET.id, TRUCK.id]


def test_the_shipped_rules_explain_every_severity():
    rules = default_risk_rules()
    assert rules.threshold is Severity.HIGH
    assert rules.review_after_days == 30
    scores = {s.value: (rules.score(s).likelihood, rules.score(s).impact) for s in Severity}
    assert scores == {
        "critical": (4, 5),
        "high": (3, 4),
        "medium": (2, 3),
        "low": (1, 2),
        "info": (1, 1),
    }
    assert all(rules.score(s).rationale and rules.score(s).source for s in Severity)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("likelihood = 4", "likelihood = 6", 1), "must be 1 to 5"),
        (lambda t: t.replace('severity = "high"', 'severity = "severe"'), "'severe'"),
        (lambda t: t.replace("[severity.low]", "[severity.lowish]"), r"no \[severity.low\] table"),
        (lambda t: t.replace("after_days = 30", "after_days = -1"), "after_days"),
        (lambda t: t + "\n[[broken", "not valid TOML"),
    ],
)
def test_a_broken_rules_file_is_one_clear_error(edit, message):
    from importlib import resources

    text = resources.files("cto.record").joinpath("risk_rules.toml").read_text("utf-8")
    assert parse_risk_rules(text, "rules.toml").threshold is Severity.HIGH
    with pytest.raises(InputError, match=message):
        parse_risk_rules(edit(text), "rules.toml")


def report(name: str, findings: tuple[Finding, ...], assessed: bool = True) -> dict:
    rating = Rating.RED if assessed else Rating.NOT_ASSESSED
    area = Area("knowledge", "Knowledge", rating, "", findings=findings)
    section = RepositorySection(
        name, f"/repos/{name}", "abc", None, None, 3, None, None, False, False, rating, (area,),
        Table("exclusions", "Excluded", (), ()),
    )  # fmt: skip
    summary = Summary(rating, "headline", (), ())
    return report_to_dict(Report("1", "0", "2026-03-14", "2026-03-14", summary, (section,)))


def save(workspace, name: str, minutes: int, findings: tuple[Finding, ...], **kw) -> int:
    finished = datetime(2026, 3, 14, tzinfo=UTC) + timedelta(minutes=minutes)
    record = AuditRecord(
        name, f"/repos/{name}", name, "abc", None, None, finished, finished, finished, 3, False,
        {}, findings, report(name, findings, **kw),
    )  # fmt: skip
    return workspace.save_audit(record, None)


def test_reading_takes_the_latest_audit_of_each_repository_and_applies_exemptions(workspace):
    truck = finding("knowledge.truck-factor", Severity.HIGH, repository="shop")
    save(workspace, "shop", 0, (truck,))
    latest = save(workspace, "shop", 10, (truck,), assessed=False)
    billing = save(workspace, "billing", 5, ())
    config = parse_config(
        '[[exemption]]\nrule = "knowledge.truck-factor"\nreason = "accepted"\nowner = "Ada"\n',
        "cto.toml",
    )
    audits = latest_audit_findings(workspace, TODAY, config)
    assert [(a.audit_id, a.repository, a.assessed_areas) for a in audits] == [
        (latest, "shop", frozenset()),
        (billing, "billing", frozenset({"knowledge"})),
    ]
    assert [f.id for f in audits[0].findings] == [truck.id]
    assert audits[0].findings[0].exemption is not None
    assert latest_audit_findings(workspace, TODAY)[0].findings[0].exemption is None


def test_a_stored_report_that_is_not_a_report_is_one_clear_error(workspace):
    finished = datetime(2026, 3, 14, tzinfo=UTC)
    record = AuditRecord(
        "odd", "/repos/odd", "odd", None, None, None, finished, finished, finished, 0, False,
        {}, (), {"not": "a report"},
    )  # fmt: skip
    workspace.save_audit(record, None)
    with pytest.raises(WorkspaceError, match="audit 1 of odd: its stored report cannot be read"):
        latest_audit_findings(workspace, TODAY)
