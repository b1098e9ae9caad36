"""The detection data of the tests-and-delivery analyzers, and the path globs it is written in.

Conventions (test file names, frameworks, CI systems, deployment files) live in
``delivery_detection.toml`` so that supporting one more of them is a data change.

A tree holds thousands of paths and the data dozens of glob sets, so paths are matched against
one compiled regex per question rather than one call per glob set: :func:`first_match` finds
which of several ordered sets a path matches first, :func:`select` keeps the paths one set of
globs matches.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any

from cto.globs import glob_regex


@cache
def detection() -> Mapping[str, Any]:
    """The parsed ``delivery_detection.toml``."""
    text = resources.files("cto.analyzers").joinpath("delivery_detection.toml").read_text("utf-8")
    return tomllib.loads(text)


def matches(path: str, globs: Iterable[str]) -> bool:
    """True when ``path`` matches one of ``globs``."""
    return any_of(tuple(globs)).match(path) is not None


def select(paths: Iterable[str], globs: Iterable[str]) -> list[str]:
    """The paths matching one of ``globs``, in their order."""
    match = any_of(tuple(globs)).match
    return [path for path in paths if match(path) is not None]


def first_match(path: str, sets: tuple[tuple[str, ...], ...]) -> int | None:
    """Index of the first glob set ``path`` matches (what trying :func:`matches` on each set in
    order finds), ``None`` when it matches none."""
    union, classifier = _classifier(sets)
    if union.match(path) is None:  # most paths match no set: one regex says so
        return None
    found = classifier.match(path)
    return None if found is None or found.lastgroup is None else int(found.lastgroup[1:])


def glob_sets(entries: Sequence[Mapping[str, Any]], key: str) -> tuple[tuple[str, ...], ...]:
    """The ``key`` globs of each entry (none when it has no ``key``), for :func:`first_match`."""
    return tuple(tuple(entry.get(key, ())) for entry in entries)


@cache
def any_of(globs: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a set of globs: a path is tested once, not once per glob."""
    return re.compile(_alternatives(globs))


@cache
def _classifier(sets: tuple[tuple[str, ...], ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    # Alternation tries its branches in order and every branch ends with \Z, so the group that
    # matches is the first set matching the whole path. Glob regexes have no capturing groups.
    groups = (f"(?P<g{i}>{_alternatives(g)})" for i, g in enumerate(sets))
    return any_of(tuple(g for globs in sets for g in globs)), re.compile("|".join(groups))


def _alternatives(globs: tuple[str, ...]) -> str:
    """A regex for a set of globs, ``(?!)`` for none. The globs starting with ``**/`` share one
    ``(?:.*/)?`` (the same paths match): a path's folders are walked once, not once per glob."""
    if not globs:
        return "(?!)"
    nested = [glob_regex(g.removeprefix("**/")).pattern for g in globs if g.startswith("**/")]
    parts = [glob_regex(g).pattern for g in globs if not g.startswith("**/")]
    if nested:
        parts.insert(0, "(?:.*/)?(?:" + "|".join(nested) + ")")
    return "|".join(f"(?:{part})" for part in parts)


@cache
def compiled(pattern: str, flags: int = re.IGNORECASE | re.MULTILINE) -> re.Pattern[str]:
    """A detection regex, compiled once."""
    return re.compile(pattern, flags)
