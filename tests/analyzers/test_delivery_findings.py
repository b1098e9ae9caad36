"""Delivery findings at thresholds and not below, not-assessed results, and the report area."""

from __future__ import annotations

import json

import pytest

from cto.analyzers.code_interface import CodeFacts, MemorySnapshot, SourceFile
from cto.analyzers.delivery import analyze_delivery
from cto.analyzers.delivery_findings import RULE_IDS
from cto.findings import NotAssessed, Rating, Severity
from cto.reports.delivery_areas import delivery_areas
from cto.sources.coverage import CoverageReport

LINT_ONLY = "on: push\njobs:\n  lint:\n    steps:\n      - run: ruff check .\n"
TESTS_TOO = LINT_ONLY + "      - run: pytest\n"
NO_COVERAGE = NotAssessed("delivery", "coverage: no coverage report")


def facts(files: dict[str, str]) -> CodeFacts:
    """Code facts: ``.py`` files are Python, code lines are the non-blank lines."""
    counted = tuple(
        SourceFile(
            path, "Python" if path.endswith(".py") else "", len(text), text.count("\n"),
            sum(1 for line in text.splitlines() if line.strip()), 0, 0,
        )
        for path, text in files.items()
    )  # fmt: skip
    return CodeFacts("shop", "abc", counted, (), (), (), MemorySnapshot(files))


def rules_of(files: dict[str, str], coverage: tuple[CoverageReport, ...] = ()) -> dict[str, str]:
    analysis = analyze_delivery(facts(files), coverage)
    return {f.rule: f.severity.value for f in analysis.findings}


def lines(count: int) -> str:
    return "x = 1\n" * count


def test_no_tests_no_ci_no_deployment():
    assert rules_of({"app/a.py": lines(10)}) == {
        "delivery.no-tests": "high",
        "delivery.no-ci": "medium",
        "delivery.no-deployment-automation": "low",
    }


def test_ratio_at_threshold_and_not_below():
    base = {".github/workflows/ci.yml": TESTS_TOO, "fly.toml": "", "tests/test_a.py": lines(1)}
    assert rules_of({**base, "app/a.py": lines(10)}) == {"delivery.low-test-ratio": "medium"}
    assert rules_of({**base, "app/a.py": lines(9)}) == {}


def test_ci_that_does_not_run_the_tests():
    base = {"app/a.py": lines(2), "tests/test_a.py": lines(2), "fly.toml": ""}
    ci = ".github/workflows/ci.yml"
    assert rules_of({**base, ci: LINT_ONLY}) == {"delivery.ci-skips-tests": "medium"}
    assert rules_of({**base, ci: TESTS_TOO}) == {}


def test_unreadable_ci_holds_back_ci_findings_and_says_so():
    analysis = analyze_delivery(
        facts({"app/a.py": lines(2), "tests/test_a.py": lines(2), ".gitlab-ci.yml": "a: [\n"})
    )
    assert analysis.findings == ()
    assert analysis.not_assessed == (
        NO_COVERAGE,
        NotAssessed(
            "delivery", "CI: could not read .gitlab-ci.yml (not valid YAML (or uses aliases))"
        ),
    )  # fmt: skip


def coverage(covered: int) -> CoverageReport:
    return CoverageReport("cov.json", "coverage.py", {"app/a.py": (covered, 100)}, covered, 100)


def test_coverage_at_threshold_and_not_below():
    base = {".github/workflows/ci.yml": TESTS_TOO, "fly.toml": ""}
    base |= {"app/a.py": lines(2), "tests/test_a.py": lines(2)}
    assert rules_of(base, (coverage(40),)) == {"delivery.low-coverage": "medium"}
    assert rules_of(base, (coverage(41),)) == {}


def test_untested_areas_at_threshold_and_not_below():
    base = {
        ".github/workflows/ci.yml": TESTS_TOO,
        "fly.toml": "",
        "tests/test_billing.py": lines(30),
    }
    at = {**base, "app/billing/x.py": lines(75), "app/users/y.py": lines(25)}
    below = {**base, "app/billing/x.py": lines(76), "app/users/y.py": lines(24)}
    assert rules_of(at) == {"delivery.untested-areas": "medium"}
    assert rules_of(below) == {}
    (found,) = analyze_delivery(facts(at)).findings
    assert found.title == "25% of the code is in parts with no tests at all: app/users"
    assert [(e.path, e.value) for e in found.evidence] == [("app/users", "25 lines")]


@pytest.mark.parametrize(
    ("extra", "flagged"),
    [
        ({"Dockerfile": "FROM x\n"}, True),  # an image, but nothing says where it runs
        ({"fly.toml": ""}, False),
        ({".github/workflows/d.yml": "jobs:\n  d:\n    steps: [{run: npm publish}]\n"}, False),
    ],
)
def test_deployment_automation(extra, flagged):
    files = {"app/a.py": lines(2), "tests/test_a.py": lines(2), **extra}
    files.setdefault(".gitlab-ci.yml", "test:\n  script: pytest\n")
    assert ("delivery.no-deployment-automation" in rules_of(files)) is flagged


def test_empty_tree_is_not_assessed_never_green():
    analysis = analyze_delivery(facts({}))
    assert analysis.findings == ()
    assert analysis.not_assessed == (
        NotAssessed("delivery", "tests: no source files were counted in the tree"),
        NO_COVERAGE,
    )
    (area,) = delivery_areas(analysis)
    assert area.rating is Rating.NOT_ASSESSED


def test_reports_in_the_tree_are_used_and_not_counted_twice():
    tree = {
        "app/a.py": lines(4), "tests/test_a.py": lines(4), "fly.toml": "",
        ".github/workflows/ci.yml": TESTS_TOO,
        "coverage.json": json.dumps(
            {"files": {"app/a.py": {"summary": {"covered_lines": 1, "num_statements": 4}}}}
        ),
        "lcov.info": "broken",
    }  # fmt: skip
    given = CoverageReport("coverage.json", "coverage.py", {"app/a.py": (1, 4)}, 1, 4)
    for passed in ((), (given,)):
        analysis = analyze_delivery(facts(tree), passed)
        assert [r.source for r in analysis.coverage.reports] == ["coverage.json"]
        assert (analysis.coverage.covered, analysis.coverage.total) == (1, 4)
        assert {f.rule for f in analysis.findings} == {"delivery.low-coverage"}
        assert [n.reason for n in analysis.not_assessed] == [
            "coverage: could not read lcov.info (not a Cobertura XML, lcov or coverage.py JSON "
            "coverage report)"
        ]


def test_coverage_by_area_matches_report_paths_to_the_tree():
    tree = {"src/shop/cart/a.py": lines(2), "src/shop/pay/b.py": lines(2)}
    report = CoverageReport(
        "cov.xml", "cobertura",
        {"/runner/work/shop/src/shop/cart/a.py": (3, 4), "pay/b.py": (1, 4), "gone.py": (0, 2)},
        4, 10,
    )  # fmt: skip
    result = analyze_delivery(facts(tree), (report,)).coverage
    assert [(a.area, a.covered, a.total, a.percent) for a in result.areas] == [
        ("src/shop/pay", 1, 4, 25.0),
        ("src/shop/cart", 3, 4, 75.0),
    ]
    assert (result.percent, result.unmatched_files) == (40.0, 1)


def test_delivery_area_is_consistent_with_the_analysis():
    tree = {
        "app/billing/x.py": lines(75), "app/users/y.py": lines(25),
        "tests/test_billing.py": lines(30), ".github/workflows/ci.yml": TESTS_TOO,
        "Dockerfile": "FROM x\n", "k8s/web.yaml": "apiVersion: v1\nkind: Service\n",
    }  # fmt: skip
    analysis = analyze_delivery(facts(tree), (coverage(50),))
    (area,) = delivery_areas(analysis)
    assert (area.id, area.title, area.rating) == ("delivery", "Tests and delivery", Rating.AMBER)
    assert area.findings == analysis.findings
    assert [f.severity for f in area.findings] == [Severity.MEDIUM]
    assert area.not_assessed == analysis.not_assessed == ()
    metrics = {m.id: m.value for m in area.metrics}
    assert metrics == {
        "test_files": 1, "test_frameworks": None, "test_code_lines": 30,
        "production_code_lines": 100, "test_to_code_ratio": 0.3, "untested_code_share": 25.0,
        "line_coverage": 50.0, "ci_systems": "GitHub Actions", "ci_runs": "tests, lint",
    }  # fmt: skip
    assert area.summary == (
        "1 test file; 0.30 lines of test per line of code. Tests cover 50% of the lines the "
        "coverage reports list. CI (GitHub Actions) runs tests and lint. Ships as a Docker "
        "image deployed to Kubernetes."
    )
    tables = {t.id: t for t in area.tables}
    assert tables["source_areas"].rows == (("app/billing", 75, "yes"), ("app/users", 25, "no"))
    assert tables["ci_files"].rows == (
        (".github/workflows/ci.yml", "GitHub Actions", "pytest", "lint; ruff check .", "—", "—"),
    )
    assert tables["shipping"].rows == (("Dockerfile", 1, "Dockerfile"),
                                       ("Kubernetes manifests", 1, "k8s/web.yaml"))  # fmt: skip
    assert [c.id for c in area.charts] == ["untested_areas"]
    json.dumps(analysis.to_dict())


def test_every_rule_id_is_declared():
    assert len(RULE_IDS) == len(set(RULE_IDS)) == 7
