"""Continuous integration: which CI systems are configured and what they run, as far as it shows.

Each CI file (list in ``delivery_detection.toml``) is read, never run. From YAML configs the
*units* are the job names and the values under command-like keys (``run``, ``script``,
``commands``, ``uses``, ``task``, ``name`` …); from a Jenkinsfile, its ``stage``/``sh``/``bat``
lines. Each unit is classified as tests, lint, build or deploy by keyword regexes (also data).
YAML that cannot be read safely is reported as "could not read", never guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from cto.analyzers.code_interface import TreeSnapshot
from cto.analyzers.delivery_patterns import compiled, detection, first_match, glob_sets
from cto.analyzers.yaml_files import load_yaml

#: What CI runs, in the order reports list it.
KINDS = ("tests", "lint", "build", "deploy")
#: At most this many example commands are kept per kind and file.
EXAMPLES = 5
_JENKINS_STEP = re.compile(r"^\s*(stage|sh|bat|powershell|pwsh)\b\s*[\(\"']", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class CiFile:
    """One CI configuration file.

    Attributes:
        path: repository-relative path.
        system: CI system ("GitHub Actions").
        readable: False when the file could not be read or parsed.
        runs: kind ("tests", "lint", "build", "deploy") -> example units that do it, for the
            kinds found; empty when unreadable.
        problem: why it could not be read ("" when readable).
    """

    path: str
    system: str
    readable: bool
    runs: Mapping[str, tuple[str, ...]]
    problem: str = ""


@dataclass(frozen=True)
class ContinuousIntegration:
    """Every CI file found, and what they run together.

    Attributes:
        files: every CI file, by path.
        systems: CI systems configured, in data order.
        runs: kinds any readable file runs, in :data:`KINDS` order.
    """

    files: tuple[CiFile, ...]
    systems: tuple[str, ...]
    runs: tuple[str, ...]

    @property
    def unreadable(self) -> tuple[CiFile, ...]:
        """CI files that could not be read."""
        return tuple(f for f in self.files if not f.readable)


def analyze(snapshot: TreeSnapshot) -> ContinuousIntegration:
    """Find the CI files of ``snapshot`` and classify what they run."""
    found: list[CiFile] = []
    specs = detection()["ci"]["system"]
    globs = _system_globs()
    for path in snapshot.paths():
        index = first_match(path, globs)
        if index is not None:
            found.append(_read(path, specs[index], snapshot))
    systems = [s["name"] for s in specs]
    return ContinuousIntegration(
        files=tuple(found),
        systems=tuple(name for name in systems if any(f.system == name for f in found)),
        runs=tuple(k for k in KINDS if any(k in f.runs for f in found)),
    )


@cache
def _system_globs() -> tuple[tuple[str, ...], ...]:
    return glob_sets(detection()["ci"]["system"], "globs")


def classify(units: list[str]) -> dict[str, tuple[str, ...]]:
    """Kind -> the units (deduplicated, at most :data:`EXAMPLES`) that match its keywords."""
    kinds: Mapping[str, list[str]] = detection()["ci"]["kinds"]
    runs: dict[str, tuple[str, ...]] = {}
    for kind in KINDS:
        hits = [u for u in dict.fromkeys(units) if any(compiled(r).search(u) for r in kinds[kind])]
        if hits:
            runs[kind] = tuple(hits[:EXAMPLES])
    return runs


def _read(path: str, system: Mapping[str, Any], snapshot: TreeSnapshot) -> CiFile:
    name = str(system["name"])
    text = snapshot.read_text(path)
    if text is None:
        return CiFile(path, name, False, {}, "binary or too large")
    if system["format"] == "jenkins":
        units = [line.strip() for line in text.splitlines() if _JENKINS_STEP.match(line)]
        return CiFile(path, name, True, classify(units))
    data = load_yaml(text)
    if not isinstance(data, dict):
        return CiFile(path, name, False, {}, "not valid YAML (or uses aliases)")
    units = list(_yaml_units(data, bool(system.get("top_level_jobs"))))
    return CiFile(path, name, True, classify(units))


def _yaml_units(data: Mapping[Any, Any], top_level_jobs: bool) -> Iterator[str]:
    ci = detection()["ci"]
    if top_level_jobs:
        yield from (k for k in data if isinstance(k, str))
    yield from _walk(data, set(ci["command_keys"]), set(ci["job_containers"]), 0)


def _walk(node: Any, command_keys: set[str], containers: set[str], depth: int) -> Iterator[str]:
    if depth > 40:
        return
    if isinstance(node, list):
        for item in node:
            yield from _walk(item, command_keys, containers, depth + 1)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in containers and isinstance(value, dict):
                yield from (k for k in value if isinstance(k, str))
            if key in command_keys:
                yield from _strings(value)
            yield from _walk(value, command_keys, containers, depth + 1)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield from (line.strip() for line in value.splitlines() if line.strip())
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, str):
                yield from _strings(item)
