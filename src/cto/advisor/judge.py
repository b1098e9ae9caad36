"""Thresholds as one evaluation sees them: the rules' values with the engagement's overrides.

A :class:`Judge` hands analyses their thresholds and builds their conclusions. It remembers which
overridden thresholds were read since the last conclusion, and attaches exactly those to the next
one, so an answer that depended on a changed threshold always shows the change, its reason and
who made it. Overrides that name no known rule or threshold, or give a value of the wrong type,
are listed in :attr:`Judge.problems` (and shown to the user), never silently dropped. Overrides
of audit rules (``cto/rules/*.toml``) live in the same engagement list; the audit applies them,
so the advisor leaves them alone.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from cto.advisor.conclusion import Answer, AppliedOverride, Conclusion, Scalar
from cto.advisor.facts import Override
from cto.advisor.rulebook import Rule, RuleBook, RuleDataError, default_rules


class Judge:
    """Thresholds with overrides applied, and the conclusions built from them."""

    def __init__(
        self,
        book: RuleBook | None = None,
        overrides: Sequence[Override] = (),
        *,
        foreign: Collection[str] = (),
    ) -> None:
        """Apply ``overrides`` to ``book``; those of a rule in ``foreign`` belong elsewhere."""
        self.book = book or default_rules()
        self.problems: list[str] = []
        self._overrides: dict[tuple[str, str], Override] = {}
        self._used: dict[tuple[str, str], AppliedOverride] = {}
        for override in overrides:
            if override.rule in foreign and override.rule not in self.book:
                continue
            problem = self._check(override)
            if problem:
                self.problems.append(problem)
                continue
            key = (override.rule, override.threshold)
            if key in self._overrides:
                self.problems.append(
                    f"override of {override.rule}: {override.threshold} is set more than "
                    "once; the last one applies"
                )
            self._overrides[key] = override

    def _check(self, override: Override) -> str | None:
        where = f"override of {override.rule}: {override.threshold}"
        if override.rule not in self.book:
            return f"override of {override.rule}: no such advisor rule"
        thresholds = self.book.get(override.rule).thresholds
        if override.threshold not in thresholds:
            known = ", ".join(thresholds) or "none"
            return f"{where}: the rule has no such threshold (its thresholds: {known})"
        default = thresholds[override.threshold]
        if isinstance(default, list | dict):
            return f"{where}: a list or table threshold cannot be overridden with one value"
        if _kind(default) != _kind(override.value):
            return f"{where}: {override.value!r} is not a {_kind(default)} like {default!r}"
        return None

    def rule(self, rule_id: str) -> Rule:
        """The rule with ``rule_id``."""
        return self.book.get(rule_id)

    def value(self, rule_id: str, name: str) -> Any:
        """A threshold, overridden when the engagement says so (the use is remembered)."""
        default = self.rule(rule_id).thresholds[name]
        override = self._overrides.get((rule_id, name))
        if override is None:
            return default
        self._used[(rule_id, name)] = AppliedOverride(
            rule_id, name, override.value, default, override.reason, override.by, override.on
        )
        return override.value

    def number(self, rule_id: str, name: str) -> float:
        """A numeric threshold."""
        value = self.value(rule_id, name)
        if _kind(value) != "number":
            raise RuleDataError(f"advisor rule {rule_id!r}: threshold {name!r} is not a number")
        return float(value)

    def flag(self, rule_id: str, name: str) -> bool:
        """A true-or-false threshold."""
        return bool(self.value(rule_id, name))

    def words(self, rule_id: str, name: str) -> tuple[str, ...]:
        """A list threshold, as texts."""
        return tuple(str(item) for item in self.value(rule_id, name))

    def table(self, rule_id: str, name: str) -> Mapping[str, Any]:
        """A table threshold."""
        value = self.value(rule_id, name)
        if not isinstance(value, dict):
            raise RuleDataError(f"advisor rule {rule_id!r}: threshold {name!r} is not a table")
        return value

    def take_used(self) -> list[AppliedOverride]:
        """The overrides read since the last conclusion, forgotten from now on.

        For reads that produced no conclusion of their own (a stack advice whose conditions
        failed), so they can be shown elsewhere rather than leak into the next answer.
        """
        used, self._used = list(self._used.values()), {}
        return used

    def conclude(
        self,
        rule_id: str,
        answer: Answer,
        headline: str,
        *,
        reasons: Iterable[str] = (),
        missing: Iterable[str] = (),
        recommendation: str | None = None,
        evidence: Iterable[str] = (),
        watch_outs: Iterable[str] | None = None,
        trade_offs: Iterable[str] | None = None,
        question: str | None = None,
        also: Iterable[AppliedOverride] = (),
    ) -> Conclusion:
        """A conclusion of ``rule_id``, carrying the overrides read since the last one.

        ``watch_outs`` and ``trade_offs`` default to the rule's own; ``recommendation`` to the
        rule's own when the answer is ``raise`` (a rule's recommendation says what to do when it
        raises), else to none. ``also`` adds overrides taken earlier with :meth:`take_used`.
        """
        rule = self.rule(rule_id)
        used = [*also, *self.take_used()]
        return Conclusion(
            rule=rule_id,
            topic=rule.topic,
            question=question or rule.question or rule.title,
            answer=answer,
            headline=headline,
            reasons=list(reasons),
            missing=list(missing),
            recommendation=_recommendation(rule, answer, recommendation),
            evidence=list(evidence),
            watch_outs=list(rule.watch_outs if watch_outs is None else watch_outs),
            trade_offs=list(rule.trade_offs if trade_offs is None else trade_offs),
            overrides=used,
        )


def audit_rule_ids() -> frozenset[str]:
    """Ids of the audit's rules and analyzers, whose overrides the audit applies."""
    from cto.analyzers.rules import RuleSet

    rules = RuleSet.default()
    return frozenset([rule.id for rule in rules.rules] + [spec.id for spec in rules.analyzers])


def _recommendation(rule: Rule, answer: Answer, given: str | None) -> str:
    if given is not None:
        return given
    return rule.recommendation if answer == "raise" else ""


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true-or-false value"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


def scalar(value: Scalar) -> str:
    """A threshold value as a sentence shows it (``30``, ``0.5``, ``yes``)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
