"""The supply-chain commands: `cto vulndb …` (the local vulnerability database) and `cto sbom`.

Thin, like ``cli.py``: parse arguments, call the library, say errors in one line (exit code 2).
The library (SQLAlchemy, the manifest readers) is imported inside each command, so the command
line starts without it.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cto.analyzers.dependency_interface import ECOSYSTEMS
from cto.cli_common import DbOption, one_line_errors
from cto.errors import InputError

if TYPE_CHECKING:
    from cto.record.workspace import Workspace

vulndb_app = typer.Typer(
    help="The local vulnerability database (OSV data) that audits match dependencies against.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
WORKSPACE = typer.Option(help="Workspace folder that holds the database.")


@vulndb_app.command("import")
def vulndb_import(
    path: Annotated[Path, typer.Argument(help="An OSV export: a zip or a folder of records.")],
    workspace: Annotated[Path, WORKSPACE] = Path(".cto"),
    db: DbOption = None,
) -> None:
    """Import OSV vulnerability records, offline.

    PATH is a zip as OSV publishes per ecosystem (for example PyPI/all.zip) or a folder of OSV
    JSON or YAML records. Importing again replaces records whose `modified` date is newer.
    """
    from cto.record.workspace import Workspace

    with one_line_errors(), Workspace.open(workspace, url=db) as ws:
        result = ws.vulndb.import_export(path)
        typer.echo(
            f"Imported {path}: {result.added:,} added, {result.replaced:,} replaced, "
            f"{result.unchanged:,} unchanged, {len(result.skipped):,} skipped."
        )
        _print_status(ws)


@vulndb_app.command("update")
def vulndb_update(
    ecosystem: Annotated[
        list[str] | None,
        typer.Option(help=f"Ecosystem to download (repeatable); default: {', '.join(ECOSYSTEMS)}."),
    ] = None,
    workspace: Annotated[Path, WORKSPACE] = Path(".cto"),
    db: DbOption = None,
) -> None:
    """Download OSV's current exports and import them (needs the network).

    Optional: `cto vulndb import` of a zip fetched by any other means does the same, offline.
    """
    from cto.record.vulndb import download_exports
    from cto.record.workspace import Workspace

    wanted = tuple(ecosystem or ECOSYSTEMS)
    unknown = sorted(set(wanted) - set(ECOSYSTEMS))
    with one_line_errors():
        if unknown:
            raise InputError(
                f"unknown ecosystem {unknown[0]!r} (choose from {', '.join(ECOSYSTEMS)})"
            )
        with tempfile.TemporaryDirectory(prefix="cto-osv-") as folder:
            zips = download_exports(wanted, Path(folder))
            with Workspace.open(workspace, url=db) as ws:
                for path in zips:
                    ws.vulndb.import_export(path)
                _print_status(ws)


@vulndb_app.command("status")
def vulndb_status(
    workspace: Annotated[Path, WORKSPACE] = Path(".cto"), db: DbOption = None
) -> None:
    """Say what the database holds and how old it is."""
    from cto.record.workspace import Workspace

    with one_line_errors(), Workspace.open(workspace, url=db) as ws:
        _print_status(ws)


def _print_status(ws: Workspace) -> None:
    status = ws.vulndb.status()
    if status.empty:
        typer.echo("The vulnerability database is empty: run `cto vulndb import PATH`.")
        return
    age = status.age_days(int(datetime.now(UTC).timestamp()))
    newest = status.newest_modified.date().isoformat() if status.newest_modified else "unknown"
    typer.echo(
        f"{status.records:,} records ({', '.join(status.ecosystems)}); newest record {newest}"
        + (f", {age:.0f} days old" if age is not None else "")
        + f"; source {status.source}."
    )


def sbom(
    path: Annotated[Path, typer.Argument(help="Repository (its top folder).")],
    out: Annotated[
        Path | None, typer.Option(help="Write the SBOM to this file (atomically), not stdout.")
    ] = None,
) -> None:
    """Write a CycloneDX 1.6 JSON SBOM of the repository's dependencies.

    Reads the manifests and lockfiles of the latest commit (never running a package manager):
    every package as a package URL, with its version, scope and declared license.
    """
    from cto.reports.formats import write_document
    from cto.sources.git import GitRepository
    from cto.sources.manifests import collect_dependencies
    from cto.sources.snapshot import DirectorySnapshot, materialize_tree

    with one_line_errors():
        repo = GitRepository.open(path)
        info = repo.info
        if info.head is None:
            raise InputError(f"{path}: the repository has no commits yet")
        with tempfile.TemporaryDirectory(prefix="cto-sbom-") as folder:
            root = Path(folder) / "tree"
            root.mkdir()
            written = materialize_tree(repo, info.head, root).written
            facts = collect_dependencies(DirectorySnapshot(root, sorted(written)))
        from cto.reports.sbom import render_sbom  # CycloneDX's library: loaded only for SBOMs

        text = render_sbom(facts, name=info.name, version=info.head[:12])
        if out is None:
            typer.echo(text, nl=not text.endswith("\n"))
        else:
            write_document(out, text)
