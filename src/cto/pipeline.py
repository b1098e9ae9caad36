"""Every analyzer of an audit, in one explicit list, and the report areas they become.

Adding an area touches this file and nothing else in the orchestration: the analyzers stay pure
functions of their facts, the area builders stay in ``reports/``, and ``audit.py`` / ``check.py``
only gather facts and record results. ``cto audit`` runs :func:`analyze` (history and tree);
``cto check`` runs :func:`analyze_tree` (the tree at HEAD only).
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
from cto.analyzers.history import HistoryAnalysis, analyze_history
from cto.analyzers.hotspots import RecentChanges, recent_changes
from cto.analyzers.infrastructure import analyze_infrastructure
from cto.analyzers.interface import HistoryFacts
from cto.analyzers.licenses import analyze_licenses
from cto.analyzers.practices import analyze_practices
from cto.analyzers.rules import RuleSet
from cto.analyzers.secrets import SecretAnalysis, analyze_secrets
from cto.analyzers.vulnerabilities import analyze_vulnerabilities
from cto.findings import Finding, NotAssessed, Rating
from cto.reports.code_areas import code_areas
from cto.reports.delivery_areas import delivery_areas
from cto.reports.dependency_areas import dependency_areas
from cto.reports.history_areas import history_areas
from cto.reports.infrastructure_areas import infrastructure_areas
from cto.reports.license_areas import license_areas
from cto.reports.model import Area
from cto.reports.practices_areas import practices_areas
from cto.reports.secret_areas import secret_areas
from cto.reports.vulnerability_areas import vulnerability_areas
from cto.sources.coverage import CoverageReport
from cto.sources.osv import OsvRecord, VulnDbStatus
from cto.sources.secrets import SecretFacts

#: The order areas appear in a report: what the product is made of first, then who knows it,
#: where it hurts, how it is tested and shipped, how it is run, and its supply chain and security.
AREAS: tuple[tuple[str, str], ...] = (
    ("codebase", "Size and stack"),
    ("activity", "Activity"),
    ("knowledge", "Knowledge and ownership"),
    ("complexity", "Complexity and hotspots"),
    ("coupling", "Change coupling"),
    ("delivery", "Tests and delivery"),
    ("practices", "Engineering practices"),
    ("dependencies", "Dependencies"),
    ("vulnerabilities", "Known vulnerabilities"),
    ("licenses", "Licenses"),
    ("secrets", "Secrets"),
    ("infrastructure", "Infrastructure and containers"),
)

#: Why ``cto check`` leaves an area out: it reads the tree at HEAD only, never the history.
HISTORY_SKIPPED = "cto check reads only the files at HEAD; run cto audit for the history"


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
class Analysis:
    """The results of every analyzer for one repository.

    Attributes:
        areas: report areas, in :data:`AREAS` order.
        findings: every finding, most severe first.
        facts: JSON-able metrics per analyzer family, stored with the audit.
    """

    areas: tuple[Area, ...]
    findings: tuple[Finding, ...]
    facts: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Part:
    """One analyzer family's results: its areas, findings and JSON-able facts.

    Attributes:
        name: the family ("history", "code", "delivery", …): its key in :attr:`Analysis.facts`.
    """

    name: str
    areas: tuple[Area, ...]
    findings: tuple[Finding, ...]
    facts: dict[str, Any]


@dataclass(frozen=True, slots=True)
class HistoryOutcome:
    """The history side of an audit, finished: what the tree side and the report still need.

    Small enough to send between processes (:mod:`cto.forked`): the facts come without their
    commits, which only the history analyzers and builders read.

    Attributes:
        facts: the history facts without their commits (people, files, window).
        result: the history analysis.
        recent: the hotspot window's revisions, for the code analyzers.
        areas: the history report areas.
        stored: the analysis as JSON-able facts, as the audit stores them.
    """

    facts: HistoryFacts
    result: HistoryAnalysis
    recent: RecentChanges
    areas: tuple[Area, ...]
    stored: dict[str, Any]


def history_outcome(
    history: HistoryFacts, rules: RuleSet | None = None, result: HistoryAnalysis | None = None
) -> HistoryOutcome:
    """Analyse ``history`` (unless ``result`` is its analysis already) and build its areas."""
    rules = rules or RuleSet.default()
    result = result or analyze_history(history, rules)
    areas = history_areas(result, history, rules)
    recent = recent_changes(history, rules)
    return HistoryOutcome(history.without_commits(), result, recent, areas, result.to_dict())


def analyze(
    history: HistoryFacts,
    tree: TreeFacts,
    secrets: SecretFacts,
    rules: RuleSet | None = None,
    history_result: HistoryAnalysis | None = None,
) -> Analysis:
    """Run every analyzer on one repository's history, tree and secrets; build its areas.

    ``history_result`` is :func:`analyze_history` of ``history`` when the caller ran it already.
    """
    rules = rules or RuleSet.default()
    outcome = history_outcome(history, rules, history_result)
    return analyze_outcome(outcome, tree, secrets, rules)


def analyze_outcome(
    outcome: HistoryOutcome,
    tree: TreeFacts,
    secrets: SecretFacts,
    rules: RuleSet | None = None,
    done: Sequence[Part] = (),
) -> Analysis:
    """Run the tree analyzers beside a finished history side, and combine both (an audit).

    ``done`` holds parts :func:`tree_parts` ran already (an audit runs :data:`TREE_ONLY` while
    its history side is still being analysed); they are not run again.
    """
    rules = rules or RuleSet.default()
    result = outcome.result
    part = Part("history", outcome.areas, result.findings, outcome.stored)
    ran = {p.name for p in done}
    rest = _tree_parts(
        tree, secrets, outcome.facts, result, rules, outcome.recent,
        names=[name for name in TREE_STEPS if name not in ran],
    )  # fmt: skip
    order = {name: index for index, name in enumerate(TREE_STEPS)}
    return _combine((part, *sorted((*done, *rest), key=lambda p: order[p.name])))


def tree_parts(tree: TreeFacts, rules: RuleSet | None = None) -> tuple[Part, ...]:
    """The :data:`TREE_ONLY` analyzers, which read neither history nor secrets."""
    return _tree_parts(tree, None, None, None, rules or RuleSet.default(), names=TREE_ONLY)


def analyze_tree(tree: TreeFacts, secrets: SecretFacts, rules: RuleSet | None = None) -> Analysis:
    """Run only the analyzers that read the tree at HEAD (what ``cto check`` runs in CI).

    No history is read: hotspots are not assessed, and the history areas come back not assessed
    (:data:`HISTORY_SKIPPED`), so a report says what was skipped.
    """
    parts = _tree_parts(tree, secrets, None, None, rules or RuleSet.default())
    built = {area.id for part in parts for area in part.areas}
    skipped = tuple(a for a in not_assessed_areas(HISTORY_SKIPPED) if a.id not in built)
    return _combine((*parts, Part("skipped", skipped, (), {})))


#: The tree analyzers, in the order they run and their facts are stored.
TREE_STEPS = (
    "code", "delivery", "practices", "dependencies", "vulnerabilities", "licenses", "secrets",
    "infrastructure",
)  # fmt: skip

#: The tree analyzers that read neither the history nor the secrets (which include history).
TREE_ONLY = tuple(name for name in TREE_STEPS if name not in ("code", "secrets"))


def _tree_parts(
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


def _combine(parts: Sequence[Part]) -> Analysis:
    areas = tuple(area for part in parts for area in part.areas)
    findings = tuple(finding for part in parts for finding in part.findings)
    facts = {part.name: part.facts for part in parts if part.facts}
    return Analysis(_ordered(areas), _ranked(findings), facts)


def not_assessed_areas(reason: str) -> tuple[Area, ...]:
    """Every area, not assessed for ``reason`` (an empty repository is a result, not a crash)."""
    return tuple(
        Area(
            id=area_id,
            title=title,
            rating=Rating.NOT_ASSESSED,
            summary=f"Not assessed: {reason}.",
            not_assessed=(NotAssessed(area=area_id, reason=reason),),
        )
        for area_id, title in AREAS
    )


def _ordered(areas: Sequence[Area]) -> tuple[Area, ...]:
    order = {area_id: index for index, (area_id, _) in enumerate(AREAS)}
    unknown = [a.id for a in areas if a.id not in order]
    if unknown:
        raise ValueError(f"areas missing from pipeline.AREAS: {unknown}")
    return tuple(sorted(areas, key=lambda area: order[area.id]))


def _ranked(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (-f.severity.rank, f.area, f.id)))
