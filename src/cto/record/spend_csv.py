"""Import spend lines from a CSV file: finance exports go in without retyping.

The file needs the header ``month,id,category,vendor,amount,build_vs_buy`` (columns in any
order); ``vendor`` and ``build_vs_buy`` may be empty. Every row is checked before any is added,
and a bad row stops the import with one line naming it, so an import adds all of its lines or
none. Files are size-capped: this is a hand-kept ledger, not a data warehouse.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from cto.record.items import RecordError, build
from cto.record.spend import SpendLine, add_spend
from cto.record.store import RecordStore
from cto.record.vendors import Vendor

COLUMNS = ("month", "id", "category", "vendor", "amount", "build_vs_buy")
"""The header a spend CSV must have."""

OPTIONAL = frozenset({"vendor", "build_vs_buy"})
"""Columns whose empty cells mean "none"."""

MAX_CSV_BYTES = 2_000_000
MAX_ROWS = 20_000


def read_spend_csv(path: Path) -> str:
    """The text of a spend CSV file, refusing one that is too large or not UTF-8.

    Raises:
        RecordError: the file cannot be read, is larger than :data:`MAX_CSV_BYTES`, or is not
            UTF-8 text.
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CSV_BYTES + 1)
    except OSError as error:
        raise RecordError(f"{path}: cannot read ({error.strerror or error})") from None
    if len(data) > MAX_CSV_BYTES:
        raise RecordError(f"{path}: larger than {MAX_CSV_BYTES:,} bytes; split it")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RecordError(f"{path}: not UTF-8 text") from None


def parse_spend_csv(text: str, source: str) -> list[tuple[int, SpendLine]]:
    """Validate every row of a spend CSV as a spend line: ``(row number, line)`` in file order.

    Rows are numbered from 1, the header being row 1; blank rows are skipped.

    Raises:
        RecordError: no header or a wrong one, too many rows, a row with the wrong number of
            fields, an invalid value, or one id twice in one month (the message names the row).
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    lines: list[tuple[int, SpendLine]] = []
    first_row: dict[str, int] = {}
    header: list[str] | None = None
    row = 0
    try:
        for row, cells in enumerate(reader, start=1):
            if not cells:
                continue
            if header is None:
                header = _header(cells, source)
                continue
            line = _line(header, cells, f"{source} row {row}")
            key = line.record_key()
            if key in first_row:
                raise RecordError(
                    f"{source} row {row}: spend line '{key}' already appears in row "
                    f"{first_row[key]}"
                )
            first_row[key] = row
            lines.append((row, line))
            if len(lines) > MAX_ROWS:
                raise RecordError(f"{source}: more than {MAX_ROWS:,} rows; split it")
    except csv.Error as error:
        raise RecordError(f"{source} row {row + 1}: {error}") from None
    if header is None:
        raise RecordError(f"{source}: empty; the first row must be the header {','.join(COLUMNS)}")
    return lines


def _header(cells: list[str], source: str) -> list[str]:
    names = [cell.strip().lower() for cell in cells]
    if sorted(names) != sorted(COLUMNS):
        raise RecordError(
            f"{source}: the first row must be the header {','.join(COLUMNS)} "
            f"(found {','.join(names)})"
        )
    return names


def _line(header: list[str], cells: list[str], where: str) -> SpendLine:
    if any("\x00" in cell for cell in cells):
        raise RecordError(f"{where}: contains a NUL character")
    if len(cells) != len(header):
        raise RecordError(f"{where}: {len(cells)} fields, expected {len(header)}")
    data: dict[str, object] = {}
    for name, cell in zip(header, cells, strict=True):
        value = cell.strip()
        data[name] = None if name in OPTIONAL and not value else value
    try:
        return build(SpendLine, data)
    except RecordError as error:
        raise RecordError(f"{where}: {error}") from None


def import_spend(store: RecordStore, text: str, source: str) -> list[SpendLine]:
    """Add every line of a spend CSV, or none of them.

    Raises:
        RecordError: any row is invalid, names a vendor not in the record, or repeats a line the
            record already holds (the message names the row; nothing is added).
    """
    lines = parse_spend_csv(text, source)
    for row, line in lines:
        where = f"{source} row {row}"
        if line.vendor is not None and store.get(Vendor, line.vendor) is None:
            raise RecordError(f"{where}: no vendor '{line.vendor}' in the record")
        if store.get(SpendLine, line.record_key()) is not None:
            raise RecordError(f"{where}: spend line '{line.record_key()}' already exists")
    for _, line in lines:
        add_spend(store, line)
    return [line for _, line in lines]
