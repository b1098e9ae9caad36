"""The first four challenges: MVP size, stack fit, data model, integrations."""

from __future__ import annotations

from advisor_samples import audit, facts, judge, override, profile, repo

from cto.advisor.challenges import NEED_AUDIT, NEED_ROADMAP, mvp_size, stack_fit
from cto.advisor.challenges_scope import data_model, integration
from cto.advisor.facts import Decision, Initiative, NotNow


def item(key: str, title: str, effort: float = 4, **fields) -> Initiative:
    fields.setdefault("goal", "revenue")
    fields.setdefault("reach", 100)
    return Initiative(key, title, effort, **fields)


# --- MVP size: 3 people x 12 months x 4.33 weeks x 0.7 = 109.1 person-weeks; half is 54.6.


def test_an_mvp_larger_than_half_the_runway_is_raised():
    plan = (
        item("booking", "Booking", 40),
        item("billing", "Billing", 20),
        item("old", "Old", 30, status="done"),
    )
    result = mvp_size(facts(initiatives=plan), judge())
    assert (result.answer, result.headline) == (
        "raise",
        "Too large: 60 person-weeks of work against 54.6 the runway allows.",
    )
    assert result.reasons == [
        "2 initiatives still to build: 60 person-weeks.",
        "3 people × 12 months × 4.33 weeks × 0.7 focus = 109.1 person-weeks before the money "
        "runs out.",
        "The build may take 50% of that: 54.6 person-weeks.",
        "Largest: Booking (40), Billing (20).",
    ]


def test_an_mvp_within_the_runway_is_fine():
    result = mvp_size(facts(initiatives=(item("booking", "Booking", 50),)), judge())
    assert (result.answer, result.headline) == (
        "fine",
        "Fits: 50 person-weeks within the 54.6 the runway allows.",
    )


def test_a_proposal_the_not_now_list_defers_is_not_part_of_the_build():
    plan = (item("booking", "Booking", 40), item("reports", "Reports", 30))
    deferred = (NotNow("reports", "Reports", "after the first ten clinics", initiative="reports"),)
    result = mvp_size(facts(initiatives=plan, not_now=deferred), judge())
    assert (result.answer, result.reasons[0]) == (
        "fine",
        "1 initiative still to build: 40 person-weeks.",
    )


def test_mvp_size_names_what_is_missing():
    unknown = profile(team={"size": None}, runway_months=None)
    result = mvp_size(facts(profile=unknown), judge())
    assert result.answer == "cannot-tell"
    assert result.missing == [
        NEED_ROADMAP,
        "team.size (people building the product in-house; 0 leaves no capacity)",
        "runway_months",
    ]


def test_an_override_of_the_runway_share_changes_the_mvp_answer():
    plan = (item("booking", "Booking", 50),)
    stricter = judge(override("challenge.mvp-size", "max_runway_share", 0.4))
    result = mvp_size(facts(initiatives=plan), stricter)
    assert result.answer == "raise"
    assert [o.threshold for o in result.overrides] == ["max_runway_share"]


# --- Stack fit


def test_three_main_languages_for_a_small_team_are_raised():
    code = repo(
        languages=(("TypeScript", 500), ("Python", 300), ("Go", 200)),
        stack=("Django (web framework)",),
    )
    result = stack_fit(facts(audit=audit(code)), judge())
    assert (result.answer, result.headline) == (
        "raise",
        "3 main languages for a team of 3; at most 2 fit.",
    )
    assert result.reasons[:3] == [
        "Main languages (at least 10% of the code): TypeScript 50%, Python 30%, Go 20%.",
        "Runtimes and frameworks: Django (web framework).",
        "Team: 3 people, stage mvp.",
    ]
    assert result.evidence[0] == "audit 1 of product (2026-01-05)"


def test_a_team_without_an_engineer_cannot_maintain_the_stack():
    code = repo(languages=(("Python", 1000),))
    founders = profile(team={"roles": ["founder", "designer"]})
    result = stack_fit(facts(profile=founders, audit=audit(code)), judge())
    assert result.answer == "raise"
    assert result.headline == (
        "No engineer in the team (roles: founder and designer): nobody in-house can maintain "
        "the code."
    )


def test_one_main_language_fits_a_small_team():
    code = repo(languages=(("Python", 950), ("Shell", 50)))
    result = stack_fit(facts(audit=audit(code)), judge())
    assert (result.answer, result.missing) == ("fine", [])
    assert result.reasons[0] == "Main languages (at least 10% of the code): Python 95%."


def test_stack_fit_needs_an_audit_and_the_team():
    unknown = profile(team={"size": None}, stage=None)
    result = stack_fit(facts(profile=unknown), judge())
    assert (result.answer, result.missing) == ("cannot-tell", [NEED_AUDIT, "team.size or stage"])


# --- Data model


def test_roadmap_workarounds_raise_the_data_model():
    plan = (item("xls", "Manual spreadsheet of appointments"), item("booking", "Booking"))
    result = data_model(facts(initiatives=plan), judge())
    assert (result.answer, result.headline) == (
        "raise",
        "1 roadmap item works around the data model.",
    )
    assert result.reasons == [
        "'Manual spreadsheet of appointments' works around the data (spreadsheet and manual)."
    ]


def test_an_accepted_data_model_adr_answers_fine():
    adrs = (
        Decision(4, "Data model for appointments and invoices", "accepted"),
        Decision(5, "Schema for reports", "proposed"),
    )
    result = data_model(facts(decisions=adrs), judge())
    assert (result.answer, result.reasons) == (
        "fine",
        ["ADR 4 'Data model for appointments and invoices' is accepted."],
    )


def test_the_data_model_usually_cannot_be_told_and_says_what_would_answer_it():
    result = data_model(facts(), judge())
    assert result.answer == "cannot-tell"
    assert result.missing == [
        "a review of the data model against the core workflow ('clinics book, treat and bill "
        "patient appointments'), recorded as an ADR whose title names the data model"
    ]
    no_workflow = data_model(facts(profile=profile(core_workflow=None)), judge())
    assert no_workflow.missing[0] == "core_workflow"


# --- Integrations: median RICE of the four below is 25 (reach 100, impact 1, confidence 1).


def test_an_integration_without_a_goal_or_with_low_priority_is_raised():
    plan = (
        item("booking", "Booking", 4, impact=1, confidence=1),
        item("sync", "Calendar sync", 4, goal=None, impact=1, confidence=1),
        item("crm", "CRM integration", 20, impact=1, confidence=1),
        item("pay", "Payments", 4, impact=1, confidence=1),
    )
    result = integration(facts(initiatives=plan), judge())
    assert (result.answer, result.headline) == (
        "raise",
        "2 integrations look convenient, not critical.",
    )
    assert result.reasons == [
        "'Calendar sync': serves no goal.",
        "'CRM integration': RICE 5 is below 12.5 (0.5 × the median 25).",
    ]


def test_integrations_that_serve_goals_at_fair_priority_are_fine():
    plan = (item("booking", "Booking"), item("crm", "CRM integration"))
    result = integration(facts(initiatives=plan), judge())
    assert (result.answer, result.reasons) == (
        "fine",
        ["'CRM integration': serves a goal at a fair priority."],
    )
    none = integration(facts(initiatives=(item("booking", "Booking"),)), judge())
    assert (none.answer, none.headline) == ("fine", "No integration on the roadmap.")


def test_integrations_cannot_be_judged_without_a_roadmap():
    result = integration(facts(), judge())
    assert (result.answer, result.missing) == ("cannot-tell", [NEED_ROADMAP])
