"""Helpers for the sources tests: plain git (no cto hardening) and hand-made commit objects."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from repo_builder import RepoBuilder


def run_plain_git(*args: str | bytes, cwd: Path, stdin: bytes | None = None) -> str:
    """Run git as a user would, the repository's own config in force (global config ignored)."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(cwd),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
    }
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, input=stdin, check=True, capture_output=True, timeout=20
    )
    return done.stdout.decode("utf-8", "surrogateescape")


@pytest.fixture
def plain_git() -> Callable[..., str]:
    """``plain_git(*args, cwd=path)``: git with the repository's config in force."""
    return run_plain_git


@pytest.fixture
def write_commit() -> Callable[..., str]:
    """``write_commit(builder, author=b"Name <email>", parent=sha, headers=b"")``: store a commit
    object by hand and move HEAD to it (``git commit`` would re-encode a non-UTF-8 name)."""

    def write(builder: RepoBuilder, author: bytes, *, parent: str, headers: bytes = b"") -> str:
        tree = builder.git("rev-parse", f"{parent}^{{tree}}").strip().encode()
        body = (
            b"tree " + tree + b"\nparent " + parent.encode() + b"\nauthor " + author
            + b" 1700000000 +0000\ncommitter c <c@x> 1700000000 +0000\n" + headers + b"\nm\n"
        )  # fmt: skip
        sha = run_plain_git(
            "hash-object", "-t", "commit", "-w", "--stdin", cwd=builder.path, stdin=body
        )
        builder.git("update-ref", "HEAD", sha.strip())
        return sha.strip()

    return write
