"""`cto adr export` and `cto adr import`: the record's ADRs to and from a repository's ADR folder.

Registered on the ``cto adr`` group by :func:`cto.cli_adr.register`. Like every record command,
arguments are checked before the record is opened and the record work is one transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cto.cli_common import DEFAULT_WORKSPACE, DbOption, WorkspaceOption, one_line_errors
from cto.cli_common import record_session as session
from cto.errors import InputError


def export(
    folder: Annotated[
        Path, typer.Argument(metavar="FOLDER", help="The repository's ADR folder, e.g. docs/adr.")
    ],
    fmt: Annotated[
        str, typer.Option("--format", metavar="madr|nygard", help="MADR 4 or adr-tools files.")
    ] = "madr",
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Write every ADR as a Markdown file NNNN-title.md, so the decisions live with the code.

    Each file is written aside, then renamed into place, so none is ever half written. A file
    of the same number under an older title is replaced; other files are left alone.
    """
    from cto.record.adr_files import export_adrs, parse_format
    from cto.record.adr_ops import list_adrs

    with one_line_errors():
        chosen = parse_format(fmt)
    with session(workspace, db, write=False) as store:
        adrs = list_adrs(store)
        if not adrs:
            typer.echo("No ADRs in the record; nothing written.")
            return
        written = export_adrs(adrs, folder, chosen)
        typer.echo(f"Wrote {len(written)} ADR files ({chosen.value}) to {folder}.")


def import_(
    folder: Annotated[
        Path, typer.Argument(metavar="FOLDER", help="A folder of NNNN-title.md ADR files.")
    ],
    fmt: Annotated[
        str,
        typer.Option("--format", metavar="auto|madr|nygard", help="Default: detect per file."),
    ] = "auto",
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite ADRs whose numbers are recorded.")
    ] = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Read a repository's ADR folder (MADR or adr-tools files) into the record, all or nothing.

    Numbers already in the record are refused unless --replace; superseding links must agree
    in both directions and cited risks must exist.
    """
    from cto.record.adr_files import import_adrs, parse_import_format
    from cto.record.adr_ops import import_adrs_into

    with one_line_errors():
        adrs = import_adrs(folder, parse_import_format(fmt))
        if not adrs:
            raise InputError(f"no ADR files (NNNN-title.md) in {folder}")
    with session(workspace, db) as store:
        import_adrs_into(store, adrs, replace=replace)
        typer.echo(f"Imported {len(adrs)} ADRs from {folder}.")
