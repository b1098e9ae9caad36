"""Turn a :class:`LicenseAnalysis` into the "Licenses" report area.

Nothing is measured here: every class and count comes from the analysis; this module words the
summary, picks the metrics and caps the tables of flagged and unknown dependencies.
"""

from __future__ import annotations

from cto.analyzers.license_classes import LicenseClass
from cto.analyzers.license_findings import flagged_dependencies
from cto.analyzers.licenses import AREA, DependencyLicense, LicenseAnalysis
from cto.analyzers.rules import RuleSet
from cto.findings import Rating, rate
from cto.reports.area_parts import capped, metric, plural
from cto.reports.model import Area, Cell, Table

FLAGGED_COLUMNS = ("package", "version", "ecosystem", "license", "class", "rule", "how",
                   "declared in")  # fmt: skip
UNKNOWN_COLUMNS = ("package", "version", "ecosystem", "declared license", "scope", "declared in")


def license_areas(analysis: LicenseAnalysis, rules: RuleSet | None = None) -> tuple[Area, ...]:
    """The "Licenses" area of one repository."""
    rules = rules or RuleSet.default()
    count = analysis.counts.get
    metrics = (
        metric(rules, "project_license", analysis.project.expression or "none"),
        metric(rules, "license_dependencies", len(analysis.dependencies)),
        metric(rules, "license_permissive", count(LicenseClass.PERMISSIVE.value, 0)),
        metric(rules, "license_weak_copyleft", count(LicenseClass.WEAK_COPYLEFT.value, 0)),
        metric(rules, "license_strong_copyleft", count(LicenseClass.STRONG_COPYLEFT.value, 0)),
        metric(rules, "license_network_copyleft", count(LicenseClass.NETWORK_COPYLEFT.value, 0)),
        metric(rules, "license_proprietary", count(LicenseClass.PROPRIETARY.value, 0)),
        metric(rules, "license_unknown", count(LicenseClass.UNKNOWN.value, 0)),
    )
    assessed = bool(analysis.dependencies) or bool(analysis.findings)
    rating = rate(analysis.findings) if assessed else Rating.NOT_ASSESSED
    area = Area(
        AREA, "Licenses", rating, summary(analysis), metrics, analysis.findings,
        analysis.not_assessed, (), _tables(analysis),
    )  # fmt: skip
    return (area,)


def summary(analysis: LicenseAnalysis) -> str:
    """Two sentences: the project's license, then what its dependencies' licenses mean."""
    project = analysis.project
    if not project.files:
        first = "The code has no license file, so it is proprietary (all rights reserved)."
    elif project.expression is None:
        first = "The project's license file could not be identified; it is treated as proprietary."
    else:
        first = f"The project is licensed {project.expression} ({project.license_class.value})."
    total = len(analysis.dependencies)
    if not total:
        return f"{first} No dependencies were found to check."
    copyleft = sum(
        analysis.counts.get(c.value, 0)
        for c in (LicenseClass.STRONG_COPYLEFT, LicenseClass.NETWORK_COPYLEFT)
    )
    unknown = analysis.counts.get(LicenseClass.UNKNOWN.value, 0)
    second = (
        f"Of {plural(total, 'dependency', 'dependencies')}, {copyleft:,} are under strong or "
        f"network copyleft and {unknown:,} have no known license."
    )
    return f"{first} {second}"


def _tables(analysis: LicenseAnalysis) -> tuple[Table, ...]:
    flagged = [
        (*_package(d), d.expression or d.declared, d.license_class.value, rule_id,
         "direct" if d.direct else "transitive", _where(d))
        for rule_id, deps in flagged_dependencies(analysis.project, analysis.dependencies).items()
        for d in deps
    ]  # fmt: skip
    unknown = [(*_package(d), d.declared or None, d.scope, _where(d)) for d in analysis.unknown]
    return (
        capped("license_flagged", "Dependencies with license obligations", FLAGGED_COLUMNS,
               flagged, "flagged dependencies"),
        capped("license_unknown", "Dependencies not assessed: license unknown", UNKNOWN_COLUMNS,
               unknown, "dependencies with no known license"),
    )  # fmt: skip


def _package(dep: DependencyLicense) -> tuple[Cell, Cell, Cell]:
    return dep.name, dep.version, dep.ecosystem


def _where(dep: DependencyLicense) -> str:
    return f"{dep.source}:{dep.line}" if dep.line else dep.source
