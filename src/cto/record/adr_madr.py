"""MADR 4 (Markdown Any Decision Records) files: YAML front matter, then the decision in Markdown.

Written by cto::

    ---
    status: superseded by ADR-0004      # proposed | accepted | rejected | deprecated | superseded
    date: 2025-03-01
    decision-makers:                    # MADR's own key; omitted when empty
    - Ada
    supersedes:                         # cto keys, omitted when empty; MADR tools ignore them
    - 1
    cites-findings:
    - secrets.aws-key:api
    cites-risks:
    - 2
    ---

    # Use PostgreSQL

    ## Context and Problem Statement
    ## Considered Options               (a ``* option`` list)
    ## Decision Outcome
    ### Consequences

The number is the file name's (``0003-use-postgresql.md``): MADR keeps numbers out of headings.
Read back leniently: ``deciders`` (MADR 3) for ``decision-makers``, a comma-separated string for a
list, ``## Context`` / ``## Decision`` / ``## Consequences`` headings, and ``superseded by
[ADR-0004](0004-x.md)`` statuses. Other keys and sections (``consulted``, ``Decision Drivers``,
``Pros and Cons of the Options``…) are not part of cto's record and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import yaml

from cto.record.adr import Adr, AdrStatus, parse_status
from cto.record.adr_markdown import (
    Section,
    bullets,
    escape,
    read_bullets,
    sections_by_name,
    split_sections,
    unescape,
)
from cto.record.items import RecordError, build

_SUPERSEDED_BY = re.compile(r"supers[ec]ded\s+by\b(?P<rest>.*)", re.IGNORECASE | re.DOTALL)
_NUMBER = re.compile(r"[0-9]+")
_CONSEQUENCES = re.compile(r"###[ \t]+consequences[ \t]*#*[ \t]*", re.IGNORECASE)
_FRONT_MATTER_END = ("---", "...")


class _Loader(yaml.SafeLoader):
    """Safe YAML without anchors and aliases: an untrusted file cannot expand itself."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("aliases are not allowed")
        return super().compose_node(parent, index)


def render(adr: Adr) -> str:
    """The MADR 4 file for ``adr``."""
    status = adr.status.value
    if adr.superseded_by is not None:
        status = f"superseded by ADR-{adr.superseded_by:04d}"
    meta: dict[str, Any] = {"status": status, "date": adr.date}
    for key, values in (
        ("decision-makers", adr.deciders),
        ("supersedes", adr.supersedes),
        ("cites-findings", adr.cites_findings),
        ("cites-risks", adr.cites_risks),
    ):
        if values:
            meta[key] = list(values)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1_000_000)
    parts = [
        f"---\n{front}---",
        f"# {adr.title}",
        f"## Context and Problem Statement\n\n{escape(adr.context)}",
        f"## Considered Options\n\n{bullets(adr.options)}",
        f"## Decision Outcome\n\n{escape(adr.decision)}",
        f"### Consequences\n\n{escape(adr.consequences)}",
    ]
    return "\n\n".join(part.rstrip("\n") for part in parts) + "\n"


def is_madr(text: str) -> bool:
    """Whether ``text`` looks like a MADR file (front matter, or MADR's own headings)."""
    if text.startswith("---\n"):
        return True
    _, sections = split_sections(text.split("\n"))
    names = {section.name for section in sections}
    return bool(names & {"context and problem statement", "decision outcome"})


def parse(text: str, number: int, where: str) -> Adr:
    """The ADR in MADR file ``where`` (numbered ``number`` by its file name).

    Raises:
        RecordError: one line naming ``where`` and what is wrong.
    """
    meta, body = _front_matter(text, where)
    _, sections = split_sections(body)
    titles = [section for section in sections if section.level == 1]
    if not titles or not titles[0].heading:
        raise RecordError(f"{where}: no '# title' heading")
    named = sections_by_name(sections, where)
    data: dict[str, Any] = {
        "number": number,
        "title": titles[0].heading,
        "deciders": _names(meta.get("decision-makers", meta.get("deciders")), where),
        "supersedes": _numbers(meta.get("supersedes"), "supersedes", where),
        "cites_findings": _names(meta.get("cites-findings"), where),
        "cites_risks": _numbers(meta.get("cites-risks"), "cites-risks", where),
        "date": _date(meta.get("date"), where),
        "context": _prose(named, "context and problem statement", "context"),
        "options": read_bullets(_lines(named, "considered options", "options")),
    }
    data["status"], data["superseded_by"] = _status(meta.get("status"), where)
    decision, consequences = _outcome(named)
    data["decision"] = unescape(decision)
    data["consequences"] = unescape(consequences or _lines(named, "consequences"))
    try:
        return build(Adr, data)
    except RecordError as error:
        raise RecordError(f"{where}: {error}") from None


def _front_matter(text: str, where: str) -> tuple[Mapping[str, Any], list[str]]:
    lines = text.split("\n")
    if lines[0] != "---":
        raise RecordError(f"{where}: no YAML front matter with status and date")
    for end in range(1, len(lines)):
        if lines[end].rstrip() in _FRONT_MATTER_END:
            break
    else:
        raise RecordError(f"{where}: the YAML front matter never ends (no closing '---')")
    try:
        meta = yaml.load("\n".join(lines[1:end]), Loader=_Loader)  # noqa: S506 (safe loader)
    except yaml.YAMLError as error:
        reason = " ".join(str(error).split())
        raise RecordError(f"{where}: the front matter is not valid YAML: {reason}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise RecordError(f"{where}: the front matter is not a mapping of keys to values")
    return meta, lines[end + 1 :]


def _status(value: Any, where: str) -> tuple[AdrStatus, int | None]:
    if not isinstance(value, str) or not value.strip():
        raise RecordError(f"{where}: no status in the front matter")
    superseded = _SUPERSEDED_BY.match(value.strip())
    if superseded:
        number = _NUMBER.search(superseded.group("rest"))
        return AdrStatus.SUPERSEDED, None if number is None else int(number.group())
    if value.strip().lower() == "superceded":
        return AdrStatus.SUPERSEDED, None
    try:
        return parse_status(value), None
    except RecordError as error:
        raise RecordError(f"{where}: {error}") from None


def _date(value: Any, where: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value is None:
        raise RecordError(f"{where}: no date in the front matter")
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise RecordError(f"{where}: date '{value}' is not a date (use YYYY-MM-DD)") from None


def _names(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(item, str | int | float) for item in value):
        return [str(item) for item in value]
    raise RecordError(f"{where}: expected a list of names in the front matter, got {value!r:.60}")


def _numbers(value: Any, key: str, where: str) -> list[int]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, int) and not isinstance(item, bool) for item in items):
        raise RecordError(f"{where}: '{key}' must be a list of numbers")
    return list(items)


def _lines(named: Mapping[str, Section], *names: str) -> list[str]:
    for name in names:
        if name in named:
            return named[name].lines
    return []


def _prose(named: Mapping[str, Section], *names: str) -> str:
    return unescape(_lines(named, *names))


def _outcome(named: Mapping[str, Section]) -> tuple[list[str], list[str]]:
    lines = _lines(named, "decision outcome", "decision")
    for index, line in enumerate(lines):
        if _CONSEQUENCES.fullmatch(line):
            return lines[:index], lines[index + 1 :]
    return lines, []
