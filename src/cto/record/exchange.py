"""The whole engagement record as one JSON document: backup, and moving between databases.

An export lists every ``record_items`` entry as stored (kind, key, document, created and
updated times in UTC) inside ``{"format": "cto-record", "version": 1, ...}``; the shipped JSON
Schema (``schema/record-export.schema.json``) describes it. An import puts the entries back
exactly, in one transaction: each is validated by its kind's model first, and any problem
(unknown kind, invalid document, duplicate key, unknown format) leaves the record unchanged.
Exporting, importing into a fresh workspace and exporting again gives the same items.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

from cto.record.items import RecordError
from cto.record.store import RecordStore

FORMAT = "cto-record"
VERSION = 1
MAX_IMPORT_BYTES = 256 * 1024 * 1024
"""Refuse larger files: a record is hand-written data, far smaller than this."""

_ITEM_FIELDS = ("kind", "key", "data", "created_at", "updated_at")


@dataclass(frozen=True)
class ImportResult:
    """What an import did: entries written, and entries removed first (``--replace``)."""

    imported: int
    removed: int


def export_document(store: RecordStore) -> dict[str, Any]:
    """The whole record as an export document (a JSON-able dict), entries oldest first."""
    items = [
        {
            "kind": row["kind"],
            "key": row["key"],
            "data": row["data"],
            "created_at": _utc(row["created_at"]),
            "updated_at": _utc(row["updated_at"]),
        }
        for row in store.rows()
    ]
    return {"format": FORMAT, "version": VERSION, "exported_at": _utc(store.now), "items": items}


def export_text(store: RecordStore) -> str:
    """The export document as JSON text (UTF-8, indented, one trailing newline)."""
    return json.dumps(export_document(store), ensure_ascii=False, indent=2) + "\n"


def parse_export(text: str | bytes, source: str = "the export") -> dict[str, Any]:
    """Read an export document and check its envelope and item shapes (not the documents yet).

    Raises:
        RecordError: not JSON, not a cto-record export, an unknown version, or a malformed item.
    """
    if len(text) > MAX_IMPORT_BYTES:
        raise RecordError(f"{source} is larger than {MAX_IMPORT_BYTES // 1024 // 1024} MB")
    try:
        document = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError) as error:
        raise RecordError(f"{source} is not valid JSON: {error}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise RecordError(f'{source} is not a cto record export (no "format": "{FORMAT}")')
    version = document.get("version")
    if version != VERSION or isinstance(version, bool):
        raise RecordError(f"{source} has export version {version!r}; this cto reads {VERSION}")
    unknown = sorted(set(document) - {"format", "version", "exported_at", "items"})
    if unknown:
        raise RecordError(f"{source}: unknown field {unknown[0]!r}")
    _moment(document.get("exported_at"), "exported_at")
    items = document.get("items")
    if not isinstance(items, list):
        raise RecordError(f'{source}: "items" must be a list')
    for number, item in enumerate(items, 1):
        _check_item(number, item)
    return document


def import_document(
    store: RecordStore, document: dict[str, Any], *, replace: bool = False
) -> ImportResult:
    """Write every item of a parsed export into the record (inside ``store``'s transaction).

    Raises:
        RecordError: the record is not empty and ``replace`` is false, or an item is refused
            (unknown kind, invalid document, key not matching, duplicate); the caller's
            transaction then rolls back and nothing is written.
    """
    existing = store.rows()
    if existing and not replace:
        raise RecordError(
            f"the record already holds {len(existing)} entries; import into an empty workspace "
            "or use --replace to discard them"
        )
    if existing:
        store.clear()
    items = document["items"]
    for number, item in enumerate(items, 1):
        try:
            store.restore(
                item["kind"],
                item["key"],
                item["data"],
                _moment(item["created_at"], "created_at"),
                _moment(item["updated_at"], "updated_at"),
            )
        except RecordError as error:
            raise RecordError(f"item {number} ({item['kind']} '{item['key']}'): {error}") from None
    return ImportResult(imported=len(items), removed=len(existing))


@cache
def _schema_text() -> str:
    folder = resources.files("cto.record").joinpath("schema")
    return folder.joinpath("record-export.schema.json").read_text("utf-8")


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an export document, shipped in the package."""
    loaded: dict[str, Any] = json.loads(_schema_text())
    return loaded


def _check_item(number: int, item: Any) -> None:
    if not isinstance(item, dict):
        raise RecordError(f"item {number} is not an object")
    missing = [name for name in _ITEM_FIELDS if name not in item]
    extra = sorted(set(item) - set(_ITEM_FIELDS))
    if missing or extra:
        problem = f"lacks {missing[0]!r}" if missing else f"has unknown field {extra[0]!r}"
        raise RecordError(f"item {number} {problem}")
    if not isinstance(item["kind"], str) or not isinstance(item["key"], str) or not item["key"]:
        raise RecordError(f"item {number}: kind and key must be text")
    if not isinstance(item["data"], dict):
        raise RecordError(f"item {number} ({item['kind']} '{item['key']}'): data is not an object")
    for name in ("created_at", "updated_at"):
        _moment(item[name], f"item {number} {name}")


def _moment(value: Any, where: str) -> datetime:
    if not isinstance(value, str):
        raise RecordError(f"{where} is not a date and time")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise RecordError(f"{where}: '{value}' is not an ISO 8601 date and time") from None
    if moment.tzinfo is None:
        raise RecordError(f"{where}: '{value}' has no UTC offset")
    return moment


def _utc(value: str | datetime) -> str:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.astimezone(UTC).isoformat()


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")
