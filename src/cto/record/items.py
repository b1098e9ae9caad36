"""The base of every engagement-record entry: a validated document with a kind and a key.

The engagement record (profile, engagement terms, ADRs, risks, roadmap, vendors, hiring, proofs of
concept, spend, monthly outcomes) is small, hand-written data whose shape grows with the product.
Each kind is a pydantic model that validates on the way in and out; the database keeps one
``record_items`` row per entry (kind, key, JSON document), so SQLite and PostgreSQL store the same
thing, an export is the rows themselves, and a new field never needs a table migration.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from cto.errors import CtoError


class RecordError(CtoError):
    """A record command cannot be carried out: bad value, unknown entry, broken link (exit 2)."""


class RecordModel(BaseModel):
    """One entry of the engagement record.

    Subclasses set :attr:`KIND` (the stored kind, unique), :attr:`LABEL` (how a user names one,
    for messages) and implement :meth:`record_key`. Unknown fields are refused, strings stripped,
    and assignments validated, so an entry in memory is always a valid entry.
    """

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, validate_assignment=True, frozen=False
    )

    KIND: ClassVar[str]
    LABEL: ClassVar[str]

    def record_key(self) -> str:
        """The key of this entry among entries of its kind (a number, a slug, ``company``…)."""
        raise NotImplementedError


M = TypeVar("M", bound=RecordModel)
C = TypeVar("C", bound=type[RecordModel])

REGISTRY: dict[str, type[RecordModel]] = {}
"""Every record kind by :attr:`RecordModel.KIND`; filled by :func:`register`."""


def register(cls: C) -> C:
    """Class decorator: make a record kind known to export, import and the store."""
    kind = cls.KIND
    if kind in REGISTRY and REGISTRY[kind] is not cls:
        raise ValueError(f"record kind {kind!r} registered twice")
    REGISTRY[kind] = cls
    return cls


def validation_line(error: ValidationError, label: str) -> str:
    """A pydantic validation error as one line a user can act on."""
    parts = []
    for problem in error.errors():
        where = ".".join(str(part) for part in problem["loc"]) or label
        parts.append(f"{where}: {_message(problem)}")
    return f"invalid {label}: " + "; ".join(parts)


def _message(problem: Any) -> str:
    message = str(problem["msg"])
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    given = problem.get("input")
    if problem.get("type") in {"enum", "literal_error"} and given is not None:
        return f"{given!r} is not allowed; {message[0].lower()}{message[1:]}"
    return message[0].lower() + message[1:] if message else message


def build(cls: type[M], data: dict[str, Any]) -> M:
    """Validate ``data`` as a ``cls`` entry; a bad value is a :class:`RecordError` in one line."""
    try:
        return cls.model_validate(data)
    except ValidationError as error:
        raise RecordError(validation_line(error, cls.LABEL)) from None
