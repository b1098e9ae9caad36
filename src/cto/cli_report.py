"""``cto report …``: reports for people, built from the workspace without changing it.

``cto report founder`` adds the engagement record and the advisor's judgment to the latest audit
of each repository. Thin by design: the report is built by :mod:`cto.reports.founder` (imported
inside the command, so ``cto audit`` never loads pydantic, the record kinds or the advisor) and
written by :func:`cto.reports.formats.write_reports`, atomically.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from cto.cli_common import (
    DEFAULT_WORKSPACE,
    DbOption,
    WorkspaceOption,
    one_line_errors,
    parse_day,
    record_session,
)
from cto.errors import InputError

report_app = typer.Typer(
    help="Reports for people, built from the workspace: the founder report adds the engagement "
    "record and the advisor's judgment to the latest audits.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

FOUNDER_FORMATS = ("md", "html", "json")
DEFAULT_OUT = Path("cto-founder-report")


@report_app.command("founder")
def founder(
    fmt: Annotated[
        str,
        typer.Option("--format", help="Report formats, comma-separated: md, html, json."),
    ] = "md,html,json",
    out: Annotated[Path, typer.Option(help="Folder the reports are written to.")] = DEFAULT_OUT,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar="YYYY-MM-DD",
            help="Judge overdue risk reviews as of this day (default: today).",
            show_default=False,
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            help="cto.toml holding the exemptions of this engagement, applied to the audit "
            "findings as cto audit does; default: ./cto.toml when it exists."
        ),
    ] = None,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Write the founder report: the latest audits plus decisions, risks, roadmap and advice.

    Opens with the founder summary (overall rating, top risks, what to do first, including the
    most urgent record items), then "The engagement": decisions made and pending, open risks by
    exposure with overdue reviews flagged, the roadmap ranked by RICE with capacity against load
    and the not-now list, the eight challenges answered raise, fine or cannot tell, and the
    advisor's engagement view (model, first full-time CTO, remote fit, decision rights, hiring
    readiness). Each section is rated red (a money or scope challenge is raised, or a risk of
    exposure 15 or more is past its review date), amber (anything else raised or missing) or
    green. The repositories' audit evidence follows. Works before any audit (the report says so)
    and without a profile (the advisor names what is missing). Reads the workspace only; writes
    report.md, report.html and report.json to --out, atomically.
    """
    from cto.exemptions import load_config
    from cto.record.workspace import Workspace
    from cto.reports.formats import parse_formats, write_reports
    from cto.reports.founder import build_founder_report, latest_audit_reports

    with one_line_errors():
        formats = parse_formats(fmt)
        refused = [f.value for f in formats if f.value not in FOUNDER_FORMATS]
        if refused:
            raise InputError(
                f"the founder report is written as md, html or json, not {', '.join(refused)}"
            )
        day = parse_day(today, "--today") or date.today()
        exemptions = load_config(config)
    with (
        record_session(workspace, db, write=False) as store,
        Workspace.open(workspace, url=db) as ws,
    ):
        report = build_founder_report(
            latest_audit_reports(ws), store, ws, day, exemptions=exemptions
        )
    with one_line_errors():
        written = write_reports(report, out, formats)
    rating = report.summary.rating.value.replace("_", " ").upper()
    typer.echo(f"Overall: {rating} — {report.summary.headline}", err=True)
    for area in report.engagement:
        typer.echo(f"  {area.title}: {area.rating.value.upper()}", err=True)
    for path in written:
        typer.echo(f"Report written: {path}")


def register(app: typer.Typer) -> None:
    """Add ``cto report`` (with ``cto report founder``) to ``app``."""
    app.add_typer(report_app, name="report")
