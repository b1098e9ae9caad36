"""What every manifest parser shares: the file being read, package URLs, names and line numbers.

A parser gets a :class:`ManifestText` and returns :class:`~cto.analyzers.dependency_interface.
Dependency` records. It raises :class:`ManifestError` (or lets a ``ValueError``/``KeyError``/
``TypeError`` escape) for a file it cannot read; the caller turns that into ``Manifest.error``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from packageurl import PackageURL

from cto.analyzers.dependency_interface import Dependency
from cto.errors import InputError

#: Largest manifest or lockfile read (real pnpm and npm lockfiles run to several MB).
MAX_MANIFEST_BYTES = 20_000_000

#: purl type of each OSV ecosystem.
PURL_TYPES: Mapping[str, str] = {
    "PyPI": "pypi", "npm": "npm", "Go": "golang", "crates.io": "cargo", "RubyGems": "gem",
    "Maven": "maven", "Packagist": "composer", "NuGet": "nuget",
}  # fmt: skip
RUNTIME, DEV, OPTIONAL = "runtime", "dev", "optional"
_PEP503 = re.compile(r"[-_.]+")


class ManifestError(InputError):
    """A manifest or lockfile that cannot be read; the message says why, in a few words."""


@dataclass
class ManifestText:
    """One file handed to a parser.

    Attributes:
        path: repository-relative path.
        text: its content.
        read: reads another file of the tree (for ``-r`` includes), ``None`` when unreadable.
        skipped: notes on entries the parser left out, and why (filled by the parser).
        kind: set by a parser that finds the file is a lockfile although its name says manifest
            (a compiled ``requirements.txt``).
        manager: set by a parser that finds which tool owns the file (a ``pyproject.toml``).
        knows_direct: set by a lockfile parser whose format says which packages are direct;
            otherwise the sibling manifest decides.
        knows_scope: set by a lockfile parser whose format says which packages are dev-only;
            otherwise a direct dependency takes the scope the sibling manifest gives it.
    """

    path: str
    text: str
    read: Callable[[str], str | None] = lambda _path: None
    skipped: list[str] = field(default_factory=list)
    kind: str | None = None
    manager: str | None = None
    knows_direct: bool = False
    knows_scope: bool = False
    _starts: list[int] | None = None

    def line_at(self, offset: int) -> int:
        """The 1-based line of character ``offset`` of the text."""
        if self._starts is None:
            self._starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        return bisect.bisect_right(self._starts, offset)

    def line_of(self, needle: str, start: int = 0) -> int | None:
        """The line of the first ``needle`` at or after ``start``, ``None`` when absent."""
        offset = self.text.find(needle, start)
        return None if offset < 0 else self.line_at(offset)

    def line_matching(self, pattern: str, after: str = "") -> int | None:
        """The line of the first match of the regular expression ``pattern`` (multiline),
        after the first ``after`` when given (a section header); ``None`` when absent."""
        start = self.text.find(after) if after else 0
        if start < 0:
            return None
        match = re.compile(pattern, re.MULTILINE).search(self.text, start)
        return None if match is None else self.line_at(match.start())


def pep503(name: str) -> str:
    """A PyPI name normalised per PEP 503: lower case, runs of ``-_.`` as one ``-``."""
    return _PEP503.sub("-", name).lower()


def purl(ecosystem: str, name: str, version: str | None) -> str:
    """The package URL of ``name`` at ``version`` (no version when it is ``None``)."""
    namespace: str | None = None
    if ecosystem in ("npm", "Packagist", "Go") and "/" in name:
        namespace, name = name.rsplit("/", 1)
    elif ecosystem == "Maven" and ":" in name:
        namespace, name = name.split(":", 1)
    return PackageURL(PURL_TYPES[ecosystem], namespace, name, version).to_string()


def dependency(
    ecosystem: str,
    name: str,
    version: str | None,
    requirement: str | None,
    *,
    direct: bool,
    scope: str,
    source: ManifestText,
    line: int | None = None,
    license: str | None = None,
) -> Dependency:
    """A :class:`Dependency` of ``source``, its purl built from the ecosystem, name and version."""
    return Dependency(
        ecosystem=ecosystem,
        name=name,
        version=version or None,
        requirement=requirement or None,
        purl=purl(ecosystem, name, version or None),
        direct=direct,
        scope=scope,
        source=source.path,
        line=line,
        license=license,
    )


def table(value: Any, what: str) -> dict[str, Any]:
    """``value`` when it is a table (dict), ``{}`` when absent; a :class:`ManifestError` else."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ManifestError(f"{what} is not a table")
    return value


def items(value: Any, what: str) -> list[Any]:
    """``value`` when it is a list, ``[]`` when absent; a :class:`ManifestError` else."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ManifestError(f"{what} is not a list")
    return value
