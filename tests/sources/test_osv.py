"""OSV records parsed from JSON and YAML, read from export zips and directories."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from cto.errors import InputError
from cto.sources.osv import OsvRecord, Skipped, parse_record, parse_timestamp, read_export

RECORD = {
    "schema_version": "1.6.0",
    "id": "GHSA-j8r2-6x86-q33q",
    "modified": "2024-05-01T10:00:00.123456789Z",
    "published": "2018-10-29T19:06:28Z",
    "aliases": ["CVE-2018-18074", "PYSEC-2018-28"],
    "summary": "Requests sends the Authorization header to a redirected host",
    "affected": [
        {
            "package": {"ecosystem": "PyPI", "name": "requests", "purl": "pkg:pypi/requests"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.20.0"}]}],
            "versions": ["2.19.0", "2.19.1"],
            "database_specific": {"source": "x"},
        }
    ],
    "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}],
    "references": [{"type": "ADVISORY", "url": "https://nvd.nist.gov/vuln/detail/CVE-2018-18074"}],
    "database_specific": {"severity": "high"},
}
YAML = """\
id: RUSTSEC-2021-0001
modified: 2021-01-05T00:00:00Z
aliases: [CVE-2021-1]
affected:
  - package: {ecosystem: crates.io, name: hyper}
    ranges:
      - type: SEMVER
        events: [{introduced: "0.0.0-0"}, {fixed: "0.14.10"}]
"""


def test_parse_record_reads_every_field_cto_uses() -> None:
    record = parse_record(RECORD)
    assert record.id == "GHSA-j8r2-6x86-q33q"
    assert record.aliases == ("CVE-2018-18074", "PYSEC-2018-28")
    [affected] = record.affected
    assert (affected.ecosystem, affected.name, affected.versions) == (
        "PyPI", "requests", ("2.19.0", "2.19.1"),
    )  # fmt: skip
    assert affected.ranges[0].events == (("introduced", "0"), ("fixed", "2.20.0"))
    assert record.severity[0][0] == "CVSS_V3"
    assert record.database_severity == "HIGH"
    assert record.references == ("https://nvd.nist.gov/vuln/detail/CVE-2018-18074",)
    assert record.withdrawn is None


@pytest.mark.parametrize("data", [{}, {"id": "X"}, {"modified": "2024-01-01T00:00:00Z"}, []])
def test_records_without_id_or_modified_are_refused(data: object) -> None:
    with pytest.raises(ValueError):
        parse_record(data)  # type: ignore[arg-type]


def test_timestamps_with_nanoseconds() -> None:
    parsed = parse_timestamp("2024-05-01T10:00:00.123456789Z")
    assert parsed is not None and parsed.microsecond == 123456 and parsed.utcoffset() is not None


def test_read_zip_as_published(tmp_path: Path) -> None:
    export = tmp_path / "all.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("GHSA-j8r2-6x86-q33q.json", json.dumps(RECORD))
        archive.writestr("BROKEN-1.json", "{not json")
        archive.writestr("README.txt", "ignored")
    items = list(read_export(export))
    records = [i for i in items if isinstance(i, OsvRecord)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [r.id for r in records] == ["GHSA-j8r2-6x86-q33q"]
    assert len(skipped) == 1 and skipped[0].location.endswith("all.zip:BROKEN-1.json")


def test_read_directory_of_json_yaml_and_zips(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "r.json").write_text(json.dumps(RECORD))
    (tmp_path / "a" / "r.yaml").write_text(YAML)
    (tmp_path / "bad.yml").write_text("a: *alias\n")
    with zipfile.ZipFile(tmp_path / "npm.zip", "w") as archive:
        archive.writestr("GHSA-2.json", json.dumps({**RECORD, "id": "GHSA-2"}))
    items = list(read_export(tmp_path))
    ids = sorted(i.id for i in items if isinstance(i, OsvRecord))
    assert ids == ["GHSA-2", "GHSA-j8r2-6x86-q33q", "RUSTSEC-2021-0001"]
    assert [type(i) for i in items].count(Skipped) == 1


def test_not_a_zip_or_directory_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "export.zip"
    bad.write_text("not a zip")
    with pytest.raises(InputError, match="not an OSV export"):
        list(read_export(bad))
    with pytest.raises(InputError, match="does not exist"):
        list(read_export(tmp_path / "missing"))
