"""Truck factor (Avelino et al. 2016), degree of authorship and the CHAOSS absence factor."""

from __future__ import annotations

import math

import pytest
from facts_builder import commit, day, facts

from cto.analyzers.file_metrics import file_histories
from cto.analyzers.rules import RuleSet
from cto.analyzers.truck_factor import absence_factor, analyze, degree_of_authorship, file_authors

RULES = RuleSet.default()

# Four files, three people (ids sort a < b < c):
#   a.py: a creates it, then 2 more commits   -> a: FA=1 DL=3 AC=0
#         DOA(a) = 3.293 + 1.098 + 0.164*3 - 0.321*ln(1) = 4.883            -> authors {a}
#   b.py: a creates it (1), b 3 commits        -> a: FA=1 DL=1 AC=3, b: FA=0 DL=3 AC=1
#         DOA(a) = 3.293 + 1.098 + 0.164 - 0.321*ln(4) = 4.555 - 0.4450 = 4.1100
#         DOA(b) = 3.293 + 0.492 - 0.321*ln(2)         = 3.785 - 0.2225 = 3.5625
#         b/a = 0.8668 > 0.75 and 3.5625 >= 3.293                          -> authors {a, b}
#   c.py: b creates it, 2 commits              -> DOA(b) = 3.293 + 1.098 + 0.328 = 4.719 -> {b}
#   d.py: c creates it (1), a 1 commit         -> c: 4.555 - 0.2225 = 4.3325
#         DOA(a) = 3.293 + 0.164 - 0.2225 = 3.2345 < 3.293 (and a/c = 0.7466)   -> authors {c}
# Files per author: a 2, b 2, c 1. a and b tie on files and on commits (5 each) -> id: a first.
# Remove a: a.py orphaned (1 of 4, not > 2). Remove b: b.py, c.py orphaned (3 of 4 > 2). TF = 2.
HISTORY = [
    commit("a", day(0), "a.py"),
    commit("a", day(1), "a.py"),
    commit("a", day(2), "a.py"),
    commit("a", day(3), "b.py"),
    commit("b", day(4), "b.py"),
    commit("b", day(5), "b.py"),
    commit("b", day(6), "b.py"),
    commit("b", day(7), "c.py"),
    commit("b", day(8), "c.py"),
    commit("c", day(9), "d.py"),
    commit("a", day(10), "d.py"),
]


def test_doa_arithmetic() -> None:
    assert degree_of_authorship(True, 3, 0) == pytest.approx(4.883)
    assert degree_of_authorship(True, 1, 3) == pytest.approx(4.555 - 0.321 * math.log(4))
    assert degree_of_authorship(False, 3, 1) == pytest.approx(3.5625, abs=1e-4)
    assert degree_of_authorship(False, 1, 1) == pytest.approx(3.2345, abs=1e-4)


def test_truck_factor_four_files_three_people() -> None:
    result = analyze(facts(HISTORY), file_histories(facts(HISTORY)), RULES)
    assert result.authors_by_file == {
        "a.py": ("a",),
        "b.py": ("a", "b"),
        "c.py": ("b",),
        "d.py": ("c",),
    }
    assert result.files_by_author == (("a", 2), ("b", 2), ("c", 1))
    assert result.value == 2
    assert result.people == ("a", "b")
    assert result.orphaned == 3
    assert result.files_total == 4


def test_truck_factor_one_when_one_person_authors_most_files() -> None:
    history = [commit("a", day(i), f"f{i}.py") for i in range(3)] + [commit("b", day(5), "g.py")]
    f = facts(history)
    result = analyze(f, file_histories(f), RULES)
    # a authors 3 of 4 files: removing a orphans 3 > 2.
    assert (result.value, result.people) == (1, ("a",))


def test_files_without_history_count_as_orphaned_from_the_start() -> None:
    f = facts([commit("a", day(0), "a.py")], files={"a.py": 1, "x.py": 1, "y.py": 1})
    result = analyze(f, file_histories(f), RULES)
    # 2 of 3 files have no author already: more than half, so nobody needs to leave.
    assert (result.value, result.people, result.orphaned) == (0, (), 2)


# b.py-like file: x creates it (1 commit), y 2 commits.
#   DOA(x) = 3.293 + 1.098 + 0.164 - 0.321*ln(3) = 4.555 - 0.35265 = 4.20235
#   DOA(y) = 3.293 + 0.328 - 0.321*ln(2)         = 3.621 - 0.22250 = 3.39850
#   y/x = 0.80872
EDGE = [commit("x", day(0), "e.py"), commit("y", day(1), "e.py"), commit("y", day(2), "e.py")]
DOA_X = degree_of_authorship(True, 1, 2)
DOA_Y = degree_of_authorship(False, 2, 1)


@pytest.mark.parametrize(
    ("normalised", "absolute", "authors"),
    [
        (0.75, 3.293, ("x", "y")),  # the paper's thresholds
        (0.80, 3.293, ("x", "y")),  # 0.8087 > 0.80
        (0.81, 3.293, ("x",)),  # 0.8087 < 0.81
        (DOA_Y / DOA_X, 3.293, ("x",)),  # normalised must be strictly above
        (0.75, DOA_Y, ("x", "y")),  # absolute is "at least"
        (0.75, 3.40, ("x",)),  # 3.3985 < 3.40
    ],
)
def test_doa_author_threshold_edges(
    normalised: float, absolute: float, authors: tuple[str, ...]
) -> None:
    history = file_histories(facts(EDGE))["e.py"]
    assert pytest.approx(0.80872, abs=1e-5) == DOA_Y / DOA_X
    assert file_authors(history, normalised, absolute) == authors


@pytest.mark.parametrize(
    ("commits", "expected"),
    [
        ({"a": 5, "b": 3, "c": 2}, ("a",)),  # 5 of 10 is half: enough
        ({"a": 4, "b": 3, "c": 3}, ("a", "b")),  # 4 < 5, 4+3 = 7 >= 5
        ({"a": 1, "b": 1, "c": 1, "d": 1}, ("a", "b")),  # ties by id
        ({}, ()),
    ],
)
def test_contributor_absence_factor(commits: dict[str, int], expected: tuple[str, ...]) -> None:
    assert absence_factor(commits, 0.5) == expected


def test_absence_factor_ignores_merges() -> None:
    history = [commit("a", day(i), "a.py") for i in range(3)]
    history += [commit("b", day(4 + i), "b.py") for i in range(2)]
    history += [commit("b", day(10 + i), merge=True) for i in range(5)]
    f = facts(history)
    result = analyze(f, file_histories(f), RULES)
    # non-merge commits: a 3, b 2; a alone makes 3 of 5 >= 50 %.
    assert (result.absence_factor, result.absence_people) == (1, ("a",))


def test_shallow_clone_is_not_assessed() -> None:
    f = facts(HISTORY, shallow=True)
    result = analyze(f, file_histories(f), RULES)
    assert result.value is None
    assert result.absence_factor is None  # the latest commits only say nothing about the team
    assert [n.reason for n in result.not_assessed] == ["shallow clone: first authorship unknown"]
