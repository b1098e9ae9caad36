"""The `cto` command line: parse arguments, call the library, map errors to exit codes.

Exit codes: 0 fine; 1 a finding reached ``--fail-on``; 2 a usage or input error, said in one line.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cto import (
    __version__,
    cli_adr,
    cli_advise,
    cli_record,
    cli_register,
    cli_report,
    cli_team,
)
from cto.check_format import CheckFormat
from cto.cli_common import DbOption, OneLineGroup, one_line
from cto.cli_supply import sbom, vulndb_app
from cto.collector import collector_paused
from cto.errors import CtoError
from cto.findings import Severity

app = typer.Typer(
    help="cto — the fractional CTO you can run. Reads repositories (never runs them) and writes "
    "reports a founder can act on.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=OneLineGroup,
)
err = Console(stderr=True)

CONFIG_OPTION = typer.Option(
    help="cto.toml holding the exemptions (reason, owner, optional expiry) of this engagement; "
    "default: ./cto.toml when it exists."
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cto {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """cto — the fractional CTO you can run."""


@app.command()
def audit(
    paths: Annotated[
        list[Path], typer.Argument(help="Repositories to audit (the top folder of each).")
    ],
    since: Annotated[
        str | None, typer.Option(help="Count only commits authored on or after this date.")
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(help="Count only commits authored up to this date; also the 'as of' date."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option("--format", help="Report formats, comma-separated: md, html, json, sarif."),
    ] = "md,html,json",
    out: Annotated[Path, typer.Option(help="Folder the reports are written to.")] = Path(
        "cto-report"
    ),
    fail_on: Annotated[
        Severity | None,
        typer.Option(
            help="Exit 1 when a finding that is not exempted is at least this severe (for CI)."
        ),
    ] = None,
    config: Annotated[Path | None, CONFIG_OPTION] = None,
    workspace: Annotated[
        Path, typer.Option(help="Workspace folder holding the audit record.")
    ] = Path(".cto"),
    db: DbOption = None,
    coverage: Annotated[
        list[Path] | None,
        typer.Option(
            help="A coverage report (Cobertura XML, lcov, coverage.py JSON) from your test run; "
            "repeatable. Reports committed in the repository are found without it."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no summary.")] = False,
) -> None:
    """Audit repositories: history, code, delivery, practices, supply chain; write the report.

    Reads each repository's git history once (later audits read only new commits) and the files
    of its latest commit (never running anything), measures size and stack, activity, ownership,
    truck factor, knowledge loss, complexity and hotspots, change coupling, tests and delivery,
    and engineering practices, records the audit in the workspace, and writes report.md,
    report.html and report.json (and report.sarif when asked) to --out. Exemptions in cto.toml
    are applied: exempted findings are shown, marked, and not counted.
    """
    try:
        from cto.cli_audit import AuditOptions, run_audit

        options = AuditOptions(
            fmt, out, fail_on, workspace, db, quiet, tuple(coverage or ()), config
        )
        with collector_paused():  # the whole command builds acyclic data: see cto.collector
            code = run_audit(paths, since, until, options, err)
    except CtoError as error:
        typer.echo(f"cto: error: {one_line(error)}", err=True)
        raise typer.Exit(2) from None
    raise typer.Exit(code)


@app.command()
def check(
    path: Annotated[Path, typer.Argument(help="Repository to check (its top folder).")],
    fail_on: Annotated[
        Severity,
        typer.Option(help="Exit 1 when a finding that is not exempted is at least this severe."),
    ] = Severity.HIGH,
    config: Annotated[Path | None, CONFIG_OPTION] = None,
    fmt: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            help="text: one line per finding; json: the report as JSON; sarif: SARIF 2.1.0 "
            "for code scanning.",
        ),
    ] = CheckFormat.TEXT,
    out: Annotated[
        Path | None,
        typer.Option(help="Write the output to this file (atomically) instead of stdout."),
    ] = None,
    workspace: Annotated[
        Path,
        typer.Option(help="Workspace whose local data the checks may read; never written."),
    ] = Path(".cto"),
    db: DbOption = None,
) -> None:
    """Run the audit's checks on the files at HEAD, fast, as a gate for CI.

    Reads only the files of the latest commit (never running anything): size and stack,
    complexity, tests and delivery, engineering practices, dependencies, known vulnerabilities
    (from the workspace's database, if any), licenses, secrets in the files, infrastructure.
    Skips the history pass and every
    area built from it (activity, knowledge and ownership, change coupling, hotspots): run
    cto audit for those. Exemptions in cto.toml are applied and shown. Exit 1 when a finding
    that is not exempted is at or above --fail-on, 0 otherwise, 2 on a usage or input error.
    """
    from cto.check import render_check, run_check
    from cto.exemptions import load_config
    from cto.reports.formats import write_document

    try:
        exemptions = load_config(config)
        result = run_check(path, config=exemptions, fail_on=fail_on, workspace=workspace, db_url=db)
        text = render_check(result, fmt)
        if out is None:
            typer.echo(text, nl=False)
        else:
            write_document(out, text)
    except CtoError as error:
        typer.echo(f"cto: error: {one_line(error)}", err=True)
        raise typer.Exit(2) from None
    raise typer.Exit(result.exit_code)


app.add_typer(vulndb_app, name="vulndb")
app.command()(sbom)
cli_record.register(app)
cli_adr.register(app)
cli_register.register(app)
cli_advise.register(app)
cli_team.register(app)
cli_report.register(app)


def main() -> None:
    """Console-script entry point: run the command, flush its output, and end the process.

    The process ends with ``os._exit`` once standard output and error are flushed. An audit
    leaves millions of small objects behind, and the interpreter's orderly teardown of them
    took about 0.2 s of a 2 s incremental audit while achieving nothing the operating system
    does not do anyway: every file cto writes is complete and renamed into place, every
    database connection closed and every worker process joined before a command returns.
    """
    try:
        app()
        code = 0
    except SystemExit as stop:
        code = exit_status(stop.code)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can be said
            code = code or 1
    os._exit(code)


def exit_status(code: object) -> int:
    """The process status ``sys.exit(code)`` would give (a message is printed, status 1)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1
