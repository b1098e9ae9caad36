"""Two processes writing one workspace's record at once; commands that fail or die midway.

Each process runs many small commands (one transaction each): add a note of its own, then
increment a shared tally (a read-modify-write that loses counts unless writers queue). Every note
must land, the tally must count every command, and the database must pass its integrity check.
Both on SQLite (WAL, busy timeout, ``BEGIN IMMEDIATE``) and on PostgreSQL (the write lock).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

import pytest
from pydantic import Field

from cto.record import Workspace
from cto.record.items import REGISTRY, RecordError, RecordModel, register
from cto.record.workspace import DATABASE_NAME

NOTES_PER_WRITER = 40
WRITERS = ("left", "right")
TALLY = "tally"


class Note(RecordModel):
    """A test-only record kind: a note written by one process, or the shared tally."""

    KIND: ClassVar[str] = "test-note"
    LABEL: ClassVar[str] = "note"

    key: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)
    writer: str
    text: str = ""
    count: int = 0

    def record_key(self) -> str:
        """The note's own key."""
        return self.key


@contextmanager
def note_kind() -> Iterator[type[Note]]:
    """:class:`Note` registered as a record kind for the block (the registry is global)."""
    register(Note)
    try:
        yield Note
    finally:
        REGISTRY.pop(Note.KIND, None)


def note_text(writer: str, number: int) -> str:
    return f"note {number} by {writer}: ünïcödé ✓ and a 'quote'"


def write_notes(directory: str, url: str | None, writer: str, start: Any) -> None:
    """One process: open the workspace, then one transaction per note (spawned, so top-level)."""
    with note_kind():
        start.wait(timeout=60)
        with Workspace.open(Path(directory), url=url) as workspace:
            for number in range(NOTES_PER_WRITER):
                with workspace.record() as store:
                    key = f"{writer}-{number}"
                    store.add(Note(key=key, writer=writer, text=note_text(writer, number)))
                    tally = store.get(Note, TALLY) or Note(key=TALLY, writer="both")
                    tally.count += 1
                    store.save(tally)


def die_in_the_middle(directory: str, url: str | None) -> None:
    """One process killed (SIGKILL) inside a transaction that has already written entries."""
    with Workspace.open(Path(directory), url=url) as workspace, workspace.record() as store:
        for number in range(10):
            store.add(Note(key=f"doomed-{number}", writer="doomed"))
        os.kill(os.getpid(), signal.SIGKILL)


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str | None]:
    """A workspace directory and the database URL (``None``: its own SQLite file)."""
    url = None if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    return tmp_path / ".cto", url


def spawn(function: Any, *args: Any) -> multiprocessing.process.BaseProcess:
    process = multiprocessing.get_context("spawn").Process(target=function, args=args)
    process.start()
    return process


def assert_intact(directory: Path, url: str | None) -> None:
    if url is None:
        connection = sqlite3.connect(directory / DATABASE_NAME)
        try:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            connection.close()


def test_two_processes_writing_at_once_lose_nothing(target: tuple[Path, str | None]) -> None:
    directory, url = target
    start = multiprocessing.get_context("spawn").Barrier(len(WRITERS))
    # Both open a workspace that does not exist yet: the first migrates, the other waits.
    processes = [spawn(write_notes, str(directory), url, writer, start) for writer in WRITERS]
    for process in processes:
        process.join(timeout=120)
    assert [process.exitcode for process in processes] == [0, 0]
    assert_intact(directory, url)
    with Workspace.open(directory, url=url) as workspace, workspace.record(write=False) as store:
        notes = {note.key: note for note in store.all(Note)}
        rows = store.rows()
    tally = notes.pop(TALLY)
    assert tally.count == len(WRITERS) * NOTES_PER_WRITER
    expected = {
        f"{writer}-{number}": Note(
            key=f"{writer}-{number}", writer=writer, text=note_text(writer, number)
        )
        for writer in WRITERS
        for number in range(NOTES_PER_WRITER)
    }
    assert notes == expected
    assert len(rows) == len(expected) + 1
    # Each writer's notes are in the order it wrote them.
    for writer in WRITERS:
        mine = [row["key"] for row in rows if row["data"]["writer"] == writer]
        assert mine == [f"{writer}-{number}" for number in range(NOTES_PER_WRITER)]


def test_a_command_failing_midway_leaves_nothing(target: tuple[Path, str | None]) -> None:
    directory, url = target
    with Workspace.open(directory, url=url) as workspace:
        with workspace.record() as store:
            store.add(Note(key="kept", writer="first", text="original"))
            store.add(Note(key="gone-later", writer="first"))
        with workspace.record(write=False) as store:
            before = store.rows()
        with pytest.raises(RecordError, match="stop here"), workspace.record() as store:
            for number in range(8):
                store.add(Note(key=f"partial-{number}", writer="second"))
            store.save(Note(key="kept", writer="second", text="rewritten"))
            store.remove(Note, "gone-later")
            assert store.count(Note) == 9  # the transaction sees its own writes
            raise RecordError("stop here")
        with pytest.raises(RecordError, match="already exists"), workspace.record() as store:
            store.add(Note(key="partial-0", writer="third"))
            store.add(Note(key="kept", writer="third"))  # refused: the whole command is undone
        with workspace.record(write=False) as store:
            assert store.rows() == before
            assert store.require(Note, "kept").text == "original"
    assert_intact(directory, url)


def test_a_process_killed_inside_a_command_leaves_nothing(
    target: tuple[Path, str | None],
) -> None:
    directory, url = target
    with Workspace.open(directory, url=url) as workspace, workspace.record() as store:
        store.add(Note(key="before", writer="parent"))
    process = spawn(die_in_the_middle, str(directory), url)
    process.join(timeout=120)
    assert process.exitcode == -signal.SIGKILL
    assert_intact(directory, url)
    with Workspace.open(directory, url=url) as workspace:
        with workspace.record() as store:  # the dead writer's lock is gone: writing works
            assert [note.key for note in store.all(Note)] == ["before"]
            store.add(Note(key="after", writer="parent"))
        with workspace.record(write=False) as store:
            assert [note.key for note in store.all(Note)] == ["before", "after"]
