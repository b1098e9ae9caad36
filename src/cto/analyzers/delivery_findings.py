"""Findings of the tests-and-delivery analyzers, by the rules in ``cto/rules/delivery.toml``.

Every rule is evaluated only where its measure means something: a tree without production code
gets no finding (it is reported as not assessed instead), coverage rules need a report, and the
CI rules hold back when a CI file could not be read.
"""

from __future__ import annotations

from collections.abc import Sequence

from cto.analyzers.delivery_coverage import Coverage
from cto.analyzers.delivery_setup import ContinuousIntegration
from cto.analyzers.delivery_shipping import Shipping
from cto.analyzers.rules import RuleSet
from cto.analyzers.testing import AutomatedTests
from cto.findings import Evidence, Finding

RULE_NO_TESTS = "delivery.no-tests"
RULE_NO_CI = "delivery.no-ci"
RULE_CI_SKIPS_TESTS = "delivery.ci-skips-tests"
RULE_LOW_RATIO = "delivery.low-test-ratio"
RULE_LOW_COVERAGE = "delivery.low-coverage"
RULE_UNTESTED_AREAS = "delivery.untested-areas"
RULE_NO_DEPLOYMENT = "delivery.no-deployment-automation"

#: Every rule id of this area (checked against ``cto/rules/`` by the tests).
RULE_IDS = (
    RULE_NO_TESTS, RULE_NO_CI, RULE_CI_SKIPS_TESTS, RULE_LOW_RATIO, RULE_LOW_COVERAGE,
    RULE_UNTESTED_AREAS, RULE_NO_DEPLOYMENT,
)  # fmt: skip
EVIDENCE_ITEMS = 10


def findings(
    repository: str,
    tests: AutomatedTests,
    coverage: Coverage,
    ci: ContinuousIntegration,
    shipping: Shipping,
    rules: RuleSet,
) -> tuple[Finding, ...]:
    """Every delivery finding, most severe first."""
    if not tests.production_lines:
        return ()
    candidates = (
        _no_tests(repository, tests, rules),
        _no_ci(repository, ci, rules),
        _ci_skips_tests(repository, tests, ci, rules),
        _low_ratio(repository, tests, rules),
        _low_coverage(repository, coverage, rules),
        _untested_areas(repository, tests, rules),
        _no_deployment(repository, ci, shipping, rules),
    )
    found = [f for f in candidates if f is not None]
    return tuple(sorted(found, key=lambda f: (-f.severity.rank, f.rule)))


def _raise(
    rules: RuleSet,
    rule_id: str,
    repository: str,
    value: float,
    values: dict[str, object],
    evidence: Sequence[Evidence],
) -> Finding | None:
    rule = rules.get(rule_id)
    severity = rule.severity_for(value)
    if severity is None:
        return None
    return rule.finding(severity, repository, "", values, evidence)


def _no_tests(repository: str, tests: AutomatedTests, rules: RuleSet) -> Finding | None:
    count = len(tests.test_files) + len(tests.inline_test_files)
    evidence = (
        Evidence("test files", str(count)),
        Evidence("production code", f"{tests.production_lines:,} lines"),
    )
    values: dict[str, object] = {"lines": f"{tests.production_lines:,}"}
    return _raise(rules, RULE_NO_TESTS, repository, count, values, evidence)


def _no_ci(repository: str, ci: ContinuousIntegration, rules: RuleSet) -> Finding | None:
    evidence = (Evidence("CI configuration files", str(len(ci.files))),)
    return _raise(rules, RULE_NO_CI, repository, len(ci.files), {}, evidence)


def _ci_skips_tests(
    repository: str, tests: AutomatedTests, ci: ContinuousIntegration, rules: RuleSet
) -> Finding | None:
    if not tests.has_tests or not ci.files or ci.unreadable or "tests" in ci.runs:
        return None
    evidence = [Evidence("CI file without a test step", f.system, path=f.path) for f in ci.files]
    values: dict[str, object] = {
        "tests": f"{len(tests.test_files) + len(tests.inline_test_files):,}",
        "systems": ", ".join(ci.systems),
    }
    return _raise(rules, RULE_CI_SKIPS_TESTS, repository, 1, values, evidence[:EVIDENCE_ITEMS])


def _low_ratio(repository: str, tests: AutomatedTests, rules: RuleSet) -> Finding | None:
    if not tests.has_tests or tests.ratio is None:
        return None
    evidence = (
        Evidence("test-to-code ratio", f"{tests.ratio:.2f}"),
        Evidence("test code", f"{tests.test_lines:,} lines"),
        Evidence("production code", f"{tests.production_lines:,} lines"),
    )
    values: dict[str, object] = {"ratio": f"{tests.ratio:.2f}"}
    return _raise(rules, RULE_LOW_RATIO, repository, tests.ratio, values, evidence)


def _low_coverage(repository: str, coverage: Coverage, rules: RuleSet) -> Finding | None:
    if coverage.percent is None:
        return None
    evidence = [Evidence("line coverage", f"{coverage.percent:.1f}%")]
    evidence += [
        Evidence("coverage report", f"{r.format}, {r.covered:,} of {r.total:,} lines", r.source)
        for r in coverage.reports[:EVIDENCE_ITEMS]
    ]
    values: dict[str, object] = {
        "percent": f"{coverage.percent:.0f}",
        "uncovered": f"{coverage.total - coverage.covered:,}",
        "total": f"{coverage.total:,}",
    }
    return _raise(rules, RULE_LOW_COVERAGE, repository, coverage.percent, values, evidence)


def _untested_areas(repository: str, tests: AutomatedTests, rules: RuleSet) -> Finding | None:
    if not tests.has_tests or tests.untested_share is None:
        return None
    untested = [a for a in tests.areas if not a.tested]
    names = [a.path for a in untested[:3]]
    more = f" and {len(untested) - 3} more" if len(untested) > 3 else ""
    values: dict[str, object] = {
        "share": f"{tests.untested_share:.0f}",
        "areas": ", ".join(names) + more,
        "lines": f"{sum(a.code_lines for a in untested):,}",
        "count": len(untested),
    }
    evidence = [
        Evidence("area without tests", f"{a.code_lines:,} lines", path=a.path)
        for a in untested[:EVIDENCE_ITEMS]
    ]
    return _raise(rules, RULE_UNTESTED_AREAS, repository, tests.untested_share, values, evidence)


def _no_deployment(
    repository: str, ci: ContinuousIntegration, shipping: Shipping, rules: RuleSet
) -> Finding | None:
    if ci.unreadable or "deploy" in ci.runs or shipping.deployment_described:
        return None
    found = ", ".join(k.label for k in shipping.kinds) or "none"
    evidence = (
        Evidence("CI deploy steps", "none"),
        Evidence("deployment or infrastructure files", found),
    )
    return _raise(rules, RULE_NO_DEPLOYMENT, repository, 1, {}, evidence)
