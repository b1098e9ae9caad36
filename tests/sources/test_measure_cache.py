"""Measures are kept by blob hash: an unchanged or renamed file is never measured twice."""

from __future__ import annotations

import zlib
from collections.abc import Collection, Mapping

from test_code import APP_PY, SHARED, WEB_JS, facts_of

from cto.analyzers.code_interface import Function
from cto.record.workspace import Workspace
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
    assert decode_measure(zlib.compress(zlib.decompress(encoded)[:-3]), "a.py") is None  # cut
    older = zlib.compress(b'{"v": %d, "f": [], "l": [], "h": [], "e": ""}' % (MEASURE_VERSION - 1))
    assert decode_measure(older, "a.py") is None  # measured by another version: measure again
    head = b'{"v":%d,"f":[],"e":""}' % (MEASURE_VERSION - 1)
    previous = zlib.compress(len(head).to_bytes(4, "little") + bytes(4) + head)
    assert decode_measure(previous, "a.py") is None


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
