"""Engagement model: which leadership fits, and whether it is time for a full-time CTO."""

from __future__ import annotations

from advisor_samples import facts, judge, override, profile

from cto.advisor.facts import EngagementFacts
from cto.advisor.model import NO_PROFILE, SITUATIONS, first_full_time_cto, recommend
from cto.advisor.rulebook import default_rules

THREE_SIGNALS = ["technology-is-core", "building-engineering-team", "rapid-user-growth"]


def test_without_a_profile_or_situations_the_model_cannot_be_told():
    empty = facts(profile=None)
    for analysis in (recommend, first_full_time_cto):
        result = analysis(empty, judge())
        assert (result.answer, result.missing) == ("cannot-tell", [NO_PROFILE])
    silent = facts(profile=profile(situations=[]))
    result = recommend(silent, judge())
    assert (result.answer, result.missing) == (
        "cannot-tell",
        [SITUATIONS, "team.founder_technical"],
    )
    assert first_full_time_cto(silent, judge()).missing == [SITUATIONS]


def test_a_non_technical_founder_gets_a_fractional_cto_with_its_watch_outs():
    result = recommend(facts(), judge())
    assert (result.rule, result.answer) == ("model.fractional-cto", "fine")
    assert result.question == "Which engagement model fits the company now?"
    assert result.headline == "Recommended: fractional or outsourced CTO."
    assert result.reasons == [
        "Situations recorded: non-technical-founder.",
        "Outside senior judgment fits: non-technical-founder.",
    ]
    assert result.recommendation.startswith(
        "Engage a fractional CTO for 5–25 hours a week, starting with the mvp-leadership structure"
    )
    assert result.watch_outs == list(default_rules().get("model.fractional-cto").watch_outs)
    assert "decision rights must be written down" in result.watch_outs[0]


def test_the_fractional_recommendation_compares_the_recorded_engagement():
    engagement = EngagementFacts("vendor-oversight", weekly_hours=40)
    result = recommend(facts(engagement=engagement), judge())
    assert result.reasons[2:] == [
        "The recorded engagement is vendor-oversight; the main situation suggests mvp-leadership.",
        "The engagement records 40 hours a week, outside the fractional range of 5–25.",
    ]


def test_a_narrow_question_needs_only_an_advisor():
    result = recommend(facts(profile=profile(situations=["narrow-question"])), judge())
    assert result.rule == "model.technical-advisor"
    assert result.watch_outs[0].startswith("Advice may not become execution")


def test_a_technical_founder_with_a_delivery_problem_needs_a_lead_developer():
    technical = profile(situations=["unstable-or-slow"], team={"founder_technical": True})
    result = recommend(facts(profile=technical), judge())
    assert result.rule == "model.lead-developer"
    assert result.reasons[1] == (
        "The founder is technical and sets direction; what remains (unstable-or-slow) is delivery."
    )
    assert "owns delivery, not direction" in result.watch_outs[0]
    non_technical = profile(situations=["unstable-or-slow"])
    assert recommend(facts(profile=non_technical), judge()).rule == "model.fractional-cto"


def test_a_technical_founder_building_through_an_agency_can_use_the_agency_lead():
    agency = profile(
        situations=["agency-or-freelancers"], team={"founder_technical": True, "uses_agency": True}
    )
    result = recommend(facts(profile=agency), judge())
    assert result.rule == "model.agency-lead"
    assert "agency's project scope" in result.watch_outs[0]


def test_three_signals_and_the_means_call_for_a_full_time_cto():
    funded = profile(situations=THREE_SIGNALS, monthly_tech_budget=30000, runway_months=24)
    result = recommend(facts(profile=funded), judge())
    assert result.rule == "model.full-time-cto"
    assert result.reasons[1] == "3 full-time CTO signals and the budget and runway to fund one."
    assert result.watch_outs[0].startswith("Costly")


def test_three_signals_without_the_means_get_a_fractional_bridge():
    result = recommend(facts(profile=profile(situations=THREE_SIGNALS)), judge())
    assert result.rule == "model.fractional-cto"
    assert result.reasons[1:4] == [
        "3 full-time CTO signals, but the hire is not yet affordable.",
        "The monthly technology budget (12,000 EUR) is below 20,000: a full-time CTO may not be "
        "affordable yet.",
        "Runway of 12 months is under 18: a permanent hire is a risk.",
    ]


def test_it_is_time_for_a_full_time_cto_with_three_signals():
    result = first_full_time_cto(facts(profile=profile(situations=THREE_SIGNALS)), judge())
    assert result.answer == "raise"
    assert result.headline == "Yes: 3 of 5 full-time CTO signals are present (3 are enough)."
    assert result.reasons[:4] == [
        "Signal present: technology-is-core.",
        "Signal present: building-engineering-team.",
        "Signal present: rapid-user-growth.",
        "Signals absent: long-term-architecture and complex-compliance.",
    ]


def test_health_data_counts_as_complex_compliance_but_two_signals_are_not_enough():
    two = profile(situations=["rapid-user-growth"], risk={"health_data": True})
    result = first_full_time_cto(facts(profile=two), judge())
    assert result.answer == "fine"
    assert result.headline == "Not yet: 2 of 5 full-time CTO signals are present (3 needed)."
    assert "Signal present: complex-compliance (derived: the product holds health data)." in (
        result.reasons
    )
    assert result.overrides == []


def test_an_override_of_the_signal_count_changes_the_answer_and_is_carried():
    two = profile(situations=["rapid-user-growth", "technology-is-core"])
    lowered = judge(override("model.first-full-time-cto", "signals_at_least", 2))
    result = first_full_time_cto(facts(profile=two), lowered)
    assert result.answer == "raise"
    assert [(o.threshold, o.value, o.default) for o in result.overrides] == [
        ("signals_at_least", 2, 3)
    ]
