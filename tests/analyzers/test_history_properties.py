"""Property tests: bounds that hold for every history."""

from __future__ import annotations

from facts_builder import change, commit, day, facts
from hypothesis import given, settings
from hypothesis import strategies as st

from cto.analyzers.history import analyze_history
from cto.analyzers.rules import RuleSet

LENIENT = RuleSet.default().with_overrides(
    {"coupling": {"min_revisions": 1, "min_shared_revisions": 1, "min_degree": 0}}
)
paths = st.sampled_from(["a", "b", "c", "d/e", "d/f"])
commits = st.lists(
    st.tuples(
        st.sampled_from(["p", "q", "r"]),
        st.sets(paths, min_size=1, max_size=4),
        st.integers(min_value=0, max_value=50),
        st.booleans(),
    ),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(commits)
def test_bounds(history: list[tuple[str, set[str], int, bool]]) -> None:
    built = [
        commit(author, day(i), *(change(p, added) for p in sorted(changed)), merge=merge)
        for i, (author, changed, added, merge) in enumerate(history)
    ]
    built = [c if not c.is_merge else commit(c.author, c.time, merge=True) for c in built]
    f = facts(built, files={"a": 1, "b": 2, "c": None, "d/e": 4, "d/f": 5})
    analysis = analyze_history(f, LENIENT)
    for m in analysis.files.files:
        assert 0.0 <= m.fragmentation < 1.0
        assert 0.0 <= m.main_developer_share <= 1.0
    for pair in analysis.coupling.pairs:
        assert 0.0 < pair.degree <= 100.0
        assert pair.shared_revisions <= min(pair.first_revisions, pair.second_revisions)
    truck = analysis.truck_factor
    if truck.value is not None:
        assert 0 <= truck.value <= analysis.activity.contributors
        assert truck.orphaned * 2 > truck.files_total or truck.files_total == 0
    loss = analysis.knowledge.loss_percent
    assert loss is None or 0.0 <= loss <= 100.0
