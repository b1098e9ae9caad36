"""Writing an OSV export into the vulnerability tables in batches, inside the caller's transaction.

A record is written when its id is new or its ``modified`` date is newer than the stored one;
the stored row and its package index rows are deleted first. Rows are inserted a thousand at a
time with ``executemany``: the ORM's per-object bookkeeping would cost more than the import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from cto.analyzers.versions import normalise_name
from cto.record.models import VulnerabilityPackage, VulnerabilityRecord
from cto.sources.osv import ExportEntry, OsvRecord, Skipped, parse_timestamp

BATCH_ROWS = 1_000


@dataclass(frozen=True)
class ImportResult:
    """What an import did.

    Attributes:
        source: the path imported.
        added: records new to the database.
        replaced: stored records replaced by a newer version.
        unchanged: records already stored with the same or a newer ``modified`` date.
        withdrawn: of the records written, how many are withdrawn (kept, never matched).
        skipped: files that could not be read, with their reasons.
    """

    source: str
    added: int
    replaced: int
    unchanged: int
    withdrawn: int
    skipped: tuple[Skipped, ...]

    @property
    def read(self) -> int:
        """Records read, whatever became of them."""
        return self.added + self.replaced + self.unchanged + len(self.skipped)


class ImportBatch:
    """Accumulates records and writes them in batches through ``session``."""

    def __init__(self, session: Session, stored: Mapping[str, datetime]) -> None:
        self._session = session
        self._newest = dict(stored)
        self._in_database = set(stored)
        self._pending: dict[str, tuple[dict[str, Any], list[dict[str, str]]]] = {}
        self._counts = {"added": 0, "replaced": 0, "unchanged": 0, "withdrawn": 0}
        self._skipped: list[Skipped] = []

    def add(self, entry: ExportEntry | Skipped) -> None:
        """Queue one record read from the export (or note why it was skipped)."""
        if isinstance(entry, Skipped):
            self._skipped.append(entry)
            return
        record = entry.record
        modified = parse_timestamp(record.modified)
        if modified is None:
            self._skipped.append(Skipped(record.id, f"invalid modified date {record.modified!r}"))
            return
        known = self._newest.get(record.id)
        if known is not None and _aware(known) >= modified:
            self._counts["unchanged"] += 1
            return
        self._counts["replaced" if known is not None else "added"] += 1
        self._counts["withdrawn"] += bool(record.withdrawn)
        self._newest[record.id] = modified
        self._pending[record.id] = (
            _record_row(record, modified, entry.data),
            _package_rows(record),
        )
        if len(self._pending) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        """Write the queued records."""
        if not self._pending:
            return
        stale = [key for key in self._pending if key in self._in_database]
        if stale:
            plain = {"synchronize_session": False}
            package_ids = VulnerabilityPackage.record_id.in_(stale)
            self._session.execute(
                delete(VulnerabilityPackage).where(package_ids), execution_options=plain
            )
            record_ids = VulnerabilityRecord.id.in_(stale)
            self._session.execute(
                delete(VulnerabilityRecord).where(record_ids), execution_options=plain
            )
        self._session.execute(
            insert(VulnerabilityRecord), [row for row, _ in self._pending.values()]
        )
        packages = [p for _, rows in self._pending.values() for p in rows]
        if packages:
            self._session.execute(insert(VulnerabilityPackage), packages)
        self._in_database.update(self._pending)
        self._pending.clear()

    def result(self, source: str) -> ImportResult:
        """The counts so far."""
        c = self._counts
        return ImportResult(
            source, c["added"], c["replaced"], c["unchanged"], c["withdrawn"], tuple(self._skipped)
        )


def _record_row(record: OsvRecord, modified: datetime, data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": record.id,
        "modified": modified,
        "withdrawn": record.withdrawn is not None,
        "aliases": list(record.aliases),
        "record": dict(data),
    }


def _package_rows(record: OsvRecord) -> list[dict[str, str]]:
    keys = {
        (a.ecosystem, normalise_name(a.ecosystem, a.name))
        for a in record.affected
        if a.ecosystem and a.name
    }
    return [{"ecosystem": e, "name": n, "record_id": record.id} for e, n in sorted(keys)]


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)
