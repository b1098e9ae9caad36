"""Yarn lockfiles: classic ``yarn.lock`` v1 (its own text format) and Yarn berry (YAML).

Classic entries open with an unindented header listing the specs they satisfy
(``"@babel/core@^7.0.0", "@babel/core@^7.1.0":``) followed by an indented ``version "7.1.2"``;
nothing in the file says which packages are direct, so the sibling ``package.json`` does. Berry
files start with ``__metadata:``; their ``workspace:`` entries are the project's own packages and
list its direct dependencies, ``patch:`` entries repeat a package already listed.
"""

from __future__ import annotations

import re
from typing import Any

from cto.analyzers.dependency_interface import Dependency
from cto.analyzers.yaml_files import load_yaml
from cto.sources.manifests.common import (
    MAX_MANIFEST_BYTES,
    RUNTIME,
    ManifestError,
    ManifestText,
    dependency,
    table,
)
from cto.sources.manifests.javascript import exact_version

_BERRY = re.compile(r"(?m)^__metadata:")
_VERSION = re.compile(r'^\s+version:?\s+"?([^"\s]+)"?\s*$')


def parse_yarn_lock(source: ManifestText) -> list[Dependency]:
    """Every locked package of a classic or berry ``yarn.lock``."""
    return _berry(source) if _BERRY.search(source.text) else _classic(source)


def _classic(source: ManifestText) -> list[Dependency]:
    records = []
    header: tuple[str, int] | None = None
    for number, line in enumerate(source.text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not line[0].isspace():
            if header is not None:
                raise ManifestError(f"line {header[1]}: an entry without a version")
            if not line.rstrip().endswith(":"):
                raise ManifestError(f"line {number}: not a yarn.lock v1 entry")
            header = (_spec_name(line.rstrip()[:-1].split(",")[0].strip().strip('"')), number)
            continue
        version = _VERSION.match(line)
        if version and header is not None and line.startswith("  ") and line[2] != " ":
            name, start = header
            records.append(_record(source, name, version.group(1), start))
            header = None
    if header is not None:
        raise ManifestError(f"line {header[1]}: an entry without a version")
    return records


def _spec_name(spec: str) -> str:
    """``@babel/core`` of ``@babel/core@^7.0.0``; the target of an ``npm:`` alias."""
    name = spec.rpartition("@")[0] if "@" in spec[1:] else spec
    # "alias@npm:target@^1" is split at its last "@": the alias is what the name still holds
    return name.split("@npm:", 1)[1] if "@npm:" in name else name


def _berry(source: ManifestText) -> list[Dependency]:
    data = load_yaml(source.text, max_bytes=MAX_MANIFEST_BYTES)
    if not isinstance(data, dict):
        raise ManifestError("unreadable YAML (invalid, over the size cap, or using aliases)")
    direct: set[str] = set()
    locked: list[tuple[str, str, Any, str]] = []
    for key, value in data.items():
        if key == "__metadata":
            continue
        entry = table(value, str(key))
        resolution = str(entry.get("resolution", ""))
        at = resolution.find("@", 1)
        name, reference = resolution[:at], resolution[at + 1 :]
        if at <= 0 or reference.startswith("patch:"):
            continue
        if reference.startswith("workspace:"):
            direct |= set(table(entry.get("dependencies"), "dependencies"))
            direct |= set(table(entry.get("peerDependencies"), "peerDependencies"))
            continue
        locked.append((name, reference, entry.get("version"), str(key)))
    source.knows_direct = True
    lines = {
        m.group(1): source.line_at(m.start())
        for m in re.finditer(r'^"?([^\s"][^\n]*?)"?:[ \t]*$', source.text, re.M)
    }
    return [
        _record(source, name, str(version) if ref.startswith("npm:") else ref, lines.get(key),
                direct=name in direct)
        for name, ref, version, key in locked
    ]  # fmt: skip


def _record(
    source: ManifestText,
    name: str,
    version: str,
    line: int | None,
    *,
    direct: bool = False,
) -> Dependency:
    exact = exact_version(version)
    return dependency(
        "npm", name, exact, None if exact else version,
        direct=direct, scope=RUNTIME, source=source, line=line,
    )  # fmt: skip
