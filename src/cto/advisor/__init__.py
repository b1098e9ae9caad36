"""The advisor: rules as data that reason over the record and the audit evidence.

Build :class:`~cto.advisor.facts.AdvisorFacts` (from a workspace with
:func:`~cto.advisor.facts.facts_from_record`, or by hand), then call :func:`advise`. Every
conclusion names its rule (rationale and source in ``cto/advisor/rules/*.toml``), its answer
(raise, fine, cannot-tell), its reasons, what is missing, and any threshold the engagement
overrode, with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from cto.advisor import (
    candidate,
    challenges,
    challenges_plan,
    challenges_scope,
    debt,
    model,
    remote,
    stack,
)
from cto.advisor.conclusion import Advice, CandidateQuestion, Conclusion
from cto.advisor.facts import AdvisorFacts, facts_from_record
from cto.advisor.judge import Judge, audit_rule_ids
from cto.advisor.rulebook import RuleBook, default_rules

__all__ = [
    "TOPICS",
    "Advice",
    "AdvisorFacts",
    "CandidateQuestion",
    "Conclusion",
    "RuleBook",
    "advise",
    "default_rules",
    "facts_from_record",
]

TOPICS = ("model", "remote-fit", "challenges", "stack", "candidate")
"""The advisor's topics, in the order they are shown."""

Analysis = Callable[[AdvisorFacts, Judge], list[Conclusion]]


def eight_challenges(facts: AdvisorFacts, judge: Judge) -> list[Conclusion]:
    """The eight challenges a CTO raises, in the order the product brief lists them."""
    checks = (
        challenges.mvp_size,
        challenges.stack_fit,
        challenges_scope.data_model,
        challenges_scope.integration,
        challenges_scope.custom_vs_saas,
        challenges_plan.vendor_estimate,
        challenges_plan.roadmap_noise,
        debt.technical_debt,
    )
    return [check(facts, judge) for check in checks]


ANALYSES: dict[str, Analysis] = {
    "model": model.analyse,
    "remote-fit": remote.analyse,
    "challenges": eight_challenges,
    "stack": stack.analyse,
    "candidate": candidate.analyse,
}


def advise(
    facts: AdvisorFacts, topics: Iterable[str] = TOPICS, book: RuleBook | None = None
) -> Advice:
    """Run the analyses of ``topics`` (all by default) with ``book`` (the shipped rules).

    Engagement overrides of advisor rules apply; those of audit rules are left to the audit;
    any other is reported in :attr:`Advice.override_problems`.

    Raises:
        ValueError: an unknown topic.
    """
    wanted = set(topics)
    unknown = wanted - set(TOPICS)
    if unknown:
        raise ValueError(f"unknown advisor topic {sorted(unknown)[0]!r}")
    judge = Judge(book or default_rules(), facts.overrides, foreign=audit_rule_ids())
    conclusions = []
    for topic in TOPICS:
        if topic in wanted:
            judge.take_used()  # nothing read before an analysis belongs to its answers
            conclusions.extend(ANALYSES[topic](facts, judge))
    asked = candidate.questions(judge) if "candidate" in wanted else []
    return Advice(conclusions, asked, list(judge.problems))
