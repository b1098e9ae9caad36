"""Engagement overrides change thresholds, travel with the answers; bad ones are reported."""

from __future__ import annotations

import json
from datetime import date

from advisor_samples import facts, judge, override, profile

from cto.advisor import advise
from cto.advisor.conclusion import AppliedOverride
from cto.advisor.facts import Override
from cto.advisor.remote import remote_fit
from cto.advisor.text import render_text

SCORES = {
    "cloud-native-product": 4,
    "team-remote-experience": 4,
    "communication-tools": 4,
    "founder-async-comfort": 3,
    "no-physical-infrastructure": 4,
    "budget-favours-fractional": 3,
    "senior-talent-over-presence": 3,
    "time-bounded": 3,
}  # 28 of 40
LOWER = Override(
    "remote-fit.checklist",
    "good_fit_above",
    25,
    "founder accepts a weaker fit",
    "Ana",
    date(2026, 1, 5),
)


def test_an_override_changes_the_answer_and_is_carried_by_it():
    scored = facts(profile=profile(remote_fit=SCORES))
    assert remote_fit(scored, judge()).answer == "raise"
    changed = remote_fit(scored, judge(LOWER))
    assert changed.answer == "fine"
    assert changed.reasons[-1] == "Total 28 of 40 (a good fit is above 25)."
    assert changed.overrides == [
        AppliedOverride(
            "remote-fit.checklist",
            "good_fit_above",
            25,
            30,
            "founder accepts a weaker fit",
            "Ana",
            date(2026, 1, 5),
        )
    ]


def test_only_the_answers_that_used_an_override_carry_it_and_renderers_show_it():
    advice = advise(facts(profile=profile(remote_fit=SCORES), overrides=(LOWER,)))
    carrying = [c.rule for c in advice.conclusions if c.overrides]
    assert carrying == ["remote-fit.checklist"]
    assert advice.override_problems == []
    text = render_text(advice)
    assert (
        "remote-fit.checklist: good_fit_above = 25 (default 30): founder accepts a weaker fit "
        "(by Ana, 2026-01-05)"
    ) in text
    data = json.loads(json.dumps(advice.to_dict()))
    (remote,) = [c for c in data["conclusions"] if c["rule"] == "remote-fit.checklist"]
    assert remote["overrides"][0]["value"] == 25 and remote["overrides"][0]["default"] == 30


def test_overrides_naming_unknown_rules_or_thresholds_or_wrong_values_are_reported():
    bad = (
        override("remote-fit.nothing", "good_fit_above", 25),
        override("remote-fit.checklist", "good_fit_below", 25),
        override("remote-fit.checklist", "good_fit_above", "thirty"),
        override("challenge.stack-fit", "early_stages", "mvp"),
    )
    advice = advise(facts(overrides=bad), topics=["remote-fit"])
    assert advice.override_problems == [
        "override of remote-fit.nothing: no such advisor rule",
        "override of remote-fit.checklist: good_fit_below: the rule has no such threshold (its "
        "thresholds: good_fit_above, weak_signs_raise_at, presence_needed_at_most, "
        "cloud_native_by_product_type, no_physical_infrastructure_by_product_type, "
        "remote_experience_scores)",
        "override of remote-fit.checklist: good_fit_above: 'thirty' is not a number like 30",
        "override of challenge.stack-fit: early_stages: a list or table threshold cannot be "
        "overridden with one value",
    ]
    assert "! override of remote-fit.nothing: no such advisor rule" in render_text(advice)
    assert all(not c.overrides for c in advice.conclusions)


def test_a_threshold_set_twice_is_reported_and_the_last_applies():
    twice = (override("remote-fit.checklist", "good_fit_above", 35), LOWER)
    scored = judge(*twice)
    assert scored.problems == [
        "override of remote-fit.checklist: good_fit_above is set more than once; the last one "
        "applies"
    ]
    assert remote_fit(facts(profile=profile(remote_fit=SCORES)), scored).answer == "fine"


def test_overrides_of_audit_rules_are_left_to_the_audit():
    audit_rule = override("knowledge.truck-factor", "high", 2)
    assert advise(facts(overrides=(audit_rule,))).override_problems == []
