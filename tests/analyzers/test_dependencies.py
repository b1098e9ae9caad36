"""Dependency findings at their thresholds, the analysis record and the report area."""

from __future__ import annotations

import json
import textwrap

import pytest

from cto.analyzers.code_interface import MemorySnapshot
from cto.analyzers.dependencies import (
    RULE_MAJOR_BEHIND,
    RULE_MIXED_MANAGERS,
    RULE_NO_LOCKFILE,
    RULE_SEVERAL_MANAGERS,
    RULE_UNPINNED,
    DependencyAnalysis,
    analyze_dependencies,
)
from cto.findings import Rating, Severity
from cto.reports.dependency_areas import dependency_areas
from cto.sources.manifests import collect_dependencies


def analyze(files: dict[str, str]) -> DependencyAnalysis:
    snapshot = MemorySnapshot({p: textwrap.dedent(t) for p, t in files.items()})
    return analyze_dependencies(collect_dependencies(snapshot), repository="shop")


def found(analysis: DependencyAnalysis) -> list[tuple[str, Severity]]:
    return [(f.rule, f.severity) for f in analysis.findings]


def lock_v3(**direct: str) -> str:
    declared = json.dumps(dict.fromkeys(direct, "*"))
    packages = {f"node_modules/{n}": {"version": v} for n, v in direct.items()}
    body = {"": {"dependencies": json.loads(declared)}, **packages}
    return json.dumps({"lockfileVersion": 3, "packages": body})


YARN_LOCK = '# yarn lockfile v1\n\nlodash@^4:\n  version "4.17.21"\n'

CASES = [
    pytest.param({"requirements.txt": "flask>=2\ngunicorn\n"},
                 [(RULE_NO_LOCKFILE, Severity.MEDIUM), (RULE_UNPINNED, Severity.MEDIUM)],
                 id="unpinned-without-lockfile"),
    pytest.param({"requirements.txt": "flask==3.0.0\n"}, [(RULE_NO_LOCKFILE, Severity.MEDIUM)],
                 id="pinned-without-lockfile"),
    pytest.param({"requirements-dev.txt": "pytest>=7\n"}, [(RULE_NO_LOCKFILE, Severity.MEDIUM)],
                 id="dev-only-ranges-are-not-production"),
    pytest.param({"api/pyproject.toml": '[project]\ndependencies = ["httpx>=0.25"]\n',
                  "uv.lock": "version = 1\n"}, [], id="lockfile-in-a-parent-directory"),
    pytest.param({"package.json": '{"name": "x"}'}, [], id="manifest-without-dependencies"),
    pytest.param({"pom.xml": "<project><dependencies><dependency><groupId>a</groupId>"
                             "<artifactId>b</artifactId></dependency></dependencies></project>"},
                 [], id="maven-managed-version-needs-no-lockfile"),
    pytest.param({"pom.xml": "<project><dependencies><dependency><groupId>a</groupId>"
                             "<artifactId>b</artifactId><version>[1.0,2.0)</version></dependency>"
                             "</dependencies></project>"},
                 [(RULE_UNPINNED, Severity.MEDIUM)], id="maven-range"),
    pytest.param({"package-lock.json": lock_v3(lodash="4.17.21"), "yarn.lock": YARN_LOCK},
                 [(RULE_SEVERAL_MANAGERS, Severity.MEDIUM)], id="two-tools-one-directory"),
    pytest.param({"web/package-lock.json": lock_v3(lodash="4.17.21"),
                  "docs/yarn.lock": YARN_LOCK},
                 [(RULE_MIXED_MANAGERS, Severity.LOW)], id="two-tools-two-projects"),
    pytest.param({"a/package-lock.json": lock_v3(react="17.0.2"),
                  "b/package-lock.json": lock_v3(react="18.2.0")},
                 [(RULE_MAJOR_BEHIND, Severity.LOW)], id="one-major-behind"),
    pytest.param({"a/package-lock.json": lock_v3(react="16.14.0"),
                  "b/package-lock.json": lock_v3(react="18.2.0")},
                 [(RULE_MAJOR_BEHIND, Severity.MEDIUM)], id="two-majors-behind"),
    pytest.param({"a/package-lock.json": lock_v3(react="18.1.0"),
                  "b/package-lock.json": lock_v3(react="18.2.0")}, [], id="same-major"),
]  # fmt: skip


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_findings(files: dict[str, str], expected: list[tuple[str, Severity]]) -> None:
    assert found(analyze(files)) == expected


def test_unpinned_finding_names_the_evidence() -> None:
    analysis = analyze({"requirements.txt": "flask>=2\ngunicorn\n"})
    unpinned = next(f for f in analysis.findings if f.rule == RULE_UNPINNED)
    assert unpinned.title == (
        "2 production dependencies of PyPI are not pinned and no lockfile fixes their versions"
    )
    assert "flask, gunicorn" in unpinned.impact
    assert [(e.value, e.path) for e in unpinned.evidence[1:]] == [
        ("flask >=2 (requirements.txt, line 1)", "requirements.txt"),
        ("gunicorn any version (requirements.txt, line 2)", "requirements.txt"),
    ]
    assert unpinned.repository == "shop"


def test_major_behind_evidence_names_both_lockfiles() -> None:
    analysis = analyze({
        "a/package-lock.json": lock_v3(react="16.14.0"),
        "b/package-lock.json": lock_v3(react="18.2.0"),
    })  # fmt: skip
    (finding,) = analysis.findings
    assert finding.evidence[0].value == (
        "react 16.14.0 in a/package-lock.json; 18.2.0 in b/package-lock.json"
    )


def test_summaries_coverage_and_direct_table() -> None:
    analysis = analyze({
        "package.json": '{"dependencies": {"lodash": "^4.17.0"}, "devDependencies": {"jest": "*"}}',
        "package-lock.json": json.dumps({"lockfileVersion": 3, "packages": {
            "": {"dependencies": {"lodash": "^4.17.0"}, "devDependencies": {"jest": "*"}},
            "node_modules/lodash": {"version": "4.17.21"},
            "node_modules/jest": {"version": "29.7.0", "dev": True},
            "node_modules/jest-cli": {"version": "29.7.0", "dev": True},
        }}),
        "tools/requirements.txt": "black==23.11.0\n",
    })  # fmt: skip
    npm, pypi = analysis.ecosystems
    assert (npm.ecosystem, npm.manifests, npm.lockfiles, npm.managers) == ("npm", 1, 1, ("npm",))
    assert (npm.direct, npm.transitive, npm.unlocked) == (2, 1, ())
    assert (pypi.direct, pypi.transitive, pypi.unlocked) == (1, 0, ("tools/requirements.txt",))
    assert analysis.lockfile_coverage == 50.0
    assert [(d.name, d.requirement, d.version, d.scope) for d in analysis.direct] == [
        ("black", "==23.11.0", "23.11.0", "runtime"),
        ("jest", "*", "29.7.0", "dev"),
        ("lodash", "^4.17.0", "4.17.21", "runtime"),
    ]
    json.dumps(analysis.to_dict())


def test_area_metrics_tables_and_chart() -> None:
    analysis = analyze({
        "requirements.txt": "flask>=2\n",
        "package.json": "{broken",
    })  # fmt: skip
    (area,) = dependency_areas(analysis)
    assert (area.id, area.title, area.rating) == ("dependencies", "Dependencies", Rating.AMBER)
    metrics = {m.id: m.value for m in area.metrics}
    assert metrics == {
        "direct_dependencies": 1,
        "transitive_dependencies": 0,
        "dependency_ecosystems": "PyPI, npm",
        "lockfile_coverage": 0.0,
        "manifest_files": 2,
    }
    assert area.summary == (
        "The product declares 1 dependency (PyPI and npm), which bring 0 more packages that "
        "lockfiles record. 1 manifest has no lockfile, so the versions that ship are decided at "
        "install time. 1 file could not be read."
    )
    tables = {t.id: t for t in area.tables}
    assert tables["manifests"].rows[0][:5] == ("package.json", "npm", "npm", "manifest", 0)
    assert tables["manifests"].rows[0][5].startswith("unreadable (JSONDecodeError")
    assert tables["direct_dependencies"].rows == (
        ("PyPI", "flask", ">=2", None, "runtime", "requirements.txt:1"),
    )
    assert [c.id for c in area.charts] == ["dependencies_by_ecosystem"]
    assert any(n.reason.startswith("package.json: unreadable") for n in area.not_assessed)


def test_nothing_to_read_is_not_assessed() -> None:
    analysis = analyze({"README.md": "hello"})
    (area,) = dependency_areas(analysis)
    assert area.rating == Rating.NOT_ASSESSED
    assert [n.reason for n in analysis.not_assessed] == [
        "no manifest or lockfile of a known ecosystem"
    ]
    assert area.summary == "No manifest or lockfile of a known package ecosystem was found."
    assert area.charts == ()
