"""Hypothesis strategies for the vendor, hiring, proof-of-concept, spend and outcome kinds.

``STRATEGIES`` maps each KIND to a strategy of valid entries (unicode text, empty lists, ``None``
fields, edge numbers), for the export/import round-trip property test.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from cto.record.hiring import Candidate, Role
from cto.record.items import RecordModel, build
from cto.record.outcomes import MonthlyOutcome
from cto.record.pocs import Poc
from cto.record.spend import SpendLine
from cto.record.vendors import Vendor

_CHARS = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")


def text(min_size: int = 0, max_size: int = 40) -> st.SearchStrategy[str]:
    """Unicode text as the models keep it: stripped, no NUL (PostgreSQL JSON refuses it)."""
    stripped = st.text(_CHARS, max_size=max_size).map(str.strip)
    return stripped.filter(lambda value: len(value) >= min_size)


slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,30}", fullmatch=True)
months = st.builds(
    lambda year, month: f"{year:04d}-{month:02d}",
    st.integers(0, 9999),
    st.integers(1, 12),
)
money = st.floats(0, 1e12, allow_nan=False, allow_infinity=False)
weeks = st.floats(0, 1000, allow_nan=False, allow_infinity=False)
dates = st.dates(date(1990, 1, 1), date(2100, 12, 31))


def _built(cls: type[RecordModel], fields: dict[str, st.SearchStrategy[Any]]) -> Any:
    return st.fixed_dictionaries(fields).map(lambda data: build(cls, data))


vendors = _built(
    Vendor,
    {
        "id": slugs,
        "name": text(1),
        "scope": text(1),
        "contract": st.sampled_from(["fixed-price", "time-and-materials", "retainer", "other"]),
        "estimate": st.none() | money,
        "estimate_weeks": st.none() | weeks,
        "actual_to_date": st.none() | money,
        "actual_weeks": st.none() | weeks,
        "discovery_done": st.none() | st.booleans(),
        "contingency_percent": st.none() | st.floats(0, 100, allow_nan=False),
        "started": st.none() | dates,
        "notes": text(),
    },
)

competencies = st.lists(text(1, 20), min_size=1, max_size=4, unique=True)
stages = st.fixed_dictionaries({"name": text(1, 20), "competencies": competencies})
roles = _built(
    Role,
    {
        "id": slugs,
        "title": text(1),
        "status": st.sampled_from(["open", "paused", "filled", "closed"]),
        "loop": st.lists(stages, max_size=4, unique_by=lambda stage: stage["name"]),
    },
)

scorecards = st.fixed_dictionaries(
    {
        "stage": text(1, 20),
        "interviewer": text(1, 20),
        "scores": st.dictionaries(text(1, 20), st.integers(1, 4), min_size=1, max_size=4),
        "recommendation": st.sampled_from(["strong-no", "no", "yes", "strong-yes"]),
        "notes": text(),
    }
)
candidates = _built(
    Candidate,
    {
        "id": slugs,
        "name": text(1),
        "role": slugs,
        "state": st.sampled_from(
            ["applied", "screen", "interview", "offer", "hired", "rejected", "withdrawn"]
        ),
        "scorecards": st.lists(
            scorecards, max_size=3, unique_by=lambda card: (card["stage"], card["interviewer"])
        ),
    },
)


@st.composite
def pocs(draw: st.DrawFn) -> Poc:
    """A pending or decided proof of concept (a decided one always has its date)."""
    decision = draw(st.sampled_from(["pending", "go", "no-go"]))
    started = draw(st.none() | dates)
    decided_on = None
    if decision != "pending":
        decided_on = (
            draw(dates) if started is None else started + timedelta(draw(st.integers(0, 400)))
        )
    data = {
        "id": draw(slugs),
        "title": draw(text(1)),
        "hypothesis": draw(text(1)),
        "metric": draw(text(1)),
        "target": draw(text(1)),
        "cost_cap": draw(st.none() | money),
        "started": started,
        "time_box_weeks": draw(st.integers(1, 104)),
        "decision": decision,
        "decided_on": decided_on,
        "result": draw(text()),
    }
    return build(Poc, data)


spend_lines = _built(
    SpendLine,
    {
        "id": slugs,
        "month": months,
        "category": st.sampled_from(
            ["cloud", "saas", "tooling", "contractors", "people", "licenses", "other"]
        ),
        "vendor": st.none() | slugs,
        "amount": money,
        "build_vs_buy": st.none() | text(1),
    },
)

metric_values = st.floats(allow_nan=False, allow_infinity=False) | text(1, 20)
outcomes = _built(
    MonthlyOutcome,
    {
        "month": months,
        "milestones": st.lists(
            st.fixed_dictionaries({"title": text(1), "done": st.booleans()}),
            max_size=4,
            unique_by=lambda milestone: milestone["title"],
        ),
        "team_metrics": st.dictionaries(text(1, 20), metric_values, max_size=4),
        "documents": st.lists(
            st.fixed_dictionaries(
                {
                    "kind": st.sampled_from(["spec", "adr", "runbook", "other"]),
                    "title": text(1),
                    "link": st.none() | text(1),
                }
            ),
            max_size=4,
            unique_by=lambda document: (document["kind"], document["title"]),
        ),
    },
)

STRATEGIES: dict[str, st.SearchStrategy[Any]] = {
    "vendor": vendors,
    "role": roles,
    "candidate": candidates,
    "poc": pocs(),
    "spend": spend_lines,
    "outcome": outcomes,
}
