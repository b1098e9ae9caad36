"""The stack: frameworks and runtimes detected from manifests, by rules kept in ``stacks.toml``.

Manifests are read through the tree snapshot, never run: each manifest format has a small parser
that lists its dependency names (a ``package.json``'s dependencies, a ``go.mod``'s required modules,
…); each ``[[framework]]`` rule matches those names with an fnmatch pattern. Runtime versions come
from one regular expression per file (``engines.node``, ``requires-python``, ``go 1.22``, a
Dockerfile ``FROM python:3.12``…). Manifests in skipped (vendored, generated) paths are ignored.
"""

from __future__ import annotations

import fnmatch
import json
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cache
from importlib import resources
from typing import Any

from cto.analyzers.code_interface import CodeFacts

MAX_MANIFESTS = 500
MAX_MANIFEST_BYTES = 1_000_000


@dataclass(frozen=True)
class Technology:
    """A framework or runtime found in the tree.

    Attributes:
        name: its name ("Django", "Python").
        kind: "runtime", "web framework", "front-end library", …
        version: the version or range declared, "" when none was found.
        found_in: manifests it was read from, sorted.
    """

    name: str
    kind: str
    version: str
    found_in: tuple[str, ...]


@dataclass(frozen=True)
class StackData:
    """The detection data of ``stacks.toml``."""

    manifests: Mapping[str, str]
    frameworks: tuple[Mapping[str, Any], ...]
    runtimes: tuple[Mapping[str, Any], ...]
    not_code: frozenset[str]
    word_operators: frozenset[str]


@cache
def stack_data() -> StackData:
    """The shipped ``cto/analyzers/stacks.toml`` (detection data, not rules)."""
    text = resources.files("cto.analyzers").joinpath("stacks.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return StackData(
        manifests=data["manifests"],
        frameworks=tuple(data["framework"]),
        runtimes=tuple(data["runtime"]),
        not_code=frozenset(data["languages"]["not_code"]),
        word_operators=frozenset(data["languages"]["word_operators"]),
    )


def detect(code: CodeFacts, data: StackData | None = None) -> tuple[Technology, ...]:
    """Runtimes first, then frameworks, each by name; one entry per name, all its sources."""
    data = data or stack_data()
    skipped = {s.path for s in code.skipped}
    patterns = sorted({*data.manifests, *(r["file"] for r in data.runtimes)})
    wanted = re.compile("|".join(fnmatch.translate(p) for p in patterns))
    manifests = [p for p in code.snapshot.paths() if wanted.match(_base(p)) and p not in skipped][
        :MAX_MANIFESTS
    ]
    found: dict[tuple[str, str], tuple[str, set[str]]] = {}
    for path in manifests:
        text = code.snapshot.read_text(path, MAX_MANIFEST_BYTES)
        if text is None:
            continue
        for name, kind, version in (*_runtimes(path, text, data), *_frameworks(path, text, data)):
            old_version, sources = found.setdefault((kind, name), (version, set()))
            found[(kind, name)] = (old_version or version, sources | {path})
    ordered = sorted(found.items(), key=lambda i: (i[0][0] != "runtime", i[0][1].lower()))
    return tuple(Technology(n, k, v, tuple(sorted(s))) for (k, n), (v, s) in ordered)


def _base(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _matches(name: str, patterns: Iterable[str]) -> bool:
    return any(fnmatchcase(name, p) for p in patterns)


def _runtimes(path: str, text: str, data: StackData) -> Iterable[tuple[str, str, str]]:
    for rule in data.runtimes:
        if fnmatchcase(_base(path), rule["file"]):
            match = re.search(rule["pattern"], text, re.MULTILINE)
            if match:
                yield rule["name"], "runtime", match.group(1).strip()


def _frameworks(path: str, text: str, data: StackData) -> Iterable[tuple[str, str, str]]:
    base = _base(path)
    formats = {f for pattern, f in data.manifests.items() if fnmatchcase(base, pattern)}
    deps: dict[str, str] = {}
    for fmt in formats:
        deps.update(dependencies(fmt, text))
    lowered = {name.lower(): version for name, version in deps.items()}
    for rule in data.frameworks:
        if not _matches(base, rule["manifests"]):
            continue
        wanted = rule["dependency"].lower()
        for name, version in lowered.items():
            if fnmatchcase(name, wanted):
                yield rule["name"], rule["kind"], version
                break


def dependencies(fmt: str, text: str) -> dict[str, str]:
    """Dependency names (and declared versions, "" when none) of a manifest in format ``fmt``."""
    try:
        return _PARSERS[fmt](text)
    except (ValueError, TypeError, AttributeError):  # damaged manifests are read as empty
        return {}


def _names(items: Iterable[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in items:
        match = _REQUIREMENT.match(item)
        if match:
            found[match.group(1).replace("_", "-")] = match.group(2).strip()
    return found


_REQUIREMENT = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*([^;#\s]*)")


def _requirements(text: str) -> dict[str, str]:
    return _names(line for line in text.splitlines() if not line.lstrip().startswith(("#", "-")))


def _pyproject(text: str) -> dict[str, str]:
    data = tomllib.loads(text)
    project = data.get("project", {})
    specs = list(project.get("dependencies", []))
    for group in (*project.get("optional-dependencies", {}).values(),
                  *data.get("dependency-groups", {}).values()):  # fmt: skip
        specs.extend(s for s in group if isinstance(s, str))
    found = _names(specs)
    poetry = data.get("tool", {}).get("poetry", {})
    for table in (poetry.get("dependencies", {}), poetry.get("dev-dependencies", {})):
        found.update({k.lower(): _version(v) for k, v in table.items()})
    return found


def _pipfile(text: str) -> dict[str, str]:
    data = tomllib.loads(text)
    tables = (data.get("packages", {}), data.get("dev-packages", {}))
    return {k.lower(): _version(v) for table in tables for k, v in table.items()}


def _version(value: object) -> str:
    if isinstance(value, str):
        return "" if value == "*" else value
    if isinstance(value, Mapping):
        return str(value.get("version", ""))
    return ""


def _gemfile(text: str) -> dict[str, str]:
    pattern = r"""^\s*gem\s+['"]([^'"]+)['"](?:\s*,\s*['"]([^'"]*)['"])?"""
    return {m.group(1): m.group(2) or "" for m in re.finditer(pattern, text, re.MULTILINE)}


def _json_tables(text: str, keys: Iterable[str]) -> dict[str, str]:
    data = json.loads(text)
    found: dict[str, str] = {}
    for key in keys:
        table = data.get(key) or {}
        found.update({str(k): str(v) for k, v in table.items()})
    return found


def _package_json(text: str) -> dict[str, str]:
    keys = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")
    return _json_tables(text, keys)


def _composer(text: str) -> dict[str, str]:
    return _json_tables(text, ("require", "require-dev"))


def _maven(text: str) -> dict[str, str]:
    return {m.group(1): "" for m in re.finditer(r"<artifactId>\s*([^<\s]+)\s*</artifactId>", text)}


def _gradle(text: str) -> dict[str, str]:
    found = {
        m.group(2): m.group(3) or ""
        for m in re.finditer(r"""['"]([\w.\-]+):([\w.\-]+)(?::([^'"@]+))?['"]""", text)
    }
    found.update({m.group(1): "" for m in re.finditer(r"""\bid\s*\(?\s*['"]([\w.\-]+)""", text)})
    return found


def _go_mod(text: str) -> dict[str, str]:
    pattern = r"^\s*(?:require\s+)?([\w.\-]+\.[\w\-]+/[^\s]+)\s+(v[^\s]+)"
    return {m.group(1): m.group(2) for m in re.finditer(pattern, text, re.MULTILINE)}


def _cargo(text: str) -> dict[str, str]:
    data = tomllib.loads(text)
    tables = (
        data.get("dependencies", {}),
        data.get("dev-dependencies", {}),
        data.get("workspace", {}).get("dependencies", {}),
    )
    return {k: _version(v) for table in tables for k, v in table.items()}


def _csproj(text: str) -> dict[str, str]:
    pattern = r"""<PackageReference\s+Include\s*=\s*"([^"]+)"(?:\s+Version\s*=\s*"([^"]*)")?"""
    found = {m.group(1): m.group(2) or "" for m in re.finditer(pattern, text)}
    found.update({m.group(1): "" for m in re.finditer(r'<Project\s+Sdk\s*=\s*"([^"]+)"', text)})
    return found


_PARSERS: Mapping[str, Callable[[str], dict[str, str]]] = {
    "requirements": _requirements,
    "pyproject": _pyproject,
    "pipfile": _pipfile,
    "gemfile": _gemfile,
    "package_json": _package_json,
    "composer": _composer,
    "maven": _maven,
    "gradle": _gradle,
    "go_mod": _go_mod,
    "cargo": _cargo,
    "csproj": _csproj,
}
