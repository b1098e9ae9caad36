"""`cto risk …`: the risk register from the command line (library: :mod:`cto.record.risks`).

The record kinds (and pydantic) are imported inside each command, never at module level.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
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
from cto.cli_register_parts import changes
from cto.findings import Severity

risk_app = typer.Typer(
    no_args_is_help=True,
    help="The risk register: each risk's likelihood and impact (1-5), owner, mitigation, review "
    "date and status, ordered by exposure (likelihood x impact). Risks can be proposed from "
    "audit findings with cto risk sync.",
)


class EditableStatus(StrEnum):
    """Statuses a person sets directly (closing needs a reason: ``cto risk close``)."""

    OPEN = "open"
    MITIGATING = "mitigating"
    ACCEPTED = "accepted"


Likelihood = Annotated[
    int, typer.Option(help="1 rare, 2 unlikely, 3 possible, 4 likely, 5 almost certain (a year).")
]
Impact = Annotated[
    int, typer.Option(help="1 negligible, 2 minor, 3 moderate, 4 major, 5 threatens the company.")
]
Owner = Annotated[str | None, typer.Option(help='Who answers for it ("" clears it).')]
Mitigation = Annotated[str | None, typer.Option(help="What is being done to reduce it.")]
Review = Annotated[
    str | None,
    typer.Option("--review", help='Next review date, YYYY-MM-DD ("" clears it); overdue after.'),
]
Description = Annotated[str | None, typer.Option(help="What could happen and what it would cost.")]
Status = Annotated[EditableStatus | None, typer.Option(help="Where it stands.")]


@risk_app.command("add")
def add(
    title: Annotated[str, typer.Argument(help="The risk in one line.")],
    likelihood: Likelihood,
    impact: Impact,
    owner: Owner = None,
    mitigation: Mitigation = None,
    review: Review = None,
    description: Description = None,
    status: Status = None,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Add a risk to the register with the next number.

    Likelihood and impact (1-5 each) give its exposure, which orders the register; a review date
    makes it come back: past that date an open risk is flagged overdue.
    """
    from cto.record.risks import add_risk

    with record_session(workspace, db) as store:
        fields = changes(
            ("owner",), title=title, likelihood=likelihood, impact=impact, owner=owner,
            mitigation=mitigation, review_date=parse_day(review or None, "--review"),
            description=description, status=status,
        )  # fmt: skip
        risk = add_risk(store, fields, date.today())
    typer.echo(f"Risk {risk.number} added: {risk.title} (exposure {risk.exposure})")


@risk_app.command("list")
def list_risks(
    show_all: Annotated[bool, typer.Option("--all", help="Include closed risks.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """List the risks that are not closed, highest exposure first, overdue reviews marked.

    Exposure is likelihood x impact; ties go by number. A risk is overdue when its review date
    has passed and it is not closed: someone owes the register a look at it.
    """
    from cto.cli_risk_views import as_json as risk_json
    from cto.cli_risk_views import table_lines
    from cto.record.risks import Risk, by_exposure

    today = date.today()
    with record_session(workspace, db, write=False) as store:
        risks = by_exposure(store.all(Risk), include_closed=show_all)
    if as_json:
        print_json([risk_json(risk, today) for risk in risks])
    elif not risks:
        typer.echo("No risks in the register." if show_all else "No open risks in the register.")
    else:
        typer.echo("\n".join(table_lines(risks, today)))


@risk_app.command("show")
def show(
    number: Annotated[int, typer.Argument(help="The risk's number.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Show one risk in full: scores, owner, review, mitigation, its source finding, closing."""
    from cto.cli_risk_views import as_json as risk_json
    from cto.cli_risk_views import detail_lines
    from cto.record.risks import Risk

    today = date.today()
    with record_session(workspace, db, write=False) as store:
        risk = store.require(Risk, str(number))
    if as_json:
        print_json(risk_json(risk, today))
    else:
        typer.echo("\n".join(detail_lines(risk, today)))


@risk_app.command("update")
def update(
    number: Annotated[int, typer.Argument(help="The risk's number.")],
    title: Annotated[str | None, typer.Option(help="A new title.")] = None,
    likelihood: Annotated[int | None, typer.Option(help="1 rare … 5 almost certain.")] = None,
    impact: Annotated[
        int | None, typer.Option(help="1 negligible … 5 threatens the company.")
    ] = None,
    owner: Owner = None,
    mitigation: Mitigation = None,
    review: Review = None,
    description: Description = None,
    status: Status = None,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Change a risk: re-rate it, give it an owner, a mitigation or a review date.

    A closed risk given a status is reopened. To close one, use cto risk close with a reason.
    """
    from cto.record.items import RecordError
    from cto.record.risks import update_risk

    with record_session(workspace, db) as store:
        fields = changes(
            ("owner",), title=title, likelihood=likelihood, impact=impact, owner=owner,
            mitigation=mitigation, description=description, status=status,
        )  # fmt: skip
        if review is not None:
            fields["review_date"] = parse_day(review, "--review") if review else None
        if not fields:
            raise RecordError("nothing to change: give at least one option (see --help)")
        risk = update_risk(store, number, fields)
    typer.echo(f"Risk {risk.number} updated: {risk.title} (exposure {risk.exposure})")


@risk_app.command("close")
def close(
    number: Annotated[int, typer.Argument(help="The risk's number.")],
    reason: Annotated[str, typer.Option(help="Why it is closed: what removed it.")],
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Close a risk, saying why; it stays in the register (cto risk list --all) as history."""
    from cto.record.risks import close_risk

    with record_session(workspace, db) as store:
        risk = close_risk(store, number, reason, date.today())
    typer.echo(f"Risk {risk.number} closed: {risk.title}")


@risk_app.command("sync")
def sync(
    threshold: Annotated[
        Severity | None,
        typer.Option(help="Least severe finding to propose (default: risk_rules.toml, high)."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(help="cto.toml with the exemptions; default: ./cto.toml when it exists."),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show, write nothing.")] = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Propose risks from the latest audits' findings and close those whose finding is gone.

    Each finding at or above the threshold that no risk links to becomes an open risk (its
    business impact as description, its recommendation as mitigation, likelihood and impact from
    its severity); a linked risk whose finding the latest audit of its repository no longer
    reports is closed, and reopened if the finding returns. Exempted findings (accepted in
    cto.toml) are never proposed, and their risks are not closed. Running it twice changes
    nothing the second time.
    """
    from cto.cli_risk_views import run_sync, say_plan

    outcome = run_sync(workspace, db, threshold=threshold, config=config, dry_run=dry_run)
    say_plan(outcome, dry_run=dry_run)
