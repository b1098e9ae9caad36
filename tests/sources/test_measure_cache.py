"""Measures are kept by blob hash: an unchanged or renamed file is never measured twice."""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import Collection, Mapping

from test_code import APP_PY, SHARED, WEB_JS, facts_of

from cto.analyzers.code_interface import Function
from cto.record.workspace import Workspace
from cto.sources import measure_cache
from cto.sources.complexity import FileMeasure
from cto.sources.measure_cache import MEASURE_VERSION, decode_measure, encode_measure


class DictCache:
    """A MeasureCache held in a dict (the workspace keeps the same in its database)."""

    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}
        self.lookups: list[set[str]] = []

    def lookup(self, blobs: Collection[str]) -> dict[str, bytes]:
        self.lookups.append(set(blobs))
        return {b: self.data[b] for b in blobs if b in self.data}

    def store(self, measures: Mapping[str, bytes]) -> None:
        self.data.update(measures)


def measuring(progress_calls):
    """The totals announced for the complexity pass."""
    return [total for text, total in progress_calls if text and text.startswith("Measuring")]


def test_codec_round_trip_attaches_the_current_path():
    measure = FileMeasure(
        "old/a.py", (Function("old/a.py", "f", 1, 9, 4, 8, 2, 1),), (1, 3), (11, 2**64 - 7), ""
    )
    encoded = encode_measure(measure)
    back = decode_measure(encoded, "new/a.py")
    assert back == FileMeasure(
        "new/a.py", (Function("new/a.py", "f", 1, 9, 4, 8, 2, 1),), (1, 3), (11, 2**64 - 7), ""
    )
    assert decode_measure(b"not zlib", "a.py") is None
    assert decode_measure(encoded[:-3], "a.py") is None  # cut
    assert decode_measure(encoded + b"\0", "a.py") is None  # longer than it says
    assert decode_measure(encoded[:16] + b"{" + encoded[17:], "a.py") is None  # damaged head
    older = zlib.compress(b'{"v": %d, "f": [], "l": [], "h": [], "e": ""}' % (MEASURE_VERSION - 1))
    assert decode_measure(older, "a.py") is None  # measured by another version: measure again
    head = b'{"v":%d,"f":[],"e":""}' % (MEASURE_VERSION - 1)
    previous = zlib.compress(len(head).to_bytes(4, "little") + bytes(4) + head)
    assert decode_measure(previous, "a.py") is None


def test_codec_round_trips_measures_without_functions_and_with_errors():
    for measure in (
        FileMeasure("a.c", (), (), ()),
        FileMeasure("a.c", (), (4, 7), (0, 2**64 - 1)),
        FileMeasure("a.c", (), (4,), (5,), "lizard failed: Odd"),
        FileMeasure("a.c", (Function("a.c", "é\n", 1, 2, 3, 4, 5, 6),), (), (), "x"),
    ):
        assert decode_measure(encode_measure(measure), "a.c") == measure


def _zlib_entry(measure: FileMeasure, version: int = MEASURE_VERSION) -> bytes:
    """An entry as cto wrote them before the uncompressed layout (still read)."""
    functions = [
        [f.name, f.line, f.end_line, f.cyclomatic, f.nloc, f.parameters, f.nesting]
        for f in measure.functions
    ]
    head = json.dumps({"v": version, "f": functions, "e": measure.error}).encode()
    body = struct.pack("<II", len(head), len(measure.lines)) + head
    body += struct.pack(f"<{len(measure.lines)}I", *measure.lines)
    body += struct.pack(f"<{len(measure.hashes)}Q", *measure.hashes)
    return zlib.compress(body)


def test_entries_written_compressed_are_still_read_never_misread():
    measure = FileMeasure(
        "a.py", (Function("a.py", "f", 1, 9, 4, 8, 2, 1),), (1, 3, 8), (11, 2**64 - 7, 0), "e"
    )
    assert decode_measure(_zlib_entry(measure), "a.py") == measure
    assert decode_measure(_zlib_entry(measure, MEASURE_VERSION + 1), "a.py") is None
    assert decode_measure(_zlib_entry(measure)[:-2], "a.py") is None
    for level in range(-1, 10):  # a zlib stream never starts like the new layout
        for data in (b"", b"\xffcm3", bytes(range(256)) * 9):
            stream = zlib.compress(data, level)
            assert not stream.startswith(encode_measure(measure)[:4])
            assert decode_measure(stream, "a.py") is None


def test_entries_of_another_version_are_measured_again(monkeypatch):
    measure = FileMeasure("a.py", (), (1,), (2,))
    monkeypatch.setattr(measure_cache, "MEASURE_VERSION", MEASURE_VERSION + 1)
    newer = encode_measure(measure)
    assert decode_measure(newer, "a.py") == measure
    monkeypatch.setattr(measure_cache, "MEASURE_VERSION", MEASURE_VERSION)
    assert decode_measure(newer, "a.py") is None


def test_second_pass_measures_nothing_and_agrees(make_repo):
    builder = make_repo()
    builder.commit({"app.py": APP_PY, "web.js": WEB_JS, "a.py": SHARED, "b.py": SHARED})
    cache, calls = DictCache(), []
    first = facts_of(builder, cache=cache, progress=lambda t, n: calls.append((t, n))).facts
    # app.py, web.js and one blob shared by a.py and b.py: three entries
    assert len(cache.data) == 3
    second = facts_of(builder, cache=cache, progress=lambda t, n: calls.append((t, n))).facts
    plain = facts_of(builder).facts
    assert measuring(calls) == [4, 0]  # four files measured, then none
    for got in (second, plain):
        assert got.functions == first.functions
        assert got.duplicates == first.duplicates


def test_a_renamed_file_reuses_its_measure_under_its_new_name(make_repo):
    builder = make_repo()
    builder.commit({"app.py": APP_PY, "web.js": WEB_JS})
    cache, calls = DictCache(), []
    facts_of(builder, cache=cache)
    builder.commit({"web.js": WEB_JS + "// more\n"}, renames={"app.py": "src/app.py"})
    facts = facts_of(builder, cache=cache, progress=lambda t, n: calls.append((t, n))).facts
    assert measuring(calls) == [1]  # only the changed web.js
    assert {f.path for f in facts.functions} == {"src/app.py", "web.js"}


def test_workspace_keeps_measures(tmp_path):
    with Workspace.open(tmp_path / ".cto") as ws:
        assert ws.measures.lookup({"a" * 40}) == {}
        ws.measures.store({"a" * 40: b"one", "b" * 40: b"two"})
        ws.measures.store({"a" * 40: b"three"})
    with Workspace.open(tmp_path / ".cto") as ws:
        assert ws.measures.lookup({"a" * 40, "b" * 40, "c" * 40}) == {
            "a" * 40: b"three",
            "b" * 40: b"two",
        }


def test_workspace_store_replaces_and_adds_in_batches(tmp_path):
    with Workspace.open(tmp_path / ".cto") as ws:
        ws.measures.store({"a" * 40: b"old"})
        fresh = {f"{n:040x}": bytes([n % 256]) * 3 for n in range(1, 1200)}
        ws.measures.store({"a" * 40: b"new", **fresh})
        found = ws.measures.lookup(["a" * 40, *fresh, "f" * 40])
    assert found == {"a" * 40: b"new", **fresh}
