"""Measures of file contents kept between audits, keyed by git blob hash.

Measuring complexity (lizard) is the slowest part of reading a tree; a file whose content did not
change since the last audit has the same blob hash, so its functions and line fingerprints are
taken from the cache instead of being measured again. Entries hold no path (a renamed file keeps
its blob): :func:`decode_measure` attaches the path it is found at now.
"""

from __future__ import annotations

import json
import struct
import sys
import zlib
from array import array
from collections.abc import Collection, Mapping
from typing import Any, Protocol

from cto.analyzers.code_interface import Function
from cto.sources.complexity import FileMeasure

#: Bump when what a measure holds, or how it is computed, changes: old entries are then ignored.
MEASURE_VERSION = 2
#: Entries start with this mark, then the version, the head's bytes and the significant lines'
#: count. Entries written before it are zlib streams (whose first byte is never 0xff): those are
#: still read (:func:`_decode_zlib`), so an upgrade does not measure every file again.
_MARK = b"\xffcm3"
_PACKED = struct.Struct("<4sIII")
_SIZE = struct.Struct("<II")  # zlib entries: bytes of the JSON head, number of significant lines
_PLAIN_HEAD = b'{"v":%d,"f":[],"e":""}' % MEASURE_VERSION  # most zlib entries' head: not parsed
_PLAIN_RAW: dict[str, Any] = {"v": MEASURE_VERSION, "f": [], "e": ""}


class MeasureCache(Protocol):
    """Where measures live between audits (the workspace implements it)."""

    def lookup(self, blobs: Collection[str]) -> dict[str, bytes]:
        """Encoded measures of the blobs it holds, by blob hash."""
        ...

    def store(self, measures: Mapping[str, bytes]) -> None:
        """Keep encoded measures, by blob hash."""
        ...


def encode_measure(measure: FileMeasure) -> bytes:
    """A measure without its path: a header, a JSON head (functions and error, empty when there
    are neither), then the significant lines' numbers and fingerprints as little-endian arrays.

    Not compressed: fingerprints are random 64-bit numbers, and zlib saved a tenth of the size
    while costing more to read back than everything else.
    """
    head = b""
    if measure.functions or measure.error:
        functions = [
            [f.name, f.line, f.end_line, f.cyclomatic, f.nloc, f.parameters, f.nesting]
            for f in measure.functions
        ]
        head = json.dumps([functions, measure.error], separators=(",", ":")).encode("ascii")
    lines, hashes = array("I", measure.lines), array("Q", measure.hashes)
    if sys.byteorder == "big":  # pragma: no cover - the same entries on every machine
        lines.byteswap()
        hashes.byteswap()
    header = _PACKED.pack(_MARK, MEASURE_VERSION, len(head), len(lines))
    return header + head + lines.tobytes() + hashes.tobytes()


def decode_measure(data: bytes, path: str) -> FileMeasure | None:
    """The measure of the file now at ``path``; ``None`` if the entry is from another version
    or damaged (the file is then measured again)."""
    if not data.startswith(_MARK):
        return _decode_zlib(data, path)
    try:
        _, version, head_size, count = _PACKED.unpack_from(data)
        start = _PACKED.size + head_size
        if version != MEASURE_VERSION or len(data) != start + 12 * count:
            return None
        lines = struct.unpack_from(f"<{count}I", data, start)
        hashes = struct.unpack_from(f"<{count}Q", data, start + 4 * count)
        if not head_size:
            return FileMeasure(path, (), lines, hashes, "")
        rows, error = json.loads(data[_PACKED.size : start])
        functions = tuple(Function(path, *row) for row in rows)
    except (struct.error, ValueError, TypeError):
        return None
    return FileMeasure(path, functions, lines, hashes, error)


def _decode_zlib(data: bytes, path: str) -> FileMeasure | None:
    """An entry as cto wrote them before :data:`_MARK`: zlib, a JSON head with the version."""
    try:
        body = zlib.decompress(data)
        head_size, count = _SIZE.unpack_from(body)
        start = _SIZE.size + head_size
        head = body[_SIZE.size : start]
        raw = _PLAIN_RAW if head == _PLAIN_HEAD else json.loads(head)
        if len(body) < start + 12 * count:
            return None
        lines = struct.unpack_from(f"<{count}I", body, start)
        hashes = struct.unpack_from(f"<{count}Q", body, start + 4 * count)
    except (zlib.error, struct.error, ValueError):
        return None
    if not isinstance(raw, dict) or raw.get("v") != MEASURE_VERSION:
        return None
    functions = tuple(Function(path, *row) for row in raw["f"])
    return FileMeasure(path, functions, lines, hashes, raw["e"])
