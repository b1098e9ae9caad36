"""Small helpers the analyses share: matching words in titles, and numbers as sentences say them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache


def mentions(text: str | None, words: Iterable[str]) -> list[str]:
    """The ``words`` (or phrases) that occur in ``text`` as whole words, case-insensitively."""
    if not text:
        return []
    return [word for word in words if _pattern(word.lower()).search(text.lower())]


@cache
def _pattern(word: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])" + re.escape(word) + r"(?![a-z0-9])")


def num(value: float) -> str:
    """``12`` for 12.0, ``12.5`` for 12.5, ``1,200`` for 1200: as a reader expects."""
    rounded = round(value, 1)
    return f"{int(rounded):,}" if float(rounded).is_integer() else f"{rounded:,}"


def listing(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def plural(count: int, one: str, many: str) -> str:
    """``1 initiative``, ``3 initiatives``."""
    return f"{count} {one if count == 1 else many}"
