"""`cto report founder` as a user runs it: read-only, atomic files, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner, Result

from cto.cli import app
from cto.record import Workspace
from cto.record.items import REGISTRY, build
from cto.reports.json_report import schema

EXAMPLE_PROFILE = Path(__file__).parents[1] / "docs" / "examples" / "profile.toml"
HOSTILE = "<img src=x onerror=alert(1)>"


def cto(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(arg) for arg in args])


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """A workspace started with `cto init --from` the example profile and a vendor-oversight
    engagement, holding one ADR and two risks (one hostile, one overdue for review)."""
    workspace = tmp_path / ".cto"
    started = cto("init", "--from", EXAMPLE_PROFILE, "--structure", "vendor-oversight",
                  "--workspace", workspace)  # fmt: skip
    assert started.exit_code == 0, started.stderr
    with Workspace.open(workspace) as opened, opened.record() as store:
        store.add(build(REGISTRY["adr"], {"number": 1, "title": "Use PostgreSQL",
                                          "status": "proposed", "date": "2026-01-10"}))  # fmt: skip
        for number, title, review in (
            (1, HOSTILE, "2099-01-01"),
            (2, "Keys in the repo", "2020-01-01"),
        ):
            store.add(build(REGISTRY["risk"], {"number": number, "title": title, "likelihood": 4,
                                               "impact": 4, "review_date": review,
                                               "raised": "2019-12-01"}))  # fmt: skip
    return workspace


def snapshot(workspace: Path) -> list[dict]:
    with Workspace.open(workspace) as opened, opened.record(write=False) as store:
        return store.rows()


def test_writes_three_reports_from_the_record(ws: Path, tmp_path: Path) -> None:
    before = snapshot(ws)
    out = tmp_path / "founder"
    result = cto("report", "founder", "--workspace", ws, "--out", out, "--today", "2026-03-15")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.json", "report.md"]
    assert result.stdout.splitlines() == [f"Report written: {out / n}" for n in
                                          ("report.md", "report.html", "report.json")]  # fmt: skip
    assert "Overall: NOT ASSESSED — No audit yet" in result.stderr
    assert "Open risks by exposure: RED" in result.stderr
    data = json.loads((out / "report.json").read_text())
    Draft202012Validator(schema()).validate(data)
    assert [a["id"] for a in data["engagement"]] == [
        "decisions", "risks", "roadmap", "challenges", "engagement_view",
    ]  # fmt: skip
    markdown = (out / "report.md").read_text()
    assert markdown.startswith("# Founder report\n")
    assert "(no audit yet)" in markdown
    assert "Awaiting a decision: ADR 1 “Use PostgreSQL”." in markdown
    html = (out / "report.html").read_text()
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img" not in html
    assert snapshot(ws) == before  # read-only


def test_includes_the_latest_audit(ws: Path, tmp_path: Path, make_repo) -> None:
    repo = make_repo("product")
    repo.commit({"app.py": "print('hi')\n"}, date="2025-01-06")
    audited = cto("audit", repo.path, "--workspace", ws, "--out", tmp_path / "audit", "--quiet")
    assert audited.exit_code == 0, audited.stderr
    out = tmp_path / "founder"
    result = cto("report", "founder", "--workspace", ws, "--out", out, "--format", "md,json")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["report.json", "report.md"]
    data = json.loads((out / "report.json").read_text())
    assert [r["name"] for r in data["repositories"]] == ["product"]
    markdown = (out / "report.md").read_text()
    positions = [markdown.index(h) for h in
                 ("## Founder summary", "## The engagement", "## Repository: product")]  # fmt: skip
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "md,pdf"), "unknown format 'pdf'"),
        (("--format", "sarif"), "written as md, html or json, not sarif"),
        (("--today", "15/03/2026"), "--today: '15/03/2026' is not a date"),
        (("--config", "missing.toml"), "missing.toml"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    ws: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    out = tmp_path / "founder"
    result = cto("report", "founder", "--workspace", ws, "--out", out, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("cto: error: ")
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_a_missing_workspace_is_an_error_and_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = cto("report", "founder", "--workspace", missing, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert (
        result.stderr.strip() == f"cto: error: no workspace at {missing} (start one with: cto init)"
    )
    assert not missing.exists()
    assert not (tmp_path / "out").exists()


def test_an_unwritable_output_is_one_line(ws: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = cto("report", "founder", "--workspace", ws, "--out", blocker / "reports")
    assert result.exit_code == 2
    assert result.stderr.startswith("cto: error: cannot write reports to ")


def test_help_teaches_what_the_report_holds() -> None:
    result = cto("report", "founder", "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    for words in ("decisions", "open risks by exposure", "eight challenges", "red (a money or "
                  "scope challenge", "--today YYYY-MM-DD", "--out"):  # fmt: skip
        assert words in text


def test_cli_module_does_not_load_the_record_or_pydantic() -> None:
    code = (
        "import sys, cto.cli_report\n"
        "bad = [m for m in sys.modules if m == 'pydantic' or m.startswith(('cto.record.', "
        "'cto.advisor', 'cto.reports.founder'))]\n"
        "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
