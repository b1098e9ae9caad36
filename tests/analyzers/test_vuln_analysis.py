"""The vulnerabilities analysis: findings per package, not assessed, stale database, area."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from vuln_records import MEDIUM, dep, osv

from cto.analyzers.vulnerabilities import NO_DATABASE, RULE_IDS, analyze_vulnerabilities
from cto.findings import Rating, Severity
from cto.reports.vulnerability_areas import vulnerability_areas
from cto.sources.osv import VulnDbStatus

NEWEST = datetime(2024, 5, 1, tzinfo=UTC)
NOW = int(datetime(2024, 5, 3, tzinfo=UTC).timestamp())


def status(newest: datetime = NEWEST) -> VulnDbStatus:
    return VulnDbStatus(1200, 3, ("PyPI", "npm"), newest, newest, "/exports/PyPI.zip")


def records() -> dict[tuple[str, str], list]:  # type: ignore[type-arg]
    return {
        ("PyPI", "requests"): [
            osv("GHSA-x", aliases=("CVE-2018-18074",)),
            osv("PYSEC-2018-28", aliases=("CVE-2018-18074",)),
            osv("GHSA-y", events=({"introduced": "0"}, {"fixed": "2.31.0"}), vector=MEDIUM),
        ],
        ("PyPI", "flask"): [osv("GHSA-f", "flask", events=({"introduced": "0"},), vector=MEDIUM)],
    }


def test_one_finding_per_package_with_every_advisory_and_location() -> None:
    deps = [dep(), dep(source="poetry.lock", line=None), dep("flask", "2.0"), dep("six", "1.0")]
    analysis = analyze_vulnerabilities(deps, records(), status(), now=NOW, repository="shop")
    assert [p.name for p in analysis.packages] == ["requests", "flask"]
    requests = analysis.findings[0]
    assert requests.severity == Severity.CRITICAL
    assert requests.rule in RULE_IDS
    assert requests.title == (
        "requests 2.19.0 has 2 known vulnerabilities (worst: CVE-2018-18074, critical)"
    )
    assert "upgrade requests to 2.31.0 or later, which fixes all 2 flaws" in (
        requests.recommendation.lower()
    )
    assert "requirements.txt:3, poetry.lock" in requests.recommendation
    assert "A known flaw in requests 2.19.0 (flaw GHSA-x)" in requests.impact
    texts = [e.value for e in requests.evidence]
    assert any(
        "CVE-2018-18074, GHSA-x, PYSEC-2018-28 (CVSS 9.8, fixed in 2.20.0)" in t for t in texts
    )
    flask = analysis.findings[1]
    assert flask.severity == Severity.MEDIUM
    assert "No fixed version is known" in flask.recommendation
    assert analysis.flaws == 3 and analysis.checked == 4
    json.dumps(analysis.to_dict())


def test_no_database_is_not_assessed() -> None:
    analysis = analyze_vulnerabilities([dep()], {}, None, now=NOW)
    assert analysis.not_assessed[0].reason == NO_DATABASE
    assert not analysis.findings
    [area] = vulnerability_areas(analysis)
    assert area.rating == Rating.NOT_ASSESSED
    assert "no vulnerability database" in area.summary


def test_unpinned_dependencies_listed_as_not_assessed() -> None:
    analysis = analyze_vulnerabilities([dep(version=None)], records(), status(), now=NOW)
    assert "1 dependency not assessed: version not pinned (requests)" in [
        n.reason for n in analysis.not_assessed
    ]


def test_stale_database_is_a_finding_by_the_rules_data() -> None:
    old = datetime(2024, 3, 1, tzinfo=UTC)
    analysis = analyze_vulnerabilities([dep("six", "1.0")], records(), status(old), now=NOW)
    [finding] = analysis.findings
    assert finding.rule == "vulnerabilities.stale-database"
    assert finding.severity == Severity.MEDIUM
    assert finding.title == "The vulnerability database is 63 days old"
    fresh = analyze_vulnerabilities([dep("six", "1.0")], records(), status(), now=NOW)
    assert not fresh.findings


def test_area_states_the_database_date_and_size() -> None:
    analysis = analyze_vulnerabilities([dep(), dep("flask", "2.0")], records(), status(), now=NOW)
    [area] = vulnerability_areas(analysis)
    assert (area.id, area.title, area.rating) == (
        "vulnerabilities",
        "Known vulnerabilities",
        Rating.RED,
    )
    assert "1,200 OSV records (newest from 2024-05-01" in area.summary
    assert "2 packages of the 2 dependencies with an exact version have 3 known" in area.summary
    metrics = {m.id: m.value for m in area.metrics}
    assert metrics["severe_vulnerabilities"] == 1
    assert metrics["vulnerability_database_age"] == 2
    assert area.tables[0].rows[0][0] == "requests"


def test_clean_result_still_names_the_database() -> None:
    analysis = analyze_vulnerabilities([dep("six", "1.0")], records(), status(), now=NOW)
    [area] = vulnerability_areas(analysis)
    assert area.rating == Rating.GREEN
    assert area.summary.startswith("No known vulnerabilities in the 1 dependency")
