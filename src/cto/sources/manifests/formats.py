"""Which files are manifests or lockfiles, and which parser reads each: one explicit list."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from cto.analyzers.dependency_interface import Dependency
from cto.sources.manifests import dotnet, go, java, javascript, php, ruby, rust
from cto.sources.manifests.common import ManifestText
from cto.sources.manifests.javascript_pnpm import parse_pnpm_lock
from cto.sources.manifests.javascript_yarn import parse_yarn_lock
from cto.sources.manifests.python_locks import (
    parse_pipfile_lock,
    parse_poetry_lock,
    parse_uv_lock,
)
from cto.sources.manifests.python_projects import parse_pipfile, parse_pyproject
from cto.sources.manifests.python_requirements import parse_requirements

Parser = Callable[[ManifestText], list[Dependency]]
MANIFEST, LOCKFILE = "manifest", "lockfile"


@dataclass(frozen=True)
class Format:
    """A kind of file cto reads dependencies from.

    Attributes:
        ecosystem: OSV ecosystem.
        manager: the tool that owns the file (a parser may refine it).
        kind: "manifest" or "lockfile" (a parser may find a manifest is really a lockfile).
        parse: the parser.
    """

    ecosystem: str
    manager: str
    kind: str
    parse: Parser


#: Files by exact name.
BY_NAME: dict[str, Format] = {
    "pyproject.toml": Format("PyPI", "pip", MANIFEST, parse_pyproject),
    "Pipfile": Format("PyPI", "pipenv", MANIFEST, parse_pipfile),
    "poetry.lock": Format("PyPI", "poetry", LOCKFILE, parse_poetry_lock),
    "Pipfile.lock": Format("PyPI", "pipenv", LOCKFILE, parse_pipfile_lock),
    "uv.lock": Format("PyPI", "uv", LOCKFILE, parse_uv_lock),
    "package.json": Format("npm", "npm", MANIFEST, javascript.parse_package_json),
    "package-lock.json": Format("npm", "npm", LOCKFILE, javascript.parse_package_lock),
    "npm-shrinkwrap.json": Format("npm", "npm", LOCKFILE, javascript.parse_package_lock),
    "yarn.lock": Format("npm", "yarn", LOCKFILE, parse_yarn_lock),
    "pnpm-lock.yaml": Format("npm", "pnpm", LOCKFILE, parse_pnpm_lock),
    "go.mod": Format("Go", "go", MANIFEST, go.parse_go_mod),
    "go.sum": Format("Go", "go", LOCKFILE, go.parse_go_sum),
    "Cargo.toml": Format("crates.io", "cargo", MANIFEST, rust.parse_cargo_toml),
    "Cargo.lock": Format("crates.io", "cargo", LOCKFILE, rust.parse_cargo_lock),
    "Gemfile": Format("RubyGems", "bundler", MANIFEST, ruby.parse_gemfile),
    "Gemfile.lock": Format("RubyGems", "bundler", LOCKFILE, ruby.parse_gemfile_lock),
    "pom.xml": Format("Maven", "maven", MANIFEST, java.parse_pom),
    "gradle.lockfile": Format("Maven", "gradle", LOCKFILE, java.parse_gradle_lockfile),
    "composer.json": Format("Packagist", "composer", MANIFEST, php.parse_composer_json),
    "composer.lock": Format("Packagist", "composer", LOCKFILE, php.parse_composer_lock),
    "packages.lock.json": Format("NuGet", "nuget", LOCKFILE, dotnet.parse_packages_lock),
}
REQUIREMENTS = Format("PyPI", "pip", MANIFEST, parse_requirements)
GRADLE_LOCKS = BY_NAME["gradle.lockfile"]
_REQUIREMENTS_NAME = re.compile(r"(?i)^(?:[\w.-]*[-_.])?requirements(?:[-_.][\w.-]*)?\.(?:txt|in)$")

#: Files whose dependencies are code (never run), with the lockfile that would make them readable.
UNREAD: dict[str, tuple[str, str]] = {
    "build.gradle": ("gradle.lockfile", "Gradle build scripts are code and were not read; Gradle "
                     "dependency locking (gradle.lockfile) would make them auditable"),
    "build.gradle.kts": ("gradle.lockfile", "Gradle build scripts are code and were not read; "
                         "Gradle dependency locking (gradle.lockfile) would make them auditable"),
    "setup.py": ("", "setup.py is code and was not read; declaring dependencies in "
                 "pyproject.toml would make them auditable"),
    ".csproj": ("packages.lock.json", ".NET project files were not read; NuGet lock files "
                "(RestorePackagesWithLockFile) would make their packages auditable"),
}  # fmt: skip


def format_of(path: str) -> Format | None:
    """The format of the file at ``path``, ``None`` when it is not a manifest or lockfile."""
    name = posixpath.basename(path)
    directory = posixpath.basename(posixpath.dirname(path))
    if name in BY_NAME:
        return BY_NAME[name]
    if _REQUIREMENTS_NAME.match(name) or (
        directory == "requirements" and name.endswith((".txt", ".in"))
    ):
        return REQUIREMENTS
    if name.endswith(".lockfile") and path.endswith(f"gradle/dependency-locks/{name}"):
        return GRADLE_LOCKS
    return None


def unread_reason(path: str, present: set[str]) -> str | None:
    """Why a build file at ``path`` gave no dependencies, when it is one and no lockfile of it
    (among ``present`` paths) stands beside it."""
    name = posixpath.basename(path)
    key = ".csproj" if name.endswith((".csproj", ".fsproj", ".vbproj")) else name
    if key not in UNREAD:
        return None
    lockfile, reason = UNREAD[key]
    directory = posixpath.dirname(path)
    if lockfile and posixpath.join(directory, lockfile) in present:
        return None
    if key == "setup.py" and posixpath.join(directory, "pyproject.toml") in present:
        return None
    return reason
