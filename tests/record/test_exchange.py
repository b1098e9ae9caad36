"""Whole-record export and import: the schema, refusals that write nothing, and losslessness.

The property test builds records from every ``strategies_*.py`` module beside this file (each
kind's owner adds one), so a new kind is round-tripped as soon as its strategies exist.
"""

from __future__ import annotations

import importlib
import json
import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from cto.record import Workspace
from cto.record.engagement import Engagement, default_engagement, make_override
from cto.record.exchange import (
    FORMAT,
    VERSION,
    export_document,
    export_text,
    import_document,
    parse_export,
    schema,
)
from cto.record.items import REGISTRY, RecordError, RecordModel
from cto.record.kinds import KIND_MODULES, load_kinds
from cto.record.profile import CompanyProfile, Goal, Stage, Team

HERE = Path(__file__).parent
VALIDATOR = Draft202012Validator(schema(), format_checker=FormatChecker())


def _strategies() -> dict[str, st.SearchStrategy[Any]]:
    found: dict[str, st.SearchStrategy[Any]] = {}
    for path in sorted(HERE.glob("strategies_*.py")):
        module = importlib.import_module(path.stem)
        for kind, strategy in module.STRATEGIES.items():
            assert kind not in found, f"{path.name}: kind {kind!r} has strategies twice"
            found[kind] = strategy
    return found


STRATEGIES = _strategies()


def profile(name: str = "Kitebook") -> CompanyProfile:
    return CompanyProfile(
        name=name,
        stage=Stage.MVP,
        team=Team(size=3, roles=["backend"]),
        goals=[Goal(id="paying-schools", title="Paying schools", metric="schools paying")],
    )


def add(workspace: Workspace, *items: RecordModel) -> None:
    with workspace.record() as store:
        for item in items:
            store.add(item)


def export(workspace: Workspace) -> dict[str, Any]:
    with workspace.record(write=False) as store:
        return export_document(store)


def text_of(workspace: Workspace) -> str:
    with workspace.record(write=False) as store:
        return export_text(store)


def load(workspace: Workspace, text: str, *, replace: bool = False) -> None:
    with workspace.record() as store:
        import_document(store, parse_export(text), replace=replace)


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Workspace]:
    """A second, empty workspace to import into."""
    with Workspace.open(tmp_path / "other") as opened:
        yield opened


def test_every_record_kind_has_strategies():
    load_kinds()
    shipped = {kind for kind, cls in REGISTRY.items() if cls.__module__ in KIND_MODULES}
    assert {"profile", "engagement", "adr", "risk"} <= shipped
    assert shipped <= set(STRATEGIES), "add strategies_<area>.py for new kinds"
    assert set(STRATEGIES) <= set(REGISTRY)


def test_export_follows_the_shipped_schema_and_keeps_times(workspace):
    add(workspace, profile(), default_engagement("mvp-leadership", date(2026, 1, 5)))
    document = json.loads(text_of(workspace))
    VALIDATOR.validate(document)
    assert document["format"] == FORMAT and document["version"] == VERSION
    assert [item["kind"] for item in document["items"]] == ["profile", "engagement"]
    with workspace.record(write=False) as store:
        rows = store.rows()
    for item, row in zip(document["items"], rows, strict=True):
        assert datetime.fromisoformat(item["created_at"]) == datetime.fromisoformat(
            row["created_at"]
        )
        assert item["updated_at"].endswith("+00:00")


def test_schema_refuses_what_the_importer_refuses():
    good = {"format": FORMAT, "version": 1, "exported_at": "2026-01-05T10:00:00+00:00"}
    item = {
        "kind": "profile",
        "key": "company",
        "data": {"name": "x"},
        "created_at": "2026-01-05T10:00:00+00:00",
        "updated_at": "2026-01-05T10:00:00.123456+00:00",
    }
    VALIDATOR.validate({**good, "items": [item]})
    for bad in (
        {**good, "version": 2, "items": []},
        {**good, "format": "other", "items": []},
        {**good, "items": [{**item, "created_at": "2026-01-05 10:00"}]},
        {**good, "items": [{**item, "extra": 1}]},
        {**good, "items": [{**item, "data": []}]},
    ):
        assert not VALIDATOR.is_valid(bad)
        with pytest.raises(RecordError):
            parse_export(json.dumps(bad))


def test_import_restores_every_entry_and_its_times(workspace, other):
    add(workspace, profile())
    with workspace.record() as store:
        store.save(default_engagement("interim-leadership"))
    first = text_of(workspace)
    load(other, first)
    assert export(other)["items"] == json.loads(first)["items"]
    with other.record(write=False) as store:
        assert store.require(CompanyProfile, "company") == profile()
        assert store.require(Engagement, "current") == default_engagement("interim-leadership")


def test_times_in_another_offset_are_exported_in_utc(workspace, other):
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": "2026-01-05T10:00:00+02:00",
        "items": [
            {
                "kind": "profile",
                "key": "company",
                "data": profile().model_dump(mode="json"),
                "created_at": "2026-01-05T10:00:00+02:00",
                "updated_at": "2026-01-06T09:30:00.250000-05:00",
            }
        ],
    }
    load(other, json.dumps(document))
    (item,) = export(other)["items"]
    assert item["created_at"] == "2026-01-05T08:00:00+00:00"
    assert item["updated_at"] == "2026-01-06T14:30:00.250000+00:00"


def test_a_non_empty_record_is_refused_and_kept(workspace, other):
    add(other, profile("Already here"))
    before = text_of(other)
    add(workspace, profile())
    with pytest.raises(RecordError, match=r"already holds 1 entries.*--replace"):
        load(other, text_of(workspace))
    assert export(other)["items"] == json.loads(before)["items"]


def test_replace_clears_first_in_the_same_transaction(workspace, other):
    add(other, profile("Old"), default_engagement("discovery-sprint"))
    add(workspace, profile("New"))
    load(other, text_of(workspace), replace=True)
    assert export(other)["items"] == export(workspace)["items"]


def test_a_refused_replace_leaves_the_old_record(workspace, other):
    add(other, profile("Old"))
    before = export(other)["items"]
    add(workspace, profile("New"))
    document = json.loads(text_of(workspace))
    document["items"].append({**document["items"][0], "kind": "unicorn"})
    with pytest.raises(RecordError, match=r"item 2 \(unicorn 'company'\): unknown record kind"):
        load(other, json.dumps(document), replace=True)
    assert export(other)["items"] == before


def _one_item(**changes: Any) -> str:
    item = {
        "kind": "profile",
        "key": "company",
        "data": {"name": "Kitebook"},
        "created_at": "2026-01-05T10:00:00+00:00",
        "updated_at": "2026-01-05T10:00:00+00:00",
    }
    document = {"format": FORMAT, "version": VERSION, "exported_at": item["created_at"]}
    return json.dumps({**document, "items": [{**item, **changes}]})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"format": "cto-record", "version": NaN}', "not valid JSON"),
        ("[]", "not a cto record export"),
        ('{"format": "cto-record", "version": 2, "items": []}', "export version 2"),
        ('{"format": "cto-record", "version": true, "items": []}', "export version True"),
        (_one_item(data={"name": "x", "team": {"size": -1}}), "team.size"),
        (_one_item(data={"name": "x", "stage": "series-a"}), "'series-a' is not allowed"),
        (_one_item(kind="unicorn"), "unknown record kind 'unicorn'"),
        (_one_item(key="other"), "key does not match"),
        (_one_item(created_at="2026-01-05T10:00:00"), "no UTC offset"),
        (_one_item(updated_at="yesterday"), "not an ISO 8601"),
        (_one_item(data="name"), "data is not an object"),
    ],
)
def test_bad_documents_are_one_line_and_write_nothing(other, text, message):
    with pytest.raises(RecordError, match=message) as raised:
        load(other, text)
    assert "\n" not in str(raised.value)
    assert export(other)["items"] == []


def test_a_duplicate_entry_is_refused(other):
    document = json.loads(_one_item())
    document["items"] *= 2
    with pytest.raises(RecordError, match=r"item 2 .*already exists"):
        load(other, json.dumps(document))
    assert export(other)["items"] == []


@st.composite
def records(draw: st.DrawFn) -> list[RecordModel]:
    """Entries of every kind with strategies, distinct keys per kind, in a drawn order."""
    items: list[RecordModel] = []
    for kind in sorted(STRATEGIES):
        drawn = draw(st.lists(STRATEGIES[kind], max_size=3, unique_by=lambda i: i.record_key()))
        assert all(kind == item.KIND for item in drawn)
        items.extend(drawn)
    return draw(st.permutations(items))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=records())
def test_export_import_export_is_lossless(items):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with Workspace.open(root / "a") as source, Workspace.open(root / "b") as target:
            add(source, *items)
            first = text_of(source)
            VALIDATOR.validate(json.loads(first))
            load(target, first)
            second = text_of(target)
            assert json.loads(second)["items"] == json.loads(first)["items"]
            with target.record(write=False) as store:
                for cls in {type(item) for item in items}:
                    assert store.all(cls) == [item for item in items if type(item) is cls]


def test_a_record_moves_from_sqlite_to_postgresql_and_back(workspace, postgres_url, tmp_path):
    override = make_override(
        rule="complexity.complex-functions",
        threshold="medium",
        value=25,
        reason="legacy billing module; rewrite planned",
        on=date(2026, 2, 3),
    )
    engagement = default_engagement("vendor-oversight", date(2026, 2, 2)).with_override(override)
    add(workspace, profile(), engagement)
    first = text_of(workspace)
    with Workspace.open(tmp_path / "pg", url=postgres_url) as server:
        load(server, first)
        moved = text_of(server)
        with server.record(write=False) as store:
            assert store.require(CompanyProfile, "company") == profile()
            assert store.require(Engagement, "current") == engagement
    assert json.loads(moved)["items"] == json.loads(first)["items"]
    with Workspace.open(tmp_path / "back") as back:
        load(back, moved)
        assert json.loads(text_of(back))["items"] == json.loads(first)["items"]


def test_replace_clears_even_entries_of_a_kind_no_longer_known(workspace, other):
    from sqlalchemy import text

    add(workspace, profile("Kitebook"))
    add(other, profile("Old name"))
    with other.record() as store:  # a row written by a cto that knew a kind this one does not
        store._session.execute(
            text("INSERT INTO record_items (kind, key, data, created_at, updated_at) "
                 "VALUES ('retired-kind', 'x', '{}', '2026-01-01', '2026-01-01')")
        )  # fmt: skip
    load(other, text_of(workspace), replace=True)
    assert export(other)["items"] == export(workspace)["items"]
