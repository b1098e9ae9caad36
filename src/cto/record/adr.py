"""Architecture decision records: what was decided, why, by whom, and what replaced it.

An ADR is kept as its number (the key), a title, a status, the date of the last change, and the
three parts every ADR format shares: context, decision and consequences. cto adds the options that
were weighed, the people who decided, and citations of the audit findings and register risks the
decision answers. Superseding links go both ways (``supersedes`` / ``superseded_by``) so either
side can be read without a search; :mod:`cto.record.adr_ops` keeps them consistent, and
:mod:`cto.record.adr_files` writes and reads MADR 4 and adr-tools (Nygard) files.

Text is validated so that it can be written to Markdown and read back unchanged: single-line
fields (title, options, names, finding ids) hold no line breaks; prose fields hold line feeds and
tabs but no other control characters (Windows line endings become ``\\n``).
"""

from __future__ import annotations

import unicodedata
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Self

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from cto.record.items import RecordError, RecordModel, register

MAX_NUMBER = 9999
"""Highest ADR number: file names carry the number in four digits (``0042-title.md``)."""

_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


class AdrStatus(StrEnum):
    """Where a decision stands."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DEPRECATED = "deprecated"
    SUPERSEDED = "superseded"


def parse_status(text: str) -> AdrStatus:
    """The status named by ``text`` (any case).

    Raises:
        RecordError: no status has that name.
    """
    try:
        return AdrStatus(text.strip().lower())
    except ValueError:
        names = ", ".join(status.value for status in AdrStatus)
        raise RecordError(f"unknown ADR status '{text}' (use one of: {names})") from None


def _bad_character(value: str, allowed: frozenset[str]) -> str | None:
    for char in value:
        if char in allowed:
            continue
        if char in _LINE_BREAKS or unicodedata.category(char) in {"Cc", "Cs"}:
            return f"U+{ord(char):04X}"
    return None


def _single_line(value: str) -> str:
    bad = _bad_character(value, frozenset("\t"))
    if bad is not None:
        raise ValueError(f"must be one line without control characters (found {bad})")
    return value


def _unify_newlines(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def _prose(value: str) -> str:
    bad = _bad_character(value, frozenset("\n\t\u2028\u2029"))
    if bad is not None:
        raise ValueError(f"must not hold control characters (found {bad})")
    return value


def _unique(values: list[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


Line = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_single_line)]
"""One line of text: a title, an option, a name, a finding id."""

Prose = Annotated[
    str, BeforeValidator(_unify_newlines), Field(max_length=20_000), AfterValidator(_prose)
]
"""Free Markdown text, possibly several paragraphs."""

Number = Annotated[int, Field(ge=1, le=MAX_NUMBER)]
"""An ADR number."""

Names = Annotated[list[Line], AfterValidator(_unique), Field(max_length=100)]
Numbers = Annotated[list[Number], AfterValidator(_unique), Field(max_length=1000)]
RiskNumbers = Annotated[
    list[Annotated[int, Field(ge=1)]], AfterValidator(_unique), Field(max_length=1000)
]


@register
class Adr(RecordModel):
    """One architecture decision record (kind ``adr``, key its number)."""

    KIND: ClassVar[str] = "adr"
    LABEL: ClassVar[str] = "ADR"

    number: Number
    title: Line
    status: AdrStatus = AdrStatus.PROPOSED
    date: date
    """When the decision was recorded or its status last changed."""
    deciders: Names = Field(default_factory=list)
    context: Prose = ""
    """The forces at play and the problem to solve."""
    options: Names = Field(default_factory=list)
    """The options considered, one line each."""
    decision: Prose = ""
    consequences: Prose = ""
    supersedes: Numbers = Field(default_factory=list)
    """Numbers of the ADRs this one replaces."""
    superseded_by: Number | None = None
    """Number of the ADR that replaced this one."""
    cites_findings: Names = Field(default_factory=list)
    """Ids of the audit findings this decision answers."""
    cites_risks: RiskNumbers = Field(default_factory=list)
    """Numbers of the register risks this decision answers."""

    @model_validator(mode="after")
    def _links_make_sense(self) -> Self:
        if self.superseded_by is not None and self.status is not AdrStatus.SUPERSEDED:
            raise ValueError(
                f"an ADR superseded by ADR {self.superseded_by} must have status 'superseded'"
            )
        if self.number == self.superseded_by or self.number in self.supersedes:
            raise ValueError("an ADR cannot supersede itself")
        if self.superseded_by is not None and self.superseded_by in self.supersedes:
            raise ValueError(
                f"ADR {self.superseded_by} cannot both supersede and be superseded by this one"
            )
        return self

    def record_key(self) -> str:
        """The ADR number as text."""
        return str(self.number)

    @property
    def label(self) -> str:
        """``ADR 7: Use PostgreSQL``."""
        return f"ADR {self.number}: {self.title}"
