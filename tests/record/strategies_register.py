"""Hypothesis strategies for the risk register and the roadmap (risks, initiatives, capacity,
not-now entries).

Entries are drawn as plain data and validated by the models, so every drawn entry is one a user
could store: unicode text, empty strings and lists, unknown (None) fields, edge numbers (0, the
bounds of each scale, tiny and huge floats) and closed risks whose dates and reason agree.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from cto.record.risks import Risk, RiskStatus
from cto.record.roadmap import RICE_IMPACTS, Capacity, Initiative, InitiativeStatus, NotNow

_CHARACTERS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
_SAMPLES = ("ünïcödé — 日本語 🚀", "  padded  ", "line\nbreak\ttab", "\u2028 ‮rtl", "x")


def text(min_size: int = 0, max_size: int = 40) -> st.SearchStrategy[str]:
    """Unicode text; with ``min_size`` 1, never blank (the models strip and require it)."""
    drawn = st.text(_CHARACTERS, min_size=min_size, max_size=max_size) | st.sampled_from(_SAMPLES)
    return drawn.filter(lambda s: len(s.strip()) >= min_size)


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``None`` or a value."""
    return st.none() | strategy


dates = st.dates(min_value=date(1970, 1, 1), max_value=date(2200, 12, 31))
slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
quarters = st.builds(lambda year, q: f"{year}Q{q}", st.integers(1990, 2200), st.integers(1, 4))
finding_ids = st.builds(
    lambda rule, digest: f"{rule}:{digest}",
    st.sampled_from(["knowledge.truck-factor", "secrets.in-tree", "delivery.no-tests"]),
    st.from_regex(r"[0-9a-f]{10}", fullmatch=True),
)


def _floats(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False, allow_infinity=False) | st.sampled_from(
        [low, high]
    )


@st.composite
def risks(draw: st.DrawFn) -> Risk:
    """A valid risk; a closed one has a closing day on or after it was raised, and a reason."""
    status = draw(st.sampled_from(RiskStatus))
    raised = draw(dates)
    closed = status is RiskStatus.CLOSED
    closed_on = raised + timedelta(days=draw(st.integers(0, 3000))) if closed else None
    return Risk.model_validate(
        {
            "number": draw(st.integers(1, 10**6)),
            "title": draw(text(1)),
            "description": draw(text()),
            "likelihood": draw(st.integers(1, 5)),
            "impact": draw(st.integers(1, 5)),
            "owner": draw(maybe(text(1))),
            "mitigation": draw(text()),
            "review_date": draw(maybe(dates)),
            "status": status,
            "source_finding": draw(maybe(finding_ids)),
            "repository": draw(maybe(text(1))),
            "raised": raised,
            "closed_on": closed_on,
            "closed_reason": draw(text(1)) if closed else None,
        }
    )


initiatives = st.builds(
    lambda fields: Initiative.model_validate(fields),
    st.fixed_dictionaries(
        {
            "id": slugs,
            "title": text(1),
            "goal": maybe(slugs),
            "reach": _floats(0, 1e9),
            "impact": st.sampled_from(RICE_IMPACTS),
            "confidence": _floats(0, 1),
            "effort": _floats(1e-6, 100_000),
            "quarter": maybe(quarters),
            "status": st.sampled_from(InitiativeStatus),
            "requested_by": maybe(text(1)),
        }
    ),
)
capacities = st.builds(
    lambda quarter, weeks: Capacity(quarter=quarter, person_weeks=weeks),
    quarters,
    _floats(0, 100_000),
)
not_now_entries = st.builds(
    lambda fields: NotNow.model_validate(fields),
    st.fixed_dictionaries(
        {
            "id": slugs,
            "title": text(1),
            "reason": text(1),
            "revisit": maybe(dates),
            "initiative": maybe(slugs),
        }
    ),
)

STRATEGIES: dict[str, st.SearchStrategy[Any]] = {
    "risk": risks(),
    "initiative": initiatives,
    "capacity": capacities,
    "not-now": not_now_entries,
}
"""Record kind -> strategy of valid entries, for the export/import round-trip property test."""
