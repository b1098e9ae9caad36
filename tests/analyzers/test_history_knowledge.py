"""Knowledge loss and key people."""

from __future__ import annotations

import pytest
from facts_builder import DAY, commit, day, facts

from cto.analyzers.history import analyze_history
from cto.analyzers.interface import HistoryFacts
from cto.findings import Severity

AS_OF = day(400)


def history(lines: dict[str, int | None]) -> HistoryFacts:
    # x.py: only "gone" (last commit 200 days ago, > 183: inactive)
    # y.py: only "here"
    # z.py: both (gone creates it, here 1 change: gone 4.3325, here 3.2345 < 3.293 -> gone only)
    # w.py: nobody in the history (never abandoned: unknown)
    commits = [
        commit("gone", AS_OF - 200 * DAY, "x.py"),
        commit("here", AS_OF - 10 * DAY, "y.py"),
        commit("gone", AS_OF - 300 * DAY, "z.py"),
        commit("here", AS_OF - 5 * DAY, "z.py"),
    ]
    return facts(commits, files=lines, as_of=AS_OF)


def test_knowledge_loss_share_of_lines() -> None:
    analysis = analyze_history(history({"x.py": 100, "y.py": 300, "z.py": 50, "w.py": 50}))
    known = analysis.knowledge
    assert known.inactive_people == ("gone",)
    assert known.abandoned_files == ("x.py", "z.py")  # most lines first
    assert (known.abandoned_lines, known.total_lines) == (150, 500)
    assert known.loss_percent == pytest.approx(30.0)  # 150 / 500
    [loss] = [f for f in analysis.findings if f.rule == "knowledge.knowledge-loss"]
    assert loss.severity is Severity.HIGH
    assert loss.title == "30% of the code is known only by people inactive for over six months"


def test_inactive_edge_is_183_days() -> None:
    commits = [commit("p", AS_OF - 183 * DAY, "a"), commit("q", AS_OF - 183 * DAY - 1, "b")]
    known = analyze_history(facts(commits, as_of=AS_OF)).knowledge
    assert known.inactive_people == ("q",)


def test_file_without_doa_author_falls_back_to_contributors() -> None:
    # 1 commit by "gone" creates f; "here" makes 12 commits:
    # DOA(gone) = 4.391 + 0.164 - 0.321*ln(13) = 3.7317; DOA(here) = 3.293 + 1.968 - 0.2225 = 5.0385
    # gone/here = 0.74 -> only "here" is author: not abandoned.
    commits = [commit("gone", AS_OF - 300 * DAY, "f")]
    commits += [commit("here", AS_OF - 300 * DAY + i + 1, "f") for i in range(12)]
    # "here" has also left (all commits 300 days ago): abandoned.
    known = analyze_history(facts(commits, as_of=AS_OF)).knowledge
    assert known.abandoned_files == ("f",)


def test_key_person_concentration_by_lines() -> None:
    # sole authors: gone x.py + z.py, here y.py.
    # gone: files 2/4 = 50 % (exactly at the bar), lines 150/500 = 30 %  -> 50 %
    # here: files 1/4 = 25 %, lines 300/500 = 60 %                       -> 60 %
    analysis = analyze_history(history({"x.py": 100, "y.py": 300, "z.py": 50, "w.py": 50}))
    known = analysis.knowledge
    assert [(k.person, k.files, k.lines) for k in known.key_people] == [
        ("gone", 2, 150),
        ("here", 1, 300),
    ]
    assert known.key_person_files == 3
    assert known.top_key_person_percent == pytest.approx(60.0)
    key = [f for f in analysis.findings if f.rule == "knowledge.key-person"]
    assert sorted((f.severity, f.title) for f in key) == [
        (Severity.HIGH, "Gone is the only author of 50% of the code"),
        (Severity.HIGH, "Here is the only author of 60% of the code"),
    ]


def test_all_binary_files_fall_back_to_file_share() -> None:
    analysis = analyze_history(history({"x.py": None, "y.py": None, "z.py": None, "w.py": None}))
    assert analysis.knowledge.loss_percent == pytest.approx(50.0)  # 2 of 4 files
