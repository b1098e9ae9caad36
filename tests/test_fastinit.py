"""Fast constructors build the same immutable objects as the dataclasses' own __init__."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cto.analyzers.interface import Change, Commit
from cto.fastinit import builder
from cto.sources.interface import FileChange, RawCommit

counts = st.none() | st.integers(min_value=0, max_value=10**9)
texts = st.text()


@given(texts, st.none() | texts, counts, counts)
def test_a_built_file_change_equals_one_made_by_init(path, old_path, added, deleted):
    built = builder(FileChange)(path, old_path, added, deleted)
    made = FileChange(path, old_path, added, deleted)
    assert built == made
    assert hash(built) == hash(made)
    assert type(built) is FileChange


@given(st.lists(st.tuples(texts, counts, counts), max_size=5), st.booleans())
def test_built_commits_equal_commits_made_by_init(changes, is_merge):
    made_changes = tuple(Change(*c) for c in changes)
    built_changes = tuple(builder(Change)(*c) for c in changes)
    assert builder(Commit)("a" * 40, "ada", 7, is_merge, built_changes) == Commit(
        "a" * 40, "ada", 7, is_merge, made_changes
    )


def test_a_built_object_is_as_immutable_as_one_made_by_init():
    commit = builder(RawCommit)("a" * 40, (), "Ada", "ada@example.com", 1, ())
    with pytest.raises(dataclasses.FrozenInstanceError):
        commit.author_name = "Eve"  # type: ignore[misc]


@dataclass(slots=True)
class Mutable:
    value: int


@dataclass(frozen=True)
class NoSlots:
    value: int


@dataclass(frozen=True, slots=True)
class Checked:
    value: int

    def __post_init__(self) -> None:
        if self.value < 0:
            raise ValueError("negative")


@dataclass(frozen=True, slots=True)
class Derived:
    value: int
    double: int = field(init=False, default=0)


@pytest.mark.parametrize("cls", [Mutable, NoSlots, Checked, Derived, int])
def test_classes_whose_init_does_more_than_store_fields_are_refused(cls):
    with pytest.raises(TypeError, match="not a frozen, slotted dataclass"):
        builder(cls)
