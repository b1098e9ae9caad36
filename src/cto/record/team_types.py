"""Field types and helpers shared by the vendor, hiring, proof-of-concept, spend and outcome kinds.

Each validator explains itself in words a user can act on (``'2025-13' is not a month (use
YYYY-MM)``) rather than quoting a regular expression, because these messages reach the command
line as they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, Field, StringConstraints, ValidationError

from cto.record.items import M, RecordError, build, validation_line

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")

MAX_MONEY = 1e12
"""Largest amount any money field accepts: far above any real budget, and exact in JSON."""


def check_slug(value: str) -> str:
    """Accept an id of lowercase letters, digits and hyphens (at most 64 characters)."""
    if len(value) > 64 or not _SLUG.fullmatch(value):
        raise ValueError(
            f"'{value}' is not an id: use lowercase letters, digits and hyphens, "
            "starting with a letter or digit (at most 64 characters)"
        )
    return value


def check_month(value: str) -> str:
    """Accept a month written ``YYYY-MM``."""
    if not _MONTH.fullmatch(value):
        raise ValueError(f"'{value}' is not a month (use YYYY-MM)")
    return value


def require_month(text: str) -> str:
    """``text`` if it is a ``YYYY-MM`` month.

    Raises:
        RecordError: it is not.
    """
    try:
        return check_month(text.strip())
    except ValueError as error:
        raise RecordError(str(error)) from None


Slug = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(check_slug)]
"""An entry id: ``acme-dev``, ``backend-lead``."""

Month = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(check_month)]
"""A calendar month, ``YYYY-MM``."""

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
"""A short non-empty name or title."""

Statement = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
"""Non-empty free text: a scope, a hypothesis."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)]
"""Free text, possibly empty."""

Money = Annotated[float, Field(ge=0, le=MAX_MONEY, allow_inf_nan=False)]
"""An amount in the profile's currency, never negative."""

Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
"""A percentage, 0 to 100."""

Weeks = Annotated[float, Field(ge=0, le=1000, allow_inf_nan=False)]
"""A duration in weeks."""


def updated(item: M, changes: Mapping[str, Any]) -> M:
    """A copy of ``item`` with ``changes`` applied, validated as a whole.

    Raises:
        RecordError: the changed entry is not valid (nothing is changed).
    """
    data = item.model_dump()
    data.update(changes)
    return build(type(item), data)


def share(part: float, whole: float | None) -> float | None:
    """``part`` as a fraction of ``whole``, 4 decimals; ``None`` when whole is 0 or unknown."""
    if not whole:
        return None
    return round(part / whole, 4)


P = TypeVar("P", bound=BaseModel)


def validate_part(cls: type[P], data: Mapping[str, Any], label: str) -> P:
    """Validate ``data`` as a part of an entry (a stage, a scorecard, a document).

    Raises:
        RecordError: an invalid value, in one line.
    """
    try:
        return cls.model_validate(dict(data))
    except ValidationError as error:
        raise RecordError(validation_line(error, label)) from None
