"""Dependencies of one repository: what it runs on, how reproducibly, and with which tools.

:func:`analyze_dependencies` reads the :class:`DependencyFacts` of ``cto.sources.manifests`` and
the rules in ``cto/rules/dependencies.toml``. A manifest counts as locked when a lockfile of its
ecosystem stands in its directory or above it (workspaces lock at the root). Maven resolves a
plain version the same way every time and has no lockfile to commit, so it is never "unlocked".
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cto.analyzers.dependency_interface import Dependency, DependencyFacts, Manifest
from cto.analyzers.results import jsonable
from cto.analyzers.rules import RuleSet
from cto.findings import Evidence, Finding, NotAssessed

AREA = "dependencies"
RULE_UNPINNED = "dependencies.unpinned"
RULE_NO_LOCKFILE = "dependencies.no-lockfile"
RULE_SEVERAL_MANAGERS = "dependencies.several-managers"
RULE_MIXED_MANAGERS = "dependencies.mixed-managers"
RULE_MAJOR_BEHIND = "dependencies.major-version-behind"
#: Every rule id of this area (checked against ``cto/rules/`` by the tests).
RULE_IDS = (
    RULE_UNPINNED, RULE_NO_LOCKFILE, RULE_SEVERAL_MANAGERS, RULE_MIXED_MANAGERS, RULE_MAJOR_BEHIND,
)  # fmt: skip
#: Ecosystems whose builds have no lockfile to commit.
NO_LOCKFILE = frozenset({"Maven"})
EVIDENCE_ITEMS = 10
_MAJOR = re.compile(r"^v?(\d+)")


@dataclass(frozen=True, slots=True)
class EcosystemSummary:
    """One ecosystem of the repository.

    Attributes:
        ecosystem: OSV ecosystem name.
        manifests: manifest files read (or found unreadable).
        lockfiles: lockfiles found.
        managers: tools owning those lockfiles, sorted.
        direct: distinct packages the project declares itself.
        transitive: distinct packages only a lockfile brings.
        unlocked: manifests with dependencies and no lockfile in or above their directory.
    """

    ecosystem: str
    manifests: int
    lockfiles: int
    managers: tuple[str, ...]
    direct: int
    transitive: int
    unlocked: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DirectDependency:
    """A package the project declares, with the version a lockfile (or the pin) gives it."""

    ecosystem: str
    name: str
    requirement: str | None
    version: str | None
    scope: str
    source: str
    line: int | None


@dataclass(frozen=True)
class DependencyAnalysis:
    """Results of the dependency analyzer for one repository.

    Attributes:
        ecosystems: one summary per ecosystem, largest first.
        manifests: every manifest and lockfile found, with its read error if any.
        direct: every declared dependency, by ecosystem and name.
        lockfile_coverage: % of manifests with dependencies that a lockfile covers (``None``
            when no manifest needs one).
        findings: every finding, most severe first.
        not_assessed: what could not be read or assessed, and why.
    """

    ecosystems: tuple[EcosystemSummary, ...]
    manifests: tuple[Manifest, ...]
    direct: tuple[DirectDependency, ...]
    lockfile_coverage: float | None
    findings: tuple[Finding, ...]
    not_assessed: tuple[NotAssessed, ...]

    def to_dict(self) -> dict[str, Any]:
        """The facts, metrics and findings as JSON-able data (lists, dicts, str, numbers)."""
        return {f.name: jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}


def analyze_dependencies(
    facts: DependencyFacts, rules: RuleSet | None = None, repository: str = ""
) -> DependencyAnalysis:
    """Summaries, declared dependencies and findings of ``facts``."""
    rules = rules or RuleSet.default()
    unlocked = _unlocked(facts.manifests)
    ecosystems = tuple(
        sorted(
            (_summary(e, facts, unlocked) for e in {m.ecosystem for m in facts.manifests}),
            key=lambda s: (-(s.direct + s.transitive), s.ecosystem),
        )
    )
    needing = [m for m in facts.manifests if _needs_lock(m)]
    coverage = 100.0 * (len(needing) - len(unlocked)) / len(needing) if needing else None
    found = [
        *_unpinned(facts, unlocked, rules, repository),
        *_no_lockfile(facts.manifests, unlocked, rules, repository),
        *_managers(facts.manifests, rules, repository),
        *_major_behind(facts, rules, repository),
    ]
    not_assessed = [
        *facts.not_assessed,
        *(NotAssessed(AREA, f"{m.path}: {m.error}") for m in facts.manifests if m.error),
    ]
    if not facts.manifests:
        not_assessed.insert(0, NotAssessed(AREA, "no manifest or lockfile of a known ecosystem"))
    return DependencyAnalysis(
        ecosystems, facts.manifests, _direct(facts), coverage,
        tuple(sorted(found, key=lambda f: (-f.severity.rank, f.rule, f.title))),
        tuple(not_assessed),
    )  # fmt: skip


def _needs_lock(manifest: Manifest) -> bool:
    return (
        manifest.kind == "manifest"
        and manifest.dependencies > 0
        and manifest.ecosystem not in NO_LOCKFILE
    )


def _unlocked(manifests: Sequence[Manifest]) -> set[str]:
    """Paths of manifests needing a lockfile with none in their directory or above it."""
    locked = {(posixpath.dirname(m.path), m.ecosystem) for m in manifests if m.kind == "lockfile"}
    return {
        m.path
        for m in manifests
        if _needs_lock(m)
        and not any((d, m.ecosystem) in locked for d in _ancestors(posixpath.dirname(m.path)))
    }


def _ancestors(directory: str) -> list[str]:
    parts = directory.split("/") if directory else []
    return ["/".join(parts[:i]) for i in range(len(parts), -1, -1)]


def _summary(ecosystem: str, facts: DependencyFacts, unlocked: set[str]) -> EcosystemSummary:
    manifests = [m for m in facts.manifests if m.ecosystem == ecosystem]
    records = [d for d in facts.dependencies if d.ecosystem == ecosystem]
    direct = {d.name for d in records if d.direct}
    lockfiles = [m for m in manifests if m.kind == "lockfile"]
    return EcosystemSummary(
        ecosystem, len(manifests) - len(lockfiles), len(lockfiles),
        tuple(sorted({m.manager for m in lockfiles})), len(direct),
        len({d.name for d in records} - direct),
        tuple(sorted(m.path for m in manifests if m.path in unlocked)),
    )  # fmt: skip


def _direct(facts: DependencyFacts) -> tuple[DirectDependency, ...]:
    """Declared dependencies, one per manifest and name, with the version a lockfile gives; a
    lockfile's direct packages stand in where no manifest of the ecosystem declares them."""
    lockfiles = {m.path for m in facts.manifests if m.kind == "lockfile"}
    locked: dict[tuple[str, str], str] = {}
    declared: set[tuple[str, str]] = set()
    for d in facts.dependencies:
        if d.direct and d.source in lockfiles and d.version:
            locked.setdefault((d.ecosystem, d.name), d.version)
        elif d.direct and d.source not in lockfiles:
            declared.add((d.ecosystem, d.name))
    rows: dict[tuple[str, str, str], DirectDependency] = {}
    for d in facts.dependencies:
        key = (d.ecosystem, d.name)
        if not d.direct or (d.source in lockfiles and key in declared):
            continue
        version = d.version or locked.get(key)
        row = DirectDependency(*key, d.requirement, version, d.scope, d.source, d.line)
        rows.setdefault((*key, d.source), row)
    return tuple(sorted(rows.values(), key=lambda r: (r.ecosystem, r.name.lower(), r.source)))


def _where(d: Dependency) -> str:
    line = f", line {d.line}" if d.line else ""
    return f"{d.name} {d.requirement or 'any version'} ({d.source}{line})"


def _unpinned(
    facts: DependencyFacts, unlocked: set[str], rules: RuleSet, repository: str
) -> list[Finding]:
    """Production dependencies a manifest with no lockfile leaves free to float."""
    rule = rules.get(RULE_UNPINNED)
    floating: dict[str, list[Dependency]] = defaultdict(list)
    lockless = {m.path for m in facts.manifests if m.ecosystem in NO_LOCKFILE}
    for d in facts.dependencies:
        free = d.version is None and (d.requirement is not None or d.ecosystem not in NO_LOCKFILE)
        if free and d.direct and d.scope == "runtime" and d.source in unlocked | lockless:
            floating[d.ecosystem].append(d)
    found = []
    for ecosystem, deps in sorted(floating.items()):
        severity = rule.severity_for(len(deps))
        if severity is None:
            continue
        values = {"count": len(deps), "ecosystem": ecosystem, "examples": _names(deps)}
        evidence = [Evidence("unpinned production dependencies", str(len(deps)))]
        evidence += [
            Evidence("dependency", _where(d), path=d.source) for d in deps[:EVIDENCE_ITEMS]
        ]
        found.append(rule.finding(severity, repository, ecosystem, values, evidence))
    return found


def _names(deps: Sequence[Dependency]) -> str:
    names = list(dict.fromkeys(d.name for d in deps))
    more = f" and {len(names) - 3:,} more" if len(names) > 3 else ""
    return ", ".join(names[:3]) + more


def _no_lockfile(
    manifests: Sequence[Manifest], unlocked: set[str], rules: RuleSet, repository: str
) -> list[Finding]:
    """Ecosystems with manifests that no lockfile covers."""
    rule = rules.get(RULE_NO_LOCKFILE)
    by_ecosystem: dict[str, list[Manifest]] = defaultdict(list)
    for m in manifests:
        if m.path in unlocked:
            by_ecosystem[m.ecosystem].append(m)
    found = []
    for ecosystem, items in sorted(by_ecosystem.items()):
        severity = rule.severity_for(len(items))
        if severity is None:
            continue
        values = {"count": len(items), "ecosystem": ecosystem, "paths": _paths(items)}
        evidence = [
            Evidence("manifest without lockfile", f"{m.dependencies:,} dependencies", path=m.path)
            for m in items[:EVIDENCE_ITEMS]
        ]
        found.append(rule.finding(severity, repository, ecosystem, values, evidence))
    return found


def _paths(manifests: Sequence[Manifest]) -> str:
    more = f" and {len(manifests) - 3:,} more" if len(manifests) > 3 else ""
    return ", ".join(m.path for m in manifests[:3]) + more


def _managers(manifests: Sequence[Manifest], rules: RuleSet, repository: str) -> list[Finding]:
    """Lockfiles of different tools for one ecosystem: in one directory, or across the tree."""
    lockfiles: dict[str, dict[str, list[Manifest]]] = defaultdict(lambda: defaultdict(list))
    for m in manifests:
        if m.kind == "lockfile":
            lockfiles[m.ecosystem][posixpath.dirname(m.path)].append(m)
    found = []
    for ecosystem, directories in sorted(lockfiles.items()):
        same_dir = [files for files in directories.values() if len({m.manager for m in files}) > 1]
        everywhere = [m for files in directories.values() for m in files]
        rule_id, group = (RULE_SEVERAL_MANAGERS, same_dir[0]) if same_dir else (
            RULE_MIXED_MANAGERS, everywhere)  # fmt: skip
        rule = rules.get(rule_id)
        tools = sorted({m.manager for m in group})
        severity = rule.severity_for(len(tools))
        if severity is None:
            continue
        values = {"ecosystem": ecosystem, "managers": " and ".join(tools), "count": len(tools)}
        evidence = [Evidence(f"{m.manager} lockfile", m.path, path=m.path) for m in group]
        found.append(rule.finding(severity, repository, ecosystem, values, evidence[:10]))
    return found


def _major_behind(facts: DependencyFacts, rules: RuleSet, repository: str) -> list[Finding]:
    """Direct dependencies locked a major version behind what another lockfile of the same
    repository already uses for the same package."""
    rule = rules.get(RULE_MAJOR_BEHIND)
    lockfiles = {m.path for m in facts.manifests if m.kind == "lockfile"}
    majors: dict[tuple[str, str], dict[str, tuple[int, str]]] = defaultdict(dict)
    for d in facts.dependencies:
        match = _MAJOR.match(d.version or "")
        if d.direct and match and d.source in lockfiles:
            seen = majors[(d.ecosystem, d.name)].get(d.source)
            if seen is None or int(match.group(1)) > seen[0]:
                majors[(d.ecosystem, d.name)][d.source] = (int(match.group(1)), d.version or "")
    behind: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (ecosystem, name), by_file in sorted(majors.items()):
        newest_file, (newest, newest_version) = max(by_file.items(), key=lambda i: i[1][0])
        for path, (major, version) in sorted(by_file.items()):
            if major < newest:
                text = f"{name} {version} in {path}; {newest_version} in {newest_file}"
                behind[ecosystem].append((newest - major, text))
    found = []
    for ecosystem, gaps in sorted(behind.items()):
        worst = max(g for g, _ in gaps)
        severity = rule.severity_for(worst)
        if severity is None:
            continue
        values = {"ecosystem": ecosystem, "count": len(gaps), "majors": worst}
        evidence = [Evidence("major versions apart", text) for _, text in gaps[:EVIDENCE_ITEMS]]
        found.append(rule.finding(severity, repository, ecosystem, values, evidence))
    return found
