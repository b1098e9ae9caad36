"""Every analyzer of an audit, and the report areas they become, in the report's order.

The history analyzers run in :func:`history_outcome`, the tree's in :mod:`cto.tree_steps`;
adding an area touches one of those lists and :data:`AREAS`, nothing else in the orchestration:
the analyzers stay pure functions of their facts, the area builders stay in ``reports/``, and
``audit.py`` / ``check.py`` only gather facts and record results. ``cto audit`` runs
:func:`analyze_outcome` (history and tree); ``cto check`` runs :func:`analyze_tree` (the tree at
HEAD only).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cto.analyzers.history import HistoryAnalysis, analyze_history
from cto.analyzers.hotspots import RecentChanges, recent_changes
from cto.analyzers.interface import HistoryFacts
from cto.analyzers.rules import RuleSet
from cto.findings import Finding, NotAssessed, Rating
from cto.reports.history_areas import history_areas
from cto.reports.model import Area
from cto.sources.secrets import SecretFacts
from cto.tree_steps import TREE_STEPS, Part, TreeFacts, run_tree_steps, tree_parts

__all__ = [
    "AREAS", "HISTORY_SKIPPED", "Analysis", "HistoryOutcome", "Part", "TreeFacts",
    "analyze_outcome", "analyze_tree", "history_outcome", "not_assessed_areas", "tree_parts",
]  # fmt: skip

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


def history_outcome(history: HistoryFacts, rules: RuleSet | None = None) -> HistoryOutcome:
    """Analyse ``history`` and build its areas: the history side of an audit."""
    rules = rules or RuleSet.default()
    result = analyze_history(history, rules)
    areas = history_areas(result, history, rules)
    recent = recent_changes(history, rules)
    return HistoryOutcome(history.without_commits(), result, recent, areas, result.to_dict())


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
    rest = run_tree_steps(
        tree, secrets, outcome.facts, result, rules, outcome.recent,
        names=[name for name in TREE_STEPS if name not in ran],
    )  # fmt: skip
    order = {name: index for index, name in enumerate(TREE_STEPS)}
    return _combine((part, *sorted((*done, *rest), key=lambda p: order[p.name])))


def analyze_tree(tree: TreeFacts, secrets: SecretFacts, rules: RuleSet | None = None) -> Analysis:
    """Run only the analyzers that read the tree at HEAD (what ``cto check`` runs in CI).

    No history is read: hotspots are not assessed, and the history areas come back not assessed
    (:data:`HISTORY_SKIPPED`), so a report says what was skipped.
    """
    parts = run_tree_steps(tree, secrets, None, None, rules or RuleSet.default())
    built = {area.id for part in parts for area in part.areas}
    skipped = tuple(a for a in not_assessed_areas(HISTORY_SKIPPED) if a.id not in built)
    return _combine((*parts, Part("skipped", skipped, (), {})))


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
