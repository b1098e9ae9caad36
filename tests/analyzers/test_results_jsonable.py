"""``jsonable`` gives what the one-branch-per-kind converter gave, fast paths included."""

from __future__ import annotations

import dataclasses
from collections import Counter, OrderedDict
from collections.abc import Mapping
from enum import Enum, StrEnum
from typing import Any, NamedTuple

from hypothesis import given
from hypothesis import strategies as st

from cto.analyzers.results import jsonable


def _reference(value: Any) -> Any:
    """The converter before its fast paths: dataclass, enum, mapping, sequence, set, in turn."""
    if type(value) in (str, int, float, bool, type(None)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _reference(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): _reference(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_reference(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((_reference(v) for v in value), key=repr)
    return value


class Kind(StrEnum):
    A = "a"
    B = "b"


class Pair(NamedTuple):
    left: Any
    right: Any


@dataclasses.dataclass(frozen=True)
class Box:
    label: str
    inner: Any


class Flag(int):
    """An int subclass: not a plain value, returned as it is."""


LEAVES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=3),
    st.sampled_from(Kind), st.integers().map(Flag),
)  # fmt: skip


def _nested(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    keys = st.one_of(st.text(max_size=2), st.integers(), st.sampled_from(Kind))
    return st.one_of(
        st.lists(children, max_size=3),
        st.lists(children, max_size=3).map(tuple),
        st.dictionaries(keys, children, max_size=3),
        st.dictionaries(keys, children, max_size=3).map(OrderedDict),
        st.lists(st.text(max_size=2), max_size=3).map(Counter),
        st.frozensets(st.integers(), max_size=3),
        st.builds(Pair, children, children),
        st.builds(Box, st.text(max_size=2), children),
    )


@given(st.recursive(LEAVES, _nested, max_leaves=12))
def test_jsonable_matches_the_reference(value: Any) -> None:
    assert repr(jsonable(value)) == repr(_reference(value))  # repr tells enums from strings
