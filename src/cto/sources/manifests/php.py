"""PHP: Composer's ``composer.json`` (declared) and ``composer.lock`` (resolved).

Platform requirements (``php``, ``ext-*``, ``lib-*``, ``composer-plugin-api``…) are not packages
and are left out. A lockfile ``license`` array lists licenses to choose from, so it becomes an
``OR`` expression. Package names are lower case in Packagist.
"""

from __future__ import annotations

import json
import re
from typing import Any

from cto.analyzers.dependency_interface import Dependency
from cto.sources.manifests.common import (
    DEV,
    RUNTIME,
    ManifestError,
    ManifestText,
    dependency,
    items,
    table,
)

_PLATFORM = re.compile(
    r"^(?:php(?:-64bit|-ipv6|-zts|-debug)?|hhvm|ext-.*|lib-.*|composer(?:-.*)?)$"
)
_EXACT = re.compile(r"^v?(\d+(?:\.\d+){0,3}(?:-[\w.]+)?)$")


def parse_composer_json(source: ManifestText) -> list[Dependency]:
    """``require`` (runtime) and ``require-dev`` (dev), platform requirements left out."""
    data = _object(source.text)
    records = []
    for section, scope in (("require", RUNTIME), ("require-dev", DEV)):
        start = source.text.find(f'"{section}"')
        for name, spec in table(data.get(section), section).items():
            if _PLATFORM.match(name.lower()) or "/" not in name or not isinstance(spec, str):
                continue
            exact = _EXACT.match(spec.strip())
            records.append(dependency(
                "Packagist", name.lower(), exact.group(1) if exact else None, spec,
                direct=True, scope=scope, source=source,
                line=source.line_of(f'"{name}"', start) if start >= 0 else None,
            ))  # fmt: skip
    return records


def parse_composer_lock(source: ManifestText) -> list[Dependency]:
    """``packages`` (runtime) and ``packages-dev`` (dev), with their declared licenses."""
    data = _object(source.text)
    source.knows_scope = True
    records = []
    for section, scope in (("packages", RUNTIME), ("packages-dev", DEV)):
        for package in items(data.get(section), section):
            entry = table(package, section)
            name, version = entry.get("name"), entry.get("version")
            if not isinstance(name, str) or not isinstance(version, str):
                raise ManifestError(f"a package of {section} without a name or version")
            licenses = [str(x) for x in items(entry.get("license"), "license")]
            records.append(dependency(
                "Packagist", name.lower(), version, None, direct=False, scope=scope,
                source=source, license=_expression(licenses),
            ))  # fmt: skip
    return records


def _expression(licenses: list[str]) -> str | None:
    if len(licenses) > 1:
        return " OR ".join(f"({x})" if " " in x else x for x in licenses)
    return licenses[0] if licenses else None


def _object(text: str) -> dict[str, Any]:
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ManifestError("not a JSON object")
    return data
