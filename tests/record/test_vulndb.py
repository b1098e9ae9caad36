"""The workspace's vulnerability database: imports, idempotence, lookups, status, migration."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from cto.errors import InputError
from cto.record import AuditRecord, Workspace, db
from cto.record.models import Audit

GHSA = {
    "id": "GHSA-1",
    "modified": "2024-05-01T00:00:00Z",
    "aliases": ["CVE-2024-1"],
    "affected": [
        {
            "package": {"ecosystem": "PyPI", "name": "Requests"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.20"}]}],
        }
    ],
}


def record(record_id: str, modified: str = "2024-05-01T00:00:00Z", **fields: Any) -> dict[str, Any]:
    return {**GHSA, "id": record_id, "modified": modified, **fields}


def write_zip(path: Path, records: list[dict[str, Any]]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for item in records:
            archive.writestr(f"{item['id']}.json", json.dumps(item))
    return path


def test_import_zip_then_lookup_by_normalised_name(workspace: Workspace, tmp_path: Path) -> None:
    npm = record("GHSA-2", affected=[{"package": {"ecosystem": "npm", "name": "ws"}}])
    export = write_zip(tmp_path / "all.zip", [record("GHSA-1"), npm])
    result = workspace.vulndb.import_export(export)
    assert (result.added, result.replaced, result.unchanged, result.skipped) == (2, 0, 0, ())
    found = workspace.vulndb.records_for([("PyPI", "requests"), ("npm", "ws"), ("npm", "x")])
    assert [r.id for r in found[("PyPI", "requests")]] == ["GHSA-1"]
    assert [r.id for r in found[("npm", "ws")]] == ["GHSA-2"]
    assert ("npm", "x") not in found
    status = workspace.vulndb.status()
    assert (status.records, status.ecosystems, status.source) == (2, ("PyPI", "npm"), str(export))
    assert status.newest_modified is not None and status.newest_modified.year == 2024


def test_reimport_is_idempotent_and_newer_records_replace(
    workspace: Workspace, tmp_path: Path
) -> None:
    first = write_zip(tmp_path / "first.zip", [record("GHSA-1"), record("GHSA-2")])
    workspace.vulndb.import_export(first)
    again = workspace.vulndb.import_export(first)
    assert (again.added, again.replaced, again.unchanged) == (0, 0, 2)
    newer = record("GHSA-1", "2024-06-01T00:00:00Z", summary="updated")
    older = record("GHSA-2", "2023-01-01T00:00:00Z", summary="old")
    update = workspace.vulndb.import_export(write_zip(tmp_path / "u.zip", [newer, older]))
    assert (update.added, update.replaced, update.unchanged) == (0, 1, 1)
    found = workspace.vulndb.records_for([("PyPI", "requests")])[("PyPI", "requests")]
    assert {r.id: r.summary for r in found} == {"GHSA-1": "updated", "GHSA-2": ""}
    assert workspace.vulndb.status().records == 2


def test_withdrawn_records_kept_but_never_returned(workspace: Workspace, tmp_path: Path) -> None:
    gone = record("GHSA-1", withdrawn="2024-05-02T00:00:00Z")
    result = workspace.vulndb.import_export(write_zip(tmp_path / "w.zip", [gone]))
    assert result.withdrawn == 1
    assert workspace.vulndb.records_for([("PyPI", "requests")]) == {}
    status = workspace.vulndb.status()
    assert (status.records, status.withdrawn) == (0, 1)


def test_directory_with_json_and_yaml(workspace: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(record("GHSA-1")))
    (folder / "b.yaml").write_text(
        "id: PYSEC-1\nmodified: '2024-05-02T00:00:00Z'\naffected:\n"
        "  - package: {ecosystem: PyPI, name: requests}\n    versions: ['2.19.0']\n"
    )
    (folder / "c.json").write_text("[]")
    progress: list[object] = []
    result = workspace.vulndb.import_export(folder, progress=lambda d, t: progress.append(d))
    assert result.added == 2
    assert [s.reason for s in result.skipped] == [
        "not an OSV record (invalid JSON or YAML, or not an object)"
    ]
    assert progress[0] == "importing records" and len(progress) == 4


def test_bad_input_is_one_line_input_error(workspace: Workspace, tmp_path: Path) -> None:
    bad = tmp_path / "export.zip"
    bad.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(InputError) as error:
        workspace.vulndb.import_export(bad)
    assert "\n" not in str(error.value)
    with pytest.raises(InputError):
        workspace.vulndb.import_export(tmp_path / "missing.zip")
    assert workspace.vulndb.status().empty


def test_lookups_of_many_names_are_chunked(workspace: Workspace, tmp_path: Path) -> None:
    records = [
        record(f"GHSA-{i}", affected=[{"package": {"ecosystem": "npm", "name": f"p{i}"}}])
        for i in range(1_200)
    ]
    workspace.vulndb.import_export(write_zip(tmp_path / "many.zip", records))
    found = workspace.vulndb.records_for(("npm", f"p{i}") for i in range(0, 2_400, 2))
    assert len(found) == 600


def test_upgrade_from_0001_keeps_existing_rows(
    tmp_path: Path, make_audit: Callable[..., AuditRecord]
) -> None:
    directory = tmp_path / ".cto"
    directory.mkdir()
    engine = db.make_engine(db.sqlite_url(directory / "cto.db"))
    db.upgrade(engine, "0001")
    Workspace(directory, engine).save_audit(make_audit("shop"), None)
    engine.dispose()
    with Workspace.open(directory) as workspace:
        assert [a.repository_key for a in workspace.list_audits()] == ["shop"]
        assert workspace.vulndb.status().empty
        with workspace._engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(Audit)) == 1
            version = connection.scalar(text("SELECT version_num FROM alembic_version"))
    assert version == db.HEAD_REVISION
