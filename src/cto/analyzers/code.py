"""Run every code analyzer on one repository's :class:`CodeFacts`, in one explicit order.

Inventory (size, languages, stack), complexity, code health and hotspots; hotspots also read the
history (revisions in the window) and its analysis (main developer, sole authors, coupling).
Each analyzer is a pure function of the facts; findings use the rules in ``cto/rules/code.toml``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from cto.analyzers import complexity, health, hotspot_findings, hotspots, inventory
from cto.analyzers.code_interface import CodeFacts
from cto.analyzers.complexity import Complexity
from cto.analyzers.health import Health
from cto.analyzers.history import HistoryAnalysis, analyze_history
from cto.analyzers.hotspots import Hotspots, RecentChanges
from cto.analyzers.interface import HistoryFacts
from cto.analyzers.inventory import Inventory
from cto.analyzers.results import jsonable
from cto.analyzers.rules import RuleSet
from cto.findings import Finding, NotAssessed

#: The code analyzers, in the order :func:`analyze_code` runs them.
ANALYZERS = ("inventory", "complexity", "health", "hotspots")


@dataclass(frozen=True)
class CodeAnalysis:
    """Results of every code analyzer for one repository.

    Attributes:
        inventory: files and lines per language, binary and skipped files, the stack.
        complexity: functions over the thresholds and complexity per file.
        hotspots: files ranked by revisions * complexity, cut at the knee.
        health: code health 1-10 per source file.
        findings: every finding, most severe first.
        not_assessed: everything that could not be assessed, and why.
    """

    inventory: Inventory
    complexity: Complexity
    hotspots: Hotspots
    health: Health
    findings: tuple[Finding, ...]
    not_assessed: tuple[NotAssessed, ...]

    def to_dict(self) -> dict[str, Any]:
        """The facts, metrics and findings as JSON-able data (lists, dicts, str, numbers)."""
        return {f.name: jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}


def analyze_code(
    code: CodeFacts,
    history: HistoryFacts | None = None,
    history_analysis: HistoryAnalysis | None = None,
    rules: RuleSet | None = None,
    recent: RecentChanges | None = None,
) -> CodeAnalysis:
    """Run every code analyzer on ``code`` (and ``history`` for hotspots) with ``rules``.

    When ``history`` is given without its analysis, the history is analysed here. ``recent``:
    the hotspot window's revisions when the caller counted them already
    (:func:`~cto.analyzers.hotspots.recent_changes`).
    """
    rules = rules or RuleSet.default()
    if history is not None and history_analysis is None:
        history_analysis = analyze_history(history, rules)
    inv = inventory.analyze(code)
    measured = complexity.analyze(code, rules)
    graded = health.analyze(code, measured, rules)
    ranked = hotspots.analyze(code, history, history_analysis, graded, rules, recent=recent)
    found = (
        *complexity.findings(measured, code.repository, rules),
        *hotspot_findings.findings(ranked, code.repository, rules),
    )
    not_assessed = (
        *code.not_assessed,
        *inv.not_assessed,
        *measured.not_assessed,
        *graded.not_assessed,
        *ranked.not_assessed,
    )
    return CodeAnalysis(
        inv,
        measured,
        ranked,
        graded,
        tuple(sorted(found, key=lambda f: (-f.severity.rank, f.rule, f.id))),
        tuple(dict.fromkeys(not_assessed)),
    )
