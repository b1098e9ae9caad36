"""End-to-end: vulnerability database, SBOM, and no secret in any output of any command."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator

from repo_builder import lines

CTO = [sys.executable, "-m", "cto"]

ADVISORY = {
    "id": "GHSA-test-0000-0001",
    "modified": "2026-11-01T00:00:00Z",
    "aliases": ["CVE-2026-0001"],
    "summary": "Requests leaks credentials on redirect",
    "affected": [
        {
            "package": {"ecosystem": "PyPI", "name": "requests"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.20.0"}]}],
        }
    ],
    "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N"}],
}


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(
        [*CTO, *map(str, args)], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )


@pytest.fixture
def product(make_repo):
    repo = make_repo("product")
    repo.commit(
        {"requirements.txt": "requests==2.19.0\nflask==3.0.0\n", "app.py": lines(20)},
        date="2025-01-06",
    )
    return repo


def vulnerabilities(report: dict) -> dict:
    area = next(a for a in report["repositories"][0]["areas"] if a["id"] == "vulnerabilities")
    return area


def test_imported_advisory_is_matched_by_audit_and_check(product, tmp_path):
    export = tmp_path / "PyPI.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("GHSA-test-0000-0001.json", json.dumps(ADVISORY))
    imported = run("vulndb", "import", export, cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert "1 added" in imported.stdout and "1 records (PyPI)" in imported.stdout

    assert run("audit", product.path, "--format", "json", "-q", cwd=tmp_path).returncode == 0
    area = vulnerabilities(json.loads((tmp_path / "cto-report" / "report.json").read_text()))
    # (The record's fixed date may also make the database "stale": a separate finding.)
    (finding,) = [f for f in area["findings"] if "requests" in f["title"]]
    assert finding["severity"] == "critical"  # CVSS 3.1 base score 9.1
    assert "requests" in finding["title"] and "2.20.0" in json.dumps(finding)
    assert "CVE-2026-0001" in json.dumps(finding) and "GHSA-test-0000-0001" in json.dumps(finding)

    checked = run("check", product.path, "--format", "json", cwd=tmp_path)
    assert checked.returncode == 1  # a high finding fails the default --fail-on high
    assert "CVE-2026-0001" in checked.stdout


def test_without_a_database_vulnerabilities_are_not_assessed(product, tmp_path):
    assert run("audit", product.path, "--format", "json", "-q", cwd=tmp_path).returncode == 0
    area = vulnerabilities(json.loads((tmp_path / "cto-report" / "report.json").read_text()))
    assert area["rating"] == "not_assessed"
    assert "cto vulndb import" in json.dumps(area["not_assessed"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("vulndb", "import", "missing.zip"), "does not exist"),
        (("vulndb", "update", "--ecosystem", "Cobol"), "unknown ecosystem 'Cobol'"),
        (("sbom", "."), "not a git repository"),
    ],
)
def test_supply_commands_fail_in_one_line(tmp_path, args, message):
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr


def test_sbom_is_valid_cyclonedx(product, tmp_path):
    out = tmp_path / "sbom.json"
    assert run("sbom", product.path, "--out", out, cwd=tmp_path).returncode == 0
    text = out.read_text()
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
    purls = {c["purl"] for c in json.loads(text)["components"]}
    assert {"pkg:pypi/requests@2.19.0", "pkg:pypi/flask@3.0.0"} <= purls
    assert run("sbom", product.path, cwd=tmp_path).stdout == text


def test_a_planted_secret_appears_in_no_output_of_any_command(make_repo, tmp_path):
    # Assembled at run time so this file is not itself a leak; the shape matches the detector.
    key = "sk" + "_live_" + hashlib.sha256(b"cto-test").hexdigest()[:24]
    repo = make_repo("leaky")
    repo.commit({"settings.py": f'STRIPE = "{key}"\n', "app.py": lines(10)}, date="2025-01-06")
    repo.commit({"settings.py": "STRIPE = os.environ['STRIPE']\n"}, date="2025-01-07")
    repo.commit({"config.py": f'stripe_key = "{key}"\n'}, date="2025-01-08")
    outputs = []
    for args in (
        ("audit", repo.path, "--format", "md,html,json,sarif"),
        ("audit", repo.path, "--format", "json", "--out", "again"),  # the incremental path
        ("check", repo.path), ("check", repo.path, "--format", "json"),
        ("check", repo.path, "--format", "sarif"), ("sbom", repo.path),
    ):  # fmt: skip
        result = run(*args, cwd=tmp_path)
        assert result.returncode in (0, 1), result.stderr
        outputs += [result.stdout, result.stderr]
    report = json.loads((tmp_path / "cto-report" / "report.json").read_text())
    secrets = next(a for a in report["repositories"][0]["areas"] if a["id"] == "secrets")
    assert len(secrets["findings"]) >= 1  # it was found…
    files = [p for p in tmp_path.rglob("*") if p.is_file() and repo.path not in p.parents]
    assert any(p.name == "cto.db" for p in files)
    for text in outputs:
        assert key not in text  # …and never shown
    for path in files:
        assert key.encode() not in path.read_bytes(), path
