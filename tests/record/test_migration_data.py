"""Migrations keep data: rows written at the first schema survive every later revision unchanged.

The test creates a database at the first revision, fills every table it has with realistic rows
(through SQLAlchemy Core on the tables as reflected from the database, so it never depends on
today's models), then upgrades one revision at a time, filling the tables each revision adds and
checking after every step that every row written so far is still there with every value it was
written with. On SQLite and on PostgreSQL.

A new migration that adds a table needs sample rows in :data:`ROWS` (the test says so); one that
drops, rewrites or loses data fails here.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from record_samples import commit, history
from sqlalchemy import Engine, MetaData, select

from cto.record import Workspace, db
from cto.record.codec import decode_commits, encode_commits
from cto.sources.interface import FileChange, RawCommit

T0 = datetime(2025, 3, 14, 9, 26, 53, 589_793, tzinfo=UTC)
ODD_COMMIT = RawCommit(
    "c" * 40,
    (commit(3).sha,),
    "M\udcfcller",
    "m@x.example",
    1_741_944_413,
    (FileChange("docs/r\udce9sum\udce9.pdf", "old\udcff", None, None),),
)
SHOP_HISTORY = [ODD_COMMIT, *history(3)]
OSV = {
    "id": "GHSA-29mw-wpgm-hmr9",
    "modified": "2025-02-01T10:00:00Z",
    "aliases": ["CVE-2025-0001"],
    "summary": "Prototype pollution in «lodash» — zip bomb ☠",
    "affected": [
        {
            "package": {"ecosystem": "npm", "name": "lodash"},
            "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.21"}]}],
        }
    ],
}
MEASURE = zlib.compress(
    json.dumps(
        {"v": 1, "f": [["main", 1, 40, 12, 35, 2, 3]], "l": [1, 2], "h": [99], "e": None}
    ).encode("ascii")
)

ROWS: dict[str, list[dict[str, Any]]] = {
    "repositories": [
        {"id": 1, "key": "/srv/git/shop", "location": "/srv/git/shop", "name": "shop",
         "created_at": T0},
        {"id": 2, "key": "https://git.example/acme/ünïcode.git", "location": "/tmp/clone ✓",
         "name": "ünïcode", "created_at": T0 + timedelta(days=1)},
    ],
    "history_checkpoints": [
        {"repository_id": 1, "head": ODD_COMMIT.sha, "location": "/srv/git/shop",
         "commit_count": len(SHOP_HISTORY), "updated_at": T0 + timedelta(hours=2)},
    ],
    "history_segments": [
        {"id": 1, "repository_id": 1, "sequence": 1, "commit_count": 3,
         "payload": encode_commits(history(3))},
        {"id": 2, "repository_id": 1, "sequence": 2, "commit_count": 1,
         "payload": encode_commits([ODD_COMMIT])},
    ],
    "audits": [
        {"id": 1, "repository_id": 1, "head": ODD_COMMIT.sha, "since": None,
         "until": T0, "as_of": T0, "started_at": T0 - timedelta(seconds=42),
         "finished_at": T0, "commit_count": 4, "incremental": False, "finding_count": 2,
         "worst_severity": "high",
         "facts": {"commits": 4, "paths": ["caf\udce9.py", "日本語.md"], "ratio": 0.125,
                   "nested": {"empty": {}, "list": [1, None, True, "x"]}},
         "report": {"title": "Audit of shop", "summary": {"rating": "red"}, "areas": []}},
        {"id": 2, "repository_id": 2, "head": None, "since": T0 - timedelta(days=90),
         "until": None, "as_of": T0 + timedelta(days=1), "started_at": T0 + timedelta(days=1),
         "finished_at": T0 + timedelta(days=1, seconds=3), "commit_count": 0,
         "incremental": True, "finding_count": 0, "worst_severity": None,
         "facts": {}, "report": {"title": "Empty repository"}},
    ],
    "findings": [
        {"id": 1, "audit_id": 1, "finding_id": "knowledge.truck-factor:1a2b3c4d5e",
         "rule": "knowledge.truck-factor", "area": "knowledge", "severity": "high",
         "title": "One person knows 80 % of the code", "impact": "If Jürgen leaves…",
         "recommendation": "Pair on payments.", "effort": "weeks", "repository": "shop",
         "evidence": [{"kind": "file", "value": "src/pay.py", "path": "src/pay.py"}]},
        {"id": 2, "audit_id": 1, "finding_id": "secrets.history:9f8e7d6c5b",
         "rule": "secrets.history", "area": "security", "severity": "medium",
         "title": "A key in history", "impact": "Rotate it.", "recommendation": "Rotate.",
         "effort": "hours", "repository": "shop",
         "evidence": [{"kind": "commit", "value": commit(2).sha, "path": None}]},
    ],
    "vulnerability_records": [
        {"id": OSV["id"], "modified": T0, "withdrawn": False, "aliases": ["CVE-2025-0001"],
         "record": OSV},
        {"id": "PYSEC-2024-1", "modified": T0 - timedelta(days=400), "withdrawn": True,
         "aliases": [], "record": {"id": "PYSEC-2024-1", "withdrawn": "2024-06-01T00:00:00Z"}},
    ],
    "vulnerability_packages": [
        {"ecosystem": "npm", "name": "lodash", "record_id": OSV["id"]},
        {"ecosystem": "PyPI", "name": "requests", "record_id": "PYSEC-2024-1"},
    ],
    "vulnerability_database": [
        {"id": 1, "source": "/data/osv/npm-all.zip", "imported_at": T0,
         "newest_modified": T0, "record_count": 1},
    ],
    "file_measures": [
        {"blob": "a" * 40, "data": MEASURE},
        {"blob": "b" * 64, "data": bytes(range(256)) * 4},
    ],
    "record_items": [
        {"id": 1, "kind": "profile", "key": "company", "created_at": T0, "updated_at": T0,
         "data": {"name": "Acme Ünïcode ✓", "stage": "mvp", "team": {"size": 4, "roles": []},
                  "monthly_tech_budget": 12000, "currency": "EUR", "goals": []}},
        {"id": 2, "kind": "adr", "key": "1", "created_at": T0,
         "updated_at": T0 + timedelta(minutes=5),
         "data": {"number": 1, "title": "Use PostgreSQL", "status": "accepted",
                  "date": "2025-03-14", "supersedes": [], "cites_findings": ["x:1"]}},
    ],
}  # fmt: skip
"""Sample rows of every table, by table; primary keys given so rows can be found again."""


def revisions() -> list[str]:
    """Every migration revision, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(db.MIGRATIONS))
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        url = db.sqlite_url(tmp_path / "cto.db")
    else:
        url = request.getfixturevalue("postgres_url")
    made = db.make_engine(url)
    yield made
    made.dispose()


def reflect(engine: Engine) -> MetaData:
    metadata = MetaData()
    metadata.reflect(engine)
    return metadata


def normal(value: Any) -> Any:
    """A stored value in comparable form: times as aware UTC (SQLite reads them back naive)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def fill_new_tables(engine: Engine, filled: dict[str, list[dict[str, Any]]], revision: str) -> None:
    metadata = reflect(engine)
    with engine.begin() as connection:
        for table in metadata.sorted_tables:  # parents before children
            if table.name == "alembic_version" or table.name in filled:
                continue
            if table.name not in ROWS:
                pytest.fail(f"revision {revision} adds table {table.name}: give it sample ROWS")
            connection.execute(table.insert(), ROWS[table.name])
            filled[table.name] = ROWS[table.name]


def assert_rows_survived(engine: Engine, filled: dict[str, list[dict[str, Any]]], at: str) -> None:
    metadata = reflect(engine)
    with engine.connect() as connection:
        for name, rows in filled.items():
            assert name in metadata.tables, f"table {name} is gone after revision {at}"
            table = metadata.tables[name]
            key = [column.name for column in table.primary_key.columns]
            stored = {
                tuple(row[column] for column in key): dict(row)
                for row in connection.execute(select(table)).mappings()
            }
            assert len(stored) == len(rows), f"{name}: {len(stored)} rows after {at}"
            for row in rows:
                where = f"{name} row {[row[column] for column in key]} after revision {at}"
                found = stored.get(tuple(row[column] for column in key))
                assert found is not None, f"{where}: lost"
                assert set(row) <= set(found), f"{where}: columns {set(row) - set(found)} gone"
                assert {c: normal(found[c]) for c in row} == {
                    c: normal(v) for c, v in row.items()
                }, where


def test_every_row_survives_every_migration(engine: Engine, tmp_path: Path) -> None:
    steps = revisions()
    assert steps[0] == "0001"
    assert steps[-1] == db.HEAD_REVISION
    filled: dict[str, list[dict[str, Any]]] = {}
    for revision in steps:
        db.upgrade(engine, revision)
        assert_rows_survived(engine, filled, revision)
        fill_new_tables(engine, filled, revision)
        assert_rows_survived(engine, filled, revision)
    db.upgrade(engine, "head")
    assert db.at_head(engine)
    assert_rows_survived(engine, filled, "head")
    assert set(filled) == set(ROWS), "sample rows for a table no revision creates"
    assert_the_application_reads_them(Workspace(tmp_path, engine))


def assert_the_application_reads_them(workspace: Workspace) -> None:
    assert [(a.id, a.name, a.worst_severity) for a in workspace.list_audits()] == [
        (2, "ünïcode", None),
        (1, "shop", "high"),
    ]
    assert workspace.latest_facts("/srv/git/shop") == ROWS["audits"][0]["facts"]
    cached = workspace.load_history("/srv/git/shop")
    assert cached is not None
    assert list(cached.commits) == SHOP_HISTORY
    assert decode_commits(ROWS["history_segments"][1]["payload"]) == [ODD_COMMIT]
    found = workspace.vulndb.records_for([("npm", "lodash"), ("PyPI", "requests")])
    assert [record.id for record in found[("npm", "lodash")]] == [OSV["id"]]
    assert ("PyPI", "requests") not in found  # withdrawn: kept, never matched
    assert workspace.measures.lookup(["a" * 40]) == {"a" * 40: MEASURE}
    with workspace.record(write=False) as store:
        assert [(row["kind"], row["key"], row["data"]) for row in store.rows()] == [
            (row["kind"], row["key"], row["data"]) for row in ROWS["record_items"]
        ]
