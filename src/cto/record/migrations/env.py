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
)
with context.begin_transaction():
    context.run_migrations()
