"""The tree analyzers of an audit, in one explicit list, and the report areas they become.

Each step is a pure analyzer of the tree's facts and the builder of its areas. An audit runs the
:data:`TREE_ONLY` steps while its history side is still being analysed, then the two that need it
(code, whose hotspots read the history, and secrets, which include history's); ``cto check`` runs
them all without history. Adding a tree area touches this list and ``pipeline.AREAS``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cto.analyzers.code import analyze_code
from cto.analyzers.code_interface import CodeFacts
from cto.analyzers.delivery import analyze_delivery
from cto.analyzers.dependencies import analyze_dependencies
from cto.analyzers.dependency_interface import DependencyFacts
from cto.analyzers.history import HistoryAnalysis
from cto.analyzers.hotspots import RecentChanges
from cto.analyzers.infrastructure import analyze_infrastructure
from cto.analyzers.interface import HistoryFacts
from cto.analyzers.licenses import analyze_licenses
from cto.analyzers.practices import analyze_practices
from cto.analyzers.rules import RuleSet
from cto.analyzers.secrets import SecretAnalysis, analyze_secrets
from cto.analyzers.vulnerabilities import analyze_vulnerabilities
from cto.findings import Finding
from cto.reports.code_areas import code_areas
from cto.reports.delivery_areas import delivery_areas
from cto.reports.dependency_areas import dependency_areas
from cto.reports.infrastructure_areas import infrastructure_areas
from cto.reports.license_areas import license_areas
from cto.reports.model import Area
from cto.reports.practices_areas import practices_areas
from cto.reports.secret_areas import secret_areas
from cto.reports.vulnerability_areas import vulnerability_areas
from cto.sources.coverage import CoverageReport
from cto.sources.osv import OsvRecord, VulnDbStatus
from cto.sources.secrets import SecretFacts


@dataclass(frozen=True)
class TreeFacts:
    """Everything the tree analyzers read about one repository at its audited commit.

    Attributes:
        code: the tree, measured.
        dependencies: manifests and lockfiles, read.
        vulnerability_records: OSV records of the dependencies' packages.
        vulnerability_database: state of the workspace's database (``None``: there is none).
        coverage: coverage reports the user gave.
        now: the audit's reference time, seconds since the epoch.
    """

    code: CodeFacts
    dependencies: DependencyFacts
    vulnerability_records: Mapping[tuple[str, str], Sequence[OsvRecord]] = field(
        default_factory=dict
    )
    vulnerability_database: VulnDbStatus | None = None
    coverage: Sequence[CoverageReport] = ()
    now: int = 0


@dataclass(frozen=True, slots=True)
class Part:
    """One analyzer family's results: its areas, findings and JSON-able facts.

    Attributes:
        name: the family ("history", "code", "delivery", …), its key in the stored facts
            (:attr:`cto.pipeline.Analysis.facts`).
    """

    name: str
    areas: tuple[Area, ...]
    findings: tuple[Finding, ...]
    facts: dict[str, Any]


#: The tree analyzers, in the order they run and their facts are stored.
TREE_STEPS = (
    "code", "delivery", "practices", "dependencies", "vulnerabilities", "licenses", "secrets",
    "infrastructure",
)  # fmt: skip

#: The tree analyzers that read neither the history nor the secrets (which include history).
TREE_ONLY = tuple(name for name in TREE_STEPS if name not in ("code", "secrets"))


def run_tree_steps(
    tree: TreeFacts,
    secrets: SecretFacts | None,
    history: HistoryFacts | None,
    history_result: HistoryAnalysis | None,
    rules: RuleSet,
    recent: RecentChanges | None = None,
    names: Sequence[str] = TREE_STEPS,
) -> tuple[Part, ...]:
    """The tree analyzers in ``names``, in one explicit list (``secrets`` needed for "secrets")."""
    code, name = tree.code, tree.code.repository
    deps = tree.dependencies.dependencies

    def found_secrets() -> SecretAnalysis:
        assert secrets is not None, "the secrets step needs the secret facts"
        return analyze_secrets(secrets, rules, repository=name)

    steps: dict[str, tuple[Callable[[], Any], Callable[[Any], tuple[Area, ...]]]] = {
        "code": (lambda: analyze_code(code, history, history_result, rules, recent),
                 lambda r: code_areas(r, code, rules)),
        "delivery": (lambda: analyze_delivery(code, tree.coverage, rules),
                     lambda r: delivery_areas(r, rules)),
        "practices": (lambda: analyze_practices(code, rules),
                      lambda r: practices_areas(r, rules)),
        "dependencies": (lambda: analyze_dependencies(tree.dependencies, rules, name),
                         lambda r: dependency_areas(r, rules)),
        "vulnerabilities": (lambda: analyze_vulnerabilities(
            deps, tree.vulnerability_records, tree.vulnerability_database, now=tree.now,
            rules=rules, repository=name), lambda r: vulnerability_areas(r, rules)),
        "licenses": (lambda: analyze_licenses(code, deps, rules),
                     lambda r: license_areas(r, rules)),
        "secrets": (found_secrets, lambda r: secret_areas(r, rules)),
        "infrastructure": (lambda: analyze_infrastructure(code, rules),
                           lambda r: infrastructure_areas(r, rules)),
    }  # fmt: skip
    parts = []
    for part_name in names:
        run, build = steps[part_name]
        result = run()
        parts.append(Part(part_name, build(result), result.findings, result.to_dict()))
    return tuple(parts)


def tree_parts(tree: TreeFacts, rules: RuleSet | None = None) -> tuple[Part, ...]:
    """The :data:`TREE_ONLY` analyzers, which read neither history nor secrets."""
    return run_tree_steps(tree, None, None, None, rules or RuleSet.default(), names=TREE_ONLY)
