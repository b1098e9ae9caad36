"""Python project manifests: ``pyproject.toml`` (PEP 621, PEP 735 groups, Poetry) and ``Pipfile``.

Declared requirements only: what is wanted, not what was resolved. In Poetry a bare version
(``requests = "2.31.0"``) is an exact pin, ``^``/``~`` constraints are ranges; a path dependency
is the project's own code and is left out.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from cto.analyzers.dependency_interface import Dependency
from cto.sources.manifests.common import (
    DEV,
    OPTIONAL,
    RUNTIME,
    ManifestError,
    ManifestText,
    dependency,
    pep503,
    table,
)
from cto.sources.manifests.python_requirements import pinned_version, split_requirement

#: A bare version (exact in Poetry) or ``==``/``=`` with one version and no wildcard.
_EXACT = re.compile(r"^(?:==?)?\s*(\d[\w.+!-]*)$")


def parse_pyproject(source: ManifestText) -> list[Dependency]:
    """PEP 621 ``[project]`` dependencies, PEP 735 ``[dependency-groups]`` and Poetry's tables."""
    data = tomllib.loads(source.text)
    tool = table(data.get("tool"), "[tool]")
    poetry = table(tool.get("poetry"), "[tool.poetry]")
    source.manager = next((m for m in ("poetry", "uv", "pdm") if m in tool), "pip")
    project = table(data.get("project"), "[project]")
    records = _pep508(source, project.get("dependencies"), RUNTIME)
    for group in table(project.get("optional-dependencies"), "optional-dependencies").values():
        records += _pep508(source, group, OPTIONAL)
    for group in table(data.get("dependency-groups"), "[dependency-groups]").values():
        records += _pep508(source, group, DEV)
    records += _poetry(source, poetry.get("dependencies"), RUNTIME, "[tool.poetry.dependencies]")
    records += _poetry(source, poetry.get("dev-dependencies"), DEV, "[tool.poetry.dev-dep")
    for name, group in table(poetry.get("group"), "[tool.poetry.group]").items():
        deps = table(group, f"group {name}").get("dependencies")
        records += _poetry(source, deps, DEV, f"[tool.poetry.group.{name}.dependencies]")
    return records


def parse_pipfile(source: ManifestText) -> list[Dependency]:
    """``[packages]`` (runtime) and ``[dev-packages]`` (dev) of a Pipfile."""
    data = tomllib.loads(source.text)
    return [
        *_poetry(source, data.get("packages"), RUNTIME, "[packages]"),
        *_poetry(source, data.get("dev-packages"), DEV, "[dev-packages]"),
    ]


def _pep508(source: ManifestText, requirements: Any, scope: str) -> list[Dependency]:
    records = []
    for text in requirements or []:
        if not isinstance(text, str):
            continue  # a PEP 735 {include-group = "…"} table names no package
        split = split_requirement(text)
        if split is None:
            raise ManifestError(f"unreadable requirement {text[:80]!r}")
        name, spec = split
        line = source.line_of(f'"{text}"') or source.line_of(f"'{text}'")
        records.append(dependency(
            "PyPI", pep503(name), pinned_version(spec), spec,
            direct=True, scope=scope, source=source, line=line,
        ))  # fmt: skip
    return records


def _poetry(source: ManifestText, deps: Any, scope: str, header: str) -> list[Dependency]:
    records = []
    for name, value in table(deps, header).items():
        if name.lower() == "python":
            continue  # the interpreter, not a package
        spec, kind = _constraint(value)
        if spec is None:
            continue  # path or project-local dependency: the project's own code
        exact = _EXACT.match(spec)
        line = source.line_matching(rf'^[ \t]*["\']?{re.escape(name)}["\']?\s*=', after=header)
        records.append(dependency(
            "PyPI", pep503(name), exact.group(1) if exact else None, spec,
            direct=True, scope=OPTIONAL if kind == OPTIONAL and scope == RUNTIME else scope,
            source=source, line=line,
        ))  # fmt: skip
    return records


def _constraint(value: Any) -> tuple[str | None, str]:
    """(constraint, "runtime" or "optional") of a Poetry or Pipfile entry."""
    if isinstance(value, str):
        return value, RUNTIME
    if isinstance(value, list):  # Poetry multiple-constraint list: one entry per marker
        specs = [_constraint(v)[0] for v in value]
        return " || ".join(s for s in specs if s) or None, RUNTIME
    if isinstance(value, dict):
        kind = OPTIONAL if value.get("optional") is True else RUNTIME
        for key in ("version", "git", "url"):
            if isinstance(value.get(key), str):
                prefix = "" if key == "version" else f"{key}+"
                return f"{prefix}{value[key]}", kind
        return None, kind
    raise ManifestError(f"unexpected dependency value {value!r:.60}")
