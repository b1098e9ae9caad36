"""`cto risk` and `cto roadmap` as a user runs them: output, one-line errors, nothing half-written.

The end-to-end test audits a repository built here, syncs the register, fixes the repository,
audits again and syncs: the risk raised by the fixed finding closes, the others stay open.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cto.cli import app
from repo_builder import lines

ADA = ("Ada", "ada@example.com")
BOB = ("Bob", "bob@example.com")


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(arg) for arg in args])


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return tmp_path / ".cto"


def cto(ws: Path, line: str, *args: str | Path) -> Result:
    """Run ``cto LINE ARGS --workspace WS``; ``line`` is split like a shell would."""
    return invoke(*shlex.split(line), *args, "--workspace", ws)


def ok(ws: Path, line: str, *args: str | Path) -> str:
    result = cto(ws, line, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def register(ws: Path) -> list[dict]:
    return json.loads(ok(ws, "risk list --all --json"))


def roadmap(ws: Path) -> tuple[list[dict], dict]:
    return json.loads(ok(ws, "roadmap list --all --json")), json.loads(
        ok(ws, "roadmap show --json")
    )


def test_risks_are_listed_by_exposure_with_overdue_reviews_marked(ws):
    ok(ws, "risk add 'Vendor lock-in' --likelihood 2 --impact 3")
    out = ok(
        ws,
        "risk add 'Only Ada knows billing' --likelihood 4 --impact 5 --owner Ada "
        "--review 2001-01-31 --mitigation 'Pair Bob on billing'",
    )
    assert out == "Risk 2 added: Only Ada knows billing (exposure 20)\n"
    ok(
        ws,
        "risk add 'No backups tested' --likelihood 3 --impact 4 --review 2999-12-31 "
        "--description 'A failed restore loses customer data'",
    )
    table = ok(ws, "risk list").splitlines()
    assert [row.split()[0] for row in table[1:]] == ["2", "3", "1"]
    assert "2001-01-31 OVERDUE" in table[1] and "OVERDUE" not in table[2] + table[3]
    data = register(ws)
    assert [(r["number"], r["exposure"], r["overdue"]) for r in data] == [
        (2, 20, True),
        (3, 12, False),
        (1, 6, False),
    ]
    shown = ok(ws, "risk show 2")
    assert "Owner:       Ada" in shown and "(OVERDUE)" in shown and "Pair Bob on billing" in shown


def test_update_close_and_list_all(ws):
    ok(ws, "risk add 'Vendor lock-in' --likelihood 2 --impact 3 --owner Ada")
    ok(ws, "risk update 1 --likelihood 4 --owner '' --status mitigating")
    closed = ok(ws, "risk close 1 --reason 'moved to open standards'")
    assert closed == "Risk 1 closed: Vendor lock-in\n"
    assert ok(ws, "risk list") == "No open risks in the register.\n"
    [risk] = register(ws)
    assert (risk["likelihood"], risk["owner"], risk["status"]) == (4, None, "closed")
    assert risk["closed_reason"] == "moved to open standards"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("risk add X --likelihood 7 --impact 1", "likelihood: input should be less than or equal"),
        ("risk add X --likelihood abc --impact 1", "'--likelihood'"),
        ("risk add X --likelihood 1", "Missing option '--impact'"),
        ("risk add X --likelihood 1 --impact 1 --review 2026-13-01", "'2026-13-01' is not a date"),
        ("risk update 1 --status bogus", "'bogus' is not one of"),
        ("risk update 1 --review 31/01/2026", "--review: '31/01/2026' is not a date"),
        ("risk update 1", "nothing to change"),
        ("risk update 9 --owner Ada", "no risk '9' in the record"),
        ("risk show 9", "no risk '9' in the record"),
        ("risk close 9 --reason x", "no risk '9' in the record"),
        ("risk close 1", "Missing option '--reason'"),
        ("risk close 1 --reason ' '", "needs a reason"),
        ("risk bogus", "No such command"),
    ],
)
def test_bad_risk_input_is_one_line_exit_2_and_changes_nothing(ws, line, message):
    ok(ws, "risk add 'Vendor lock-in' --likelihood 2 --impact 3")
    before = register(ws)
    result = cto(ws, line)
    assert result.exit_code == 2
    assert result.stderr.startswith("cto: error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr
    assert register(ws) == before


def test_reading_a_missing_workspace_is_an_error_and_creates_nothing(ws):
    result = cto(ws, "risk list")
    assert (result.exit_code, result.stderr) == (
        2,
        f"cto: error: no workspace at {ws} (start one with: cto init)\n",
    )
    assert cto(ws, "roadmap show").exit_code == 2
    assert not ws.exists()


SSO = "roadmap add sso 'Single sign-on' --reach 500 --impact 2 --confidence 0.8 --effort 4"
AUDIT_LOG = "roadmap add audit-log 'Audit log' --reach 50 --impact 1 --confidence 0.5 --effort 3"
MOBILE = "roadmap add mobile 'Mobile app' --reach 1000 --impact 3 --confidence 0.5 --effort 20"


def test_roadmap_ranks_by_rice_and_weighs_quarters_against_capacity(ws):
    out = ok(ws, SSO + " --quarter 2027Q1 --status planned")
    assert out == "Initiative sso added: Single sign-on (RICE 200)\n"
    ok(ws, AUDIT_LOG + " --quarter 2027Q1 --requested-by Acme")
    ok(ws, "roadmap update audit-log --status in-progress")
    ok(ws, MOBILE + " --quarter 2027Q2 --status planned")
    assert ok(ws, "roadmap capacity 2027Q1 6") == "Capacity of 2027Q1: 6 person-weeks\n"
    ranking = ok(ws, "roadmap list").splitlines()
    assert [row.split()[:2] for row in ranking[1:]] == [
        ["200", "sso"],  # 500 x 2 x 0.8 / 4
        ["75", "mobile"],  # 1000 x 3 x 0.5 / 20
        ["8.333", "audit-log"],  # 50 x 1 x 0.5 / 3
    ]
    _, shown = roadmap(ws)
    quarters = [
        (q["quarter"], q["capacity"], q["load"], q["over"], q["verdict"]) for q in shown["quarters"]
    ]
    assert quarters == [
        ("2027Q1", 6.0, 7.0, True, "over by 1 person-week"),
        ("2027Q2", None, 20.0, False, "capacity not recorded"),
    ]
    text = ok(ws, "roadmap show")
    assert "OVER by 1 person-week" in text and "capacity not recorded" in text


def test_drop_moves_an_initiative_to_the_not_now_list_with_its_reason(ws):
    ok(ws, MOBILE + " --quarter 2027Q2 --status planned")
    ok(ws, "roadmap drop mobile --not-now 'web first until 1,000 accounts' --revisit 2027-09-01")
    ok(ws, "roadmap not-now chat 'In-app chat' --reason 'Intercom does it'")
    items, shown = roadmap(ws)
    assert [(i["id"], i["status"]) for i in items] == [("mobile", "dropped")]
    assert shown["quarters"] == []
    mobile = {"id": "mobile", "title": "Mobile app", "reason": "web first until 1,000 accounts"}
    chat = {"id": "chat", "title": "In-app chat", "reason": "Intercom does it"}
    assert shown["not_now"] == [
        {**mobile, "revisit": "2027-09-01", "initiative": "mobile"},
        {**chat, "revisit": None, "initiative": None},
    ]
    text = ok(ws, "roadmap show")
    assert "mobile: Mobile app - web first until 1,000 accounts (revisit 2027-09-01)" in text


NEW = "roadmap add x X --reach 5"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (NEW + " --impact 1.5 --confidence 1 --effort 1", "not on the RICE scale"),
        (NEW + " --impact 1 --confidence 2 --effort 1", "confidence"),
        (NEW + " --impact 1 --confidence 1 --effort 0", "effort"),
        (NEW + " --impact 1 --confidence 1 --effort 1 --goal growth", "goal 'growth'"),
        (NEW + " --impact 1 --confidence 1 --effort 1 --quarter 2027Q5", "not a quarter"),
        (NEW + " --impact 1 --confidence 1", "Missing option '--effort'"),
        (SSO, "initiative 'sso' already exists"),
        ("roadmap update sso --status dropped", "'dropped' is not one of"),
        ("roadmap update nope --effort 2", "no initiative 'nope'"),
        ("roadmap update sso", "nothing to change"),
        ("roadmap capacity 2027-Q1 10", "not a quarter"),
        ("roadmap capacity 2027Q1 lots", "'person_weeks': Input should be a valid number"),
        ("roadmap not-now chat Chat", "Missing option '--reason'"),
        ("roadmap not-now chat Chat --reason x --revisit 2026-13-01", "is not a date"),
        ("roadmap drop sso", "Missing option '--not-now'"),
        ("roadmap drop sso --not-now ''", "reason"),
        ("roadmap drop nope --not-now x", "no initiative 'nope'"),
    ],
)
def test_bad_roadmap_input_is_one_line_exit_2_and_changes_nothing(ws, line, message):
    ok(ws, SSO)
    before = roadmap(ws)
    result = cto(ws, line)
    assert result.exit_code == 2, result.stdout
    assert result.stderr.startswith("cto: error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr
    assert roadmap(ws) == before


def test_negative_capacity_is_refused(ws):
    ok(ws, "roadmap capacity 2027Q1 10")
    result = invoke("roadmap", "capacity", "--workspace", ws, "--", "2027Q1", "-1")
    assert (result.exit_code, result.stderr.count("\n")) == (2, 1)
    assert "person_weeks: input should be greater than or equal to 0" in result.stderr
    assert roadmap(ws)[1]["quarters"][0]["capacity"] == 10


def test_help_teaches_the_scales_and_lists_the_statuses():
    assert "1 rare" in invoke("risk", "add", "--help").stdout
    assert "open|mitigating|accepted" in invoke("risk", "update", "--help").stdout
    assert "proposed|planned|in-progress|done" in invoke("roadmap", "update", "--help").stdout
    assert "person-weeks" in invoke("roadmap", "capacity", "--help").stdout


def test_cli_statuses_are_the_model_statuses_a_person_may_set():
    from cto.cli_risk import EditableStatus as RiskChoice
    from cto.cli_roadmap import EditableStatus as InitiativeChoice
    from cto.record.risks import RiskStatus
    from cto.record.roadmap import InitiativeStatus

    assert {s.value for s in RiskChoice} == {s.value for s in RiskStatus} - {"closed"}
    assert {s.value for s in InitiativeChoice} == {s.value for s in InitiativeStatus} - {"dropped"}


def test_the_register_commands_do_not_load_pydantic_when_cto_starts():
    code = "import sys, cto.cli_register; print('pydantic' in sys.modules)"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "False"


def audit(ws: Path, repo_path: Path, out: Path) -> None:
    result = invoke(
        "audit", repo_path, "--until", "2025-03-01", "--workspace", ws, "--out", out, "-q"
    )
    assert result.exit_code == 0, result.stderr


def sync(ws: Path, config: Path, line: str = "") -> str:
    return ok(ws, f"risk sync {line}", "--config", config)


def test_audit_sync_fix_audit_sync_closes_the_risk_of_the_fixed_finding(make_repo, tmp_path, ws):
    repo = make_repo("shop")
    repo.commit({"app.py": lines(40), "lib.py": lines(30)}, author=ADA, date="2025-01-06")
    repo.commit({"lib.py": lines(35)}, author=BOB, date="2025-01-13")
    config = tmp_path / "cto.toml"
    config.write_text("")
    out = tmp_path / "report"

    audit(ws, repo.path, out)
    first = sync(ws, config)
    proposed = {r["source_finding"].split(":")[0]: r for r in register(ws)}
    assert "delivery.no-tests" in proposed
    assert all(r["status"] == "open" and r["repository"] == "shop" for r in proposed.values())
    no_tests = proposed["delivery.no-tests"]
    assert (no_tests["likelihood"], no_tests["impact"]) == (3, 4)
    assert f"risk {no_tests['number']}: No automated tests" in first
    assert "delivery.no-ci" not in proposed  # medium: below the threshold
    assert sync(ws, config).startswith("0 proposed, 0 closed, 0 reopened")  # idempotent

    repo.commit(
        {"tests/test_app.py": "def test_app():\n    assert True\n" * 5},
        author=ADA,
        date="2025-02-01",
    )
    audit(ws, repo.path, out)
    second = sync(ws, config)
    after = {r["number"]: r for r in register(ws)}
    closed = after[no_tests["number"]]
    assert (closed["status"], closed["closed_reason"].split(":")[0]) == (
        "closed",
        "Finding no longer reported",
    )
    assert (
        "of shop on " in closed["closed_reason"]
        and no_tests["source_finding"] in closed["closed_reason"]
    )
    assert f"Closed risk {no_tests['number']}: No automated tests" in second
    assert "0 proposed, 1 closed, 0 reopened" in second
    others = [r for n, r in after.items() if n != no_tests["number"]]
    assert others and all(r["status"] == "open" for r in others)  # truck factor etc. remain


def test_sync_respects_exemptions_and_dry_run(make_repo, tmp_path, ws):
    repo = make_repo("shop")
    repo.commit({"app.py": lines(40), "lib.py": lines(30)}, author=ADA, date="2025-01-06")
    audit(ws, repo.path, tmp_path / "report")
    config = tmp_path / "cto.toml"
    config.write_text(
        '[[exemption]]\nrule = "delivery.no-tests"\nreason = "prototype"\nowner = "Ada"\n'
    )
    dry = sync(ws, config, "--dry-run --threshold medium")
    assert "Would propose risk 1:" in dry and dry.rstrip().endswith("dry run, nothing written.")
    assert ok(ws, "risk list --json").strip() == "[]"
    out = sync(ws, config)
    assert "Not proposed, accepted: delivery.no-tests:" in out and "by Ada: prototype" in out
    sources = [r["source_finding"].split(":")[0] for r in register(ws)]
    assert sources and "delivery.no-tests" not in sources


def test_sync_without_audits_is_an_error(ws, tmp_path):
    ok(ws, "risk add 'Vendor lock-in' --likelihood 2 --impact 3")
    result = cto(ws, "risk sync --config", tmp_path / "none.toml")
    assert result.exit_code == 2 and result.stderr.startswith("cto: error: ")
    (tmp_path / "none.toml").write_text("")
    result = cto(ws, "risk sync --config", tmp_path / "none.toml")
    assert result.stderr == f"cto: error: no audits in {ws} yet: run cto audit first\n"
