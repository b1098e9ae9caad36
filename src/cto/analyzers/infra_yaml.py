"""Safe YAML that remembers lines: compose files and Kubernetes manifests, for line-exact evidence.

Built on the loader of :mod:`cto.analyzers.yaml_files` (safe, aliases refused, size capped); the
only difference is that mappings and lists come back as :class:`LineMap` and :class:`LineList`,
which know the 1-based line of each key and item, so a finding can point at ``privileged: true``
itself rather than at the top of the file.
"""

from __future__ import annotations

from typing import Any

import yaml

from cto.analyzers.yaml_files import MAX_YAML_BYTES, NoAliasLoader


class LineMap(dict[Any, Any]):
    """A YAML mapping that knows its own line and the line of each key."""

    line: int = 0
    lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        """The line of ``key``, or of the mapping itself when the key is absent."""
        return self.lines.get(key, self.line)


class LineList(list[Any]):
    """A YAML sequence that knows its own line and the line of each item."""

    line: int = 0
    lines: list[int]


class _LineLoader(NoAliasLoader):
    """The no-alias safe loader, building :class:`LineMap` and :class:`LineList`."""


def _mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    built = LineMap()
    built.line, built.lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        built[key] = loader.construct_object(value_node, deep=True)
        built.lines[key] = key_node.start_mark.line + 1
    return built


def _sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    built = LineList(loader.construct_object(item, deep=True) for item in node.value)
    built.line = node.start_mark.line + 1
    built.lines = [item.start_mark.line + 1 for item in node.value]
    return built


_LineLoader.add_constructor("tag:yaml.org,2002:map", _mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _sequence)


def load_documents(text: str) -> list[Any] | None:
    """Every document of ``text`` with line-aware mappings, ``None`` when it cannot be read."""
    if len(text.encode("utf-8", "surrogateescape")) > MAX_YAML_BYTES:
        return None
    try:
        return list(yaml.load_all(text, Loader=_LineLoader))
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        return None


def items(value: Any) -> list[tuple[int, Any]]:
    """``(line, item)`` for each item of a YAML list (line 0 when unknown); ``[]`` otherwise."""
    if not isinstance(value, list):
        return []
    lines = value.lines if isinstance(value, LineList) else [0] * len(value)
    return list(zip(lines, value, strict=False))


def line_of(mapping: Any, key: Any) -> int:
    """The line of ``key`` in a line-aware mapping (0 when unknown)."""
    return mapping.line_of(key) if isinstance(mapping, LineMap) else 0
