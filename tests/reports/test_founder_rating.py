"""The founder report's rating rule: red for money or scope and overdue high risks, else amber
when anything is raised or missing, else green; the same rule in every record section."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from cto.advisor import default_rules
from cto.advisor.conclusion import Advice, Answer, Conclusion
from cto.errors import InputError
from cto.findings import Rating
from cto.record.adr import Adr
from cto.record.engagement import default_engagement
from cto.record.items import build
from cto.record.risks import Risk
from cto.record.roadmap import Capacity, Initiative, NotNow
from cto.reports.founder_advice import challenges_area
from cto.reports.founder_engagement import engagement_view_area, remote_fit_total
from cto.reports.founder_rating import Signals, parse_rating_rules, rate, rating_rules
from cto.reports.founder_record import decisions_area, risks_area
from cto.reports.founder_roadmap import roadmap_area

TODAY = date(2026, 3, 15)
MVP = ("challenge.mvp-size", "MVP too large for the team and runway")
STACK = ("challenge.stack-fit", "Stack unfit for the team and stage")


@pytest.mark.parametrize(
    ("signals", "rating", "reason"),
    [
        (Signals(), Rating.GREEN, "Green: nothing raised and nothing missing."),
        (Signals(raised=(MVP,)), Rating.RED, "Red: money or scope is at stake (1 challenge "
         "raised)."),
        (Signals(raised=(STACK,)), Rating.AMBER, "Amber: the advisor raises Stack unfit for the "
         "team and stage."),
        (Signals(raised=(STACK, MVP)), Rating.RED, "Red: money or scope is at stake (1 challenge "
         "raised)."),
        (Signals(overdue=(12,)), Rating.RED, "Red: a risk of exposure 12 or more is past the "
         "review date."),
        (Signals(overdue=(25, 16, 3)), Rating.RED, "Red: 2 risks of exposure 12 or more are past "
         "the review date."),
        (Signals(overdue=(11,)), Rating.AMBER, "Amber: 1 risk review overdue."),
        (Signals(attention=("1 decision pending",)), Rating.AMBER, "Amber: 1 decision pending."),
        (Signals(missing=("no ADRs recorded yet",)), Rating.AMBER,
         "Amber: no ADRs recorded yet."),
        (Signals(overdue=(4, 6), attention=("2027Q1 is over by 4 person-weeks",),
                 missing=("no not-now list",)), Rating.AMBER,
         "Amber: 2 risk reviews overdue, 2027Q1 is over by 4 person-weeks and no not-now list."),
    ],
)  # fmt: skip
def test_the_rule(signals: Signals, rating: Rating, reason: str) -> None:
    verdict = rate(signals)
    assert (verdict.rating, verdict.reason) == (rating, reason)


def test_the_rule_is_data_with_rationale_and_source() -> None:
    rules = rating_rules()
    assert rules.high_exposure_at_least == 12
    assert rules.rationale and rules.source
    assert rules.money_or_scope <= {rule.id for rule in default_rules().rules}
    assert "challenge.stack-fit" not in rules.money_or_scope


def test_a_changed_threshold_changes_the_rating() -> None:
    text = '[rating]\nrationale = "r"\nsource = "s"\nhigh_exposure_at_least = 20\n'
    rules = parse_rating_rules(text + 'money_or_scope_challenges = ["challenge.stack-fit"]\n')
    assert rate(Signals(overdue=(16,)), rules).rating is Rating.AMBER
    assert rate(Signals(raised=(STACK,)), rules).rating is Rating.RED


@pytest.mark.parametrize(
    "text",
    [
        "[rating]\nhigh_exposure_at_least = 15\n",
        '[rating]\nrationale = "r"\nsource = "s"\nhigh_exposure_at_least = 30\n'
        "money_or_scope_challenges = []\n",
        '[rating]\nrationale = "r"\nsource = "s"\nhigh_exposure_at_least = 15\n'
        "money_or_scope_challenges = [1]\n",
        "[[broken",
    ],
)
def test_a_broken_rules_file_is_one_clear_error(text: str) -> None:
    with pytest.raises(InputError, match=r"founder_rules\.toml"):
        parse_rating_rules(text)


def risk(number: int, likelihood: int, impact: int, **fields: Any) -> Risk:
    data = {"number": number, "title": f"risk {number}", "likelihood": likelihood,
            "impact": impact, "raised": "2026-01-01", **fields}  # fmt: skip
    return build(Risk, data)


CLOSED = risk(
    1,
    5,
    5,
    review_date="2026-01-01",
    status="closed",
    closed_on="2026-02-01",
    closed_reason="fixed",
)


@pytest.mark.parametrize(
    ("risks", "rating"),
    [
        ([], Rating.AMBER),  # nothing recorded is missing, never green
        ([risk(1, 4, 4, review_date="2026-03-14")], Rating.RED),  # 16, overdue
        ([risk(1, 3, 5, review_date="2026-03-01", status="accepted")], Rating.RED),
        ([risk(1, 3, 4, review_date="2026-03-14")], Rating.RED),  # 12, overdue
        ([risk(1, 2, 5, review_date="2026-03-14")], Rating.AMBER),  # 10, overdue
        ([risk(1, 4, 4, review_date="2026-03-15")], Rating.AMBER),  # 16, due today, live
        ([risk(1, 5, 5, status="accepted")], Rating.GREEN),  # knowingly accepted
        ([risk(1, 2, 2), risk(2, 1, 3, review_date="2026-12-01")], Rating.GREEN),
        ([CLOSED], Rating.GREEN),  # overdue once, but closed
    ],
)
def test_risks_section(risks: list[Risk], rating: Rating) -> None:
    assert risks_area(risks, TODAY).rating is rating


def adr(number: int, status: str) -> Adr:
    return build(Adr, {"number": number, "title": f"ADR {number}", "status": status,
                       "date": "2026-01-01"})  # fmt: skip


def test_decisions_section() -> None:
    assert decisions_area([adr(1, "accepted"), adr(2, "rejected")]).rating is Rating.GREEN
    pending = decisions_area([adr(1, "accepted"), adr(2, "proposed")])
    assert pending.rating is Rating.AMBER
    assert "Awaiting a decision: ADR 2 “ADR 2”." in pending.summary
    empty = decisions_area([])
    assert (empty.rating, empty.tables, empty.metrics) == (Rating.AMBER, (), ())


def answer(rule: str, value: Answer, topic: str = "challenges", **extra: Any) -> Conclusion:
    return Conclusion(rule, topic, "?", value, f"{rule} is {value}.", **extra)


def initiative(key: str, effort: float, quarter: str = "2027Q1") -> Initiative:
    return build(Initiative, {"id": key, "title": key, "reach": 10, "impact": 1,
                              "confidence": 1, "effort": effort, "quarter": quarter,
                              "status": "planned"})  # fmt: skip


PLAN = [initiative("a", 4), initiative("b", 4)]
CAPACITY = [build(Capacity, {"quarter": "2027Q1", "person_weeks": 10})]
NOT_NOW = [build(NotNow, {"id": "app", "title": "App", "reason": "web first"})]


@pytest.mark.parametrize(
    ("plan", "advice", "rating"),
    [
        (PLAN, [], Rating.GREEN),
        (PLAN, [answer("challenge.stack-fit", "raise")], Rating.GREEN),  # not about the plan
        (PLAN, [answer("challenge.mvp-size", "raise")], Rating.RED),
        (PLAN, [answer("challenge.roadmap-noise", "cannot-tell")], Rating.GREEN),
        ([*PLAN, initiative("c", 4)], [], Rating.AMBER),  # 12 planned, 10 available
        ([*PLAN, initiative("d", 1, "2027Q2")], [], Rating.AMBER),  # no capacity for 2027Q2
    ],
)
def test_roadmap_section(plan: list[Initiative], advice: list[Conclusion], rating: Rating) -> None:
    assert roadmap_area(plan, CAPACITY, NOT_NOW, Advice(advice)).rating is rating


def test_roadmap_without_a_not_now_list_is_amber() -> None:
    area = roadmap_area(PLAN, CAPACITY, [], Advice([]))
    assert area.rating is Rating.AMBER
    assert area.summary.endswith("Amber: no not-now list.")


@pytest.mark.parametrize(
    ("answers", "rating"),
    [
        ([answer("challenge.stack-fit", "fine"), answer("challenge.data-model", "fine")],
         Rating.GREEN),
        ([answer("challenge.stack-fit", "raise")], Rating.AMBER),
        ([answer("challenge.data-model", "cannot-tell", missing=["core_workflow"])],
         Rating.AMBER),
        ([answer("challenge.stack-fit", "fine", missing=["team.size"])], Rating.AMBER),
        ([answer("challenge.stack-fit", "raise"), answer("challenge.vendor-estimate", "raise")],
         Rating.RED),
    ],
)  # fmt: skip
def test_challenges_section(answers: list[Conclusion], rating: Rating) -> None:
    assert challenges_area(Advice(answers)).rating is rating


def view(*answers: Conclusion) -> Advice:
    return Advice(list(answers))


FINE_VIEW = (
    answer("model.fractional-cto", "fine", "model"),
    answer("model.first-full-time-cto", "fine", "model"),
    answer("remote-fit.checklist", "fine", "remote-fit", reasons=["Total 33 of 40."]),
    answer("candidate.hiring-readiness", "fine", "candidate"),
)


def everything_agreed():
    engagement = default_engagement("interim-leadership")
    rights = {area: {"decides": "fractional CTO"} for area in
              ("architecture", "vendors", "hiring", "security", "roadmap", "budget")}  # fmt: skip
    return build(type(engagement), {**engagement.model_dump(), "decision_rights": rights})


def test_engagement_view_section() -> None:
    agreed = everything_agreed()
    assert engagement_view_area(view(*FINE_VIEW), agreed).rating is Rating.GREEN
    assert engagement_view_area(view(*FINE_VIEW), None).rating is Rating.AMBER
    weak = answer("remote-fit.checklist", "raise", "remote-fit", reasons=["Total 24 of 40."])
    raised = engagement_view_area(view(*FINE_VIEW[:2], weak, FINE_VIEW[3]), agreed)
    assert raised.rating is Rating.AMBER
    assert raised.summary.endswith("Amber: the advisor raises a weak remote fit.")
    problems = Advice(list(FINE_VIEW), override_problems=["override of x.y: no such rule"])
    assert engagement_view_area(problems, agreed).rating is Rating.AMBER


def test_remote_fit_total_is_unknown_until_every_factor_is() -> None:
    assert remote_fit_total(view(*FINE_VIEW)) == 33
    unknown = answer("remote-fit.checklist", "cannot-tell", "remote-fit", reasons=["6 of 8."])
    assert remote_fit_total(view(unknown)) is None
