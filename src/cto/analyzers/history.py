"""Run every history analyzer on one repository's :class:`HistoryFacts`, in one explicit order.

Each analyzer is a pure function of the facts (and of the results it names as inputs); each
module also turns its result into findings using the rules in ``cto/rules/history.toml``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from cto.analyzers import activity, coupling, file_metrics, knowledge, truck_factor
from cto.analyzers.activity import Activity
from cto.analyzers.coupling import Coupling
from cto.analyzers.file_metrics import FileAnalysis
from cto.analyzers.interface import HistoryFacts
from cto.analyzers.knowledge import Knowledge
from cto.analyzers.results import jsonable
from cto.analyzers.rules import RuleSet
from cto.analyzers.truck_factor import TruckFactor
from cto.findings import Finding, NotAssessed

#: The history analyzers, in the order :func:`analyze_history` runs them.
ANALYZERS = ("activity", "files", "coupling", "truck_factor", "knowledge")

#: Every rule id the history analyzers use (checked against ``cto/rules/`` by the tests).
RULE_IDS = (
    activity.RULE_DORMANT,
    coupling.RULE_CROSS_BOUNDARY,
    truck_factor.RULE_TRUCK_FACTOR,
    truck_factor.RULE_ABSENCE,
    knowledge.RULE_LOSS,
    knowledge.RULE_KEY_PERSON,
)


@dataclass(frozen=True)
class HistoryAnalysis:
    """Results of every history analyzer for one repository.

    Attributes:
        activity: commits, people and the weekly series.
        files: per-file change and ownership metrics.
        coupling: change coupling and sum of coupling.
        truck_factor: truck factor, authors by file and contributor absence factor.
        knowledge: knowledge loss and key people.
        findings: every finding, most severe first.
        not_assessed: everything that could not be assessed, and why.
    """

    activity: Activity
    files: FileAnalysis
    coupling: Coupling
    truck_factor: TruckFactor
    knowledge: Knowledge
    findings: tuple[Finding, ...]
    not_assessed: tuple[NotAssessed, ...]

    def to_dict(self) -> dict[str, Any]:
        """The facts, metrics and findings as JSON-able data (lists, dicts, str, numbers)."""
        return {f.name: jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}


def analyze_history(facts: HistoryFacts, rules: RuleSet | None = None) -> HistoryAnalysis:
    """Run every history analyzer on ``facts`` with ``rules`` (the shipped rules by default)."""
    rules = rules or RuleSet.default()
    histories = file_metrics.file_histories(facts)
    act = activity.analyze(facts, rules)
    files = file_metrics.analyze(facts, histories)
    coupled = coupling.analyze(facts, rules)
    truck = truck_factor.analyze(facts, histories, rules)
    known = knowledge.analyze(facts, histories, truck, act, rules)
    found = (
        *activity.findings(act, facts, rules),
        *coupling.findings(coupled, facts, rules),
        *truck_factor.findings(truck, facts, rules),
        *knowledge.findings(known, facts, rules),
    )
    not_assessed = (
        *act.not_assessed,
        *files.not_assessed,
        *coupled.not_assessed,
        *truck.not_assessed,
        *known.not_assessed,
    )
    return HistoryAnalysis(
        act,
        files,
        coupled,
        truck,
        known,
        _most_severe_first(found),
        tuple(dict.fromkeys(not_assessed)),
    )


def _most_severe_first(found: tuple[Finding, ...]) -> tuple[Finding, ...]:
    return tuple(sorted(found, key=lambda f: (-f.severity.rank, f.rule, f.id)))
