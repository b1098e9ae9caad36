"""Per-file metrics: revisions, churn, authors, main developer, fragmentation, age."""

from __future__ import annotations

import pytest
from facts_builder import at, change, commit, day, facts

from cto.analyzers.file_metrics import FileMetrics, analyze, file_histories, months_between
from cto.analyzers.interface import Commit


def metrics_of(
    history: list[Commit], files: dict[str, int | None] | None = None, as_of: int | None = None
) -> dict[str, FileMetrics]:
    f = facts(history, files=files, as_of=as_of)
    return {m.path: m for m in analyze(f, file_histories(f)).files}


def test_revisions_churn_and_authors() -> None:
    history = [
        commit("a", day(0), change("x.py", 10, 0)),
        commit("b", day(1), change("x.py", 5, 3), change("y.png", None)),
        commit("b", day(2), change("y.png", None)),
        commit("m", day(3), merge=True),
    ]
    x, y = metrics_of(history)["x.py"], metrics_of(history)["y.png"]
    assert (x.revisions, x.lines_added, x.lines_deleted, x.authors) == (2, 15, 3, 2)
    # binary changes are revisions with no lines
    assert (y.revisions, y.lines_added, y.lines_deleted, y.authors) == (2, 0, 0, 1)


@pytest.mark.parametrize(
    ("work", "main", "share"),
    [
        # (author, lines added per commit, commits)
        ([("a", 10, 1), ("b", 10, 3)], "b", 30 / 40),  # b added 30 of 40 lines
        ([("a", 5, 2), ("b", 10, 1)], "a", 10 / 20),  # tie on 10 lines: a has more revisions
        ([("b", 10, 1), ("a", 10, 1)], "a", 0.5),  # tie on lines and revisions: by name
        ([("a", None, 1), ("b", None, 3)], "b", 3 / 4),  # binary: most revisions, revision share
    ],
)
def test_main_developer_and_share(
    work: list[tuple[str, int | None, int]], main: str, share: float
) -> None:
    history = [
        commit(author, day(10 * i + n), change("f", added))
        for i, (author, added, count) in enumerate(work)
        for n in range(count)
    ]
    metric = metrics_of(history)["f"]
    assert metric.main_developer == main
    assert metric.main_developer_share == pytest.approx(share)


@pytest.mark.parametrize(
    ("revisions", "expected"),
    [
        ({"a": 4}, 0.0),  # one author
        ({"a": 3, "b": 1}, 0.375),  # 1 - (0.75^2 + 0.25^2) = 1 - 0.625
        ({"a": 1, "b": 1}, 0.5),  # 1 - (0.25 + 0.25)
        ({"a": 1, "b": 1, "c": 1, "d": 1}, 0.75),  # 1 - 4 * 1/16
    ],
)
def test_fragmentation_weighs_authors_by_revisions(
    revisions: dict[str, int], expected: float
) -> None:
    # lines added do not matter (code-maat entity-fragmentation counts revisions)
    history = [
        commit(a, day(10 * i + n), change("f", 100 if i == 0 else 1))
        for i, (a, count) in enumerate(revisions.items())
        for n in range(count)
    ]
    assert metrics_of(history)["f"].fragmentation == pytest.approx(expected)


@pytest.mark.parametrize(
    ("last", "as_of", "months"),
    [
        ("2024-01-31", "2024-02-29", 1),  # Jan 31 + 1 month is clamped to Feb 29
        ("2024-01-31", "2024-02-28", 0),
        ("2024-01-15", "2024-04-14", 2),
        ("2024-01-15", "2024-04-15", 3),
        ("2023-06-01", "2024-06-01", 12),
        ("2024-06-01", "2024-05-01", 0),  # changes after the audit date count as 0
    ],
)
def test_age_in_calendar_months(last: str, as_of: str, months: int) -> None:
    assert months_between(at(last), at(as_of)) == months
    assert metrics_of([commit("a", at(last), "f")], as_of=at(as_of))["f"].age_months == months


def test_only_current_files_and_unchanged_files() -> None:
    history = [commit("a", day(0), "kept", "deleted")]
    result = metrics_of(history, files={"kept": 3, "untouched": 5})
    assert set(result) == {"kept", "untouched"}
    untouched = result["untouched"]
    assert (untouched.revisions, untouched.main_developer, untouched.age_months) == (0, None, None)


def test_files_sorted_by_revisions_then_path() -> None:
    history = [commit("a", day(i), "b", *(["c"] if i else [])) for i in range(3)]
    history.append(commit("a", day(9), "a"))
    assert list(metrics_of(history)) == ["b", "c", "a"]


def test_no_files_is_not_assessed() -> None:
    f = facts([commit("a", day(0), "x")], files={})
    assert analyze(f, file_histories(f)).not_assessed
