"""pip requirements files: ``requirements*.txt`` and ``*.in``, with ``-r`` includes.

Follows pip's file format: backslash continuations, ``#`` comments, per-line options such as
``--hash``, environment markers, extras, ``-e``/VCS/URL lines. An include is resolved relative to
the file that names it, never outside the tree, and each file is read once (cycles are harmless).
A file written by pip-compile or ``uv pip compile``, or pinning every line with hashes, is a
lockfile; its ``# via`` comments tell direct requirements from transitive ones.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass

from cto.analyzers.dependency_interface import Dependency
from cto.sources.manifests.common import DEV, RUNTIME, ManifestText, dependency, pep503

MAX_INCLUDE_DEPTH = 10
_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*")
_OPTION = re.compile(r"\s--?[A-Za-z]")
_INCLUDE = re.compile(r"^(?:-r|--requirement)(?:\s*=\s*|\s+|(?=\S))(\S+)")
_EDITABLE = re.compile(r"^(?:-e|--editable)(?:\s*=\s*|\s+)(\S+)")
_EGG = re.compile(r"[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)")
_PINNED = re.compile(r"^={2,3}\s*([^\s,;*]+)$")
_DEV_FILE = re.compile(
    r"(?i)(?:^|[-_.])(?:dev|develop|development|tests?|testing|lint|docs|ci)(?:[-_.]|$)"
)
_COMMENT = re.compile(r"(?:^|\s)#")
_COMPILED = re.compile(r"(?im)^#.*\b(?:pip-compile|uv pip compile)\b")


@dataclass
class _Entry:
    """One requirement line, before it becomes a :class:`Dependency`."""

    line: int
    name: str
    spec: str | None
    hashed: bool
    via: list[str]


def parse_requirements(source: ManifestText) -> list[Dependency]:
    """Every requirement of ``source`` and of the files it includes (each from its own file)."""
    return _parse(source, {source.path}, 0)


def _parse(source: ManifestText, seen: set[str], depth: int) -> list[Dependency]:
    entries: list[_Entry] = []
    found: list[Dependency] = []
    in_via = False
    for line, text in _logical_lines(source.text):
        body, comment = _split_comment(text)
        if not body:
            in_via = _via(entries[-1].via if entries else [], comment, in_via)
            continue
        include = _INCLUDE.match(body)
        if include:
            found += _include(source, include.group(1), line, seen, depth)
            continue
        entry = _entry(source, body, line)
        if entry:
            entries.append(entry)
            in_via = _via(entry.via, comment, False)
    compiled = bool(_COMPILED.search(source.text)) or (
        bool(entries) and all(e.hashed and e.spec and _PINNED.match(e.spec) for e in entries)
    )
    if compiled:
        source.kind = "lockfile"
    scope = DEV if _DEV_FILE.search(posixpath.basename(source.path).rsplit(".", 1)[0]) else RUNTIME
    records = [_record(source, e, compiled, scope) for e in entries]
    return records + found


def _logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(first line number, line) with backslash continuations joined, as pip joins them."""
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), 1):
        if not pending:
            start = number
        if raw.endswith("\\") and not raw.lstrip().startswith("#"):
            pending.append(raw[:-1])
            continue
        pending.append(raw)
        yield start, " ".join(pending)
        pending = []
    if pending:
        yield start, " ".join(pending)


def _split_comment(text: str) -> tuple[str, str]:
    """(requirement, comment): pip starts a comment at a ``#`` that opens the line or follows
    whitespace, so ``git+https://…#egg=name`` keeps its fragment."""
    match = _COMMENT.search(text)
    if match is None:
        return text.strip(), ""
    return text[: match.start()].strip(), text[match.end() :]


def _via(via: list[str], comment: str, continuing: bool) -> bool:
    """Add what a pip-compile ``# via`` comment names to ``via``; True while a block goes on."""
    body = comment.strip()
    if body == "via" or body.startswith("via "):
        via.append(body[3:].strip() or "(via)")
        return True
    if continuing and body:
        via.append(body)
        return True
    return False


def _include(
    source: ManifestText, target: str, line: int, seen: set[str], depth: int
) -> list[Dependency]:
    path = posixpath.normpath(posixpath.join(posixpath.dirname(source.path), target))
    if target.startswith("/") or path.startswith("../") or path == "..":
        source.skipped.append(f"{source.path}:{line}: include {target} is outside the tree")
        return []
    if path in seen:
        return []
    text = source.read(path) if depth < MAX_INCLUDE_DEPTH else None
    if text is None:
        source.skipped.append(f"{source.path}:{line}: included file {target} could not be read")
        return []
    seen.add(path)
    included = ManifestText(path, text, source.read)
    records = _parse(included, seen, depth + 1)
    source.skipped.extend(included.skipped)
    return records


def _entry(source: ManifestText, text: str, line: int) -> _Entry | None:
    hashed = "--hash" in text
    editable = _EDITABLE.match(text)
    if text.startswith("-") and not editable:
        return None  # other options (index URLs, constraints, --pre …) declare no package
    requirement = _OPTION.split(f" {editable.group(1) if editable else text}", maxsplit=1)[0]
    requirement = requirement.strip()
    if requirement.startswith((".", "/", "file:")):
        return None  # a local path: the project's own code
    if "://" in requirement.split("@", 1)[0]:
        egg = _EGG.search(requirement)
        if egg is None:
            source.skipped.append(f"{source.path}:{line}: {requirement[:80]} names no package")
            return None
        return _Entry(line, egg.group(1), requirement, hashed, [])
    split = split_requirement(requirement)
    if split is None:
        source.skipped.append(f"{source.path}:{line}: unreadable requirement {requirement[:80]}")
        return None
    return _Entry(line, split[0], split[1], hashed, [])


def split_requirement(text: str) -> tuple[str, str | None] | None:
    """(name, specifier or URL) of a PEP 508 requirement; extras and markers are dropped."""
    match = _NAME.match(text)
    if match is None:
        return None
    rest = text[match.end() :].split(";", 1)[0].strip()
    spec = rest[1:].strip() if rest.startswith("@") else rest.strip("() ").replace(" ", "")
    return match.group(1), spec or None


def pinned_version(spec: str | None) -> str | None:
    """The version ``spec`` pins (``==1.2`` or ``===1.2``, no wildcard), else ``None``."""
    match = _PINNED.match(spec or "")
    return match.group(1) if match else None


def _record(source: ManifestText, entry: _Entry, compiled: bool, scope: str) -> Dependency:
    direct = not compiled or not entry.via or any(v.startswith(("-r", "-c")) for v in entry.via)
    return dependency(
        "PyPI", pep503(entry.name), pinned_version(entry.spec), entry.spec,
        direct=direct, scope=scope, source=source, line=entry.line,
    )  # fmt: skip
