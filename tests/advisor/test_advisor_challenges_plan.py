"""Custom builds of commodity parts, vendor estimates, and roadmap priority."""

from __future__ import annotations

from advisor_samples import facts, judge, override, profile

from cto.advisor.challenges_plan import roadmap_noise, vendor_estimate
from cto.advisor.challenges_scope import custom_vs_saas
from cto.advisor.facts import Capacity, Initiative, NotNow, Vendor


def item(key: str, title: str, effort: float = 4, **fields) -> Initiative:
    fields.setdefault("goal", "revenue")
    fields.setdefault("reach", 100)
    return Initiative(key, title, effort, **fields)


def agency(**fields) -> Vendor:
    fields.setdefault("contract", "fixed-price")
    return Vendor("pixel", "Pixel Agency", "build the booking app", **fields)


# --- Custom build where SaaS would do


def test_building_commodity_capabilities_is_raised():
    plan = (item("login", "Custom login and password reset", 6), item("booking", "Booking"))
    vendors = (Vendor("cms", "Inkwell", "custom CMS for the blog", "time-and-materials"),)
    result = custom_vs_saas(facts(initiatives=plan, vendors=vendors), judge())
    assert (result.answer, result.headline) == (
        "raise",
        "2 builds of a commodity capability SaaS would cover.",
    )
    assert result.reasons == [
        "initiative 'Custom login and password reset' builds authentication, which is sold as a "
        "service.",
        "vendor Inkwell (time-and-materials) builds content management, which is sold as a "
        "service.",
    ]


def test_buying_configuring_or_building_the_core_is_fine():
    core = profile(core_workflow="shoppers search a catalogue of local shops")
    plan = (
        item("pay", "Integrate Stripe payments", 6),
        item("mail", "Email templates", 1),
        item("find", "Search across shops", 8),
    )
    subscriptions = (Vendor("auth0", "Auth0", "login for users", "subscription"),)
    result = custom_vs_saas(facts(profile=core, initiatives=plan, vendors=subscriptions), judge())
    assert (result.answer, result.headline) == (
        "fine",
        "No custom build of a commodity capability.",
    )
    assert result.reasons == [
        "initiative 'Email templates': 1 person-week is configuration, not a build.",
        "initiative 'Search across shops': search is part of the core workflow; building fits.",
    ]


def test_custom_builds_cannot_be_judged_without_roadmap_or_vendors():
    result = custom_vs_saas(facts(), judge())
    assert (result.answer, result.missing) == (
        "cannot-tell",
        ["roadmap initiatives or vendors (cto roadmap, cto vendor)"],
    )


# --- Vendor estimates


def test_an_estimate_without_discovery_or_contingency_or_already_overrun_is_raised():
    vendor = agency(
        discovery_done=False,
        contingency_percent=5,
        estimate=80000,
        actual_to_date=90000,
        estimate_weeks=10,
        actual_weeks=12,
    )
    result = vendor_estimate(facts(vendors=(vendor,)), judge())
    assert (result.answer, result.headline) == (
        "raise",
        "Pixel Agency's estimate was made without discovery.",
    )
    assert result.reasons == [
        "Pixel Agency's estimate was made without discovery.",
        "Pixel Agency's estimate carries 5% contingency (at least 15% expected).",
        "Pixel Agency has spent 90,000 against an estimate of 80,000 plus contingency.",
        "Pixel Agency has taken 12 weeks against 10 estimated.",
    ]


def test_an_estimate_after_discovery_with_contingency_is_fine():
    vendor = agency(
        discovery_done=True, contingency_percent=20, estimate=80000, actual_to_date=90000
    )
    result = vendor_estimate(facts(vendors=(vendor,)), judge())
    assert (result.answer, result.reasons) == (
        "fine",
        ["Pixel Agency: discovery done, 20% contingency."],
    )
    services = vendor_estimate(facts(vendors=(agency(contract="subscription"),)), judge())
    assert services.answer == "fine"
    no_agency = vendor_estimate(facts(), judge())
    assert (no_agency.answer, no_agency.headline) == (
        "fine",
        "No vendor builds: the team does not use an agency.",
    )


def test_vendor_estimates_name_what_is_not_recorded():
    result = vendor_estimate(facts(vendors=(agency(),)), judge())
    assert (result.answer, result.missing) == (
        "cannot-tell",
        ["vendor pixel: discovery_done", "vendor pixel: contingency_percent"],
    )
    uses_agency = facts(profile=profile(team={"uses_agency": True}))
    assert vendor_estimate(uses_agency, judge()).missing == [
        "the agency's vendor entry (cto vendor add)"
    ]


def test_a_lower_contingency_floor_by_override_accepts_the_estimate():
    vendor = agency(discovery_done=True, contingency_percent=10)
    assert vendor_estimate(facts(vendors=(vendor,)), judge()).answer == "raise"
    lowered = judge(override("challenge.vendor-estimate", "min_contingency_percent", 10))
    result = vendor_estimate(facts(vendors=(vendor,)), lowered)
    assert result.answer == "fine" and result.overrides[0].value == 10


# --- Roadmap priority vs noise


def test_goal_less_work_priority_inversions_and_overload_are_raised():
    plan = (
        item(
            "dash",
            "Investor dashboard",
            10,
            goal=None,
            quarter="2027Q1",
            status="planned",
            requested_by="an investor",
        ),
        item(
            "gala",
            "Gala page",
            10,
            reach=10,
            quarter="2027Q1",
            status="planned",
            requested_by="the CEO",
        ),
        item("booking", "Booking", 4, status="proposed"),
    )
    result = roadmap_noise(facts(initiatives=plan, capacity=(Capacity("2027Q1", 15),)), judge())
    assert result.answer == "raise"
    assert result.reasons == [
        "'Investor dashboard' serves no business goal, requested by an investor.",
        "'Investor dashboard' (requested by an investor), RICE 10, is planned ahead of 'Booking', "
        "RICE 25.",
        "'Gala page' (requested by the CEO), RICE 1, is planned ahead of 'Booking', RICE 25.",
        "2027Q1 is loaded with 20 person-weeks against a capacity of 15.",
    ]


def test_a_roadmap_by_goal_and_score_within_capacity_is_fine():
    plan = (
        item("booking", "Booking", 4, quarter="2027Q1", status="planned"),
        item("later", "Reports", 4, reach=50, quarter="2027Q2", status="planned"),
    )
    capacity = (Capacity("2027Q1", 10), Capacity("2027Q2", 10))
    result = roadmap_noise(facts(initiatives=plan, capacity=capacity), judge())
    assert (result.answer, result.missing) == ("fine", [])


def test_the_roadmap_cannot_be_weighed_without_goals_and_names_missing_capacity():
    plan = (item("booking", "Booking", quarter="2027Q3"),)
    result = roadmap_noise(facts(profile=profile(goals=[]), initiatives=plan), judge())
    assert (result.answer, result.missing) == (
        "cannot-tell",
        [
            "business goals in the profile, to check each initiative serves one",
            "capacity for 2027Q3",
        ],
    )
    empty = roadmap_noise(facts(), judge())
    assert (empty.answer, empty.missing) == ("cannot-tell", ["roadmap initiatives (cto roadmap)"])


def test_work_the_not_now_list_defers_must_not_be_planned():
    plan = (
        item("sso", "Single sign-on", status="planned"),
        item("audit-log", "Audit log", status="proposed"),
    )
    later = (
        NotNow("sso", "Single sign-on", "no enterprise customer yet", initiative="sso"),
        NotNow("log", "Audit log", "no regulator asks yet", initiative="audit-log"),
    )
    result = roadmap_noise(facts(initiatives=plan, not_now=later), judge())
    assert (result.answer, result.reasons) == (
        "raise",
        ["'Single sign-on' is planned although the not-now list defers it."],
    )
