"""Vendors: estimate against actuals, estimate warnings, add and update in the record."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from strategies_team import STRATEGIES

from cto.record.items import RecordError, build
from cto.record.vendors import Vendor, add_vendor, update_vendor, vendor_view, vendor_views


def vendor(**fields: Any) -> Vendor:
    data = {"id": "acme", "name": "Acme Dev", "scope": "Build the MVP", **fields}
    return build(Vendor, data)


def codes(item: Vendor) -> list[str]:
    return [warning.code for warning in vendor_view(item).warnings]


def test_view_compares_actuals_with_the_estimate():
    view = vendor_view(
        vendor(estimate=40_000, actual_to_date=50_000, estimate_weeks=12, actual_weeks=9)
    )
    assert (view.spent_share, view.weeks_share) == (1.25, 0.75)
    assert (view.cost_overrun, view.time_overrun, view.overrun) == (True, False, True)


def test_view_within_the_estimate_is_no_overrun():
    view = vendor_view(
        vendor(estimate=40_000, actual_to_date=10_000, estimate_weeks=8, actual_weeks=10)
    )
    assert (view.spent_share, view.weeks_share) == (0.25, 1.25)
    assert (view.cost_overrun, view.time_overrun, view.overrun) == (False, True, True)
    exact = vendor_view(vendor(estimate=100, actual_to_date=100))
    assert (exact.spent_share, exact.overrun) == (1.0, False)


def test_view_with_unknown_or_zero_parts_has_no_share():
    assert vendor_view(vendor(estimate=40_000)).spent_share is None
    unknown = vendor_view(vendor(actual_to_date=5_000, actual_weeks=3))
    assert (unknown.spent_share, unknown.weeks_share, unknown.overrun) == (None, None, False)
    zero = vendor_view(vendor(estimate=0, actual_to_date=10))
    assert (zero.spent_share, zero.cost_overrun) == (None, True)


def test_estimate_without_discovery_is_warned_unless_discovery_was_done():
    base = {"estimate": 40_000, "contract": "retainer"}
    assert codes(vendor(**base)) == ["estimate-without-discovery"]
    assert "discovery is not recorded" in vendor_view(vendor(**base)).warnings[0].message
    assert codes(vendor(**base, discovery_done=False)) == ["estimate-without-discovery"]
    assert (
        "discovery was not done"
        in vendor_view(vendor(**base, discovery_done=False)).warnings[0].message
    )
    assert codes(vendor(**base, discovery_done=True)) == []
    assert codes(vendor(contract="retainer", estimate_weeks=6)) == ["estimate-without-discovery"]
    assert codes(vendor(contract="fixed-price")) == []  # no estimate, nothing to challenge


@pytest.mark.parametrize(
    ("contract", "contingency", "expected"),
    [
        ("fixed-price", None, ["no-contingency"]),
        ("fixed-price", 0, ["no-contingency"]),
        ("time-and-materials", None, ["no-contingency"]),
        ("fixed-price", 15, []),
        ("retainer", None, []),
        ("subscription", 0, []),
        ("other", None, []),
    ],
)
def test_no_contingency_is_warned_on_estimated_contracts(contract, contingency, expected):
    item = vendor(
        contract=contract, estimate=30_000, discovery_done=True, contingency_percent=contingency
    )
    assert codes(item) == expected


def test_both_warnings_in_order_with_their_messages():
    view = vendor_view(vendor(contract="fixed-price", estimate_weeks=10))
    assert [(w.code, w.message) for w in view.warnings] == [
        (
            "estimate-without-discovery",
            "estimate without discovery: discovery is not recorded, so the estimate may hide "
            "unknown workflow, data and integration work",
        ),
        (
            "no-contingency",
            "no contingency on a fixed-price estimate: any surprise becomes an overrun or a cut "
            "in scope",
        ),
    ]


def test_to_json_adds_the_derived_fields():
    item = vendor(
        contract="fixed-price",
        estimate=1000,
        actual_to_date=1500,
        discovery_done=True,
        contingency_percent=10,
        started=date(2025, 1, 6),
    )
    assert vendor_view(item).to_json() == {
        "id": "acme",
        "name": "Acme Dev",
        "scope": "Build the MVP",
        "contract": "fixed-price",
        "estimate": 1000.0,
        "estimate_weeks": None,
        "actual_to_date": 1500.0,
        "actual_weeks": None,
        "discovery_done": True,
        "contingency_percent": 10.0,
        "started": "2025-01-06",
        "notes": "",
        "spent_share": 1.5,
        "weeks_share": None,
        "cost_overrun": True,
        "time_overrun": False,
        "overrun": True,
        "warnings": [],
    }


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"id": "Acme Dev"}, "'Acme Dev' is not an id"),
        ({"estimate": -1}, "estimate: input should be greater than or equal to 0"),
        ({"contingency_percent": 120}, "contingency_percent: input should be less than or equal"),
        ({"contract": "handshake"}, "contract: 'handshake' is not allowed"),
        ({"scope": "  "}, "scope: string should have at least 1 character"),
        ({"estimate": float("inf")}, "estimate: input should be a finite number"),
    ],
)
def test_invalid_vendors_are_refused_in_one_line(fields, message):
    with pytest.raises(RecordError, match="invalid vendor") as caught:
        vendor(**fields)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_add_then_update_keeps_other_fields(workspace):
    with workspace.record() as store:
        add_vendor(store, vendor(contract="fixed-price", estimate=40_000, notes="via referral"))
    with workspace.record() as store:
        view = update_vendor(store, "acme", {"actual_to_date": "12000", "discovery_done": True})
    assert view.spent_share == 0.3
    with workspace.record(write=False) as store:
        stored = store.require(Vendor, "acme")
        assert (stored.estimate, stored.actual_to_date, stored.notes) == (
            40_000,
            12_000,
            "via referral",
        )
        assert stored.discovery_done is True
        assert [view.vendor.id for view in vendor_views(store)] == ["acme"]


def test_refused_changes_leave_the_record_as_it_was(workspace):
    with workspace.record() as store:
        add_vendor(store, vendor(estimate=100))
        before = store.rows()
    refusals = [
        (lambda s: update_vendor(s, "acme", {"contingency_percent": 101}), "contingency_percent"),
        (lambda s: update_vendor(s, "ghost", {"estimate": 5}), "no vendor 'ghost' in the record"),
        (lambda s: update_vendor(s, "acme", {"id": "other"}), "a vendor's id cannot change"),
        (lambda s: add_vendor(s, vendor(name="Again")), "vendor 'acme' already exists"),
    ]
    for change, message in refusals:
        with pytest.raises(RecordError, match=message), workspace.record() as store:
            change(store)
    with workspace.record(write=False) as store:
        assert store.rows() == before


@settings(max_examples=60, deadline=None)
@given(STRATEGIES["vendor"])
def test_generated_vendors_survive_a_json_round_trip(item):
    again = build(Vendor, json.loads(json.dumps(item.model_dump(mode="json"))))
    assert again == item
