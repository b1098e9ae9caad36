"""pnpm lockfiles (``pnpm-lock.yaml``), lockfile versions 5.x, 6.x and 9.x.

Package keys differ by version: ``/name/1.2.3_peer@1.0.0`` (5.x), ``/name@1.2.3(peer@1.0.0)``
(6.x) and ``name@1.2.3`` (9.x). The importers (``importers:`` in a workspace, the top level of a
single-project 5.x or 6.x file) list the direct dependencies; ``link:`` versions are the project's
own packages. 5.x and 6.x mark dev-only packages with ``dev: true``; 9.x does not, so there only
direct dependencies get a dev scope.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from cto.analyzers.dependency_interface import Dependency
from cto.analyzers.yaml_files import load_yaml
from cto.sources.manifests.common import (
    DEV,
    MAX_MANIFEST_BYTES,
    OPTIONAL,
    RUNTIME,
    ManifestError,
    ManifestText,
    dependency,
    table,
)
from cto.sources.manifests.javascript import exact_version

_IMPORTER_SECTIONS = (
    ("dependencies", RUNTIME), ("devDependencies", DEV), ("optionalDependencies", OPTIONAL),
)  # fmt: skip
_PEERS = re.compile(r"[(_].*$")


def parse_pnpm_lock(source: ManifestText) -> list[Dependency]:
    """Every package of ``packages:``, direct when an importer depends on that version."""
    data = load_yaml(source.text, max_bytes=MAX_MANIFEST_BYTES)
    if not isinstance(data, dict):
        raise ManifestError("unreadable YAML (invalid, over the size cap, or using aliases)")
    major = int(float(str(data.get("lockfileVersion", "0")).split(".")[0] or 0))
    importers = table(data.get("importers"), "importers") or {".": data}
    direct = _direct(importers)
    source.knows_direct = source.knows_scope = True
    records = []
    for key, value in table(data.get("packages"), "packages").items():
        split = _split_key(str(key), major)
        if split is None:
            source.skipped.append(f"{source.path}: package key {str(key)[:80]} not understood")
            continue
        name, version = split
        entry = table(value, str(key))
        scope = direct.get((name, version), _scope(entry))
        exact = exact_version(version)
        records.append(dependency(
            "npm", name, exact, None if exact else version,
            direct=(name, version) in direct, scope=scope, source=source,
        ))  # fmt: skip
    return records


def _direct(importers: Mapping[str, Any]) -> dict[tuple[str, str], str]:
    """(name, version) -> scope of every dependency an importer declares."""
    found: dict[tuple[str, str], str] = {}
    for path, importer in importers.items():
        for section, scope in _IMPORTER_SECTIONS:
            for name, value in table(table(importer, path).get(section), section).items():
                version = value.get("version") if isinstance(value, dict) else value
                version = _PEERS.sub("", str(version))
                if not version.startswith("link:"):
                    found.setdefault((name, version), scope)
    return found


def _split_key(key: str, major: int) -> tuple[str, str] | None:
    """(name, version) of a ``packages:`` key, without peer suffixes; ``None`` when unreadable
    or not a registry release (a git or tarball key)."""
    key = key.lstrip("/")
    if major and major < 6:
        name, _, version = key.rpartition("/")
        version = version.split("_", 1)[0]
    else:
        key = key.split("(", 1)[0]
        at = key.rfind("@")
        name, version = (key[:at], key[at + 1 :]) if at > 0 else ("", "")
    return (name, version) if name and version[:1].isdigit() else None


def _scope(entry: Mapping[str, Any]) -> str:
    if entry.get("dev") is True:
        return DEV
    if entry.get("optional") is True:
        return OPTIONAL
    return RUNTIME
