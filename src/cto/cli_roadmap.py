"""`cto roadmap …`: initiatives ranked by RICE, capacity per quarter, the not-now list.

Library: :mod:`cto.record.roadmap` (kinds) and :mod:`cto.record.roadmap_plan` (operations),
imported inside each command so that pydantic never loads for ``cto audit``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from cto.cli_common import (
    DEFAULT_WORKSPACE,
    DbOption,
    WorkspaceOption,
    parse_day,
    print_json,
    record_session,
)
from cto.cli_register_parts import changes, number

roadmap_app = typer.Typer(
    no_args_is_help=True,
    help="The roadmap: initiatives tied to business goals, ranked by RICE (reach x impact x "
    "confidence / effort), each quarter's capacity against its load, and an explicit not-now "
    "list with reasons.",
)


class EditableStatus(StrEnum):
    """Statuses a person sets directly (dropping needs a reason: ``cto roadmap drop``)."""

    PROPOSED = "proposed"
    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"


Reach = Annotated[float, typer.Option(help="People or accounts it reaches per quarter.")]
Impact = Annotated[
    float, typer.Option(help="Per person: 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal.")
]
Confidence = Annotated[float, typer.Option(help="How sure the numbers are, 0 to 1 (0.8 = 80%).")]
Effort = Annotated[float, typer.Option(help="Person-weeks of work (more than 0).")]
Goal = Annotated[str | None, typer.Option(help='Id of the profile goal it serves ("" clears).')]
Quarter = Annotated[str | None, typer.Option(help="Quarter it is planned for, like 2027Q1.")]
RequestedBy = Annotated[str | None, typer.Option(help='Who asked for it ("" clears).')]
Status = Annotated[EditableStatus | None, typer.Option(help="Only planned and in-progress load.")]
Revisit = Annotated[str | None, typer.Option(help="When to look at it again, YYYY-MM-DD.")]
CLEARABLE = ("goal", "quarter", "requested_by")


@roadmap_app.command("add")
def add(
    initiative_id: Annotated[str, typer.Argument(metavar="ID", help="Short id: a-z, 0-9, -.")],
    title: Annotated[str, typer.Argument(help="What it is, in one line.")],
    reach: Reach,
    impact: Impact,
    confidence: Confidence,
    effort: Effort,
    goal: Goal = None,
    quarter: Quarter = None,
    requested_by: RequestedBy = None,
    status: Status = None,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Add an initiative with its RICE inputs; its goal must be one of the profile's goals.

    Tying each initiative to a business goal and scoring it the same way is what keeps a roadmap
    on priority rather than on whoever asked last.
    """
    from cto.record.roadmap_plan import add_initiative

    with record_session(workspace, db) as store:
        fields = changes(
            CLEARABLE, id=initiative_id, title=title, reach=reach, impact=impact,
            confidence=confidence, effort=effort, goal=goal, quarter=quarter,
            requested_by=requested_by, status=status,
        )  # fmt: skip
        item = add_initiative(store, fields)
    typer.echo(f"Initiative {item.id} added: {item.title} (RICE {number(item.rice)})")


@roadmap_app.command("list")
def list_initiatives(
    show_all: Annotated[bool, typer.Option("--all", help="Include done and dropped.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """List initiatives ranked by RICE score, best value per person-week first."""
    from cto.cli_roadmap_views import initiative_json, ranking_lines
    from cto.record.roadmap import Initiative
    from cto.record.roadmap_plan import ranked

    with record_session(workspace, db, write=False) as store:
        items = ranked(store.all(Initiative), include_closed=show_all)
    if as_json:
        print_json([initiative_json(item) for item in items])
    elif not items:
        typer.echo("No initiatives on the roadmap.")
    else:
        typer.echo("\n".join(ranking_lines(items)))


@roadmap_app.command("update")
def update(
    initiative_id: Annotated[str, typer.Argument(metavar="ID", help="The initiative's id.")],
    title: Annotated[str | None, typer.Option(help="A new title.")] = None,
    reach: Annotated[float | None, typer.Option(help="People or accounts per quarter.")] = None,
    impact: Annotated[float | None, typer.Option(help="3, 2, 1, 0.5 or 0.25.")] = None,
    confidence: Annotated[float | None, typer.Option(help="0 to 1.")] = None,
    effort: Annotated[float | None, typer.Option(help="Person-weeks.")] = None,
    goal: Goal = None,
    quarter: Quarter = None,
    requested_by: RequestedBy = None,
    status: Status = None,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Change an initiative: re-score it, plan it into a quarter, move it along."""
    from cto.record.items import RecordError
    from cto.record.roadmap_plan import update_initiative

    with record_session(workspace, db) as store:
        fields = changes(
            CLEARABLE, title=title, reach=reach, impact=impact, confidence=confidence,
            effort=effort, goal=goal, quarter=quarter, requested_by=requested_by, status=status,
        )  # fmt: skip
        if not fields:
            raise RecordError("nothing to change: give at least one option (see --help)")
        item = update_initiative(store, initiative_id, fields)
    typer.echo(f"Initiative {item.id} updated: {item.title} (RICE {number(item.rice)})")


@roadmap_app.command("capacity")
def capacity(
    quarter: Annotated[str, typer.Argument(help="The quarter, like 2027Q1.")],
    person_weeks: Annotated[float, typer.Argument(help="Person-weeks the team can give it.")],
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Record how many person-weeks the team can give the roadmap in a quarter.

    Without it, a quarter's load cannot be judged: cto roadmap show says so.
    """
    from cto.record.roadmap_plan import set_capacity

    with record_session(workspace, db) as store:
        recorded = set_capacity(store, quarter, person_weeks)
    typer.echo(f"Capacity of {recorded.quarter}: {number(recorded.person_weeks)} person-weeks")


@roadmap_app.command("show")
def show(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Show each quarter's capacity against its load (over or under), then the not-now list.

    Load is the effort of the planned and in-progress initiatives of the quarter; a quarter
    without recorded capacity is said to be so rather than guessed.
    """
    from cto.cli_roadmap_views import say_roadmap

    say_roadmap(workspace, db, as_json=as_json)


@roadmap_app.command("not-now")
def not_now(
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="Short id: a-z, 0-9, -.")],
    title: Annotated[str, typer.Argument(help="What is not being built.")],
    reason: Annotated[str, typer.Option(help="Why not now (required).")],
    revisit: Revisit = None,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Put something on the not-now list, with the reason and when to revisit it.

    A written no, with its reason, ends the same request coming back every week.
    """
    from cto.record.roadmap_plan import add_not_now

    with record_session(workspace, db) as store:
        fields = {"id": entry_id, "title": title, "reason": reason}
        entry = add_not_now(store, {**fields, "revisit": parse_day(revisit, "--revisit")})
    typer.echo(f"Not now: {entry.title} ({entry.reason})")


@roadmap_app.command("drop")
def drop(
    initiative_id: Annotated[str, typer.Argument(metavar="ID", help="The initiative's id.")],
    reason: Annotated[str, typer.Option("--not-now", help="Why it is not done now (required).")],
    revisit: Revisit = None,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Drop an initiative onto the not-now list: its status becomes dropped, the reason kept."""
    from cto.record.roadmap_plan import drop_initiative

    with record_session(workspace, db) as store:
        day = parse_day(revisit, "--revisit")
        item, entry = drop_initiative(store, initiative_id, reason, day)
    typer.echo(f"Initiative {item.id} dropped, now on the not-now list: {entry.reason}")
