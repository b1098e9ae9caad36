"""The engagement workspace: one database holding every audit and each repository's history cache.

By default a workspace is a directory with one SQLite file, ``cto.db``; a ``url`` points the same
code and migrations at another database (PostgreSQL for a shared server).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from cto.errors import WorkspaceError
from cto.record import db
from cto.record.audits import AuditRecord, StoredAudit, latest, list_audits, save_audit
from cto.record.history import (
    CachedHistory,
    HistoryUpdate,
    StoredHistory,
    load_history,
    load_stored_history,
)
from cto.record.measures import WorkspaceMeasures
from cto.record.models import Audit
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
        try:
            with Session(self._writer) as session, session.begin():
                return save_audit(session, audit, history, datetime.now(UTC))
        except _DATABASE_ERRORS as error:
            raise WorkspaceError(f"cannot save audit: {db.one_line(error)}") from error

    def list_audits(self, repository_key: str | None = None) -> list[StoredAudit]:
        """Saved audits, newest first; only those of ``repository_key`` when given."""
        try:
            with Session(self._engine) as session:
                return list_audits(session, repository_key)
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
        try:
            with Session(self._engine) as session:
                return session.scalar(latest(column, repository_key))
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
