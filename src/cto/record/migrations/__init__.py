"""Alembic migrations of the workspace database (run by :func:`cto.record.db.upgrade`)."""
