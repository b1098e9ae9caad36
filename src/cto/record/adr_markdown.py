"""Markdown pieces both ADR file formats share: file names, sections, lists, links, escaping.

Escaping: a line of prose that starts with ``#`` would read as a heading and end its section, so
on the way out every prose line that starts with zero or more backslashes followed by ``#`` gets
one more backslash in front (``## Note`` → ``\\## Note``, ``\\# x`` → ``\\\\# x``); on the way in
one leading backslash is removed from such lines. Markdown shows ``\\#`` as ``#``, so the files
still read naturally, and the mapping is reversible. Nothing else needs escaping: sections are
only split at lines starting with ``#``; blank lines, trailing spaces, indentation and any other
Markdown inside prose are kept as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cto.record.items import RecordError

SLUG_LENGTH = 60
"""Longest title part of a file name, in characters."""

FILE_NAME = re.compile(r"(?P<number>[0-9]+)-[^/\\]*\.md")
"""What an ADR file is called: its number, a hyphen, anything, ``.md``."""

_ESCAPED = re.compile(r"\\*#")
_UNESCAPE = re.compile(r"\\+#")
_BOUNDARY = re.compile(r"(?P<marks>#{1,2})(?:[ \t]+(?P<text>.*?))?[ \t]*")
_BULLET = re.compile(r"[*+-][ \t]+(?P<item>.*\S.*)")
_LINK = re.compile(r"(?P<verb>[^\[\]]*?)[ \t]*\[(?P<text>.*)\]\((?P<target>[^()\s]*)\)[ \t]*")
_LEADING_NUMBER = re.compile(r"0*(?P<number>[0-9]+)")


def slug(title: str) -> str:
    """An ASCII file-name slug of ``title`` (``Use PostgreSQL 16!`` → ``use-postgresql-16``)."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return text[:SLUG_LENGTH].rstrip("-") or "decision"


def file_name(number: int, title: str) -> str:
    """``0007-use-postgresql.md``: the four-digit number and the title's slug."""
    return f"{number:04d}-{slug(title)}.md"


def escape(text: str) -> str:
    """Prose as written into a file: lines that would read as headings get a backslash."""
    return "\n".join("\\" + line if _ESCAPED.match(line) else line for line in text.split("\n"))


def unescape(lines: Iterable[str]) -> str:
    """Prose read from a file: the inverse of :func:`escape`."""
    return "\n".join(line[1:] if _UNESCAPE.match(line) else line for line in lines)


def bullets(items: Sequence[str]) -> str:
    """Items as a Markdown list (``* item`` lines)."""
    return "\n".join(f"* {item}" for item in items)


def read_bullets(lines: Iterable[str]) -> list[str]:
    """The items of the Markdown list lines among ``lines`` (other lines are ignored)."""
    found = (_BULLET.fullmatch(line) for line in lines)
    return [match.group("item").strip() for match in found if match]


@dataclass
class Section:
    """A level-1 or level-2 heading and the lines under it, up to the next such heading."""

    level: int
    heading: str
    lines: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The heading folded for comparison (``context and problem statement``)."""
        return " ".join(self.heading.lower().split())


def split_sections(lines: Iterable[str]) -> tuple[list[str], list[Section]]:
    """The lines before the first heading, and the level-1 and level-2 sections after it.

    Deeper headings (``###``) stay inside their section as ordinary lines.
    """
    preamble: list[str] = []
    sections: list[Section] = []
    for line in lines:
        match = _BOUNDARY.fullmatch(line)
        if match:
            sections.append(Section(len(match.group("marks")), match.group("text") or ""))
        elif sections:
            sections[-1].lines.append(line)
        else:
            preamble.append(line)
    return preamble, sections


def sections_by_name(sections: Iterable[Section], where: str) -> dict[str, Section]:
    """Level-2 sections by folded heading.

    Raises:
        RecordError: two sections with the same heading.
    """
    found: dict[str, Section] = {}
    for section in sections:
        if section.level != 2:
            continue
        if section.name in found:
            raise RecordError(f"{where}: two '## {section.heading}' sections")
        found[section.name] = section
    return found


def link_number(target: str, text: str) -> int | None:
    """The ADR number a link points at: from its file name, else from its text (``3. Title``)."""
    for candidate in (target.rsplit("/", 1)[-1], text):
        match = _LEADING_NUMBER.match(candidate)
        if match:
            return int(match.group("number"))
    return None


def read_link(line: str) -> tuple[str, int | None] | None:
    """``(verb, number)`` of a status link line such as ``Supersedes [1. X](0001-x.md)``."""
    match = _LINK.fullmatch(line.strip())
    if match is None:
        return None
    verb = " ".join(match.group("verb").lower().split())
    return verb, link_number(match.group("target"), match.group("text"))
