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
from typing import Protocol

from cto.analyzers.code_interface import Function
from cto.sources.complexity import FileMeasure

#: Bump when what a measure holds, or how it is computed, changes: old entries are then ignored.
MEASURE_VERSION = 2
_SIZE = struct.Struct("<II")  # bytes of the JSON head, number of significant lines


class MeasureCache(Protocol):
    """Where measures live between audits (the workspace implements it)."""

    def lookup(self, blobs: Collection[str]) -> dict[str, bytes]:
        """Encoded measures of the blobs it holds, by blob hash."""
        ...

    def store(self, measures: Mapping[str, bytes]) -> None:
        """Keep encoded measures, by blob hash."""
        ...


def encode_measure(measure: FileMeasure) -> bytes:
    """A measure, compressed, without its path: a small JSON head (version, functions, error)
    followed by the significant lines' numbers and fingerprints as little-endian arrays, which
    read back far faster than JSON lists of the same hundreds of thousands of integers."""
    functions = [
        [f.name, f.line, f.end_line, f.cyclomatic, f.nloc, f.parameters, f.nesting]
        for f in measure.functions
    ]
    head = json.dumps({"v": MEASURE_VERSION, "f": functions, "e": measure.error},
                      separators=(",", ":")).encode("ascii")  # fmt: skip
    lines, hashes = array("I", measure.lines), array("Q", measure.hashes)
    if sys.byteorder == "big":  # pragma: no cover - the same entries on every machine
        lines.byteswap()
        hashes.byteswap()
    body = _SIZE.pack(len(head), len(lines)) + head + lines.tobytes() + hashes.tobytes()
    return zlib.compress(body)


def decode_measure(data: bytes, path: str) -> FileMeasure | None:
    """The measure of the file now at ``path``; ``None`` if the entry is from another version
    or damaged (the file is then measured again)."""
    try:
        body = zlib.decompress(data)
        head_size, count = _SIZE.unpack_from(body)
        start = _SIZE.size + head_size
        raw = json.loads(body[_SIZE.size : start])
        lines, hashes = array("I"), array("Q")
        lines.frombytes(body[start : start + 4 * count])
        hashes.frombytes(body[start + 4 * count : start + 12 * count])
    except (zlib.error, struct.error, ValueError):
        return None
    if not isinstance(raw, dict) or raw.get("v") != MEASURE_VERSION or len(hashes) != count:
        return None
    if sys.byteorder == "big":  # pragma: no cover
        lines.byteswap()
        hashes.byteswap()
    functions = tuple(Function(path, *row) for row in raw["f"])
    return FileMeasure(path, functions, tuple(lines), tuple(hashes), raw["e"])
