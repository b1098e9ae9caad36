"""Exemptions applied to a built report, and the "Exemptions" area that shows them.

A pure function of a report and an :class:`~cto.exemptions.ExemptionConfig`: covered findings
are marked (never removed), the areas they sit in are rated again without them, and each
repository gains an "Exemptions" area listing every exemption of the configuration, with the
expired ones as ``exemptions.expired`` findings. The founder summary is then built again, so
exempted findings never appear among the top risks.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from cto.analyzers.exemption_expiry import expired_findings, is_expired
from cto.analyzers.rules import RuleSet
from cto.exemptions import ExemptionConfig, exempt_findings
from cto.findings import Exemption, Finding, Rating, overall, rate
from cto.reports.area_parts import capped, plural
from cto.reports.model import Area, Report, RepositorySection
from cto.reports.summary import build_summary

AREA_ID = "exemptions"


def exempt_area(area: Area, config: ExemptionConfig, today: date) -> Area:
    """``area`` with covered findings marked; rated again without them when any was covered."""
    findings = exempt_findings(area.findings, config, today)
    if findings == area.findings:
        return area
    rating = area.rating if area.rating is Rating.NOT_ASSESSED else rate(findings)
    return dataclasses.replace(area, findings=findings, rating=rating)


def exempt_section(
    section: RepositorySection, config: ExemptionConfig, today: date, rules: RuleSet | None = None
) -> RepositorySection:
    """``section`` with exemptions applied and, when there are any, an "Exemptions" area."""
    areas = tuple(exempt_area(a, config, today) for a in section.areas if a.id != AREA_ID)
    if config.exemptions:
        areas += (exemptions_area(section.name, areas, config, today, rules),)
    return dataclasses.replace(section, areas=areas, rating=overall(a.rating for a in areas))


def exempt_report(
    report: Report, config: ExemptionConfig, today: date, rules: RuleSet | None = None
) -> Report:
    """``report`` with exemptions applied to every repository and its summary built again."""
    if not config.exemptions:
        return report
    sections = tuple(exempt_section(s, config, today, rules) for s in report.repositories)
    return dataclasses.replace(report, repositories=sections, summary=build_summary(sections))


def exemptions_area(
    repository: str,
    areas: tuple[Area, ...],
    config: ExemptionConfig,
    today: date,
    rules: RuleSet | None = None,
) -> Area:
    """Every exemption of ``config``: whom it covers here, and a finding for each expired one."""
    covered = [f for a in areas for f in a.findings if f.exemption is not None]
    expired = expired_findings(config.exemptions, today, repository, rules)
    rows = [
        _row(number, exemption, covered, today)
        for number, exemption in enumerate(config.exemptions, start=1)
    ]
    lapsed = sum(is_expired(e, today) for e in config.exemptions)
    summary = (
        f"{plural(len(config.exemptions), 'exemption', 'exemptions')} in "
        f"{config.source or 'the configuration'}; {plural(len(covered), 'finding', 'findings')} "
        f"exempted here, shown in their areas but not counted; {lapsed} expired."
    )
    table = capped(
        "exemptions", "Exemptions",
        ("#", "rule", "match", "owner", "expires", "status", "findings exempted", "reason"),
        rows, "exemptions",
    )  # fmt: skip
    return Area(AREA_ID, "Exemptions", rate(expired), summary, (), expired, (), (), (table,))


def _row(
    number: int, exemption: Exemption, covered: list[Finding], today: date
) -> tuple[str | int | None, ...]:
    status = "expired" if is_expired(exemption, today) else "active"
    count = sum(f.exemption == exemption for f in covered)
    expires = exemption.expires.isoformat() if exemption.expires else None
    match = exemption.match or "every finding of the rule"
    owner, reason = exemption.owner, exemption.reason
    return (number, exemption.rule, match, owner, expires, status, count, reason)
