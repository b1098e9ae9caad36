"""The detection data of the tests-and-delivery analyzers, and the path globs it is written in.

Conventions (test file names, frameworks, CI systems, deployment files) live in
``delivery_detection.toml`` so that supporting one more of them is a data change.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
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


@cache
def any_of(globs: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a set of globs: a path is tested once, not once per glob."""
    if not globs:
        return re.compile(r"(?!)")
    return re.compile("|".join(f"(?:{glob_regex(g).pattern})" for g in globs))


@cache
def compiled(pattern: str, flags: int = re.IGNORECASE | re.MULTILINE) -> re.Pattern[str]:
    """A detection regex, compiled once."""
    return re.compile(pattern, flags)
