"""`cto outcome`: monthly outcomes and the "no measurable outcomes" check, as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from team_cli import as_json, ok, refused


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return tmp_path / ".cto"


def test_monthly_outcomes(ws):
    ok(
        ws,
        "outcome record 2025-01 --milestone 'Checkout v1' --metric velocity=23 "
        "--metric 'hiring=1 of 2' --document spec:Checkout:https://wiki.example/checkout",
    )
    assert ok(ws, "outcome record 2025-01 --done 'Checkout v1'").splitlines() == [
        "2025-01",
        "  [x] Checkout v1",
        "  velocity: 23",
        "  hiring: 1 of 2",
        "  spec: Checkout <https://wiki.example/checkout>",
    ]
    assert ok(ws, "outcome record 2025-03 --metric velocity=30").splitlines() == [
        "2025-03",
        "  velocity: 30",
        "  missing: milestones, documents",
    ]
    assert as_json(ws, "outcome show 2025-01") == {
        "month": "2025-01",
        "milestones": [{"title": "Checkout v1", "done": True}],
        "team_metrics": {"velocity": 23.0, "hiring": "1 of 2"},
        "documents": [
            {"kind": "spec", "title": "Checkout", "link": "https://wiki.example/checkout"}
        ],
        "recorded": True,
        "adrs": [],
        "missing": [],
    }
    assert [m["month"] for m in as_json(ws, "outcome show")] == ["2025-01", "2025-02", "2025-03"]
    assert ok(ws, "outcome check").splitlines() == [
        "2025-02  nothing recorded: milestones, team metrics, documents",
        "2025-03  missing: milestones, documents",
    ]
    assert as_json(ws, "outcome check --through 2025-04") == [
        {"month": "2025-02", "missing": ["milestones", "team metrics", "documents"]},
        {"month": "2025-03", "missing": ["milestones", "documents"]},
        {"month": "2025-04", "missing": ["milestones", "team metrics", "documents"]},
    ]


def test_a_month_with_everything_passes_the_check(ws):
    ok(ws, "outcome record 2025-05 --done Launch --metric velocity=20 --document runbook:Deploy")
    assert ok(ws, "outcome check") == (
        "Every month checked has milestones, team metrics and documents.\n"
    )


def test_bad_outcome_input_is_one_line_and_changes_nothing(ws):
    ok(ws, "outcome record 2025-01 --metric velocity=1")
    for command, message in [
        ("outcome record 2025-13 --metric v=1", "'2025-13' is not a month (use YYYY-MM)"),
        ("outcome record 2025-01 --document memo:Plan", "kind: 'memo' is not allowed"),
        ("outcome record 2025-01 --document spec", "'spec' is not a document"),
        ("outcome record 2025-01 --metric velocity", "'velocity' is not a metric"),
        ("outcome record 2025-01", "nothing to record"),
        ("outcome show 2025-1", "'2025-1' is not a month"),
        ("outcome check --through later", "'later' is not a month"),
    ]:
        refused(ws, command, message)
