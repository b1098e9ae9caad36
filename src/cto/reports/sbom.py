"""A software bill of materials (SBOM) in CycloneDX 1.6 JSON, built with cyclonedx-python-lib.

One component per package version (its package URL is its ``bom-ref``), with the scope the
product needs it in (``required``, ``optional``, or ``excluded`` for dev-only), the license its
lockfile declares, and where cto found it. A package known only from a range (no lockfile) is
listed without a version. The output is deterministic: components are sorted, the serial number
is derived from the content and the timestamp is left out (it is optional), so the same tree
always gives the same file.
"""

from __future__ import annotations

import hashlib
import json
import uuid
import warnings
from collections import defaultdict
from collections.abc import Sequence
from functools import cache

from cyclonedx.model import Property
from cyclonedx.model.bom import Bom, BomMetaData
from cyclonedx.model.component import Component, ComponentScope, ComponentType
from cyclonedx.model.license import DisjunctiveLicense, LicenseExpression
from cyclonedx.output.json import JsonV1Dot6
from license_expression import (  # type: ignore[import-untyped]
    Licensing,
    get_spdx_licensing,
)
from packageurl import PackageURL

from cto.analyzers.dependency_interface import Dependency, DependencyFacts

SPEC_VERSION = "1.6"
MAX_SOURCES = 10
_SCOPES = {"runtime": ComponentScope.REQUIRED, "optional": ComponentScope.OPTIONAL}
_SCOPE_ORDER = {"runtime": 0, "optional": 1, "dev": 2}


def render_sbom(facts: DependencyFacts, *, name: str, version: str | None = None) -> str:
    """The CycloneDX JSON SBOM of ``facts``, describing the application ``name``."""
    groups = _by_package(facts.dependencies)
    components = [_component(purl, records) for purl, records in sorted(groups.items())]
    root = Component(name=name, version=version, type=ComponentType.APPLICATION, bom_ref=name)
    bom = Bom(
        components=components,
        metadata=BomMetaData(component=root),
        serial_number=_serial(name, version, sorted(groups)),
    )
    direct = [c for c, records in zip(components, sorted(groups.items()), strict=True)
              if any(r.direct for r in records[1])]  # fmt: skip
    bom.register_dependency(root, direct)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the library warns that transitive edges are unknown
        data = json.loads(JsonV1Dot6(bom).output_as_string())
    data["metadata"].pop("timestamp", None)
    for key in ("components", "dependencies"):  # by package URL, the order a reader expects
        data.get(key, []).sort(key=lambda item: item.get("bom-ref", item.get("ref", "")))
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _by_package(records: Sequence[Dependency]) -> dict[str, list[Dependency]]:
    """Records by package URL; a versionless record only where no version of it is known."""
    versioned = {(d.ecosystem, d.name) for d in records if d.version}
    groups: dict[str, list[Dependency]] = defaultdict(list)
    for record in records:
        if record.version or (record.ecosystem, record.name) not in versioned:
            groups[record.purl].append(record)
    return groups


def _component(purl: str, records: Sequence[Dependency]) -> Component:
    parsed = PackageURL.from_string(purl)
    group, name = parsed.namespace, parsed.name
    if parsed.type == "golang" and group:
        group, name = None, f"{group}/{name}"  # a Go module is named by its whole path
    scope = min((r.scope for r in records), key=lambda s: _SCOPE_ORDER.get(s, 0))
    license = next((r.license for r in records if r.license), None)
    sources = sorted({r.source for r in records})[:MAX_SOURCES]
    return Component(
        name=name,
        group=group,
        version=parsed.version,
        purl=parsed,
        bom_ref=purl,
        scope=_SCOPES.get(scope, ComponentScope.EXCLUDED),
        licenses=[_license(license)] if license else None,
        properties=[
            Property(name="cto:direct", value=str(any(r.direct for r in records)).lower()),
            *(Property(name="cto:source", value=source) for source in sources),
        ],
    )


def _license(text: str) -> LicenseExpression | DisjunctiveLicense:
    """An SPDX expression when ``text`` is one, else a license known only by its name."""
    info = _spdx().validate(text)
    if not info.errors and not info.invalid_symbols and info.normalized_expression:
        return LicenseExpression(info.normalized_expression)
    return DisjunctiveLicense(name=text[:200])


@cache
def _spdx() -> Licensing:
    return get_spdx_licensing()


def _serial(name: str, version: str | None, purls: Sequence[str]) -> uuid.UUID:
    """A serial number that changes exactly when the described content does."""
    digest = hashlib.sha256("\n".join([name, version or "", *purls]).encode()).hexdigest()
    return uuid.uuid5(uuid.NAMESPACE_URL, f"urn:cto:sbom:{digest}")
