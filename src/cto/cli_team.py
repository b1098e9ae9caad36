"""What the team and money commands share, and their registration.

The commands live in :mod:`cto.cli_vendor` (``cto vendor``), :mod:`cto.cli_hire` (``cto hire``),
:mod:`cto.cli_money` (``cto poc``, ``cto spend``) and :mod:`cto.cli_outcome` (``cto outcome``).
Each is thin over the record library and runs in one transaction; bad input is one
``cto: error:`` line with exit 2 and no change. Values are taken as text and validated by the
record's models, so a wrong number or choice is said in one line rather than as a usage screen,
while ``--help`` still lists every allowed value. Like every command module, these import only
typer and the standard library at module level: pydantic and the record load inside commands.
"""

from __future__ import annotations

from typing import Annotated

import typer

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def choices(values: tuple[str, ...]) -> str:
    """A metavar listing the allowed values, so ``--help`` shows them."""
    return "[" + "|".join(values) + "]"


def money(amount: float | None) -> str:
    """An amount with thousands separators, or ``?`` when unknown."""
    return "?" if amount is None else f"{amount:,.2f}"


def percent(fraction: float | None) -> str:
    """A fraction as a percentage with one decimal, or ``?``."""
    return "?" if fraction is None else f"{fraction * 100:.1f}%"


def add_group(app: typer.Typer, group: typer.Typer, name: str) -> None:
    """Add ``group`` to ``app`` as ``name`` unless a group of that name is there already.

    Lets :func:`register` wire the sibling modules while ``cto.cli`` may also wire them.
    """
    if all(info.name != name for info in app.registered_groups):
        app.add_typer(group, name=name)


def register(app: typer.Typer) -> None:
    """Add ``cto vendor``, ``hire``, ``poc``, ``spend`` and ``outcome`` to ``app``."""
    from cto import cli_hire, cli_money, cli_outcome, cli_vendor

    cli_vendor.register(app)
    cli_hire.register(app)
    cli_money.register(app)
    cli_outcome.register(app)
