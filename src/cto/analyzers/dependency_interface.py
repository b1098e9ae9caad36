"""Dependencies as the supply-chain analyzers read them: one record per declared or locked package.

Produced by ``cto.sources.manifests`` from manifests and lockfiles in the audited tree (never by
running a package manager). Ecosystem names are OSV's, so a dependency can be matched against
vulnerability records without translation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cto.findings import NotAssessed

#: OSV ecosystem names cto reads.
ECOSYSTEMS = ("PyPI", "npm", "Go", "crates.io", "RubyGems", "Maven", "Packagist", "NuGet")


@dataclass(frozen=True, slots=True)
class Dependency:
    """One package a project depends on, as one manifest or lockfile states it.

    Attributes:
        ecosystem: OSV ecosystem ("PyPI", "npm", "Go", "crates.io", "RubyGems", "Maven",
            "Packagist", "NuGet").
        name: package name as the ecosystem spells it (normalised where the ecosystem says
            names are case- or separator-insensitive, e.g. PEP 503 for PyPI).
        version: the exact version when pinned or locked, else ``None``.
        requirement: the requirement as written ("^1.2.0", ">=2,<3", "==1.0"), if any.
        purl: package URL (``pkg:pypi/requests@2.31.0``; no version when unknown).
        direct: True when the project declares it itself; False when only a lockfile brings it.
        scope: "runtime", "dev" or "optional".
        source: path of the manifest or lockfile it comes from.
        line: line in that file where it is declared, when known.
        license: license expression the lockfile or manifest declares for it, when it does.
    """

    ecosystem: str
    name: str
    version: str | None
    requirement: str | None
    purl: str
    direct: bool
    scope: str
    source: str
    line: int | None = None
    license: str | None = None


@dataclass(frozen=True, slots=True)
class Manifest:
    """One manifest or lockfile found in the tree.

    Attributes:
        path: where it is.
        ecosystem: OSV ecosystem it belongs to.
        manager: the tool that owns it ("pip", "poetry", "pipenv", "uv", "npm", "yarn", "pnpm",
            "go", "cargo", "bundler", "maven", "gradle", "composer", "nuget").
        kind: "manifest" (declares what is wanted) or "lockfile" (records what was resolved).
        dependencies: how many dependency records it gave.
        error: why it could not be read, if it could not (the rest of the tree is still read).
    """

    path: str
    ecosystem: str
    manager: str
    kind: str
    dependencies: int
    error: str | None = None


@dataclass(frozen=True)
class DependencyFacts:
    """Every dependency of the audited tree, and the files they were read from."""

    dependencies: tuple[Dependency, ...]
    manifests: tuple[Manifest, ...]
    not_assessed: tuple[NotAssessed, ...] = field(default_factory=tuple)
