"""Engines and migrations for the workspace database.

SQLite is the default: every connection turns on WAL (readers never block the writer), a busy
timeout (a second process waits instead of failing) and foreign keys. Transactions are begun by
us, not by the ``sqlite3`` module, so a read-check-write (the history checkpoint) runs inside one
transaction, and writers take the lock up front (``BEGIN IMMEDIATE``) instead of failing on upgrade.

PostgreSQL (``--db postgresql://…``, through psycopg 3) gets the same guarantees: sessions work in
UTC, and a writing transaction first takes one advisory lock, so writers queue as on SQLite.

Migrations are Alembic's, run in code: the script directory ships inside the package, so no
``alembic.ini`` is needed.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.exc import ArgumentError, DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
HEAD_REVISION = "0004"
"""The newest migration; ``tests/record`` checks it against Alembic's script directory."""
BUSY_TIMEOUT_MS = 10_000
POSTGRES_SCHEMES = ("postgresql", "postgres")
"""URL schemes without a driver that mean PostgreSQL through psycopg 3."""
LIBPQ_DRIVERS = ("psycopg", "psycopg2")
WRITE = "cto_write"
"""Execution option: a transaction that will write (SQLite begins it ``IMMEDIATE``; on
PostgreSQL it takes :data:`WRITE_LOCK_KEY` first)."""
WRITE_LOCK_KEY = 0x63_74_6F_77_72_69_74_65  # "ctowrite"
"""The PostgreSQL advisory lock every writing transaction holds: one writer at a time."""

# Alembic keeps its running migration in module globals (``alembic.context``, ``alembic.op``), so
# migrations in one process run one at a time; other processes wait on the database lock instead.
_MIGRATING = threading.Lock()


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of the SQLite database at ``path``."""
    return f"sqlite:///{path}"


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite connections get WAL, busy timeout and foreign keys.

    ``postgresql://`` (and ``postgres://``) URLs use the psycopg 3 driver, and every PostgreSQL
    session works in UTC, so times read back carry a zero offset whatever the server's zone.

    Raises:
        ArgumentError: the URL is malformed or names a database driver that is not installed.
    """
    parsed = make_url(url)
    if parsed.drivername in POSTGRES_SCHEMES:
        parsed = parsed.set(drivername="postgresql+psycopg")
    arguments: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql":
        arguments["json_serializer"] = _json_for_postgresql
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() in LIBPQ_DRIVERS:
        # libpq startup options; the URL's own ?options= come last and win.
        given = parsed.query.get("options", ())
        mine = f"-c timezone=UTC -c lock_timeout={BUSY_TIMEOUT_MS}"
        options = [mine, *((given,) if isinstance(given, str) else given)]
        arguments["connect_args"] = {"options": " ".join(options)}
    try:
        engine = create_engine(parsed, **arguments)
    except ImportError as error:  # a driver named in the URL, such as psycopg2, is missing
        raise ArgumentError(f"no database driver for {parsed.drivername}: {error}") from error
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "begin", _begin_postgresql)
    return engine


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # Autocommit at the driver level: the "begin" hook below decides when a transaction starts.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        _use_wal(cursor)
    finally:
        cursor.close()


def _use_wal(cursor: Any) -> None:
    """Switch the database to WAL once; waiting, like a writer, while another process holds it.

    SQLite answers a journal-mode change with "database is locked" at once, without its busy
    timeout, while another connection is writing: two processes opening a new workspace together
    hit that. The mode is read first (a database already in WAL needs no change) and the switch
    retried until the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            mode = cursor.execute("PRAGMA journal_mode").fetchone()
            if mode is not None and str(mode[0]).lower() == "wal":
                return
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _begin_sqlite(connection: Connection) -> None:
    mode = "IMMEDIATE" if connection.get_execution_options().get(WRITE) else "DEFERRED"
    connection.exec_driver_sql(f"BEGIN {mode}")


def _json_for_postgresql(value: Any) -> str:
    # psycopg serialises JSON parameters itself, inside execute(), where SQLAlchemy lets a
    # TypeError through unwrapped (for SQLite it serialises in its own bind step and wraps it).
    # A value that is not JSON (NaN included: PostgreSQL refuses it) is bad data: said as the
    # driver's DataError, it reaches callers as the database error it is on SQLite.
    try:
        return json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as error:
        import psycopg

        raise psycopg.DataError(f"cannot store as JSON: {error}") from error


def _begin_postgresql(connection: Connection) -> None:
    # The twin of SQLite's BEGIN IMMEDIATE: a writing transaction first takes the workspace's
    # write lock (released at commit or rollback), so writers queue and a read-check-write (the
    # history checkpoint, a record entry, a migration) never interleaves with another writer's.
    if connection.get_execution_options().get(WRITE):
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


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


def display_url(url: str) -> str:
    """``url`` fit to show: the password, if any, is masked."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def one_line(error: BaseException) -> str:
    """A one-line reason for a database error, without SQLAlchemy's SQL and help-link lines."""
    if isinstance(error, DBAPIError) and error.orig is not None:
        error = error.orig
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__
