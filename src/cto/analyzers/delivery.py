"""Tests and delivery setup of one repository: tests, coverage, CI and how it ships.

:func:`analyze_delivery` runs the four delivery analyzers on the code facts, in one explicit
order, and turns their results into findings with the rules in ``cto/rules/delivery.toml``. It
never runs anything from the tree: tests, CI files and deployment files are only read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cto.analyzers import delivery_coverage, delivery_setup, delivery_shipping, testing
from cto.analyzers.code_interface import CodeFacts
from cto.analyzers.delivery_coverage import Coverage
from cto.analyzers.delivery_findings import RULE_IDS, findings
from cto.analyzers.delivery_setup import ContinuousIntegration
from cto.analyzers.delivery_shipping import MAX_YAML_FILES, Shipping
from cto.analyzers.results import jsonable
from cto.analyzers.rules import RuleSet
from cto.analyzers.testing import AutomatedTests
from cto.findings import Finding, NotAssessed
from cto.sources.coverage import CoverageReport, scan_coverage_reports

__all__ = ["RULE_IDS", "DeliveryAnalysis", "analyze_delivery"]

AREA = "delivery"


@dataclass(frozen=True)
class DeliveryAnalysis:
    """Results of the delivery analyzers for one repository.

    Attributes:
        testing: test files, frameworks, test-to-code ratio and areas without tests.
        coverage: line coverage from the reports read (empty when there are none).
        ci: CI files and what they run.
        shipping: deployment files and the "how this ships" sentence.
        findings: every finding, most severe first.
        not_assessed: what could not be assessed, and why.
    """

    testing: AutomatedTests
    coverage: Coverage
    ci: ContinuousIntegration
    shipping: Shipping
    findings: tuple[Finding, ...]
    not_assessed: tuple[NotAssessed, ...]

    def to_dict(self) -> dict[str, Any]:
        """The facts, metrics and findings as JSON-able data (lists, dicts, str, numbers)."""
        return {f.name: jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}


def analyze_delivery(
    code: CodeFacts, coverage: Sequence[CoverageReport] = (), rules: RuleSet | None = None
) -> DeliveryAnalysis:
    """Analyze tests, coverage, CI and deployment files of ``code``.

    Args:
        code: the code facts of the audited tree.
        coverage: reports given on the command line. Reports committed in the tree are found
            here too; a tree report also passed in (same ``source``) is counted once.
        rules: the rules (the shipped ones by default).
    """
    rules = rules or RuleSet.default()
    tests = testing.analyze(code)
    scan = scan_coverage_reports(code.snapshot)
    given = {r.source for r in coverage}
    reports = [*coverage, *(r for r in scan.reports if r.source not in given)]
    covered = delivery_coverage.analyze(
        reports, code.snapshot.paths(), tests.areas, scan.unreadable
    )
    ci = delivery_setup.analyze(code.snapshot)
    ships = delivery_shipping.analyze(code.snapshot)
    return DeliveryAnalysis(
        testing=tests,
        coverage=covered,
        ci=ci,
        shipping=ships,
        findings=findings(code.repository, tests, covered, ci, ships, rules),
        not_assessed=_not_assessed(code, tests, covered, ci, ships),
    )


def _not_assessed(
    code: CodeFacts,
    tests: AutomatedTests,
    coverage: Coverage,
    ci: ContinuousIntegration,
    shipping: Shipping,
) -> tuple[NotAssessed, ...]:
    reasons: list[str] = []
    if not code.files:
        reasons.append("tests: no source files were counted in the tree")
    elif not tests.production_lines:
        reasons.append("tests: no production source code in a programming language")
    if not coverage.reports:
        reasons.append("coverage: no coverage report")
    elif coverage.percent is None:
        reasons.append("coverage: the coverage reports list no coverable lines")
    reasons += [f"coverage: could not read {path} ({why})" for path, why in coverage.unreadable]
    reasons += [f"CI: could not read {f.path} ({f.problem})" for f in ci.unreadable]
    if shipping.yaml_not_checked:
        reasons.append(
            f"how this ships: {shipping.yaml_not_checked} YAML files not checked for Kubernetes "
            f"manifests (over the {MAX_YAML_FILES}-file cap)"
        )
    return tuple(NotAssessed(AREA, reason) for reason in reasons)
