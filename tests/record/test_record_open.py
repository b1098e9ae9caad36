"""Opening a workspace: created once, reopened safely, clear errors otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from cto.errors import WorkspaceError
from cto.record import Workspace, db


def test_open_creates_directory_database_and_gitignore(tmp_path: Path) -> None:
    directory = tmp_path / "deep" / ".cto"
    with Workspace.open(directory) as workspace:
        assert workspace.directory == directory
        assert workspace.aliases_path == directory / "aliases"
    assert (directory / "cto.db").is_file()
    assert (directory / ".gitignore").read_text() == "*\n"


def test_open_twice_is_idempotent(tmp_path: Path) -> None:
    directory = tmp_path / ".cto"
    with Workspace.open(directory) as workspace:
        assert workspace.list_audits() == []
    (directory / ".gitignore").write_text("*\n# kept\n")
    with Workspace.open(directory) as workspace:
        assert workspace.list_audits() == []
    assert (directory / ".gitignore").read_text() == "*\n# kept\n"
    engine = create_engine(f"sqlite:///{directory / 'cto.db'}")
    with engine.connect() as connection:
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    engine.dispose()
    assert versions == [(db.HEAD_REVISION,)]


def test_url_puts_the_database_elsewhere(tmp_path: Path) -> None:
    database = tmp_path / "elsewhere.db"
    with Workspace.open(tmp_path / ".cto", url=f"sqlite:///{database}") as workspace:
        assert workspace.list_audits() == []
    assert database.is_file()
    assert not (tmp_path / ".cto" / "cto.db").exists()


def test_file_where_the_directory_should_be(tmp_path: Path) -> None:
    (tmp_path / ".cto").write_text("not a directory")
    with pytest.raises(WorkspaceError, match="cannot create workspace"):
        Workspace.open(tmp_path / ".cto")


def test_file_that_is_not_a_database(tmp_path: Path) -> None:
    directory = tmp_path / ".cto"
    directory.mkdir()
    (directory / "cto.db").write_bytes(b"this is not sqlite " * 100)
    with pytest.raises(WorkspaceError) as raised:
        Workspace.open(directory)
    assert "\n" not in str(raised.value)
    assert "not a database" in str(raised.value)


def test_database_path_that_cannot_be_opened(tmp_path: Path) -> None:
    directory = tmp_path / ".cto"
    (directory / "cto.db").mkdir(parents=True)
    with pytest.raises(WorkspaceError) as raised:
        Workspace.open(directory)
    assert "\n" not in str(raised.value)


def test_unwritable_directory_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(WorkspaceError, match=r"cannot create workspace .*: Permission denied$"):
        Workspace.open(tmp_path / ".cto")
