"""The whole history pipeline: empty and shallow histories, JSON output, speed."""

from __future__ import annotations

import json
import random

from facts_builder import DAY, commit, day, facts

from cto.analyzers.history import analyze_history
from cto.analyzers.interface import Change, Commit, HistoryFacts, Person
from cto.findings import NotAssessed


def test_empty_history_is_not_assessed_everywhere() -> None:
    analysis = analyze_history(facts([], files={}))
    assert analysis.findings == ()
    assert {n.area for n in analysis.not_assessed} == {"activity", "knowledge", "coupling"}
    assert analysis.truck_factor.value is None
    assert analysis.knowledge.loss_percent is None


def test_files_but_no_commits() -> None:
    analysis = analyze_history(facts([], files={"a.py": 3}))
    assert analysis.findings == ()
    assert analysis.truck_factor.value is None
    assert all(f.revisions == 0 for f in analysis.files.files)


def test_shallow_clone() -> None:
    history = [commit("a", day(i), f"f{i}") for i in range(3)]
    analysis = analyze_history(facts(history, shallow=True))
    reason = "shallow clone: first authorship unknown"
    assert NotAssessed("knowledge", reason) in analysis.not_assessed
    assert analysis.truck_factor.value is None and analysis.knowledge.loss_percent is None
    rules = {f.rule for f in analysis.findings}
    assert not rules & {
        "knowledge.truck-factor",
        "knowledge.knowledge-loss",
        "knowledge.key-person",
    }


def test_only_merges() -> None:
    analysis = analyze_history(facts([commit("a", day(0), merge=True)], files={"x": 1}))
    assert analysis.activity.commits == 1 and analysis.activity.contributors == 0
    assert analysis.truck_factor.value is None


def test_to_dict_is_json() -> None:
    history = [commit("a", day(i), "x", "y") for i in range(6)]
    data = analyze_history(facts(history)).to_dict()
    text = json.dumps(data)
    assert json.loads(text) == data
    assert set(data) >= {"activity", "files", "coupling", "truck_factor", "knowledge", "findings"}
    assert data["findings"][0]["severity"] in {"high", "medium"}


def big_history(commits: int = 40_000, files: int = 3_000) -> HistoryFacts:
    rnd = random.Random(7)
    paths = [f"d{i % 25}/f{i}.py" for i in range(files)]
    people = {f"p{i}": Person(f"p{i}", f"Person {i}") for i in range(50)}
    history = []
    for i in range(commits):
        n = 40 if i % 1000 == 0 else rnd.choice((1, 2, 3, 3, 4, 5))
        changes = tuple(
            Change(p, rnd.randint(0, 40), rnd.randint(0, 9)) for p in rnd.sample(paths, n)
        )
        author = f"p{min(int(rnd.expovariate(0.25)), 49)}"
        history.append(Commit(f"{i:040x}", author, day(0) + i * 900, False, changes))
    return HistoryFacts(
        "big",
        "h",
        tuple(history),
        people,
        dict.fromkeys(paths, 100),
        as_of=day(0) + commits * 900 + DAY,
    )


def test_large_history_totals_add_up() -> None:
    # Speed is measured in bench/history.py; here a large history must still add up exactly.
    big = big_history()
    analysis = analyze_history(big)
    assert analysis.activity.commits == 40_000
    revisions = sum(f.revisions for f in analysis.files.files)
    assert revisions == sum(len(c.changes) for c in big.commits)
    assert 1 <= analysis.truck_factor.value <= len(big.people)
