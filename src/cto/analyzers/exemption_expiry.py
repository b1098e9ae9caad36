"""Expired exemptions are a result: each becomes an ``exemptions.expired`` finding.

An exemption (see :class:`cto.findings.Exemption`) applies up to and including its ``expires``
day. After that it no longer applies, and rather than vanish it is reported, so a founder or a CI
log says why a finding counts again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from cto.analyzers.rules import RuleSet
from cto.findings import Evidence, Exemption, Finding

RULE_IDS = ("exemptions.expired",)


def is_expired(exemption: Exemption, today: date) -> bool:
    """True when ``today`` is after the exemption's last valid day."""
    return exemption.expires is not None and today > exemption.expires


def expired_findings(
    exemptions: Sequence[Exemption], today: date, repository: str, rules: RuleSet | None = None
) -> tuple[Finding, ...]:
    """One finding per expired exemption, numbered by its place in ``exemptions`` (from 1)."""
    rule = (rules or RuleSet.default()).get("exemptions.expired")
    found = []
    for number, exemption in enumerate(exemptions, start=1):
        if exemption.expires is None or not is_expired(exemption, today):
            continue
        days = (today - exemption.expires).days
        severity = rule.severity_for(days)
        if severity is None:
            continue
        scope = exemption.match or "every finding"
        values: dict[str, object] = {
            "number": number,
            "rule": exemption.rule,
            "match": scope,
            "owner": exemption.owner,
            "reason": exemption.reason,
            "expires": exemption.expires.isoformat(),
            "days": days,
        }
        evidence = (
            Evidence("exemption", f"number {number}: {exemption.rule} ({scope})"),
            Evidence("owner", exemption.owner),
            Evidence("expired on", exemption.expires.isoformat()),
        )
        subject = f"{number}\0{exemption.rule}\0{exemption.match}"
        found.append(rule.finding(severity, repository, subject, values, evidence))
    return tuple(found)
