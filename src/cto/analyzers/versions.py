"""Version ordering per ecosystem, as OSV ranges need it, and package-name normalisation.

OSV compares ``ECOSYSTEM`` range events with the ecosystem's own ordering and ``SEMVER`` events
with Semantic Versioning 2.0. The orderings come from univers (the library behind purl version
ranges): PEP 440 for PyPI, SemVer for npm and crates.io, Go module versions (pseudo-versions
order as SemVer pre-releases of the next patch, so they need nothing special), Maven's
ComparableVersion, RubyGems, Composer and NuGet.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from univers.versions import Version

#: The ``type`` of an OSV range compared with SemVer whatever the ecosystem.
SEMVER: Final = "SEMVER"

#: Ecosystem (OSV name) → its version ordering, a class of ``univers.versions``. univers is
#: imported on the first comparison: it takes about 30 ms to import, and an audit whose
#: dependencies match no vulnerability record never compares a version.
ORDERINGS: Final[dict[str, str]] = {
    "PyPI": "PypiVersion",
    "npm": "SemverVersion",
    "crates.io": "SemverVersion",
    "Go": "GolangVersion",
    "RubyGems": "RubygemsVersion",
    "Maven": "MavenVersion",
    "Packagist": "ComposerVersion",
    "NuGet": "NugetVersion",
}
# Schemes where "+build" metadata never affects precedence (SemVer 2.0 §10).
_BUILD_IGNORED = frozenset({SEMVER, "npm", "crates.io", "Go", "NuGet"})
_PYPI_SEPARATORS = re.compile(r"[-_.]+")


class UnorderableVersionError(ValueError):
    """A version the scheme cannot parse, or a scheme cto has no ordering for."""


def scheme_for(ecosystem: str, range_type: str) -> str | None:
    """The ordering scheme of an OSV range: ``"SEMVER"``, an ecosystem name, or ``None``."""
    if range_type == SEMVER:
        return SEMVER
    if range_type == "ECOSYSTEM":
        base = ecosystem.split(":", 1)[0]
        return base if base in ORDERINGS else None
    return None  # GIT ranges name commits, not versions


def has_ordering(ecosystem: str) -> bool:
    """True when cto can order versions of ``ecosystem``."""
    return ecosystem.split(":", 1)[0] in ORDERINGS


@lru_cache(maxsize=200_000)
def parse_version(scheme: str, text: str) -> Version:
    """``text`` as a comparable version of ``scheme`` (see :func:`scheme_for`).

    Raises:
        UnorderableVersionError: the text is not a version of that scheme, or the scheme is unknown.
    """
    ordering = _ordering("SemverVersion" if scheme == SEMVER else ORDERINGS.get(scheme))
    if ordering is None:
        raise UnorderableVersionError(f"no version ordering for {scheme}")
    cleaned = text.strip()
    if scheme in _BUILD_IGNORED:
        cleaned = cleaned.split("+", 1)[0]
    if scheme in (SEMVER, "Go", "npm", "crates.io") and cleaned[:1] in ("v", "V"):
        cleaned = cleaned[1:]
    if scheme == "Packagist":
        cleaned = cleaned.lower()  # Composer's stability flags ignore case: RC1 == rc1
    if not cleaned:
        raise UnorderableVersionError(f"empty {scheme} version")
    from univers.versions import InvalidVersion  # imported by _ordering already

    try:
        return ordering(cleaned)
    except (InvalidVersion, ValueError, TypeError) as error:
        raise UnorderableVersionError(f"{text!r} is not a {scheme} version") from error


@cache
def _ordering(name: str | None) -> type[Version] | None:
    """The ``univers.versions`` class called ``name`` (``None`` for no name)."""
    if name is None:
        return None
    from univers import versions

    ordering: type[Version] = getattr(versions, name)
    return ordering


def normalise_name(ecosystem: str, name: str) -> str:
    """A package name as the ecosystem compares names.

    PyPI names are case-insensitive and treat runs of ``-``, ``_`` and ``.`` alike (PEP 503);
    NuGet and Packagist names are case-insensitive; the others compare exactly.
    """
    base = ecosystem.split(":", 1)[0]
    if base == "PyPI":
        return _PYPI_SEPARATORS.sub("-", name).lower()
    if base in ("NuGet", "Packagist"):
        return name.lower()
    return name
