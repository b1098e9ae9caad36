"""Known vulnerabilities of the audited dependencies, from the workspace's OSV database.

:func:`analyze_vulnerabilities` matches every pinned or locked dependency (see
:mod:`cto.analyzers.vulnerability_matching`), groups the flaws by package version so that one
finding lists every advisory of one package, and says what could not be assessed: no database,
dependencies without an exact version, versions that could not be compared. A stale database is
a finding of its own, since a clean result from it means less.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cto.analyzers.dependency_interface import Dependency
from cto.analyzers.results import jsonable
from cto.analyzers.rules import RuleSet
from cto.analyzers.vulnerability_findings import (
    RULE_KNOWN,
    RULE_STALE,
    VulnerablePackage,
    package_finding,
    stale_finding,
    vulnerable_packages,
)
from cto.analyzers.vulnerability_matching import Unorderable, VulnerableDependency, match, match_all
from cto.findings import Finding, NotAssessed
from cto.sources.osv import OsvRecord, VulnDbStatus

__all__ = [
    "RULE_IDS",
    "VulnerabilityAnalysis",
    "VulnerableDependency",
    "VulnerablePackage",
    "analyze_vulnerabilities",
    "match",
]

AREA = "vulnerabilities"
#: Every rule id of this area (checked against ``cto/rules/`` by the tests).
RULE_IDS = (RULE_KNOWN, RULE_STALE)
NO_DATABASE = "no vulnerability database: run `cto vulndb import PATH` (or `cto vulndb update`)"
#: Dependency names a "not assessed" line quotes before saying how many more there are.
NAMES_QUOTED = 5


@dataclass(frozen=True)
class VulnerabilityAnalysis:
    """Known vulnerabilities of one repository's dependencies.

    Attributes:
        packages: package versions with known flaws, most severe first.
        checked: dependencies with an exact version that were matched.
        unpinned: dependencies without an exact version (not assessed).
        unorderable: version comparisons that could not be made, and why.
        status: the database used (``None`` when there is none).
        age_days: days from the database's newest record to the audit.
        findings: every finding, most severe first.
        not_assessed: what could not be assessed, and why.
    """

    packages: tuple[VulnerablePackage, ...]
    checked: int
    unpinned: tuple[Dependency, ...]
    unorderable: tuple[Unorderable, ...]
    status: VulnDbStatus | None
    age_days: float | None
    findings: tuple[Finding, ...]
    not_assessed: tuple[NotAssessed, ...]

    @property
    def flaws(self) -> int:
        """Distinct flaws over all vulnerable packages."""
        return sum(len(p.advisories) for p in self.packages)

    def to_dict(self) -> dict[str, Any]:
        """The facts and findings as JSON-able data (dates as ISO 8601 text)."""
        data = {f.name: jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}
        if self.status is not None:
            for key in ("imported_at", "newest_modified"):
                value = getattr(self.status, key)
                data["status"][key] = value.isoformat() if value else None
        return data


def analyze_vulnerabilities(
    dependencies: Sequence[Dependency],
    records: Mapping[tuple[str, str], Sequence[OsvRecord]],
    status: VulnDbStatus | None,
    *,
    now: int,
    rules: RuleSet | None = None,
    repository: str = "",
) -> VulnerabilityAnalysis:
    """Match ``dependencies`` against ``records`` and turn the result into findings.

    Args:
        dependencies: the dependencies of the audited tree.
        records: the database's records for those packages (``VulnerabilityDatabase.records_for``).
        status: the database's status; ``None`` (or an empty database) means not assessed.
        now: the audit's reference time, Unix seconds (the database's age is measured to it).
        rules: the rules (the shipped ones by default).
        repository: name of the audited repository, for the findings.
    """
    rules = rules or RuleSet.default()
    pinned = tuple(d for d in dependencies if d.version is not None)
    unpinned = tuple(d for d in dependencies if d.version is None)
    not_assessed = list(_unpinned_note(unpinned))
    if status is None or status.empty:
        not_assessed.insert(0, NotAssessed(AREA, NO_DATABASE))
        return VulnerabilityAnalysis((), 0, unpinned, (), status, None, (), tuple(not_assessed))
    vulnerable, unorderable = match_all(pinned, records)
    packages = vulnerable_packages(vulnerable, rules)
    found = [package_finding(p, rules, repository) for p in packages]
    age = status.age_days(now)
    stale = stale_finding(age, rules, repository)
    if stale is not None:
        found.append(stale)
    not_assessed += _unorderable_note(unorderable)
    ordered = tuple(sorted(found, key=lambda f: -f.severity.rank))
    return VulnerabilityAnalysis(
        packages, len(pinned), unpinned, unorderable, status, age, ordered, tuple(not_assessed)
    )


def _unpinned_note(unpinned: Sequence[Dependency]) -> list[NotAssessed]:
    if not unpinned:
        return []
    names = sorted({d.name for d in unpinned})
    quoted = ", ".join(names[:NAMES_QUOTED]) + (" …" if len(names) > NAMES_QUOTED else "")
    count = len(unpinned)
    what = "dependency" if count == 1 else "dependencies"
    return [NotAssessed(AREA, f"{count:,} {what} not assessed: version not pinned ({quoted})")]


def _unorderable_note(unorderable: Sequence[Unorderable]) -> list[NotAssessed]:
    if not unorderable:
        return []
    first = unorderable[0]
    return [
        NotAssessed(
            AREA,
            f"{len(unorderable):,} version comparisons not made (e.g. {first.dependency.name} "
            f"against {first.record}: {first.reason})",
        )
    ]
