"""The founder report's record sections on decisions and risks.

Each builder reads record entries (never the database), says first what a founder needs in plain
words, puts the detail in a table, and leaves the rating to :mod:`cto.reports.founder_rating`.
An empty part of the record is said, with the command that fills it, rather than left out. The
roadmap section is in :mod:`cto.reports.founder_roadmap`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from cto.record.adr import Adr, AdrStatus
from cto.record.risks import Risk, RiskStatus, by_exposure
from cto.reports.area_parts import join_words, plural
from cto.reports.founder_rating import Signals, rated_area, rating_rules
from cto.reports.founder_wording import quoted
from cto.reports.model import Area, Cell, Metric, Table

NO_ADRS = "No ADRs recorded yet — record decisions with `cto adr new`."
NO_RISKS = (
    "No risks recorded yet — add them with `cto risk add`, or propose them from the latest "
    "audit with `cto risk sync`."
)
RISK_COLUMNS = (
    "Risk",
    "Title",
    "Likelihood × impact",
    "Exposure",
    "Status",
    "Owner",
    "Review date",
    "Overdue",
)
_NAMED = 3
_REPLACED = "Replaced by a later decision."
_DROPPED = "No longer applies."
"""Pending decisions named in the summary sentence (the table lists them all)."""


def decisions_area(adrs: Sequence[Adr]) -> Area:
    """Decisions made and pending: counts by status, and every ADR by number."""
    counts = Counter(adr.status for adr in adrs)
    pending = sorted((a for a in adrs if a.status is AdrStatus.PROPOSED), key=lambda a: a.number)
    if not adrs:
        signals = Signals(missing=("no ADRs recorded yet",))
        return rated_area("decisions", "Decisions", signals, [NO_ADRS])
    metrics = [
        Metric(
            "accepted",
            "Decisions accepted",
            counts[AdrStatus.ACCEPTED],
            "ADRs",
            "The team builds by them.",
        ),
        Metric("pending", "Decisions pending", len(pending), "ADRs", "Proposed, not yet decided."),
        Metric("superseded", "Superseded", counts[AdrStatus.SUPERSEDED], "ADRs", _REPLACED),
        Metric("deprecated", "Deprecated", counts[AdrStatus.DEPRECATED], "ADRs", _DROPPED),
        Metric("rejected", "Rejected", counts[AdrStatus.REJECTED], "ADRs", "Kept for the record."),
    ]
    rows = tuple(
        (adr.number, adr.title, adr.status.value, adr.date.isoformat())
        for adr in sorted(adrs, key=lambda a: a.number)
    )
    table = Table(
        "decisions",
        "Decisions by number",
        ("ADR", "Title", "Status", "Date"),
        rows,
        note=f"all {plural(len(adrs), 'decision', 'decisions')} in the record",
    )
    said = [
        f"{plural(len(adrs), 'decision is', 'decisions are')} recorded: "
        f"{counts[AdrStatus.ACCEPTED]} accepted and {len(pending)} pending."
    ]
    if pending:
        named = [f"ADR {a.number} {quoted(a.title)}" for a in pending[:_NAMED]]
        more = len(pending) - len(named)
        tail = f" (and {more} more)" if more else ""
        said.append(f"Awaiting a decision: {join_words(named)}{tail}.")
    attention = (f"{plural(len(pending), 'decision', 'decisions')} pending",) if pending else ()
    return rated_area(
        "decisions", "Decisions", Signals(attention=attention), said, metrics, [table]
    )


def risks_area(risks: Sequence[Risk], today: date) -> Area:
    """Open risks highest exposure first, overdue reviews flagged; closed ones only counted."""
    live = by_exposure(risks)
    closed = len(risks) - len(live)
    overdue = [risk for risk in live if risk.overdue(today)]
    metrics = [
        Metric(
            "open", "Open risks", len(live), "risks", "Not closed: open, mitigating or accepted."
        ),
        Metric(
            "highest_exposure",
            "Highest exposure",
            live[0].exposure if live else None,
            "",
            "Likelihood x impact, 1 to 25.",
        ),
        Metric(
            "overdue",
            "Reviews overdue",
            len(overdue),
            "risks",
            f"Not closed, review date before {today.isoformat()}.",
        ),
        Metric("closed", "Closed risks", closed, "risks", "Counted, not listed."),
    ]
    if not risks:
        signals = Signals(missing=("no risks recorded yet",))
        return rated_area("risks", "Open risks by exposure", signals, [NO_RISKS])
    table = Table(
        "open_risks",
        "Open risks by exposure",
        RISK_COLUMNS,
        tuple(_risk_row(risk, today) for risk in live),
        note=f"{plural(len(live), 'open risk', 'open risks')}, highest exposure first; "
        f"{plural(closed, 'closed risk is', 'closed risks are')} counted, not listed.",
    )
    return rated_area(
        "risks",
        "Open risks by exposure",
        _risk_signals(live, overdue, today),
        _risk_sentences(live, overdue, closed),
        metrics,
        [table],
    )


def _risk_sentences(live: Sequence[Risk], overdue: Sequence[Risk], closed: int) -> list[str]:
    if not live:
        return [f"No risk is open; {plural(closed, 'closed risk', 'closed risks')} in the record."]
    top = live[0]
    owner = f"owner {top.owner}" if top.owner else "no owner"
    said = [
        f"{plural(len(live), 'risk is', 'risks are')} open; the highest is risk {top.number} "
        f"{quoted(top.title)} (exposure {top.exposure}, {owner})."
    ]
    if overdue:
        numbers = [f"risk {risk.number}" for risk in overdue]
        said.append(f"Review overdue: {join_words(numbers)}.")
    return said


def _risk_signals(live: Sequence[Risk], overdue: Sequence[Risk], today: date) -> Signals:
    high = rating_rules().high_exposure_at_least
    watched = [
        risk
        for risk in live
        if risk.exposure >= high
        and not risk.overdue(today)
        and risk.status is not RiskStatus.ACCEPTED
    ]
    attention = (
        (f"{plural(len(watched), 'live risk', 'live risks')} of exposure {high} or more",)
        if watched
        else ()
    )
    return Signals(overdue=tuple(risk.exposure for risk in overdue), attention=attention)


def _risk_row(risk: Risk, today: date) -> tuple[Cell, ...]:
    return (
        risk.number,
        risk.title,
        f"{risk.likelihood} × {risk.impact}",
        risk.exposure,
        risk.status.value,
        risk.owner,
        risk.review_date.isoformat() if risk.review_date else None,
        "yes" if risk.overdue(today) else "no",
    )
