"""OSV vulnerability records: parsed from JSON or YAML, read from an export zip or a directory.

An OSV export as published (``<ecosystem>/all.zip``) is a zip with one JSON record per file; a
directory may hold ``.json``, ``.yaml`` and ``.yml`` records and further export zips. A record
that cannot be read is returned as :class:`Skipped` with its reason: one bad file never stops an
import. Schema: https://ossf.github.io/osv-schema/
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cto.analyzers.yaml_files import load_yaml
from cto.errors import InputError

#: A record file larger than this is skipped (the largest real OSV records are a few MB).
MAX_RECORD_BYTES = 16_000_000
_RECORD_SUFFIXES = (".json", ".yaml", ".yml")
_FRACTION = re.compile(r"(\.\d{1,6})\d*")
EVENT_KINDS = ("introduced", "fixed", "last_affected", "limit")


@dataclass(frozen=True, slots=True)
class Range:
    """One ``affected[].ranges[]`` entry: its type and events as ``(kind, version)`` pairs."""

    type: str
    events: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Affected:
    """One affected package of a record.

    Attributes:
        ecosystem: OSV ecosystem ("PyPI", "npm", "Debian:11" …).
        name: package name as the record spells it.
        ranges: affected version ranges.
        versions: versions listed explicitly as affected.
        severity: per-package severity vectors, as ``(type, score)``.
    """

    ecosystem: str
    name: str
    ranges: tuple[Range, ...]
    versions: tuple[str, ...]
    severity: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class OsvRecord:
    """One OSV vulnerability record, with the fields cto uses.

    Attributes:
        id: record id ("GHSA-…", "PYSEC-…", "CVE-…").
        modified: when the record last changed (RFC 3339, as written).
        published: when it was first published, if given.
        withdrawn: when it was withdrawn, if it was.
        aliases: ids of the same flaw in other databases.
        summary: one-line summary ("" when the record has none).
        affected: affected packages.
        severity: severity vectors, as ``(type, score)`` ("CVSS_V3", "CVSS:3.1/AV:N/…").
        database_severity: a database's own rating ("HIGH", "MODERATE") when it gives one.
        references: reference URLs.
    """

    id: str
    modified: str
    published: str | None
    withdrawn: str | None
    aliases: tuple[str, ...]
    summary: str
    affected: tuple[Affected, ...]
    severity: tuple[tuple[str, str], ...]
    database_severity: str | None = None
    references: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record file that could not be read, and why."""

    location: str
    reason: str


@dataclass(frozen=True, slots=True)
class VulnDbStatus:
    """What a vulnerability database holds and how fresh it is.

    Attributes:
        records: records held, withdrawn ones excluded.
        withdrawn: withdrawn records kept (flagged, never matched).
        ecosystems: ecosystems with at least one record.
        imported_at: when the last import finished, ``None`` before the first.
        newest_modified: the newest ``modified`` date of any record.
        source: what the last import read (a path).
    """

    records: int
    withdrawn: int
    ecosystems: tuple[str, ...]
    imported_at: datetime | None
    newest_modified: datetime | None
    source: str | None

    @property
    def empty(self) -> bool:
        """True when nothing was ever imported."""
        return self.records == 0 and self.withdrawn == 0

    def age_days(self, now: int) -> float | None:
        """Days from the newest record (else the import) to ``now`` (Unix seconds)."""
        reference = self.newest_modified or self.imported_at
        if reference is None:
            return None
        return max(0.0, (now - reference.timestamp()) / 86_400)


def parse_timestamp(text: str) -> datetime | None:
    """An RFC 3339 timestamp ("2024-05-01T12:00:00.123456789Z") as an aware datetime."""
    cleaned = _FRACTION.sub(r"\1", text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    try:
        parsed = datetime.fromisoformat(cleaned)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_record(data: Mapping[str, Any]) -> OsvRecord:
    """An :class:`OsvRecord` from decoded JSON or YAML.

    Raises:
        ValueError: ``id`` or ``modified`` is missing, or a field has the wrong shape.
    """
    if not isinstance(data, Mapping):
        raise ValueError("not an OSV record (expected an object)")
    record_id, modified = data.get("id"), _text(data.get("modified"))
    if not isinstance(record_id, str) or not record_id:
        raise ValueError("OSV record without an id")
    if not isinstance(modified, str):
        raise ValueError(f"{record_id}: no modified date")
    return OsvRecord(
        id=record_id,
        modified=modified,
        published=_text(data.get("published")),
        withdrawn=_text(data.get("withdrawn")),
        aliases=tuple(str(a) for a in _list(data.get("aliases"))),
        summary=str(data.get("summary") or ""),
        affected=tuple(_affected(item) for item in _list(data.get("affected"))),
        severity=_severity(data.get("severity")),
        database_severity=_database_severity(data),
        references=tuple(
            str(r["url"])
            for r in _list(data.get("references"))
            if isinstance(r, Mapping) and "url" in r
        ),
    )


def decode_record(text: str | bytes, name: str) -> Mapping[str, Any]:
    """The decoded record in ``text``: YAML for ``.yaml``/``.yml`` names, else JSON.

    Raises:
        ValueError: invalid JSON or YAML, or not an object.
    """
    if name.endswith((".yaml", ".yml")):
        decoded = load_yaml(text.decode("utf-8") if isinstance(text, bytes) else text)
    else:
        decoded = json.loads(text)
    if not isinstance(decoded, Mapping):
        raise ValueError("not an OSV record (invalid JSON or YAML, or not an object)")
    return decoded


@dataclass(frozen=True, slots=True)
class ExportEntry:
    """One record read from an export: parsed, and as decoded (what the database stores)."""

    record: OsvRecord
    data: Mapping[str, Any]


def read_export(path: Path) -> Iterator[OsvRecord | Skipped]:
    """Every record of an export zip or a directory, or why one could not be read.

    Raises:
        InputError: ``path`` is neither a directory nor a zip file.
    """
    for entry in read_export_entries(path):
        yield entry if isinstance(entry, Skipped) else entry.record


def read_export_entries(path: Path) -> Iterator[ExportEntry | Skipped]:
    """Like :func:`read_export`, each record with its decoded data.

    Raises:
        InputError: ``path`` is neither a directory nor a zip file.
    """
    if path.is_dir():
        yield from _read_directory(path)
    elif path.is_file() and zipfile.is_zipfile(path):
        yield from _read_zip(path)
    elif path.exists():
        raise InputError(f"{path} is not an OSV export (expected a .zip or a directory)")
    else:
        raise InputError(f"{path} does not exist")


def _read_directory(root: Path) -> Iterator[ExportEntry | Skipped]:
    for item in sorted(root.rglob("*")):
        if item.is_symlink() or not item.is_file():
            continue
        if item.suffix == ".zip":
            if zipfile.is_zipfile(item):
                yield from _read_zip(item)
            else:
                yield Skipped(str(item), "not a zip file")
        elif item.suffix in _RECORD_SUFFIXES:
            if item.stat().st_size > MAX_RECORD_BYTES:
                yield Skipped(str(item), "larger than the record size cap")
                continue
            try:
                yield _decode(item.read_bytes(), item.name, str(item))
            except OSError as error:
                yield Skipped(str(item), error.strerror or str(error))


def _read_zip(path: Path) -> Iterator[ExportEntry | Skipped]:
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                where = f"{path}:{info.filename}"
                if info.is_dir() or not info.filename.endswith(_RECORD_SUFFIXES):
                    continue
                if info.file_size > MAX_RECORD_BYTES:
                    yield Skipped(where, "larger than the record size cap")
                    continue
                try:
                    data = archive.read(info)
                except (zipfile.BadZipFile, OSError, NotImplementedError) as error:
                    yield Skipped(where, f"unreadable zip member: {error}")
                    continue
                yield _decode(data, info.filename, where)
    except (zipfile.BadZipFile, OSError) as error:
        raise InputError(f"cannot read OSV export {path}: {error}") from error


def _decode(raw: bytes, name: str, where: str) -> ExportEntry | Skipped:
    try:
        data = decode_record(raw, name)
        return ExportEntry(parse_record(data), data)
    except (ValueError, UnicodeDecodeError, TypeError, KeyError) as error:
        return Skipped(where, str(error).splitlines()[0] if str(error) else type(error).__name__)


def _affected(item: Any) -> Affected:
    if not isinstance(item, Mapping):
        raise ValueError("affected entry is not an object")
    package = item.get("package") or {}
    if not isinstance(package, Mapping):
        raise ValueError("affected package is not an object")
    ranges = tuple(
        Range(str(r.get("type", "")), _events(r.get("events")))
        for r in _list(item.get("ranges"))
        if isinstance(r, Mapping)
    )
    return Affected(
        ecosystem=str(package.get("ecosystem", "")),
        name=str(package.get("name", "")),
        ranges=ranges,
        versions=tuple(str(v) for v in _list(item.get("versions"))),
        severity=_severity(item.get("severity")),
    )


def _events(value: Any) -> tuple[tuple[str, str], ...]:
    events = []
    for event in _list(value):
        if isinstance(event, Mapping):
            events += [(k, str(event[k])) for k in EVENT_KINDS if event.get(k) is not None]
    return tuple(events)


def _severity(value: Any) -> tuple[tuple[str, str], ...]:
    return tuple(
        (str(s.get("type", "")), str(s.get("score", "")))
        for s in _list(value)
        if isinstance(s, Mapping)
    )


def _database_severity(data: Mapping[str, Any]) -> str | None:
    affected = [a for a in _list(data.get("affected")) if isinstance(a, Mapping)]
    places = [data.get("database_specific")]
    places += [a.get(key) for a in affected for key in ("database_specific", "ecosystem_specific")]
    for place in places:
        if isinstance(place, Mapping) and isinstance(place.get("severity"), str):
            return str(place["severity"]).upper()
    return None


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _text(value: Any) -> str | None:
    # YAML reads an unquoted timestamp as a datetime; keep RFC 3339 text either way.
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    return None if value is None else str(value)
