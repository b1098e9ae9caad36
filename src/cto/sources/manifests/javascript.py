"""npm manifests and lockfiles: ``package.json`` and ``package-lock.json`` (v1, v2, v3).

A version is pinned when it names one exact release (``1.2.3``); ranges (``^1.2.0``), tags
(``latest``), git and URL specs are not. ``workspace:``, ``file:``, ``link:`` and ``portal:``
specs point at the project's own code and are left out. An ``npm:other@^1`` alias is recorded
under the package it installs.
"""

from __future__ import annotations

import json
import re
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
    table,
)

#: package.json sections and the scope of what they declare (peers are needed at run time).
SECTIONS = (
    ("dependencies", RUNTIME), ("devDependencies", DEV),
    ("optionalDependencies", OPTIONAL), ("peerDependencies", RUNTIME),
)  # fmt: skip
LOCAL_PROTOCOLS = ("workspace:", "file:", "link:", "portal:")
_EXACT = re.compile(r"^[=v]?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$")


def exact_version(spec: str) -> str | None:
    """The one release an npm spec names (``1.2.3``, ``=1.2.3``, ``v1.2.3``), else ``None``."""
    match = _EXACT.match(spec.strip())
    return match.group(1) if match else None


def declared(data: Mapping[str, Any]) -> Iterator[tuple[str, str, str, str]]:
    """(section, scope, name, spec) of every dependency a package.json object declares."""
    for section, scope in SECTIONS:
        for name, spec in table(data.get(section), section).items():
            if isinstance(spec, str):
                yield section, scope, name, spec


def parse_package_json(source: ManifestText) -> list[Dependency]:
    """Dependencies, devDependencies, optionalDependencies and peerDependencies."""
    data = _object(source.text)
    records = []
    for section, scope, name, spec in declared(data):
        if spec.startswith(LOCAL_PROTOCOLS):
            continue
        target, requirement = name, spec
        if spec.startswith("npm:"):
            target, _, requirement = spec[4:].rpartition("@")
            target = target or spec[4:]
        section_at = source.text.find(f'"{section}"')
        line = source.line_of(f'"{name}"', section_at) if section_at >= 0 else None
        records.append(dependency(
            "npm", target, exact_version(requirement), requirement,
            direct=True, scope=scope, source=source, line=line,
        ))  # fmt: skip
    return records


def parse_package_lock(source: ManifestText) -> list[Dependency]:
    """``packages`` (lockfile v2, v3) or else the nested ``dependencies`` tree (v1)."""
    data = _object(source.text)
    packages = table(data.get("packages"), "packages")
    source.knows_scope = True
    if packages:
        source.knows_direct = True
        return _packages(source, packages)
    return list(_tree(source, table(data.get("dependencies"), "dependencies")))


def _packages(source: ManifestText, packages: Mapping[str, Any]) -> list[Dependency]:
    own = [table(v, k) for k, v in packages.items() if "node_modules/" not in f"/{k}"]
    roots = {name for entry in own for _, _, name, _ in declared(entry)}
    records = []
    for path, value in packages.items():
        entry = table(value, path)
        if "node_modules/" not in f"/{path}" or entry.get("link") is True:
            continue  # the project itself, a workspace, or a link to one
        name = entry.get("name") or path.rsplit("node_modules/", 1)[1]
        version = entry.get("version")
        top = path.count("node_modules/") == 1
        records.append(_locked(source, str(name), version, entry, top and name in roots))
    return records


def _tree(source: ManifestText, deps: Mapping[str, Any]) -> Iterator[Dependency]:
    for name, value in deps.items():
        entry = table(value, name)
        yield _locked(source, name, entry.get("version"), entry, False)
        yield from _tree(source, table(entry.get("dependencies"), name))


def _locked(
    source: ManifestText, name: str, version: Any, entry: Mapping[str, Any], direct: bool
) -> Dependency:
    if not isinstance(version, str):
        raise ManifestError(f"{name}: no version")
    exact = exact_version(version)
    if entry.get("dev") is True:
        scope = DEV
    elif entry.get("optional") is True or entry.get("devOptional") is True:
        scope = OPTIONAL
    else:
        scope = RUNTIME
    license = entry.get("license")
    return dependency(
        "npm", name, exact, None if exact else version, direct=direct, scope=scope,
        source=source, license=license if isinstance(license, str) else None,
    )  # fmt: skip


def _object(text: str) -> dict[str, Any]:
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ManifestError("not a JSON object")
    return data
