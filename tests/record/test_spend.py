"""Technology spend: lines, totals per month and category, vendor share, budget, CSV import."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from strategies_team import STRATEGIES

from cto.record.items import RecordError, build
from cto.record.profile import CompanyProfile
from cto.record.spend import SpendLine, add_spend, spend_report, totals
from cto.record.spend_csv import MAX_CSV_BYTES, import_spend, parse_spend_csv, read_spend_csv
from cto.record.vendors import Vendor

HEADER = "month,id,category,vendor,amount,build_vs_buy\n"


def line(line_id: str, month: str, category: str, amount: float, **fields: Any) -> SpendLine:
    data = {"id": line_id, "month": month, "category": category, "amount": amount, **fields}
    return build(SpendLine, data)


@pytest.fixture
def ledger(workspace):
    with workspace.record() as store:
        store.save(CompanyProfile(name="Acme", monthly_tech_budget=9000, currency="EUR"))
        for vendor_id in ("acme-dev", "github"):
            store.add(build(Vendor, {"id": vendor_id, "name": vendor_id, "scope": "work"}))
        for item in [
            line("aws", "2025-01", "cloud", 2000),
            line("agency", "2025-01", "contractors", 7500, vendor="acme-dev"),
            line("github", "2025-01", "saas", 500, vendor="github", build_vs_buy="buy: CI"),
            line("aws", "2025-02", "cloud", 2500.5),
            line("agency", "2025-02", "contractors", 5000, vendor="acme-dev"),
        ]:
            add_spend(store, item)
    return workspace


def test_totals_per_category_and_vendor():
    result = totals(
        [
            line("a", "2025-01", "contractors", 7500, vendor="acme-dev"),
            line("b", "2025-01", "cloud", 0.1),
            line("c", "2025-01", "cloud", 0.2),
            line("d", "2025-01", "saas", 2499.7, vendor="github"),
        ]
    )
    assert result.to_json() == {
        "total": 10000.0,
        "by_category": {"cloud": 0.3, "saas": 2499.7, "contractors": 7500.0},
        "by_vendor": {"acme-dev": 7500.0, "github": 2499.7},
        "vendor_share": {"acme-dev": 0.75, "github": 0.25},
        "unattributed": 0.3,
    }
    empty = totals([line("z", "2025-01", "other", 0, vendor="github")])
    assert (empty.total, empty.vendor_share) == (0.0, {"github": None})


def test_report_per_month_against_the_budget(ledger):
    with ledger.record(write=False) as store:
        report = spend_report(store)
    assert report.currency == "EUR"
    january, february = report.months
    assert (january.month, january.totals.total, january.budget, january.over_budget) == (
        "2025-01",
        10000.0,
        9000,
        True,
    )
    assert (february.month, february.totals.total, february.over_budget) == (
        "2025-02",
        7500.5,
        False,
    )
    assert january.totals.vendor_share == {"acme-dev": 0.75, "github": 0.05}
    assert february.totals.vendor_share == {"acme-dev": 0.6666}
    assert report.overall.to_json() == {
        "total": 17500.5,
        "by_category": {"cloud": 4500.5, "saas": 500.0, "contractors": 12500.0},
        "by_vendor": {"acme-dev": 12500.0, "github": 500.0},
        "vendor_share": {"acme-dev": 0.7143, "github": 0.0286},
        "unattributed": 4500.5,
    }
    assert january.to_json()["lines"][2] == {
        "id": "github",
        "month": "2025-01",
        "category": "saas",
        "vendor": "github",
        "amount": 500.0,
        "build_vs_buy": "buy: CI",
    }


def test_report_of_one_month(ledger):
    with ledger.record(write=False) as store:
        february = spend_report(store, "2025-02")
        empty = spend_report(store, "2025-03")
    assert [m.month for m in february.months] == ["2025-02"]
    assert february.overall.total == 7500.5
    assert [(m.month, m.totals.total, m.over_budget, m.lines) for m in empty.months] == [
        ("2025-03", 0.0, False, [])
    ]
    with pytest.raises(RecordError, match="'2025-3' is not a month"), ledger.record() as store:
        spend_report(store, "2025-3")


def test_without_a_budget_nothing_is_over_budget(workspace):
    with workspace.record() as store:
        add_spend(store, line("aws", "2025-01", "cloud", 1e9))
        report = spend_report(store)
    assert (report.currency, report.months[0].budget, report.months[0].over_budget) == (
        None,
        None,
        False,
    )


def test_refused_lines_change_nothing(ledger):
    with ledger.record(write=False) as store:
        before = store.rows()
    refusals = [
        (lambda: line("x", "2025-01", "cloud", 1, vendor="ghost"), "no vendor 'ghost' in the"),
        (lambda: line("aws", "2025-01", "cloud", 1), "spend line '2025-01/aws' already exists"),
        (lambda: line("x", "2025-13", "cloud", 1), "'2025-13' is not a month"),
        (lambda: line("x", "2025-01", "cloud", -1), "amount: input should be greater than or"),
        (lambda: line("x", "2025-01", "food", 1), "category: 'food' is not allowed"),
    ]
    for make, message in refusals:
        with pytest.raises(RecordError, match=message), ledger.record() as store:
            add_spend(store, make())
    with ledger.record(write=False) as store:
        assert store.rows() == before


def test_the_same_id_recurs_every_month(ledger):
    with ledger.record() as store:
        add_spend(store, line("aws", "2025-03", "cloud", 1))
        assert store.require(SpendLine, "2025-03/aws").amount == 1.0


def test_csv_import_adds_every_line(ledger):
    text = (
        "Amount, month,id,category,vendor,build_vs_buy\r\n"
        '3000,2025-03,aws,cloud,,\r\n\r\n 120.5 ,2025-03,tools,tooling,github,"buy, not build"\r\n'
    )
    with ledger.record() as store:
        added = import_spend(store, text, "spend.csv")
    assert [(a.record_key(), a.amount, a.vendor, a.build_vs_buy) for a in added] == [
        ("2025-03/aws", 3000.0, None, None),
        ("2025-03/tools", 120.5, "github", "buy, not build"),
    ]
    with ledger.record(write=False) as store:
        assert spend_report(store, "2025-03").months[0].totals.total == 3120.5


GOOD = HEADER + "2025-04,first,cloud,,10,\n"  # row 2: valid, and still not kept


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "spend.csv: empty; the first row must be the header"),
        ("month,id,category,amount\n", "spend.csv: the first row must be the header"),
        (GOOD + "2025-03,aws,cloud,,3000\n", "spend.csv row 3: 5 fields, expected 6"),
        (GOOD + "2025-03,aws,cloud,,lots,\n", "spend.csv row 3: invalid spend line: amount:"),
        (
            GOOD + "2025-03,aws,cloud,,1,\n\n2025-03,x,cloud,,-1,\n",
            "spend.csv row 5: invalid spend line: amount: input should be greater",
        ),
        (
            GOOD + "2025-03,aws,cloud,,1,\n2025-03,aws,saas,,2,\n",
            "spend.csv row 4: spend line '2025-03/aws' already appears in row 3",
        ),
        (GOOD + "2025-03,x,cloud,ghost,1,\n", "spend.csv row 3: no vendor 'ghost' in the record"),
        (GOOD + "2025-01,aws,cloud,,1,\n", "spend.csv row 3: spend line '2025-01/aws' already"),
        (GOOD + '2025-03,"x,cloud,,1,\n', "spend.csv row 3: 2 fields, expected 6"),
        (GOOD + "2025-03,x,cloud,,1,\x00\n", "spend.csv row 3: contains a NUL character"),
        (GOOD + "2025-03,x,cloud,,1," + "n" * 140_000, "spend.csv row 3: field larger than"),
    ],
)
def test_a_bad_csv_adds_nothing(ledger, text, message):
    with ledger.record(write=False) as store:
        before = store.rows()
    with pytest.raises(RecordError) as caught, ledger.record() as store:
        import_spend(store, text, "spend.csv")
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)
    with ledger.record(write=False) as store:
        assert store.rows() == before


def test_parse_names_rows_from_one_with_the_header():
    parsed = parse_spend_csv(HEADER + "\n2025-03,aws,cloud,,1,\n", "s.csv")
    assert [(row, item.record_key()) for row, item in parsed] == [(3, "2025-03/aws")]


def test_reading_a_csv_checks_size_and_encoding(tmp_path):
    ok = tmp_path / "ok.csv"
    ok.write_bytes(b"\xef\xbb\xbf" + HEADER.encode())
    assert read_spend_csv(ok) == HEADER
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * (MAX_CSV_BYTES + 1))
    with pytest.raises(RecordError, match=re.escape("big.csv: larger than 2,000,000 bytes")):
        read_spend_csv(big)
    latin = tmp_path / "latin.csv"
    latin.write_bytes(HEADER.encode() + b"2025-01,caf\xe9,cloud,,1,\n")
    with pytest.raises(RecordError, match=re.escape("latin.csv: not UTF-8 text")):
        read_spend_csv(latin)
    with pytest.raises(RecordError, match=re.escape("missing.csv: cannot read")):
        read_spend_csv(tmp_path / "missing.csv")


@settings(max_examples=60, deadline=None)
@given(STRATEGIES["spend"])
def test_generated_spend_lines_survive_a_json_round_trip(item):
    assert build(SpendLine, json.loads(json.dumps(item.model_dump(mode="json")))) == item
