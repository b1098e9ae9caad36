"""The CycloneDX SBOM: valid against the bundled 1.6 schema, deterministic, golden."""

from __future__ import annotations

import json
from collections.abc import Callable

from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator

from cto.analyzers.code_interface import MemorySnapshot
from cto.analyzers.dependency_interface import DependencyFacts
from cto.reports.sbom import render_sbom
from cto.sources.manifests import collect_dependencies

TREE = {
    "package.json": json.dumps({
        "dependencies": {"@babel/runtime": "^7.23.2", "left-pad": "^1.3.0"},
        "devDependencies": {"jest": "^29.7.0"},
    }),
    "package-lock.json": json.dumps({"lockfileVersion": 3, "packages": {
        "": {"dependencies": {"@babel/runtime": "^7.23.2"}, "devDependencies": {"jest": "^29.7.0"}},
        "node_modules/@babel/runtime": {"version": "7.23.2", "license": "MIT"},
        "node_modules/regenerator-runtime": {"version": "0.14.0", "license": "MIT"},
        "node_modules/jest": {"version": "29.7.0", "dev": True, "license": "MIT"},
        "node_modules/fsevents": {"version": "2.3.3", "optional": True,
                                  "license": "SEE LICENSE IN LICENSE.md"},
    }}),
    "api/go.mod": "module acme/api\n\ngo 1.21\n\nrequire github.com/google/uuid v1.4.0\n",
    "api/requirements.txt": "flask>=2\n",
    "billing/pom.xml": (
        "<project><dependencies><dependency><groupId>com.fasterxml.jackson.core</groupId>"
        "<artifactId>jackson-databind</artifactId><version>2.16.0</version></dependency>"
        "</dependencies></project>"
    ),
    "shop/composer.lock": json.dumps({"packages": [
        {"name": "symfony/polyfill-php83", "version": "v1.28.0", "license": ["MIT", "Apache-2.0"]},
    ]}),
}  # fmt: skip


def facts() -> DependencyFacts:
    return collect_dependencies(MemorySnapshot(TREE))


def test_sbom_validates_against_the_cyclonedx_1_6_schema() -> None:
    text = render_sbom(facts(), name="acme", version="2.3.0")
    errors = JsonStrictValidator(SchemaVersion.V1_6).validate_str(text, all_errors=True)
    assert errors is None, [str(e) for e in errors]


def test_sbom_components_scopes_licenses_and_versions() -> None:
    data = json.loads(render_sbom(facts(), name="acme"))
    assert data["specVersion"] == "1.6"
    assert "timestamp" not in data["metadata"]
    assert data["metadata"]["component"] == {"bom-ref": "acme", "name": "acme",
                                             "type": "application"}  # fmt: skip
    by_ref = {c["bom-ref"]: c for c in data["components"]}
    assert list(by_ref) == sorted(by_ref)
    assert set(by_ref) == {
        "pkg:composer/symfony/polyfill-php83@v1.28.0",
        "pkg:golang/github.com/google/uuid@v1.4.0",
        "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.16.0",
        "pkg:npm/%40babel/runtime@7.23.2",
        "pkg:npm/fsevents@2.3.3",
        "pkg:npm/jest@29.7.0",
        "pkg:npm/left-pad",  # declared as a range, locked nowhere
        "pkg:npm/regenerator-runtime@0.14.0",
        "pkg:pypi/flask",
    }
    jest = by_ref["pkg:npm/jest@29.7.0"]
    assert (jest["scope"], jest["licenses"]) == ("excluded", [{"expression": "MIT"}])
    assert by_ref["pkg:npm/fsevents@2.3.3"]["scope"] == "optional"
    assert by_ref["pkg:npm/fsevents@2.3.3"]["licenses"] == [
        {"license": {"name": "SEE LICENSE IN LICENSE.md"}}
    ]
    polyfill = by_ref["pkg:composer/symfony/polyfill-php83@v1.28.0"]
    assert polyfill["licenses"] == [{"expression": "MIT OR Apache-2.0"}]
    assert (polyfill["group"], polyfill["name"]) == ("symfony", "polyfill-php83")
    uuid = by_ref["pkg:golang/github.com/google/uuid@v1.4.0"]
    assert (uuid.get("group"), uuid["name"]) == (None, "github.com/google/uuid")
    babel = by_ref["pkg:npm/%40babel/runtime@7.23.2"]
    assert {p["name"]: p["value"] for p in babel["properties"]} == {
        "cto:direct": "true",
        "cto:source": "package-lock.json",
    }
    root = next(d for d in data["dependencies"] if d["ref"] == "acme")
    assert "pkg:npm/regenerator-runtime@0.14.0" not in root["dependsOn"]
    assert "pkg:npm/%40babel/runtime@7.23.2" in root["dependsOn"]


def test_sbom_is_deterministic_and_its_serial_follows_the_content() -> None:
    first = render_sbom(facts(), name="acme", version="1.0")
    assert render_sbom(facts(), name="acme", version="1.0") == first
    other = render_sbom(facts(), name="acme", version="1.1")
    assert json.loads(other)["serialNumber"] != json.loads(first)["serialNumber"]


def test_empty_sbom_is_valid() -> None:
    text = render_sbom(DependencyFacts((), ()), name="empty")
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None


def test_sbom_golden(golden: Callable[[str, str], None]) -> None:
    golden("sbom.cdx.json", render_sbom(facts(), name="acme", version="2.3.0"))
