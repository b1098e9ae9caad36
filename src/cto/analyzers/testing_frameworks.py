"""Which test frameworks a tree uses, from config files, manifests and the test files themselves.

Each framework in ``delivery_detection.toml`` is detected by a config file it reads
(``pytest.ini``, ``jest.config.js``), a dependency in a manifest (``package.json``, ``pom.xml``,
``Gemfile``, ``*.csproj`` …) or an import in a test file of its language (``import XCTest``).
Reads are capped so that a tree with thousands of tests stays fast.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from cto.analyzers.code_interface import TreeSnapshot
from cto.analyzers.delivery_patterns import compiled, detection, select

#: At most this many files are read per framework (manifests, or test files).
MAX_READS_PER_FRAMEWORK = 200
MAX_MANIFEST_BYTES = 1_000_000


def detect_frameworks(snapshot: TreeSnapshot, tests: Mapping[str, str]) -> dict[str, list[str]]:
    """Frameworks detected, by language family (in data order).

    Args:
        snapshot: the tree.
        tests: every test file's path -> its language family.
    """
    # Only the paths some framework's files or manifests could name are looked at per framework.
    paths = select(snapshot.paths(), _named_globs())
    by_language: dict[str, list[str]] = {}
    for path, language in tests.items():
        by_language.setdefault(language, []).append(path)
    own = {language: sorted(found) for language, found in by_language.items()}
    found: dict[str, list[str]] = {}
    texts: dict[str, str | None] = {}
    for framework in detection()["framework"]:
        if _detected(framework, paths, snapshot, own, texts):
            found.setdefault(str(framework["language"]), []).append(str(framework["name"]))
    return found


@cache
def _named_globs() -> tuple[str, ...]:
    """Every framework's ``files`` and ``manifests`` globs."""
    frameworks = detection()["framework"]
    return tuple(g for f in frameworks for key in ("files", "manifests") for g in f.get(key, ()))


def _detected(
    framework: Mapping[str, Any],
    paths: Sequence[str],
    snapshot: TreeSnapshot,
    tests: Mapping[str, list[str]],
    cache: dict[str, str | None],
) -> bool:
    if framework.get("files") and select(paths, framework["files"]):
        return True
    if framework.get("manifests"):
        manifests = select(paths, framework["manifests"])
        if _any_text_matches(manifests, framework["manifest_pattern"], snapshot, cache):
            return True
    if framework.get("test_pattern"):
        own = tests.get(framework["language"], [])
        return _any_text_matches(own, framework["test_pattern"], snapshot, cache)
    return False


def _any_text_matches(
    paths: list[str], pattern: str, snapshot: TreeSnapshot, cache: dict[str, str | None]
) -> bool:
    regex = compiled(pattern)
    for path in paths[:MAX_READS_PER_FRAMEWORK]:
        if path not in cache:
            cache[path] = snapshot.read_text(path, max_bytes=MAX_MANIFEST_BYTES)
        text = cache[path]
        if text is not None and regex.search(text):
            return True
    return False
