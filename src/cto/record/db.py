"""Engines and migrations for the workspace database.

SQLite is the default: every connection turns on WAL (readers never block the writer), a busy
timeout (a second process waits instead of failing) and foreign keys. Transactions are begun by
us, not by the ``sqlite3`` module, so a read-check-write (the history checkpoint) runs inside one
transaction, and writers take the lock up front (``BEGIN IMMEDIATE``) instead of failing on upgrade.

Migrations are Alembic's, run in code: the script directory ships inside the package, so no
``alembic.ini`` is needed.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
HEAD_REVISION = "0004"
"""The newest migration; ``tests/record`` checks it against Alembic's script directory."""
BUSY_TIMEOUT_MS = 10_000
WRITE = "cto_write"
"""Execution option: a transaction that will write (SQLite begins it ``IMMEDIATE``)."""

# Alembic keeps its running migration in module globals (``alembic.context``, ``alembic.op``), so
# migrations in one process run one at a time; other processes wait on the database lock instead.
_MIGRATING = threading.Lock()


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of the SQLite database at ``path``."""
    return f"sqlite:///{path}"


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite connections get WAL, busy timeout and foreign keys."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
    return engine


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # Autocommit at the driver level: the "begin" hook below decides when a transaction starts.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
    finally:
        cursor.close()


def _begin_sqlite(connection: Connection) -> None:
    mode = "IMMEDIATE" if connection.get_execution_options().get(WRITE) else "DEFERRED"
    connection.exec_driver_sql(f"BEGIN {mode}")


def alembic_config(connection: Connection) -> Config:
    """An Alembic configuration that migrates through ``connection`` with the packaged scripts."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


class MigrationError(Exception):
    """Alembic could not migrate the database (its own error, re-raised without importing it)."""


def at_head(engine: Engine) -> bool:
    """True when the database is already at :data:`HEAD_REVISION` (no Alembic import needed).

    Alembic takes a tenth of a second to import; most commands open an up-to-date workspace.
    """
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
        return list(versions) == [HEAD_REVISION]


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database up to ``revision``, in one writing transaction."""
    from alembic import command
    from alembic.util.exc import CommandError

    with _MIGRATING, engine.connect() as connection:
        try:
            command.upgrade(alembic_config(connection.execution_options(**{WRITE: True})), revision)
        except CommandError as error:
            raise MigrationError(str(error)) from error
        connection.commit()  # in case Alembic's work ran in a transaction it did not begin


def downgrade(engine: Engine, revision: str) -> None:
    """Migrate the database down to ``revision`` (``"base"`` drops every table)."""
    from alembic import command

    with _MIGRATING, engine.connect() as connection:
        command.downgrade(alembic_config(connection.execution_options(**{WRITE: True})), revision)
        connection.commit()


def one_line(error: BaseException) -> str:
    """A one-line reason for a database error, without SQLAlchemy's SQL and help-link lines."""
    if isinstance(error, DBAPIError) and error.orig is not None:
        error = error.orig
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__
