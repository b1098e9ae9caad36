"""What the risk and roadmap commands share: dates, optional text, numbers, JSON output.

Only ``typer``, the standard library and :mod:`cto.errors` are imported here: ``cto audit``
loads this module at start-up and must not pay for pydantic or the record kinds.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any


def changes(clearable: Collection[str] = (), **options: Any) -> dict[str, Any]:
    """The options a person gave (not ``None``); ``""`` clears a ``clearable`` field."""
    return {
        name: None if name in clearable and value == "" else value
        for name, value in options.items()
        if value is not None
    }


def number(value: float) -> str:
    """A number as short as it reads: ``12``, ``0.5``, ``33.3``."""
    return f"{value:.4g}" if abs(value) < 1e4 else f"{value:,.0f}"
