"""`cto outcome …`: what each month delivered, and months without measurable outcomes.

Thin commands over :mod:`cto.record.outcome_views`; each is one transaction, and bad input (a
bad month, an unknown document kind, a metric without a value) is one ``cto: error:`` line with
exit 2 and no change.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from cto.cli_common import DEFAULT_WORKSPACE, DbOption, WorkspaceOption, print_json, record_session
from cto.cli_team import JsonOption, add_group

DOCUMENT_KINDS = ("spec", "adr", "runbook", "other")

outcome_app = typer.Typer(
    help="Monthly outcomes: milestones, team metrics and documents delivered each month.",
    no_args_is_help=True,
)


@outcome_app.command("record")
def outcome_record(
    month: Annotated[str, typer.Argument(metavar="YYYY-MM", help="The month.")],
    milestone: Annotated[
        list[str] | None,
        typer.Option(metavar="TEXT", help="A milestone planned for the month; repeatable."),
    ] = None,
    done: Annotated[
        list[str] | None,
        typer.Option(metavar="TEXT", help="A milestone reached (added if new); repeatable."),
    ] = None,
    metric: Annotated[
        list[str] | None,
        typer.Option(
            metavar="NAME=VALUE",
            help="A team metric (velocity=23, coverage=71.5, hiring=2 of 3); repeatable.",
        ),
    ] = None,
    document: Annotated[
        list[str] | None,
        typer.Option(
            metavar="KIND:TITLE[:LINK]",
            help=f"A document delivered; KIND is one of {', '.join(DOCUMENT_KINDS)}; repeatable.",
        ),
    ] = None,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Record a month's milestones, team metrics and documents, merging into what it holds.

    Every month of an engagement needs all three in writing; cto outcome check flags the
    months that lack any of them.
    """
    from cto.record.outcome_views import month_view, parse_document, parse_metric, record_month

    with record_session(workspace, db) as store:
        record_month(
            store,
            month,
            milestones=milestone or [],
            done=done or [],
            metrics=dict(parse_metric(text) for text in metric or []),
            documents=[parse_document(text) for text in document or []],
        )
        view = month_view(store, month)
    _print_month(view)


@outcome_app.command("show")
def outcome_show(
    month: Annotated[
        str | None, typer.Argument(metavar="[YYYY-MM]", help="One month (default: all).")
    ] = None,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Show a month's outcomes (or every month's), with the ADRs dated in it."""
    from cto.record.outcome_views import month_view, month_views

    with record_session(workspace, db, write=False) as store:
        views = [month_view(store, month)] if month else month_views(store)
    if as_json:
        print_json(views[0].to_json() if month else [view.to_json() for view in views])
        return
    if not views:
        typer.echo("No monthly outcomes recorded (start with: cto outcome record YYYY-MM).")
    for view in views:
        _print_month(view)


@outcome_app.command("check")
def outcome_check(
    through: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM", help="Check up to this month (default: the last one)."),
    ] = None,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Flag months missing milestones, team metrics or documents ("no measurable outcomes").

    Checks every month from the first recorded one, gaps included; ADRs dated in a month count
    as its documents.
    """
    from cto.record.outcome_views import check_outcomes

    with record_session(workspace, db, write=False) as store:
        flagged = check_outcomes(store, through)
    if as_json:
        print_json([{"month": view.month, "missing": view.missing} for view in flagged])
        return
    if not flagged:
        typer.echo("Every month checked has milestones, team metrics and documents.")
    for view in flagged:
        state = "nothing recorded" if view.outcome is None else "missing"
        typer.echo(f"{view.month}  {state}: {', '.join(view.missing)}")


def _print_month(view: Any) -> None:
    outcome = view.outcome
    typer.echo(view.month + ("" if outcome else "  (nothing recorded)"))
    for milestone in outcome.milestones if outcome else []:
        typer.echo(f"  [{'x' if milestone.done else ' '}] {milestone.title}")
    for name, value in (outcome.team_metrics if outcome else {}).items():
        shown = f"{value:g}" if isinstance(value, float) else value
        typer.echo(f"  {name}: {shown}")
    for doc in outcome.documents if outcome else []:
        typer.echo(f"  {doc.kind.value}: {doc.title}" + (f" <{doc.link}>" if doc.link else ""))
    for adr in view.adrs:
        typer.echo(f"  ADR {adr.number}: {adr.title}")
    if view.missing:
        typer.echo(f"  missing: {', '.join(view.missing)}")


def register(app: typer.Typer) -> None:
    """Add ``cto outcome`` to ``app``."""
    add_group(app, outcome_app, "outcome")
