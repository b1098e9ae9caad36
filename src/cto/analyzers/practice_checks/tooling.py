"""Fuzzing, SAST and packaging: tools the repository's configuration shows it uses.

After OpenSSF Scorecard's Fuzzing (``checks/raw/fuzzing.go``: 10 with any fuzzer, else 0), SAST
(``checks/evaluation/sast.go``: a tool run in CI scores 10; Scorecard weighs a configured tool at
7 against its run on pull requests at 3, which cto cannot see, so a tool configured but not seen
in CI scores 7) and Packaging (10 with a publishing workflow, else inconclusive).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from cto.analyzers.practice_checks.base import MAX_SCORE, MIN_SCORE, Score, inconclusive, present
from cto.analyzers.practice_checks.tree import Tree, step_text
from cto.findings import Evidence

MAX_SCANNED_FILES = 5_000
CONFIGURED_SAST_SCORE = 7
_FUZZ_DIRS = (".clusterfuzzlite", "oss-fuzz", "ossfuzz")
_FUZZ_CODE = (
    ("Go native fuzzing", re.compile(r"func\s+Fuzz\w*\s*\(\s*\w+\s+\*testing\.F\s*\)")),
    ("atheris", re.compile(r"^\s*(import atheris|from atheris import)", re.MULTILINE)),
    ("libFuzzer", re.compile(r"LLVMFuzzerTestOneInput")),
    ("Jazzer", re.compile(r"com\.code_intelligence\.jazzer|@FuzzTest")),
    ("cargo-fuzz", re.compile(r"libfuzzer-sys|fuzz_target!")),
)
_SOURCE_SUFFIXES = (".go", ".py", ".c", ".cc", ".cpp", ".cxx", ".java", ".kt", ".rs", ".toml")
_SAST_IN_CI = (
    ("CodeQL", re.compile(r"github/codeql-action/(init|analyze)")),
    ("Semgrep", re.compile(r"semgrep", re.IGNORECASE)),
    ("SonarQube/SonarCloud", re.compile(r"sonar(cloud|qube|source|-scanner)", re.IGNORECASE)),
    ("Snyk", re.compile(r"snyk/actions|\bsnyk (test|code)\b")),
    ("Bandit", re.compile(r"\bbandit\b")),
    ("gosec", re.compile(r"\bgosec\b")),
    ("Brakeman", re.compile(r"\bbrakeman\b")),
    ("GitLab SAST", re.compile(r"Security/SAST\.gitlab-ci\.yml")),
)
_SAST_CONFIG = {
    ".semgrep.yml": "Semgrep", ".semgrep.yaml": "Semgrep", "sonar-project.properties": "SonarQube",
    ".bandit": "Bandit", ".snyk": "Snyk", ".github/codeql/codeql-config.yml": "CodeQL",
    ".pre-commit-config.yaml": "",
}  # fmt: skip
_PUBLISH = (
    ("PyPI", re.compile(r"pypa/gh-action-pypi-publish|\btwine upload\b|\b(poetry|flit) publish\b")),
    ("npm", re.compile(r"\b(npm|yarn|pnpm) publish\b")),
    ("GoReleaser", re.compile(r"goreleaser/goreleaser-action|\bgoreleaser release\b")),
    ("crates.io", re.compile(r"\bcargo publish\b")),
    ("RubyGems", re.compile(r"\bgem push\b")),
)


def _fuzz_candidates(tree: Tree) -> list[str]:
    wanted = [
        p for p in tree.paths
        if p.endswith(_SOURCE_SUFFIXES) and ("fuzz" in p.lower() or p.endswith("_test.go"))
    ]  # fmt: skip
    return wanted[:MAX_SCANNED_FILES]


def fuzzing(tree: Tree) -> Score:
    """10 when a fuzzer is set up (OSS-Fuzz, ClusterFuzzLite or a fuzz target), else 0."""
    found: list[Evidence] = []
    for folder in _FUZZ_DIRS:
        found += [Evidence("fuzzing", folder, p) for p in tree.under(folder)[:1]]
    for path in _fuzz_candidates(tree):
        text = tree.read(path) or ""
        found += [Evidence("fuzzing", name, path) for name, rx in _FUZZ_CODE if rx.search(text)]
    tools = ", ".join(sorted({e.value for e in found}))
    return present(tuple(found), f"fuzzing with {tools}", "no fuzzing set up")


def _sast_config(tree: Tree) -> Iterator[Evidence]:
    tools = {name.lower(): tool for name, tool in _SAST_CONFIG.items()}
    for path in tree.find(_SAST_CONFIG):
        tool = tools[path.lower()]
        if not tool:  # pre-commit: only the SAST hooks count
            text = tree.read(path) or ""
            tool = next((n for n, rx in _SAST_IN_CI[1:] if rx.search(text)), "")
        if tool:
            yield Evidence("SAST configured", tool, path)


def sast(tree: Tree) -> Score:
    """10 when a SAST tool runs in CI, 7 when only configured, 0 when there is none."""
    in_ci = tuple(
        Evidence("SAST in CI", name, path)
        for path, text in tree.ci_texts
        for name, rx in _SAST_IN_CI
        if rx.search(text)
    )
    if in_ci:
        return Score(MAX_SCORE, f"runs in CI: {', '.join(sorted({e.value for e in in_ci}))}", in_ci)
    configured = tuple(_sast_config(tree))
    if configured:
        tools = ", ".join(sorted({e.value for e in configured}))
        return Score(CONFIGURED_SAST_SCORE, f"configured but not seen in CI: {tools}", configured)
    return Score(MIN_SCORE, "no static security analysis (SAST) tool")


def _docker_pushes(tree: Tree) -> Iterator[Evidence]:
    for workflow in tree.workflows:
        for _, step in workflow.steps():
            options = step.get("with")
            push = options.get("push") if isinstance(options, Mapping) else None
            if step_text(step, "uses").startswith("docker/build-push-action") and push not in (
                None, False, "false",
            ):  # fmt: skip
                yield Evidence("publishes", "container image", workflow.path)


def packaging(tree: Tree) -> Score:
    """10 when a CI workflow publishes a package or image, else inconclusive (as Scorecard)."""
    found = [
        Evidence("publishes", name, path)
        for path, text in tree.ci_texts
        for name, rx in _PUBLISH
        if rx.search(text)
    ]
    found += _docker_pushes(tree)
    if not found:
        return inconclusive("no publishing workflow found")
    return Score(
        MAX_SCORE, f"publishes: {', '.join(sorted({e.value for e in found}))}", tuple(found)
    )
