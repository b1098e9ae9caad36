"""Stack and architecture advice: refused until the profile is complete, then stage-fit advice."""

from __future__ import annotations

from advisor_samples import audit, facts, judge, only, override, profile, repo

from cto.advisor.stack import analyse


def test_no_profile_refuses_naming_all_five_fields():
    (result,) = analyse(facts(profile=None), judge())
    assert (result.rule, result.answer) == ("stack.readiness", "cannot-tell")
    assert result.missing == ["business_model", "core_workflow", "team", "budget", "risk_profile"]


def test_the_refusal_names_exactly_the_missing_fields():
    partial = profile(core_workflow=None, runway_months=None, risk={"uptime": None})
    (result,) = analyse(facts(profile=partial), judge())
    assert result.missing == ["core_workflow", "budget", "risk_profile"]
    assert result.headline == (
        "No stack or architecture advice until the profile holds: core_workflow, budget and "
        "risk_profile."
    )


def test_an_early_small_team_gets_stage_fit_advice_with_trade_offs():
    code = repo(languages=(("Python", 900), ("TypeScript", 100)))
    results = analyse(facts(audit=audit(code)), judge())
    assert [(r.rule, r.answer) for r in results] == [
        ("stack.readiness", "fine"),
        ("stack.managed-monolith", "fine"),
        ("stack.known-stack", "fine"),
        ("stack.buy-commodity", "fine"),
        ("stack.personal-data", "raise"),
        ("stack.modest-uptime", "fine"),
    ]
    ready = results[0]
    assert ready.reasons == [
        "Business model: b2b-saas; stage: mvp.",
        "Core workflow: clinics book, treat and bill patient appointments.",
        "Team of 3; budget 12,000 EUR a month; runway 12 months.",
        "Audited code: Python, TypeScript.",
    ]
    monolith = only(results, "stack.managed-monolith")
    assert monolith.question == "One deployable on a managed platform"
    assert monolith.headline.startswith("Build one deployable (a modular monolith)")
    assert monolith.reasons == [
        "Stage is mvp (one of idea, prototype, mvp and launched).",
        "Team of 3 (at most 15).",
    ]
    assert monolith.trade_offs[0].startswith("Less control over infrastructure")


def test_risk_uptime_budget_and_product_type_bring_their_own_advice():
    risky = profile(
        stage="growth",
        product_type="mobile",
        monthly_tech_budget=3000,
        team={"size": 4},
        risk={"health_data": True, "payment_data": True, "uptime": "critical"},
    )
    results = analyse(facts(profile=risky), judge())
    assert [r.rule for r in results] == [
        "stack.readiness",
        "stack.known-stack",
        "stack.small-budget",
        "stack.mobile-small-team",
        "stack.personal-data",
        "stack.health-data",
        "stack.payment-data",
        "stack.high-uptime",
    ]
    assert only(results, "stack.health-data").answer == "raise"
    assert only(results, "stack.small-budget").reasons == [
        "Monthly budget 3,000 EUR (below 5,000)."
    ]


def test_a_large_team_at_growth_stage_splits_by_team_instead_of_one_deployable():
    grown = profile(stage="growth", team={"size": 30}, monthly_tech_budget=90000)
    rules = [r.rule for r in analyse(facts(profile=grown), judge())]
    assert "stack.split-by-team" in rules and "stack.managed-monolith" not in rules


def test_an_override_that_switches_advice_off_is_shown_on_the_readiness_answer():
    smaller = judge(override("stack.managed-monolith", "team_size_at_most", 2, "two-pizza rule"))
    results = analyse(facts(), smaller)
    assert "stack.managed-monolith" not in [r.rule for r in results]
    ready = results[0]
    assert ready.reasons[-1] == (
        "Not advised: One deployable on a managed platform (an overridden condition fails)."
    )
    assert [(o.rule, o.value, o.reason) for o in ready.overrides] == [
        ("stack.managed-monolith", 2, "two-pizza rule")
    ]
    assert all(not r.overrides for r in results[1:])
