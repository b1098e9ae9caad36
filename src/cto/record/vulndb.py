"""The workspace's vulnerability database: OSV records imported from a file, matched offline.

``cto vulndb import PATH`` fills it from an OSV export (a zip as published, or a directory of
records); ``cto vulndb update`` downloads the exports first, when online. An import is one
transaction and idempotent: a record replaces the stored one of the same id only when its
``modified`` date is newer. Withdrawn records are kept, flagged, and never returned for matching.
"""

from __future__ import annotations

import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Select, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from cto.errors import InputError, WorkspaceError
from cto.progress import ProgressHook
from cto.record import db
from cto.record.models import VulnerabilityImport, VulnerabilityPackage, VulnerabilityRecord
from cto.record.vulndb_import import ImportBatch, ImportResult
from cto.sources.osv import OsvRecord, VulnDbStatus, parse_record, read_export_entries

__all__ = ["ImportResult", "VulnDbStatus", "VulnerabilityDatabase", "download_exports"]

#: Where OSV publishes one export zip per ecosystem.
EXPORT_URL = "https://osv-vulnerabilities.storage.googleapis.com/{ecosystem}/all.zip"
DOWNLOAD_TIMEOUT_S = 60
#: Package names per lookup query (well under every database's bound-parameter limit).
LOOKUP_CHUNK = 500
_ERRORS = (SQLAlchemyError, OSError)
_Record = VulnerabilityRecord
_Package = VulnerabilityPackage


class VulnerabilityDatabase:
    """The OSV records of one workspace (see :attr:`cto.record.Workspace.vulndb`)."""

    def __init__(self, engine: Engine, writer: Engine) -> None:
        self._engine = engine
        self._writer = writer

    def import_export(self, path: Path, *, progress: ProgressHook | None = None) -> ImportResult:
        """Import every record of an OSV export zip or directory, in one transaction.

        Raises:
            InputError: ``path`` is neither a zip nor a directory (records that cannot be read
                are counted as skipped, with their reason, instead).
            WorkspaceError: the database could not be written; nothing was imported.
        """
        if not path.is_dir() and not path.is_file():
            raise InputError(f"{path} does not exist")
        if progress:
            progress(f"importing {path.name}", None)
        try:
            with Session(self._writer) as session, session.begin():
                rows = session.execute(select(_Record.id, _Record.modified))
                stored = {record_id: modified for record_id, modified in rows}
                batch = ImportBatch(session, stored)
                for entry in read_export_entries(path):
                    batch.add(entry)
                    if progress:
                        progress(None, None)
                batch.flush()
                _save_state(session, str(path))
                return batch.result(str(path))
        except _ERRORS as error:
            raise WorkspaceError(f"cannot import {path}: {db.one_line(error)}") from error

    def records_for(
        self, packages: Iterable[tuple[str, str]]
    ) -> dict[tuple[str, str], list[OsvRecord]]:
        """The records naming each ``(ecosystem, normalised name)``; withdrawn ones excluded.

        Packages with no record are absent from the result.
        """
        by_ecosystem: dict[str, set[str]] = {}
        for ecosystem, name in packages:
            by_ecosystem.setdefault(ecosystem, set()).add(name)
        found: dict[tuple[str, str], list[OsvRecord]] = {}
        parsed: dict[str, OsvRecord] = {}
        try:
            with Session(self._engine) as session:
                for ecosystem, names in sorted(by_ecosystem.items()):
                    ordered = sorted(names)
                    for start in range(0, len(ordered), LOOKUP_CHUNK):
                        chunk = ordered[start : start + LOOKUP_CHUNK]
                        for name, record_id, data in session.execute(_lookup(ecosystem, chunk)):
                            if record_id not in parsed:
                                parsed[record_id] = parse_record(data)
                            found.setdefault((ecosystem, name), []).append(parsed[record_id])
        except _ERRORS as error:
            raise WorkspaceError(
                f"cannot read vulnerability database: {db.one_line(error)}"
            ) from error
        return found

    def status(self) -> VulnDbStatus:
        """How many records the database holds, for which ecosystems, and how fresh it is."""
        withdrawn_count = func.count().filter(_Record.withdrawn.is_(True))
        try:
            with Session(self._engine) as session:
                total, withdrawn = session.execute(
                    select(func.count(), withdrawn_count).select_from(_Record)
                ).one()
                ecosystems = session.scalars(
                    select(_Package.ecosystem).distinct().order_by(_Package.ecosystem)
                ).all()
                state = session.get(VulnerabilityImport, 1)
        except _ERRORS as error:
            raise WorkspaceError(
                f"cannot read vulnerability database: {db.one_line(error)}"
            ) from error
        return VulnDbStatus(
            records=int(total) - int(withdrawn or 0),
            withdrawn=int(withdrawn or 0),
            ecosystems=tuple(ecosystems),
            imported_at=state.imported_at if state else None,
            newest_modified=state.newest_modified if state else None,
            source=state.source if state else None,
        )


def _lookup(ecosystem: str, names: Sequence[str]) -> Select[str, str, dict[str, Any]]:
    return (
        select(_Package.name, _Record.id, _Record.record)
        .join(_Record, _Record.id == _Package.record_id)
        .where(_Package.ecosystem == ecosystem, _Package.name.in_(names))
        .where(_Record.withdrawn.is_(False))
    )


def _save_state(session: Session, source: str) -> None:
    count, newest = session.execute(
        select(func.count(), func.max(_Record.modified)).where(_Record.withdrawn.is_(False))
    ).one()
    state = session.get(VulnerabilityImport, 1) or VulnerabilityImport(id=1)
    state.source = source
    state.imported_at = datetime.now(UTC)
    state.newest_modified = _aware(newest)
    state.record_count = int(count)
    session.add(state)


def _aware(value: datetime | str | None) -> datetime | None:
    # func.max() bypasses the column type on SQLite, which hands back text.
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


def download_exports(ecosystems: Sequence[str], dest: Path) -> list[Path]:
    """Download OSV's export zip of each ecosystem into ``dest`` (``cto vulndb update``).

    Raises:
        InputError: a download failed (offline, unknown ecosystem); files already downloaded
            stay, and ``cto vulndb import`` of a zip fetched by other means does the same work.
    """
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    for ecosystem in ecosystems:
        url = EXPORT_URL.format(ecosystem=urllib.parse.quote(ecosystem, safe=""))
        target, partial = dest / f"{ecosystem}.zip", dest / f"{ecosystem}.zip.part"
        # A fixed https URL, never one read from input.
        request = urllib.request.Request(url, headers={"User-Agent": "cto vulndb update"})  # noqa: S310
        try:
            with (
                urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT_S) as response,  # noqa: S310
                partial.open("wb") as out,
            ):
                shutil.copyfileobj(response, out, 1 << 20)
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            partial.unlink(missing_ok=True)
            reason = getattr(error, "reason", None) or error
            raise InputError(
                f"cannot download {url}: {reason} (offline? import an export with "
                "`cto vulndb import PATH`)"
            ) from error
        partial.replace(target)
        paths.append(target)
    return paths
