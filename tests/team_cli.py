"""Running `cto` in-process on a test workspace, for the team and money command tests.

Commands are written as a user types them (``vendor add acme "Acme Dev" --scope MVP``) and split
like a shell would; ``--workspace`` is added.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from cto.cli import app
from cto.record.workspace import Workspace

runner = CliRunner()


def cto(ws: Path, command: str) -> Any:
    """Run one command on the workspace ``ws``."""
    return runner.invoke(app, [*shlex.split(command), "--workspace", str(ws)])


def ok(ws: Path, command: str) -> str:
    """Run a command that must succeed; its standard output."""
    result = cto(ws, command)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def as_json(ws: Path, command: str) -> Any:
    """Run a command with ``--json``; its parsed output."""
    return json.loads(ok(ws, command + " --json"))


def rows(ws: Path) -> list[dict[str, Any]]:
    """Every record entry as stored, to check a refused command changed nothing."""
    with Workspace.open(ws) as opened, opened.record(write=False) as store:
        return store.rows()


def refused(ws: Path, command: str, message: str) -> None:
    """The command fails with one ``cto: error:`` line naming the problem, and changes nothing."""
    before = rows(ws)
    result = cto(ws, command)
    assert result.exit_code == 2, result.stdout
    assert result.stderr.startswith("cto: error: ")
    assert result.stderr.count("\n") == 1
    assert message in result.stderr
    assert rows(ws) == before
