"""The practices analysis: aggregate weighting, findings from rules, the report area, JSON."""

from __future__ import annotations

import json

import pytest
from test_practices_helpers import DIGEST, SHA, analyze, workflow

from cto.analyzers.practices import RULE_IDS, CheckResult, aggregate_score
from cto.analyzers.rules import RuleSet
from cto.findings import Effort, Rating, Severity
from cto.reports.practices_areas import practices_areas

WEIGHTS = {"critical": 10.0, "high": 7.5, "medium": 5.0, "low": 2.5}
WF = ".github/workflows/ci.yml"
FOUR_MINOR_WRITES = (
    "permissions:\n  checks: write\n  statuses: write\n  deployments: write\n"
    "  security-events: write\n"
)


def result(score: int, risk: str) -> CheckResult:
    return CheckResult("x", "X", score, risk, "", ())


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        # (0*10 + 10*7.5 + 5*5 + 10*2.5) / 25 = 5.0; the inconclusive check is left out
        ([(0, "critical"), (10, "high"), (5, "medium"), (10, "low"), (-1, "high")], 5.0),
        ([(10, "critical"), (0, "low")], 8.0),  # 100 / 12.5
        ([(7, "high"), (3, "medium")], 5.4),  # (52.5 + 15) / 12.5
        ([(9, "low"), (4, "critical")], 5.0),  # (22.5 + 40) / 12.5
        ([(-1, "critical")], None),
        ([], None),
    ],
)
def test_aggregate_is_risk_weighted(scores: list[tuple[int, str]], expected: float | None) -> None:
    assert aggregate_score(tuple(result(s, r) for s, r in scores), WEIGHTS) == expected


def test_aggregate_of_an_empty_tree() -> None:
    # only binary-artifacts (high) scores 10; the high checks weigh 22.5, medium 25, low 7.5
    assert analyze({}).aggregate == round(75 / 55, 1) == 1.4


def _severity(files: dict[str, str | bytes], rule: str) -> Severity | None:
    return next((f.severity for f in analyze(files).findings if f.rule == rule), None)


def _uses(*refs: str) -> str:
    return workflow("push", "".join(f"      - uses: {ref}\n" for ref in refs))


@pytest.mark.parametrize(
    ("files", "rule", "expected"),
    [
        ({WF: workflow("issues", "      - run: echo ${{ github.event.issue.title }}\n")},
         "practices.dangerous-workflow", Severity.CRITICAL),
        ({WF: workflow("issues", "      - run: echo hi\n")}, "practices.dangerous-workflow", None),
        ({WF: _uses(f"actions/checkout@{SHA}", "foo/bar@v1")},
         "practices.pinned-dependencies", Severity.MEDIUM),  # score 2
        ({WF: _uses(f"foo/bar@{SHA}", "foo/baz@v2")},
         "practices.pinned-dependencies", Severity.LOW),  # score 5
        ({WF: _uses(f"foo/bar@{SHA}", "foo/baz@v2"), "Dockerfile": f"FROM a@{DIGEST}\n"},
         "practices.pinned-dependencies", Severity.LOW),  # score 7: at the threshold
        ({WF: _uses("actions/checkout@v4", f"foo/bar@{SHA}")},
         "practices.pinned-dependencies", None),  # score 8: above it
        ({f"{i}.jar": b"PK" for i in range(6)}, "practices.binary-artifacts", Severity.MEDIUM),
        ({f"{i}.jar": b"PK" for i in range(5)}, "practices.binary-artifacts", Severity.LOW),
        ({"a.jar": b"PK"}, "practices.binary-artifacts", Severity.LOW),
        ({}, "practices.binary-artifacts", None),
        ({}, "practices.security-policy", Severity.LOW),
        ({"SECURITY.md": "https://acme.io/security"}, "practices.security-policy", None),  # 6
        ({}, "practices.license", Severity.MEDIUM),
        ({"LICENSE": "All rights reserved"}, "practices.license", Severity.LOW),
        ({"LICENSE": "SPDX-License-Identifier: MIT"}, "practices.license", None),
        ({}, "practices.dependency-update-tool", Severity.MEDIUM),
        ({}, "practices.sast", Severity.LOW),
        ({"sonar-project.properties": "x"}, "practices.sast", Severity.LOW),  # 7
        ({}, "practices.fuzzing", Severity.INFO),
        ({}, "practices.readme-setup", Severity.MEDIUM),
        ({}, "practices.decision-records", Severity.LOW),
        ({}, "practices.runbooks", Severity.LOW),
        ({}, "practices.contributing", Severity.LOW),
        ({}, "practices.codeowners", Severity.LOW),
        ({}, "practices.token-permissions", None),  # inconclusive: never a finding
        ({WF: workflow("push", "      - run: make\n")},
         "practices.token-permissions", Severity.MEDIUM),  # score 0
        ({WF: workflow("push", "      - run: make\n", FOUR_MINOR_WRITES)},
         "practices.token-permissions", Severity.LOW),  # score 7
    ],
)  # fmt: skip
def test_findings_fire_at_or_below_thresholds(
    files: dict[str, str | bytes], rule: str, expected: Severity | None
) -> None:
    assert _severity(files, rule) == expected


def test_finding_texts_evidence_and_order() -> None:
    files = {WF: workflow("pull_request_target", "      - run: echo ${{ github.head_ref }}\n")}
    analysis = analyze(files)
    first = analysis.findings[0]
    assert first.rule == "practices.dangerous-workflow"
    assert (
        first.title
        == "A pull request or issue from anyone can run code with your repository's secrets"
    )
    assert first.effort is Effort.HOURS
    assert first.repository == "repo"
    assert first.evidence[0].value == "0/10: 1 dangerous pattern in 1 workflow"
    assert first.evidence[1].path == WF
    ranks = [f.severity.rank for f in analysis.findings]
    assert ranks == sorted(ranks, reverse=True)
    assert {f.rule for f in analysis.findings} <= set(RULE_IDS)
    assert all(f.area == "practices" for f in analysis.findings)


def test_long_evidence_is_counted_past_ten() -> None:
    finding = next(f for f in analyze({f"{i:02}.so": b"\0" for i in range(14)}).findings
                   if f.rule == "practices.binary-artifacts")  # fmt: skip
    assert len(finding.evidence) == 12
    assert finding.evidence[-1].value == "4 more"


def test_thresholds_and_weights_can_be_overridden() -> None:
    rules = RuleSet.default().with_overrides(
        {"practices.sast": {"low": 6}, "practices": {"weight_low": 0, "weight_medium": 0}}
    )
    analysis = analyze({"sonar-project.properties": "x"}, rules)
    assert "practices.sast" not in {f.rule for f in analysis.findings}
    # high checks only: dependency update 0, binaries 10, readme 0
    assert analysis.aggregate == 3.3


def test_inconclusive_checks_are_not_assessed_results() -> None:
    reasons = [n.reason for n in analyze({}).not_assessed]
    assert "Dangerous workflow patterns: no GitHub Actions workflows" in reasons
    assert "Packaging workflow: no publishing workflow found" in reasons
    assert len(reasons) == 4


def test_to_dict_is_json() -> None:
    data = analyze({"a.jar": b"PK"}).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["checks"][4] == {
        "id": "binary-artifacts", "title": "Binary artifacts", "score": 9, "risk": "high",
        "reason": "1 binary committed",
        "evidence": [{"label": "binary", "value": "a.jar", "path": "a.jar", "commit": None}],
    }  # fmt: skip
    assert data["findings"][0]["severity"] == "medium"


def test_area_matches_the_analysis() -> None:
    analysis = analyze({"README.md": "# X\n## Setup\n$ make\n", "a.jar": b"PK"})
    (area,) = practices_areas(analysis)
    assert (area.id, area.title, area.rating) == (
        "practices",
        "Engineering practices",
        Rating.AMBER,
    )
    assert {m.id: m.value for m in area.metrics} == {
        "practices_score": analysis.aggregate,
        "practices_checks_assessed": 11,
        "practices_checks_with_findings": len(analysis.findings),
    }
    assessed = [c for c in analysis.checks if c.score >= 0]
    (chart,) = area.charts
    assert chart.kind == "bars"
    assert chart.labels == tuple(c.title for c in assessed)
    assert chart.values == tuple(float(c.score) for c in assessed)
    (table,) = area.tables
    assert table.columns == ("check", "score", "risk", "reason")
    assert table.rows[0] == (
        "Dangerous workflow patterns",
        None,
        "critical",
        "no GitHub Actions workflows",
    )
    assert table.rows[4] == ("Binary artifacts", 9, "high", "1 binary committed")
    assert area.findings == analysis.findings
    assert area.not_assessed == analysis.not_assessed
    assert area.summary.startswith(f"Engineering practices score {analysis.aggregate:g} out of 10")


def test_area_when_nothing_is_assessed() -> None:
    analysis = analyze({})
    empty = type(analysis)(tuple(c for c in analysis.checks if c.score < 0), None, (), ())
    (area,) = practices_areas(empty)
    assert area.rating is Rating.NOT_ASSESSED
    assert area.charts == ()
    assert area.summary == "No engineering practice could be assessed."
