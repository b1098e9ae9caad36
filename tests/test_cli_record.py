"""`cto init`, `cto profile show`, `cto engagement …`, `cto export` and `cto import`, as run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cto.cli import app
from cto.cli_engagement import Area, Structure
from cto.record.engagement import DecisionArea, EngagementStructure
from cto.record.profile_interview import QUESTIONS

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "profile.toml"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return tmp_path / ".cto"


def cto(ws: Path, *args: str | Path, input: str | None = None) -> Result:
    return CliRunner().invoke(app, [*map(str, args), "--workspace", str(ws)], input=input)


def ok(ws: Path, *args: str | Path, input: str | None = None) -> str:
    result = cto(ws, *args, input=input)
    assert result.exit_code == 0, result.output
    return result.stdout


def refused(ws: Path, *args: str | Path, message: str) -> None:
    """The command exits 2 with one line on stderr and leaves the record as it was."""
    before = cto(ws, "export").stdout if (ws / "cto.db").exists() else None
    result = cto(ws, *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("cto: error: "), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert message in result.stderr
    after = cto(ws, "export").stdout if (ws / "cto.db").exists() else None
    assert _items(after) == _items(before)


def _items(text: str | None) -> object:
    return None if text is None else json.loads(text)["items"]


def profile_json(ws: Path) -> dict:
    return json.loads(ok(ws, "profile", "show", "--json"))


def test_cli_choices_match_the_record_enums():
    assert [s.value for s in Structure] == [s.value for s in EngagementStructure]
    assert [a.value for a in Area] == [a.value for a in DecisionArea]


def test_record_commands_do_not_load_pydantic_at_import():
    code = "import sys, cto.cli_record, cto.cli_engagement; print('pydantic' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_init_from_toml_then_show(ws):
    out = ok(ws, "init", "--from", EXAMPLE)
    assert "Profile saved: Kitebook." in out
    assert "holds what stack and architecture advice needs" in out
    data = profile_json(ws)
    assert data["business_model"] == "b2b-saas" and data["team"]["size"] == 3
    assert data["goals"][0]["due"] == "2027-06-30"
    shown = ok(ws, "profile", "show")
    assert "Kitebook" in shown and "Remote fit:" in shown and "Still unknown" not in shown


def test_init_names_what_the_advisor_still_needs(ws, tmp_path):
    partial = tmp_path / "partial.toml"
    partial.write_text('name = "Solo"\nbusiness_model = "marketplace"\n[team]\nsize = 2\n')
    out = ok(ws, "init", "--from", partial)
    assert "the advisor still needs:" in out
    assert "core workflow" in out and "runway" in out and "risk profile" in out
    assert "business model" not in out and "team's size" not in out
    assert "Still unknown" in ok(ws, "profile", "show")


def test_an_existing_profile_is_kept_unless_update(ws, tmp_path):
    ok(ws, "init", "--from", EXAMPLE)
    other = tmp_path / "other.toml"
    other.write_text('name = "Renamed"\n')
    refused(ws, "init", "--from", other, message="a profile of Kitebook exists; use --update")
    assert "Profile updated: Renamed." in ok(ws, "init", "--from", other, "--update")
    replaced = profile_json(ws)
    assert replaced["name"] == "Renamed"
    assert replaced["goals"] == [] and replaced["business_model"] is None, "replaced, not merged"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('name = "x"\nstage = "series-a"\n', "stage: 'series-a' is not allowed"),
        ('name = "x"\n[team]\nsize = -1\n', "team.size"),
        ("name = \n", "is not valid TOML"),
        ('name = "x"\nsituations = ["bored"]\n', "situations.0"),
    ],
)
def test_bad_profile_input_is_one_line_and_changes_nothing(ws, tmp_path, text, message):
    bad = tmp_path / "bad.toml"
    bad.write_text(text)
    refused(ws, "init", "--from", bad, message=message)
    assert not ws.exists(), "a refused init must not create the workspace"
    ok(ws, "init", "--from", EXAMPLE)
    refused(ws, "init", "--from", bad, "--update", message=message)
    assert profile_json(ws)["name"] == "Kitebook"


def test_interactive_init_explains_and_allows_unknown(ws):
    answers = ["Kitebook", "mvp", *[""] * (len(QUESTIONS) - 2), "", ""]
    result = cto(ws, "init", "--structure", "discovery-sprint", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Runway decides how large an MVP can be" in result.stdout
    assert "Engagement started: discovery-sprint" in result.stdout
    assert "the advisor still needs:" in result.stdout
    data = profile_json(ws)
    assert data["stage"] == "mvp" and data["team"]["size"] is None
    assert json.loads(ok(ws, "engagement", "show", "--json"))["structure"] == "discovery-sprint"


def test_interactive_init_refuses_before_asking_when_a_profile_exists(ws):
    ok(ws, "init", "--from", EXAMPLE)
    result = cto(ws, "init", input="Other\n")
    assert result.exit_code == 2
    assert "use --update" in result.stderr and "Company name" not in result.stdout


def test_init_with_a_structure_refuses_to_replace_an_engagement(ws):
    ok(ws, "init", "--from", EXAMPLE, "--structure", "mvp-leadership")
    refused(
        ws,
        "init",
        "--from",
        EXAMPLE,
        "--update",
        "--structure",
        "interim-leadership",
        message="an engagement exists already",
    )


def test_profile_show_without_a_profile_or_workspace(ws):
    refused(ws, "profile", "show", message="no workspace at")
    ok(ws, "engagement", "start", "mvp-leadership")
    refused(ws, "profile", "show", message="no company profile in the record")


def test_engagement_start_show_and_replace(ws):
    out = ok(ws, "engagement", "start", "architecture-audit", "--started", "2026-03-02")
    assert "architecture-audit from 2026-03-02" in out
    shown = ok(ws, "engagement", "show")
    for part in (
        "Architecture and risk audit",
        "Dates: 2026-03-02 to 2026-03-23",
        "Decision rights:",
        "architecture  founder",
        "Weekly hours: 15",
        "blocking questions: answered within 2 h",
        "The founder owns:",
        "Why these defaults:",
    ):
        assert part in shown
    refused(ws, "engagement", "start", "interim-leadership", message="use --replace")
    ok(ws, "engagement", "start", "interim-leadership", "--replace")
    assert json.loads(ok(ws, "engagement", "show", "--json"))["weekly_hours"] == 25


def test_engagement_set_changes_only_what_is_given(ws):
    ok(ws, "engagement", "start", "mvp-leadership", "--started", "2026-01-05")
    before = json.loads(ok(ws, "engagement", "show", "--json"))
    out = ok(
        ws,
        "engagement",
        "set",
        "--weekly-hours",
        "12",
        "--ends",
        "2026-06-30",
        "--after-hours-minutes",
        "none",
        "--blocking-hours",
        "1.5",
        "--output",
        "Weekly written status",
        "--output",
        "ADRs",
    )
    assert "Engagement updated: ends, outputs, response, weekly_hours." in out
    after = json.loads(ok(ws, "engagement", "show", "--json"))
    assert after["weekly_hours"] == 12 and after["ends"] == "2026-06-30"
    assert after["outputs"] == ["Weekly written status", "ADRs"]
    assert after["response"] == {
        **before["response"],
        "after_hours_p1_minutes": None,
        "blocking_question_hours": 1.5,
    }
    assert after["rhythm"] == before["rhythm"] and after["started"] == "2026-01-05"
    assert "P1 incidents after hours: not covered" in ok(ws, "engagement", "show")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("set", "--weekly-hours", "70"), "weekly_hours: input should be less than or equal to 60"),
        (("set", "--ends", "30/06/2026"), "--ends: '30/06/2026' is not a date"),
        (("set", "--ends", "2025-01-01"), "is before started"),
        (("set", "--after-hours-minutes", "soon"), "is not minutes or none"),
        (("set",), "nothing to change"),
        (("rights", "hiring", "--decides", "  "), "decides"),
        (("override", "x", "y", "1"), "--reason is required"),
        (("override", "x", "y", "1", "--reason", "   "), "--reason is required"),
        (("override", "x", "y"), "give the VALUE"),
        (("override", "x", "y", "nan", "--reason", "r"), "not a usable threshold value"),
        (("override", "complexity.complex-functions", "mediun", "3", "--reason", "r"), "mediun"),
        (("override", "--remove", "x", "y"), "no override of x y"),
        (("start", "mvp-leadership", "--started", "soon"), "is not a date"),
    ],
)
def test_bad_engagement_input_is_one_line_and_changes_nothing(ws, args, message):
    ok(ws, "engagement", "start", "mvp-leadership", "--started", "2026-01-05")
    refused(ws, "engagement", *args, message=message)


@pytest.mark.parametrize("args", [("start", "retainer"), ("rights", "marketing", "--decides", "x")])
def test_unknown_choices_exit_2(ws, args):
    ok(ws, "engagement", "start", "mvp-leadership")
    result = cto(ws, "engagement", *args)
    assert result.exit_code == 2
    assert "retainer" in result.output or "marketing" in result.output


def test_engagement_commands_need_an_engagement(ws):
    ok(ws, "init", "--from", EXAMPLE)
    refused(ws, "engagement", "show", message="no engagement in the record")
    refused(ws, "engagement", "set", "--weekly-hours", "5", message="no engagement")
    refused(ws, "engagement", "rights", "hiring", "--decides", "founder", message="no engagement")


def test_a_missing_workspace_is_not_created_by_engagement_edits(ws):
    refused(ws, "engagement", "set", "--weekly-hours", "5", message="no workspace at")
    assert not ws.exists()


def test_decision_rights(ws):
    ok(ws, "engagement", "start", "mvp-leadership")
    out = ok(
        ws,
        "engagement",
        "rights",
        "hiring",
        "--decides",
        "fractional CTO",
        "--consulted",
        "founder",
        "--consulted",
        "engineering team",
    )
    assert "hiring: fractional CTO decides" in out
    rights = json.loads(ok(ws, "engagement", "show", "--json"))["decision_rights"]
    assert rights["hiring"] == {
        "decides": "fractional CTO",
        "consulted": ["founder", "engineering team"],
        "informed": [],
    }
    assert rights["budget"]["decides"] == "founder"
    assert "hiring        fractional CTO  founder, engineering team" in ok(ws, "engagement", "show")


def test_overrides_are_recorded_replaced_shown_and_removed(ws):
    ok(ws, "engagement", "start", "mvp-leadership")
    rule = "complexity.complex-functions"
    ok(ws, "engagement", "override", rule, "medium", "20", "--reason", "legacy module")
    ok(
        ws,
        "engagement",
        "override",
        rule,
        "medium",
        "25",
        "--reason",
        "rewrite in Q3",
        "--by",
        "Ana",
    )
    ok(ws, "engagement", "override", "advisor.runway", "months", "true", "--reason", "bridge loan")
    overrides = json.loads(ok(ws, "engagement", "show", "--json"))["overrides"]
    assert [(o["rule"], o["value"], o["by"]) for o in overrides] == [
        (rule, 25, "Ana"),
        ("advisor.runway", True, None),
    ]
    assert overrides[0]["on"] is not None
    shown = ok(ws, "engagement", "show")
    assert f"{rule} medium = 25 by Ana" in shown and "reason: rewrite in Q3" in shown
    assert "Override removed" in ok(ws, "engagement", "override", "--remove", rule, "medium")
    remaining = json.loads(ok(ws, "engagement", "show", "--json"))["overrides"]
    assert [o["rule"] for o in remaining] == ["advisor.runway"]


def test_export_to_a_file_and_import_into_a_fresh_workspace(ws, tmp_path):
    ok(ws, "init", "--from", EXAMPLE, "--structure", "vendor-oversight")
    target = tmp_path / "backup" / "record.json"
    assert "Exported 2 entries" in ok(ws, "export", target)
    assert not list(target.parent.glob(".record.json.*")), "no temporary file left behind"
    fresh = tmp_path / "fresh"
    assert "Imported 2 entries." in ok(fresh, "import", target)
    assert _items(ok(fresh, "export")) == _items(target.read_text())
    assert _items(ok(fresh, "export", "-")) == _items(ok(ws, "export"))


def test_import_refuses_a_non_empty_record_unless_replace(ws, tmp_path):
    ok(ws, "init", "--from", EXAMPLE)
    backup = tmp_path / "backup.json"
    ok(ws, "export", backup)
    ok(ws, "engagement", "start", "mvp-leadership")
    refused(ws, "import", backup, message="already holds 2 entries")
    out = ok(ws, "import", backup, "--replace")
    assert "Imported 1 entries, after removing 2 entries." in out
    refused(ws, "engagement", "show", message="no engagement")


def test_import_from_standard_input(ws, tmp_path):
    ok(ws, "init", "--from", EXAMPLE)
    text = ok(ws, "export")
    fresh = tmp_path / "fresh"
    assert "Imported 1 entries." in ok(fresh, "import", "-", input=text)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(version=2), "export version 2"),
        (lambda d: d.update(format="other"), "is not a cto record export"),
        (lambda d: d["items"][0].update(kind="unicorn"), "unknown record kind 'unicorn'"),
        (lambda d: d["items"][0]["data"]["team"].update(size=-1), "team.size"),
        (lambda d: d["items"].append(d["items"][0]), "item 2 (profile 'company')"),
    ],
)
def test_bad_imports_are_one_line_and_write_nothing(ws, tmp_path, change, message):
    ok(ws, "init", "--from", EXAMPLE)
    document = json.loads(ok(ws, "export"))
    change(document)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    fresh = tmp_path / "fresh"
    ok(fresh, "engagement", "start", "discovery-sprint")
    refused(fresh, "import", bad, "--replace", message=message)
    assert json.loads(ok(fresh, "engagement", "show", "--json"))["structure"] == "discovery-sprint"


def test_import_of_a_missing_file_creates_nothing(ws, tmp_path):
    refused(ws, "import", tmp_path / "nope.json", message="cannot read")
    assert not ws.exists()


def test_help_teaches(ws):
    for command in (["init"], ["engagement", "override"], ["export"], ["import"]):
        text = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"}).stdout
        assert "--workspace" in text
    init_help = CliRunner().invoke(app, ["init", "--help"], env={"COLUMNS": "200"}).stdout
    assert "says why its answer matters" in init_help
    assert "discovery-sprint" in init_help and "interim-leadership" in init_help
