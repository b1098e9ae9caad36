"""Version ordering per ecosystem: tables of known orders, and properties of the orderings."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cto.analyzers.versions import (
    ORDERINGS,
    UnorderableVersionError,
    normalise_name,
    parse_version,
    scheme_for,
)

ASCENDING = [
    ("PyPI", ["1.0.dev1", "1.0a1", "1.0b2", "1.0rc1", "1.0", "1.0.post1", "1.1", "1!0.5"]),
    (
        "npm",
        ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.10.0"],
    ),
    ("crates.io", ["0.9.9", "1.0.0-pre.1", "1.0.0", "1.2.0", "10.0.0"]),
    ("Maven", ["1.0-alpha-1", "1.0-beta", "1.0-rc1", "1.0-SNAPSHOT", "1.0", "1.0-sp1", "1.1"]),
    ("RubyGems", ["1.0.0.a", "1.0.0.pre", "1.0.0.rc1", "1.0.0", "1.0.1", "1.10"]),
    (
        "Go",
        [
            "v0.0.0-20190101000000-aaaaaaaaaaaa",
            "v0.0.0-20200101120000-abcdefabcdef",
            "v0.1.0",
            "v1.2.3",
            "v1.2.4-0.20210101000000-bbbbbbbbbbbb",
            "v1.2.4",
        ],
    ),
    ("Packagist", ["1.0.0-alpha", "1.0.0-beta", "1.0.0-RC1", "1.0.0", "1.0.1"]),
    ("NuGet", ["1.0.0-alpha", "1.0.0-beta", "1.0.0", "1.0.1", "1.1.0"]),
]


@pytest.mark.parametrize(("ecosystem", "versions"), ASCENDING)
def test_known_orders(ecosystem: str, versions: list[str]) -> None:
    parsed = [parse_version(ecosystem, v) for v in versions]
    assert all(a < b for a, b in itertools.pairwise(parsed))
    assert sorted(reversed(versions), key=lambda v: parse_version(ecosystem, v)) == versions


@pytest.mark.parametrize(
    ("scheme", "a", "b"),
    [
        ("PyPI", "1.0", "1.0.0"),
        ("Go", "1.2.3", "v1.2.3"),
        ("Go", "v2.0.0+incompatible", "2.0.0"),
        ("SEMVER", "1.0.0+build.5", "1.0.0"),
        ("NuGet", "1.0", "1.0.0"),
    ],
)
def test_equal_spellings(scheme: str, a: str, b: str) -> None:
    assert parse_version(scheme, a) == parse_version(scheme, b)


def test_unknown_scheme_and_bad_versions_raise_one_error_type() -> None:
    with pytest.raises(UnorderableVersionError):
        parse_version("Hackage", "1.0")
    with pytest.raises(UnorderableVersionError):
        parse_version("PyPI", "not a version")
    with pytest.raises(UnorderableVersionError):
        parse_version("npm", "")


def test_range_schemes() -> None:
    assert scheme_for("npm", "SEMVER") == "SEMVER"
    assert scheme_for("Go", "ECOSYSTEM") == "Go"
    assert scheme_for("Debian:11", "ECOSYSTEM") is None
    assert scheme_for("PyPI", "GIT") is None


def test_names_normalised_as_each_ecosystem_compares_them() -> None:
    assert normalise_name("PyPI", "Zope.Interface__x") == "zope-interface-x"
    assert normalise_name("NuGet", "Newtonsoft.Json") == "newtonsoft.json"
    assert normalise_name("npm", "@Scope/Pkg") == "@Scope/Pkg"


numbers = st.integers(min_value=0, max_value=30)
releases = st.lists(numbers, min_size=1, max_size=4).map(lambda parts: ".".join(map(str, parts)))
pep440 = st.builds(
    lambda epoch, release, pre, post, dev: (
        (f"{epoch}!" if epoch else "") + release + pre + post + dev
    ),
    st.sampled_from([0, 0, 1]),
    releases,
    st.sampled_from(["", "a1", "b2", "rc3"]),
    st.sampled_from(["", ".post1", ".post7"]),
    st.sampled_from(["", ".dev0", ".dev4"]),
)
semver = st.builds(
    lambda major, minor, patch, pre: f"{major}.{minor}.{patch}{pre}",
    numbers,
    numbers,
    numbers,
    st.sampled_from(["", "-alpha", "-alpha.1", "-beta.2", "-rc.1", "-0.3.7", "-x.7.z.92"]),
)
go = st.one_of(
    semver.map(lambda v: f"v{v}"),
    st.builds(
        lambda day, sha: f"v0.0.0-2020{day:02d}01120000-{sha}",
        st.integers(1, 12),
        st.sampled_from(["abcdefabcdef", "0123456789ab"]),
    ),
)
maven = st.builds(
    lambda release, qualifier: release + qualifier,
    releases,
    st.sampled_from(["", "-alpha-1", "-beta", "-rc1", "-SNAPSHOT", "-sp1", ".Final"]),
)
rubygems = st.builds(
    lambda release, pre: release + pre, releases, st.sampled_from(["", ".a", ".pre", ".rc1"])
)
STRATEGIES = {
    "PyPI": pep440,
    "npm": semver,
    "crates.io": semver,
    "Go": go,
    "Maven": maven,
    "RubyGems": rubygems,
    "Packagist": semver.filter(lambda v: "." not in v.partition("-")[2]),
    "NuGet": semver.filter(lambda v: not v.partition("-")[2][:1].isdigit()),
}


def test_every_ordering_has_a_property_test() -> None:
    assert set(STRATEGIES) == set(ORDERINGS)


@pytest.mark.parametrize("ecosystem", sorted(STRATEGIES))
def test_orderings_are_total_and_consistent(ecosystem: str) -> None:
    @given(st.lists(STRATEGIES[ecosystem], min_size=1, max_size=12))
    def check(texts: list[str]) -> None:
        parsed = [parse_version(ecosystem, t) for t in texts]
        for a in parsed:
            for b in parsed:
                assert sum((a < b, a == b, b < a)) == 1
        ordered = sorted(parsed)
        assert all(not (b < a) for a, b in itertools.pairwise(ordered))
        assert sorted(ordered) == ordered
        assert sorted(reversed(ordered)) == ordered or len(set(map(str, ordered))) < len(ordered)

    check()
