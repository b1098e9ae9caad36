"""The SARIF 2.1.0 rendering, for code scanning: one run, every rule, one result per finding.

Rules come from the rules data (title, rationale, recommendation, area, most severe tier), so
a code-scanning page explains each alert as ``docs/checks.md`` does. Locations are the
evidence paths, relative to the repository root, with a line when the evidence names one
("path:12" or "line 12"); a finding about the whole repository points to the repository's
anchor file (its README, else a manifest), since GitHub code scanning rejects a whole log when
one result has no location. Exempted findings carry an accepted external suppression whose
justification is the exemption's reason.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from cto.analyzers.rules import Rule, RuleSet
from cto.findings import Evidence, Finding, Severity
from cto.reports.model import Report
from cto.reports.text import displayable

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
#: Where the rules are documented, in cto's own repository (each result's rule names its anchor).
CHECKS_DOC = "docs/checks.md"
#: The public URL of :data:`CHECKS_DOC`. SARIF's ``helpUri`` must be an absolute URI, so rules
#: carry one only when this is set; until then the page is named in ``properties.docs``.
CHECKS_URL: str | None = None
LEVELS = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
_LINE = re.compile(r"\bline (\d+)\b")
_PLACEHOLDERS = re.compile(r"\{\w+\}(?:\s*\{\w+\})*")


def render_sarif(report: Report, rules: RuleSet | None = None) -> str:
    """The report's findings as a SARIF 2.1.0 log (indent 2, newline-terminated)."""
    return json.dumps(sarif_log(report, rules), indent=2, ensure_ascii=False) + "\n"


def sarif_log(report: Report, rules: RuleSet | None = None) -> dict[str, Any]:
    """The SARIF log as JSON data: every rule of the rules data, then one result per finding."""
    rules = rules or RuleSet.default()
    findings = list(_findings(report))
    descriptors = [_descriptor(rule) for rule in rules.rules]
    known = {rule.id for rule in rules.rules}
    for rule_id in dict.fromkeys(f.rule for f, _ in findings if f.rule not in known):
        descriptors.append({"id": rule_id, "name": _name(rule_id)})
    index = {d["id"]: n for n, d in enumerate(descriptors)}
    driver = {
        "name": "cto",
        "version": report.tool_version,
        "semanticVersion": report.tool_version,
        "rules": descriptors,
    }
    run = {
        "tool": {"driver": driver},
        "results": [_result(f, index[f.rule], anchor) for f, anchor in findings],
        "columnKind": "unicodeCodePoints",
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _findings(report: Report) -> Iterator[tuple[Finding, str | None]]:
    for section in report.repositories:
        for area in section.areas:
            for finding in area.findings:
                yield finding, section.anchor


def _descriptor(rule: Rule) -> dict[str, Any]:
    worst = max(
        (s for s in Severity if s.value in rule.thresholds),
        key=lambda s: s.rank,
        default=Severity.INFO,
    )
    anchor = f"#{_anchor(rule.id)}"
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": _name(rule.id),
        "shortDescription": {"text": _plain(rule.title)},
        "fullDescription": {"text": _flat(rule.rationale)},
        "help": {"text": _plain(rule.recommendation)},
        "defaultConfiguration": {"level": LEVELS[worst]},
        "properties": {"tags": ["cto", rule.area], "area": rule.area, "docs": CHECKS_DOC + anchor},
    }
    if CHECKS_URL:
        descriptor["helpUri"] = CHECKS_URL + anchor
    return descriptor


def _result(finding: Finding, rule_index: int, anchor: str | None) -> dict[str, Any]:
    title = finding.title.strip().rstrip(".")
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": displayable(f"{title}. {finding.impact}".strip())},
        "partialFingerprints": {"ctoFindingId/v1": finding.id},
        "properties": {
            "repository": displayable(finding.repository),
            "area": finding.area,
            "severity": finding.severity.value,
            "effort": finding.effort.value,
            "recommendation": displayable(finding.recommendation),
        },
    }
    locations = list(_locations(finding.evidence))
    if not locations and anchor is not None:  # about the whole repository: its anchor file
        locations = [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(anchor)}}}]
    if locations:
        result["locations"] = locations
    if finding.exemption is not None:
        exemption = finding.exemption
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": displayable(exemption.describe()),
            }
        ]
    return result


def _locations(evidence: tuple[Evidence, ...]) -> Iterator[dict[str, Any]]:
    seen: set[tuple[str, int | None]] = set()
    for item in evidence:
        if not item.path:
            continue
        line = evidence_line(item)
        if (item.path, line) in seen:
            continue
        seen.add((item.path, line))
        physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(item.path)}}
        if line is not None:
            physical["region"] = {"startLine": line}
        yield {"physicalLocation": physical}


def evidence_line(item: Evidence) -> int | None:
    """The line an evidence item names ("path:12" or "…, line 12"), or None."""
    if item.path is None:
        return None
    found = re.search(rf"{re.escape(item.path)}:(\d+)\b", item.value) or _LINE.search(item.value)
    line = int(found[1]) if found else 0
    return line if line >= 1 else None


def artifact_uri(path: str) -> str:
    """A repository-relative path as a relative URI reference (percent-encoded, ``/``-separated)."""
    return quote(displayable(path).lstrip("/"), safe="/")


def _name(rule_id: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", rule_id) if part)


def _anchor(rule_id: str) -> str:
    """The GitHub heading anchor of ``### `rule.id` `` in docs/checks.md."""
    return re.sub(r"[^a-z0-9 _-]", "", rule_id.lower()).replace(" ", "-")


def _plain(template: str) -> str:
    """A rule text with each placeholder (or run of them) shown as "…": "… lines of code"."""
    text = _flat(_PLACEHOLDERS.sub("…", template))
    return text[:1].upper() + text[1:]


def _flat(text: str) -> str:
    return " ".join(text.split())
