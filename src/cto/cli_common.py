"""What record commands share: workspace and database options, one transaction, one-line errors.

Record commands stay thin: they parse arguments, build or change entries through the library
(:mod:`cto.record`, :mod:`cto.advisor`) inside :func:`record_session`, and print. Heavy imports
(pydantic, the record kinds) happen inside the commands, so ``cto audit`` never pays for them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer._click.core import Context
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperGroup

from cto.errors import CtoError, InputError

if TYPE_CHECKING:
    from cto.record.store import RecordStore

WorkspaceOption = Annotated[
    Path, typer.Option("--workspace", help="Workspace folder holding the engagement record.")
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        help="Database URL instead of the workspace's SQLite file, for a shared server: "
        "postgresql://user:password@host/dbname.",
    ),
]
DEFAULT_WORKSPACE = Path(".cto")


class OneLineGroup(TyperGroup):
    """A command group whose usage errors are one ``cto: error: …`` line with exit code 2.

    Typer prints a bad option value (an unknown status, ``--likelihood abc``, a missing
    argument) as a usage block; cto promises one line a person or a script can act on. The
    root ``cto`` group uses it, so every sub-command's arguments are covered.
    """

    def invoke(self, ctx: Context) -> Any:
        """Run the sub-command; a usage error in its arguments becomes one line."""
        try:
            return super().invoke(ctx)
        except NoArgsIsHelpError:
            raise
        except UsageError as error:
            message = one_line(error.format_message()).replace("Value error, ", "")
            command = error.ctx.command_path if error.ctx is not None else "cto"
            typer.echo(f"cto: error: {message} (see: {command} --help)", err=True)
            raise typer.Exit(2) from None


def parse_day(text: str | None, option: str) -> date | None:
    """A ``YYYY-MM-DD`` value from the command line; ``None`` when not given.

    Raises:
        InputError: any other text, in one line naming ``option``.
    """
    if text is None:
        return None
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise InputError(f"{option}: '{text}' is not a date (use YYYY-MM-DD)")


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON, non-ASCII text kept as it is."""
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def one_line(error: BaseException | str) -> str:
    """The error's message folded onto one line, as every error of cto is said."""
    return " ".join(str(error).split())


@contextmanager
def one_line_errors() -> Iterator[None]:
    """Turn a cto error into ``cto: error: …`` on one line and exit code 2."""
    try:
        yield
    except CtoError as error:
        typer.echo(f"cto: error: {one_line(error)}", err=True)
        raise typer.Exit(2) from None


@contextmanager
def record_session(workspace: Path, db: str | None, *, write: bool = True) -> Iterator[RecordStore]:
    """The engagement record in one transaction; any error rolls it back and exits 2 in one line.

    A reading command (``write=False``) on a workspace that does not exist says so instead of
    creating one.
    """
    from cto.record.items import RecordError
    from cto.record.workspace import DATABASE_NAME, Workspace

    with one_line_errors():
        if not write and db is None and not (workspace / DATABASE_NAME).exists():
            raise RecordError(f"no workspace at {workspace} (start one with: cto init)")
        with Workspace.open(workspace, url=db) as ws, ws.record(write=write) as store:
            yield store
