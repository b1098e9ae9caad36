"""Engineering practices: fifteen checks scored 0 to 10 like OpenSSF Scorecard, and their findings.

The checks (see :mod:`cto.analyzers.practice_checks`) read the tree through :class:`CodeFacts`;
their metadata and the rules that turn a low score into a finding are data in
``cto/rules/practices.toml``. The aggregate is Scorecard's: the mean of the conclusive scores
weighted by each check's risk.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cto.analyzers.code_interface import CodeFacts
from cto.analyzers.practice_checks import CHECKS, Tree
from cto.analyzers.practice_checks.base import CheckResult
from cto.analyzers.practice_checks.spec import CheckSpec, default_checks
from cto.analyzers.results import jsonable
from cto.analyzers.rules import RuleSet
from cto.findings import Evidence, Finding, NotAssessed

AREA = "practices"
ANALYZER = "practices"
#: Items of a check's evidence copied into its finding; the rest are counted.
MAX_EVIDENCE = 10

#: Every rule id the practice checks use (checked against ``cto/rules/`` by the tests).
RULE_IDS = (
    "practices.dangerous-workflow",
    "practices.token-permissions",
    "practices.dependency-update-tool",
    "practices.pinned-dependencies",
    "practices.binary-artifacts",
    "practices.security-policy",
    "practices.license",
    "practices.fuzzing",
    "practices.sast",
    "practices.readme-setup",
    "practices.contributing",
    "practices.decision-records",
    "practices.runbooks",
    "practices.codeowners",
)

__all__ = ["RULE_IDS", "CheckResult", "PracticesAnalysis", "aggregate_score", "analyze_practices"]


@dataclass(frozen=True)
class PracticesAnalysis:
    """Every practice check's result for one repository.

    Attributes:
        checks: one result per check, in catalog order.
        aggregate: risk-weighted mean of the conclusive scores (one decimal), ``None`` if none.
        findings: findings of the checks scoring at or below a rule's threshold, most severe first.
        not_assessed: the inconclusive checks, and why.
    """

    checks: tuple[CheckResult, ...]
    aggregate: float | None
    findings: tuple[Finding, ...]
    not_assessed: tuple[NotAssessed, ...]

    def to_dict(self) -> dict[str, Any]:
        """The results and findings as JSON-able data (lists, dicts, str, numbers)."""
        return {f.name: jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}


def analyze_practices(code: CodeFacts, rules: RuleSet | None = None) -> PracticesAnalysis:
    """Run every practice check on ``code`` with ``rules`` (the shipped rules by default)."""
    rules = rules or RuleSet.default()
    tree = Tree(code)
    results = tuple(_run(spec, tree) for spec in default_checks())
    weights = {
        risk.removeprefix("weight_"): weight
        for risk, weight in rules.analyzer(ANALYZER).thresholds.items()
    }
    specs = {spec.id: spec for spec in default_checks()}
    found = [f for r in results if (f := _finding(r, specs[r.id], code.repository, rules))]
    not_assessed = tuple(
        NotAssessed(AREA, f"{r.title}: {r.reason}") for r in results if not r.assessed
    )
    return PracticesAnalysis(
        results,
        aggregate_score(results, weights),
        tuple(sorted(found, key=lambda f: (-f.severity.rank, f.rule))),
        not_assessed,
    )


def aggregate_score(results: tuple[CheckResult, ...], weights: Mapping[str, float]) -> float | None:
    """Mean of the conclusive scores weighted by risk, to one decimal; ``None`` if none."""
    scored = [(r.score, weights[r.risk]) for r in results if r.assessed]
    total = sum(weight for _, weight in scored)
    if not total:
        return None
    return round(sum(score * weight for score, weight in scored) / total, 1)


def _run(spec: CheckSpec, tree: Tree) -> CheckResult:
    score = CHECKS[spec.id](tree)
    return CheckResult(spec.id, spec.title, score.score, spec.risk, score.reason, score.evidence)


def _finding(
    result: CheckResult, spec: CheckSpec, repository: str, rules: RuleSet
) -> Finding | None:
    if not spec.rule or not result.assessed:
        return None
    rule = rules.get(spec.rule)
    severity = rule.severity_for(result.score)
    if severity is None:
        return None
    values = {"score": result.score, "reason": result.reason, "check": result.title}
    evidence = [Evidence(f"{result.title} score", f"{result.score}/10: {result.reason}")]
    evidence += result.evidence[:MAX_EVIDENCE]
    if len(result.evidence) > MAX_EVIDENCE:
        evidence.append(Evidence("more", f"{len(result.evidence) - MAX_EVIDENCE} more"))
    return rule.finding(severity, repository, result.id, values, evidence)
