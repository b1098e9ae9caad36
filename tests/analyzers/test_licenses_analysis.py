"""The licenses analysis: project license, copyleft findings by product license, unknowns, area."""

from __future__ import annotations

import json

import pytest

from cto.analyzers.code_interface import CodeFacts, MemorySnapshot
from cto.analyzers.dependency_interface import Dependency
from cto.analyzers.license_classes import LicenseClass
from cto.analyzers.licenses import RULE_IDS, LicenseAnalysis, analyze_licenses
from cto.findings import Rating, Severity
from cto.reports.license_areas import license_areas

MIT_TEXT = "MIT License\n\nPermission is hereby granted, free of charge, to any person ...\n"
GPL_TEXT = "GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n"


def dep(
    name: str,
    license: str | None,
    *,
    version: str | None = "1.0.0",
    direct: bool = True,
    scope: str = "runtime",
    source: str = "package-lock.json",
    line: int | None = 7,
) -> Dependency:
    """A dependency record as the manifest parsers give it."""
    purl = f"pkg:npm/{name}@{version}" if version else f"pkg:npm/{name}"
    return Dependency("npm", name, version, None, purl, direct, scope, source, line, license)


def analyze(files: dict[str, str | bytes], deps: list[Dependency]) -> LicenseAnalysis:
    facts = CodeFacts("acme/shop", "f" * 40, (), (), (), (), MemorySnapshot(files))
    return analyze_licenses(facts, deps)


def rules_of(analysis: LicenseAnalysis) -> dict[str, Severity]:
    return {f.rule: f.severity for f in analysis.findings}


@pytest.mark.parametrize(
    ("files", "expression", "license_class"),
    [
        ({"LICENSE": MIT_TEXT}, "MIT", LicenseClass.PERMISSIVE),
        ({"COPYING": GPL_TEXT}, "GPL-3.0-only", LicenseClass.STRONG_COPYLEFT),
        ({"LICENSE": "SPDX-License-Identifier: MIT OR Apache-2.0\n"}, "MIT OR Apache-2.0",
         LicenseClass.PERMISSIVE),
        ({"LICENSES/MIT.txt": "x", "LICENSES/GPL-3.0-or-later.txt": "y"},
         "GPL-3.0-or-later AND MIT", LicenseClass.STRONG_COPYLEFT),
        ({"LICENSE": "All rights reserved.\n"}, None, LicenseClass.UNKNOWN),
        ({}, None, LicenseClass.PROPRIETARY),
    ],
)  # fmt: skip
def test_project_license(
    files: dict[str, str | bytes], expression: str | None, license_class: LicenseClass
) -> None:
    project = analyze(files, []).project
    assert (project.expression, project.license_class) == (expression, license_class)


def test_no_license_file_is_an_info_finding_and_a_proprietary_product() -> None:
    analysis = analyze({}, [dep("left-pad", "MIT")])
    assert rules_of(analysis) == {"licenses.no-project-license": Severity.INFO}
    assert not analysis.project.open_source


COPYLEFT = [
    dep("agpl-lib", "AGPL-3.0-only"),
    dep("sspl-db", "SSPL-1.0", direct=False, source="yarn.lock", line=40),
    dep("gpl-lib", "GPL-2.0-or-later"),
    dep("lgpl-lib", "LGPL-2.1-only"),
    dep("dual", "MIT OR GPL-3.0"),
    dep("gpl-linter", "GPL-3.0", scope="dev"),
]


def test_copyleft_in_a_proprietary_product() -> None:
    analysis = analyze({}, COPYLEFT)
    assert rules_of(analysis) == {
        "licenses.network-copyleft": Severity.HIGH,
        "licenses.strong-copyleft": Severity.MEDIUM,
        "licenses.weak-copyleft": Severity.LOW,
        "licenses.no-project-license": Severity.INFO,
    }
    network = analysis.findings[0]
    assert network.title == (
        "2 packages under a network copyleft license (AGPL, SSPL) in a proprietary product"
    )
    values = [(e.value, e.path) for e in network.evidence]
    assert values == [
        ("none identified", None),
        ("agpl-lib 1.0.0 (npm): AGPL-3.0-only; direct, line 7", "package-lock.json"),
        ("sspl-db 1.0.0 (npm): SSPL-1.0; transitive, line 40", "yarn.lock"),
    ]
    strong = next(f for f in analysis.findings if f.rule == "licenses.strong-copyleft")
    assert "gpl-lib" in strong.title + strong.impact and "gpl-linter" not in strong.impact


def test_an_unidentified_license_file_counts_as_proprietary_and_is_said_so() -> None:
    analysis = analyze({"LICENSE": "Copyright Acme. All rights reserved.\n"}, COPYLEFT)
    assert "licenses.network-copyleft" in rules_of(analysis)
    assert "licenses.no-project-license" not in rules_of(analysis)
    assert any("LICENSE: license not identified" in n.reason for n in analysis.not_assessed)


def test_a_gpl_project_may_use_gpl_libraries_but_not_agpl_silently() -> None:
    analysis = analyze({"COPYING": GPL_TEXT}, COPYLEFT)
    assert rules_of(analysis) == {"licenses.copyleft-mismatch": Severity.LOW}
    [finding] = analysis.findings
    assert [e.value.split(" ")[0] for e in finding.evidence[1:]] == ["agpl-lib", "sspl-db"]


def test_an_mit_project_with_gpl_and_agpl_dependencies_is_a_mismatch() -> None:
    analysis = analyze({"LICENSE": MIT_TEXT}, COPYLEFT)
    assert rules_of(analysis) == {"licenses.copyleft-mismatch": Severity.LOW}
    [finding] = analysis.findings
    assert finding.title == "3 packages under a copyleft license stricter than the project's MIT"


def test_an_agpl_project_has_no_copyleft_finding() -> None:
    agpl = {"LICENSE": "GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3\n"}
    assert analyze(agpl, COPYLEFT).findings == ()


def test_proprietary_dependencies_are_noted_for_every_product() -> None:
    analysis = analyze({"LICENSE": MIT_TEXT}, [dep("acme-sdk", "UNLICENSED")])
    assert rules_of(analysis) == {"licenses.proprietary-dependency": Severity.INFO}


def test_unknown_licenses_are_counted_not_findings() -> None:
    deps = [dep("a", None), dep("b", "BSD"), dep("c", "LicenseRef-X"), dep("d", "MIT")]
    analysis = analyze({"LICENSE": MIT_TEXT}, deps)
    assert analysis.findings == ()
    assert analysis.counts["unknown"] == 3 and analysis.counts["permissive"] == 1
    assert [d.name for d in analysis.unknown] == ["a", "b", "c"]
    [gap] = analysis.not_assessed
    assert gap.reason == (
        "3 of 4 dependencies have no known license: 1 declare none in their manifest or "
        "lockfile, 2 declare one cto cannot classify"
    )


def test_no_dependencies_is_not_assessed() -> None:
    analysis = analyze({"LICENSE": MIT_TEXT}, [])
    assert [n.reason for n in analysis.not_assessed] == [
        "no dependencies found in manifests or lockfiles; dependency licenses not assessed"
    ]
    [area] = license_areas(analysis)
    assert area.rating is Rating.NOT_ASSESSED


def test_manifest_and_lockfile_records_of_one_package_are_one_dependency() -> None:
    deps = [
        dep("gpl-lib", None, version=None, source="package.json", line=3),
        dep("gpl-lib", "GPL-3.0", direct=False, source="package-lock.json", line=90),
        dep("gpl-lib", "GPL-3.0", version="2.0.0", direct=False, source="package-lock.json"),
    ]
    analysis = analyze({}, deps)
    assert [(d.version, d.direct, d.source) for d in analysis.dependencies] == [
        ("1.0.0", True, "package-lock.json"),
        ("2.0.0", False, "package-lock.json"),
    ]
    assert analysis.counts["strong-copyleft"] == 2


def test_area_is_consistent_with_the_analysis() -> None:
    deps = [*COPYLEFT, dep("x", None), dep("y", "Weird License 9")]
    analysis = analyze({}, deps)
    [area] = license_areas(analysis)
    assert (area.id, area.title, area.rating) == ("licenses", "Licenses", Rating.RED)
    assert area.findings == analysis.findings
    metrics = {m.id: m.value for m in area.metrics}
    assert metrics["project_license"] == "none"
    assert metrics["license_dependencies"] == len(analysis.dependencies) == 8
    assert metrics["license_network_copyleft"] == 2 and metrics["license_unknown"] == 2
    classes = [f"license_{c.value.replace('-', '_')}" for c in LicenseClass]
    assert sum(int(metrics[m] or 0) for m in classes) == 8
    tables = {t.id: t for t in area.tables}
    flagged = [(r[0], r[5]) for r in tables["license_flagged"].rows]
    assert flagged == [
        ("agpl-lib", "licenses.network-copyleft"), ("sspl-db", "licenses.network-copyleft"),
        ("gpl-lib", "licenses.strong-copyleft"), ("lgpl-lib", "licenses.weak-copyleft"),
    ]  # fmt: skip
    assert [r[0] for r in tables["license_unknown"].rows] == ["x", "y"]
    assert area.summary == (
        "The code has no license file, so it is proprietary (all rights reserved). Of 8 "
        "dependencies, 4 are under strong or network copyleft and 2 have no known license."
    )
    assert json.loads(json.dumps(analysis.to_dict()))["counts"]["weak-copyleft"] == 1


def test_rule_ids_are_declared() -> None:
    assert len(RULE_IDS) == 6
