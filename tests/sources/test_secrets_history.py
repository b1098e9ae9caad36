"""Secrets in history: the added lines of every commit, through the hardened ``git log -p``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from test_secrets_samples import PLANTED, planted_files

from cto.analyzers.code_interface import MemorySnapshot
from cto.sources.exclusions import ExclusionRules
from cto.sources.git import GitRepository
from cto.sources.gitpatch import PatchScanner, keyword_pattern
from cto.sources.secrets import scan_history, scan_tree_secrets, search_history, secret_facts
from repo_builder import RepoBuilder

EXCLUSIONS = ExclusionRules.default()


def _history(builder: RepoBuilder) -> tuple[GitRepository, list[str]]:
    repo = GitRepository.open(builder.path)
    assert repo.info.head is not None
    return repo, repo.rev_list(repo.info.head)


def test_a_deleted_secret_of_each_kind_is_found_in_history(
    make_repo: Callable[..., RepoBuilder],
) -> None:
    builder = make_repo()
    builder.commit({"README.md": "hello\n"})
    added = builder.commit(dict(planted_files()))
    builder.commit(dict.fromkeys(planted_files()))
    repo, shas = _history(builder)
    facts = secret_facts(
        scan_tree_secrets(MemorySnapshot({"README.md": "hello\n"}), EXCLUSIONS),
        search_history(repo, shas, exclusions=EXCLUSIONS),
    )
    assert facts.in_tree == ()
    assert facts.scanned_commits == 3 and facts.scanned_files == 1
    found = {(h.kind, h.path, h.line, h.commit) for h in facts.in_history}
    assert found == {(kind, path, 2, added) for kind, path, *_ in PLANTED}
    assert facts.not_assessed == ()


def test_history_and_tree_give_the_same_fingerprints(
    make_repo: Callable[..., RepoBuilder],
) -> None:
    builder = make_repo()
    builder.commit(dict(planted_files()))
    repo, shas = _history(builder)
    facts = secret_facts(
        scan_tree_secrets(MemorySnapshot(planted_files()), EXCLUSIONS),
        search_history(repo, shas, exclusions=EXCLUSIONS),
    )
    assert {h.fingerprint for h in facts.in_tree} == {h.fingerprint for h in facts.in_history}


def test_line_numbers_follow_hunks_and_merges_add_nothing(
    make_repo: Callable[..., RepoBuilder],
) -> None:
    kind, _, line, _ = PLANTED[2]
    builder = make_repo()
    builder.commit({"a.sh": "".join(f"l{i}\n" for i in range(10))})
    builder.checkout("side", create=True)
    first = builder.commit({"a.sh": "".join(f"l{i}\n" for i in range(10)) + line + "\n"})
    builder.checkout("main")
    body = "".join(f"l{i}\n" if i != 3 else f"++ x\n{line}\n" for i in range(10))
    second = builder.commit({"a.sh": body, 'b c\t"d".sh': f"{line}\n"})
    builder.git("merge", "-q", "-X", "ours", "--no-ff", "-m", "m", "side")
    repo, shas = _history(builder)
    hits = scan_history(repo, shas, jobs=2)
    assert sorted((h.commit, h.path, h.line) for h in hits) == sorted([
        (first, "a.sh", 11), (second, "a.sh", 5), (second, 'b c\t"d".sh', 1),
    ])  # fmt: skip
    assert {h.kind for h in hits} == {kind}


def test_the_parser_gives_the_same_lines_whatever_the_block_size(
    make_repo: Callable[..., RepoBuilder], tmp_path: Path
) -> None:
    builder = make_repo()
    builder.commit({"x.txt": "a\nb\n", "img.bin": b"\0\1token\2"})
    builder.commit({"x.txt": "a\n+++ token here\nb\nthe token\n", "y.txt": "token"})
    builder.commit({"x.txt": None}, renames={"y.txt": "z/y.txt"})
    repo, shas = _history(builder)
    everything = repo.iter_added_lines(shas, jobs=1)
    assert sorted((a.path, a.line, a.text) for a in everything) == sorted([
        ("x.txt", 1, "a"), ("x.txt", 2, "b"), ("x.txt", 2, "+++ token here"),
        ("x.txt", 4, "the token"), ("y.txt", 1, "token"),
    ])  # fmt: skip
    raw = builder.git("log", "-p", "--unified=0", "--diff-merges=off", "--format=%x1e%H")
    data = raw.encode()
    whole = PatchScanner(keyword_pattern(["token"]))
    expected = whole.feed(data) + whole.close()
    for size in (1, 2, 7, 64):
        scanner = PatchScanner(keyword_pattern(["token"]))
        got = [hit for i in range(0, len(data), size) for hit in scanner.feed(data[i : i + size])]
        assert got + scanner.close() == expected
    assert [(a.path, a.text) for a in expected] == [
        ("x.txt", "+++ token here"), ("x.txt", "the token"), ("y.txt", "token"),
    ]  # fmt: skip


def test_stopping_early_stops_git(make_repo: Callable[..., RepoBuilder]) -> None:
    builder = make_repo()
    for index in range(6):
        builder.commit({f"f{index}.txt": "token\n" * 50})
    repo, shas = _history(builder)
    lines = repo.iter_added_lines(shas, keywords=["token"], jobs=2)
    assert next(lines).text == "token"
    lines.close()  # type: ignore[attr-defined]


def test_no_history_is_not_assessed() -> None:
    facts = secret_facts(
        scan_tree_secrets(MemorySnapshot({}), EXCLUSIONS),
        search_history(None, [], exclusions=EXCLUSIONS),
    )
    assert [n.reason for n in facts.not_assessed] == ["history not searched: no commits to read"]
