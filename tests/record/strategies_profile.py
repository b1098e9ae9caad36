"""Hypothesis strategies for the company profile and the engagement terms.

Entries are drawn as plain data, then validated by the models (what the models refuse, such as a
title that is only spaces, is filtered out), so every drawn entry is one a user could store:
unicode text, empty lists, unknown (None) fields, edge numbers and dates.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from hypothesis import reject
from hypothesis import strategies as st
from pydantic import ValidationError

from cto.record.engagement import DecisionArea, Engagement, EngagementStructure
from cto.record.items import RecordModel
from cto.record.profile import (
    BusinessModel,
    CompanyProfile,
    ProductType,
    RemoteExperience,
    RemoteFactor,
    Situation,
    Stage,
    Uptime,
)

M = TypeVar("M", bound=RecordModel)

_CHARACTERS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")


_SAMPLES = ("", "  padded  ", "ünïcödé — 日本語 🚀", "line\nbreak\ttab", "\u2028\x85 ‮rtl")


def text(min_size: int = 0, max_size: int = 30) -> st.SearchStrategy[str]:
    """Unicode text (control characters, accents, CJK, emoji, spaces to strip)."""
    samples = [s for s in (*_SAMPLES, "x" * max_size) if min_size <= len(s) <= max_size]
    return st.text(_CHARACTERS, min_size=min_size, max_size=max_size) | st.sampled_from(samples)


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``None`` (unknown) or a value."""
    return st.none() | strategy


def valid(cls: type[M], data: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[M]:
    """Entries of ``cls`` built from ``data``; what the model refuses is filtered out."""

    def build(fields: dict[str, Any]) -> M | None:
        try:
            return cls.model_validate(fields)
        except ValidationError:
            return None

    return data.map(build).filter(lambda item: item is not None)  # type: ignore[return-value]


dates = st.dates(min_value=date(1970, 1, 1), max_value=date(2200, 12, 31))
slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)

_goals = st.lists(
    st.fixed_dictionaries(
        {
            "id": slugs,
            "title": text(1),
            "metric": text(1),
            "target": maybe(text()),
            "due": maybe(dates),
        }
    ),
    max_size=3,
    unique_by=lambda goal: goal["id"],
)

profiles = valid(
    CompanyProfile,
    st.fixed_dictionaries(
        {
            "name": text(1),
            "stage": maybe(st.sampled_from(Stage)),
            "business_model": maybe(st.sampled_from(BusinessModel)),
            "core_workflow": maybe(text(0, 200)),
            "product_type": maybe(st.sampled_from(ProductType)),
            "team": st.fixed_dictionaries(
                {
                    "size": maybe(st.integers(0, 100_000)),
                    "roles": st.lists(text(), max_size=3),
                    "remote_experience": maybe(st.sampled_from(RemoteExperience)),
                    "founder_technical": maybe(st.booleans()),
                    "uses_agency": maybe(st.booleans()),
                }
            ),
            "monthly_tech_budget": maybe(st.integers(0, 10**15)),
            "currency": st.from_regex(r"[A-Z]{3}", fullmatch=True),
            "runway_months": maybe(st.integers(0, 600)),
            "risk": st.fixed_dictionaries(
                {
                    "personal_data": maybe(st.booleans()),
                    "health_data": maybe(st.booleans()),
                    "payment_data": maybe(st.booleans()),
                    "regulations": st.lists(text(), max_size=3),
                    "uptime": maybe(st.sampled_from(Uptime)),
                }
            ),
            "goals": _goals,
            "situations": st.lists(st.sampled_from(Situation), max_size=4),
            "remote_fit": st.dictionaries(st.sampled_from(RemoteFactor), st.integers(1, 5)),
        }
    ),
)
"""Valid company profiles."""

_lines = st.lists(text(1, 80), max_size=4)
_parties = st.lists(text(1, 20), max_size=3)
_threshold_values = (
    st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | text(0, 40)
)


@st.composite
def engagements(draw: st.DrawFn) -> Engagement:
    """A valid engagement: dates in order, overrides unique per rule and threshold."""
    started, ends = draw(maybe(dates)), draw(maybe(dates))
    if started and ends and ends < started:
        started, ends = ends, started
    overrides = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "rule": text(1, 40),
                    "threshold": text(1, 20),
                    "value": _threshold_values,
                    "reason": text(1, 80),
                    "by": maybe(text(0, 20)),
                    "on": maybe(dates),
                }
            ),
            max_size=3,
            unique_by=lambda item: (item["rule"].strip(), item["threshold"].strip()),
        )
    )
    data = {
        "structure": draw(st.sampled_from(EngagementStructure)),
        "started": started,
        "ends": ends,
        "weekly_hours": draw(st.integers(1, 60)),
        "decision_rights": draw(
            st.dictionaries(
                st.sampled_from(DecisionArea),
                st.fixed_dictionaries(
                    {"decides": text(1, 20), "consulted": _parties, "informed": _parties}
                ),
            )
        ),
        "outputs": draw(_lines),
        "rhythm": draw(_lines),
        "response": {
            "blocking_question_hours": draw(
                st.floats(0, 168, exclude_min=True) | st.sampled_from([0.25, 2.0, 168.0])
            ),
            "critical_incident_minutes": draw(st.integers(1, 10_080)),
            "after_hours_p1_minutes": draw(maybe(st.integers(1, 10_080))),
            "weekends": draw(text(0, 60)),
        },
        "founder_owns": draw(_lines),
        "team_owns": draw(_lines),
        "overrides": overrides,
    }
    try:
        return Engagement.model_validate(data)
    except ValidationError:
        reject()  # a drawn text only spaces, or two overrides equal once stripped


STRATEGIES: dict[str, st.SearchStrategy[Any]] = {
    "profile": profiles,
    "engagement": engagements(),
}
"""Record kind → strategy of valid entries, for the whole-record export/import property test."""
