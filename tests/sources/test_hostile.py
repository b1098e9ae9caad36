"""A hostile repository cannot make cto run its programs, follow its symlinks or inject markup.

Each config case first proves, with plain git, that the trap really fires (so the test can fail),
then runs every GitRepository operation and checks the trap stayed shut.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import run_plain_git
from cto.errors import SourceError
from cto.sources.code import collect_code
from cto.sources.exclusions import ExclusionRules
from cto.sources.facts import load_mailmaps
from cto.sources.git import GitRepository
from repo_builder import RepoBuilder, lines

SIGNATURE = (
    b"gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n"
)


def _collect(repo: GitRepository, head: str) -> None:
    """The whole code pass: private copy of the tree, scc, lizard, duplicates."""
    with collect_code(repo, head, repository="r", exclusions=ExclusionRules.default()) as (
        facts,
        _,
    ):
        facts.snapshot.read_text("a.txt")


def exercise(path: Path, *, allow_errors: bool = False) -> None:
    """Every read cto does on a repository."""
    repo = GitRepository.open(path)
    head = repo.info.head
    assert head is not None
    shas = repo.rev_list(head)
    calls: list[Callable[[], object]] = [
        lambda: list(repo.iter_commits(shas, jobs=2)),
        lambda: repo.tree(head),
        lambda: repo.read_file(head, "a.txt"),
        lambda: repo.commits_since(shas[-1], head),
        lambda: load_mailmaps(repo, head, None),
        lambda: _collect(repo, head),
    ]
    for call in calls:
        with contextlib.suppress(*((SourceError,) if allow_errors else ())):
            call()


def run_in_terminal(*args: str, cwd: Path) -> None:
    """Plain git with a terminal as stdout: the only case where git starts a pager."""
    leader, follower = os.openpty()
    env = {"PATH": os.environ["PATH"], "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null"}
    try:
        subprocess.run(
            ["git", *args], cwd=cwd, env=env, stdout=follower, stderr=follower, timeout=10
        )
    finally:
        os.close(follower)
        os.close(leader)


@dataclass
class Trap:
    """A hostile setting, the attributes it needs, and a plain git command that springs it."""

    config: str
    attributes: str | None
    spring: Callable[[Path], object]
    allow_errors: bool = False


def _git(*args: str) -> Callable[[Path], object]:
    return lambda path: run_plain_git(*args, cwd=path)


def _lazy_fetch_spring(path: Path) -> None:
    # the fetch fails, after running
    with contextlib.suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
        run_plain_git("cat-file", "-p", "HEAD:a.txt", cwd=path)


IDENTITY = ("-c", "user.name=x", "-c", "user.email=x@example.com")
TRAPS = {
    "fsmonitor": Trap("[core]\n\tfsmonitor = {evil}\n", None, _git("status")),
    "included fsmonitor": Trap("[include]\n\tpath = {evil}.cfg\n", None, _git("status")),
    "pager": Trap(
        "[core]\n\tpager = {evil}\n[pager]\n\tlog = {evil}\n",
        None,
        lambda path: run_in_terminal("log", cwd=path),
    ),
    "diff.external": Trap("[diff]\n\texternal = {evil}\n", None, _git("diff", "HEAD~2", "HEAD")),
    "textconv": Trap(
        '[diff "evil"]\n\ttextconv = {evil}\n', "* diff=evil\n", _git("diff", "HEAD~2", "HEAD")
    ),
    "diff driver command": Trap(
        '[diff "evil"]\n\tcommand = {evil}\n', "* diff=evil\n", _git("diff", "HEAD~2", "HEAD")
    ),
    "filters": Trap(
        '[filter "evil"]\n\tclean = {evil}\n\tsmudge = {evil}\n',
        "* filter=evil\n",
        _git("hash-object", "a.txt"),
    ),
    "hooks": Trap(
        "[core]\n\thooksPath = {evil}-hooks\n",
        None,
        _git(*IDENTITY, "commit", "-q", "--allow-empty", "-m", "springs pre-commit"),
    ),
    "signature check": Trap(
        "[log]\n\tshowSignature = true\n[gpg]\n\tprogram = {evil}\n", None, _git("log", "-1")
    ),
    "lazy fetch through a remote helper": Trap(
        "[core]\n\trepositoryformatversion = 1\n[extensions]\n\tpartialclone = origin\n"
        '[remote "origin"]\n\turl = ext::{evil}\n\tpromisor = true\n'
        '[protocol "ext"]\n\tallow = always\n',
        None,
        _lazy_fetch_spring,
        allow_errors=True,
    ),
}


def build_victim(builder: RepoBuilder, trap: Trap, tmp_path: Path, write_commit) -> Path:
    """A small history, the trap's attributes committed, a signed commit on top."""
    builder.commit({"a.txt": lines(3)}, date="2024-01-01")
    files: dict[str | bytes, str | bytes | None] = {"a.txt": lines(5)}
    if trap.attributes:
        files[".gitattributes"] = trap.attributes
    parent = builder.commit(files, date="2024-01-02")
    write_commit(builder, b"Eve <eve@example.com>", parent=parent, headers=SIGNATURE)
    builder.git("reset", "-q", "--hard")
    marker = tmp_path / "sprung"
    evil = tmp_path / "evil"
    evil.write_text(f'#!/bin/sh\necho "$0 $*" >> {marker}\n')
    evil.chmod(0o755)
    Path(f"{evil}.cfg").write_text(f"[core]\n\tfsmonitor = {evil}\n")
    hooks = Path(f"{evil}-hooks")
    hooks.mkdir()
    for hook in ("pre-commit", "post-commit", "post-checkout", "reference-transaction"):
        (hooks / hook).symlink_to(evil)
    with (builder.path / ".git" / "config").open("a") as config:
        config.write(trap.config.format(evil=evil))
    if trap.allow_errors:  # make the blob of a.txt missing, as in a partial clone
        blob = builder.git("rev-parse", "HEAD:a.txt").strip()
        (builder.path / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    return marker


@pytest.mark.parametrize("name", list(TRAPS))
def test_repository_config_never_runs_a_program(name, make_repo, tmp_path, write_commit):
    trap = TRAPS[name]
    builder = make_repo()
    marker = build_victim(builder, trap, tmp_path, write_commit)
    trap.spring(builder.path)
    assert marker.exists(), "the trap does not fire with plain git: the test proves nothing"
    marker.unlink()
    exercise(builder.path, allow_errors=trap.allow_errors)
    assert not marker.exists(), marker.read_text()


def test_colour_forced_by_config_still_parses(make_repo):
    builder = make_repo()
    builder.commit({"a.txt": lines(3)}, date="2024-01-01")
    head = builder.commit({"a.txt": lines(5), "b.bin": b"\x00"}, date="2024-01-02")
    repo = GitRepository.open(builder.path)
    before = list(repo.iter_commits(repo.rev_list(head)))
    with (builder.path / ".git" / "config").open("a") as config:
        config.write("[color]\n\tui = always\n\tdiff = always\n[log]\n\tdecorate = full\n")
    repo = GitRepository.open(builder.path)
    assert list(repo.iter_commits(repo.rev_list(head))) == before
    assert before[0].changes[0].added == 2


def test_symlinks_are_never_followed(make_repo, tmp_path):
    outside = tmp_path / "outside.mailmap"
    outside.write_text("Mallory <ada@example.com>\n")
    builder = make_repo()
    for name, target in {"passwd": "/etc/passwd", "etc": "/etc", ".mailmap": str(outside)}.items():
        (builder.path / name).symlink_to(target)
        builder.git("add", name)
    head = builder.commit({"a.txt": "x\n"})
    repo = GitRepository.open(builder.path)
    assert [entry.path for entry in repo.tree(head)] == ["a.txt"]
    assert repo.read_file(head, "passwd") is None
    assert repo.read_file(head, "etc/passwd") is None
    assert repo.read_file(head, ".mailmap") is None
    assert load_mailmaps(repo, head, None) == []


def test_markup_in_names_and_paths_is_kept_as_plain_data(make_repo, write_commit):
    builder = make_repo()
    parent = builder.commit({"<img src=x onerror=alert(1)>.html": "x\n"})
    # git commit strips < and > from names; a hand-made object keeps them in the email.
    write_commit(builder, b'Mallory" onmouseover="alert(1) <m<script>@evil.example>', parent=parent)
    repo = GitRepository.open(builder.path)
    assert repo.info.head is not None
    top, root = repo.iter_commits(repo.rev_list(repo.info.head))
    assert top.author_name == 'Mallory" onmouseover="alert(1)'
    assert top.author_email == "m<script"
    assert root.changes[0].path == "<img src=x onerror=alert(1)>.html"
