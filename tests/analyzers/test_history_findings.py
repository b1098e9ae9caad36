"""Rules fire exactly at their thresholds, not below, and findings carry what a founder needs."""

from __future__ import annotations

import pytest
from facts_builder import commit, day, facts

from cto.analyzers.history import analyze_history
from cto.analyzers.interface import Commit
from cto.analyzers.rules import RuleSet
from cto.errors import InputError
from cto.findings import Severity, finding_id

RULES = RuleSet.default()


@pytest.mark.parametrize(
    ("rule", "value", "severity"),
    [
        ("knowledge.truck-factor", 1, Severity.HIGH),
        ("knowledge.truck-factor", 2, Severity.MEDIUM),
        ("knowledge.truck-factor", 3, None),
        ("knowledge.contributor-absence", 1, Severity.MEDIUM),
        ("knowledge.contributor-absence", 2, None),
        ("knowledge.knowledge-loss", 25, Severity.HIGH),
        ("knowledge.knowledge-loss", 24.99, Severity.MEDIUM),
        ("knowledge.knowledge-loss", 10, Severity.MEDIUM),
        ("knowledge.knowledge-loss", 9.99, None),
        ("knowledge.key-person", 50, Severity.HIGH),
        ("knowledge.key-person", 49.99, None),
        ("activity.dormant", 90, None),
        ("activity.dormant", 90.01, Severity.MEDIUM),
        ("coupling.cross-boundary", 1, Severity.MEDIUM),
        ("coupling.cross-boundary", 0, None),
    ],
)
def test_severity_tiers(rule: str, value: float, severity: Severity | None) -> None:
    assert RULES.get(rule).severity_for(value) is severity


def solo(n_files: int) -> list[Commit]:
    return [commit("alice", day(i), f"f{i}.py") for i in range(n_files)]


def test_truck_factor_finding_in_business_words() -> None:
    f = facts(solo(3), names={"alice": "Alice"})
    found = {x.rule: x for x in analyze_history(f).findings}
    tf = found["knowledge.truck-factor"]
    assert tf.severity is Severity.HIGH
    assert tf.title == (
        "Truck factor is 1: if Alice left, "
        "more than half of the code would have nobody who knows it"
    )
    assert tf.id == finding_id("knowledge.truck-factor", "acme/shop", "")
    assert tf.repository == "acme/shop"
    assert ("truck factor", "1") in [(e.label, e.value) for e in tf.evidence]
    assert ("person", "Alice") in [(e.label, e.value) for e in tf.evidence]
    assert tf.impact.startswith("If Alice left")
    assert tf.recommendation and tf.effort
    assert found["knowledge.contributor-absence"].severity is Severity.MEDIUM


def test_contributor_absence_names_the_real_share() -> None:
    # Alice 3 of 4 non-merge commits = 75 %, Bob 1: factor 1 (Alice alone passes 50 %).
    history = [*solo(3), commit("bob", day(9), "g.py")]
    f = facts(history, names={"alice": "Alice", "bob": "Bob"})
    found = {x.rule: x for x in analyze_history(f).findings}
    absence = found["knowledge.contributor-absence"]
    assert absence.title == "Alice made 75% of all commits"
    assert ("share of non-merge commits", "75%") in [(e.label, e.value) for e in absence.evidence]


def test_findings_most_severe_first() -> None:
    found = analyze_history(facts(solo(3))).findings
    ranks = [f.severity.rank for f in found]
    assert ranks == sorted(ranks, reverse=True)


def coupled(shared: int, first: str, second: str) -> list[Commit]:
    return [commit("a", day(i), first, second) for i in range(shared)]


@pytest.mark.parametrize(
    ("history", "fires"),
    [
        (coupled(10, "api/a.py", "web/b.py"), True),  # 100 %, 10 shared, different dirs
        (coupled(9, "api/a.py", "web/b.py"), False),  # 9 shared < 10
        (coupled(10, "api/a.py", "api/b.py"), False),  # same top-level directory
        (coupled(10, "a.py", "b.py"), False),  # both at the root
        (coupled(10, "a.py", "web/b.py"), True),  # root vs web/
        # degree exactly 80 %: a 10, b 15 (10 shared) -> 10 / 12.5 = 80 %
        (coupled(10, "api/a.py", "web/b.py") + coupled(5, "web/b.py", "web/c.py"), True),
        # degree 76.9 %: a 10, b 16 -> 10 / 13
        (coupled(10, "api/a.py", "web/b.py") + coupled(6, "web/b.py", "web/c.py"), False),
    ],
)
def test_cross_boundary_coupling(history: list[Commit], fires: bool) -> None:
    rules = [f.rule for f in analyze_history(facts(history)).findings]
    assert ("coupling.cross-boundary" in rules) is fires


def test_overrides_change_thresholds() -> None:
    rules = RULES.with_overrides({"knowledge.truck-factor": {"high": 0, "medium": 1}})
    assert rules.get("knowledge.truck-factor").severity_for(1) is Severity.MEDIUM
    assert RULES.get("knowledge.truck-factor").severity_for(1) is Severity.HIGH  # unchanged
    lenient = RULES.with_overrides({"coupling": {"min_shared_revisions": 1, "min_revisions": 1}})
    assert analyze_history(facts(coupled(2, "a", "b")), lenient).coupling.pairs


@pytest.mark.parametrize(
    "overrides",
    [{"no.such-rule": {"high": 1}}, {"knowledge.truck-factor": {"severe": 1}}],
)
def test_unknown_overrides_are_refused(overrides: dict[str, dict[str, float]]) -> None:
    with pytest.raises(InputError):
        RULES.with_overrides(overrides)


def test_rule_ids_follow_area_dot_name() -> None:
    for rule in RULES.rules:
        area, _, name = rule.id.partition(".")
        assert area == rule.area and name
        assert rule.rationale and rule.source and rule.impact and rule.recommendation


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, ""),
        (1, "P0"),
        (2, "P0 and P1"),
        (3, "P0, P1 and P2"),
        (10, "P0, P1, P2, P3, P4, P5, P6, P7, P8 and P9"),
        (833, "P0, P1, P2, P3, P4, P5, P6, P7, P8, P9 and 823 more"),
    ],
)
def test_join_names_stays_readable(count: int, expected: str) -> None:
    from cto.analyzers.truck_factor import join_names

    ids = [f"p{i}" for i in range(count)]
    f = facts([commit(p, day(1), "f.py") for p in ids], names={p: p.upper() for p in ids})
    assert join_names(ids, f) == expected
