"""Hiring a CTO: readiness, the decisions the CTO would own, and the questions to ask."""

from __future__ import annotations

from advisor_samples import facts, judge, profile

from cto.advisor import advise
from cto.advisor.candidate import hiring_readiness, questions
from cto.advisor.facts import DecisionRight, EngagementFacts
from cto.advisor.model import NO_PROFILE, SITUATIONS

READY = profile(situations=["technology-is-core", "rapid-user-growth", "complex-compliance"])
RIGHTS = EngagementFacts(
    "interim-leadership",
    decision_rights={
        "architecture": DecisionRight("fractional CTO", ("founder",)),
        "budget": DecisionRight("founder", ("CTO",)),
    },
)


def test_it_is_time_to_hire_and_the_role_owns_what_the_cto_decides():
    result = hiring_readiness(facts(profile=READY, engagement=RIGHTS), judge())
    assert (result.answer, result.headline) == (
        "raise",
        "Time to hire a CTO; the role would own architecture.",
    )
    assert result.reasons == [
        "3 of 5 full-time CTO signals (3 needed): technology-is-core, rapid-user-growth and "
        "complex-compliance.",
        "The CTO decides: architecture.",
        "budget: decided by founder.",
        "Nobody is recorded as deciding: vendors, hiring, security and roadmap.",
    ]
    assert result.missing == []


def test_not_yet_time_and_no_decision_rights_recorded():
    result = hiring_readiness(facts(), judge())
    assert (result.answer, result.headline) == ("fine", "Not yet time for a full-time CTO hire.")
    assert result.reasons[1] == "No decision rights are recorded: a CTO without them is powerless."
    assert result.missing == ["the engagement's decision rights (who decides each area)"]


def test_readiness_cannot_be_told_without_profile_or_situations():
    assert hiring_readiness(facts(profile=None), judge()).missing == [NO_PROFILE]
    silent = hiring_readiness(facts(profile=profile(situations=[])), judge())
    assert (silent.answer, silent.missing) == ("cannot-tell", [SITUATIONS])


def test_eight_questions_each_with_what_a_good_answer_shows():
    asked = questions(judge())
    assert len(asked) == 8
    assert asked[6].question == "Which decisions will you own, and which stay with the founder?"
    assert "who decides, who is consulted, who is informed" in asked[6].good_answer
    assert advise(facts(), topics=["candidate"]).questions == asked
    assert advise(facts(), topics=["model"]).questions == []
