"""The risk register: validation, numbering, updates, closing, exposure order, overdue reviews."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from pydantic import ValidationError
from strategies_register import STRATEGIES

from cto.record.items import RecordError
from cto.record.risks import Risk, RiskStatus, add_risk, by_exposure, close_risk, update_risk

TODAY = date(2026, 3, 15)


def risk(number: int, likelihood: int, impact: int, **extra: object) -> Risk:
    fields = {"number": number, "title": f"Risk {number}", "likelihood": likelihood}
    return Risk.model_validate({**fields, "impact": impact, "raised": date(2026, 1, 1), **extra})


@pytest.mark.parametrize(
    ("field", "value"),
    [("likelihood", 0), ("likelihood", 6), ("impact", 0), ("impact", 7), ("number", 0)],
)
def test_scores_outside_one_to_five_are_refused(field, value):
    valid = {"number": 1, "title": "t", "likelihood": 3, "impact": 3, "raised": TODAY}
    Risk.model_validate(valid)
    with pytest.raises(ValidationError, match=field):
        Risk.model_validate({**valid, field: value})


def test_exposure_is_likelihood_times_impact():
    assert [risk(1, 1, 1).exposure, risk(2, 4, 5).exposure, risk(3, 5, 5).exposure] == [1, 20, 25]


def test_a_closed_risk_says_when_and_why_and_an_open_one_does_not():
    with pytest.raises(ValidationError, match="closed_on and closed_reason"):
        risk(1, 2, 2, status="closed", closed_on=date(2026, 2, 1))
    with pytest.raises(ValidationError, match="no closed_on"):
        risk(1, 2, 2, closed_reason="gone")
    with pytest.raises(ValidationError, match="before the day the risk was raised"):
        risk(1, 2, 2, status="closed", closed_on=date(2025, 12, 31), closed_reason="gone")


@pytest.mark.parametrize(
    ("review", "status", "overdue"),
    [
        (date(2026, 3, 14), RiskStatus.OPEN, True),
        (date(2026, 3, 14), RiskStatus.MITIGATING, True),
        (date(2026, 3, 14), RiskStatus.ACCEPTED, True),
        (date(2026, 3, 15), RiskStatus.OPEN, False),  # due today is not late yet
        (date(2026, 3, 16), RiskStatus.OPEN, False),
        (None, RiskStatus.OPEN, False),
    ],
)
def test_overdue_means_review_date_before_today_and_not_closed(review, status, overdue):
    assert risk(1, 3, 3, review_date=review, status=status).overdue(TODAY) is overdue


def test_a_closed_risk_is_never_overdue():
    closed = risk(1, 3, 3, review_date=date(2026, 1, 2)).closed_as("done", TODAY)
    assert closed.overdue(TODAY) is False


def test_register_order_is_exposure_then_number_and_hides_closed_risks():
    entries = [
        risk(1, 2, 3),  # 6
        risk(2, 4, 5),  # 20
        risk(3, 3, 2),  # 6
        risk(4, 5, 5, status="closed", closed_on=TODAY, closed_reason="fixed"),  # 25
        risk(5, 1, 1),  # 1
        risk(6, 5, 4),  # 20
    ]
    assert [r.number for r in by_exposure(entries)] == [2, 6, 1, 3, 5]
    assert [r.number for r in by_exposure(entries, include_closed=True)] == [4, 2, 6, 1, 3, 5]


def test_risks_are_numbered_in_turn_and_raised_today(workspace):
    with workspace.record() as store:
        first = add_risk(
            store, {"title": "Only Ada knows billing", "likelihood": 4, "impact": 5}, TODAY
        )
        second = add_risk(store, {"title": "Vendor lock-in", "likelihood": 2, "impact": 3}, TODAY)
    with workspace.record(write=False) as store:
        stored = store.all(Risk)
    assert [(r.number, r.title, r.exposure, r.raised) for r in stored] == [
        (1, "Only Ada knows billing", 20, TODAY),
        (2, "Vendor lock-in", 6, TODAY),
    ]
    assert (first.status, second.status) == (RiskStatus.OPEN, RiskStatus.OPEN)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "x", "likelihood": 7, "impact": 1}, "likelihood"),
        ({"title": "x", "likelihood": 1, "impact": 1, "status": "closed"}, "cto risk close"),
        ({"title": "x", "likelihood": 1, "impact": 1, "number": 9}, "no editable field number"),
        ({"title": "x", "likelihood": 1, "impact": 1, "status": "gone"}, "'gone' is not allowed"),
    ],
)
def test_bad_risks_are_refused_in_one_line_and_nothing_is_written(workspace, fields, message):
    with pytest.raises(RecordError, match=message) as caught, workspace.record() as store:
        add_risk(store, fields, TODAY)
    assert "\n" not in str(caught.value)
    with workspace.record(write=False) as store:
        assert store.count(Risk) == 0


def test_update_changes_only_the_given_fields(workspace):
    with workspace.record() as store:
        add_risk(store, {"title": "Key person", "likelihood": 3, "impact": 4}, TODAY)
        updated = update_risk(store, 1, {"owner": "Ada", "likelihood": 2, "review_date": TODAY})
    assert (updated.title, updated.owner, updated.likelihood, updated.impact) == (
        "Key person",
        "Ada",
        2,
        4,
    )
    assert updated.review_date == TODAY
    with workspace.record(write=False) as store:
        assert store.require(Risk, "1") == updated


def test_update_of_a_missing_risk_or_to_closed_is_refused(workspace):
    with workspace.record() as store:
        add_risk(store, {"title": "Key person", "likelihood": 3, "impact": 4}, TODAY)
    with pytest.raises(RecordError, match="no risk '2' in the record"), workspace.record() as store:
        update_risk(store, 2, {"owner": "Ada"})
    with pytest.raises(RecordError, match="cto risk close"), workspace.record() as store:
        update_risk(store, 1, {"status": "closed"})


def test_close_records_day_and_reason_and_a_status_change_reopens(workspace):
    with workspace.record() as store:
        add_risk(store, {"title": "Key person", "likelihood": 3, "impact": 4}, TODAY)
        closed = close_risk(store, 1, "second maintainer hired", date(2026, 4, 1))
    assert (closed.status, closed.closed_on, closed.closed_reason) == (
        RiskStatus.CLOSED,
        date(2026, 4, 1),
        "second maintainer hired",
    )
    with pytest.raises(RecordError, match="already closed"), workspace.record() as store:
        close_risk(store, 1, "again", TODAY)
    with workspace.record() as store:
        reopened = update_risk(store, 1, {"status": "mitigating"})
    assert (reopened.status, reopened.closed_on, reopened.closed_reason) == (
        RiskStatus.MITIGATING,
        None,
        None,
    )


def test_closing_needs_a_reason(workspace):
    with workspace.record() as store:
        add_risk(store, {"title": "Key person", "likelihood": 3, "impact": 4}, TODAY)
    with pytest.raises(RecordError, match="needs a reason"), workspace.record() as store:
        close_risk(store, 1, "   ", TODAY)


@pytest.mark.parametrize("kind", sorted(STRATEGIES))
def test_every_drawn_register_entry_survives_its_stored_json_form(kind):
    @given(STRATEGIES[kind])
    def round_trip(entry):
        assert kind == entry.KIND
        stored = json.loads(json.dumps(entry.model_dump(mode="json")))
        assert type(entry).model_validate(stored) == entry

    round_trip()
