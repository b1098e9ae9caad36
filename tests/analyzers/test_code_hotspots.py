"""Hotspots: Kneedle on crafted curves, ranking on a crafted history, and the hotspot rules."""

from __future__ import annotations

import pytest
from facts_builder import commit, day, facts
from hypothesis import given
from hypothesis import strategies as st
from test_code_support import code_facts, function, source

from cto.analyzers import hotspot_findings
from cto.analyzers.code import analyze_code
from cto.analyzers.code_interface import CodeFacts
from cto.analyzers.hotspots import Hotspot, Hotspots, knee
from cto.analyzers.interface import Commit, HistoryFacts
from cto.analyzers.rules import RuleSet
from cto.findings import Severity

RULES = RuleSet.default()


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([100, 10, 9, 8, 7], 1),  # one file far ahead: the curve flattens right after it
        ([100, 90, 10, 5, 4, 3], 2),  # two ahead
        ([150, 50, 6, 5, 2, 1], 2),
        ([5, 4, 3, 2, 1], None),  # a straight line has no knee
        ([100, 99, 98, 97, 1], None),  # concave: nothing stands out
        ([7, 7, 7], None),
        ([42], None),
        ([9, 1], None),
        ([], None),
    ],
)
def test_knee(values: list[float], expected: int | None) -> None:
    assert knee(values) == expected


@given(st.lists(st.floats(0, 1e9), max_size=50).map(lambda v: sorted(v, reverse=True)))
def test_knee_within_bounds(values: list[float]) -> None:
    found = knee(values)
    assert found is None or 0 < found < len(values) - 1


def history_commits() -> list[Commit]:
    return [
        commit("alice", day(10), "old.py"),  # before the window
        commit("alice", day(35), "core.py"),  # exactly at the window start: outside
        *(commit("alice", day(100 + i), "core.py", "api.py") for i in range(5)),
        *(commit("alice", day(110 + i), "core.py") for i in range(5)),
        *(commit("bob", day(120 + i), "util.py") for i in range(3)),
        commit("carol", day(130), "schema.sql"),
        commit("alice", day(131), "a.py"),
        commit("alice", day(132), "docs.md", "docs.md"),
        commit("alice", day(133), "empty.py"),
        commit("alice", day(134), "empty.py"),
        commit("alice", day(135), "core.py", merge=True),  # merges carry no changes
        commit("dave", day(400), "b.py"),  # exactly at the audit date: inside
    ]


def crafted() -> tuple[CodeFacts, HistoryFacts]:
    files = [source(p) for p in ("core.py", "api.py", "util.py", "a.py", "b.py", "old.py",
                                 "empty.py")]  # fmt: skip
    files += [source("schema.sql", 50), source("docs.md", 300)]
    functions = [
        function("core.py", "f", cyclomatic=10), function("core.py", "g", cyclomatic=5),
        function("api.py", cyclomatic=1), function("util.py", cyclomatic=2),
        function("a.py", cyclomatic=2), function("b.py", cyclomatic=1),
        function("old.py", cyclomatic=4),
    ]  # fmt: skip
    names = {"alice": "Alice", "bob": "Bob", "carol": "Carol", "dave": "Dave"}
    return code_facts(files, functions), facts(history_commits(), as_of=day(400), names=names)


def test_ranking_on_a_crafted_history() -> None:
    code, history = crafted()
    spots = analyze_code(code, history).hotspots
    ranked = [(h.path, h.revisions, h.complexity, h.score) for h in spots.ranked]
    assert ranked == [
        ("core.py", 10, 15, 150),
        ("util.py", 3, 2, 6),
        ("api.py", 5, 1, 5),
        ("a.py", 1, 2, 2),
        ("b.py", 1, 1, 1),
    ]  # old.py: no change in the window; empty.py: no functions (0); schema.sql: no function
    #    measured in SQL, so not ranked; docs.md: not code
    # Kneedle on [150, 6, 5, 2, 1]: x = i/4, y = (v - 1)/149; (1 - x) - y = 0, .716, .473, .243, 0
    assert (spots.knee, spots.count, spots.scored) == (1, 1, 5)
    # 19 non-merge commits in the window; rankable revisions 10 + 5 + 3 + 1 + 1 + 2 (empty.py) = 22
    assert (spots.commits, spots.changes) == (19, 22)
    (core,) = spots.hotspots
    assert (core.main_developer, core.sole_author, core.coupled_with) == ("Alice", "Alice",
                                                                         ("api.py",))  # fmt: skip
    assert core.health == 10.0
    assert spots.change_share == pytest.approx(100 * 10 / 22)


def test_key_person_hotspots_finding_on_the_crafted_history() -> None:
    code, history = crafted()
    found = {f.rule: f for f in analyze_code(code, history).findings}
    key = found["complexity.key-person-hotspots"]
    assert key.severity is Severity.MEDIUM
    assert key.title == (
        "45% of the changes in the last year land in one file that only one person understands"
    )
    assert "Alice" in key.impact and "Carol" not in key.impact
    assert [e.path for e in key.evidence[1:]] == ["core.py"]
    assert "complexity.unhealthy-hotspots" not in found


def test_no_history_or_no_recent_commits_is_not_assessed() -> None:
    code, _ = crafted()
    alone = analyze_code(code)
    assert alone.hotspots.not_assessed[0].reason == "hotspots not assessed: no history was read"
    late = facts(history_commits(), as_of=day(2000))
    spots = analyze_code(code, late).hotspots
    assert spots.ranked == () and spots.count == 0
    assert spots.not_assessed[0].reason.endswith("no commits in the 365 days before the audit date")


def spot(path: str, revisions: int, health: float | None, sole: str | None = None) -> Hotspot:
    return Hotspot(path, revisions, 10, revisions * 10, health, sole, sole, ())


def ranked(*spots: Hotspot, changes: int = 100) -> Hotspots:
    return Hotspots(0, 0, 365, 50, changes, spots, len(spots), len(spots), None)


@pytest.mark.parametrize(
    ("healths", "severity"),
    [
        ((4.0, 9.0, 10.0), None),  # below 4, not at 4
        ((3.9, 9.0, 10.0), Severity.MEDIUM),
        ((3.9, 1.0, 2.5), Severity.HIGH),
        ((None, None, None), None),  # not graded: no claim
    ],
)
def test_unhealthy_hotspots_rule(healths: tuple[float | None, ...], severity: Severity | None)\
        -> None:  # fmt: skip
    spots = ranked(*(spot(f"f{i}.py", 25, h) for i, h in enumerate(healths)))
    found = [f for f in hotspot_findings.findings(spots, "acme/shop", RULES)
             if f.rule == "complexity.unhealthy-hotspots"]  # fmt: skip
    assert (found[0].severity if found else None) is severity
    if severity is Severity.MEDIUM:
        assert found[0].title == (
            "One file carries a quarter of the changes in the last year and is hard to change "
            "safely"
        )


@pytest.mark.parametrize(
    ("sole", "severity"),
    [(0, None), (1, Severity.MEDIUM), (2, Severity.MEDIUM), (3, Severity.HIGH)],
)
def test_key_person_hotspots_rule(sole: int, severity: Severity | None) -> None:
    spots = ranked(*(spot(f"f{i}.py", 10, 9.0, "Alice" if i < sole else None) for i in range(4)))
    found = [f for f in hotspot_findings.findings(spots, "acme/shop", RULES)
             if f.rule == "complexity.key-person-hotspots"]  # fmt: skip
    assert (found[0].severity if found else None) is severity


@pytest.mark.parametrize(
    ("percent", "words"),
    [(25, "a quarter"), (26.4, "a quarter"), (27, "27%"), (50, "half"), (66.7, "two thirds"),
     (33.3, "a third"), (3, "3%"), (100, "100%")],
)  # fmt: skip
def test_share_words(percent: float, words: str) -> None:
    assert hotspot_findings.share_words(percent) == words


def test_count_words() -> None:
    assert hotspot_findings.count_words(1, "file", "files") == "one file"
    assert hotspot_findings.count_words(5, "file", "files") == "five files"
    assert hotspot_findings.count_words(1234, "file", "files") == "1,234 files"


def test_hotspot_evidence_is_capped_and_counts_agree() -> None:
    from cto.analyzers.hotspot_findings import MAX_EVIDENCE, _describe

    one = Hotspot("a.py", 1, 10, 10, 10.0, "Alice", "Alice", ())
    assert _describe(one).startswith("1 change, score 10")
    assert _describe(Hotspot("b.py", 2, 10, 20, None, None, None, ())) == "2 changes, score 20"
    # 14 one-person hotspots: the evidence names 10 and counts the other 4.
    files = [f"f{i:02d}.py" for i in range(14)]
    commits = [commit("alice", day(100 + i), path) for i, path in enumerate(files)]
    code = code_facts([source(p) for p in files], [function(p, cyclomatic=3) for p in files])
    history = facts(commits, as_of=day(400), names={"alice": "Alice"})
    found = {f.rule: f for f in analyze_code(code, history).findings}
    evidence = found["complexity.key-person-hotspots"].evidence
    assert [e.label for e in evidence].count("hotspot") == MAX_EVIDENCE
    assert evidence[-1].value == "4 more in the hotspots table"
