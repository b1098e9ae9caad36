"""Java: Maven ``pom.xml`` and Gradle dependency lockfiles.

A pom is read as data, never built: ``<dependencies>`` of the project (not of
``<dependencyManagement>`` or plugins), ``${property}`` placeholders filled from ``<properties>``
and the project's own version when they are that simple. A dependency without a version takes it
from a parent or BOM cto does not resolve. XML with a DOCTYPE or ENTITY is refused (no entity
expansion). Maven treats a plain version as the version to use, so it counts as pinned; ranges
(``[1.0,2.0)``) do not. A Gradle lockfile line is ``group:artifact:version=configurations``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from cto.analyzers.dependency_interface import Dependency
from cto.sources.manifests.common import (
    DEV,
    OPTIONAL,
    RUNTIME,
    ManifestError,
    ManifestText,
    dependency,
)

_UNSAFE_XML = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_PROPERTY = re.compile(r"\$\{([\w.-]+)\}")
_LOCK_LINE = re.compile(r"^([^:=\s]+):([^:=\s]+):([^:=\s]+)=(.*)$")


def parse_pom(source: ManifestText) -> list[Dependency]:
    """The project's ``<dependencies>``; scope ``test`` is dev, ``<optional>true`` optional."""
    if _UNSAFE_XML.search(source.text):
        raise ManifestError("XML with a DOCTYPE or ENTITY declaration is refused")
    try:
        root = ET.fromstring(source.text)  # noqa: S314 - no DTD to expand, size capped
    except ET.ParseError as error:
        raise ManifestError(f"invalid XML ({error})") from None
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    if root.tag != f"{ns}project":
        raise ManifestError("root element is not <project>")
    properties = {_local(p.tag): (p.text or "").strip() for p in root.findall(f"{ns}properties/*")}
    for key in ("version", "groupId"):
        value = root.findtext(f"{ns}{key}") or root.findtext(f"{ns}parent/{ns}{key}")
        if value:
            properties[f"project.{key}"] = value.strip()
    start = source.text.find("<dependencies>")
    records = []
    for element in root.findall(f"{ns}dependencies/{ns}dependency"):
        fields = {
            _local(child.tag): _fill((child.text or "").strip(), properties) for child in element
        }
        group, artifact = fields.get("groupId", ""), fields.get("artifactId", "")
        version = fields.get("version", "")
        if not group or not artifact:
            raise ManifestError("a <dependency> without groupId or artifactId")
        scope = DEV if fields.get("scope") == "test" else RUNTIME
        scope = OPTIONAL if fields.get("optional") == "true" and scope == RUNTIME else scope
        pinned = version if version and not re.search(r"[\[\](),$]", version) else None
        records.append(dependency(
            "Maven", f"{group}:{artifact}", pinned, version or None, direct=True, scope=scope,
            source=source, line=source.line_of(f"<artifactId>{artifact}</artifactId>", start),
        ))  # fmt: skip
    return records


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _fill(value: str, properties: dict[str, str]) -> str:
    """``value`` with each ``${name}`` replaced when ``properties`` defines it (one level)."""
    return _PROPERTY.sub(lambda m: properties.get(m.group(1), m.group(0)), value)


def parse_gradle_lockfile(source: ManifestText) -> list[Dependency]:
    """Every locked module; dev when every configuration locking it is a test one."""
    records = []
    source.knows_scope = True
    for number, raw in enumerate(source.text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#") or line.startswith("empty="):
            continue
        match = _LOCK_LINE.match(line) or _LOCK_LINE.match(f"{line}=")
        if match is None:
            raise ManifestError(f"line {number}: not group:artifact:version=configurations")
        configurations = [c for c in match.group(4).split(",") if c]
        test_only = bool(configurations) and all(c.startswith("test") for c in configurations)
        records.append(dependency(
            "Maven", f"{match.group(1)}:{match.group(2)}", match.group(3), None, direct=False,
            scope=DEV if test_only else RUNTIME, source=source, line=number,
        ))  # fmt: skip
    return records
