"""Which paths are not the team's own work: vendored, third-party, generated, lockfiles, minified.

The rules are data (``exclusions.toml`` beside this module), each with the rationale a reviewer can
read. Excluded paths are left out of people and churn metrics and listed, with their reason, in the
report, so nothing disappears silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase, translate

from cto.errors import InputError
from cto.tomldata import packaged, text_tables

_GLOB_CHARACTERS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class ExclusionRule:
    """One rule.

    Attributes:
        pattern: ``name/`` (a directory at any depth), a glob on the file name (``*.min.js``), or
            an exact file name (``yarn.lock``).
        kind: what such files are ("vendored", "lockfile", "generated"...).
        rationale: why they are left out, for people reading the rules.
    """

    pattern: str
    kind: str
    rationale: str

    @property
    def reason(self) -> str:
        """How a match is shown: ``"<kind>: <pattern>"``."""
        return f"{self.kind}: {self.pattern}"

    def matches(self, directories: list[str], name: str) -> bool:
        """True when a path with these directory names and this file name matches."""
        if self.pattern.endswith("/"):
            return self.pattern[:-1] in directories
        if _GLOB_CHARACTERS.intersection(self.pattern):
            return fnmatchcase(name, self.pattern)
        return name == self.pattern


class ExclusionRules:
    """An ordered list of :class:`ExclusionRule`; the first match gives the reason."""

    def __init__(self, rules: tuple[ExclusionRule, ...]) -> None:
        self.rules = rules
        self._cache: dict[str, str | None] = {}
        # The rules indexed by kind of pattern, so a path costs two lookups and one regex.
        self._directories: dict[str, int] = {}
        self._names: dict[str, int] = {}
        globs: list[str] = []
        for index, rule in enumerate(rules):
            if rule.pattern.endswith("/"):
                self._directories.setdefault(rule.pattern[:-1], index)
            elif _GLOB_CHARACTERS.intersection(rule.pattern):
                globs.append(f"(?P<r{index}>{translate(rule.pattern)})")
            else:
                self._names.setdefault(rule.pattern, index)
        # Alternatives are tried in order: the first that matches is the earliest glob rule.
        self._globs = re.compile("|".join(globs)) if globs else None

    @classmethod
    def default(cls) -> ExclusionRules:
        """The rules shipped with cto (``cto/sources/exclusions.toml``)."""
        return cls.from_toml(packaged("cto.sources", "exclusions.toml"), source="exclusions.toml")

    @classmethod
    def from_toml(cls, text: str, *, source: str) -> ExclusionRules:
        """Rules from TOML ``[[rule]]`` tables; a malformed rule raises :class:`InputError`."""
        tables = text_tables(text, "rule", ("pattern", "kind", "rationale"), source=source)
        return cls(tuple(_rule(table, source, index) for index, table in enumerate(tables, 1)))

    def reason(self, path: str) -> str | None:
        """Why ``path`` (repository-relative, ``/``-separated) is excluded, or ``None`` if kept."""
        if path not in self._cache:
            *directories, name = path.split("/")
            found = [self._directories[d] for d in directories if d in self._directories]
            if name in self._names:
                found.append(self._names[name])
            glob = self._globs.match(name) if self._globs is not None else None
            if glob is not None and glob.lastgroup is not None:
                found.append(int(glob.lastgroup[1:]))
            self._cache[path] = self.rules[min(found)].reason if found else None
        return self._cache[path]


def _rule(table: dict[str, str], source: str, index: int) -> ExclusionRule:
    """Validate one ``[[rule]]`` table's pattern: one path segment."""
    pattern = table["pattern"]
    if "/" in pattern.rstrip("/") or pattern.endswith("//"):
        raise InputError(f"{source}: rule {index}: pattern {pattern!r} must be one path segment")
    return ExclusionRule(pattern, table["kind"], table["rationale"])
