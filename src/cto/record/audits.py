"""Saved audits: what one audit leaves in the workspace, and the queries that read it back.

Functions here work inside the caller's session; :class:`~cto.record.workspace.Workspace` owns
sessions, transactions and error messages.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from cto.findings import Effort, Finding, Severity
from cto.record.history import HistoryUpdate, update_history
from cto.record.models import Audit, FindingRow, Repository


@dataclass(frozen=True)
class AuditRecord:
    """One finished audit, as handed to :meth:`~cto.record.workspace.Workspace.save_audit`.

    Attributes:
        repository_key: stable key of the audited repository.
        location: where it was read from (a path or URL).
        name: its display name.
        head: the audited commit, ``None`` for an empty repository.
        since: start of the history window, if any.
        until: end of the history window, if any.
        as_of: the moment the audit describes (ages and activity are measured to it).
        started_at: when the audit began.
        finished_at: when it ended.
        commit_count: commits analysed.
        incremental: True when only new commits were read from git.
        facts: the measured facts, JSON-able.
        findings: the findings.
        report: the report model, JSON-able.
    """

    repository_key: str
    location: str
    name: str
    head: str | None
    since: datetime | None
    until: datetime | None
    as_of: datetime
    started_at: datetime
    finished_at: datetime
    commit_count: int
    incremental: bool
    facts: Mapping[str, Any]
    findings: Sequence[Finding]
    report: Mapping[str, Any]


@dataclass(frozen=True)
class StoredAudit:
    """A summary of a saved audit, as :func:`list_audits` lists it."""

    id: int
    repository_key: str
    name: str
    head: str | None
    finished_at: datetime
    commit_count: int
    incremental: bool
    finding_count: int
    worst_severity: str | None


def save_audit(
    session: Session, audit: AuditRecord, history: HistoryUpdate | None, now: datetime
) -> int:
    """Add ``audit``, its findings and the history cache update; return the audit's id."""
    repository = _repository(session, audit, now)
    if history is not None:
        update_history(session, repository, history, now)
    row = _audit_row(repository, audit)
    session.add(row)
    session.flush()
    return row.id


def list_audits(session: Session, repository_key: str | None) -> list[StoredAudit]:
    """Saved audits, newest first; only those of ``repository_key`` when given."""
    query = (
        select(
            Audit.id,
            Repository.key,
            Repository.name,
            Audit.head,
            Audit.finished_at,
            Audit.commit_count,
            Audit.incremental,
            Audit.finding_count,
            Audit.worst_severity,
        )
        .join(Repository)
        .order_by(Audit.finished_at.desc(), Audit.id.desc())
    )
    if repository_key is not None:
        query = query.where(Repository.key == repository_key)
    return [StoredAudit(*row) for row in session.execute(query)]


def latest(column: Any, repository_key: str) -> Select[Any]:
    """The query of ``column`` of the newest audit of ``repository_key``."""
    return (
        select(column)
        .join(Repository)
        .where(Repository.key == repository_key)
        .order_by(Audit.finished_at.desc(), Audit.id.desc())
        .limit(1)
    )


def _repository(session: Session, audit: AuditRecord, now: datetime) -> Repository:
    repository = session.scalar(select(Repository).where(Repository.key == audit.repository_key))
    if repository is None:
        repository = Repository(key=audit.repository_key, created_at=now)
        session.add(repository)
    repository.location = audit.location
    repository.name = audit.name
    session.flush()
    return repository


def _audit_row(repository: Repository, audit: AuditRecord) -> Audit:
    severities = [Severity(finding.severity) for finding in audit.findings]
    worst = max(severities, key=lambda severity: severity.rank, default=None)
    return Audit(
        repository=repository,
        head=audit.head,
        since=audit.since,
        until=audit.until,
        as_of=audit.as_of,
        started_at=audit.started_at,
        finished_at=audit.finished_at,
        commit_count=audit.commit_count,
        incremental=audit.incremental,
        finding_count=len(audit.findings),
        worst_severity=worst.value if worst else None,
        facts=dict(audit.facts),
        report=dict(audit.report),
        findings=[_finding_row(finding) for finding in audit.findings],
    )


def _finding_row(finding: Finding) -> FindingRow:
    return FindingRow(
        finding_id=finding.id,
        rule=finding.rule,
        area=finding.area,
        severity=Severity(finding.severity).value,
        title=finding.title,
        impact=finding.impact,
        recommendation=finding.recommendation,
        effort=Effort(finding.effort).value,
        repository=finding.repository,
        evidence=[dataclasses.asdict(item) for item in finding.evidence],
    )
