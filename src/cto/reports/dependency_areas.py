"""Turn a :class:`DependencyAnalysis` into the "Dependencies" report area.

Nothing is measured here: every number comes from the analysis; this module words the summary,
picks the headline metrics and caps long tables (saying what was cut).
"""

from __future__ import annotations

from cto.analyzers.dependencies import AREA, DependencyAnalysis
from cto.analyzers.rules import RuleSet
from cto.findings import Rating, rate
from cto.reports.area_parts import CHART_BARS, capped, join_words, metric, plural
from cto.reports.model import Area, Chart, Table

ECOSYSTEM_COLUMNS = (
    "ecosystem", "manifests", "lockfiles", "lockfile tools", "direct", "transitive", "unlocked",
)  # fmt: skip
MANIFEST_COLUMNS = ("path", "ecosystem", "manager", "kind", "dependencies", "error")
DIRECT_COLUMNS = ("ecosystem", "package", "requirement", "version", "scope", "declared in")


def dependency_areas(
    analysis: DependencyAnalysis, rules: RuleSet | None = None
) -> tuple[Area, ...]:
    """The "Dependencies" area of one repository."""
    rules = rules or RuleSet.default()
    ecosystems = analysis.ecosystems
    coverage = analysis.lockfile_coverage
    metrics = (
        metric(rules, "direct_dependencies", sum(e.direct for e in ecosystems)),
        metric(rules, "transitive_dependencies", sum(e.transitive for e in ecosystems)),
        metric(rules, "dependency_ecosystems", ", ".join(e.ecosystem for e in ecosystems) or None),
        metric(rules, "lockfile_coverage", None if coverage is None else round(coverage, 1)),
        metric(rules, "manifest_files", len(analysis.manifests)),
    )
    readable = any(m.error is None for m in analysis.manifests)
    rating = rate(analysis.findings) if readable else Rating.NOT_ASSESSED
    area = Area(
        AREA, "Dependencies", rating, summary(analysis), metrics, analysis.findings,
        analysis.not_assessed, _charts(analysis), _tables(analysis),
    )  # fmt: skip
    return (area,)


def summary(analysis: DependencyAnalysis) -> str:
    """Two or three sentences: what the product depends on, and how reproducibly."""
    if not analysis.manifests:
        return "No manifest or lockfile of a known package ecosystem was found."
    ecosystems = analysis.ecosystems
    direct = sum(e.direct for e in ecosystems)
    transitive = sum(e.transitive for e in ecosystems)
    names = join_words([e.ecosystem for e in ecosystems])
    first = (
        f"The product declares {plural(direct, 'dependency', 'dependencies')} ({names}), which "
        f"bring {plural(transitive, 'more package', 'more packages')} that lockfiles record."
    )
    unlocked = [path for e in ecosystems for path in e.unlocked]
    if analysis.lockfile_coverage is None:
        second = "No manifest needs a lockfile."
    elif not unlocked:
        second = "Every manifest with dependencies is covered by a lockfile."
    else:
        second = (
            f"{plural(len(unlocked), 'manifest has', 'manifests have')} no lockfile, so the "
            "versions that ship are decided at install time."
        )
    broken = [m for m in analysis.manifests if m.error]
    third = f" {plural(len(broken), 'file', 'files')} could not be read." if broken else ""
    return f"{first} {second}{third}"


def _charts(analysis: DependencyAnalysis) -> tuple[Chart, ...]:
    ecosystems = [e for e in analysis.ecosystems if e.direct + e.transitive][:CHART_BARS]
    if not ecosystems:
        return ()
    chart = Chart(
        "dependencies_by_ecosystem", "Dependencies per ecosystem", "bars",
        tuple(e.ecosystem for e in ecosystems),
        tuple(float(e.direct + e.transitive) for e in ecosystems),
        "packages", "Distinct packages per ecosystem, direct and transitive together.",
    )  # fmt: skip
    return (chart,)


def _tables(analysis: DependencyAnalysis) -> tuple[Table, ...]:
    ecosystem_rows = [
        (e.ecosystem, e.manifests, e.lockfiles, ", ".join(e.managers) or None, e.direct,
         e.transitive, len(e.unlocked))
        for e in analysis.ecosystems
    ]  # fmt: skip
    manifest_rows = [
        (m.path, m.ecosystem, m.manager, m.kind, m.dependencies, m.error)
        for m in analysis.manifests
    ]
    direct_rows = [
        (d.ecosystem, d.name, d.requirement, d.version, d.scope,
         f"{d.source}:{d.line}" if d.line else d.source)
        for d in analysis.direct
    ]  # fmt: skip
    return (
        capped("ecosystems", "Ecosystems", ECOSYSTEM_COLUMNS, ecosystem_rows, "ecosystems"),
        capped("manifests", "Manifests and lockfiles", MANIFEST_COLUMNS, manifest_rows, "files"),
        capped("direct_dependencies", "Direct dependencies", DIRECT_COLUMNS, direct_rows,
               "direct dependencies, by ecosystem and name"),
    )  # fmt: skip
