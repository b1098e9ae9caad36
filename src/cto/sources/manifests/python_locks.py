"""Python lockfiles: ``poetry.lock``, ``Pipfile.lock`` and ``uv.lock``.

``uv.lock`` names the project's own packages (``source = { editable | virtual = … }``) and their
dependencies, so direct dependencies and dev-only packages come from the file itself. The other
two do not say what is direct; the sibling manifest does (see :mod:`cto.sources.manifests`).
"""

from __future__ import annotations

import json
import tomllib
from collections import deque
from collections.abc import Iterable, Mapping
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
    pep503,
    table,
)

_OWN_SOURCES = ("editable", "virtual", "path", "directory")


def parse_poetry_lock(source: ManifestText) -> list[Dependency]:
    """Every ``[[package]]``: dev when ``category = "dev"`` (Poetry 1) or outside group "main"."""
    records = []
    source.knows_scope = True
    for package in items(tomllib.loads(source.text).get("package"), "[[package]]"):
        package = table(package, "[[package]]")
        groups = package.get("groups")
        if package.get("category") == "dev" or (isinstance(groups, list) and "main" not in groups):
            scope = DEV
        else:
            scope = OPTIONAL if package.get("optional") is True else RUNTIME
        records.append(_locked(source, package, scope))
    return records


def parse_pipfile_lock(source: ManifestText) -> list[Dependency]:
    """``default`` (runtime) and ``develop`` (dev) packages; ``"==1.2.3"`` gives the version."""
    data = json.loads(source.text)
    if not isinstance(data, dict):
        raise ManifestError("not a JSON object")
    records = []
    source.knows_scope = True
    for section, scope in (("default", RUNTIME), ("develop", DEV)):
        for name, entry in table(data.get(section), section).items():
            spec = table(entry, name).get("version")
            version = spec[2:] if isinstance(spec, str) and spec.startswith("==") else None
            vcs = next((f"{k}+{entry[k]}" for k in ("git", "hg", "svn") if k in entry), None)
            records.append(dependency(
                "PyPI", pep503(name), version, spec if version else vcs,
                direct=False, scope=scope, source=source,
            ))  # fmt: skip
    return records


def parse_uv_lock(source: ManifestText) -> list[Dependency]:
    """Every package that is not a workspace member, direct when a member depends on it."""
    packages = [
        table(p, "[[package]]") for p in items(tomllib.loads(source.text).get("package"), "package")
    ]
    members = [p for p in packages if set(_source(p)) & set(_OWN_SOURCES)]
    roots = {
        RUNTIME: _names(d for m in members for d in items(m.get("dependencies"), "dependencies")),
        OPTIONAL: _names(_grouped(members, "optional-dependencies")),
        DEV: _names(_grouped(members, "dev-dependencies")),
    }
    edges = {
        pep503(str(p.get("name"))): _names(items(p.get("dependencies"), "deps")) for p in packages
    }
    scopes = _reach(roots, edges)
    source.knows_direct = source.knows_scope = True
    direct = {name for names in roots.values() for name in names}
    return [
        _locked(source, p, scopes.get(pep503(str(p.get("name"))), RUNTIME), direct=direct)
        for p in packages
        if p not in members
    ]


def _source(package: Mapping[str, Any]) -> Mapping[str, Any]:
    value = package.get("source")
    return value if isinstance(value, dict) else {}


def _grouped(members: Iterable[Mapping[str, Any]], key: str) -> Iterable[Any]:
    for member in members:
        for group in table(member.get(key), key).values():
            yield from items(group, key)


def _names(entries: Iterable[Any]) -> list[str]:
    return [pep503(str(e["name"])) for e in entries if isinstance(e, dict) and "name" in e]


def _reach(roots: Mapping[str, list[str]], edges: Mapping[str, list[str]]) -> dict[str, str]:
    """The scope of each package: runtime if reachable from a runtime root, else optional, else
    dev (breadth-first, in that order of precedence)."""
    scopes: dict[str, str] = {}
    for scope in (RUNTIME, OPTIONAL, DEV):
        queue = deque(n for n in roots[scope] if n not in scopes)
        while queue:
            name = queue.popleft()
            if name in scopes:
                continue
            scopes[name] = scope
            queue.extend(n for n in edges.get(name, ()) if n not in scopes)
    return scopes


def _locked(
    source: ManifestText, package: Mapping[str, Any], scope: str, direct: set[str] | None = None
) -> Dependency:
    name, version = package.get("name"), package.get("version")
    if not isinstance(name, str) or not isinstance(version, str):
        raise ManifestError("a [[package]] without a name or a version")
    git = _source(package).get("git")
    return dependency(
        "PyPI", pep503(name), version, f"git+{git}" if isinstance(git, str) else None,
        direct=bool(direct and pep503(name) in direct), scope=scope, source=source,
    )  # fmt: skip
