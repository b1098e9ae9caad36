"""What the advisor concludes: an answer to one question, with its reasons, always JSON-able.

Every rule answers one question with ``raise`` (the advisor raises it: act on it or decide),
``fine`` (nothing to act on) or ``cannot-tell`` (the facts are not there; :attr:`Conclusion.missing`
says what would answer it). A conclusion that used a threshold an engagement overrode carries the
override, so every renderer can show the changed value, the reason and who decided it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Answer = Literal["raise", "fine", "cannot-tell"]
ANSWERS: tuple[Answer, ...] = ("raise", "fine", "cannot-tell")

Scalar = bool | int | float | str
"""A value an engagement may set a threshold to."""


@dataclass(frozen=True)
class AppliedOverride:
    """A threshold an engagement changed, as used by one conclusion."""

    rule: str
    threshold: str
    value: Scalar
    default: Scalar
    reason: str
    by: str | None = None
    on: date | None = None

    def to_dict(self) -> dict[str, Any]:
        """The override as JSON-able data."""
        return {
            "rule": self.rule,
            "threshold": self.threshold,
            "value": self.value,
            "default": self.default,
            "reason": self.reason,
            "by": self.by,
            "on": self.on.isoformat() if self.on else None,
        }

    def describe(self) -> str:
        """One line: ``threshold good_fit_above = 25 (default 30): reason (by Ana, 2026-01-05)``."""
        who = ", ".join(part for part in (self.by, self.on and self.on.isoformat()) if part)
        tail = f" (by {who})" if who else ""
        return (
            f"{self.rule}: {self.threshold} = {self.value} (default {self.default}): "
            f"{self.reason}{tail}"
        )


@dataclass(frozen=True)
class Conclusion:
    """The advisor's answer to one question, with everything needed to trust or challenge it.

    Attributes:
        rule: id of the rule that answered (its rationale and source are in the rules data).
        topic: the group it belongs to (``model``, ``remote-fit``, ``challenges``, ``stack``,
            ``candidate``).
        question: the question answered, in plain words.
        answer: ``raise``, ``fine`` or ``cannot-tell``.
        headline: the answer in one sentence.
        reasons: why, each a fact and what it means.
        missing: what would answer the question (only when the answer is ``cannot-tell``, or
            what a partial answer could not check).
        recommendation: what to do next.
        evidence: where the facts come from (profile fields, record entries, audits).
        watch_outs: the known weaknesses of what is recommended.
        trade_offs: what a recommended choice costs.
        overrides: thresholds the engagement changed that this answer used.
    """

    rule: str
    topic: str
    question: str
    answer: Answer
    headline: str
    reasons: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    recommendation: str = ""
    evidence: list[str] = field(default_factory=list)
    watch_outs: list[str] = field(default_factory=list)
    trade_offs: list[str] = field(default_factory=list)
    overrides: list[AppliedOverride] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The conclusion as JSON-able data (for ``--json`` and reports)."""
        return {
            "rule": self.rule,
            "topic": self.topic,
            "question": self.question,
            "answer": self.answer,
            "headline": self.headline,
            "reasons": list(self.reasons),
            "missing": list(self.missing),
            "recommendation": self.recommendation,
            "evidence": list(self.evidence),
            "watch_outs": list(self.watch_outs),
            "trade_offs": list(self.trade_offs),
            "overrides": [override.to_dict() for override in self.overrides],
        }


@dataclass(frozen=True)
class CandidateQuestion:
    """A question to ask a CTO candidate and what a good answer shows."""

    rule: str
    question: str
    good_answer: str

    def to_dict(self) -> dict[str, Any]:
        """The question as JSON-able data."""
        return {"rule": self.rule, "question": self.question, "good_answer": self.good_answer}


@dataclass(frozen=True)
class Advice:
    """Everything one run of the advisor produced.

    Attributes:
        conclusions: the answers, in topic order.
        questions: questions to ask a CTO candidate (when the candidate topic was asked).
        override_problems: engagement overrides that could not be applied (unknown rule or
            threshold, wrong type): reported, never silently ignored.
    """

    conclusions: list[Conclusion]
    questions: list[CandidateQuestion] = field(default_factory=list)
    override_problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The advice as JSON-able data."""
        return {
            "conclusions": [conclusion.to_dict() for conclusion in self.conclusions],
            "candidate_questions": [question.to_dict() for question in self.questions],
            "override_problems": list(self.override_problems),
        }

    def get(self, rule: str) -> Conclusion:
        """The conclusion of ``rule`` (KeyError when there is none)."""
        for conclusion in self.conclusions:
            if conclusion.rule == rule:
                return conclusion
        raise KeyError(rule)
