"""Findings of the licenses analyzer, by the rules in ``cto/rules/licenses.toml``.

Which rule a copyleft dependency falls under depends on the product's own license:

- a proprietary product (no license file, a non-open-source license, or one cto cannot
  identify): network copyleft (AGPL, SSPL) is high, strong copyleft (GPL) medium, weak copyleft
  (LGPL, MPL, EPL) low;
- an open-source product: only a dependency *more* restrictive than the product's license, and
  at least strong copyleft, is raised, as a license mismatch (low). A GPL-3.0 project using GPL
  libraries is fine; an MIT project using a GPL or AGPL library is not quite: whoever ships the
  combination must follow the GPL, and AGPL's network clause binds whoever runs it as a service,
  whatever the project's own license says.

Only dependencies that ship (not development-only) count. Proprietary dependencies are noted
(info) for every product: their terms must be checked by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cto.analyzers.license_classes import LicenseClass
from cto.analyzers.rules import RuleSet
from cto.findings import Evidence, Finding

if TYPE_CHECKING:
    from cto.analyzers.licenses import DependencyLicense, ProjectLicense

RULE_NO_LICENSE = "licenses.no-project-license"
RULE_NETWORK = "licenses.network-copyleft"
RULE_STRONG = "licenses.strong-copyleft"
RULE_WEAK = "licenses.weak-copyleft"
RULE_MISMATCH = "licenses.copyleft-mismatch"
RULE_PROPRIETARY = "licenses.proprietary-dependency"
#: Every rule id of this area (checked against ``cto/rules/`` by the tests).
RULE_IDS = (RULE_NO_LICENSE, RULE_NETWORK, RULE_STRONG, RULE_WEAK, RULE_MISMATCH, RULE_PROPRIETARY)
#: Dependencies listed in a finding's evidence; the rest are counted.
MAX_LISTED = 10
_IN_PROPRIETARY = {
    LicenseClass.NETWORK_COPYLEFT: RULE_NETWORK,
    LicenseClass.STRONG_COPYLEFT: RULE_STRONG,
    LicenseClass.WEAK_COPYLEFT: RULE_WEAK,
}


def findings(
    repository: str,
    project: ProjectLicense,
    dependencies: Sequence[DependencyLicense],
    rules: RuleSet,
) -> tuple[Finding, ...]:
    """Every license finding, most severe first."""
    found: list[Finding | None] = []
    if not project.files:
        evidence = (Evidence("license file", "none at the root or in LICENSES/"),)
        found.append(rules.get(RULE_NO_LICENSE).finding_for(1, repository, {}, evidence))
    for rule_id, flagged in flagged_dependencies(project, dependencies).items():
        found.append(_dependencies(rules, rule_id, repository, project, flagged))
    kept = [f for f in found if f is not None]
    return tuple(sorted(kept, key=lambda f: -f.severity.rank))


def flagged_dependencies(
    project: ProjectLicense, dependencies: Sequence[DependencyLicense]
) -> dict[str, list[DependencyLicense]]:
    """The shipped dependencies each rule applies to, by rule id (rules with none left out)."""
    flagged: dict[str, list[DependencyLicense]] = {}
    for dep in dependencies:
        rule_id = _rule_for(project, dep.license_class)
        if dep.shipped and rule_id is not None:
            flagged.setdefault(rule_id, []).append(dep)
    return {rule_id: flagged[rule_id] for rule_id in RULE_IDS if rule_id in flagged}


def _rule_for(project: ProjectLicense, license_class: LicenseClass) -> str | None:
    if license_class is LicenseClass.PROPRIETARY:
        return RULE_PROPRIETARY
    if not project.open_source:
        return _IN_PROPRIETARY.get(license_class)
    strong = license_class.rank >= LicenseClass.STRONG_COPYLEFT.rank
    return RULE_MISMATCH if strong and license_class.rank > project.license_class.rank else None


def _dependencies(
    rules: RuleSet,
    rule_id: str,
    repository: str,
    project: ProjectLicense,
    flagged: Sequence[DependencyLicense],
) -> Finding | None:
    names = [d.name for d in flagged]
    values: dict[str, object] = {
        "count": len(flagged),
        "packages": f"{len(flagged)} package{'s' if len(flagged) != 1 else ''}",
        "names": ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else ""),
        "project": project.expression or "no open-source license",
    }
    evidence = [Evidence("project license", project.expression or "none identified")]
    evidence += [_evidence(d) for d in flagged[:MAX_LISTED]]
    if len(flagged) > MAX_LISTED:
        evidence.append(Evidence("more dependencies", f"{len(flagged) - MAX_LISTED} more"))
    return rules.get(rule_id).finding_for(len(flagged), repository, values, evidence)


def _evidence(dep: DependencyLicense) -> Evidence:
    version = f" {dep.version}" if dep.version else ""
    how = "direct" if dep.direct else "transitive"
    where = f", line {dep.line}" if dep.line else ""
    value = f"{dep.name}{version} ({dep.ecosystem}): {dep.expression or dep.declared}; {how}{where}"
    return Evidence("dependency", value, dep.source)
