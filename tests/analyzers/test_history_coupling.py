"""Change coupling and sum of coupling, as code-maat computes them."""

from __future__ import annotations

import pytest
from facts_builder import commit, day, facts

from cto.analyzers.coupling import analyze
from cto.analyzers.interface import Commit
from cto.analyzers.rules import RuleSet

RULES = RuleSet.default()


def together(n: int, *paths: str, start: int = 0) -> list[Commit]:
    """``n`` commits, each changing all of ``paths``."""
    return [commit("a", day(start + i), *paths) for i in range(n)]


def test_degree_is_shared_over_mean_revisions() -> None:
    # A: 6 revisions, B: 8, shared 6 -> 6 / ((6 + 8) / 2) = 6 / 7 = 85.714 %
    history = together(6, "A", "B") + together(2, "B", start=10)
    result = analyze(facts(history), RULES)
    [pair] = result.pairs
    assert (pair.first, pair.second) == ("A", "B")
    assert (pair.first_revisions, pair.second_revisions, pair.shared_revisions) == (6, 8, 6)
    assert pair.degree == pytest.approx(600 / 7)
    assert round(pair.degree, 1) == 85.7


@pytest.mark.parametrize(
    ("only_a", "only_b", "shared", "kept"),
    [
        (0, 0, 5, True),  # mean 5, shared 5, degree 100: every default exactly met
        (0, 0, 4, False),  # shared 4 < 5 (and mean 4 < 5)
        (5, 5, 5, True),  # mean 10, shared 5, degree 50
        (5, 25, 5, False),  # mean 20: degree 25 < 30
        (0, 20, 10, True),  # mean 20: degree 50
        (7, 7, 3, False),  # mean 10 >= 5 but shared 3 < 5
    ],
)
def test_default_thresholds(only_a: int, only_b: int, shared: int, kept: bool) -> None:
    history = together(shared, "A", "B") + together(only_a, "A", start=100)
    history += together(only_b, "B", start=200)
    assert bool(analyze(facts(history), RULES).pairs) is kept


def test_min_revisions_compares_the_mean_not_each_file() -> None:
    # A 4, B 6, shared 4 with min_shared 1: mean 5 >= 5 although A alone has 4 revisions.
    rules = RULES.with_overrides({"coupling": {"min_shared_revisions": 1}})
    history = together(4, "A", "B") + together(2, "B", start=10)
    assert len(analyze(facts(history), rules).pairs) == 1
    # A 4, B 5, shared 4: mean 4.5 < 5.
    history = together(4, "A", "B") + together(1, "B", start=10)
    assert analyze(facts(history), rules).pairs == ()


@pytest.mark.parametrize(("size", "counted"), [(30, True), (31, False)])
def test_large_commits_are_skipped_before_counting_revisions(size: int, counted: bool) -> None:
    fillers = [f"filler{i}" for i in range(size - 2)]
    big = [commit("a", day(50 + i), "A", "B", *fillers) for i in range(5)]
    result = analyze(facts(big), RULES)
    assert result.skipped_commits == (0 if counted else 5)
    assert any(p.first == "A" and p.second == "B" for p in result.pairs) is counted


def test_revisions_exclude_skipped_commits() -> None:
    # A and B share 5 small commits; A is also in one 40-file commit, which is dropped first,
    # so A has 5 revisions (not 6) and the degree is 5 / 5 = 100 % (code-maat order).
    history = [*together(5, "A", "B"), commit("a", day(30), "A", *[f"x{i}" for i in range(39)])]
    [pair] = analyze(facts(history), RULES).pairs
    assert (pair.first_revisions, pair.degree) == (5, 100.0)


def test_pairs_only_between_current_files_but_size_counts_all_paths() -> None:
    history = together(5, "A", "B", "gone")
    result = analyze(facts(history, files={"A": 1, "B": 1}), RULES)
    assert [(p.first, p.second) for p in result.pairs] == [("A", "B")]
    assert dict(result.sum_of_coupling) == {"A": 10, "B": 10}  # 2 others x 5 commits


def test_merges_are_ignored() -> None:
    history = [*together(5, "A", "B"), commit("m", day(40), merge=True)]
    assert analyze(facts(history), RULES).pairs[0].shared_revisions == 5


def test_sum_of_coupling() -> None:
    # {a,b,c}: each gets 2; {a,b}: each gets 1; {a}: 0  ->  a 3, b 3, c 2
    history = [
        commit("p", day(0), "a", "b", "c"),
        commit("p", day(1), "a", "b"),
        commit("p", day(2), "a"),
    ]
    assert analyze(facts(history), RULES).sum_of_coupling == (("a", 3), ("b", 3), ("c", 2))


def test_no_files_or_no_commits_is_not_assessed() -> None:
    assert analyze(facts([]), RULES).not_assessed
    assert analyze(facts([commit("a", day(0), "x")], files={}), RULES).not_assessed
