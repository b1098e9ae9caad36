"""Licenses: the project's own license, its dependencies' licenses, and the IP risks between them.

The project license is identified as the practices analyzer does it
(:func:`cto.analyzers.practice_checks.license.identify` on the root license files, file names in
a REUSE ``LICENSES/`` folder). Several license files are read as all applying (``AND``), so the
project counts as copyleft when any of them is. No license file means all rights reserved: the
product is proprietary. Dependency licenses are the ones manifests and lockfiles declare
(:attr:`Dependency.license`), classified by :mod:`cto.analyzers.license_classes`.

Copyleft obligations start when software is distributed (strong copyleft) or offered to users
over a network (network copyleft), so development-only dependencies never raise a finding; they
are still counted. Dependencies whose license is undeclared or unknown are "not assessed", with
counts and a table, never findings. The rules are data in ``cto/rules/licenses.toml``.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cto.analyzers.code_interface import CodeFacts
from cto.analyzers.dependency_interface import Dependency
from cto.analyzers.license_classes import LicenseClass, classify
from cto.analyzers.license_findings import RULE_IDS, findings
from cto.analyzers.practice_checks.license import identify, license_files
from cto.analyzers.practice_checks.tree import Tree
from cto.analyzers.results import jsonable
from cto.analyzers.rules import RuleSet
from cto.findings import Finding, NotAssessed

AREA = "licenses"

__all__ = [
    "AREA", "RULE_IDS", "DependencyLicense", "LicenseAnalysis", "ProjectLicense",
    "analyze_licenses", "project_license",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class ProjectLicense:
    """The audited project's own license.

    Attributes:
        files: license files found (root ``LICENSE*``/``COPYING*``, ``LICENSES/*``).
        expression: SPDX expression of the identified licenses, ``None`` when none was.
        license_class: its class; proprietary when there is no license file at all.
        unidentified: license files whose license could not be identified.
    """

    files: tuple[str, ...]
    expression: str | None
    license_class: LicenseClass
    unidentified: tuple[str, ...] = ()

    @property
    def open_source(self) -> bool:
        """True when the project is released under an identified open-source license."""
        return self.license_class.open_source


@dataclass(frozen=True, slots=True)
class DependencyLicense:
    """One dependency (package and version) with its declared license, classified.

    Attributes:
        ecosystem: OSV ecosystem.
        name: package name.
        version: exact version, ``None`` when only a range is declared.
        declared: the license string as declared ("" when none was).
        expression: normalised SPDX expression, ``None`` when it could not be parsed.
        license_class: what the license obliges.
        direct: True when the project declares it itself (in any of its records).
        scope: "runtime" when any record is runtime or optional, else "dev".
        source: the manifest or lockfile that declares it (the one declaring the license first).
        line: the line there, when known.
    """

    ecosystem: str
    name: str
    version: str | None
    declared: str
    expression: str | None
    license_class: LicenseClass
    direct: bool
    scope: str
    source: str
    line: int | None

    @property
    def shipped(self) -> bool:
        """True unless only development tooling uses it (then it is not distributed)."""
        return self.scope != "dev"


@dataclass(frozen=True)
class LicenseAnalysis:
    """The licenses of one repository and its dependencies.

    Attributes:
        project: the project's own license.
        dependencies: one entry per package and version, sorted by ecosystem and name.
        counts: dependencies per license class (every class, zeros included).
        findings: IP risks, most severe first.
        not_assessed: unknown licenses and other gaps, and why.
    """

    project: ProjectLicense
    dependencies: tuple[DependencyLicense, ...]
    counts: Mapping[str, int]
    findings: tuple[Finding, ...]
    not_assessed: tuple[NotAssessed, ...]

    @property
    def unknown(self) -> tuple[DependencyLicense, ...]:
        """Dependencies whose license is undeclared or could not be classified."""
        return tuple(d for d in self.dependencies if d.license_class is LicenseClass.UNKNOWN)

    def to_dict(self) -> dict[str, Any]:
        """The facts and findings as JSON-able data (lists, dicts, str, numbers)."""
        return {f.name: jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}


def analyze_licenses(
    code: CodeFacts, dependencies: Sequence[Dependency], rules: RuleSet | None = None
) -> LicenseAnalysis:
    """The project license, each dependency's license class, and the findings they give."""
    rules = rules or RuleSet.default()
    project = project_license(Tree(code))
    entries = dependency_licenses(dependencies)
    counts = {c.value: sum(1 for d in entries if d.license_class is c) for c in LicenseClass}
    found = findings(code.repository, project, entries, rules)
    return LicenseAnalysis(project, entries, counts, found, _not_assessed(project, entries))


def project_license(tree: Tree) -> ProjectLicense:
    """The project's license from its license files (proprietary when there are none)."""
    files = tuple(license_files(tree))
    if not files:
        return ProjectLicense((), None, LicenseClass.PROPRIETARY)
    ids: list[str] = []
    unidentified: list[str] = []
    for path in files:
        if path.startswith("LICENSES/"):
            found: str | None = posixpath.splitext(posixpath.basename(path))[0]
        else:
            found = identify(tree.read(path) or "")
        if found:
            ids.append(found)
        else:
            unidentified.append(path)
    if not ids:
        return ProjectLicense(files, None, LicenseClass.UNKNOWN, tuple(unidentified))
    unique = list(dict.fromkeys(ids))
    verdict = classify(" AND ".join(f"({i})" if " " in i else i for i in unique))
    return ProjectLicense(files, verdict.expression, verdict.license_class, tuple(unidentified))


def dependency_licenses(dependencies: Sequence[Dependency]) -> tuple[DependencyLicense, ...]:
    """One entry per (ecosystem, name, version); a range-only record folds into a locked one."""
    groups: dict[tuple[str, str, str | None], list[Dependency]] = {}
    for dep in dependencies:
        groups.setdefault((dep.ecosystem, dep.name, dep.version), []).append(dep)
    locked = {(e, n) for e, n, v in groups if v is not None}
    for key in [k for k in groups if k[2] is None and k[:2] in locked]:
        target = next(k for k in groups if k[:2] == key[:2] and k[2] is not None)
        groups[target] += groups.pop(key)
    entries = [_entry(records) for records in groups.values()]
    return tuple(sorted(entries, key=lambda d: (d.ecosystem, d.name, d.version or "")))


def _entry(records: Sequence[Dependency]) -> DependencyLicense:
    declaring = next((r for r in records if r.license and r.license.strip()), records[0])
    verdict = classify(declaring.license)
    first = records[0]
    return DependencyLicense(
        first.ecosystem, first.name, first.version,
        verdict.declared, verdict.expression, verdict.license_class,
        any(r.direct for r in records),
        "dev" if all(r.scope == "dev" for r in records) else "runtime",
        declaring.source, declaring.line,
    )  # fmt: skip


def _not_assessed(
    project: ProjectLicense, entries: Sequence[DependencyLicense]
) -> tuple[NotAssessed, ...]:
    gaps = []
    if project.unidentified and project.expression is None:
        files = ", ".join(project.unidentified)
        reason = f"{files}: license not identified; the product is treated as proprietary"
        gaps.append(NotAssessed(AREA, reason))
    if not entries:
        gaps.append(NotAssessed(AREA, "no dependencies found in manifests or lockfiles; "
                                      "dependency licenses not assessed"))  # fmt: skip
    unknown = [d for d in entries if d.license_class is LicenseClass.UNKNOWN]
    if unknown:
        undeclared = sum(1 for d in unknown if not d.declared)
        gaps.append(NotAssessed(AREA, (
            f"{len(unknown)} of {len(entries)} dependencies have no known license: "
            f"{undeclared} declare none in their manifest or lockfile, "
            f"{len(unknown) - undeclared} declare one cto cannot classify"
        )))  # fmt: skip
    return tuple(gaps)
