"""NuGet lockfiles (``packages.lock.json``): one dependency map per target framework.

``"type": "Direct"`` entries are what the project references, ``"Transitive"`` and
``"CentralTransitive"`` what they bring, ``"Project"`` another project of the same solution
(left out). ``resolved`` is the locked version. NuGet has no dev dependencies.
"""

from __future__ import annotations

import json

from cto.analyzers.dependency_interface import Dependency
from cto.sources.manifests.common import RUNTIME, ManifestError, ManifestText, dependency, table


def parse_packages_lock(source: ManifestText) -> list[Dependency]:
    """Every package of every framework (the same package in two frameworks is one record)."""
    data = json.loads(source.text)
    if not isinstance(data, dict):
        raise ManifestError("not a JSON object")
    source.knows_direct = source.knows_scope = True
    records = []
    for framework, packages in table(data.get("dependencies"), "dependencies").items():
        for name, value in table(packages, framework).items():
            entry = table(value, name)
            kind = entry.get("type")
            if kind == "Project":
                continue
            resolved = entry.get("resolved")
            if not isinstance(resolved, str):
                raise ManifestError(f"{framework}/{name}: no resolved version")
            requested = entry.get("requested")
            records.append(dependency(
                "NuGet", name, resolved, requested if isinstance(requested, str) else None,
                direct=kind == "Direct", scope=RUNTIME, source=source,
            ))  # fmt: skip
    return records
