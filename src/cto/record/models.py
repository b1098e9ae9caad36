"""The workspace schema as typed SQLAlchemy models.

Tables (the migrations in ``migrations/versions`` create exactly these):

``repositories``
    One row per audited repository, found by its ``key`` (stable, chosen by the caller).
``history_checkpoints``
    Per repository, the commit the history cache reaches (``head``), how many commits it holds and
    the location it was read from.
``history_segments``
    The cached history itself: one row per saved batch of commits, a compressed blob made by
    :mod:`cto.record.codec`. A higher ``sequence`` holds newer commits, so loading reads segments
    by descending sequence and concatenates them newest first.
``audits``
    One row per finished audit: window, timing, counts, facts and the report as JSON.
``findings``
    The findings of an audit, one row each, so they can be queried across audits.
``vulnerability_records``, ``vulnerability_packages``, ``vulnerability_database``
    The OSV vulnerability database (:mod:`cto.record.vulndb`): records by id, an index from
    (ecosystem, normalised package name) to record ids, and one row describing the last import.
``file_measures``
    Measures of file contents by blob hash (a cache for incremental audits).
``record_items``
    The engagement record: one validated JSON document per entry (profile, ADRs, risks, …).

Only portable types are used (``JSON``, ``LargeBinary``, timezone-aware ``DateTime``) so that the
same models and migrations serve SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored in UTC; SQLite (which drops the offset) reads back UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Convert an aware datetime to UTC before storing it."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} (give a timezone)")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Attach UTC to a datetime read back without an offset."""
        if value is None or value.tzinfo is not None:
            return value
        return value.replace(tzinfo=UTC)


# Named constraints keep migrations identical on every database (SQLite leaves them unnamed).
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every workspace table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime,
        dict[str, Any]: JSON,
        bytes: LargeBinary,
    }


class Repository(Base):
    """An audited repository."""

    __tablename__ = "repositories"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(Text, unique=True)
    location: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime]

    checkpoint: Mapped[HistoryCheckpoint | None] = relationship(
        back_populates="repository", cascade="all, delete-orphan"
    )


class HistoryCheckpoint(Base):
    """How far the cached history of a repository reaches."""

    __tablename__ = "history_checkpoints"

    repository_id: Mapped[int] = mapped_column(
        ForeignKey("repositories.id", ondelete="CASCADE"), primary_key=True
    )
    head: Mapped[str] = mapped_column(String(64))
    location: Mapped[str] = mapped_column(Text)
    commit_count: Mapped[int]
    updated_at: Mapped[datetime]

    repository: Mapped[Repository] = relationship(back_populates="checkpoint")


class HistorySegment(Base):
    """One saved batch of cached commits (newest first inside the blob)."""

    __tablename__ = "history_segments"
    __table_args__ = (UniqueConstraint("repository_id", "sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    repository_id: Mapped[int] = mapped_column(ForeignKey("repositories.id", ondelete="CASCADE"))
    sequence: Mapped[int]
    commit_count: Mapped[int]
    payload: Mapped[bytes]


class Audit(Base):
    """One finished audit of one repository."""

    __tablename__ = "audits"
    __table_args__ = (Index(None, "repository_id", "finished_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    repository_id: Mapped[int] = mapped_column(ForeignKey("repositories.id", ondelete="CASCADE"))
    head: Mapped[str | None] = mapped_column(String(64))
    since: Mapped[datetime | None]
    until: Mapped[datetime | None]
    as_of: Mapped[datetime]
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime]
    commit_count: Mapped[int]
    incremental: Mapped[bool]
    finding_count: Mapped[int]
    worst_severity: Mapped[str | None] = mapped_column(String(16))
    facts: Mapped[dict[str, Any]]
    report: Mapped[dict[str, Any]]

    repository: Mapped[Repository] = relationship()
    findings: Mapped[list[FindingRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class FindingRow(Base):
    """One finding of an audit (see :class:`cto.findings.Finding`)."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id", ondelete="CASCADE"), index=True)
    finding_id: Mapped[str] = mapped_column(String(255))
    rule: Mapped[str] = mapped_column(String(255))
    area: Mapped[str] = mapped_column(String(64))
    severity: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    impact: Mapped[str] = mapped_column(Text)
    recommendation: Mapped[str] = mapped_column(Text)
    effort: Mapped[str] = mapped_column(String(16))
    repository: Mapped[str] = mapped_column(String(255))
    evidence: Mapped[list[dict[str, str | None]]] = mapped_column(JSON)


class VulnerabilityRecord(Base):
    """One OSV vulnerability record of the workspace's vulnerability database."""

    __tablename__ = "vulnerability_records"

    id: Mapped[str] = mapped_column(String(255), primary_key=True)
    modified: Mapped[datetime]
    withdrawn: Mapped[bool]
    aliases: Mapped[list[str]] = mapped_column(JSON)
    record: Mapped[dict[str, Any]]


class VulnerabilityPackage(Base):
    """Index: a package (ecosystem, normalised name) a vulnerability record names."""

    __tablename__ = "vulnerability_packages"
    __table_args__ = (Index(None, "record_id"),)

    ecosystem: Mapped[str] = mapped_column(String(128), primary_key=True)
    name: Mapped[str] = mapped_column(Text, primary_key=True)
    record_id: Mapped[str] = mapped_column(
        ForeignKey("vulnerability_records.id", ondelete="CASCADE"), primary_key=True
    )


class VulnerabilityImport(Base):
    """The state of the vulnerability database: one row, written by every import."""

    __tablename__ = "vulnerability_database"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime]
    newest_modified: Mapped[datetime | None]
    record_count: Mapped[int]


class FileMeasureRow(Base):
    """The measures of one file content (git blob): functions and line fingerprints, compressed.

    Keyed by blob hash, not path: an unchanged or renamed file is never measured twice.
    """

    __tablename__ = "file_measures"

    blob: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class RecordItem(Base):
    """One entry of the engagement record (:mod:`cto.record.items`): a validated JSON document.

    ``kind`` names the model (``profile``, ``adr``, ``risk``…), ``key`` the entry among its kind.
    """

    __tablename__ = "record_items"
    __table_args__ = (UniqueConstraint("kind", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(255))
    data: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
