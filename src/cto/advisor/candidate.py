"""Hiring a CTO: the readiness view and the questions to ask a candidate.

Rules in ``rules/candidate.toml``. Readiness reuses the full-time signals of
``model.first-full-time-cto`` and reads the engagement's decision rights: the areas a CTO decides
are the role's scope; areas nobody recorded are named so they get decided before the hire.
"""

from __future__ import annotations

from cto.advisor.conclusion import CandidateQuestion, Conclusion
from cto.advisor.facts import AdvisorFacts
from cto.advisor.judge import Judge
from cto.advisor.model import FIRST_CTO, NO_PROFILE, SITUATIONS, full_time_signals
from cto.advisor.wording import listing, mentions

READINESS = "candidate.hiring-readiness"


def questions(judge: Judge) -> list[CandidateQuestion]:
    """The questions to ask a CTO candidate, in the order of the rules file."""
    return [
        CandidateQuestion(rule.id, rule.question, rule.good_answer)
        for rule in judge.book.topic("candidate")
        if rule.good_answer
    ]


def analyse(facts: AdvisorFacts, judge: Judge) -> list[Conclusion]:
    """The hiring-readiness conclusion."""
    return [hiring_readiness(facts, judge)]


def hiring_readiness(facts: AdvisorFacts, judge: Judge) -> Conclusion:
    """``raise`` when it is time to hire, ``fine`` when not yet; with the decisions to own."""
    profile = facts.profile
    if profile is None:
        return judge.conclude(
            READINESS, "cannot-tell", "No company profile yet.", missing=[NO_PROFILE]
        )
    signals = full_time_signals(profile, judge)
    if not profile.situations and not signals:
        return judge.conclude(
            READINESS, "cannot-tell", "The profile records no situations.", missing=[SITUATIONS]
        )
    needed = int(judge.number(FIRST_CTO, "signals_at_least"))
    reasons = [
        f"{len(signals)} of 5 full-time CTO signals ({needed} needed): "
        f"{listing(signals) or 'none'}."
    ]
    owned, others, unrecorded = _decision_rights(facts, judge)
    gaps = []
    if facts.engagement is None or not facts.engagement.decision_rights:
        reasons.append("No decision rights are recorded: a CTO without them is powerless.")
        gaps.append("the engagement's decision rights (who decides each area)")
    else:
        reasons.append(f"The CTO decides: {listing(owned) or 'nothing yet'}.")
        reasons.extend(others)
        if unrecorded:
            reasons.append(f"Nobody is recorded as deciding: {listing(unrecorded)}.")
    evidence = ["profile: situations, risk.health_data", "engagement: decision_rights"]
    if len(signals) >= needed:
        own = f"; the role would own {listing(owned)}" if owned else ""
        return judge.conclude(
            READINESS,
            "raise",
            f"Time to hire a CTO{own}.",
            reasons=reasons,
            missing=gaps,
            evidence=evidence,
        )
    return judge.conclude(
        READINESS,
        "fine",
        "Not yet time for a full-time CTO hire.",
        reasons=reasons,
        missing=gaps,
        evidence=evidence,
        recommendation="Bridge with a fractional CTO or a strong lead engineer; use the questions "
        "below for that hire too, and agree the decision rights in writing.",
    )


def _decision_rights(facts: AdvisorFacts, judge: Judge) -> tuple[list[str], list[str], list[str]]:
    """Areas the CTO decides, who decides the others, and areas with no record."""
    rights = facts.engagement.decision_rights if facts.engagement else {}
    words = judge.words(READINESS, "cto_words")
    owned, others = [], []
    for area, right in rights.items():
        if mentions(right.decides, words):
            owned.append(area)
        else:
            others.append(f"{area}: decided by {right.decides or 'nobody'}.")
    unrecorded = [area for area in judge.words(READINESS, "areas") if area not in rights]
    return owned, others, unrecorded
