"""Reading and writing engagement-record entries inside one database transaction.

A :class:`RecordStore` wraps one SQLAlchemy session; :meth:`cto.record.workspace.Workspace.record`
hands one out and commits when the block ends without an error, so every command is exactly one
transaction and a failed command changes nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cto.record.items import REGISTRY, M, RecordError, RecordModel, build
from cto.record.models import RecordItem


class RecordStore:
    """The engagement record as seen from one transaction."""

    def __init__(self, session: Session, now: datetime) -> None:
        self._session = session
        self.now = now
        """The moment this transaction acts at (``updated_at`` of what it writes)."""

    def get(self, cls: type[M], key: str) -> M | None:
        """The ``cls`` entry with ``key``, or ``None``."""
        row = self._row(cls.KIND, key)
        return None if row is None else build(cls, row.data)

    def require(self, cls: type[M], key: str) -> M:
        """The ``cls`` entry with ``key``.

        Raises:
            RecordError: there is none (``no ADR '7' in the record``).
        """
        item = self.get(cls, key)
        if item is None:
            raise RecordError(f"no {cls.LABEL} '{key}' in the record")
        return item

    def all(self, cls: type[M]) -> list[M]:
        """Every ``cls`` entry, oldest first."""
        query = select(RecordItem).where(RecordItem.kind == cls.KIND).order_by(RecordItem.id)
        return [build(cls, row.data) for row in self._session.scalars(query)]

    def add(self, item: RecordModel) -> None:
        """Insert a new entry.

        Raises:
            RecordError: an entry of that kind already has that key.
        """
        key = item.record_key()
        if self._row(item.KIND, key) is not None:
            raise RecordError(f"{item.LABEL} '{key}' already exists")
        self._session.add(
            RecordItem(
                kind=item.KIND, key=key, data=_data(item), created_at=self.now, updated_at=self.now
            )
        )
        self._session.flush()

    def save(self, item: RecordModel) -> None:
        """Insert the entry, or replace the stored one with the same kind and key."""
        row = self._row(item.KIND, item.record_key())
        if row is None:
            self.add(item)
            return
        row.data = _data(item)
        row.updated_at = self.now
        self._session.flush()

    def remove(self, cls: type[RecordModel], key: str) -> None:
        """Delete an entry.

        Raises:
            RecordError: there is none.
        """
        row = self._row(cls.KIND, key)
        if row is None:
            raise RecordError(f"no {cls.LABEL} '{key}' in the record")
        self._session.delete(row)
        self._session.flush()

    def clear(self) -> int:
        """Delete every entry of the record, whatever its kind; return how many there were."""
        result = self._session.execute(delete(RecordItem))
        self._session.flush()
        return int(getattr(result, "rowcount", 0) or 0)

    def next_number(self, cls: type[RecordModel]) -> int:
        """One more than the highest numeric key of ``cls`` (1 for the first entry)."""
        keys = self._session.scalars(select(RecordItem.key).where(RecordItem.kind == cls.KIND))
        return 1 + max((int(key) for key in keys if key.isdigit()), default=0)

    def count(self, cls: type[RecordModel]) -> int:
        """How many ``cls`` entries the record holds."""
        query = select(func.count()).select_from(RecordItem).where(RecordItem.kind == cls.KIND)
        return int(self._session.scalar(query) or 0)

    def rows(self) -> list[dict[str, Any]]:
        """Every entry as stored (kind, key, data, times), for export; oldest first."""
        query = select(RecordItem).order_by(RecordItem.id)
        return [
            {
                "kind": row.kind,
                "key": row.key,
                "data": row.data,
                "created_at": row.created_at.isoformat(),
                "updated_at": row.updated_at.isoformat(),
            }
            for row in self._session.scalars(query)
        ]

    def restore(
        self, kind: str, key: str, data: dict[str, Any], created: datetime, updated: datetime
    ) -> None:
        """Insert an exported entry as it was (import); it is validated against its kind first.

        Raises:
            RecordError: unknown kind, invalid data, a key that does not match the data, or an
                entry that already exists.
        """
        cls = REGISTRY.get(kind)
        if cls is None:
            raise RecordError(f"unknown record kind '{kind}'")
        item = build(cls, data)
        if item.record_key() != key:
            raise RecordError(f"{cls.LABEL} '{key}': key does not match its data")
        if self._row(kind, key) is not None:
            raise RecordError(f"{cls.LABEL} '{key}' already exists")
        self._session.add(
            RecordItem(kind=kind, key=key, data=_data(item), created_at=created, updated_at=updated)
        )
        self._session.flush()

    def _row(self, kind: str, key: str) -> RecordItem | None:
        query = select(RecordItem).where(RecordItem.kind == kind, RecordItem.key == key)
        return self._session.scalar(query)


def _data(item: RecordModel) -> dict[str, Any]:
    return item.model_dump(mode="json")
