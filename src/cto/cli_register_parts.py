"""What the risk and roadmap commands share: dates, optional text, numbers, JSON output.

Only ``typer``, the standard library and :mod:`cto.errors` are imported here: ``cto audit``
loads this module at start-up and must not pay for pydantic or the record kinds.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date
from typing import Any

import typer

from cto.errors import InputError


def parse_day(text: str | None, option: str) -> date | None:
    """A ``YYYY-MM-DD`` option value; ``None`` when not given; ``""`` is not a date.

    Raises:
        InputError: any other text, in one line naming the option.
    """
    if text is None:
        return None
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise InputError(f"{option}: '{text}' is not a date (use YYYY-MM-DD, like 2026-03-31)")


def changes(clearable: Collection[str] = (), **options: Any) -> dict[str, Any]:
    """The options a person gave (not ``None``); ``""`` clears a ``clearable`` field."""
    return {
        name: None if name in clearable and value == "" else value
        for name, value in options.items()
        if value is not None
    }


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON (UTF-8 kept, newline-terminated)."""
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def number(value: float) -> str:
    """A number as short as it reads: ``12``, ``0.5``, ``33.3``."""
    return f"{value:.4g}" if abs(value) < 1e4 else f"{value:,.0f}"
