"""Measures of file contents kept between audits, keyed by git blob hash.

Measuring complexity (lizard) is the slowest part of reading a tree; a file whose content did not
change since the last audit has the same blob hash, so its functions and line fingerprints are
taken from the cache instead of being measured again. Entries hold no path (a renamed file keeps
its blob): :func:`decode_measure` attaches the path it is found at now.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Collection, Mapping
from typing import Protocol

from cto.analyzers.code_interface import Function
from cto.sources.complexity import FileMeasure

#: Bump when what a measure holds, or how it is computed, changes: old entries are then ignored.
MEASURE_VERSION = 1


class MeasureCache(Protocol):
    """Where measures live between audits (the workspace implements it)."""

    def lookup(self, blobs: Collection[str]) -> dict[str, bytes]:
        """Encoded measures of the blobs it holds, by blob hash."""
        ...

    def store(self, measures: Mapping[str, bytes]) -> None:
        """Keep encoded measures, by blob hash."""
        ...


def encode_measure(measure: FileMeasure) -> bytes:
    """A measure as compact compressed JSON, without its path."""
    functions = [
        [f.name, f.line, f.end_line, f.cyclomatic, f.nloc, f.parameters, f.nesting]
        for f in measure.functions
    ]
    data = {"v": MEASURE_VERSION, "f": functions, "l": list(measure.lines),
            "h": list(measure.hashes), "e": measure.error}  # fmt: skip
    return zlib.compress(json.dumps(data, separators=(",", ":")).encode("ascii"))


def decode_measure(data: bytes, path: str) -> FileMeasure | None:
    """The measure of the file now at ``path``; ``None`` if the entry is from another version."""
    try:
        raw = json.loads(zlib.decompress(data))
    except (zlib.error, ValueError):
        return None
    if not isinstance(raw, dict) or raw.get("v") != MEASURE_VERSION:
        return None
    functions = tuple(Function(path, *row) for row in raw["f"])
    return FileMeasure(path, functions, tuple(raw["l"]), tuple(raw["h"]), raw["e"])
