"""The engagement workspace: one database holding every audit and each repository's history cache.

By default a workspace is a directory with one SQLite file, ``cto.db``; a ``url`` points the same
code and migrations at another database (PostgreSQL for a shared server).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from cto.errors import WorkspaceError
from cto.findings import Effort, Finding, Severity
from cto.record import db
from cto.record.history import (
    CachedHistory,
    HistoryUpdate,
    StoredHistory,
    load_history,
    load_stored_history,
    update_history,
)
from cto.record.measures import WorkspaceMeasures
from cto.record.models import Audit, FindingRow, Repository
from cto.record.vulndb import VulnerabilityDatabase

if TYPE_CHECKING:
    from cto.record.store import RecordStore

__all__ = [
    "AuditRecord",
    "CachedHistory",
    "HistoryUpdate",
    "StoredAudit",
    "Workspace",
    "WorkspaceMeasures",
]

DATABASE_NAME = "cto.db"
ALIASES_NAME = "aliases"
_DATABASE_ERRORS = (SQLAlchemyError, db.MigrationError, OSError)


@dataclass(frozen=True)
class AuditRecord:
    """One finished audit, as handed to :meth:`Workspace.save_audit`.

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
    """A summary of a saved audit, as listed by :meth:`Workspace.list_audits`."""

    id: int
    repository_key: str
    name: str
    head: str | None
    finished_at: datetime
    commit_count: int
    incremental: bool
    finding_count: int
    worst_severity: str | None


class Workspace:
    """An open workspace. Use :meth:`open`; close it, or use it as a context manager."""

    def __init__(self, directory: Path, engine: Engine) -> None:
        self.directory = directory
        self._engine = engine
        self._writer = engine.execution_options(**{db.WRITE: True})

    @classmethod
    def open(cls, directory: Path, *, url: str | None = None) -> Workspace:
        """Open the workspace in ``directory``, creating it and migrating its database to head.

        Raises:
            WorkspaceError: the directory cannot be created or written, or the database cannot
                be opened or migrated (for instance a file that is not a database).
        """
        _prepare_directory(directory)
        engine: Engine | None = None
        try:
            engine = db.make_engine(url or db.sqlite_url(directory / DATABASE_NAME))
            if not db.at_head(engine):
                db.upgrade(engine)
        except _DATABASE_ERRORS as error:
            if engine is not None:
                engine.dispose()
            where = db.display_url(url) if url else directory / DATABASE_NAME
            raise WorkspaceError(f"cannot open workspace {where}: {db.one_line(error)}") from error
        return cls(directory, engine)

    @classmethod
    def read_only(cls, url: str, directory: Path) -> Workspace:
        """Open the database at ``url`` to read it: nothing is created, nothing migrated.

        For commands that promise never to write (``cto check``).

        Raises:
            WorkspaceError: the database cannot be reached, or is not a cto workspace at this
                version's schema.
        """
        where = db.display_url(url)
        engine: Engine | None = None
        try:
            engine = db.make_engine(url)
            current = db.at_head(engine)
        except _DATABASE_ERRORS as error:
            if engine is not None:
                engine.dispose()
            raise WorkspaceError(f"cannot open workspace {where}: {db.one_line(error)}") from error
        if not current:
            engine.dispose()
            raise WorkspaceError(
                f"{where} is not a workspace of this cto version (run cto audit or cto vulndb "
                "import with --db first; a check never migrates a database)"
            )
        return cls(directory, engine)

    @property
    def aliases_path(self) -> Path:
        """The identity aliases file users write, in mailmap syntax (it may not exist)."""
        return self.directory / ALIASES_NAME

    @property
    def vulndb(self) -> VulnerabilityDatabase:
        """The workspace's vulnerability database (OSV records, imported from files)."""
        return VulnerabilityDatabase(self._engine, self._writer)

    def load_history(self, repository_key: str) -> CachedHistory | None:
        """The cached history of a repository, or ``None`` when nothing is cached yet."""
        try:
            with Session(self._engine) as session:
                return load_history(session, repository_key)
        except _DATABASE_ERRORS as error:
            raise WorkspaceError(f"cannot read history cache: {db.one_line(error)}") from error

    def load_stored_history(self, repository_key: str) -> StoredHistory | None:
        """The history cache of a repository as stored, to decode later (``None``: none yet)."""
        try:
            with Session(self._engine) as session:
                return load_stored_history(session, repository_key)
        except _DATABASE_ERRORS as error:
            raise WorkspaceError(f"cannot read history cache: {db.one_line(error)}") from error

    def save_audit(self, audit: AuditRecord, history: HistoryUpdate | None) -> int:
        """Save an audit, its findings and the history cache update in one transaction.

        Returns:
            The id of the saved audit.

        Raises:
            WorkspaceError: nothing was written (a mismatched history base, a value that cannot
                be stored, or a database failure).
        """
        now = datetime.now(UTC)
        try:
            with Session(self._writer) as session, session.begin():
                repository = _repository(session, audit, now)
                if history is not None:
                    update_history(session, repository, history, now)
                row = _audit_row(repository, audit)
                session.add(row)
                session.flush()
                return row.id
        except _DATABASE_ERRORS as error:
            raise WorkspaceError(f"cannot save audit: {db.one_line(error)}") from error

    def list_audits(self, repository_key: str | None = None) -> list[StoredAudit]:
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
        try:
            with Session(self._engine) as session:
                return [StoredAudit(*row) for row in session.execute(query)]
        except _DATABASE_ERRORS as error:
            raise WorkspaceError(f"cannot list audits: {db.one_line(error)}") from error

    def audit_report(self, audit_id: int) -> dict[str, Any]:
        """The stored report of an audit.

        Raises:
            WorkspaceError: there is no audit with that id.
        """
        try:
            with Session(self._engine) as session:
                report = session.scalar(select(Audit.report).where(Audit.id == audit_id))
        except _DATABASE_ERRORS as error:
            raise WorkspaceError(f"cannot read audit {audit_id}: {db.one_line(error)}") from error
        if report is None:
            raise WorkspaceError(f"no audit {audit_id} in workspace {self.directory}")
        return dict(report)

    def latest_facts(self, repository_key: str) -> dict[str, Any] | None:
        """The stored facts of the newest audit of ``repository_key``, or ``None`` if none.

        Incremental passes read what the previous audit measured (for example the secrets found
        in history) instead of reading all of history again.
        """
        facts = self._latest(repository_key, Audit.facts)
        return None if facts is None else dict(facts)

    def latest_fact(self, repository_key: str, name: str) -> Any:
        """One part of :meth:`latest_facts` (``None`` when absent), read without the rest.

        The facts of a large repository's audit are megabytes of JSON; SQLite extracts the part
        asked for. PostgreSQL reads the whole document: its ``->`` operator refuses the escaped
        lone surrogates that stand for a non-UTF-8 path's bytes, which its ``json`` column keeps.
        """
        if self._engine.dialect.name != "sqlite":
            return (self.latest_facts(repository_key) or {}).get(name)
        return self._latest(repository_key, Audit.facts[name])

    def _latest(self, repository_key: str, column: Any) -> Any:
        query = (
            select(column)
            .join(Repository)
            .where(Repository.key == repository_key)
            .order_by(Audit.finished_at.desc(), Audit.id.desc())
            .limit(1)
        )
        try:
            with Session(self._engine) as session:
                return session.scalar(query)
        except _DATABASE_ERRORS as error:
            raise WorkspaceError(f"cannot read audits: {db.one_line(error)}") from error

    @contextmanager
    def record(self, *, write: bool = True) -> Iterator[RecordStore]:
        """The engagement record inside one transaction, committed when the block succeeds.

        Any error inside the block (a :class:`~cto.record.items.RecordError` included) rolls the
        whole transaction back: a command either does everything it says or nothing. ``write``
        takes SQLite's write lock up front so two writers queue instead of failing.

        Raises:
            WorkspaceError: the database failed.
        """
        from cto.record.kinds import load_kinds
        from cto.record.store import RecordStore

        load_kinds()
        try:
            with Session(self._writer if write else self._engine) as session, session.begin():
                yield RecordStore(session, datetime.now(UTC))
        except _DATABASE_ERRORS as error:
            raise WorkspaceError(f"cannot use the record: {db.one_line(error)}") from error

    @property
    def measures(self) -> WorkspaceMeasures:
        """The cache of file measures (see :mod:`cto.sources.measure_cache`)."""
        return WorkspaceMeasures(self._engine, self._writer)

    def close(self) -> None:
        """Close every database connection."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _prepare_directory(directory: Path) -> None:
    # The ".gitignore" keeps a workspace created inside a repository out of its commits.
    try:
        directory.mkdir(parents=True, exist_ok=True)
        ignore = directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")
    except OSError as error:
        reason = error.strerror or str(error)
        raise WorkspaceError(f"cannot create workspace {directory}: {reason}") from error


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
