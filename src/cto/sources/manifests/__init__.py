"""Dependencies of an audited tree, read from its manifests and lockfiles (never by running a
package manager or any code of the tree).

:func:`collect_dependencies` finds every manifest and lockfile :mod:`.formats` knows outside
vendored folders, reads each with its parser, and keeps going when one is broken (its
``Manifest.error`` says why). A lockfile whose format does not say which packages are direct, or
which are dev-only, borrows that from the manifest beside it. Manifest and lockfile views of the
same package are both kept; ``(ecosystem, name, version)`` dedupes them.
"""

from __future__ import annotations

import posixpath
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from cto.analyzers.code_interface import TreeSnapshot
from cto.analyzers.dependency_interface import Dependency, DependencyFacts, Manifest
from cto.findings import NotAssessed
from cto.sources.manifests.common import (
    DEV,
    MAX_MANIFEST_BYTES,
    OPTIONAL,
    RUNTIME,
    ManifestError,
    ManifestText,
)
from cto.sources.manifests.formats import MANIFEST, format_of, unread_reason

__all__ = ["MAX_MANIFESTS", "MAX_MANIFEST_BYTES", "collect_dependencies"]

AREA = "dependencies"
MAX_MANIFESTS = 2_000
MAX_NOTES = 20
#: Folders holding installed or vendored third-party code, not the project's own manifests.
VENDORED = frozenset({
    "node_modules", "bower_components", "jspm_packages", "vendor", ".venv", "venv",
    "site-packages", "__pypackages__", ".tox", ".nox", ".yarn", ".pnpm-store", ".bundle",
    ".gradle", ".m2", "Pods", "Carthage", ".git",
})  # fmt: skip
_SCOPE_RANK = {RUNTIME: 0, OPTIONAL: 1, DEV: 2}
_PARSE_ERRORS = (ManifestError, ValueError, KeyError, TypeError, AttributeError, RecursionError)


def collect_dependencies(snapshot: TreeSnapshot) -> DependencyFacts:
    """Every dependency every manifest and lockfile of ``snapshot`` declares or locks."""
    paths = [p for p in snapshot.paths() if not VENDORED & set(p.split("/")[:-1])]
    found = [p for p in paths if format_of(p) is not None]
    notes = []
    if len(found) > MAX_MANIFESTS:
        notes.append(f"{len(found) - MAX_MANIFESTS:,} manifests over the cap were not read")
    manifests: list[Manifest] = []
    read: list[tuple[Manifest, ManifestText, list[Dependency]]] = []
    for path in found[:MAX_MANIFESTS]:
        manifest, source, records = _read(snapshot, path)
        manifests.append(manifest)
        notes.extend(source.skipped)
        if manifest.error is None:
            read.append((manifest, source, records))
    present = set(paths)
    unread = sorted({r for p in paths if (r := unread_reason(p, present))})
    dependencies = _enrich(read)
    notes = list(dict.fromkeys(notes))  # an included file reports its skips once
    not_assessed = [NotAssessed(AREA, n) for n in [*notes[:MAX_NOTES], *unread]]
    if len(notes) > MAX_NOTES:
        more = len(notes) - MAX_NOTES
        not_assessed.append(NotAssessed(AREA, f"{more:,} more skipped entries are not listed"))
    return DependencyFacts(tuple(dependencies), tuple(manifests), tuple(not_assessed))


def _read(snapshot: TreeSnapshot, path: str) -> tuple[Manifest, ManifestText, list[Dependency]]:
    fmt = format_of(path)
    assert fmt is not None  # only called for known formats
    text = snapshot.read_text(path, MAX_MANIFEST_BYTES)
    source = ManifestText(path, text or "", lambda p: snapshot.read_text(p, MAX_MANIFEST_BYTES))
    error: str | None = None
    records: list[Dependency] = []
    if text is None:
        error = f"not read: binary or larger than {MAX_MANIFEST_BYTES // 1_000_000} MB"
    else:
        try:
            records = fmt.parse(source)
        except _PARSE_ERRORS as problem:
            error = _describe(problem)
    kind = source.kind or fmt.kind
    if kind != MANIFEST:
        records = _merged(records)
    manifest = Manifest(
        path, fmt.ecosystem, source.manager or fmt.manager, kind, len(records), error
    )
    return manifest, source, records


def _describe(problem: Exception) -> str:
    if isinstance(problem, ManifestError | tomllib.TOMLDecodeError):
        return str(problem)[:200]
    return f"unreadable ({type(problem).__name__}: {problem})"[:200]


def _merged(records: Iterable[Dependency]) -> list[Dependency]:
    """One record per package version of a lockfile (a package nested in several places, or
    locked for several platforms or frameworks): direct if any is, the widest scope."""
    merged: dict[tuple[str, str | None, str | None], Dependency] = {}
    for record in records:
        key = (record.name, record.version, record.requirement)
        seen = merged.get(key)
        if seen is None:
            merged[key] = record
            continue
        merged[key] = replace(
            seen,
            direct=seen.direct or record.direct,
            scope=min(seen.scope, record.scope, key=_SCOPE_RANK.__getitem__),
            line=seen.line if seen.line is not None else record.line,
            license=seen.license or record.license,
        )
    return list(merged.values())


def _enrich(read: Sequence[tuple[Manifest, ManifestText, list[Dependency]]]) -> list[Dependency]:
    """All records; a lockfile's direct flags and direct scopes taken from the manifests beside it
    when its own format does not say."""
    declared: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for manifest, _, records in read:
        if manifest.kind == MANIFEST:
            names = declared[(posixpath.dirname(manifest.path), manifest.ecosystem)]
            for r in (r for r in records if r.direct):
                names[r.name] = min(names.get(r.name, DEV), r.scope, key=_SCOPE_RANK.__getitem__)
    result: list[Dependency] = []
    for manifest, source, records in read:
        names = declared.get((posixpath.dirname(manifest.path), manifest.ecosystem), {})
        if manifest.kind == MANIFEST or not names:
            result.extend(records)
            continue
        for r in records:
            direct = r.direct if source.knows_direct else r.name in names
            scope = r.scope if source.knows_scope or not direct else names.get(r.name, r.scope)
            result.append(replace(r, direct=direct, scope=scope))
    return list(dict.fromkeys(result))
