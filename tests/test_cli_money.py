"""`cto poc` and `cto spend`: proofs of concept and technology spend, as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from cto.record.profile import CompanyProfile
from cto.record.workspace import Workspace
from team_cli import as_json, ok, refused


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return tmp_path / ".cto"


def test_proofs_of_concept(ws):
    ok(
        ws,
        "poc add ai-search 'Semantic search' --hypothesis 'It lifts conversion' "
        "--metric 'search conversion' --target +5% --time-box 4 --cost-cap 5000 "
        "--started 2025-01-06",
    )
    ok(
        ws,
        "poc add crm 'No-code CRM' --hypothesis 'Saves sales time' --metric 'hours per week' "
        "--target -5 --time-box 2",
    )
    listed = as_json(ws, "poc list --as-of 2025-02-04")
    assert [(p["id"], p["deadline"], p["overdue"], p["cost_cap"]) for p in listed] == [
        ("ai-search", "2025-02-03", True, 5000.0),
        ("crm", None, False, None),
    ]
    assert as_json(ws, "poc list --as-of 2025-02-03")[0]["overdue"] is False
    assert ok(ws, "poc list --as-of 2025-02-04").splitlines()[:4] == [
        "ai-search  Semantic search  [pending]  OVERDUE",
        "  hypothesis: It lifts conversion",
        "  metric: search conversion; target: +5%",
        "  time box: 4 weeks, 2025-01-06 to 2025-02-03; cost cap: 5,000.00",
    ]
    for command, message in [
        ("poc decide ai-search maybe --result x", "'maybe' is not a decision (one of: go, no-go)"),
        ("poc decide ai-search go --result x --on 2025-13-01", "'2025-13-01' is not a date"),
        ("poc decide ai-search go --result x --on 2025-01-01", "before the proof of concept"),
        ("poc decide ghost go --result x", "no proof of concept 'ghost' in the record"),
        (
            "poc add x X --hypothesis h --metric m --target t --time-box 0",
            "time_box_weeks: input should be greater than or equal to 1",
        ),
        (
            "poc add x X --hypothesis h --metric m --target t --time-box 2 --cost-cap -1",
            "cost_cap: input should be greater than or equal to 0",
        ),
    ]:
        refused(ws, command, message)
    out = ok(ws, "poc decide ai-search go --result '+6.2% on 4,000 searches' --on 2025-02-01")
    assert out == "ai-search  Semantic search  [go on 2025-02-01]\n"
    decided = as_json(ws, "poc list --as-of 2025-06-01")[0]
    assert (decided["decision"], decided["decided_on"], decided["result"], decided["overdue"]) == (
        "go",
        "2025-02-01",
        "+6.2% on 4,000 searches",
        False,
    )
    assert "  decided go on 2025-02-01: +6.2% on 4,000 searches" in ok(ws, "poc list")
    refused(ws, "poc decide ai-search no-go --result x", "was already decided: go on 2025-02-01")


def test_spend_add_import_and_report(ws, tmp_path):
    with Workspace.open(ws) as opened, opened.record() as store:
        store.save(CompanyProfile(name="Acme", monthly_tech_budget=9000, currency="EUR"))
    ok(ws, "vendor add acme 'Acme Dev' --scope MVP")
    ok(ws, "spend add aws --month 2025-01 --category cloud --amount 2500")
    out = ok(
        ws,
        "spend add agency --month 2025-01 --category contractors --amount 7500 --vendor acme "
        "--note 'until the first hire'",
    )
    assert out == "2025-01  agency  contractors  7,500.00\n"
    csv_file = tmp_path / "spend.csv"
    csv_file.write_text(
        "month,id,category,vendor,amount,build_vs_buy\n"
        "2025-02,aws,cloud,,3000,\n"
        "2025-02,agency,contractors,acme,5000,\n"
    )
    assert ok(ws, f"spend import {csv_file}") == "Imported 2 spend lines from spend.csv.\n"
    report = as_json(ws, "spend report")
    assert report["currency"] == "EUR"
    assert [
        (m["month"], m["total"], m["budget"], m["over_budget"], m["vendor_share"])
        for m in report["months"]
    ] == [
        ("2025-01", 10000.0, 9000, True, {"acme": 0.75}),
        ("2025-02", 8000.0, 9000, False, {"acme": 0.625}),
    ]
    assert report["overall"] == {
        "total": 18000.0,
        "by_category": {"cloud": 5500.0, "contractors": 12500.0},
        "by_vendor": {"acme": 12500.0},
        "vendor_share": {"acme": 0.6944},
        "unattributed": 5500.0,
    }
    assert ok(ws, "spend report --month 2025-01").splitlines() == [
        "2025-01  total 10,000.00 of budget 9,000.00  OVER BUDGET",
        "  by category: cloud 2,500.00, contractors 7,500.00",
        "  by vendor: acme 7,500.00 (75.0%), no vendor 2,500.00",
        "    aws  cloud  2,500.00",
        "    agency  contractors  7,500.00  acme  until the first hire",
        "Amounts in EUR.",
    ]
    assert "All months  total 18,000.00" in ok(ws, "spend report")


def test_bad_spend_input_is_one_line_and_changes_nothing(ws, tmp_path):
    ok(ws, "spend add aws --month 2025-01 --category cloud --amount 1")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "month,id,category,vendor,amount,build_vs_buy\n2025-02,ok,cloud,,10,\n2025-02,neg,cloud,,-10,\n"
    )
    add = "spend add x --month 2025-01"
    for command, message in [
        (f"{add} --category cloud --amount -3", "amount: input should be greater than or equal"),
        (f"{add} --category cloud --amount 3k", "amount: input should be a valid number"),
        ("spend add x --month 01-2025 --category cloud --amount 3", "'01-2025' is not a month"),
        (f"{add} --category snacks --amount 3", "category: 'snacks' is not allowed"),
        (f"{add} --category cloud --amount 3 --vendor ghost", "no vendor 'ghost' in the record"),
        ("spend add aws --month 2025-01 --category cloud --amount 3", "'2025-01/aws' already"),
        (f"spend import {bad}", "bad.csv row 3: invalid spend line: amount"),
        (f"spend import {tmp_path / 'none.csv'}", "none.csv: cannot read"),
        ("spend report --month 2025-1", "'2025-1' is not a month"),
    ]:
        refused(ws, command, message)
