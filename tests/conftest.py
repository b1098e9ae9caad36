"""Shared fixtures: repositories built by the tests themselves, and a PostgreSQL server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pg_server import PostgresServer, PostgresStartError
from repo_builder import RepoBuilder


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[..., RepoBuilder]:
    """Return a factory of empty repositories under the test's temporary directory."""
    counter = iter(range(1000))

    def factory(name: str | None = None) -> RepoBuilder:
        return RepoBuilder(tmp_path / (name or f"repo{next(counter)}"))

    return factory


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server of the suite's own, started when a test first needs one.

    Never skipped: without PostgreSQL the tests that need it fail, saying how to install it.
    """
    try:
        server = PostgresServer.start()
    except PostgresStartError as error:
        pytest.fail(f"cannot start the test PostgreSQL server: {error}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """The URL (``postgresql+psycopg://…``) of a new, empty database on the test server."""
    return postgres_server.create_database()
