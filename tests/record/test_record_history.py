"""The history cache: replaced, extended in front with a base check, loaded exactly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from record_samples import commit, history

from cto.errors import WorkspaceError
from cto.record import AuditRecord, HistoryUpdate, Workspace
from cto.record import history as history_module
from cto.sources.interface import FileChange, RawCommit

Audit = Callable[..., AuditRecord]


def test_nothing_cached_yet(workspace: Workspace) -> None:
    assert workspace.load_history("demo") is None


def test_replace_then_prepend(workspace: Workspace, make_audit: Audit) -> None:
    first = history(10)
    workspace.save_audit(make_audit(), HistoryUpdate("/repos/demo", first[0].sha, first))
    newer = history(13, oldest=11)
    update = HistoryUpdate("/repos/demo", newer[0].sha, newer, base=first[0].sha)
    workspace.save_audit(make_audit(minutes=1, incremental=True), update)
    cached = workspace.load_history("demo")
    assert cached is not None
    assert cached.head == commit(13).sha
    assert list(cached.commits) == newer + first


def test_replace_discards_the_old_cache(workspace: Workspace, make_audit: Audit) -> None:
    workspace.save_audit(make_audit(), HistoryUpdate("/r", commit(5).sha, history(5)))
    rewritten = history(103, oldest=100)
    workspace.save_audit(make_audit(minutes=1), HistoryUpdate("/r", "f" * 40, rewritten))
    cached = workspace.load_history("demo")
    assert cached is not None
    assert cached.head == "f" * 40
    assert list(cached.commits) == rewritten


def test_prepend_with_a_mismatched_base_fails(workspace: Workspace, make_audit: Audit) -> None:
    workspace.save_audit(make_audit(), HistoryUpdate("/r", commit(3).sha, history(3)))
    update = HistoryUpdate("/r", commit(5).sha, history(5, oldest=4), base=commit(2).sha)
    with pytest.raises(WorkspaceError, match="base"):
        workspace.save_audit(make_audit(minutes=1), update)
    cached = workspace.load_history("demo")
    assert cached is not None
    assert cached.head == commit(3).sha
    assert len(workspace.list_audits()) == 1


def test_prepend_without_a_cache_fails(workspace: Workspace, make_audit: Audit) -> None:
    update = HistoryUpdate("/r", commit(2).sha, history(2), base=commit(1).sha)
    with pytest.raises(WorkspaceError, match="no history"):
        workspace.save_audit(make_audit(), update)
    assert workspace.list_audits() == []


def test_prepend_nothing_new_keeps_the_cache(workspace: Workspace, make_audit: Audit) -> None:
    workspace.save_audit(make_audit(), HistoryUpdate("/r", commit(3).sha, history(3)))
    unchanged = HistoryUpdate("/r", commit(3).sha, [], base=commit(3).sha)
    workspace.save_audit(make_audit(minutes=1), unchanged)
    cached = workspace.load_history("demo")
    assert cached is not None
    assert list(cached.commits) == history(3)


def test_non_utf8_text_and_binary_counts(workspace: Workspace, make_audit: Audit) -> None:
    path = b"docs/r\xe9sum\xe9.pdf".decode("utf-8", "surrogateescape")
    odd = RawCommit(
        "c" * 40, (), "M\udcfcller", "m@x", 7, (FileChange(path, "old\udcff", None, None),)
    )
    workspace.save_audit(make_audit(), HistoryUpdate("/r", odd.sha, [odd]))
    cached = workspace.load_history("demo")
    assert cached is not None
    assert cached.commits == (odd,)


def test_many_prepends_are_merged(
    workspace: Workspace, make_audit: Audit, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history_module, "MAX_SEGMENTS", 3)
    workspace.save_audit(make_audit(), HistoryUpdate("/r", commit(1).sha, history(1)))
    for n in range(2, 9):
        update = HistoryUpdate(
            "/r", commit(n).sha, [commit(n, parent=n - 1)], base=commit(n - 1).sha
        )
        workspace.save_audit(make_audit(minutes=n), update)
    cached = workspace.load_history("demo")
    assert cached is not None
    assert list(cached.commits) == history(8)
    with workspace._engine.connect() as connection:
        segments = connection.exec_driver_sql("SELECT count(*) FROM history_segments").scalar()
    assert segments == 2


def test_caches_are_per_repository(workspace: Workspace, make_audit: Audit) -> None:
    workspace.save_audit(make_audit("one"), HistoryUpdate("/one", commit(2).sha, history(2)))
    workspace.save_audit(make_audit("two"), HistoryUpdate("/two", commit(9).sha, [commit(9)]))
    one, two = workspace.load_history("one"), workspace.load_history("two")
    assert one is not None and two is not None
    assert (len(one.commits), len(two.commits)) == (2, 1)


def test_forty_thousand_commits_round_trip(tmp_path: Path, make_audit: Audit) -> None:
    commits = history(40_000)
    with Workspace.open(tmp_path / ".cto") as workspace:
        workspace.save_audit(make_audit(), HistoryUpdate("/r", commits[0].sha, commits))
    with Workspace.open(tmp_path / ".cto") as workspace:
        cached = workspace.load_history("demo")
    assert cached is not None and list(cached.commits) == commits
