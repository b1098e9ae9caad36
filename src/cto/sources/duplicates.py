"""Duplicated blocks: runs of significant lines that stand, the same, in two places.

A line is significant when, stripped of surrounding whitespace, it is not blank, holds a letter
or digit (``}``, ``});`` and ``end`` of punctuation alone are not), and does not look like a
comment or an import (``#``, ``//``, ``/*``, ``*``, ``--``, ``import``, ``from``, ``using``,
``package``, ``use``, ``require``): licence headers and import lists repeat in every file and are
not what a reader means by copy-paste.

Each significant line gets a fingerprint (CRC-32 and Adler-32 of its text, 64 bits). A window of
``min_lines`` consecutive fingerprints is looked up in one dictionary of every window seen so far;
a hit is extended forward as far as both places agree and reported once, as a maximal run paired
with the first place that block appeared. A block copied into ``k`` places gives ``k - 1`` pairs,
never ``k²``, and the windows inside a reported run are not reported again. Memory is one
dictionary entry per window (about 100 bytes per significant line), time linear in lines.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from cto.analyzers.code_interface import DuplicateBlock

MIN_LINES = 6
_WORD = re.compile(r"\w")
_IGNORED_PREFIXES = (
    "#", "//", "/*", "*", "--", "<!--",
    "import ", "from ", "using ", "package ", "use ", "require ", "require(",
)  # fmt: skip


class LineFingerprints(NamedTuple):
    """A file's significant lines: their original line numbers and their fingerprints."""

    path: str
    lines: tuple[int, ...]
    hashes: tuple[int, ...]


def fingerprints(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Line numbers (from 1) and fingerprints of the significant lines of ``text``."""
    numbers: list[int] = []
    hashes: list[int] = []
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line or line.startswith(_IGNORED_PREFIXES) or not _WORD.search(line):
            continue
        data = line.encode("utf-8", "surrogateescape")
        numbers.append(number)
        hashes.append(zlib.crc32(data) << 32 | zlib.adler32(data))
    return tuple(numbers), tuple(hashes)


def find_duplicates(
    files: Sequence[LineFingerprints], min_lines: int = MIN_LINES
) -> list[DuplicateBlock]:
    """Maximal runs of at least ``min_lines`` significant lines found in two places."""
    index: dict[int, int] = {}  # window → file index << 32 | position of its first appearance
    remember = index.setdefault
    blocks: list[DuplicateBlock] = []
    for number, current in enumerate(files):
        hashes = current.hashes
        resume = 0  # windows before this lie inside a run already reported
        base = number << 32
        for start, window in enumerate(_windows(hashes, min_lines)):
            here = base | start
            first = remember(hash(window), here)
            if first == here or start < resume:
                continue
            other = files[first >> 32]
            length = _run(other, first & 0xFFFFFFFF, current, start, min_lines)
            if length:
                position = first & 0xFFFFFFFF
                blocks.append(
                    DuplicateBlock(
                        other.path,
                        other.lines[position],
                        current.path,
                        current.lines[start],
                        length,
                    )
                )
                resume = start + length - min_lines + 1
    return blocks


def _windows(hashes: tuple[int, ...], size: int) -> Iterable[tuple[int, ...]]:
    """Each ``size`` consecutive hashes, in order (zipped shifted copies: no slice per window)."""
    if size < 1:
        return (hashes[start : start + size] for start in range(len(hashes) - size + 1))
    return zip(*(hashes[offset:] for offset in range(size)), strict=False)


def _run(
    first: LineFingerprints, position: int, current: LineFingerprints, start: int, minimum: int
) -> int:
    """How far two places agree from their starts (0 when under ``minimum`` or a hash clash).

    A run never overlaps itself: in the same file it stops where the second place begins.
    """
    a, b = first.hashes, current.hashes
    limit = min(len(a) - position, len(b) - start)
    if first is current:
        limit = min(limit, start - position)
    length = 0
    while length < limit and a[position + length] == b[start + length]:
        length += 1
    return length if length >= minimum else 0
