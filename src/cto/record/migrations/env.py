"""Alembic environment: migrate through the connection handed over by ``cto.record.db``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from cto.record.models import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection) or context.is_offline_mode():
    raise RuntimeError("cto migrations run online, through cto.record.db.upgrade()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    # SQLite runs DDL inside transactions too. Alembic assumes it cannot, and would commit after
    # each migration, releasing the write lock between them: a second process opening a new
    # workspace at the same moment could then apply a migration the first was about to apply.
    # One transaction for the whole upgrade keeps it atomic and the lock held throughout.
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
