"""Remote fit: eight factors 1-5, above 30 is a good fit, weak-fit signs weigh against it."""

from __future__ import annotations

from advisor_samples import facts, judge, profile

from cto.advisor.remote import remote_fit

ASKED = {
    "communication-tools": 5,
    "founder-async-comfort": 4,
    "budget-favours-fractional": 5,
    "senior-talent-over-presence": 4,
    "time-bounded": 3,
}  # 21; the base profile derives cloud-native 5, no physical infrastructure 5, team 3


def test_a_total_above_thirty_is_a_good_fit_and_derived_factors_say_so():
    result = remote_fit(facts(profile=profile(remote_fit=ASKED)), judge())
    assert (result.answer, result.headline) == ("fine", "Good remote fit: 34 of 40.")
    assert result.reasons == [
        "cloud-native-product: 5 (derived from product_type cloud-native).",
        "team-remote-experience: 3 (derived from team.remote_experience some).",
        "communication-tools: 5 (scored in the profile).",
        "founder-async-comfort: 4 (scored in the profile).",
        "no-physical-infrastructure: 5 (derived from product_type cloud-native).",
        "budget-favours-fractional: 5 (scored in the profile).",
        "senior-talent-over-presence: 4 (scored in the profile).",
        "time-bounded: 3 (scored in the profile).",
        "Total 34 of 40 (a good fit is above 30).",
    ]
    assert result.recommendation.startswith("Set up the remote rhythm")


def test_a_total_of_thirty_is_not_above_thirty():
    scores = {**ASKED, "communication-tools": 1}  # 30
    result = remote_fit(facts(profile=profile(remote_fit=scores)), judge())
    assert (result.answer, result.headline) == ("raise", "Weak remote fit: 30 of 40.")


def test_a_score_in_the_profile_wins_over_a_derived_one():
    scores = {**ASKED, "cloud-native-product": 1}
    result = remote_fit(facts(profile=profile(remote_fit=scores)), judge())
    assert result.reasons[0] == "cloud-native-product: 1 (scored in the profile)."
    assert result.headline == "Weak remote fit: 30 of 40."


def test_unknown_factors_make_it_cannot_tell_naming_them():
    unknown = profile(product_type=None, remote_fit={"communication-tools": 4})
    result = remote_fit(facts(profile=unknown), judge())
    assert result.answer == "cannot-tell"
    assert result.headline == "2 of 8 remote-fit factors are known; all eight are needed."
    assert result.missing == [
        "remote_fit.cloud-native-product",
        "remote_fit.founder-async-comfort",
        "remote_fit.no-physical-infrastructure",
        "remote_fit.budget-favours-fractional",
        "remote_fit.senior-talent-over-presence",
        "remote_fit.time-bounded",
    ]


def test_two_weak_fit_signs_raise_it_even_with_a_high_total():
    all_fives = {
        factor: 5
        for factor in (
            *ASKED,
            "cloud-native-product",
            "team-remote-experience",
            "no-physical-infrastructure",
        )
    }
    hardware = profile(
        product_type="hardware", team={"remote_experience": "none"}, remote_fit=all_fives
    )
    result = remote_fit(facts(profile=hardware), judge())
    assert (result.answer, result.headline) == ("raise", "Weak remote fit: 2 weak-fit signs.")
    assert result.reasons[-2:] == [
        "Weak-fit sign: hardware-dependent product (needs physical lab access).",
        "Weak-fit sign: a team new to remote work.",
    ]


def test_regulated_on_premises_work_and_a_founder_who_needs_presence_are_signs():
    scores = {
        **ASKED,
        "founder-async-comfort": 2,
        "cloud-native-product": 5,
        "no-physical-infrastructure": 5,
    }
    onsite = profile(product_type="on-premises", remote_fit=scores)
    result = remote_fit(facts(profile=onsite), judge())
    assert result.answer == "raise"
    assert [r for r in result.reasons if r.startswith("Weak-fit sign")] == [
        "Weak-fit sign: regulated on-premises work (physical access rules).",
        "Weak-fit sign: a founder who needs presence (async comfort 2 of 5).",
    ]


def test_no_profile_names_every_factor():
    result = remote_fit(facts(profile=None), judge())
    assert result.answer == "cannot-tell" and len(result.missing) == 8
