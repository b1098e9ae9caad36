"""Rules, analyzer metadata and metric definitions, loaded from the data files in ``cto/rules/``.

Thresholds live in data, not code: an engagement overrides them with :meth:`RuleSet.with_overrides`,
and ``docs/checks.md`` is generated from the same file by :mod:`cto.catalog`.
"""

from __future__ import annotations

import operator
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, TypeVar

from cto.errors import InputError
from cto.findings import Effort, Evidence, Finding, Severity, finding_id

_COMPARISONS: Mapping[str, Callable[[float, float], bool]] = {
    "at_least": operator.ge,
    "at_most": operator.le,
    "more_than": operator.gt,
}
_SEVERITY_NAMES = frozenset(s.value for s in Severity)


@dataclass(frozen=True)
class Rule:
    """A rule that turns a measured value into a finding.

    Attributes:
        id: stable id, ``<area>.<name>``.
        area: report area of its findings.
        title: one-line title, may hold ``{placeholders}``.
        rationale: why the rule exists and why these thresholds.
        source: paper, tool or URL the rule follows.
        impact: business impact in plain words, may hold ``{placeholders}``.
        recommendation: what to do, may hold ``{placeholders}``.
        effort: rough effort of the recommendation.
        thresholds: severity tiers (keys named after a :class:`Severity`) and parameters.
        comparison: how a value is compared with a severity tier (at_least, at_most, more_than).
        measure: what value the tiers are compared with, in words.
    """

    id: str
    area: str
    title: str
    rationale: str
    source: str
    impact: str
    recommendation: str
    effort: Effort
    thresholds: Mapping[str, float]
    comparison: str = "at_least"
    measure: str = ""

    def severity_for(self, value: float) -> Severity | None:
        """The most severe tier ``value`` reaches, or ``None`` when it reaches none."""
        compare = _COMPARISONS[self.comparison]
        for severity in sorted(Severity, key=lambda s: -s.rank):
            limit = self.thresholds.get(severity.value)
            if limit is not None and compare(value, limit):
                return severity
        return None

    def parameter(self, name: str) -> float:
        """A non-severity threshold of this rule (raises ``KeyError`` when absent)."""
        return self.thresholds[name]

    def finding(
        self,
        severity: Severity,
        repository: str,
        subject: str,
        values: Mapping[str, object],
        evidence: Iterable[Evidence],
    ) -> Finding:
        """A finding of this rule, its texts filled from ``values``."""
        return Finding(
            id=finding_id(self.id, repository, subject),
            rule=self.id,
            area=self.area,
            severity=severity,
            title=self.title.format_map(values),
            impact=self.impact.format_map(values),
            recommendation=self.recommendation.format_map(values),
            effort=self.effort,
            evidence=tuple(evidence),
            repository=repository,
        )

    def finding_for(
        self,
        value: float,
        repository: str,
        values: Mapping[str, object],
        evidence: Iterable[Evidence],
        subject: str = "",
    ) -> Finding | None:
        """The finding ``value`` raises at the severity its thresholds give, ``None`` below all."""
        severity = self.severity_for(value)
        if severity is None:
            return None
        return self.finding(severity, repository, subject, values, evidence)


@dataclass(frozen=True)
class AnalyzerSpec:
    """What an analyzer computes, why, and the parameters it uses."""

    id: str
    area: str
    title: str
    rationale: str
    source: str
    thresholds: Mapping[str, float]


@dataclass(frozen=True)
class MetricSpec:
    """A metric's label, unit and one-sentence definition."""

    id: str
    area: str
    label: str
    unit: str
    definition: str


class RuleSet:
    """Every rule, analyzer and metric, by id, in the order of the files in ``cto/rules/``."""

    def __init__(
        self,
        rules: Mapping[str, Rule],
        analyzers: Mapping[str, AnalyzerSpec],
        metrics: Mapping[str, MetricSpec],
    ) -> None:
        self._rules = MappingProxyType(dict(rules))
        self._analyzers = MappingProxyType(dict(analyzers))
        self._metrics = MappingProxyType(dict(metrics))

    @classmethod
    def default(cls) -> RuleSet:
        """The rules shipped with cto: every ``cto/rules/*.toml``, one file per area."""
        return _default()

    @classmethod
    def from_toml(cls, text: str) -> RuleSet:
        """Parse one rules file (see the comments at the top of ``cto/rules/history.toml``)."""
        data = tomllib.loads(text)
        rules = {key: _rule(key, value) for key, value in data.get("rule", {}).items()}
        analyzers = {
            key: AnalyzerSpec(
                id=key,
                area=value["area"],
                title=value["title"],
                rationale=value["rationale"],
                source=value["source"],
                thresholds=_numbers(value.get("thresholds", {})),
            )
            for key, value in data.get("analyzer", {}).items()
        }
        metrics = {
            key: MetricSpec(
                key, value["area"], value["label"], value.get("unit", ""), value["definition"]
            )
            for key, value in data.get("metric", {}).items()
        }
        return cls(rules, analyzers, metrics)

    @classmethod
    def merged(cls, sets: Iterable[RuleSet]) -> RuleSet:
        """One rule set from several files; an id defined twice is an error, not an override."""
        rules: dict[str, Rule] = {}
        analyzers: dict[str, AnalyzerSpec] = {}
        metrics: dict[str, MetricSpec] = {}
        for part in sets:
            _add_once(rules, part._rules)
            _add_once(analyzers, part._analyzers)
            _add_once(metrics, part._metrics)
        return cls(rules, analyzers, metrics)

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Every rule."""
        return tuple(self._rules.values())

    @property
    def analyzers(self) -> tuple[AnalyzerSpec, ...]:
        """Every analyzer's metadata."""
        return tuple(self._analyzers.values())

    @property
    def metrics(self) -> tuple[MetricSpec, ...]:
        """Every metric definition."""
        return tuple(self._metrics.values())

    def get(self, rule_id: str) -> Rule:
        """The rule with this id (raises ``KeyError`` for an unknown id)."""
        return self._rules[rule_id]

    def analyzer(self, analyzer_id: str) -> AnalyzerSpec:
        """The analyzer with this id (raises ``KeyError`` for an unknown id)."""
        return self._analyzers[analyzer_id]

    def metric(self, metric_id: str) -> MetricSpec:
        """The metric with this id (raises ``KeyError`` for an unknown id)."""
        return self._metrics[metric_id]

    def with_overrides(self, overrides: Mapping[str, Mapping[str, float]]) -> RuleSet:
        """A copy with thresholds replaced, by rule or analyzer id, then threshold name.

        Raises:
            InputError: for an unknown id or a threshold the rule or analyzer does not have,
                so that a typo in an engagement's overrides is never silently ignored.
        """
        rules, analyzers = dict(self._rules), dict(self._analyzers)
        for item_id, values in overrides.items():
            target: Rule | AnalyzerSpec | None = rules.get(item_id) or analyzers.get(item_id)
            if target is None:
                raise InputError(f"unknown rule or analyzer in overrides: {item_id!r}")
            unknown = sorted(set(values) - set(target.thresholds))
            if unknown:
                raise InputError(f"{item_id}: unknown thresholds {', '.join(unknown)}")
            merged = MappingProxyType({**target.thresholds, **_numbers(values)})
            if isinstance(target, Rule):
                rules[item_id] = replace(target, thresholds=merged)
            else:
                analyzers[item_id] = replace(target, thresholds=merged)
        return RuleSet(rules, analyzers, self._metrics)


def _numbers(values: Mapping[str, Any]) -> Mapping[str, float]:
    return MappingProxyType({str(k): float(v) for k, v in values.items()})


def _rule(rule_id: str, value: Mapping[str, Any]) -> Rule:
    comparison = value.get("comparison", "at_least")
    if comparison not in _COMPARISONS:
        raise InputError(f"{rule_id}: unknown comparison {comparison!r}")
    if not _SEVERITY_NAMES & set(value.get("thresholds", {})):
        raise InputError(f"{rule_id}: no severity threshold")
    return Rule(
        id=rule_id,
        area=value["area"],
        title=value["title"],
        rationale=value["rationale"],
        source=value["source"],
        impact=value["impact"],
        recommendation=value["recommendation"],
        effort=Effort(value["effort"]),
        thresholds=_numbers(value["thresholds"]),
        comparison=comparison,
        measure=value.get("measure", ""),
    )


_T = TypeVar("_T")


def _add_once(target: dict[str, _T], items: Mapping[str, _T]) -> None:
    """Add ``items`` to ``target``; an id already there is an error, never an override."""
    for key in items:
        if key in target:
            raise ValueError(f"rules data defines {key!r} twice")
    target.update(items)


@cache
def _default() -> RuleSet:
    folder = resources.files("cto").joinpath("rules")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    return RuleSet.merged(RuleSet.from_toml(f.read_text(encoding="utf-8")) for f in files)
