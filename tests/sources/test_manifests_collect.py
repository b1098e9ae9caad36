"""Finding manifests in a tree: vendored folders, broken files, caps, files that are code."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from packageurl import PackageURL
from test_manifests_python import facts, rows

from cto.analyzers.code_interface import MemorySnapshot
from cto.sources import manifests
from cto.sources.manifests import collect_dependencies
from cto.sources.manifests.common import pep503, purl

BROKEN = {
    "package.json": '{"dependencies": {"lodash": "^4"',
    "Cargo.toml": "[dependencies\nserde = 1",
    "poetry.lock": "[[package]]\nname = 'x'\n",
    "go.mod": "module x\n\nrequire (\n\tgithub.com/a/b\n)\n",
    "go.sum": "not a go.sum line\n",
    "Gemfile.lock": "hello\n  world\n",
    "yarn.lock": 'lodash@^4:\n  resolved "x"\n',
    "pnpm-lock.yaml": "lockfileVersion: '9.0'\npackages: [unclosed\n",
    "gradle.lockfile": "not-a-coordinate\n",
    "packages.lock.json": '{"dependencies": {"net8.0": {"A": {"type": "Direct"}}}}',
    "composer.lock": "[]",
    "uv.lock": 'version = 1\n[[package]]\nname = "a"\nsource = { registry = "x" }\n',
    "Pipfile.lock": '{"default": []}',
    "pyproject.toml": '[project]\ndependencies = ["=bad"]\n',
}


@pytest.mark.parametrize("path", sorted(BROKEN))
def test_a_broken_file_is_an_error_and_the_rest_is_read(path: str) -> None:
    found = facts({path: BROKEN[path], "sub/requirements.txt": "flask==3.0.0\n"})
    broken = next(m for m in found.manifests if m.path == path)
    assert broken.error
    assert broken.dependencies == 0
    assert rows(found, "sub/requirements.txt") == [
        ("flask", "3.0.0", "==3.0.0", True, "runtime", 1)
    ]


def test_vendored_folders_are_skipped() -> None:
    found = facts({
        "node_modules/lodash/package.json": '{"dependencies": {"a": "1.0.0"}}',
        "vendor/github.com/x/y/go.mod": "module y\n",
        ".venv/lib/python3.11/site-packages/x/requirements.txt": "a==1\n",
        "web/node_modules/.package-lock.json": "{}",
        "app/package.json": '{"dependencies": {"react": "18.2.0"}}',
    })  # fmt: skip
    assert [m.path for m in found.manifests] == ["app/package.json"]


def test_over_size_and_binary_files_are_errors() -> None:
    snapshot = MemorySnapshot({"requirements.txt": b"a==1\0\n", "go.mod": "module x\n"})
    found = collect_dependencies(snapshot)
    errors = {m.path: m.error for m in found.manifests}
    assert errors == {"go.mod": None, "requirements.txt": "not read: binary or larger than 20 MB"}


def test_manifest_count_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(manifests, "MAX_MANIFESTS", 2)
    found = facts({f"p{i}/go.mod": "module x\n" for i in range(5)})
    assert len(found.manifests) == 2
    assert found.not_assessed[0].reason == "3 manifests over the cap were not read"


def test_build_files_that_are_code_are_reported_not_read() -> None:
    found = facts({
        "build.gradle": "dependencies { implementation 'a:b:1' }",
        "lib/build.gradle.kts": "",
        "lib/gradle.lockfile": "a:b:1=runtimeClasspath\n",
        "setup.py": "from setuptools import setup\nsetup(install_requires=['x'])\n",
        "src/App/App.csproj": "<Project/>",
    })  # fmt: skip
    reasons = [n.reason for n in found.not_assessed]
    assert len(reasons) == 3
    assert reasons[0].startswith(".NET project files were not read")
    assert reasons[1].startswith("Gradle build scripts are code")
    assert reasons[2].startswith("setup.py is code")


def test_records_from_manifest_and_lockfile_dedupe_by_ecosystem_name_version() -> None:
    lock = {
        "lockfileVersion": 3,
        "packages": {
            "": {"dependencies": {"lodash": "4.17.21"}},
            "node_modules/lodash": {"version": "4.17.21"},
        },
    }
    found = facts({
        "package.json": '{"dependencies": {"lodash": "4.17.21"}}',
        "package-lock.json": json.dumps(lock),
    })  # fmt: skip
    keys = {(d.ecosystem, d.name, d.version) for d in found.dependencies}
    assert keys == {("npm", "lodash", "4.17.21")}
    assert len(found.dependencies) == 2  # both views are kept


NAMES = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,20}", fullmatch=True)
VERSIONS = st.from_regex(r"v?[0-9]{1,3}(\.[0-9]{1,3}){0,3}([-+][A-Za-z0-9.]{1,8})?", fullmatch=True)
ECOSYSTEMS = st.sampled_from(
    ["PyPI", "npm", "Go", "crates.io", "RubyGems", "Maven", "Packagist", "NuGet"]
)


@given(ECOSYSTEMS, NAMES, NAMES, st.one_of(st.none(), VERSIONS), st.booleans())
def test_purls_round_trip(
    ecosystem: str, name: str, namespace: str, version: str | None, namespaced: bool
) -> None:
    if ecosystem == "npm" and namespaced:
        full = f"@{namespace}/{name}"
    elif ecosystem in ("Go", "Packagist") and namespaced:
        full = f"{namespace}/{name}"
    elif ecosystem == "Maven":
        full = f"{namespace}:{name}"
    else:
        full = pep503(name) if ecosystem == "PyPI" else name
    text = purl(ecosystem, full, version)
    parsed = PackageURL.from_string(text)
    assert parsed.to_string() == text
    assert parsed.version == version
    rebuilt = parsed.name if parsed.namespace is None else f"{parsed.namespace}/{parsed.name}"
    if ecosystem == "Maven":
        rebuilt = f"{parsed.namespace}:{parsed.name}"
    # the purl spec lower-cases npm names and Composer vendors and names; nothing else changes
    if ecosystem in ("npm", "Packagist"):
        assert rebuilt.lower() == full.lower()
    else:
        assert rebuilt == full
