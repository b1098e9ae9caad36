"""Vulnerability database: OSV records, the package index, and the state of the last import.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the model types: a migration must not change when the models do.
UTC_DATETIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "vulnerability_records",
        sa.Column("id", sa.String(length=255), nullable=False),
        sa.Column("modified", UTC_DATETIME, nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vulnerability_records")),
    )
    op.create_table(
        "vulnerability_packages",
        sa.Column("ecosystem", sa.String(length=128), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("record_id", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["vulnerability_records.id"],
            name=op.f("fk_vulnerability_packages_record_id_vulnerability_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "ecosystem", "name", "record_id", name=op.f("pk_vulnerability_packages")
        ),
    )
    op.create_index(
        op.f("ix_vulnerability_packages_record_id"), "vulnerability_packages", ["record_id"]
    )
    op.create_table(
        "vulnerability_database",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("imported_at", UTC_DATETIME, nullable=False),
        sa.Column("newest_modified", UTC_DATETIME, nullable=True),
        sa.Column("record_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vulnerability_database")),
    )


def downgrade() -> None:
    op.drop_table("vulnerability_database")
    op.drop_index(op.f("ix_vulnerability_packages_record_id"), table_name="vulnerability_packages")
    op.drop_table("vulnerability_packages")
    op.drop_table("vulnerability_records")
