"""Safe YAML for configuration files read from an audited repository (CI workflows, compose…).

The files are untrusted: ``yaml.safe_load`` never builds arbitrary objects, but anchors and
aliases can still make a tiny file expand into an enormous structure ("billion laughs"). This
loader refuses aliases outright (real CI files rarely need them), caps the size, and turns every
parse problem into ``None`` so an analyzer can say "not assessed: unreadable YAML".
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_YAML_BYTES = 512_000


class NoAliasLoader(yaml.SafeLoader):
    """A safe loader that rejects aliases (``*name``) instead of expanding them."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        """Compose the next node, refusing an alias before PyYAML would expand it."""
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError("aliases are not allowed in audited files")
        return super().compose_node(parent, index)


def load_yaml(text: str, max_bytes: int = MAX_YAML_BYTES) -> Any | None:
    """The first YAML document of ``text``, or ``None`` when too large, invalid or using aliases.

    Note: YAML 1.1 reads a bare ``on:`` key as ``True``; callers looking for GitHub's ``on`` key
    should check both ``"on"`` and ``True``. Lockfiles pass a larger ``max_bytes``: without
    aliases, size is the only way a YAML file can make the parse expensive.
    """
    if len(text.encode("utf-8", "surrogateescape")) > max_bytes:
        return None
    try:
        return yaml.load(text, Loader=NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except (yaml.YAMLError, RecursionError, ValueError):
        return None


def load_yaml_documents(text: str) -> list[Any] | None:
    """Every document of a multi-document file (Kubernetes manifests), same rules as above."""
    if len(text.encode("utf-8", "surrogateescape")) > MAX_YAML_BYTES:
        return None
    try:
        return list(yaml.load_all(text, Loader=NoAliasLoader))
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
