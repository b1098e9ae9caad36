"""Shared fixtures: repositories built by the tests themselves."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from repo_builder import RepoBuilder


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[..., RepoBuilder]:
    """Return a factory of empty repositories under the test's temporary directory."""
    counter = iter(range(1000))

    def factory(name: str | None = None) -> RepoBuilder:
        return RepoBuilder(tmp_path / (name or f"repo{next(counter)}"))

    return factory
