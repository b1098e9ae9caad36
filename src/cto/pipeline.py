"""Every analyzer of an audit, in one explicit list, and the report areas they become.

Adding an area touches this file and nothing else in the orchestration: the analyzers stay pure
functions of their facts, the area builders stay in ``reports/``, and the audit (``audit.py``)
only gathers facts and records results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cto.analyzers.code import analyze_code
from cto.analyzers.code_interface import CodeFacts
from cto.analyzers.delivery import analyze_delivery
from cto.analyzers.history import analyze_history
from cto.analyzers.interface import HistoryFacts
from cto.analyzers.practices import analyze_practices
from cto.analyzers.rules import RuleSet
from cto.findings import Finding, NotAssessed, Rating
from cto.reports.code_areas import code_areas
from cto.reports.delivery_areas import delivery_areas
from cto.reports.history_areas import history_areas
from cto.reports.model import Area
from cto.reports.practices_areas import practices_areas
from cto.sources.coverage import CoverageReport

#: The order areas appear in a report: what the product is made of first, then who knows it,
#: where it hurts, how it is tested and shipped, and how it is run.
AREAS: tuple[tuple[str, str], ...] = (
    ("codebase", "Size and stack"),
    ("activity", "Activity"),
    ("knowledge", "Knowledge and ownership"),
    ("complexity", "Complexity and hotspots"),
    ("coupling", "Change coupling"),
    ("delivery", "Tests and delivery"),
    ("practices", "Engineering practices"),
)


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


def analyze(
    history: HistoryFacts,
    code: CodeFacts,
    coverage: Sequence[CoverageReport] = (),
    rules: RuleSet | None = None,
) -> Analysis:
    """Run every analyzer on one repository's facts and build its report areas."""
    rules = rules or RuleSet.default()
    history_result = analyze_history(history, rules)
    code_result = analyze_code(code, history, history_result, rules)
    delivery = analyze_delivery(code, coverage, rules)
    practices = analyze_practices(code, rules)
    areas = (
        *history_areas(history_result, history, rules),
        *code_areas(code_result, code, rules),
        *delivery_areas(delivery, rules),
        *practices_areas(practices, rules),
    )
    findings = (
        *history_result.findings,
        *code_result.findings,
        *delivery.findings,
        *practices.findings,
    )
    facts = {
        "history": history_result.to_dict(),
        "code": code_result.to_dict(),
        "delivery": delivery.to_dict(),
        "practices": practices.to_dict(),
    }
    return Analysis(_ordered(areas), _ranked(findings), facts)


#: Why ``cto check`` leaves an area out: it reads the tree at HEAD only, never the history.
HISTORY_SKIPPED = "cto check reads only the files at HEAD; run cto audit for the history"


def analyze_tree(
    code: CodeFacts,
    coverage: Sequence[CoverageReport] = (),
    rules: RuleSet | None = None,
) -> Analysis:
    """Run only the analyzers that read the tree at HEAD (what ``cto check`` runs in CI).

    No history is read: hotspots are not assessed, and every area of :data:`AREAS` that no
    tree analyzer builds is returned as not assessed (:data:`HISTORY_SKIPPED`), so a report
    says what was skipped. Add each new tree-based analyzer here as well as in :func:`analyze`.
    """
    rules = rules or RuleSet.default()
    code_result = analyze_code(code, None, None, rules)
    delivery = analyze_delivery(code, coverage, rules)
    practices = analyze_practices(code, rules)
    areas = (
        *code_areas(code_result, code, rules),
        *delivery_areas(delivery, rules),
        *practices_areas(practices, rules),
    )
    built = {area.id for area in areas}
    skipped = (a for a in not_assessed_areas(HISTORY_SKIPPED) if a.id not in built)
    findings = (*code_result.findings, *delivery.findings, *practices.findings)
    facts = {
        "code": code_result.to_dict(),
        "delivery": delivery.to_dict(),
        "practices": practices.to_dict(),
    }
    return Analysis(_ordered((*areas, *skipped)), _ranked(findings), facts)


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
