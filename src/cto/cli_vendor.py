"""`cto vendor …`: vendors' scope and contract, estimates against actuals, what to challenge.

Thin commands over :mod:`cto.record.vendors`; each is one transaction, and bad input (an unknown
contract type, a negative amount, a missing vendor) is one ``cto: error:`` line with exit 2 and
no change.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from cto.cli_common import (
    DEFAULT_WORKSPACE,
    DbOption,
    WorkspaceOption,
    parse_day,
    print_json,
    record_session,
)
from cto.cli_team import JsonOption, add_group, choices, money, percent
from cto.errors import InputError

CONTRACTS = ("fixed-price", "time-and-materials", "retainer", "subscription", "other")

vendor_app = typer.Typer(
    help="Vendors: scope, contract, estimate against actuals, discovery and contingency.",
    no_args_is_help=True,
)


Scope = Annotated[str | None, typer.Option(help="What the vendor was hired to deliver.")]
Contract = Annotated[
    str | None, typer.Option(metavar=choices(CONTRACTS), help="How the vendor is paid.")
]
Estimate = Annotated[
    str | None, typer.Option(metavar="AMOUNT", help="The vendor's estimated cost.")
]
EstimateWeeks = Annotated[
    str | None, typer.Option(metavar="WEEKS", help="The vendor's estimated duration in weeks.")
]
Actual = Annotated[
    str | None, typer.Option(metavar="AMOUNT", help="Amount paid to the vendor so far.")
]
ActualWeeks = Annotated[str | None, typer.Option(metavar="WEEKS", help="Weeks of work so far.")]
Discovery = Annotated[
    bool | None,
    typer.Option(
        "--discovery/--no-discovery",
        help="Whether a discovery phase (workflow, data, integrations) preceded the estimate.",
    ),
]
Contingency = Annotated[
    str | None,
    typer.Option(metavar="PERCENT", help="Contingency held on the estimate, 0 to 100."),
]
Started = Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help="When work started.")]
Notes = Annotated[str | None, typer.Option(help="Anything else worth keeping.")]


_VENDOR_FIELDS = {
    "name": "name",
    "scope": "scope",
    "contract": "contract",
    "estimate": "estimate",
    "estimate_weeks": "estimate_weeks",
    "actual": "actual_to_date",
    "actual_weeks": "actual_weeks",
    "discovery": "discovery_done",
    "contingency": "contingency_percent",
    "started": "started",
    "notes": "notes",
}
"""Vendor command options and the field each one sets."""


def _vendor_changes(options: dict[str, Any]) -> dict[str, Any]:
    """The vendor fields the given options set (an option left out changes nothing)."""
    changes = {
        field: options[option]
        for option, field in _VENDOR_FIELDS.items()
        if options.get(option) is not None
    }
    if "started" in changes:
        changes["started"] = parse_day(changes["started"], "--started")
    return changes


@vendor_app.command("add")
def vendor_add(
    vendor_id: Annotated[str, typer.Argument(metavar="ID", help="Short id, e.g. acme-dev.")],
    name: Annotated[str, typer.Argument(metavar="NAME", help="The vendor's name.")],
    scope: Annotated[str, typer.Option(help="What the vendor was hired to deliver.")],
    contract: Contract = None,
    estimate: Estimate = None,
    estimate_weeks: EstimateWeeks = None,
    actual: Actual = None,
    actual_weeks: ActualWeeks = None,
    discovery: Discovery = None,
    contingency: Contingency = None,
    started: Started = None,
    notes: Notes = None,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Add a vendor with its scope, contract and estimate.

    Record whether discovery preceded the estimate and what contingency it holds: an estimate
    made without discovery, or a fixed price without contingency, is where overruns come from,
    and the vendor view warns about both.
    """
    options = dict(locals())
    from cto.record.items import build
    from cto.record.vendors import Vendor, add_vendor

    with record_session(workspace, db) as store:
        data = {"id": vendor_id, **_vendor_changes(options)}
        view = add_vendor(store, build(Vendor, data))
    _print_vendor(view)


@vendor_app.command("update")
def vendor_update(
    vendor_id: Annotated[str, typer.Argument(metavar="ID", help="The vendor's id.")],
    name: Annotated[str | None, typer.Option(help="The vendor's name.")] = None,
    scope: Scope = None,
    contract: Contract = None,
    estimate: Estimate = None,
    estimate_weeks: EstimateWeeks = None,
    actual: Actual = None,
    actual_weeks: ActualWeeks = None,
    discovery: Discovery = None,
    contingency: Contingency = None,
    started: Started = None,
    notes: Notes = None,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Change a vendor's fields: new actuals each month, a revised estimate, discovery done."""
    options = dict(locals())
    from cto.record.vendors import update_vendor

    with record_session(workspace, db) as store:
        changes = _vendor_changes(options)
        if not changes:
            raise InputError("nothing to change: give at least one option")
        view = update_vendor(store, vendor_id, changes)
    _print_vendor(view)


@vendor_app.command("list")
def vendor_list(
    as_json: JsonOption = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """List vendors with spend and weeks against estimate, overruns and estimate warnings."""
    from cto.record.vendors import vendor_views

    with record_session(workspace, db, write=False) as store:
        views = vendor_views(store)
    if as_json:
        print_json([view.to_json() for view in views])
        return
    if not views:
        typer.echo("No vendors recorded (add one with: cto vendor add).")
    for view in views:
        _print_vendor(view, brief=True)


@vendor_app.command("show")
def vendor_show(
    vendor_id: Annotated[str, typer.Argument(metavar="ID", help="The vendor's id.")],
    as_json: JsonOption = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Show one vendor: scope, contract, estimate against actuals, and what to challenge."""
    from cto.record.vendors import Vendor, vendor_view

    with record_session(workspace, db, write=False) as store:
        view = vendor_view(store.require(Vendor, vendor_id))
    if as_json:
        print_json(view.to_json())
    else:
        _print_vendor(view)


def _print_vendor(view: Any, *, brief: bool = False) -> None:
    vendor = view.vendor
    flag = "  OVERRUN" if view.overrun else ""
    typer.echo(f"{vendor.id}  {vendor.name}  [{vendor.contract.value}]{flag}")
    if not brief:
        typer.echo(f"  scope: {vendor.scope}")
        discovery = {True: "done", False: "not done", None: "unknown"}[vendor.discovery_done]
        contingency = (
            "?" if vendor.contingency_percent is None else f"{vendor.contingency_percent:g}%"
        )
        started = vendor.started.isoformat() if vendor.started else "?"
        typer.echo(f"  discovery: {discovery}; contingency: {contingency}; started: {started}")
    typer.echo(
        f"  cost: {money(vendor.actual_to_date)} of {money(vendor.estimate)} "
        f"({percent(view.spent_share)})"
    )
    weeks = [vendor.actual_weeks, vendor.estimate_weeks]
    shown = ["?" if w is None else f"{w:g}" for w in weeks]
    typer.echo(f"  weeks: {shown[0]} of {shown[1]} ({percent(view.weeks_share)})")
    for warning in view.warnings:
        typer.echo(f"  ! {warning.message}")
    if not brief and vendor.notes:
        typer.echo(f"  notes: {vendor.notes}")


def register(app: typer.Typer) -> None:
    """Add ``cto vendor`` to ``app``."""
    add_group(app, vendor_app, "vendor")
