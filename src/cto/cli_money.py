"""`cto poc …` and `cto spend …`: proofs of concept with a go / no-go, and technology spend.

Thin commands over :mod:`cto.record.pocs`, :mod:`cto.record.spend` and
:mod:`cto.record.spend_csv`; each is one transaction, and bad input (a negative amount, a bad
month, a vendor not in the record, a bad CSV row) is one ``cto: error:`` line with exit 2 and
no change.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
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

CATEGORIES = ("cloud", "saas", "tooling", "contractors", "people", "licenses", "other")
DECISIONS = ("go", "no-go")

poc_app = typer.Typer(
    help="Proofs of concept: hypothesis, business metric, time box, cost cap, go / no-go.",
    no_args_is_help=True,
)
spend_app = typer.Typer(
    help="Technology spend: monthly lines by category and vendor, against the budget.",
    no_args_is_help=True,
)


@poc_app.command("add")
def poc_add(
    poc_id: Annotated[str, typer.Argument(metavar="ID", help="Short id, e.g. ai-search.")],
    title: Annotated[str, typer.Argument(metavar="TITLE", help="What is being tried.")],
    hypothesis: Annotated[str, typer.Option(help="What we believe and want to prove.")],
    metric: Annotated[str, typer.Option(help="The business metric that decides it.")],
    target: Annotated[str, typer.Option(help="The value of the metric that means go.")],
    time_box: Annotated[str, typer.Option(metavar="WEEKS", help="Weeks before a decision.")],
    cost_cap: Annotated[
        str | None, typer.Option(metavar="AMOUNT", help="Most it may cost.")
    ] = None,
    started: Annotated[
        str | None, typer.Option(metavar="YYYY-MM-DD", help="When it started.")
    ] = None,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Start a proof of concept with its hypothesis, business metric, time box and cost cap.

    A proof of concept earns its cost only with a metric and target fixed up front and a
    decision at the end of its time box; one left undecided past it is listed as overdue.
    """
    from cto.record.items import build
    from cto.record.pocs import Poc, add_poc

    with record_session(workspace, db) as store:
        data: dict[str, Any] = {
            "id": poc_id,
            "title": title,
            "hypothesis": hypothesis,
            "metric": metric,
            "target": target,
            "time_box_weeks": time_box,
            "cost_cap": cost_cap,
            "started": parse_day(started, "--started"),
        }
        poc = add_poc(store, build(Poc, data))
    typer.echo(f"{poc.id}  {poc.title}  [{poc.decision.value}]")


@poc_app.command("decide")
def poc_decide(
    poc_id: Annotated[str, typer.Argument(metavar="ID", help="The proof of concept's id.")],
    decision: Annotated[str, typer.Argument(metavar=choices(DECISIONS), help="The decision.")],
    result: Annotated[str, typer.Option(help="What was measured against the target, and why.")],
    on: Annotated[
        str | None, typer.Option(metavar="YYYY-MM-DD", help="Decision date (default: today).")
    ] = None,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Record the go or no-go decision of a proof of concept and what it showed."""
    from cto.record.pocs import decide_poc

    with record_session(workspace, db) as store:
        poc = decide_poc(store, poc_id, decision, parse_day(on, "--on") or date.today(), result)
    typer.echo(f"{poc.id}  {poc.title}  [{poc.decision.value} on {poc.decided_on}]")


@poc_app.command("list")
def poc_list(
    as_of: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM-DD", help="Judge overdue as of this day (default: today)."),
    ] = None,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """List proofs of concept with their deadline, cost cap and decision; flag overdue ones."""
    from cto.record.pocs import poc_views

    with record_session(workspace, db, write=False) as store:
        views = poc_views(store, parse_day(as_of, "--as-of") or date.today())
    if as_json:
        print_json([view.to_json() for view in views])
        return
    if not views:
        typer.echo("No proofs of concept recorded (add one with: cto poc add).")
    for view in views:
        poc = view.poc
        typer.echo(f"{poc.id}  {poc.title}  [{poc.decision.value}]" + ("  OVERDUE" * view.overdue))
        typer.echo(f"  hypothesis: {poc.hypothesis}")
        typer.echo(f"  metric: {poc.metric}; target: {poc.target}")
        box = f"{poc.time_box_weeks} weeks"
        if view.deadline:
            box += f", {poc.started} to {view.deadline}"
        typer.echo(f"  time box: {box}; cost cap: {money(poc.cost_cap)}")
        if poc.decided_on:
            typer.echo(f"  decided {poc.decision.value} on {poc.decided_on}: {poc.result}")


@spend_app.command("add")
def spend_add(
    line_id: Annotated[str, typer.Argument(metavar="ID", help="Short id, e.g. aws.")],
    month: Annotated[str, typer.Option(metavar="YYYY-MM", help="The month it was spent in.")],
    category: Annotated[str, typer.Option(metavar=choices(CATEGORIES), help="What it pays for.")],
    amount: Annotated[str, typer.Option(metavar="AMOUNT", help="How much, never negative.")],
    vendor: Annotated[
        str | None, typer.Option(help="The id of the vendor paid (must be in the record).")
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", "--build-vs-buy", help="Why this is bought rather than built."),
    ] = None,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Add one month's spend line, with an optional build-vs-buy note."""
    from cto.record.items import build
    from cto.record.spend import SpendLine, add_spend

    with record_session(workspace, db) as store:
        data = {
            "id": line_id,
            "month": month,
            "category": category,
            "amount": amount,
            "vendor": vendor,
            "build_vs_buy": note,
        }
        line = add_spend(store, build(SpendLine, data))
    typer.echo(f"{line.month}  {line.id}  {line.category.value}  {money(line.amount)}")


@spend_app.command("import")
def spend_import(
    file: Annotated[Path, typer.Argument(metavar="FILE.csv", help="The CSV file to import.")],
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Import spend lines from CSV: header month,id,category,vendor,amount,build_vs_buy.

    Every row is checked first; one bad row stops the import with a line naming it, and
    nothing is added.
    """
    from cto.record.spend_csv import import_spend, read_spend_csv

    with record_session(workspace, db) as store:
        lines = import_spend(store, read_spend_csv(file), file.name)
    typer.echo(f"Imported {len(lines)} spend lines from {file.name}.")


@spend_app.command("report")
def spend_report(
    month: Annotated[str | None, typer.Option(metavar="YYYY-MM", help="Only this month.")] = None,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Totals per month and category, each vendor's share, and months over the budget."""
    from cto.record.spend import spend_report as build_report

    with record_session(workspace, db, write=False) as store:
        report = build_report(store, month)
    if as_json:
        print_json(report.to_json())
        return
    if not report.months:
        typer.echo("No spend recorded (add it with: cto spend add, or cto spend import).")
    for entry in report.months:
        budget = "" if entry.budget is None else f" of budget {money(entry.budget)}"
        flag = "  OVER BUDGET" if entry.over_budget else ""
        typer.echo(f"{entry.month}  total {money(entry.totals.total)}{budget}{flag}")
        _print_totals(entry.totals)
        for line in entry.lines:
            extra = "".join(f"  {part}" for part in (line.vendor, line.build_vs_buy) if part)
            typer.echo(f"    {line.id}  {line.category.value}  {money(line.amount)}{extra}")
    if len(report.months) > 1:
        typer.echo(f"All months  total {money(report.overall.total)}")
        _print_totals(report.overall)
    if report.currency and report.months:
        typer.echo(f"Amounts in {report.currency}.")


def _print_totals(totals: Any) -> None:
    categories = ", ".join(f"{c.value} {money(v)}" for c, v in totals.by_category.items())
    typer.echo(f"  by category: {categories or 'none'}")
    shares = [
        f"{vendor} {money(amount)} ({percent(totals.vendor_share[vendor])})"
        for vendor, amount in totals.by_vendor.items()
    ]
    if totals.unattributed:
        shares.append(f"no vendor {money(totals.unattributed)}")
    typer.echo(f"  by vendor: {', '.join(shares) or 'none'}")


def register(app: typer.Typer) -> None:
    """Add ``cto poc`` and ``cto spend`` to ``app``."""
    add_group(app, poc_app, "poc")
    add_group(app, spend_app, "spend")
