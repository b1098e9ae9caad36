"""Go modules: ``go.mod`` (what the module requires) and ``go.sum`` (checksums of what it uses).

Go selects exactly the versions ``go.mod`` lists (minimal version selection), so every
requirement is pinned; ``// indirect`` marks a module only needed by another one. ``replace`` and
``exclude`` directives are not applied: the records name the required module. In ``go.sum`` a
``/go.mod`` line checksums only a module's ``go.mod`` file and adds no version.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cto.analyzers.dependency_interface import Dependency
from cto.sources.manifests.common import RUNTIME, ManifestError, ManifestText, dependency

_REQUIRE = re.compile(r"^require\s+(\S+)\s+(\S+)(.*)$")
_BLOCK_LINE = re.compile(r"^(\S+)\s+(v\S+)(.*)$")
_SUM = re.compile(r"^(\S+)\s+(v[^\s/]+)(/go\.mod)?\s+h1:\S+$")


def parse_go_mod(source: ManifestText) -> list[Dependency]:
    """Every ``require`` of ``go.mod``, in a block or on its own line."""
    return [
        dependency(
            "Go", module, version, version, direct="// indirect" not in rest,
            scope=RUNTIME, source=source, line=number,
        )
        for number, module, version, rest in _requires(source.text)
    ]  # fmt: skip


def _requires(text: str) -> Iterator[tuple[int, str, str, str]]:
    in_block = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if in_block:
            if line.startswith(")"):
                in_block = False
            elif line and not line.startswith("//"):
                match = _BLOCK_LINE.match(line)
                if match is None:
                    raise ManifestError(f"line {number}: unreadable requirement")
                yield number, _unquote(match.group(1)), match.group(2), match.group(3)
        elif re.match(r"^require\s*\(\s*$", line):
            in_block = True
        elif line.startswith("require"):
            match = _REQUIRE.match(line)
            if match is None:
                raise ManifestError(f"line {number}: unreadable require")
            yield number, _unquote(match.group(1)), match.group(2), match.group(3)
    if in_block:
        raise ManifestError("a require block is not closed")


def _unquote(module: str) -> str:
    return module[1:-1] if module[:1] in '"`' and module[-1:] == module[:1] else module


def parse_go_sum(source: ManifestText) -> list[Dependency]:
    """One record per module version ``go.sum`` holds a code checksum for."""
    records = []
    source.knows_scope = True  # Go has no dev dependencies
    for number, raw in enumerate(source.text.splitlines(), 1):
        if not raw.strip():
            continue
        match = _SUM.match(raw.strip())
        if match is None:
            raise ManifestError(f"line {number}: not a go.sum line")
        if match.group(3) is None:
            module, version = match.group(1), match.group(2)
            records.append(dependency(
                "Go", module, version, None, direct=False, scope=RUNTIME, source=source,
                line=number,
            ))  # fmt: skip
    return records
