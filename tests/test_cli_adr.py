"""`cto adr` as a user runs it: the lifecycle, ADR folders, one-line errors that change nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cto.cli import app
from cto.record import Workspace
from cto.record.adr import AdrStatus
from cto.record.items import REGISTRY, build


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(arg) for arg in args])


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return tmp_path / ".cto"


def cto(ws: Path, *args: str | Path) -> Result:
    return invoke(*args, "--workspace", ws)


def ok(ws: Path, *args: str | Path) -> str:
    result = cto(ws, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def adrs(ws: Path) -> list[dict]:
    return json.loads(ok(ws, "adr", "list", "--json"))


def add_risk(ws: Path, number: int, title: str) -> None:
    with Workspace.open(ws) as workspace, workspace.record() as store:
        risk = REGISTRY["risk"]  # the risk kind, whichever module defines it
        data = {"number": number, "title": title, "likelihood": 2, "impact": 5}
        store.add(build(risk, data | {"raised": "2025-01-01"}))


@pytest.fixture
def three(ws: Path) -> Path:
    """A workspace with ADR 1 accepted, 2 proposed, 3 accepted, and risk 1."""
    add_risk(ws, 1, "Only Ada knows billing")
    ok(ws, "adr", "new", "Use MySQL", "--status", "accepted", "--date", "2024-01-05")
    ok(ws, "adr", "new", "Use Redis", "--date", "2024-02-01")
    ok(
        ws,
        "adr",
        "new",
        "Use PostgreSQL",
        "--context",
        "Orders need transactions.\n## Why now\nGrowth.",
        "--decision",
        "PostgreSQL 16.",
        "--consequences",
        "One more server.",
        "--option",
        "PostgreSQL",
        "--option",
        "MySQL",
        "--decider",
        "Ada",
        "--cites-finding",
        "knowledge.loss:billing",
        "--cites-risk",
        "1",
        "--status",
        "accepted",
        "--date",
        "2024-03-01",
    )
    return ws


def test_new_records_the_next_number_with_every_field(three):
    listed = adrs(three)
    assert [(a["number"], a["status"], a["date"]) for a in listed] == [
        (1, "accepted", "2024-01-05"),
        (2, "proposed", "2024-02-01"),
        (3, "accepted", "2024-03-01"),
    ]
    assert listed[2] | {"context": ""} == {
        "number": 3,
        "title": "Use PostgreSQL",
        "status": "accepted",
        "date": "2024-03-01",
        "deciders": ["Ada"],
        "context": "",
        "options": ["PostgreSQL", "MySQL"],
        "decision": "PostgreSQL 16.",
        "consequences": "One more server.",
        "supersedes": [],
        "superseded_by": None,
        "cites_findings": ["knowledge.loss:billing"],
        "cites_risks": [1],
    }
    assert listed[2]["context"] == "Orders need transactions.\n## Why now\nGrowth."
    assert ok(three, "adr", "new", "Use S3").startswith("Recorded ADR 4: Use S3 (proposed).")


def test_supersede_links_both_ways_and_show_says_so(three):
    out = ok(three, "adr", "supersede", "1", "--by", "3")
    assert out.strip() == "ADR 1: Use MySQL is superseded by ADR 3: Use PostgreSQL."
    shown = ok(three, "adr", "show", "3")
    assert shown.startswith("ADR 3: Use PostgreSQL\nStatus: accepted\nDate: 2024-03-01\n")
    for line in (
        "Deciders: Ada",
        "Supersedes ADR 1: Use MySQL",
        "Cites audit finding knowledge.loss:billing",
        "Cites risk 1: Only Ada knows billing",
        "Considered options:\n  - PostgreSQL\n  - MySQL",
    ):
        assert line in shown
    assert "Superseded by ADR 3: Use PostgreSQL" in ok(three, "adr", "show", "1")
    old = json.loads(ok(three, "adr", "show", "1", "--json"))
    assert (old["status"], old["superseded_by"]) == ("superseded", 3)
    listing = ok(three, "adr", "list")
    assert "    1  superseded  " in listing and "Use MySQL  (superseded by ADR 3)" in listing
    assert [
        a["number"]
        for a in json.loads(ok(three, "adr", "list", "--status", "superseded", "--json"))
    ] == [1]


def test_accept_reject_and_deprecate(three):
    assert ok(three, "adr", "reject", "2").strip() == "ADR 2: Use Redis is now rejected."
    assert ok(three, "adr", "deprecate", "1").strip() == "ADR 1: Use MySQL is now deprecated."
    assert [a["status"] for a in adrs(three)] == ["deprecated", "rejected", "accepted"]
    ok(three, "adr", "new", "Use S3")
    ok(three, "adr", "accept", "4")
    assert ok(three, "adr", "list", "--status", "rejected").count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("new", "X", "--status", "deprecated"), "proposed or accepted, not deprecated"),
        (("new", "X", "--status", "done"), "unknown ADR status 'done'"),
        (
            ("new", "X", "--date", "05/01/2024"),
            "--date: '05/01/2024' is not a date (use YYYY-MM-DD)",
        ),
        (("new", "X", "--date", "2024-02-30"), "is not a date"),
        (("new", "X", "--cites-risk", "two"), "--cites-risk must be a whole number"),
        (("new", "X", "--cites-risk", "9"), "ADR 4 cites risk 9, which is not in the record"),
        (("new", "   "), "invalid ADR: title"),
        (("list", "--status", "done"), "unknown ADR status 'done'"),
        (("show", "9"), "no ADR '9' in the record"),
        (("show", "abc"), "ADR number must be a whole number from 1, not 'abc'"),
        (("accept", "1"), "ADR 1 is accepted; only a proposed ADR can be accepted"),
        (("deprecate", "2"), "only an accepted ADR can be deprecated"),
        (("reject", "0"), "ADR number must be a whole number"),
        (("reject", "²"), "ADR number must be a whole number"),
        (("supersede", "1", "--by", "9"), "no ADR '9' in the record"),
        (("supersede", "9", "--by", "1"), "no ADR '9' in the record"),
        (("supersede", "1", "--by", "1"), "ADR 1 cannot supersede itself"),
        (("supersede", "1", "--by", "x"), "--by must be a whole number"),
        (
            ("export", "{tmp}/out", "--format", "pdf"),
            "unknown ADR format 'pdf' (use one of: madr, nygard)",
        ),
        (("import", "{tmp}/missing"), "no ADR folder at"),
        (("import", "{tmp}", "--format", "pdf"), "unknown ADR format 'pdf'"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(three, tmp_path, args, message):
    before = adrs(three)
    result = cto(three, "adr", *(arg.replace("{tmp}", str(tmp_path)) for arg in args))
    assert result.exit_code == 2
    assert result.stderr.startswith("cto: error: ")
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert message in result.stderr
    assert adrs(three) == before
    assert not (tmp_path / "out").exists()


def test_superseding_twice_is_refused(three):
    ok(three, "adr", "supersede", "1", "--by", "3")
    before = adrs(three)
    result = cto(three, "adr", "supersede", "1", "--by", "2")
    assert (result.exit_code, result.stderr.strip()) == (
        2,
        "cto: error: ADR 1 is already superseded by ADR 3",
    )
    assert adrs(three) == before


def test_bad_input_never_creates_a_workspace(ws):
    for args in (
        ("new", "X", "--date", "tomorrow"),
        ("list",),
        ("show", "1"),
        ("export", ws.parent / "out"),
    ):
        result = cto(ws, "adr", *args)
        assert result.exit_code == 2, args
        assert result.stderr.startswith("cto: error: ")
    assert not ws.exists() and not (ws.parent / "out").exists()


@pytest.mark.parametrize("fmt", ["madr", "nygard"])
def test_export_then_import_into_another_workspace_is_lossless(three, tmp_path, fmt):
    ok(three, "adr", "supersede", "1", "--by", "3")
    folder = tmp_path / "repo" / "docs" / "adr"
    out = ok(three, "adr", "export", folder, "--format", fmt)
    assert out.strip() == f"Wrote 3 ADR files ({fmt}) to {folder}."
    assert sorted(p.name for p in folder.iterdir()) == [
        "0001-use-mysql.md",
        "0002-use-redis.md",
        "0003-use-postgresql.md",
    ]
    other = tmp_path / "other"
    add_risk(other, 1, "Same risk")
    assert ok(other, "adr", "import", folder).strip() == f"Imported 3 ADRs from {folder}."
    assert adrs(other) == adrs(three)
    assert ok(other, "adr", "import", folder, "--format", fmt, "--replace").startswith("Imported 3")
    assert adrs(other) == adrs(three)


def test_import_refuses_recorded_numbers_and_broken_links_as_a_whole(three, tmp_path):
    folder = tmp_path / "adr"
    ok(three, "adr", "export", folder)
    before = adrs(three)
    result = cto(three, "adr", "import", folder)
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == "cto: error: ADR 1 is already in the record (--replace overwrites it)"
    )
    (folder / "0002-use-redis.md").unlink()
    (folder / "0001-use-mysql.md").write_text(
        "---\nstatus: superseded by ADR-0002\ndate: 2024-01-05\n---\n\n# Use MySQL\n",
        encoding="utf-8",
    )
    result = cto(three, "adr", "import", folder, "--replace")
    assert result.exit_code == 2
    assert (
        "ADR 1 is superseded by ADR 2, but ADR 2 does not say it supersedes ADR 1" in result.stderr
    )
    assert adrs(three) == before


def test_import_of_an_empty_folder_or_a_malformed_file_is_an_error(ws, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cto(ws, "adr", "import", empty)
    assert (result.exit_code, result.stderr.strip()) == (
        2,
        f"cto: error: no ADR files (NNNN-title.md) in {empty}",
    )
    (empty / "0001-bad.md").write_text("# 1. Bad\n\n## Status\n\nMaybe\n", encoding="utf-8")
    result = cto(ws, "adr", "import", empty)
    assert (
        result.stderr.strip()
        == "cto: error: 0001-bad.md: no 'Date: YYYY-MM-DD' line under the title"
    )
    assert not ws.exists()


def test_an_empty_record_lists_and_exports_nothing(ws, tmp_path):
    Workspace.open(ws).close()
    assert ok(ws, "adr", "list").strip() == "No ADRs in the record."
    assert adrs(ws) == []
    out = ok(ws, "adr", "export", tmp_path / "out")
    assert out.strip() == "No ADRs in the record; nothing written."
    assert not (tmp_path / "out").exists()
    ok(ws, "adr", "new", "First")
    ok(ws, "adr", "reject", "1")
    assert (
        ok(ws, "adr", "list", "--status", "accepted").strip() == "No accepted ADRs in the record."
    )


def test_help_teaches_and_lists_the_values(ws):
    listed = invoke("adr", "list", "--help").stdout
    assert all(status.value in listed for status in AdrStatus)
    new_help = invoke("adr", "new", "--help").stdout
    assert (
        "proposed|accepted" in new_help
        and "YYYY-MM-DD" in new_help
        and "costly to reverse" in new_help
    )
    assert "auto|madr|nygard" in invoke("adr", "import", "--help").stdout
    assert "madr|nygard" in invoke("adr", "export", "--help").stdout


def test_the_adr_commands_load_neither_pydantic_nor_the_record_at_import():
    code = (
        "import sys, cto.cli_adr, cto.cli_adr_files; "
        "print(sorted(m for m in sys.modules if m == 'pydantic' or m.startswith('cto.record')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
