"""`cto risk …` and `cto roadmap …`: the risk register and the roadmap of the engagement record.

The commands live in :mod:`cto.cli_risk` and :mod:`cto.cli_roadmap`; like every record command
they import the record kinds (and pydantic) only when they run.
"""

from __future__ import annotations

import typer

from cto.cli_risk import risk_app
from cto.cli_roadmap import roadmap_app


def register(app: typer.Typer) -> None:
    """Add ``cto risk`` and ``cto roadmap`` to ``app``."""
    app.add_typer(risk_app, name="risk")
    app.add_typer(roadmap_app, name="roadmap")
