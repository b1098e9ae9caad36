"""Migrations create the schema the models describe, and go down and up again."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from cto.record import db
from cto.record.models import Base

TABLES = {
    "repositories", "history_checkpoints", "history_segments", "audits", "findings",
    "vulnerability_records", "vulnerability_packages", "vulnerability_database",
    "file_measures",
    "record_items",
}  # fmt: skip


def test_upgrade_from_empty_creates_every_table(tmp_path: Path) -> None:
    engine = db.make_engine(db.sqlite_url(tmp_path / "cto.db"))
    db.upgrade(engine)
    assert set(inspect(engine).get_table_names()) == TABLES | {"alembic_version"}
    engine.dispose()


def test_migrated_schema_matches_the_models(tmp_path: Path) -> None:
    engine = db.make_engine(db.sqlite_url(tmp_path / "cto.db"))
    db.upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_downgrade_to_base_and_upgrade_again(tmp_path: Path) -> None:
    engine = db.make_engine(db.sqlite_url(tmp_path / "cto.db"))
    db.upgrade(engine)
    db.downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    db.upgrade(engine)
    assert set(inspect(engine).get_table_names()) >= TABLES
    engine.dispose()


def test_sqlite_connections_use_wal_busy_timeout_and_foreign_keys(tmp_path: Path) -> None:
    engine = db.make_engine(db.sqlite_url(tmp_path / "cto.db"))
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_head_revision_constant_matches_the_scripts(tmp_path: Path) -> None:
    from alembic.script import ScriptDirectory

    assert ScriptDirectory(str(db.MIGRATIONS)).get_current_head() == db.HEAD_REVISION
    engine = db.make_engine(db.sqlite_url(tmp_path / "cto.db"))
    assert db.at_head(engine) is False
    db.upgrade(engine)
    assert db.at_head(engine) is True
    db.downgrade(engine, "base")
    assert db.at_head(engine) is False
    engine.dispose()
