"""The combined glob regexes of ``delivery_patterns`` answer as the globs tried one by one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cto.analyzers.delivery_patterns import (
    any_of,
    detection,
    first_match,
    glob_sets,
    matches,
    select,
)
from cto.globs import glob_regex

# Glob pieces that exercise every construct: `**/`, `**`, `*`, `?`, braces (with an empty option)
# and the characters paths are made of; paths use the same letters, dots and slashes.
PIECES = ["**/", "**", "*", "?", "a", "b", ".", "/", "{a,b}", "{,.b}", "a/", "**/a"]
GLOBS = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join)
PATHS = st.text(alphabet="ab./", min_size=1, max_size=12)

#: Real paths that name tests, frameworks' files, CI files, or nothing, at several depths.
SAMPLES = (
    "tests/test_cart.py", "app/tests/unit/cart.py", "conftest.py", "a/b/conftest.py",
    "src/test/java/ShopTest.java", "web/__tests__/cart.test.tsx", "e2e/login.ts",
    "cart_test.go", "spec/models/cart_spec.rb", "Cart.Tests/CartTests.cs", "tests/io.rs",
    "Tests/CartTests.swift", "test/cart_test.dart", "docs/index.md", "setup.py", "a/.github/x",
    ".github/workflows/ci.yml", ".gitlab-ci.yml", "ops/Jenkinsfile", "jest.config.ts",
    "package.json", "pkg/pom.xml", "tests", "test_", "a//test_x.py", "test/", "/test_x.py",
)  # fmt: skip


def _first(path: str, sets: tuple[tuple[str, ...], ...]) -> int | None:
    """The index the analyzers used to find: each set tried in order, each glob on its own."""
    return next(
        (i for i, globs in enumerate(sets) if any(glob_regex(g).match(path) for g in globs)),
        None,
    )


@settings(max_examples=400, deadline=None)
@given(st.lists(GLOBS, max_size=5), st.lists(PATHS, max_size=8))
def test_any_of_matches_what_one_glob_at_a_time_matches(globs: list[str], paths: list[str]) -> None:
    pattern = any_of(tuple(globs))
    for path in paths:
        expected = any(glob_regex(g).match(path) for g in globs)
        assert (pattern.match(path) is not None) == expected
        assert matches(path, globs) == expected
    assert select(paths, globs) == [p for p in paths if any(glob_regex(g).match(p) for g in globs)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(GLOBS, max_size=3).map(tuple), max_size=4), st.lists(PATHS, max_size=8))
def test_first_match_finds_the_first_set_in_order(
    sets: list[tuple[str, ...]], paths: list[str]
) -> None:
    for path in paths:
        assert first_match(path, tuple(sets)) == _first(path, tuple(sets))


def test_first_match_on_the_shipped_data() -> None:
    data = detection()
    for sets in (glob_sets(data["tests"], "globs"), glob_sets(data["ci"]["system"], "globs")):
        for path in SAMPLES:
            assert first_match(path, sets) == _first(path, sets)
    framework = glob_sets(data["framework"], "files") + glob_sets(data["framework"], "manifests")
    for globs in framework:
        assert select(SAMPLES, globs) == [p for p in SAMPLES if _first(p, (globs,)) == 0]
