"""`cto vendor` and what every team and money command shares: help, imports, errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cto import cli_hire, cli_money, cli_outcome, cli_vendor
from cto.record.hiring import CandidateState, Recommendation, RoleStatus
from cto.record.outcomes import DocumentKind
from cto.record.spend import SpendCategory
from cto.record.vendors import ContractType
from team_cli import as_json, cto, ok, refused


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return tmp_path / ".cto"


def test_choice_lists_match_the_record_enums():
    assert tuple(c.value for c in ContractType) == cli_vendor.CONTRACTS
    assert tuple(s.value for s in RoleStatus) == cli_hire.ROLE_STATUSES
    assert tuple(s.value for s in CandidateState) == cli_hire.STATES
    assert tuple(r.value for r in Recommendation) == cli_hire.RECOMMENDATIONS
    assert tuple(c.value for c in SpendCategory) == cli_money.CATEGORIES
    assert tuple(k.value for k in DocumentKind) == cli_outcome.DOCUMENT_KINDS


def help_of(ws: Path, command: str) -> str:
    return " ".join(ok(ws, command + " --help").split())  # help text wraps at any space


def test_help_teaches_the_allowed_values(ws):
    vendor_help = help_of(ws, "vendor add")
    assert "[fixed-price|time-and-materials|retainer|subscription|other]" in vendor_help
    assert "discovery phase" in vendor_help
    spend_help = help_of(ws, "spend add")
    assert "[cloud|saas|tooling|contractors|people|licenses|other]" in spend_help
    move_help = help_of(ws, "hire candidate move")
    assert "[applied|screen|interview|offer|hired|rejected|withdrawn]" in move_help
    assert "[strong-no|no|yes|strong-yes]" in help_of(ws, "hire candidate score")
    assert "spec, adr, runbook, other" in help_of(ws, "outcome record")
    assert not ws.exists()  # help never creates a workspace


def test_the_command_modules_do_not_load_pydantic():
    code = (
        "import sys; import cto.cli_team, cto.cli_vendor, cto.cli_hire, cto.cli_money, "
        "cto.cli_outcome; "
        "print(sorted(m for m in sys.modules if m == 'pydantic' or m.startswith('cto.record')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_vendor_add_update_list_and_show(ws):
    out = ok(
        ws,
        'vendor add acme "Acme Dev" --scope "Build the MVP" --contract fixed-price '
        "--estimate 40000 --estimate-weeks 12",
    )
    assert "  ! estimate without discovery: discovery is not recorded, so" in out
    assert "  ! no contingency on a fixed-price estimate: any surprise" in out
    ok(
        ws,
        "vendor update acme --actual 50000 --actual-weeks 9 --discovery --contingency 10 "
        "--started 2025-01-06",
    )
    [listed] = as_json(ws, "vendor list")
    assert listed == {
        "id": "acme",
        "name": "Acme Dev",
        "scope": "Build the MVP",
        "contract": "fixed-price",
        "estimate": 40000.0,
        "estimate_weeks": 12.0,
        "actual_to_date": 50000.0,
        "actual_weeks": 9.0,
        "discovery_done": True,
        "contingency_percent": 10.0,
        "started": "2025-01-06",
        "notes": "",
        "spent_share": 1.25,
        "weeks_share": 0.75,
        "cost_overrun": True,
        "time_overrun": False,
        "overrun": True,
        "warnings": [],
    }
    assert as_json(ws, "vendor show acme") == listed
    assert ok(ws, "vendor show acme").splitlines() == [
        "acme  Acme Dev  [fixed-price]  OVERRUN",
        "  scope: Build the MVP",
        "  discovery: done; contingency: 10%; started: 2025-01-06",
        "  cost: 50,000.00 of 40,000.00 (125.0%)",
        "  weeks: 9 of 12 (75.0%)",
    ]
    ok(ws, "vendor update acme --no-discovery")
    assert as_json(ws, "vendor show acme")["warnings"][0]["code"] == "estimate-without-discovery"


def test_bad_vendor_input_is_one_line_and_changes_nothing(ws):
    ok(ws, "vendor add acme 'Acme Dev' --scope MVP --estimate 100")
    for command, message in [
        ("vendor add x X --scope s --contract barter", "contract: 'barter' is not allowed"),
        ("vendor add x X --scope s --estimate -5", "estimate: input should be greater than or"),
        ("vendor add x X --scope s --estimate lots", "estimate: input should be a valid number"),
        ("vendor add 'Big Co' X --scope s", "'Big Co' is not an id"),
        ("vendor add acme Again --scope s", "vendor 'acme' already exists"),
        ("vendor update ghost --estimate 5", "no vendor 'ghost' in the record"),
        ("vendor update acme --started 06/01/2025", "'06/01/2025' is not a date (use YYYY-MM-DD)"),
        ("vendor update acme --contingency 150", "contingency_percent: input should be less"),
        ("vendor update acme", "nothing to change"),
        ("vendor show ghost", "no vendor 'ghost' in the record"),
    ]:
        refused(ws, command, message)


def test_reading_a_missing_workspace_is_an_error(ws):
    result = cto(ws, "vendor list")
    assert (result.exit_code, result.stderr.count("\n")) == (2, 1)
    assert "no workspace at" in result.stderr
    assert not ws.exists()


def test_empty_lists_say_how_to_start(ws):
    ok(ws, "vendor add acme Acme --scope MVP")
    assert ok(ws, "hire role list") == "No roles recorded (add one with: cto hire role add).\n"
    assert as_json(ws, "poc list") == []
    assert "No spend recorded" in ok(ws, "spend report")
    assert "No monthly outcomes recorded" in ok(ws, "outcome show")
