"""Findings of the tests-and-delivery analyzers, by the rules in ``cto/rules/delivery.toml``.

Every rule is evaluated only where its measure means something: a tree without production code
gets no finding (it is reported as not assessed instead), coverage rules need a report, and the
CI rules hold back when a CI file could not be read.
"""

from __future__ import annotations

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


def _no_tests(repository: str, tests: AutomatedTests, rules: RuleSet) -> Finding | None:
    count = len(tests.test_files) + len(tests.inline_test_files)
    evidence = (
        Evidence("test files", str(count)),
        Evidence("production code", f"{tests.production_lines:,} lines"),
    )
    values: dict[str, object] = {"lines": f"{tests.production_lines:,}"}
    return rules.get(RULE_NO_TESTS).finding_for(count, repository, values, evidence)


def _no_ci(repository: str, ci: ContinuousIntegration, rules: RuleSet) -> Finding | None:
    evidence = (Evidence("CI configuration files", str(len(ci.files))),)
    return rules.get(RULE_NO_CI).finding_for(len(ci.files), repository, {}, evidence)


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
    return rules.get(RULE_CI_SKIPS_TESTS).finding_for(
        1, repository, values, evidence[:EVIDENCE_ITEMS]
    )


def _low_ratio(repository: str, tests: AutomatedTests, rules: RuleSet) -> Finding | None:
    if not tests.has_tests or tests.ratio is None:
        return None
    evidence = (
        Evidence("test-to-code ratio", f"{tests.ratio:.2f}"),
        Evidence("test code", f"{tests.test_lines:,} lines"),
        Evidence("production code", f"{tests.production_lines:,} lines"),
    )
    values: dict[str, object] = {"ratio": f"{tests.ratio:.2f}"}
    return rules.get(RULE_LOW_RATIO).finding_for(tests.ratio, repository, values, evidence)


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
    return rules.get(RULE_LOW_COVERAGE).finding_for(coverage.percent, repository, values, evidence)


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
    return rules.get(RULE_UNTESTED_AREAS).finding_for(
        tests.untested_share, repository, values, evidence
    )


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
    return rules.get(RULE_NO_DEPLOYMENT).finding_for(1, repository, {}, evidence)
