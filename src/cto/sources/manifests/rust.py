"""Rust: ``Cargo.toml`` (declared crates) and ``Cargo.lock`` (resolved crates).

In ``Cargo.toml`` a bare version (``serde = "1.0"``) is a caret range, so only ``=1.2.3`` pins.
Path dependencies and ``workspace = true`` entries are the project's own code or inherit a
``[workspace.dependencies]`` entry (read from the workspace file itself). In ``Cargo.lock`` the
packages without a ``source`` are the workspace's own crates; what they depend on is direct.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from typing import Any

from cto.analyzers.dependency_interface import Dependency
from cto.sources.manifests.common import (
    DEV,
    OPTIONAL,
    RUNTIME,
    ManifestError,
    ManifestText,
    dependency,
    items,
    table,
)

_SECTIONS = (("dependencies", RUNTIME), ("build-dependencies", RUNTIME), ("dev-dependencies", DEV))
_EXACT = re.compile(r"^=\s*(\d+\.\d+\.\d+\S*)$")


def parse_cargo_toml(source: ManifestText) -> list[Dependency]:
    """[dependencies], [build-dependencies], [dev-dependencies], per target and per workspace."""
    data = tomllib.loads(source.text)
    records = []
    for owner, section, scope in _sections(data):
        for key, value in table(owner.get(section), section).items():
            spec, name, optional = _entry(key, value)
            if spec is None:
                continue
            exact = _EXACT.match(spec)
            line = source.line_matching(
                rf'^[ \t]*(?:{re.escape(key)}\s*=|\[[\w.\'"()-]*\.{re.escape(key)}\])'
            )
            records.append(dependency(
                "crates.io", name, exact.group(1) if exact else None, spec, direct=True,
                scope=OPTIONAL if optional and scope == RUNTIME else scope,
                source=source, line=line,
            ))  # fmt: skip
    return records


def _sections(data: Mapping[str, Any]) -> Iterator[tuple[Mapping[str, Any], str, str]]:
    for section, scope in _SECTIONS:
        yield data, section, scope
    for name, target in table(data.get("target"), "[target]").items():
        for section, scope in _SECTIONS:
            yield table(target, f"target {name}"), section, scope
    yield table(data.get("workspace"), "[workspace]"), "dependencies", RUNTIME


def _entry(key: str, value: Any) -> tuple[str | None, str, bool]:
    """(requirement, crate name, optional) of one entry; no requirement for a path or a
    workspace-inherited crate."""
    if isinstance(value, str):
        return value, key, False
    entry = table(value, key)
    name = str(entry.get("package", key))
    optional = entry.get("optional") is True
    if isinstance(entry.get("version"), str):
        return entry["version"], name, optional
    if isinstance(entry.get("git"), str):
        return f"git+{entry['git']}", name, optional
    return None, name, optional


def parse_cargo_lock(source: ManifestText) -> list[Dependency]:
    """Every ``[[package]]`` with a source; direct when a workspace crate depends on it."""
    data = tomllib.loads(source.text)
    packages = [table(p, "[[package]]") for p in items(data.get("package"), "[[package]]")]
    own = [p for p in packages if "source" not in p]
    direct = {str(d).split(" ", 1)[0] for p in own for d in items(p.get("dependencies"), "deps")}
    source.knows_direct = True
    lines = {
        (m.group(1), m.group(2)): source.line_at(m.start())
        for m in re.finditer(r'^name = "([^"]+)"\nversion = "([^"]+)"', source.text, re.M)
    }
    records = []
    for package in packages:
        name, version = package.get("name"), package.get("version")
        if not isinstance(name, str) or not isinstance(version, str):
            raise ManifestError("a [[package]] without a name or a version")
        if package in own:
            continue
        records.append(dependency(
            "crates.io", name, version, None, direct=name in direct, scope=RUNTIME,
            source=source, line=lines.get((name, version)),
        ))  # fmt: skip
    return records
