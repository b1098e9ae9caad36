"""License classes and SPDX expressions: what obligations a declared license string brings.

A declared string is normalised (unambiguous non-SPDX names such as "Apache 2.0" mapped through
the aliases in ``license_classes.toml``; Cargo's old ``MIT/Apache-2.0`` read as ``OR``), parsed
as an SPDX expression with ``license-expression``, and evaluated:

- ``A OR B``: the licensee chooses, so the least restrictive *known* option counts
  ("MIT OR GPL-3.0" can be used permissively);
- ``A AND B``: both apply, so the most restrictive counts; an unknown part makes the whole
  unknown unless a known part is already strong or network copyleft (that obligation stands);
- ``A WITH exception``: a linking exception (Classpath, GCC runtime…) turns strong copyleft
  into weak copyleft; other exceptions change nothing.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from license_expression import (  # type: ignore[import-untyped]
    ExpressionError,
    LicenseSymbol,
    LicenseWithExceptionSymbol,
    Licensing,
    get_spdx_licensing,
)

_SUFFIX = re.compile(r"(-only|-or-later|\+)$", re.IGNORECASE)
_SLASH = re.compile(r"\s*/\s*")


class LicenseClass(StrEnum):
    """What a license obliges its user to do, from least to most restrictive."""

    PERMISSIVE = "permissive"
    WEAK_COPYLEFT = "weak-copyleft"
    STRONG_COPYLEFT = "strong-copyleft"
    NETWORK_COPYLEFT = "network-copyleft"
    PROPRIETARY = "proprietary"
    UNKNOWN = "unknown"

    @property
    def rank(self) -> int:
        """Higher is more restrictive: permissive 0 … proprietary 4; unknown -1."""
        return _RANK[self]

    @property
    def open_source(self) -> bool:
        """True for the four open-source classes."""
        return 0 <= self.rank <= _RANK[LicenseClass.NETWORK_COPYLEFT]


_RANK = {c: i for i, c in enumerate(list(LicenseClass)[:-1])} | {LicenseClass.UNKNOWN: -1}


@dataclass(frozen=True, slots=True)
class LicenseVerdict:
    """A declared license string, understood.

    Attributes:
        declared: the string as declared ("" when none was).
        expression: its normalised SPDX expression, ``None`` when it could not be parsed.
        license_class: the class the expression evaluates to.
    """

    declared: str
    expression: str | None
    license_class: LicenseClass


@cache
def _data() -> Mapping[str, Any]:
    text = resources.files("cto.analyzers").joinpath("license_classes.toml").read_text("utf-8")
    return tomllib.loads(text)


@cache
def _classes() -> Mapping[str, LicenseClass]:
    return {
        spdx.lower(): LicenseClass(name) for name, ids in _data()["classes"].items() for spdx in ids
    }


@cache
def _licensing() -> Licensing:
    return get_spdx_licensing()


def _alias(text: str) -> str | None:
    return _data()["aliases"].get(" ".join(text.lower().split()))  # type: ignore[no-any-return]


def classify(declared: str | None) -> LicenseVerdict:
    """The class of a declared license string (``None`` or blank: unknown)."""
    text = " ".join((declared or "").split())
    if not text:
        return LicenseVerdict("", None, LicenseClass.UNKNOWN)
    normalised = _alias(text) or _SLASH.sub(" OR ", text)
    try:
        parsed = _licensing().parse(normalised, validate=False)
    except ExpressionError:
        return LicenseVerdict(text, None, LicenseClass.UNKNOWN)
    if parsed is None:
        return LicenseVerdict(text, None, LicenseClass.UNKNOWN)
    return LicenseVerdict(text, str(parsed), evaluate(parsed))


def evaluate(node: Any) -> LicenseClass:
    """The class of a parsed expression (see the module docstring for OR, AND and WITH)."""
    licensing = _licensing()
    if isinstance(node, LicenseWithExceptionSymbol):
        base = symbol_class(node.license_symbol.key)
        linking = {e.lower() for e in _data()["exceptions"]["linking"]}
        if base is LicenseClass.STRONG_COPYLEFT and node.exception_symbol.key.lower() in linking:
            return LicenseClass.WEAK_COPYLEFT
        return base
    if isinstance(node, LicenseSymbol):
        return symbol_class(node.key)
    parts = [evaluate(arg) for arg in node.args]
    known = [p for p in parts if p is not LicenseClass.UNKNOWN]
    if not known:
        return LicenseClass.UNKNOWN
    if isinstance(node, licensing.OR):
        return min(known, key=lambda c: c.rank)
    worst = max(known, key=lambda c: c.rank)
    if len(known) < len(parts) and worst.rank < LicenseClass.STRONG_COPYLEFT.rank:
        return LicenseClass.UNKNOWN
    return worst


def symbol_class(key: str) -> LicenseClass:
    """The class of one license id (``GPL-3.0-or-later`` is classed as ``GPL-3.0``)."""
    classes = _classes()
    found = classes.get(key.lower()) or classes.get(_SUFFIX.sub("", key).lower())
    if found is not None:
        return found
    alias = _alias(key)
    if alias is not None and alias.lower() != key.lower():
        return symbol_class(alias)
    return LicenseClass.UNKNOWN
