"""adr-tools files: Michael Nygard's template as ``adr new`` writes it.

Written by cto::

    # 3. Use PostgreSQL

    Date: 2025-03-01

    ## Status

    Accepted                                   (omitted when superseded by a known ADR)

    Supersedes [1. Use MySQL](0001-use-mysql.md)

    Superseded by [4. Use SQLite](0004-use-sqlite.md)

    ## Context
    ## Decision
    ## Consequences
    ## Considered Options      (cto, a ``* option`` list; only when there are options)
    ## Deciders                (cto, a ``* name`` list; only when there are deciders)
    ## References              (cto, ``* Audit finding: <id>`` and ``* Risk: <n>`` lines)

The status section keeps adr-tools' shape: ``adr list``, ``adr generate graph`` and ``adr link``
read the first line as the title and each ``Verb [N. Title](NNNN-….md)`` line as a link. Read
back: adr-tools' own spelling (``Superceded by``, ``Supercedes``) too; other links (``Amends``…)
and unknown sections are not part of cto's record and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from cto.record.adr import Adr, AdrStatus, parse_status
from cto.record.adr_markdown import (
    Section,
    bullets,
    escape,
    file_name,
    read_bullets,
    read_link,
    sections_by_name,
    split_sections,
    unescape,
)
from cto.record.items import RecordError, build

_TITLE = re.compile(r"#[ \t]+(?P<number>[0-9]+)\.[ \t]*(?P<title>.*)")
_DATE = re.compile(r"date:[ \t]*(?P<date>.*)", re.IGNORECASE)
_FINDING = re.compile(r"audit finding:[ \t]*(?P<id>.*\S)", re.IGNORECASE)
_RISK = re.compile(r"risk:?[ \t]*#?(?P<number>[0-9]+)", re.IGNORECASE)
_SUPERSEDED_BY = ("superseded by", "superceded by")
_SUPERSEDES = ("supersedes", "supercedes")


def render(adr: Adr, titles: Mapping[int, str]) -> str:
    """The adr-tools file for ``adr``; ``titles`` names the ADRs it links to, by number."""
    status: list[str] = []
    if adr.superseded_by is None:
        status.append(adr.status.value.capitalize())
    status += [f"Supersedes {_link(number, titles)}" for number in adr.supersedes]
    if adr.superseded_by is not None:
        status.append(f"Superseded by {_link(adr.superseded_by, titles)}")
    parts = [
        f"# {adr.number}. {adr.title}",
        f"Date: {adr.date.isoformat()}",
        "## Status",
        *status,
        f"## Context\n\n{escape(adr.context)}",
        f"## Decision\n\n{escape(adr.decision)}",
        f"## Consequences\n\n{escape(adr.consequences)}",
    ]
    if adr.options:
        parts.append(f"## Considered Options\n\n{bullets(adr.options)}")
    if adr.deciders:
        parts.append(f"## Deciders\n\n{bullets(adr.deciders)}")
    references = [f"Audit finding: {finding}" for finding in adr.cites_findings]
    references += [f"Risk: {number}" for number in adr.cites_risks]
    if references:
        parts.append(f"## References\n\n{bullets(references)}")
    return "\n\n".join(part.rstrip("\n") for part in parts) + "\n"


def is_nygard(text: str) -> bool:
    """Whether ``text`` looks like an adr-tools file (``# N. Title`` and a status section)."""
    preamble, sections = split_sections(text.split("\n"))
    if any(line.strip() for line in preamble) or not sections:
        return False
    numbered = sections[0].level == 1 and _TITLE.fullmatch(f"# {sections[0].heading}")
    return bool(numbered) and any(section.name == "status" for section in sections)


def parse(text: str, number: int, where: str) -> Adr:
    """The ADR in adr-tools file ``where``, whose file name carries ``number``.

    Raises:
        RecordError: one line naming ``where`` and what is wrong.
    """
    preamble, sections = split_sections(text.split("\n"))
    first = sections[0] if sections else None
    title = _TITLE.fullmatch(f"# {first.heading}") if first and first.level == 1 else None
    if first is None or title is None or any(line.strip() for line in preamble):
        raise RecordError(f"{where}: the first line is not an adr-tools title ('# 1. Title')")
    if int(title.group("number")) != number:
        raise RecordError(
            f"{where}: the title says ADR {title.group('number')}, the file name {number}"
        )
    named = sections_by_name(sections, where)
    if "status" not in named:
        raise RecordError(f"{where}: no '## Status' section")
    data: dict[str, Any] = {
        "number": number,
        "title": title.group("title"),
        "date": _date(first.lines, where),
        "context": _prose(named, "context"),
        "decision": _prose(named, "decision"),
        "consequences": _prose(named, "consequences"),
        "options": read_bullets(_lines(named, "considered options", "options")),
        "deciders": read_bullets(_lines(named, "deciders", "decision makers")),
    }
    data.update(_status(named["status"], where))
    data.update(_references(_lines(named, "references")))
    try:
        return build(Adr, data)
    except RecordError as error:
        raise RecordError(f"{where}: {error}") from None


def _link(number: int, titles: Mapping[int, str]) -> str:
    title = titles.get(number, f"ADR {number}")
    return f"[{number}. {title}]({file_name(number, title)})"


def _date(lines: list[str], where: str) -> date:
    for line in lines:
        match = _DATE.fullmatch(line.strip())
        if match:
            try:
                return date.fromisoformat(match.group("date").strip())
            except ValueError:
                raise RecordError(
                    f"{where}: date '{match.group('date').strip()}' is not a date (use YYYY-MM-DD)"
                ) from None
    raise RecordError(f"{where}: no 'Date: YYYY-MM-DD' line under the title")


def _status(section: Section, where: str) -> dict[str, Any]:
    status: AdrStatus | None = None
    supersedes: list[int] = []
    superseded_by: list[int] = []
    for line in (line.strip() for line in section.lines):
        link = read_link(line) if line else None
        if link is not None:
            verb, target = link
            if target is None:
                continue
            if verb in _SUPERSEDES:
                supersedes.append(target)
            elif verb in _SUPERSEDED_BY:
                superseded_by.append(target)
        elif line:
            word = line.rstrip(".").lower()
            status = AdrStatus.SUPERSEDED if word == "superceded" else _word(word, where)
    if len(superseded_by) > 1:
        raise RecordError(f"{where}: superseded by more than one ADR")
    if superseded_by:
        status = AdrStatus.SUPERSEDED
    if status is None:
        raise RecordError(f"{where}: no status in the '## Status' section")
    return {
        "status": status,
        "supersedes": supersedes,
        "superseded_by": superseded_by[0] if superseded_by else None,
    }


def _word(word: str, where: str) -> AdrStatus:
    try:
        return parse_status(word)
    except RecordError as error:
        raise RecordError(f"{where}: {error}") from None


def _references(lines: list[str]) -> dict[str, list[Any]]:
    findings: list[str] = []
    risks: list[int] = []
    for item in read_bullets(lines):
        finding = _FINDING.fullmatch(item)
        risk = _RISK.fullmatch(item)
        if finding:
            findings.append(finding.group("id").strip())
        elif risk:
            risks.append(int(risk.group("number")))
    return {"cites_findings": findings, "cites_risks": risks}


def _lines(named: Mapping[str, Section], *names: str) -> list[str]:
    for name in names:
        if name in named:
            return named[name].lines
    return []


def _prose(named: Mapping[str, Section], name: str) -> str:
    return unescape(_lines(named, name))
