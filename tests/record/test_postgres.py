"""The workspace on a real PostgreSQL server (the suite starts its own): same schema and behaviour.

The SQLite tests of audits, the history cache and the vulnerability database are imported below
and run again here, where the ``workspace`` fixture is overridden with a PostgreSQL workspace.
The server's time zone is not UTC (see ``tests/pg_server.py``), so a time read back in the
session's zone would show.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from record_samples import commit, finding
from sqlalchemy import inspect, make_url, text
from test_record_audits import (  # noqa: F401  (collected again here, against PostgreSQL)
    test_failed_finding_insert_writes_nothing,
    test_failure_after_history_update_writes_nothing,
    test_list_is_newest_first_and_filtered,
    test_naive_times_are_refused,
    test_no_findings_has_no_worst_severity,
    test_save_and_read_back,
    test_times_in_other_zones_are_ordered_by_instant,
    test_unknown_audit_report,
)
from test_record_concurrency import Note, note_kind
from test_record_history import (  # noqa: F401
    test_caches_are_per_repository,
    test_many_prepends_are_merged,
    test_non_utf8_text_and_binary_counts,
    test_nothing_cached_yet,
    test_prepend_nothing_new_keeps_the_cache,
    test_prepend_with_a_mismatched_base_fails,
    test_prepend_without_a_cache_fails,
    test_replace_discards_the_old_cache,
    test_replace_then_prepend,
)
from test_record_migrations import TABLES
from test_vulndb import (  # noqa: F401
    test_bad_input_is_one_line_input_error,
    test_directory_with_json_and_yaml,
    test_import_zip_then_lookup_by_normalised_name,
    test_lookups_of_many_names_are_chunked,
    test_reimport_is_idempotent_and_newer_records_replace,
    test_withdrawn_records_kept_but_never_returned,
)
from typer.testing import CliRunner, Result

from cto.errors import WorkspaceError
from cto.record import AuditRecord, HistoryUpdate, Workspace, db
from cto.record.items import RecordError
from cto.record.models import Base
from cto.record.profile import CompanyProfile, Goal, Stage, Team
from cto.record.workspace import DATABASE_NAME
from repo_builder import RepoBuilder, lines
from test_cli_supply import ADVISORY

Audit = Callable[..., AuditRecord]


@pytest.fixture
def workspace(tmp_path: Path, postgres_url: str) -> Iterator[Workspace]:
    """An open workspace whose database is a new PostgreSQL database (overrides the SQLite one)."""
    with Workspace.open(tmp_path / ".cto", url=postgres_url) as opened:
        yield opened


@pytest.fixture(params=["sqlite", "postgresql"])
def any_workspace(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Workspace]:
    """An open workspace on each backend in turn, for behaviour both must share."""
    url = None if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    with Workspace.open(tmp_path / ".cto", url=url) as opened:
        yield opened


# --- schema ---------------------------------------------------------------------------------


def test_open_migrates_an_empty_database_to_head(tmp_path: Path, postgres_url: str) -> None:
    with Workspace.open(tmp_path / ".cto", url=postgres_url) as workspace:
        engine = workspace._engine
        assert engine.dialect.name == "postgresql"
        assert set(inspect(engine).get_table_names()) == TABLES | {"alembic_version"}
        assert db.at_head(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    assert not (tmp_path / ".cto" / DATABASE_NAME).exists()


def test_downgrade_to_base_and_upgrade_again(tmp_path: Path, postgres_url: str) -> None:
    engine = db.make_engine(postgres_url)
    try:
        db.upgrade(engine)
        db.downgrade(engine, "base")
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
        assert not db.at_head(engine)
        db.upgrade(engine)
        assert set(inspect(engine).get_table_names()) == TABLES | {"alembic_version"}
    finally:
        engine.dispose()


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_plain_postgresql_urls_use_psycopg(tmp_path: Path, postgres_url: str, scheme: str) -> None:
    plain = make_url(postgres_url).set(drivername=scheme).render_as_string(hide_password=False)
    assert plain.startswith(f"{scheme}://")
    with Workspace.open(tmp_path / ".cto", url=plain) as workspace:
        assert workspace._engine.dialect.driver == "psycopg"
        assert workspace.list_audits() == []


def test_sessions_work_in_utc_on_a_server_that_does_not(workspace: Workspace) -> None:
    dsn = workspace._engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn) as raw:
        server_zone = raw.execute("SHOW timezone").fetchone()
    assert server_zone is not None and server_zone[0] != "UTC"
    with workspace._engine.connect() as connection:
        assert connection.execute(text("SHOW timezone")).scalar() == "UTC"


# --- audits, facts and file measures ------------------------------------------------------


def test_latest_facts_are_the_newest_audits_of_that_repository(
    workspace: Workspace, make_audit: Audit
) -> None:
    assert workspace.latest_facts("a") is None
    workspace.save_audit(make_audit("a", minutes=1, commit_count=1), None)
    workspace.save_audit(make_audit("a", minutes=3, commit_count=3), None)
    workspace.save_audit(make_audit("b", minutes=5, commit_count=5), None)
    workspace.save_audit(make_audit("a", minutes=2, commit_count=2), None)
    assert workspace.latest_facts("a") == {"commits": 3}
    assert workspace.latest_facts("b") == {"commits": 5}
    assert workspace.latest_fact("a", "commits") == 3  # extracted by the database
    assert workspace.latest_fact("a", "missing") is None
    assert workspace.latest_fact("nobody", "commits") is None


def test_one_part_of_the_latest_facts_comes_back_whole(
    workspace: Workspace, make_audit: Audit
) -> None:
    part = {"head": "abc", "commits": 2**40, "hits": [{"path": "naïve/caf\udce9.py", "line": 3}]}
    base = make_audit()
    facts = {"secret_scan": part, "other": list(range(1000))}
    workspace.save_audit(AuditRecord(**{**base.__dict__, "facts": facts}), None)
    assert workspace.latest_fact("demo", "secret_scan") == part


def test_json_documents_keep_unicode_nesting_and_odd_text(
    workspace: Workspace, make_audit: Audit
) -> None:
    facts = {
        "paths": ["caf\udce9.py", "naïve/日本語.py", "nul\x00byte"],
        "nested": {"list": [1, 2.5, None, True, {"deep": []}], "empty": {}},
        "big": 2**53,
    }
    base = make_audit(findings=[finding(subject="ünï")])
    workspace.save_audit(AuditRecord(**{**base.__dict__, "facts": facts, "report": facts}), None)
    (stored,) = workspace.list_audits()
    assert workspace.latest_facts("demo") == facts
    assert workspace.audit_report(stored.id) == facts


def test_a_value_json_cannot_hold_is_refused_and_nothing_written(
    workspace: Workspace, make_audit: Audit
) -> None:
    audit = make_audit()
    for facts in ({"ratio": float("nan")}, {"when": object()}):
        bad = AuditRecord(**{**audit.__dict__, "facts": facts})
        with pytest.raises(WorkspaceError, match="cannot save audit: cannot store as JSON"):
            workspace.save_audit(bad, HistoryUpdate("/r", commit(1).sha, [commit(1)]))
    assert workspace.list_audits() == []
    assert workspace.load_history("demo") is None


def test_file_measures_round_trip_every_byte(workspace: Workspace) -> None:
    every_byte = bytes(range(256))
    measures = {f"{n:040x}": n.to_bytes(2, "big") * (n % 50) + every_byte for n in range(700)}
    measures["big"] = every_byte * 8_192  # 2 MiB
    workspace.measures.store(measures)
    assert workspace.measures.lookup([*measures, "absent"]) == measures
    workspace.measures.store({"big": b"replaced"})
    assert workspace.measures.lookup(["big"]) == {"big": b"replaced"}
    workspace.measures.store({})


def test_two_workspaces_writing_audits_at_once(
    tmp_path: Path, postgres_url: str, make_audit: Audit
) -> None:
    errors: list[BaseException] = []

    def write(key: str) -> None:
        try:
            with Workspace.open(tmp_path / key, url=postgres_url) as workspace:
                for n in range(1, 16):
                    base = commit(n - 1).sha if n > 1 else None
                    update = HistoryUpdate(key, commit(n).sha, [commit(n, parent=n - 1)], base)
                    workspace.save_audit(make_audit(key, minutes=n, findings=[finding()]), update)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=write, args=(key,)) for key in ("one", "two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Workspace.open(tmp_path / "reader", url=postgres_url) as workspace:
        assert len(workspace.list_audits()) == 30
        for key in ("one", "two"):
            cached = workspace.load_history(key)
            assert cached is not None
            assert [c.sha for c in cached.commits] == [commit(n).sha for n in range(15, 0, -1)]


# --- the engagement record, on both backends ------------------------------------------------


def profile(**changes: object) -> CompanyProfile:
    data: dict[str, object] = {
        "name": "Acme Ünïcode ✓",
        "stage": Stage.MVP,
        "team": Team(size=4, roles=["backend", "design"]),
        "monthly_tech_budget": 12_000,
        "goals": [
            Goal(id="activation", title="Activation", metric="week-1", due=date(2027, 3, 31))
        ],
    }
    return CompanyProfile.model_validate({**data, **changes})


def test_record_store_add_get_save_all_remove(any_workspace: Workspace) -> None:
    with any_workspace.record() as store:
        assert store.get(CompanyProfile, "company") is None
        store.add(profile())
        for number in (1, 2, 10):
            store.add(Note(key=str(number), writer="me", text=f"note {number}"))
        created = store.now
    with any_workspace.record() as store:
        assert store.get(CompanyProfile, "company") == profile()
        assert [note.key for note in store.all(Note)] == ["1", "2", "10"]
        assert (store.next_number(Note), store.count(Note)) == (11, 3)
        store.save(profile(name="Acme 2"))
        store.save(Note(key="2", writer="me", text="changed"))
        store.remove(Note, "10")
        updated = store.now
    with any_workspace.record(write=False) as store:
        assert store.require(CompanyProfile, "company").name == "Acme 2"
        assert [(n.key, n.text) for n in store.all(Note)] == [("1", "note 1"), ("2", "changed")]
        assert store.next_number(Note) == 3
        times = {row["key"]: (row["created_at"], row["updated_at"]) for row in store.rows()}
        with pytest.raises(RecordError, match="no note '10' in the record"):
            store.require(Note, "10")
    assert times["1"] == (created.isoformat(), created.isoformat())
    assert times["2"] == (created.isoformat(), updated.isoformat())
    assert times["company"] == (created.isoformat(), updated.isoformat())
    assert datetime.fromisoformat(times["1"][0]).utcoffset() == timedelta(0)


def test_record_error_inside_the_block_writes_nothing(any_workspace: Workspace) -> None:
    with any_workspace.record() as store:
        store.add(Note(key="1", writer="me"))
    with (
        pytest.raises(RecordError, match="note '1' already exists"),
        any_workspace.record() as store,
    ):
        store.add(profile())
        store.add(Note(key="2", writer="me"))
        store.add(Note(key="1", writer="again"))
    with pytest.raises(RecordError, match="no note '7'"), any_workspace.record() as store:
        store.save(Note(key="1", writer="changed"))
        store.remove(Note, "7")
    with any_workspace.record(write=False) as store:
        assert store.get(CompanyProfile, "company") is None
        assert store.all(Note) == [Note(key="1", writer="me")]


def test_exported_rows_restore_on_the_other_backend(tmp_path: Path, postgres_url: str) -> None:
    with note_kind(), Workspace.open(tmp_path / "sqlite") as source:
        with source.record() as store:
            store.add(profile())
            store.add(Note(key="1", writer="me", text="ünï ✓"))
            store.save(Note(key="1", writer="me", text="second version"))
            rows = store.rows()
        with Workspace.open(tmp_path / "pg", url=postgres_url) as target, target.record() as store:
            for row in rows:
                created = datetime.fromisoformat(row["created_at"])
                updated = datetime.fromisoformat(row["updated_at"])
                store.restore(row["kind"], row["key"], row["data"], created, updated)
        with (
            Workspace.open(tmp_path / "pg", url=postgres_url) as target,
            target.record(write=False) as store,
        ):
            assert store.rows() == rows


# --- the command line -----------------------------------------------------------------------


def invoke(*args: str | Path) -> Result:
    from cto.cli import app

    return CliRunner().invoke(app, [str(arg) for arg in args])


def test_audit_and_vulndb_commands_use_the_database_named_by_db(
    make_repo: Callable[..., RepoBuilder], tmp_path: Path, postgres_url: str
) -> None:
    repo = make_repo("product")
    repo.commit({"app.py": lines(20)}, date="2025-01-06")
    plain = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    ws, out = tmp_path / "ws", tmp_path / "out"
    args = ["audit", str(repo.path), "-q", "--workspace", str(ws), "--out", str(out), "--db", plain]
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    status = invoke("vulndb", "status", "--workspace", ws, "--db", plain)
    assert status.exit_code == 0, status.stderr
    assert "empty" in status.stdout
    assert not (ws / DATABASE_NAME).exists()
    with Workspace.open(tmp_path / "elsewhere", url=postgres_url) as workspace:
        assert [audit.name for audit in workspace.list_audits()] == ["product"]


@pytest.mark.parametrize(
    ("command", "url", "message"),
    [
        (
            "audit",
            "postgresql+psycopg://nobody@127.0.0.1:1/x",
            "cannot open workspace postgresql+psycopg://nobody@127.0.0.1:1/x: ",
        ),
        (
            "audit",
            "postgresql://nobody:" + "s3cret@127.0.0.1:1/x",  # split: not a secret to scan
            "cannot open workspace postgresql://nobody:***@127.0.0.1:1/x: ",
        ),
        ("audit", "not a database url", "cannot open workspace not a database url: "),
        ("audit", "postgresql+nodriver://a@b/c", "cannot open workspace postgresql+nodriver:"),
        ("vulndb", "postgresql+psycopg://nobody@127.0.0.1:1/x", "cannot open workspace "),
    ],
)
def test_unusable_db_url_is_one_line_and_exit_2(
    make_repo: Callable[..., RepoBuilder], tmp_path: Path, command: str, url: str, message: str
) -> None:
    repo = make_repo("product")
    repo.commit({"app.py": lines(5)}, date="2025-01-06")
    ws = tmp_path / "ws"
    args = (
        ["audit", str(repo.path), "-q", "--out", str(tmp_path / "out")]
        if command == "audit"
        else ["vulndb", "status"]
    )
    result = invoke(*args, "--workspace", ws, "--db", url)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cto: error: {message}"), result.stderr
    assert result.stderr.count("\n") == 1
    assert "s3cret" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_check_reads_a_postgresql_workspace_but_never_migrates_one(
    make_repo: Callable[..., RepoBuilder], tmp_path: Path, postgres_url: str
) -> None:
    builder = make_repo()
    builder.commit({"app.py": "print('hi')\n", "requirements.txt": "requests==2.19.0\n"})
    fresh = invoke("check", builder.path, "--db", postgres_url, "--workspace", tmp_path / "w")
    assert fresh.exit_code == 2
    assert fresh.stderr.startswith("cto: error: ") and len(fresh.stderr.strip().splitlines()) == 1
    assert "not a workspace of this cto version" in fresh.stderr
    engine = db.make_engine(postgres_url)
    try:
        assert inspect(engine).get_table_names() == []  # nothing created
    finally:
        engine.dispose()
    assert not (tmp_path / "w").exists()
    advisories = tmp_path / "advisories"
    advisories.mkdir()
    (advisories / "GHSA-test.json").write_text(json.dumps(ADVISORY))
    imported = invoke("vulndb", "import", advisories, "--db", postgres_url, "--workspace", tmp_path)
    assert imported.exit_code == 0, imported.stderr  # a writing command migrates the database
    ready = invoke("check", builder.path, "--db", postgres_url, "--format", "json")
    assert ready.exit_code in (0, 1), ready.stderr
    assert "GHSA-test-0000-0001" in ready.stdout  # matched from the PostgreSQL database


def test_an_incremental_audit_forked_beside_an_open_connection_equals_a_full_one(
    make_repo: Callable[..., RepoBuilder], tmp_path: Path, postgres_url: str
) -> None:
    import hashlib

    key = "sk" + "_live_" + hashlib.sha256(b"cto-postgres-fork").hexdigest()[:24]
    repo = make_repo("forked")
    repo.commit({b"caf\xe9.py": f'KEY = "{key}"\n', "app.py": lines(20)}, date="2025-01-06")
    repo.commit({b"caf\xe9.py": "KEY = None\n"}, date="2025-01-07")  # the secret stays in history
    plain = postgres_url.replace("postgresql+psycopg://", "postgresql://")

    def audit(out: str, *db: str) -> dict[str, object]:
        args = [
            "audit",
            str(repo.path),
            "-q",
            "--until",
            "2025-03-01",
            "--out",
            str(tmp_path / out),
        ]
        result = invoke(*args, "--workspace", str(tmp_path / f"ws-{out}"), *db)
        assert result.exit_code == 0, result.stderr
        data = json.loads((tmp_path / out / "report.json").read_text())
        data.pop("generated_at")
        data["repositories"][0].pop("incremental")
        return data

    audit("first", "--db", plain)
    repo.commit({"app.py": lines(24)}, author=("Bob", "bob@example.com"), date="2025-01-08")
    incremental = audit("second", "--db", plain)  # history side forked; the pool stays open
    assert incremental == audit("fresh")  # a full audit in a new SQLite workspace
    secrets = next(a for a in incremental["repositories"][0]["areas"] if a["id"] == "secrets")
    assert [f["rule"] for f in secrets["findings"]] == ["secrets.in-history"]
    with Workspace.open(tmp_path / "elsewhere", url=postgres_url) as workspace:
        names = [audit.name for audit in workspace.list_audits()]
    assert names.count("forked") == 2
