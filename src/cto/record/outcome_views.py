"""Recording monthly outcomes, and the checks that flag months without measurable outcomes.

A month is recorded a piece at a time (a milestone today, a metric at month end), so
:func:`record_month` merges into what the month already holds. :func:`check_outcomes` answers
the "no measurable outcomes" red flag month by month.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from cto.record.items import REGISTRY, RecordError, RecordModel, build
from cto.record.outcomes import Document, MonthlyOutcome
from cto.record.store import RecordStore
from cto.record.team_types import require_month, validate_part

PARTS = ("milestones", "team metrics", "documents")
"""What every month needs, in the order the check names them."""


def parse_metric(text: str) -> tuple[str, float | str]:
    """``name=value`` as a metric; a value that reads as a finite number becomes one.

    Raises:
        RecordError: no ``=`` or an empty name or value.
    """
    name, sep, value = (part.strip() for part in text.partition("="))
    if not sep or not name or not value:
        raise RecordError(f"'{text}' is not a metric (use name=value, e.g. velocity=23)")
    try:
        number = float(value)
    except ValueError:
        return name, value
    return (name, number) if math.isfinite(number) else (name, value)


def parse_document(text: str) -> Document:
    """``kind:title[:link]`` as a document (the link may itself hold colons).

    Raises:
        RecordError: no title, or an unknown kind.
    """
    kind, sep, rest = text.partition(":")
    title, _, link = rest.partition(":")
    if not sep or not title.strip():
        raise RecordError(f"'{text}' is not a document (use kind:title[:link], e.g. spec:Checkout)")
    data = {"kind": kind.strip(), "title": title, "link": link.strip() or None}
    return validate_part(Document, data, "document")


def record_month(
    store: RecordStore,
    month: str,
    *,
    milestones: Sequence[str] = (),
    done: Sequence[str] = (),
    metrics: Mapping[str, float | str] | None = None,
    documents: Sequence[Document] = (),
) -> MonthlyOutcome:
    """Merge a month's milestones, reached milestones, metrics and documents into the record.

    A new milestone is added as open, ``done`` marks one reached (adding it if new), a metric
    replaces the value of the same name, and a document replaces one of the same kind and title.

    Raises:
        RecordError: a bad month, nothing to record, or an invalid value (nothing is changed).
    """
    month = require_month(month)
    if not (milestones or done or metrics or documents):
        raise RecordError(
            "nothing to record: give a milestone, a done milestone, a metric or a document"
        )
    outcome = store.get(MonthlyOutcome, month) or MonthlyOutcome(month=month)
    data = outcome.model_dump()
    titles = {item["title"]: item for item in data["milestones"]}
    for title, reached in [*((t, False) for t in milestones), *((t, True) for t in done)]:
        title = title.strip()
        if title in titles:
            titles[title]["done"] = titles[title]["done"] or reached
        else:
            titles[title] = {"title": title, "done": reached}
            data["milestones"].append(titles[title])
    data["team_metrics"].update(metrics or {})
    kept = [d for d in data["documents"] if (d["kind"], d["title"]) not in _keys(documents)]
    data["documents"] = kept + [document.model_dump() for document in documents]
    merged = build(MonthlyOutcome, data)
    store.save(merged)
    return merged


def _keys(documents: Iterable[Document]) -> set[tuple[Any, str]]:
    return {(document.kind, document.title) for document in documents}


@dataclass(frozen=True)
class AdrRef:
    """An ADR dated in a month (from the record's ``adr`` kind)."""

    number: int
    title: str


@dataclass(frozen=True)
class MonthView:
    """A month's outcomes and what is missing from them.

    Attributes:
        month: ``YYYY-MM``.
        outcome: what was recorded, ``None`` if nothing was.
        adrs: ADRs dated in the month (they count as documents delivered).
        missing: which of milestones, team metrics and documents the month lacks.
    """

    month: str
    outcome: MonthlyOutcome | None
    adrs: list[AdrRef]
    missing: list[str]

    def to_json(self) -> dict[str, Any]:
        """JSON-able form."""
        recorded = self.outcome.model_dump(mode="json") if self.outcome else {"month": self.month}
        return {
            **recorded,
            "recorded": self.outcome is not None,
            "adrs": [{"number": adr.number, "title": adr.title} for adr in self.adrs],
            "missing": self.missing,
        }


def month_view(
    store: RecordStore, month: str, adr_kind: type[RecordModel] | None = None
) -> MonthView:
    """One month's outcomes with the ADRs dated in it and what is missing.

    ``adr_kind`` is the ADR record kind; by default the one registered as ``adr``, if any.

    Raises:
        RecordError: a bad month.
    """
    month = require_month(month)
    outcome = store.get(MonthlyOutcome, month)
    adrs = [adr for adr in _adrs(store, adr_kind) if adr[0] == month]
    refs = [AdrRef(number, title) for _, number, title in sorted(adrs)]
    present = (
        bool(outcome and outcome.milestones),
        bool(outcome and outcome.team_metrics),
        bool(outcome and outcome.documents) or bool(refs),
    )
    missing = [part for part, there in zip(PARTS, present, strict=True) if not there]
    return MonthView(month, outcome, refs, missing)


def _adrs(store: RecordStore, adr_kind: type[RecordModel] | None) -> list[tuple[str, int, str]]:
    kind = adr_kind or REGISTRY.get("adr")
    if kind is None:
        return []
    found = []
    for adr in store.all(kind):
        when, number, title = (getattr(adr, name, None) for name in ("date", "number", "title"))
        if isinstance(when, date) and isinstance(number, int):
            found.append((when.strftime("%Y-%m"), number, str(title)))
    return found


def month_views(
    store: RecordStore, through: str | None = None, adr_kind: type[RecordModel] | None = None
) -> list[MonthView]:
    """Every month from the first recorded one to the last (or to ``through``), gaps included.

    Raises:
        RecordError: ``through`` is not a month.
    """
    months = [outcome.month for outcome in store.all(MonthlyOutcome)]
    if through is not None:
        months.append(require_month(through))
    if not months:
        return []
    return [month_view(store, m, adr_kind) for m in _span(min(months), max(months))]


def check_outcomes(
    store: RecordStore, through: str | None = None, adr_kind: type[RecordModel] | None = None
) -> list[MonthView]:
    """The months (first recorded to last, or to ``through``) missing a measurable outcome."""
    return [view for view in month_views(store, through, adr_kind) if view.missing]


def _span(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
