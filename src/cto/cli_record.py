"""Record commands: `cto init`, `cto profile show`, `cto export`, `cto import` (`cto engagement`).

Thin: parse arguments, call :mod:`cto.record` inside one transaction, print. The record modules
(and pydantic) are imported inside the commands so that `cto audit` never loads them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cto import cli_engagement
from cto.cli_common import (
    DEFAULT_WORKSPACE,
    DbOption,
    WorkspaceOption,
    one_line_errors,
    print_json,
    record_session,
)
from cto.cli_engagement import Structure
from cto.errors import InputError

if TYPE_CHECKING:
    from cto.record.profile import CompanyProfile

profile_app = typer.Typer(
    help="The company profile: what the advisor must know before it recommends anything.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def init(
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Read the profile from this TOML file instead of asking (see "
            "docs/examples/profile.toml); leave out what is unknown.",
        ),
    ] = None,
    structure: Annotated[
        Structure | None,
        typer.Option(help="Also start the engagement with this structure's default terms."),
    ] = None,
    update: Annotated[
        bool,
        typer.Option(
            "--update", help="Replace the stored profile with the answers given this time."
        ),
    ] = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Start the engagement record with the company profile, asked question by question.

    Each question says why its answer matters; answer blank (or `unknown`) whatever you do not
    know yet: the advisor then says what it cannot tell instead of guessing, and refuses stack
    and architecture advice until the business model, core workflow, team, budget and risk
    profile are known. With --from the profile is read from a TOML file, nothing is asked. An
    existing profile is kept unless --update. Afterwards cto prints what the advisor still needs.
    """
    from cto.record.engagement import Engagement, default_engagement
    from cto.record.items import RecordError
    from cto.record.profile import CompanyProfile
    from cto.record.profile_text import missing_lines, read_profile_file

    with one_line_errors():
        profile = read_profile_file(from_file) if from_file else None
    if profile is None:
        profile = _interview(workspace, db, update)
    with record_session(workspace, db) as store:
        existing = store.get(CompanyProfile, CompanyProfile.KEY)
        if existing is not None and not update:
            raise RecordError(f"a profile of {existing.name} exists; use --update to replace it")
        store.save(profile)
        if structure is not None:
            if store.get(Engagement, Engagement.KEY) is not None:
                raise RecordError(
                    "an engagement exists already; change it with cto engagement set, or "
                    "cto engagement start STRUCTURE --replace"
                )
            store.add(default_engagement(structure.value, store.now.date()))
    typer.echo(f"Profile {'updated' if existing else 'saved'}: {profile.name}.")
    if structure is not None:
        typer.echo(f"Engagement started: {structure.value} (see: cto engagement show).")
    missing = missing_lines(profile)
    if missing:
        typer.echo("Before recommending a stack or an architecture, the advisor still needs:")
        typer.echo("\n".join(missing))
        typer.echo("Add them with: cto init --update (or --from FILE --update).")
    else:
        typer.echo("The profile holds what stack and architecture advice needs.")


def _interview(workspace: Path, db: str | None, update: bool) -> CompanyProfile:
    from cto.record.items import RecordError
    from cto.record.profile import CompanyProfile
    from cto.record.profile_interview import interview
    from cto.record.workspace import DATABASE_NAME

    current = None
    if db is not None or (workspace / DATABASE_NAME).exists():
        with record_session(workspace, db, write=False) as store:
            current = store.get(CompanyProfile, CompanyProfile.KEY)
            if current is not None and not update:
                raise RecordError(f"a profile of {current.name} exists; use --update to replace it")
    typer.echo("A few questions about the company. Leave blank what you do not know yet.\n")

    def ask(prompt: str, default: str) -> str:
        answer: str = typer.prompt(prompt, default=default, show_default=bool(default))
        return answer

    with one_line_errors():
        return interview(ask, typer.echo, current)


@profile_app.command("show")
def profile_show(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the profile as JSON (the stored document).")
    ] = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Show the company profile, and what the advisor still needs before it advises on a stack."""
    from cto.record.items import RecordError
    from cto.record.profile import CompanyProfile
    from cto.record.profile_text import missing_lines, profile_lines

    with record_session(workspace, db, write=False) as store:
        profile = store.get(CompanyProfile, CompanyProfile.KEY)
        if profile is None:
            raise RecordError("no company profile in the record (start one with: cto init)")
    if as_json:
        print_json(profile.model_dump(mode="json"))
        return
    typer.echo("\n".join(profile_lines(profile)))
    missing = missing_lines(profile)
    if missing:
        typer.echo("\nStill unknown, needed for stack and architecture advice:")
        typer.echo("\n".join(missing))


def export(
    target: Annotated[
        str, typer.Argument(help="File to write, or - for standard output.", metavar="[FILE|-]")
    ] = "-",
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Export the whole engagement record as one JSON document, for backup or a move.

    Every entry is written as stored, with its creation and change times, so `cto import` into
    another workspace (SQLite or PostgreSQL) restores it exactly. The document follows the JSON
    Schema shipped as cto/record/schema/record-export.schema.json. A file is written atomically.
    """
    from cto.record.exchange import export_document
    from cto.reports.formats import write_document

    with record_session(workspace, db, write=False) as store:
        document = export_document(store)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if target == "-":
        sys.stdout.write(text)
        return
    with one_line_errors():
        written = write_document(Path(target), text)
    typer.echo(f"Exported {len(document['items'])} entries to {written}.")


def import_record(
    source: Annotated[
        str,
        typer.Argument(
            help="An export written by cto export, or - for standard input.", metavar="FILE"
        ),
    ],
    replace: Annotated[
        bool,
        typer.Option(
            "--replace", help="Discard the entries already in the record (same transaction)."
        ),
    ] = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Import a whole record written by cto export, in one transaction.

    Refuses a record that already holds entries unless --replace. Every entry is validated
    first; an unknown kind, an invalid entry or an unknown export version is said in one line
    and nothing is written.
    """
    from cto.record.exchange import MAX_IMPORT_BYTES, import_document, parse_export

    with one_line_errors():
        if source == "-":
            text = sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1)
        else:
            try:
                text = Path(source).read_bytes()
            except OSError as error:
                raise InputError(f"cannot read {source}: {error.strerror or error}") from None
        document = parse_export(text, "standard input" if source == "-" else source)
    with record_session(workspace, db) as store:
        result = import_document(store, document, replace=replace)
    replaced = f", after removing {result.removed} entries" if result.removed else ""
    typer.echo(f"Imported {result.imported} entries{replaced}.")


def register(app: typer.Typer) -> None:
    """Add `cto init`, `cto profile`, `cto engagement`, `cto export` and `cto import` to ``app``."""
    app.command("init")(init)
    app.add_typer(profile_app, name="profile")
    cli_engagement.register(app)
    app.command("export")(export)
    app.command("import")(import_record)
