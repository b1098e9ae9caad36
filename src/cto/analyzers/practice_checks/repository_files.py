"""Dependency-update-tool and binary-artifacts: files whose presence alone is the answer.

After OpenSSF Scorecard's Dependency-Update-Tool (``checks/raw/dependency_update_tool.go``:
Dependabot, Renovate, PyUp, Scala Steward configurations) and Binary-Artifacts
(``checks/evaluation/binary_artifacts.go``: 10 minus one point per binary, never below 0).
"""

from __future__ import annotations

import json
import posixpath

from cto.analyzers.practice_checks.base import MAX_SCORE, MIN_SCORE, Score, plural, present
from cto.analyzers.practice_checks.tree import Tree
from cto.findings import Evidence

UPDATE_TOOL_FILES = {
    ".github/dependabot.yml": "Dependabot",
    ".github/dependabot.yaml": "Dependabot",
    "renovate.json": "Renovate",
    "renovate.json5": "Renovate",
    ".renovaterc": "Renovate",
    ".renovaterc.json": "Renovate",
    ".renovaterc.json5": "Renovate",
    ".github/renovate.json": "Renovate",
    ".github/renovate.json5": "Renovate",
    ".gitlab/renovate.json": "Renovate",
    ".pyup.yml": "PyUp",
    ".scala-steward.conf": "Scala Steward",
}
#: Extensions of compiled or packaged files that should be built, not committed.
BINARY_EXTENSIONS = frozenset({
    ".jar", ".class", ".war", ".ear", ".exe", ".dll", ".so", ".dylib", ".o", ".a", ".pyc",
    ".pyo", ".whl", ".egg", ".apk", ".deb", ".rpm",
})  # fmt: skip
#: Gradle's wrapper jar is accepted when a workflow verifies it, as Scorecard does.
GRADLE_WRAPPER = "gradle/wrapper/gradle-wrapper.jar"
_WRAPPER_VALIDATION = ("gradle/wrapper-validation-action", "gradle/actions/wrapper-validation")


def _renovate_in_package_json(tree: Tree) -> bool:
    text = tree.read("package.json") if "package.json" in tree.paths else None
    try:
        data = json.loads(text) if text else None
    except ValueError:
        return False
    return isinstance(data, dict) and "renovate" in data


def dependency_update_tool(tree: Tree) -> Score:
    """10 when Dependabot, Renovate or a similar bot is configured, else 0."""
    lower = {k.lower(): v for k, v in UPDATE_TOOL_FILES.items()}
    found = tuple(
        Evidence("dependency update tool", lower[path.lower()], path)
        for path in tree.find(UPDATE_TOOL_FILES)
    )
    if _renovate_in_package_json(tree):
        found += (Evidence("dependency update tool", "Renovate", "package.json"),)
    tools = ", ".join(sorted({e.value for e in found}))
    return present(found, f"configured: {tools}", "no dependency update tool configured")


def _verified_wrapper(tree: Tree) -> bool:
    return any(marker in text for _, text in tree.ci_texts for marker in _WRAPPER_VALIDATION)


def binary_files(tree: Tree) -> list[str]:
    """Committed files with a compiled or packaged extension (a verified Gradle wrapper aside)."""
    # A path's extension, when it has one, is what follows its last dot: most paths are ruled
    # out by that slice before posixpath.splitext (leading dots of a name) is asked.
    found = [
        p for p in tree.paths
        if p[p.rfind(".") :].lower() in BINARY_EXTENSIONS
        and posixpath.splitext(p)[1].lower() in BINARY_EXTENSIONS
    ]  # fmt: skip
    if GRADLE_WRAPPER in found and _verified_wrapper(tree):
        found.remove(GRADLE_WRAPPER)
    return found


def binary_artifacts(tree: Tree) -> Score:
    """10 minus one point per committed binary, never below 0."""
    found = binary_files(tree)
    if not found:
        return Score(MAX_SCORE, "no binaries committed")
    evidence = tuple(Evidence("binary", posixpath.basename(p), p) for p in found)
    score = max(MIN_SCORE, MAX_SCORE - len(found))
    return Score(score, f"{plural(len(found), 'binary', 'binaries')} committed", evidence)
