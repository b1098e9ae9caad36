"""Fixtures for the workspace tests: an open workspace and audit records to save."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cto.findings import Finding
from cto.record import AuditRecord, Workspace

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """An open workspace in a fresh directory."""
    with Workspace.open(tmp_path / ".cto") as opened:
        yield opened


@pytest.fixture
def make_audit() -> Callable[..., AuditRecord]:
    """A factory of audit records; ``minutes`` orders them in time."""

    def factory(
        key: str = "demo",
        *,
        minutes: int = 0,
        head: str | None = None,
        findings: Sequence[Finding] = (),
        incremental: bool = False,
        commit_count: int = 0,
    ) -> AuditRecord:
        finished = T0 + timedelta(minutes=minutes)
        return AuditRecord(
            repository_key=key,
            location=f"/repos/{key}",
            name=key,
            head=head,
            since=None,
            until=None,
            as_of=finished,
            started_at=finished - timedelta(seconds=5),
            finished_at=finished,
            commit_count=commit_count,
            incremental=incremental,
            facts={"commits": commit_count},
            findings=findings,
            report={"repository": key, "minutes": minutes},
        )

    return factory
