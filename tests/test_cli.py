"""End-to-end: the `cto` command as a user runs it, on repositories the tests build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from cto.reports.json_report import schema
from repo_builder import lines

CTO = [sys.executable, "-m", "cto"]


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(
        [*CTO, *map(str, args)], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )


@pytest.fixture
def small_repo(make_repo):
    repo = make_repo("product")
    repo.commit({"app.py": lines(40), "README.md": "hello\n"}, date="2025-01-06")
    repo.commit({"app.py": lines(50)}, date="2025-01-13")
    repo.commit({"lib.py": lines(10)}, author=("Bob", "bob@example.com"), date="2025-02-03")
    return repo


def test_audit_writes_three_valid_reports(small_repo, tmp_path):
    result = run("audit", small_repo.path, "--until", "2025-03-01", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "cto-report"
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.json", "report.md"]
    data = json.loads((out / "report.json").read_text())
    Draft202012Validator(schema()).validate(data)
    assert data["repositories"][0]["commits"] == 3
    assert data["as_of"].startswith("2025-03-01")
    assert f"Report written: {out.name}" in result.stdout or str(out) in result.stdout
    assert (tmp_path / ".cto" / "cto.db").exists()


def test_summary_comes_first_in_markdown(small_repo, tmp_path):
    run("audit", small_repo.path, "--format", "md", "--quiet", cwd=tmp_path)
    text = (tmp_path / "cto-report" / "report.md").read_text()
    assert not (tmp_path / "cto-report" / "report.html").exists()
    assert text.index("ummary") < text.index("ctivity")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("audit", "missing-dir"), "no such directory"),
        (("audit", "."), "not a git repository"),
        (("audit", "{repo}", "--format", "pdf"), "unknown format 'pdf'"),
        (("audit", "{repo}", "--since", "last tuesday"), "is not a date"),
        (("audit", "{repo}", "--since", "2025-02-01", "--until", "2025-01-01"), "after --until"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(small_repo, tmp_path, args, message):
    work = tmp_path / "work"
    work.mkdir()
    args = tuple(a.replace("{repo}", str(small_repo.path)) for a in args)
    result = run(*args, cwd=work)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert message in result.stderr
    assert list(work.iterdir()) == []


def test_usage_error_exits_2(tmp_path):
    assert run("audit", cwd=tmp_path).returncode == 2
    assert run("audit", tmp_path, "--fail-on", "catastrophic", cwd=tmp_path).returncode == 2


def test_fail_on_threshold(small_repo, tmp_path):
    data_run = run("audit", small_repo.path, "--format", "json", "-q", cwd=tmp_path)
    assert data_run.returncode == 0
    data = json.loads((tmp_path / "cto-report" / "report.json").read_text())
    severities = [f["severity"] for a in data["repositories"][0]["areas"] for f in a["findings"]]
    order = ["info", "low", "medium", "high", "critical"]
    worst = max(order.index(s) for s in severities)
    fail = run("audit", small_repo.path, "-q", "--fail-on", order[worst], cwd=tmp_path)
    assert fail.returncode == 1
    if worst < len(order) - 1:
        ok = run("audit", small_repo.path, "-q", "--fail-on", order[worst + 1], cwd=tmp_path)
        assert ok.returncode == 0


def test_empty_repository_is_a_result(make_repo, tmp_path):
    empty = make_repo("empty")
    result = run("audit", empty.path, "--format", "json", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "cto-report" / "report.json").read_text())
    areas = data["repositories"][0]["areas"]
    assert areas and all(a["rating"] == "not_assessed" for a in areas)
    assert all("no commits" in a["not_assessed"][0]["reason"] for a in areas)


def test_shallow_clone_is_a_result(small_repo, tmp_path):
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{small_repo.path}", str(clone)], check=True
    )
    result = run("audit", clone, "--format", "json", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "cto-report" / "report.json").read_text())
    section = data["repositories"][0]
    assert section["shallow"] is True
    knowledge = next(a for a in section["areas"] if a["id"] == "knowledge")
    assert knowledge["rating"] == "not_assessed"
    assert "shallow" in knowledge["not_assessed"][0]["reason"]


def test_fsmonitor_in_repository_config_never_runs(small_repo, tmp_path):
    marker = tmp_path / "pwned"
    small_repo.git("config", "core.fsmonitor", f"touch {marker}; false")
    small_repo.git("config", "core.pager", f"touch {marker}; cat")
    assert run("audit", small_repo.path, "-q", cwd=tmp_path).returncode == 0
    assert not marker.exists()


def test_repository_strings_render_as_text_in_html(make_repo, tmp_path):
    # git strips < and > from author names, so the markup is planted in a path; the name carries
    # the characters git keeps that still break HTML attributes.
    repo = make_repo("evil")
    path = "<img src=x onerror=alert(1)>.py"
    name = 'Eve" onmouseover="alert(1) & co'
    for day in range(1, 4):
        repo.commit(
            {path: lines(30 + day)}, author=(name, "eve@example.com"), date=f"2025-01-0{day}"
        )
    assert run("audit", repo.path, "-q", cwd=tmp_path).returncode == 0
    html = (tmp_path / "cto-report" / "report.html").read_text()
    assert "&lt;img src=x onerror=alert(1)&gt;.py" in html
    assert "<img" not in html
    assert 'Eve" onmouseover' not in html
    assert "Eve&#34; onmouseover=&#34;alert(1) &amp; co" in html or "Eve&quot;" in html


def test_version(tmp_path):
    result = run("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("cto ")


def report_json(tmp_path):
    return json.loads((tmp_path / "cto-report" / "report.json").read_text())


def metric(data, area_id, metric_id):
    area = next(a for a in data["repositories"][0]["areas"] if a["id"] == area_id)
    return next(m["value"] for m in area["metrics"] if m["id"] == metric_id)


def test_workspace_aliases_file_merges_identities(make_repo, tmp_path):
    repo = make_repo("product")
    repo.commit({"a.py": lines(20)}, author=("Ada", "ada@company.example"), date="2025-01-06")
    repo.commit({"a.py": lines(25)}, author=("ada l", "ada@agency.example"), date="2025-01-07")
    run("audit", repo.path, "--format", "json", "-q", cwd=tmp_path)
    assert metric(report_json(tmp_path), "activity", "contributors") == 2
    (tmp_path / ".cto" / "aliases").write_text(
        "Ada Lovelace <ada@company.example>\n"
        "Ada Lovelace <ada@company.example> <ada@agency.example>\n"
    )
    run("audit", repo.path, "--format", "json", "-q", cwd=tmp_path)
    data = report_json(tmp_path)
    assert metric(data, "activity", "contributors") == 1
    assert "Ada Lovelace" in json.dumps(data)


def test_since_and_until_choose_the_commits_counted(small_repo, tmp_path):
    args = ("--format", "json", "-q", "--since", "2025-01-10", "--until", "2025-01-31")
    assert run("audit", small_repo.path, *args, cwd=tmp_path).returncode == 0
    data = report_json(tmp_path)
    assert data["repositories"][0]["commits"] == 1  # only the 2025-01-13 commit
    assert data["repositories"][0]["since"].startswith("2025-01-10")
    assert data["as_of"].startswith("2025-01-31T23:59:59")


def test_hostile_tree_binary_symlink_and_non_utf8_path(make_repo, tmp_path):
    repo = make_repo("odd")
    repo.commit(
        {b"caf\xe9.py": lines(12), "logo.png": b"\x89PNG\r\n\x1a\n\x00\x00binary", "b.py": "x\n"},
        date="2025-01-06",
    )
    (repo.path / "passwd").symlink_to("/etc/passwd")
    repo.git("add", "passwd")
    repo.commit({"b.py": "y\n"}, date="2025-01-07")
    result = run("audit", repo.path, "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = report_json(tmp_path)
    Draft202012Validator(schema()).validate(data)
    text = json.dumps(data)
    assert "caf\\\\xe9.py" in text  # shown with the undecodable byte spelled out
    assert "root:x:0:0" not in text  # the symlink target is never read
    assert metric(data, "knowledge", "files") == 3  # caf\xe9.py, logo.png, b.py; not the symlink
    assert "caf\\xe9.py" in (tmp_path / "cto-report" / "report.html").read_text()
    assert "caf\\\\xe9.py" in (tmp_path / "cto-report" / "report.md").read_text()  # \\ escaped


def test_unreadable_history_is_one_line_and_leaves_no_workspace(small_repo, tmp_path):
    # A damaged clone: HEAD resolves, but a blob an old commit changed is gone.
    blob = small_repo.git("rev-parse", "HEAD~2:app.py").strip()
    (small_repo.path / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    result = run("audit", small_repo.path, "-q", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("cto: error: ")
    assert blob in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert not (tmp_path / ".cto").exists()
    assert not (tmp_path / "cto-report").exists()


def test_existing_workspace_is_kept_when_an_audit_fails(small_repo, tmp_path):
    assert run("audit", small_repo.path, "-q", cwd=tmp_path).returncode == 0
    blob = small_repo.git("rev-parse", "HEAD~2:app.py").strip()
    (small_repo.path / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    small_repo.commit({"new.py": "x\n"}, date="2025-02-10")
    other = tmp_path / "other-ws"
    assert run("audit", small_repo.path, "-q", "--workspace", other, cwd=tmp_path).returncode == 2
    assert not other.exists()
    assert (tmp_path / ".cto" / "cto.db").exists()


@pytest.mark.parametrize(
    "args",
    [("audit",), ("adr", "show"), ("engagement", "start", "bogus"), ("vendor", "add"),
     ("export", "--bogus"), ("advise", "nonsense"), ("hire", "candidate", "move"),
     ("risk", "add", "x", "--likelihood", "abc", "--impact", "2"), ("check",)],
)  # fmt: skip
def test_usage_errors_of_every_command_are_one_line(args, tmp_path):
    from typer.testing import CliRunner

    from cto.cli import app

    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 2
    lines_out = result.stderr.strip().splitlines()
    assert len(lines_out) == 1 and lines_out[0].startswith("cto: error: "), result.stderr
    assert lines_out[0].endswith("--help)")


def test_incremental_audit_with_progress_shown_equals_a_fresh_full_audit(small_repo, tmp_path):
    assert run("audit", small_repo.path, "--until", "2025-03-01", cwd=tmp_path).returncode == 0
    small_repo.commit({"lib.py": lines(14), "api.py": lines(8)}, date="2025-02-10")
    again = run("audit", small_repo.path, "--until", "2025-03-01", cwd=tmp_path)  # forked worker
    assert again.returncode == 0, again.stderr
    fresh = run(
        "audit", small_repo.path, "--until", "2025-03-01", "-q", "--workspace", "fresh",
        "--out", "fresh-report", cwd=tmp_path,
    )  # fmt: skip
    assert fresh.returncode == 0, fresh.stderr

    def comparable(path: Path) -> dict:
        data = json.loads(path.read_text())
        data.pop("generated_at")
        for section in data["repositories"]:
            assert section.pop("incremental") is (path.parent.name == "cto-report")
        return data

    assert comparable(tmp_path / "cto-report" / "report.json") == comparable(
        tmp_path / "fresh-report" / "report.json"
    )


def test_unreadable_new_commits_are_one_line_and_keep_the_workspace(small_repo, tmp_path):
    assert run("audit", small_repo.path, "-q", cwd=tmp_path).returncode == 0
    small_repo.commit({"new.py": lines(5)}, date="2025-02-10")
    small_repo.commit({"new.py": lines(7)}, date="2025-02-11")
    blob = small_repo.git("rev-parse", "HEAD~1:new.py").strip()
    (small_repo.path / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    result = run("audit", small_repo.path, "-q", cwd=tmp_path)  # read by the forked worker
    assert result.returncode == 2
    assert result.stderr.startswith("cto: error: ")
    assert blob in result.stderr
    assert result.stderr.strip().count("\n") == 0
    import sqlite3

    with sqlite3.connect(tmp_path / ".cto" / "cto.db") as db:
        assert db.execute("select count(*) from audits").fetchone() == (1,)


def test_bots_are_listed_and_left_out_of_people_metrics(make_repo, tmp_path):
    bot = ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")
    repo = make_repo("product")
    repo.commit({"app.py": lines(40), "requirements.txt": "flask==2.0\n"}, date="2025-01-06")
    for day in range(7, 12):
        repo.commit(
            {"requirements.txt": f"flask==2.{day}\n"}, author=bot, date=f"2025-01-{day:02d}"
        )
    result = run("audit", repo.path, "-q", "--until", "2025-03-01", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = report_json(tmp_path)
    Draft202012Validator(schema()).validate(data)
    assert metric(data, "activity", "commits") == 1
    assert metric(data, "activity", "contributors") == 1
    activity = next(a for a in data["repositories"][0]["areas"] if a["id"] == "activity")
    tables = {t["id"]: t for t in activity["tables"]}
    assert tables["automated"]["rows"] == [["dependabot[bot]", 5, "automated: name-suffix [bot]"]]
    assert [row[0] for row in tables["contributors"]["rows"]] == ["Ada Lovelace"]
    assert "5 commits by automated accounts (bots) are not counted" in activity["summary"]
    assert "dependabot" not in json.dumps(
        [a for a in data["repositories"][0]["areas"] if a["id"] != "activity"]
    )
    html = (tmp_path / "cto-report" / "report.html").read_text()
    assert "Automated accounts left out" in html and "dependabot[bot]" in html


def test_the_command_line_starts_without_the_audit_sqlalchemy_or_pydantic():
    code = (
        "import sys; import cto.cli; "
        "print(sorted({m.split('.')[0] if not m.startswith('cto.') else m for m in sys.modules "
        "if m.split('.')[0] in ('sqlalchemy', 'pydantic', 'jinja2', 'lizard') "
        "or m in ('cto.audit', 'cto.check', 'cto.pipeline', 'cto.record.workspace')}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"  # each command imports what it needs when it runs
