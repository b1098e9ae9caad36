"""Monthly outcomes: recording a month piece by piece, and the "no measurable outcomes" check."""

from __future__ import annotations

import datetime as dt
import json
from typing import ClassVar

import pytest
from hypothesis import given, settings
from strategies_team import STRATEGIES

from cto.record.items import REGISTRY, RecordError, RecordModel, build
from cto.record.kinds import load_kinds
from cto.record.outcome_views import (
    check_outcomes,
    month_view,
    month_views,
    parse_document,
    parse_metric,
    record_month,
)
from cto.record.outcomes import MonthlyOutcome


class AdrStandIn(RecordModel):
    """The three fields of the ``adr`` kind the outcome views read (its owner writes the rest)."""

    KIND: ClassVar[str] = "adr"
    LABEL: ClassVar[str] = "ADR"

    number: int
    title: str
    date: dt.date

    def record_key(self) -> str:
        return str(self.number)


def test_parse_metric_reads_numbers_and_keeps_text():
    assert parse_metric("velocity=23") == ("velocity", 23.0)
    assert parse_metric(" coverage = 71.5 ") == ("coverage", 71.5)
    assert parse_metric("hiring=2 of 3") == ("hiring", "2 of 3")
    assert parse_metric("odd=nan") == ("odd", "nan")
    assert parse_metric("a=b=c") == ("a", "b=c")
    for bad in ["velocity", "=3", "velocity="]:
        with pytest.raises(RecordError, match="is not a metric"):
            parse_metric(bad)


def test_parse_document_keeps_colons_in_the_link():
    doc = parse_document("spec:Checkout flow:https://wiki.example/x:y")
    assert (doc.kind.value, doc.title, doc.link) == (
        "spec",
        "Checkout flow",
        "https://wiki.example/x:y",
    )
    assert parse_document("runbook: Restore the database ").link is None
    with pytest.raises(RecordError, match="is not a document"):
        parse_document("spec")
    with pytest.raises(RecordError, match="invalid document: kind: 'memo' is not allowed"):
        parse_document("memo:Plan")


def test_recording_merges_into_the_month(workspace):
    with workspace.record() as store:
        record_month(
            store,
            "2025-01",
            milestones=["Checkout v1", "Hire QA"],
            metrics={"velocity": 23.0, "hiring": "1 of 2"},
            documents=[parse_document("spec:Checkout:https://wiki/1")],
        )
    with workspace.record() as store:
        merged = record_month(
            store,
            "2025-01",
            milestones=["Checkout v1"],
            done=["Checkout v1", "Status page"],
            metrics={"velocity": 25.0},
            documents=[parse_document("spec:Checkout:https://wiki/2"), parse_document("adr:Queue")],
        )
    assert merged.model_dump(mode="json") == {
        "month": "2025-01",
        "milestones": [
            {"title": "Checkout v1", "done": True},
            {"title": "Hire QA", "done": False},
            {"title": "Status page", "done": True},
        ],
        "team_metrics": {"velocity": 25.0, "hiring": "1 of 2"},
        "documents": [
            {"kind": "spec", "title": "Checkout", "link": "https://wiki/2"},
            {"kind": "adr", "title": "Queue", "link": None},
        ],
    }
    with workspace.record(write=False) as store:
        assert store.require(MonthlyOutcome, "2025-01") == merged


def test_a_reached_milestone_stays_reached(workspace):
    with workspace.record() as store:
        record_month(store, "2025-01", done=["Launch"])
        again = record_month(store, "2025-01", milestones=["Launch"])
    assert [(m.title, m.done) for m in again.milestones] == [("Launch", True)]


@pytest.mark.parametrize(
    ("month", "changes", "message"),
    [
        ("2025-1", {"milestones": ["x"]}, "'2025-1' is not a month"),
        ("2025-01", {}, "nothing to record"),
        ("2025-01", {"milestones": ["  "]}, "invalid monthly outcome: milestones.0.title"),
        ("2025-01", {"metrics": {"v": float("inf")}}, "invalid monthly outcome: team_metrics.v"),
    ],
)
def test_refused_records_change_nothing(workspace, month, changes, message):
    with workspace.record() as store:
        record_month(store, "2025-01", metrics={"velocity": 1.0})
        before = store.rows()
    with pytest.raises(RecordError, match=message), workspace.record() as store:
        record_month(store, month, **changes)
    with workspace.record(write=False) as store:
        assert store.rows() == before


def test_the_check_flags_months_without_measurable_outcomes(workspace):
    with workspace.record() as store:
        full = {"milestones": ["m"], "metrics": {"velocity": 20.0}}
        record_month(store, "2024-11", **full, documents=[parse_document("spec:A")])
        record_month(store, "2025-01", **full)
        record_month(store, "2025-02", documents=[parse_document("runbook:Deploy")])
        views = month_views(store)
        flagged = check_outcomes(store)
        later = check_outcomes(store, through="2025-04")
    assert [(v.month, v.missing) for v in views] == [
        ("2024-11", []),
        ("2024-12", ["milestones", "team metrics", "documents"]),
        ("2025-01", ["documents"]),
        ("2025-02", ["milestones", "team metrics"]),
    ]
    assert [v.month for v in flagged] == ["2024-12", "2025-01", "2025-02"]
    assert [v.month for v in later] == ["2024-12", "2025-01", "2025-02", "2025-03", "2025-04"]
    assert flagged[0].to_json() == {
        "month": "2024-12",
        "recorded": False,
        "adrs": [],
        "missing": ["milestones", "team metrics", "documents"],
    }


def test_an_empty_record_has_no_months_until_one_is_named(workspace):
    with workspace.record(write=False) as store:
        assert month_views(store) == []
        assert [(v.month, v.outcome) for v in check_outcomes(store, "2025-03")] == [
            ("2025-03", None)
        ]
        with pytest.raises(RecordError, match="'March' is not a month"):
            check_outcomes(store, "March")


def test_adrs_dated_in_a_month_count_as_its_documents(workspace):
    with workspace.record() as store:
        for number, title, day in [
            (2, "Use PostgreSQL", dt.date(2025, 1, 20)),
            (1, "Monolith first", dt.date(2025, 1, 3)),
            (3, "Queue for email", dt.date(2025, 2, 1)),
        ]:
            store.add(AdrStandIn(number=number, title=title, date=day))
        record_month(store, "2025-01", milestones=["m"], metrics={"velocity": 1.0})
        view = month_view(store, "2025-01", adr_kind=AdrStandIn)
        without = month_view(store, "2025-01", adr_kind=None)
    assert [(adr.number, adr.title) for adr in view.adrs] == [
        (1, "Monolith first"),
        (2, "Use PostgreSQL"),
    ]
    assert view.missing == []
    assert view.to_json()["adrs"] == [
        {"number": 1, "title": "Monolith first"},
        {"number": 2, "title": "Use PostgreSQL"},
    ]
    if REGISTRY.get("adr") is None:  # with no ADR kind registered, ADRs cannot be counted
        assert without.missing == ["documents"]


def test_the_registered_adr_kind_is_used_by_default(workspace, monkeypatch):
    load_kinds()  # the real kind modules first, so the stand-in replaces, never precedes, them
    monkeypatch.setitem(REGISTRY, "adr", AdrStandIn)
    with workspace.record() as store:
        store.add(AdrStandIn(number=1, title="Monolith first", date=dt.date(2025, 3, 9)))
        record_month(store, "2025-03", milestones=["m"], metrics={"velocity": 1.0})
        view = month_view(store, "2025-03")
    assert ([adr.title for adr in view.adrs], view.missing) == (["Monolith first"], [])


@settings(max_examples=60, deadline=None)
@given(STRATEGIES["outcome"])
def test_generated_outcomes_survive_a_json_round_trip(item):
    assert build(MonthlyOutcome, json.loads(json.dumps(item.model_dump(mode="json")))) == item
