"""The audit library: incremental audits equal full audits of the same range."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pytest

from cto.audit import AuditWindow, audit_repository
from cto.record.workspace import Workspace
from cto.reports.json_report import report_to_dict
from cto.sources.git import GitRepository
from repo_builder import lines

WINDOW = AuditWindow(
    since=None, until=datetime(2025, 6, 30, tzinfo=UTC), now=datetime(2025, 7, 1, tzinfo=UTC)
)
ALICE = ("Alice", "alice@example.com")
BOB = ("Bob", "bob@example.com")


def audit(path, workspace_dir, spy=None, parallel=True):
    """Audit ``path``; a ``spy`` list collects the commits read from git (in this process)."""
    repo = GitRepository.open(path)
    if spy is not None:
        original = repo.read_history

        def counting(shas, **kwargs):
            spy.extend(shas)
            return original(shas, **kwargs)

        repo.read_history = counting  # type: ignore[method-assign]
    with Workspace.open(workspace_dir) as ws:
        return audit_repository(repo, ws, WINDOW, parallel=parallel and spy is None)


def comparable(report):
    data = report_to_dict(report)
    data.pop("generated_at")
    for section in data["repositories"]:
        section.pop("incremental")
    return data


def build_history(repo):
    repo.commit({"core.py": lines(30), "api.py": lines(20)}, author=ALICE, date="2025-01-06")
    for week in range(2, 8):
        repo.commit(
            {"core.py": lines(30 + week), "api.py": lines(20 + week)},
            author=ALICE if week % 2 else BOB,
            date=f"2025-02-{week:02d}",
        )
    repo.checkout("feature", create=True)
    repo.commit({"feature.py": lines(12)}, author=BOB, date="2025-02-20")
    repo.checkout("main")
    repo.merge("feature", author=ALICE, date="2025-02-21")


def test_incremental_audit_reads_only_new_commits_and_equals_full(make_repo, tmp_path):
    repo = make_repo("product")
    build_history(repo)
    first_read: list[str] = []
    audit(repo.path, tmp_path / "ws", first_read)
    assert len(first_read) == len(repo.shas)

    before = len(repo.shas)
    repo.commit(
        {"core.py": lines(45)}, author=BOB, date="2025-03-03", renames={"api.py": "src/api.py"}
    )
    repo.commit({"src/api.py": lines(33), "core.py": lines(46)}, author=ALICE, date="2025-03-10")
    second_read: list[str] = []
    section, incremental = audit(repo.path, tmp_path / "ws", second_read)
    assert section.incremental is True
    assert second_read == list(reversed(repo.shas[before:]))

    _, full = audit(repo.path, tmp_path / "fresh-ws")
    assert full.repositories[0].incremental is False
    assert comparable(incremental) == comparable(full)


def test_rewritten_history_falls_back_to_a_full_read(make_repo, tmp_path):
    repo = make_repo("product")
    build_history(repo)
    audit(repo.path, tmp_path / "ws")
    repo.git("reset", "-q", "--hard", "HEAD~2")
    repo.commit({"other.py": lines(5)}, author=BOB, date="2025-03-01")
    read: list[str] = []
    section, report = audit(repo.path, tmp_path / "ws", read)
    assert section.incremental is False
    assert len(read) == len(repo.git("rev-list", "HEAD").split())
    _, full = audit(repo.path, tmp_path / "fresh-ws")
    assert comparable(report) == comparable(full)


@pytest.mark.parametrize("count", [1, 3])
def test_each_audit_is_recorded(make_repo, tmp_path, count):
    repo = make_repo("product")
    build_history(repo)
    for _ in range(count):
        audit(repo.path, tmp_path / "ws")
    with Workspace.open(tmp_path / "ws") as ws:
        audits = ws.list_audits()
    assert len(audits) == count
    assert all(a.head == repo.shas[-1] for a in audits)
    assert audits[0].commit_count == len(repo.shas)


def test_incremental_audit_searches_only_new_commits_for_secrets(make_repo, tmp_path, monkeypatch):
    import hashlib

    import cto.sources.secrets as secrets

    key = "sk" + "_live_" + hashlib.sha256(b"cto-incremental").hexdigest()[:24]
    repo = make_repo("leaky")
    repo.commit({"settings.py": f'STRIPE = "{key}"\n', "app.py": lines(10)}, date="2025-01-06")
    repo.commit({"settings.py": "STRIPE = None\n"}, date="2025-01-07")  # gone from the files
    searched: list[list[str]] = []
    original = secrets.hits_in_lines

    def recording(lines_, shas, **kwargs):
        searched.append(list(shas))
        return original(lines_, shas, **kwargs)

    def second_diff(*args, **kwargs):
        raise AssertionError("the audit asked git for the same diffs twice")

    monkeypatch.setattr(secrets, "hits_in_lines", recording)
    monkeypatch.setattr(secrets, "scan_history", second_diff)
    audit(repo.path, tmp_path / "ws")
    new = repo.commit({"app.py": lines(12)}, author=BOB, date="2025-01-08")
    _, incremental = audit(repo.path, tmp_path / "ws", parallel=False)  # calls recorded here
    assert searched == [list(reversed(repo.shas[:2])), [new]]  # all, then only the new commit
    _, full = audit(repo.path, tmp_path / "fresh-ws")
    assert comparable(incremental) == comparable(full)
    area = next(a for a in incremental.repositories[0].areas if a.id == "secrets")
    assert [f.rule for f in area.findings] == ["secrets.in-history"]


def test_an_incremental_audit_in_a_worker_equals_one_in_this_process_and_a_full_one(
    make_repo, tmp_path
):
    repo = make_repo("product")
    build_history(repo)
    audit(repo.path, tmp_path / "ws")
    shutil.copytree(tmp_path / "ws", tmp_path / "ws-here")
    repo.commit(
        {"core.py": lines(45)}, author=BOB, date="2025-03-03", renames={"api.py": "src/api.py"}
    )
    repo.commit({"src/api.py": lines(33), "core.py": lines(46)}, author=ALICE, date="2025-03-10")
    section, forked = audit(repo.path, tmp_path / "ws")
    here_section, here = audit(repo.path, tmp_path / "ws-here", parallel=False)
    _, full = audit(repo.path, tmp_path / "fresh-ws")
    assert section.incremental and here_section.incremental
    assert comparable(forked) == comparable(here) == comparable(full)
    for directory in ("ws", "ws-here"):  # the same history cache saved either way
        with Workspace.open(tmp_path / directory) as ws:
            cached = ws.load_history(str(repo.path))
        assert cached is not None
        assert [c.sha for c in cached.commits] == list(reversed(repo.shas))


def test_a_failing_worker_leaves_the_workspace_as_it_was(make_repo, tmp_path, monkeypatch):
    import cto.audit_history as audit_history
    from cto.errors import SourceError

    repo = make_repo("product")
    build_history(repo)
    audit(repo.path, tmp_path / "ws")
    repo.commit({"core.py": lines(45)}, author=BOB, date="2025-03-03")

    def broken(*args, **kwargs):
        raise SourceError("git log failed: unable to read 02711d86")

    monkeypatch.setattr(audit_history, "build_history_facts", broken)
    with pytest.raises(SourceError, match="unable to read"):
        audit(repo.path, tmp_path / "ws")
    with Workspace.open(tmp_path / "ws") as ws:
        assert len(ws.list_audits()) == 1
        cached = ws.load_history(str(repo.path))
    assert cached is not None and cached.head == repo.shas[-2]
