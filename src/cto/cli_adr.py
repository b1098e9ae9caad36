"""`cto adr …`: architecture decision records in the engagement record, and ADR folders.

Arguments are parsed here before the record is opened, so bad input (an unknown status, a date
in the wrong form, a number that is not one) is one line, exit 2, and never creates or changes a
workspace. The record work happens in :mod:`cto.record.adr_ops` inside one transaction.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from cto import cli_adr_files
from cto.cli_common import (
    DEFAULT_WORKSPACE,
    DbOption,
    WorkspaceOption,
    one_line_errors,
    parse_day,
    print_json,
)
from cto.cli_common import record_session as session
from cto.errors import InputError

adr_app = typer.Typer(
    help="Architecture decision records: what was decided, why, and what replaced it. Kept in "
    "the engagement record; exported to and imported from a repository's ADR folder in MADR 4 "
    "or adr-tools (Nygard) format.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

STATUSES = "proposed|accepted|rejected|deprecated|superseded"

Number = Annotated[str, typer.Argument(metavar="N", help="The ADR number.", show_default=False)]
Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


_WHOLE = re.compile(r"[0-9]+")


def register(app: typer.Typer) -> None:
    """Add ``cto adr`` to ``app``."""
    app.add_typer(adr_app, name="adr")


def _number(text: str, what: str = "ADR number") -> int:
    if not _WHOLE.fullmatch(text.strip()) or int(text) < 1:
        raise InputError(f"{what} must be a whole number from 1, not '{text}'")
    return int(text)


@adr_app.command("new")
def new(
    title: Annotated[
        str, typer.Argument(metavar="TITLE", help="A short title naming the decision.")
    ],
    context: Annotated[
        str, typer.Option(metavar="TEXT", help="The forces and the problem (Markdown).")
    ] = "",
    decision: Annotated[
        str, typer.Option(metavar="TEXT", help="What was decided and why (Markdown).")
    ] = "",
    consequences: Annotated[
        str, typer.Option(metavar="TEXT", help="What becomes easier or harder.")
    ] = "",
    option: Annotated[
        list[str] | None, typer.Option(metavar="TEXT", help="An option weighed (repeatable).")
    ] = None,
    decider: Annotated[
        list[str] | None, typer.Option(metavar="NAME", help="Who decided (repeatable).")
    ] = None,
    cites_finding: Annotated[
        list[str] | None,
        typer.Option(metavar="ID", help="Id of an audit finding this answers (repeatable)."),
    ] = None,
    cites_risk: Annotated[
        list[str] | None,
        typer.Option(metavar="N", help="Number of a register risk this answers (repeatable)."),
    ] = None,
    status: Annotated[
        str, typer.Option(metavar="proposed|accepted", help="Record it as proposed or accepted.")
    ] = "proposed",
    on: Annotated[
        str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="Default: today.")
    ] = None,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Record a new decision under the next free number.

    Write an ADR whenever a choice would be costly to reverse or would puzzle the next engineer:
    the record keeps the why after the people who knew it have moved on. Cite the audit
    findings and risks it answers so the report can show which evidence led where.
    """
    from cto.record.adr import parse_status
    from cto.record.adr_ops import new_adr

    with one_line_errors():
        state = parse_status(status)
        risks = [_number(risk, "--cites-risk") for risk in cites_risk or []]
        when = parse_day(on, "--date")
    with session(workspace, db) as store:
        adr = new_adr(
            store,
            title,
            status=state,
            on=when,
            context=context,
            decision=decision,
            consequences=consequences,
            options=option or [],
            deciders=decider or [],
            cites_findings=cites_finding or [],
            cites_risks=risks,
        )
        typer.echo(f"Recorded {adr.label} ({adr.status.value}).")


@adr_app.command("list")
def list_(
    status: Annotated[
        str | None, typer.Option(metavar=STATUSES, help="Only ADRs with this status.")
    ] = None,
    as_json: Json = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """List the decisions by number, with status, date and what superseded them."""
    from cto.record.adr import parse_status
    from cto.record.adr_ops import list_adrs
    from cto.record.adr_text import list_line

    with one_line_errors():
        wanted = None if status is None else parse_status(status)
    with session(workspace, db, write=False) as store:
        adrs = list_adrs(store, wanted)
    if as_json:
        print_json([adr.model_dump(mode="json") for adr in adrs])
        return
    if not adrs:
        typer.echo(f"No {'' if wanted is None else wanted.value + ' '}ADRs in the record.")
    for adr in adrs:
        typer.echo(list_line(adr))


@adr_app.command("show")
def show(
    number: Number,
    as_json: Json = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Show one decision in full: links both ways, citations, context, options, consequences."""
    from cto.record.adr import Adr
    from cto.record.adr_text import describe

    with one_line_errors():
        key = str(_number(number))
    with session(workspace, db, write=False) as store:
        adr = store.require(Adr, key)
        if as_json:
            print_json(adr.model_dump(mode="json"))
            return
        typer.echo(describe(store, adr))


def _set_status(number: str, status: str, workspace: Path, db: str | None) -> None:
    from cto.record.adr import AdrStatus
    from cto.record.adr_ops import set_status

    with one_line_errors():
        which = _number(number)
    with session(workspace, db) as store:
        adr = set_status(store, which, AdrStatus(status))
        typer.echo(f"{adr.label} is now {adr.status.value}.")


@adr_app.command("accept")
def accept(
    number: Number, workspace: WorkspaceOption = DEFAULT_WORKSPACE, db: DbOption = None
) -> None:
    """Accept a proposed decision: from now on the team builds by it."""
    _set_status(number, "accepted", workspace, db)


@adr_app.command("reject")
def reject(
    number: Number, workspace: WorkspaceOption = DEFAULT_WORKSPACE, db: DbOption = None
) -> None:
    """Reject a proposed decision; it stays in the record so the question is not asked again."""
    _set_status(number, "rejected", workspace, db)


@adr_app.command("deprecate")
def deprecate(
    number: Number, workspace: WorkspaceOption = DEFAULT_WORKSPACE, db: DbOption = None
) -> None:
    """Deprecate an accepted decision that no longer applies and that nothing replaces."""
    _set_status(number, "deprecated", workspace, db)


@adr_app.command("supersede")
def supersede(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The ADR being replaced.")],
    by: Annotated[str, typer.Option("--by", metavar="NEW", help="The ADR replacing it.")],
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Mark decision OLD as superseded by decision NEW; both ADRs link to each other.

    Decisions are never edited away: a new ADR replaces an old one, and the old one keeps
    saying what was believed then and what replaced it.
    """
    from cto.record import adr_ops

    with one_line_errors():
        old_number, new_number = _number(old, "OLD"), _number(by, "--by")
    with session(workspace, db) as store:
        replaced, replacing = adr_ops.supersede(store, old_number, new_number)
        typer.echo(f"{replaced.label} is superseded by {replacing.label}.")


adr_app.command("export")(cli_adr_files.export)
adr_app.command("import")(cli_adr_files.import_)
