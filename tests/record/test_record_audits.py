"""Saving and listing audits: one transaction each, newest first, safe with two writers."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from record_samples import commit, finding, history
from sqlalchemy.exc import SQLAlchemyError

from cto.errors import WorkspaceError
from cto.findings import Evidence, Severity
from cto.record import AuditRecord, HistoryUpdate, Workspace
from cto.record import audits as audits_module

Audit = Callable[..., AuditRecord]


def _count(workspace: Workspace, table: str) -> int:
    with workspace._engine.connect() as connection:
        return int(connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one())


def test_save_and_read_back(workspace: Workspace, make_audit: Audit) -> None:
    findings = [finding(Severity.LOW, "a"), finding(Severity.HIGH, "b"), finding(subject="c")]
    audit_id = workspace.save_audit(make_audit(head="ab" * 20, findings=findings), None)
    (stored,) = workspace.list_audits()
    assert stored.id == audit_id
    assert (stored.repository_key, stored.name, stored.head) == ("demo", "demo", "ab" * 20)
    assert (stored.finding_count, stored.worst_severity) == (3, "high")
    assert stored.finished_at == make_audit().finished_at
    assert workspace.audit_report(audit_id) == {"repository": "demo", "minutes": 0}
    assert _count(workspace, "findings") == 3


def test_no_findings_has_no_worst_severity(workspace: Workspace, make_audit: Audit) -> None:
    workspace.save_audit(make_audit(), None)
    (stored,) = workspace.list_audits()
    assert (stored.finding_count, stored.worst_severity) == (0, None)


def test_list_is_newest_first_and_filtered(workspace: Workspace, make_audit: Audit) -> None:
    workspace.save_audit(make_audit("one", minutes=5, commit_count=50), None)
    workspace.save_audit(make_audit("two", minutes=9, findings=[finding()]), None)
    workspace.save_audit(make_audit("one", minutes=1, incremental=True), None)
    listed = workspace.list_audits()
    assert [(a.repository_key, a.finished_at.minute) for a in listed] == [
        ("two", 9),
        ("one", 5),
        ("one", 1),
    ]
    assert [a.commit_count for a in workspace.list_audits("one")] == [50, 0]
    assert [a.incremental for a in workspace.list_audits("one")] == [False, True]
    assert workspace.list_audits("three") == []


def test_times_in_other_zones_are_ordered_by_instant(
    workspace: Workspace, make_audit: Audit
) -> None:
    early = make_audit(minutes=0)
    east = timezone(timedelta(hours=5))
    later = make_audit(minutes=30)
    # 12:30 UTC written as 17:30+05:00 still sorts after 12:00 UTC and reads back as UTC.
    later = AuditRecord(**{**later.__dict__, "finished_at": later.finished_at.astimezone(east)})
    workspace.save_audit(later, None)
    workspace.save_audit(early, None)
    first, second = workspace.list_audits()
    assert first.finished_at == later.finished_at
    assert first.finished_at.utcoffset() == timedelta(0)
    assert second.finished_at == early.finished_at


def test_naive_times_are_refused(workspace: Workspace, make_audit: Audit) -> None:
    audit = make_audit()
    naive = AuditRecord(**{**audit.__dict__, "as_of": datetime(2024, 1, 1)})
    with pytest.raises(WorkspaceError, match="naive datetime"):
        workspace.save_audit(naive, None)
    assert workspace.list_audits() == []


def test_unknown_audit_report(workspace: Workspace) -> None:
    with pytest.raises(WorkspaceError, match="no audit 42"):
        workspace.audit_report(42)


def test_failed_finding_insert_writes_nothing(workspace: Workspace, make_audit: Audit) -> None:
    workspace.save_audit(make_audit(), HistoryUpdate("/r", commit(3).sha, history(3)))
    broken = finding(subject="broken")
    object.__setattr__(broken, "evidence", (Evidence("file", object()),))  # type: ignore[arg-type]
    update = HistoryUpdate("/r", commit(5).sha, history(5, oldest=4), base=commit(3).sha)
    with pytest.raises(WorkspaceError, match="cannot save audit"):
        workspace.save_audit(make_audit("demo", minutes=1, findings=[finding(), broken]), update)
    assert len(workspace.list_audits()) == 1
    assert _count(workspace, "findings") == 0
    cached = workspace.load_history("demo")
    assert cached is not None
    assert (cached.head, list(cached.commits)) == (commit(3).sha, history(3))


def test_failure_after_history_update_writes_nothing(
    workspace: Workspace, make_audit: Audit, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise SQLAlchemyError("disk full")

    monkeypatch.setattr(audits_module, "_audit_row", fail)
    with pytest.raises(WorkspaceError, match="disk full"):
        workspace.save_audit(make_audit(), HistoryUpdate("/r", commit(2).sha, history(2)))
    assert workspace.load_history("demo") is None
    assert _count(workspace, "repositories") == 0


def test_two_workspaces_on_one_file_write_alternately(tmp_path: Path, make_audit: Audit) -> None:
    with Workspace.open(tmp_path / ".cto") as first, Workspace.open(tmp_path / ".cto") as second:
        for n in range(1, 11):
            writer = first if n % 2 else second
            base = commit(n - 1).sha if n > 1 else None
            update = HistoryUpdate("/r", commit(n).sha, [commit(n, parent=n - 1)], base=base)
            writer.save_audit(make_audit(minutes=n), update)
            assert len(second.list_audits()) == len(first.list_audits()) == n
        cached = first.load_history("demo")
    assert cached is not None and cached.head == commit(10).sha
    assert [c.sha for c in cached.commits] == [commit(n).sha for n in range(10, 0, -1)]


def test_two_workspaces_writing_at_once(tmp_path: Path, make_audit: Audit) -> None:
    errors: list[BaseException] = []

    def write(key: str) -> None:
        try:
            with Workspace.open(tmp_path / ".cto") as workspace:
                for n in range(15):
                    workspace.save_audit(make_audit(key, minutes=n, findings=[finding()]), None)
        except BaseException as error:
            errors.append(error)

    Workspace.open(tmp_path / ".cto").close()
    threads = [threading.Thread(target=write, args=(key,)) for key in ("one", "two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Workspace.open(tmp_path / ".cto") as workspace:
        assert len(workspace.list_audits()) == 30
        assert _count(workspace, "findings") == 30


def test_latest_facts_are_the_newest_audits_of_that_repository(tmp_path) -> None:
    from datetime import UTC, datetime, timedelta

    from cto.record.workspace import AuditRecord, Workspace

    def record(key: str, minute: int, marker: str) -> AuditRecord:
        when = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=minute)
        return AuditRecord(
            repository_key=key, location=key, name=key, head="h", since=None, until=None,
            as_of=when, started_at=when, finished_at=when, commit_count=1, incremental=False,
            facts={"marker": marker}, findings=(), report={},
        )  # fmt: skip

    with Workspace.open(tmp_path / ".cto") as ws:
        assert ws.latest_facts("/a") is None
        ws.save_audit(record("/a", 1, "first"), None)
        ws.save_audit(record("/a", 3, "third"), None)
        ws.save_audit(record("/b", 5, "other repository"), None)
        ws.save_audit(record("/a", 2, "second"), None)
        assert ws.latest_facts("/a") == {"marker": "third"}
        assert ws.latest_facts("/b") == {"marker": "other repository"}
        assert ws.latest_fact("/a", "marker") == "third"  # extracted by the database
        assert ws.latest_fact("/a", "missing") is None
        assert ws.latest_fact("/c", "marker") is None
        nested = {"head": "h", "hits": [{"path": "caf\udce9.py", "line": 2}], "commits": 2**40}
        ws.save_audit(
            dataclasses.replace(record("/a", 9, "ninth"), facts={"secret_scan": nested}), None
        )
        assert ws.latest_fact("/a", "secret_scan") == nested
