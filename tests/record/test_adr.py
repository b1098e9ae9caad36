"""ADRs in the record: the model's rules and the lifecycle operations, on a real workspace."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import date

import pytest

from cto.record import Workspace
from cto.record.adr import Adr, AdrStatus, parse_status
from cto.record.adr_ops import (
    accept,
    check_links,
    cite,
    deprecate,
    import_adrs_into,
    list_adrs,
    new_adr,
    reject,
    supersede,
)
from cto.record.items import REGISTRY, RecordError, build
from cto.record.store import RecordStore

Session = Callable[[], AbstractContextManager[RecordStore]]


@pytest.fixture
def session(workspace: Workspace) -> Session:
    """A new record transaction on the test workspace each time it is called."""
    return workspace.record


@pytest.fixture
def store(workspace: Workspace) -> Iterator[RecordStore]:
    """One open record transaction."""
    with workspace.record() as opened:
        yield opened


def adr(number: int, **fields: object) -> Adr:
    return Adr.model_validate(
        {"number": number, "title": f"T{number}", "date": "2025-01-02"} | fields
    )


def snapshot(session: Session) -> list[dict[str, object]]:
    with session() as store:
        return [adr.model_dump() for adr in list_adrs(store)]


# The model


def test_fields_are_stripped_deduplicated_and_windows_newlines_unified():
    made = adr(1, title="  Use X  ", deciders=["Ada", " Ada ", "Bo"], context="a\r\nb\rc  \n")
    assert (made.title, made.deciders, made.context) == ("Use X", ["Ada", "Bo"], "a\nb\nc")
    assert made.status is AdrStatus.PROPOSED and made.record_key() == "1"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "two\nlines"}, "one line"),
        ({"title": "   "}, "title"),
        ({"options": ["ok", "bad\u2028break"]}, "one line"),
        ({"context": "bell\x07"}, "control characters"),
        ({"number": 0}, "number"),
        ({"number": 10_000}, "number"),
        ({"status": "draft"}, "status"),
        ({"superseded_by": 2}, "must have status 'superseded'"),
        ({"superseded_by": 1, "status": "superseded"}, "cannot supersede itself"),
        ({"supersedes": [1]}, "cannot supersede itself"),
        ({"supersedes": [2], "superseded_by": 2, "status": "superseded"}, "both supersede"),
        ({"extra": 1}, "extra"),
    ],
)
def test_invalid_adrs_are_refused_in_one_line(fields, message):
    data = {"number": 1, "title": "T", "date": "2025-01-02"} | fields
    with pytest.raises(RecordError) as caught:
        build(Adr, data)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_parse_status_names_the_choices():
    assert parse_status(" Accepted ") is AdrStatus.ACCEPTED
    with pytest.raises(RecordError, match=r"unknown ADR status 'done' .*proposed, accepted"):
        parse_status("done")


# Lifecycle


def test_new_numbers_follow_on_and_default_to_today_proposed(store):
    first = new_adr(store, "Use PostgreSQL", context="Need SQL.", options=["PostgreSQL", "MySQL"])
    second = new_adr(store, "Use Redis", status=AdrStatus.ACCEPTED, on=date(2024, 3, 1))
    assert (first.number, first.status, first.date) == (1, AdrStatus.PROPOSED, store.now.date())
    assert (second.number, second.status, second.date) == (2, AdrStatus.ACCEPTED, date(2024, 3, 1))
    assert store.require(Adr, "1") == first


def test_new_refuses_a_final_status(store):
    with pytest.raises(RecordError, match="proposed or accepted, not deprecated"):
        new_adr(store, "X", status=AdrStatus.DEPRECATED)
    assert store.count(Adr) == 0


def test_accept_reject_and_deprecate_follow_the_lifecycle(store):
    for title in ("A", "B"):
        new_adr(store, title)
    assert accept(store, 1).status is AdrStatus.ACCEPTED
    assert reject(store, 2).status is AdrStatus.REJECTED
    assert deprecate(store, 1).status is AdrStatus.DEPRECATED
    with pytest.raises(RecordError, match="ADR 2 is rejected; only a proposed ADR can be accepted"):
        accept(store, 2)
    with pytest.raises(
        RecordError, match="ADR 2 is rejected; only an accepted ADR can be deprecated"
    ):
        deprecate(store, 2)
    with pytest.raises(RecordError, match="no ADR '9' in the record"):
        accept(store, 9)
    assert [a.status for a in list_adrs(store)] == [AdrStatus.DEPRECATED, AdrStatus.REJECTED]


def test_supersede_links_both_ways(store):
    new_adr(store, "Old", status=AdrStatus.ACCEPTED, on=date(2020, 1, 1))
    new_adr(store, "Also old", status=AdrStatus.ACCEPTED)
    new_adr(store, "New")
    supersede(store, 1, 3)
    old, newer = supersede(store, 2, 3)
    assert (old.status, old.superseded_by, old.date) == (AdrStatus.SUPERSEDED, 3, store.now.date())
    assert newer.supersedes == [1, 2] and newer.status is AdrStatus.PROPOSED
    assert store.require(Adr, "1").superseded_by == 3
    assert store.require(Adr, "3").supersedes == [1, 2]
    assert list_adrs(store, AdrStatus.SUPERSEDED) == [store.require(Adr, "1"), old]
    check_links(store.all(Adr))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (1, 1, "ADR 1 cannot supersede itself"),
        (1, 9, "no ADR '9' in the record"),
        (9, 1, "no ADR '9' in the record"),
        (2, 3, "ADR 2 is already superseded by ADR 1"),
        (3, 2, "ADR 2 is superseded; only a proposed or accepted ADR can supersede"),
        (3, 4, "ADR 4 is rejected"),
    ],
)
def test_supersede_refuses_bad_links_and_changes_nothing(session, old, new, message):
    with session() as store:
        for title in ("One", "Two", "Three", "Four"):
            new_adr(store, title)
        supersede(store, 2, 1)
        reject(store, 4)
    before = snapshot(session)
    with pytest.raises(RecordError, match=message), session() as store:
        supersede(store, old, new)
    assert snapshot(session) == before


def test_cited_risks_must_be_in_the_register_when_risks_are_a_kind(session):
    with session() as store:
        risk = REGISTRY["risk"]  # registered by the workspace; looked up, not imported
        store.add(
            build(
                risk,
                {
                    "number": 1,
                    "title": "Key person",
                    "likelihood": 3,
                    "impact": 4,
                    "raised": "2025-01-01",
                },
            )
        )
        made = new_adr(store, "Pair on billing", cites_risks=[1], cites_findings=["knowledge.x:a"])
    assert made.cites_risks == [1]
    before = snapshot(session)
    with (
        pytest.raises(RecordError, match="ADR 2 cites risk 7, which is not in the record"),
        session() as store,
    ):
        new_adr(store, "Bad", cites_risks=[1, 7])
    with pytest.raises(RecordError, match="ADR 1 cites risk 8"), session() as store:
        cite(store, 1, risks=[8])
    assert snapshot(session) == before
    with session() as store:
        cited = cite(store, 1, findings=["secrets.y:b", "knowledge.x:a"], risks=[1])
    assert (cited.cites_findings, cited.cites_risks) == (["knowledge.x:a", "secrets.y:b"], [1])


def test_check_links_names_one_sided_and_dangling_links():
    one_sided = [adr(1, status="superseded", superseded_by=2), adr(2)]
    with pytest.raises(RecordError, match="ADR 2 does not say it supersedes ADR 1"):
        check_links(one_sided)
    with pytest.raises(RecordError, match="ADR 1 does not say it is superseded by ADR 2"):
        check_links([adr(1), adr(2, supersedes=[1])])
    with pytest.raises(RecordError, match="supersedes ADR 5, which is not recorded"):
        check_links([adr(2, supersedes=[5])])
    with pytest.raises(RecordError, match="superseded by ADR 5, which is not recorded"):
        check_links([adr(2, status="superseded", superseded_by=5)])
    check_links([adr(1, status="superseded", superseded_by=2), adr(2, supersedes=[1])])


def test_import_refuses_recorded_numbers_unless_replacing(session):
    with session() as store:
        new_adr(store, "Recorded")
    incoming = [
        adr(1, title="From files", status="superseded", superseded_by=2),
        adr(2, supersedes=[1]),
    ]
    before = snapshot(session)
    with pytest.raises(RecordError, match="ADR 1 is already in the record"), session() as store:
        import_adrs_into(store, incoming)
    assert snapshot(session) == before
    with session() as store:
        import_adrs_into(store, incoming, replace=True)
    assert snapshot(session) == [a.model_dump() for a in incoming]


def test_import_checks_links_against_the_whole_record(session):
    before = snapshot(session)
    with (
        pytest.raises(RecordError, match="ADR 3 supersedes ADR 1, which is not recorded"),
        session() as store,
    ):
        import_adrs_into(store, [adr(3, supersedes=[1])])
    assert snapshot(session) == before


def test_citations_are_not_checked_while_risks_are_not_a_kind(store, monkeypatch):
    monkeypatch.delitem(REGISTRY, "risk")
    assert new_adr(store, "Cites an unknown register", cites_risks=[9]).cites_risks == [9]
