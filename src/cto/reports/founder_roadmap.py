"""The founder report's roadmap section: what to build by value, what fits, and what not now.

Initiatives still to build are ranked by RICE (value per person-week, see
:mod:`cto.record.roadmap`), each quarter's recorded capacity is set against the effort planned in
it (:func:`cto.record.roadmap_plan.quarter_loads`), and the not-now list is shown with its
reasons. The advisor's challenges that judge the plan itself (:data:`ROADMAP_CHALLENGES`) are
named here when raised, so the section is red when money or scope is at stake.
"""

from __future__ import annotations

from collections.abc import Sequence

from cto.advisor.conclusion import Advice
from cto.record.roadmap import Capacity, Initiative, NotNow
from cto.record.roadmap_plan import NOT_RECORDED, QuarterLoad, quarter_loads, ranked, unscheduled
from cto.reports.area_parts import join_words, plural
from cto.reports.founder_rating import Signals, rated_area
from cto.reports.founder_wording import challenge_title, quoted
from cto.reports.model import Area, Metric, Table

NO_ROADMAP = (
    "No roadmap recorded yet — add initiatives with `cto roadmap add`, each quarter's capacity "
    "with `cto roadmap capacity`, and what not to build with `cto roadmap not-now`."
)
ROADMAP_CHALLENGES = (
    "challenge.mvp-size",
    "challenge.integration",
    "challenge.custom-vs-saas",
    "challenge.roadmap-noise",
)
"""The challenges that judge the plan itself; the roadmap section weighs them when raised."""


def roadmap_area(
    initiatives: Sequence[Initiative],
    capacities: Sequence[Capacity],
    not_now: Sequence[NotNow],
    advice: Advice,
) -> Area:
    """Initiatives by RICE with quarter and status, capacity against load, the not-now list."""
    active = ranked(initiatives)
    loads = quarter_loads(initiatives, capacities)
    over = [load for load in loads if load.over]
    metrics = [
        Metric(
            "initiatives",
            "Initiatives to build",
            len(active),
            "initiatives",
            "Proposed, planned or in progress.",
        ),
        Metric(
            "quarters_over",
            "Quarters over capacity",
            len(over),
            "quarters",
            "Planned effort above the person-weeks recorded for the quarter.",
        ),
        Metric(
            "not_now", "On the not-now list", len(not_now), "items", "Decided not to build now."
        ),
    ]
    raised = tuple(
        (c.rule, challenge_title(c.rule))
        for c in advice.conclusions
        if c.rule in ROADMAP_CHALLENGES and c.answer == "raise"
    )
    if not (initiatives or capacities or not_now):
        signals = Signals(raised=raised, missing=("no roadmap recorded yet",))
        return rated_area("roadmap", "Roadmap", signals, [NO_ROADMAP, *_raised(raised)])
    tables = [
        _initiatives_table(active, len(initiatives)),
        _capacity_table(loads),
        _not_now_table(not_now),
    ]
    said = [
        f"{plural(len(active), 'initiative', 'initiatives')} to build, best value per "
        "person-week first."
    ]
    if active:
        said.append(f"{quoted(active[0].title)} leads (RICE {active[0].rice:.1f}).")
    if over:
        said.append(f"Over capacity: {join_words([f'{o.quarter} ({o.verdict})' for o in over])}.")
    said.append(f"{plural(len(not_now), 'item is', 'items are')} on the not-now list.")
    said += _raised(raised)
    return rated_area(
        "roadmap", "Roadmap", _signals(initiatives, loads, not_now, raised), said, metrics, tables
    )


def _signals(
    initiatives: Sequence[Initiative],
    loads: Sequence[QuarterLoad],
    not_now: Sequence[NotNow],
    raised: tuple[tuple[str, str], ...],
) -> Signals:
    attention = [f"{load.quarter} is {load.verdict}" for load in loads if load.over]
    loose = unscheduled(initiatives)
    if loose:
        attention.append(
            f"{plural(len(loose), 'planned initiative has', 'planned initiatives have')} no quarter"
        )
    missing = [f"no capacity for {load.quarter}" for load in loads if load.verdict == NOT_RECORDED]
    if not not_now:
        missing.append("no not-now list")
    return Signals(raised=raised, attention=tuple(attention), missing=tuple(missing))


def _raised(raised: tuple[tuple[str, str], ...]) -> list[str]:
    if not raised:
        return []
    return [f"The advisor raises: {join_words([title for _, title in raised])}."]


def _initiatives_table(active: Sequence[Initiative], total: int) -> Table:
    rows = tuple(
        (rank, item.title, round(item.rice, 2), item.quarter, item.status.value, item.goal)
        for rank, item in enumerate(active, start=1)
    )
    closed = total - len(active)
    return Table(
        "initiatives",
        "Initiatives ranked by RICE",
        ("Rank", "Initiative", "RICE", "Quarter", "Status", "Goal"),
        rows,
        note="RICE = reach x impact x confidence / effort (value per person-week); "
        f"{plural(closed, 'done or dropped initiative is', 'done or dropped initiatives are')}"
        " not listed.",
    )


def _capacity_table(loads: Sequence[QuarterLoad]) -> Table:
    return Table(
        "capacity",
        "Capacity against load per quarter",
        ("Quarter", "Capacity (person-weeks)", "Load (person-weeks)", "Verdict"),
        tuple((load.quarter, load.capacity, load.load, load.verdict) for load in loads),
        note="Load is the effort of the quarter's planned and in-progress initiatives.",
    )


def _not_now_table(not_now: Sequence[NotNow]) -> Table:
    return Table(
        "not_now",
        "Not now, and why",
        ("Not now", "Reason", "Revisit on"),
        tuple(
            (item.title, item.reason, item.revisit.isoformat() if item.revisit else None)
            for item in sorted(not_now, key=lambda n: n.id)
        ),
    )
