"""OSV matching: every event type, explicit versions, aliases, withdrawn records, fixed versions."""

from __future__ import annotations

import pytest
from vuln_records import dep, osv

from cto.analyzers.vulnerability_matching import match, match_all
from cto.sources.osv import OsvRecord

TWO_RANGES = ({"introduced": "1.0"}, {"fixed": "1.5"}, {"introduced": "2.0"}, {"fixed": "2.5"})
UNSORTED = ({"introduced": "2.0"}, {"fixed": "2.5"}, {"introduced": "1.0"}, {"fixed": "1.5"})


@pytest.mark.parametrize(
    ("events", "version", "affected"),
    [
        (({"introduced": "1.0"}, {"fixed": "2.0"}), "0.9", False),
        (({"introduced": "1.0"}, {"fixed": "2.0"}), "1.0", True),
        (({"introduced": "1.0"}, {"fixed": "2.0"}), "1.9.9", True),
        (({"introduced": "1.0"}, {"fixed": "2.0"}), "2.0", False),
        (({"introduced": "1.0"}, {"fixed": "2.0"}), "2.0rc1", True),
        (({"introduced": "1.0"}, {"last_affected": "2.0"}), "2.0", True),
        (({"introduced": "1.0"}, {"last_affected": "2.0"}), "2.0.post1", False),
        (({"introduced": "0"},), "0.0.1", True),
        (({"introduced": "0"},), "99", True),
        (({"introduced": "0"}, {"fixed": "1.0"}), "1.0.dev1", True),
        (({"introduced": "0"}, {"limit": "3.0"}), "2.9", True),
        (({"introduced": "0"}, {"limit": "3.0"}), "3.0", False),
        (TWO_RANGES, "1.7", False),
        (TWO_RANGES, "2.1", True),
        (UNSORTED, "1.7", False),
        (UNSORTED, "2.1", True),
        (UNSORTED, "1.2", True),
        (({"introduced": "1!0"},), "5.0", False),
    ],
)
def test_events(events: tuple[dict[str, str], ...], version: str, affected: bool) -> None:
    found = match([dep(version=version)], {("PyPI", "requests"): [osv("PYSEC-1", events=events)]})
    assert bool(found) is affected


def test_explicit_versions_only() -> None:
    record = osv("GHSA-1", events=(), versions=("2.19.0", "2.19.1"))
    records = {("PyPI", "requests"): [record]}
    assert match([dep(version="2.19.1")], records)
    assert not match([dep(version="2.20.0")], records)


def test_semver_range_in_any_ecosystem_and_git_ranges_ignored() -> None:
    semver = osv("GHSA-2", "lodash", "npm", ({"introduced": "4.0.0"}, {"fixed": "4.17.21"}),
                 range_type="SEMVER")  # fmt: skip
    git = osv("OSV-3", "lodash", "npm", ({"introduced": "0"},), range_type="GIT")
    records = {("npm", "lodash"): [semver, git]}
    assert match([dep("lodash", "4.17.20", "npm")], records)
    assert not match([dep("lodash", "4.17.21", "npm")], records)
    assert not match([dep("lodash", "3.0.0", "npm")], records)


@pytest.mark.parametrize(
    ("ecosystem", "name", "events", "inside", "outside"),
    [
        ("npm", "ws", ({"introduced": "7.0.0"}, {"fixed": "7.4.6"}), "7.4.6-beta.1", "7.4.6"),
        ("crates.io", "hyper", ({"introduced": "0"}, {"fixed": "0.14.10"}), "0.14.9", "1.0.0"),
        ("Maven", "org.x:y", ({"introduced": "2.0"}, {"fixed": "2.1"}), "2.1-rc1", "2.1"),
        ("RubyGems", "rack", ({"introduced": "0"}, {"fixed": "2.2.3"}), "2.2.3.pre", "2.2.3"),
        ("Go", "golang.org/x/net", ({"introduced": "0"}, {"fixed": "0.7.0"}),
         "v0.0.0-20220722155237-a158d28d115b", "v0.7.0"),
        ("Packagist", "symfony/http", ({"introduced": "5.0.0"}, {"fixed": "5.4.1"}), "5.4.1-RC1",
         "5.4.1"),
        ("NuGet", "newtonsoft.json", ({"introduced": "0"}, {"fixed": "13.0.1"}), "12.0.3",
         "13.0.1"),
    ],
)  # fmt: skip
def test_each_ecosystem_ordering(
    ecosystem: str, name: str, events: tuple[dict[str, str], ...], inside: str, outside: str
) -> None:
    records = {(ecosystem, name): [osv("X-1", name, ecosystem, events)]}
    assert match([dep(name, inside, ecosystem)], records)
    assert not match([dep(name, outside, ecosystem)], records)


def test_names_matched_after_normalisation() -> None:
    record = osv("PYSEC-1", package="Django_Rest")
    assert match([dep("django-rest", "1.0")], {("PyPI", "django-rest"): [record]})


def test_aliases_merged_transitively_and_reported_once() -> None:
    records: list[OsvRecord] = [
        osv("GHSA-aaaa", aliases=("CVE-2018-1",)),
        osv("PYSEC-2018-1", aliases=("CVE-2018-1", "GHSA-bbbb"), vector=None),
        osv("GHSA-bbbb", aliases=(), vector="CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N"),
        osv("GHSA-other", events=({"introduced": "0"}, {"fixed": "2.21.0"}), vector=None),
    ]
    [found] = match([dep()], {("PyPI", "requests"): records})
    assert len(found.advisories) == 2
    merged = found.advisories[0]
    assert merged.ids == ("CVE-2018-1", "GHSA-aaaa", "GHSA-bbbb", "PYSEC-2018-1")
    assert merged.score == 9.8
    assert merged.fixed == "2.20.0"
    assert found.advisories[1].ids == ("GHSA-other",)
    assert found.advisories[1].fixed == "2.21.0"


def test_withdrawn_ignored() -> None:
    record = osv("GHSA-w", extra={"withdrawn": "2024-06-01T00:00:00Z"})
    assert not match([dep()], {("PyPI", "requests"): [record]})


def test_unpinned_skipped_and_bad_versions_reported() -> None:
    records = {("PyPI", "requests"): [osv("PYSEC-1")]}
    assert not match([dep(version=None)], records)
    found, failed = match_all([dep(version="not-a-version!")], records)
    assert not found
    assert failed[0].record == "PYSEC-1"


def test_fixed_is_lowest_fix_above_the_installed_version() -> None:
    events = ({"introduced": "0"}, {"fixed": "1.5"}, {"introduced": "2.0"}, {"fixed": "2.5"},
              {"fixed": "2.3"})  # fmt: skip
    [found] = match([dep(version="2.1")], {("PyPI", "requests"): [osv("PYSEC-1", events=events)]})
    assert found.advisories[0].fixed == "2.3"
