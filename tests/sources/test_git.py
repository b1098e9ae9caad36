"""GitRepository: opening, listing and parsing history, the tree and single files."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

from cto.errors import InputError, SourceError
from cto.sources import gitrun
from cto.sources.git import GitRepository, count_lines
from cto.sources.interface import FileChange, RawCommit, TreeEntry
from repo_builder import RepoBuilder, epoch, lines


@pytest.fixture(params=["numstat", "patch"])
def history(request: pytest.FixtureRequest) -> Callable[..., list[RawCommit]]:
    """The history of a repository as each reader gives it: the numstat pass, and the audit's
    one patch pass (``read_history``), which must agree on every case below."""

    def read(builder: RepoBuilder, jobs: int = 2) -> list[RawCommit]:
        repo = GitRepository.open(builder.path)
        assert repo.info.head is not None
        shas = repo.rev_list(repo.info.head)
        if request.param == "numstat":
            return list(repo.iter_commits(shas, jobs=jobs))
        commits, lines = repo.read_history(shas, keywords=(), jobs=jobs)
        assert lines == []
        return list(commits)

    return read


def test_added_and_deleted_lines_per_file(make_repo, history):
    builder = make_repo()
    builder.commit({"a.txt": lines(3), "b.txt": lines(2)}, date="2024-01-01")
    builder.commit({"a.txt": lines(5), "b.txt": None}, date="2024-01-02")
    newest, root = history(builder)
    assert root.parents == ()
    assert root.changes == (FileChange("a.txt", None, 3, 0), FileChange("b.txt", None, 2, 0))
    assert newest.parents == (root.sha,)
    assert newest.changes == (FileChange("a.txt", None, 2, 0), FileChange("b.txt", None, 0, 2))
    assert (newest.author_name, newest.author_email) == ("Ada Lovelace", "ada@example.com")
    assert newest.author_time == epoch("2024-01-02")


def test_binary_file_has_no_line_counts(make_repo, history):
    builder = make_repo()
    builder.commit({"logo.png": b"\x89PNG\x00\x01\x02", "a.txt": "x\n"})
    (root,) = history(builder)
    assert root.changes == (
        FileChange("a.txt", None, 1, 0),
        FileChange("logo.png", None, None, None),
    )


def test_rename_is_followed(make_repo, history):
    builder = make_repo()
    builder.commit({"old.txt": lines(10)})
    builder.commit({"new.txt": lines(10) + "one more\n"}, renames={"old.txt": "new.txt"})
    renamed, _ = history(builder)
    assert renamed.changes == (FileChange("new.txt", "old.txt", 1, 0),)


def test_merge_carries_no_changes(make_repo, history):
    builder = make_repo()
    builder.commit({"a.txt": lines(2)}, date="2024-01-01")
    builder.checkout("feature", create=True)
    builder.commit({"b.txt": lines(4)}, date="2024-01-02")
    builder.checkout("main")
    builder.commit({"a.txt": lines(3)}, date="2024-01-03")
    merge_sha = builder.merge("feature", date="2024-01-04")
    commits = history(builder)
    merge = commits[0]
    assert merge.sha == merge_sha and merge.is_merge and merge.changes == ()
    added = sum(change.added or 0 for commit in commits for change in commit.changes)
    assert added == 2 + 4 + 1  # the branch's 4 lines counted once, in the commit that made them


def test_non_utf8_path_and_author_survive_byte_for_byte(make_repo, write_commit, history):
    builder = make_repo()
    parent = builder.commit({b"caf\xe9.txt": "x\n"})
    write_commit(builder, b"Jos\xe9 P\xe9rez <jos\xe9@example.com>", parent=parent)
    commit, root = history(builder)
    assert commit.author_name.encode("utf-8", "surrogateescape") == b"Jos\xe9 P\xe9rez"
    assert commit.author_email.encode("utf-8", "surrogateescape") == b"jos\xe9@example.com"
    assert root.changes[0].path.encode("utf-8", "surrogateescape") == b"caf\xe9.txt"


def test_paths_with_tabs_newlines_and_separator_bytes(make_repo, history):
    builder = make_repo()
    builder.commit({"we\tird\nname.txt": lines(5), "\x1estart.txt": "x\n"})
    builder.commit(renames={"we\tird\nname.txt": "\x1enew\tname"})
    renamed, root = history(builder)
    assert renamed.changes == (FileChange("\x1enew\tname", "we\tird\nname.txt", 0, 0),)
    assert {change.path for change in root.changes} == {"we\tird\nname.txt", "\x1estart.txt"}


def test_one_job_and_several_give_identical_commits(make_repo, history):
    builder = make_repo()
    for day in range(1, 8):
        builder.commit({f"f{day % 3}.txt": lines(day * 2)}, date=f"2024-01-0{day}")
    assert history(builder, jobs=1) == history(builder, jobs=2) == history(builder, jobs=5)


def test_commits_come_back_in_the_order_asked(make_repo):
    builder = make_repo()
    shas = [builder.commit({"a.txt": lines(n)}, date=f"2024-01-0{n}") for n in range(1, 6)]
    repo = GitRepository.open(builder.path)
    ticks: list[None] = []
    got = [c.sha for c in repo.iter_commits(shas, jobs=2, on_commit=lambda: ticks.append(None))]
    assert got == shas
    assert len(ticks) == 5


def test_rev_list_children_first_and_exclude(make_repo):
    builder = make_repo()
    first = builder.commit({"a.txt": "1\n"}, date="2024-01-05")
    second = builder.commit({"a.txt": "2\n"}, date="2024-01-01")  # older date, still a child
    third = builder.commit({"a.txt": "3\n"}, date="2024-01-06")
    repo = GitRepository.open(builder.path)
    assert repo.rev_list(third) == [third, second, first]
    assert repo.rev_list(third, exclude=first) == [third, second]
    assert repo.commits_since(first, third) == [third, second]
    assert repo.commits_since(third, third) == []
    assert repo.commits_since(third, first) is None  # moved backwards: not an ancestor
    assert repo.commits_since("f" * 40, third) is None  # gone after a rewrite: read everything


def test_commits_since_a_commit_on_another_branch_is_none(make_repo):
    builder = make_repo()
    base = builder.commit({"a.txt": "1\n"}, date="2024-01-01")
    builder.checkout("side", create=True)
    side = builder.commit({"b.txt": "1\n"}, date="2024-01-02")
    builder.checkout("main")
    main = builder.commit({"a.txt": "2\n"}, date="2024-01-03")
    repo = GitRepository.open(builder.path)
    assert repo.commits_since(side, main) is None
    merged = builder.merge("side", date="2024-01-04")
    assert repo.commits_since(side, merged) == [merged, main]
    assert repo.commits_since(base, merged) == [merged, main, side]


def test_stopping_early_ends_the_git_processes(make_repo):
    builder = make_repo()
    shas = [builder.commit({"a.txt": lines(n)}, date=f"2024-01-0{n}") for n in range(1, 6)]
    repo = GitRepository.open(builder.path)
    commits = repo.iter_commits(shas[::-1], jobs=2)
    assert next(commits).sha == shas[-1]
    commits.close()  # kills both processes and joins their readers; must not hang or raise
    assert [c.sha for c in repo.iter_commits(shas[:2], jobs=2)] == shas[:2]


def test_empty_repository(make_repo):
    builder = make_repo()
    repo = GitRepository.open(builder.path)
    assert repo.info.head is None
    assert (repo.info.shallow, repo.info.bare, repo.info.name) == (False, False, builder.path.name)


def test_shallow_and_bare_clones_are_detected(make_repo, tmp_path, plain_git):
    builder = make_repo()
    builder.commit({"a.txt": "1\n"}, date="2024-01-01")
    head = builder.commit({"a.txt": "2\n"}, date="2024-01-02")
    plain_git("clone", "-q", "--depth", "1", f"file://{builder.path}", "shallow", cwd=tmp_path)
    plain_git("clone", "-q", "--bare", str(builder.path), "mirror.git", cwd=tmp_path)
    shallow = GitRepository.open(tmp_path / "shallow")
    assert shallow.info.shallow and shallow.rev_list(head) == [head]
    assert not GitRepository.open(builder.path).info.shallow
    bare = GitRepository.open(tmp_path / "mirror.git")
    assert bare.info.bare and bare.info.head == head and bare.info.name == "mirror"


def test_open_refuses_what_is_not_a_repository_top(make_repo, tmp_path, monkeypatch):
    builder = make_repo()
    builder.commit({"sub/a.txt": "1\n"})
    (tmp_path / "plain").mkdir()
    (tmp_path / "file").write_text("x")
    expected = {
        builder.path / "sub": "not a git repository",
        tmp_path / "plain": "not a git repository",
        tmp_path / "missing": "no such directory",
        tmp_path / "file": "no such directory",
    }
    for path, message in expected.items():
        with pytest.raises(InputError) as error:
            GitRepository.open(path)
        assert str(error.value) == f"{path}: {message}"
    monkeypatch.setattr("cto.sources.git.os.access", lambda *_: False)
    with pytest.raises(InputError, match=r": cannot read \(permission denied\)$"):
        GitRepository.open(builder.path)


def test_git_missing_or_failing_is_one_line(make_repo, monkeypatch):
    builder = make_repo()
    builder.commit({"a.txt": "1\n"})
    repo = GitRepository.open(builder.path)
    with pytest.raises(SourceError, match=r"^git rev-list failed: [^\n]+$"):
        repo.rev_list("no-such-branch")
    with pytest.raises(SourceError, match="invalid revision"):
        repo.rev_list("--output=/tmp/owned")
    with pytest.raises(SourceError, match=r"^git log failed: [^\n]+$"):
        list(repo.iter_commits(["0" * 40]))
    monkeypatch.setattr(gitrun.shutil, "which", lambda _: None)
    with pytest.raises(SourceError, match="git is not installed"):
        GitRepository.open(builder.path)


def test_tree_lists_regular_files_with_line_counts(make_repo):
    builder = make_repo()
    module = builder.commit({"a.txt": "1\n"})
    builder.write("run.sh", "#!/bin/sh\necho hi")  # no final newline: still two lines
    os.chmod(builder.path / "run.sh", 0o755)
    builder.git("add", "run.sh")
    builder.git("update-index", "--add", "--cacheinfo", f"160000,{module},module")  # a submodule
    head = builder.commit(
        {"big.txt": lines(100), "img.bin": b"GIF\x00\x01", "empty.txt": "", "src/a.py": lines(3)}
    )
    tree = GitRepository.open(builder.path).tree(head, max_file_bytes=100)
    assert sorted(tree, key=lambda entry: entry.path) == [
        TreeEntry("a.txt", 2, 1),
        TreeEntry("big.txt", len(lines(100)), None),
        TreeEntry("empty.txt", 0, 0),
        TreeEntry("img.bin", 5, None),
        TreeEntry("run.sh", 17, 2),
        TreeEntry("src/a.py", len(lines(3)), 3),
    ]


def test_read_file(make_repo):
    builder = make_repo()
    builder.commit({"docs/a.md": "hello\n"})
    head = builder.commit({"big.txt": lines(100)})
    repo = GitRepository.open(builder.path)
    assert repo.read_file(head, "docs/a.md") == b"hello\n"
    assert repo.read_file(head, "docs") is None
    assert repo.read_file(head, "missing.md") is None
    assert repo.read_file(head, "big.txt", max_bytes=50) is None
    assert repo.read_file(head, "*.md") is None  # a path, never a pattern


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"", 0), (b"a", 1), (b"a\n", 1), (b"a\nb", 2), (b"\n\n", 2), (b"a\x00b\n", None)],
)
def test_count_lines(content, expected):
    assert count_lines(content) == expected


TRICKY = (
    "+++ b/looks-like-a-header\n--- a/also\n@@ -1 +1 @@\ndiff --git a/q b/q\n"
    "rename from z\nrename to y\nBinary files a and b differ\n\x1enot a commit\nlast"
)


def test_lines_that_look_like_patch_structure_are_counted_as_lines(make_repo, history):
    builder = make_repo()
    builder.commit({"a b/c d.txt": TRICKY})
    builder.commit({"a b/c d.txt": TRICKY.replace("last", "final\n") + "+++ more\n"})
    edited, root = history(builder)
    assert root.changes == (FileChange("a b/c d.txt", None, 9, 0),)
    assert edited.changes == (FileChange("a b/c d.txt", None, 2, 1),)


def test_mode_change_and_empty_file_change_no_lines(make_repo, history):
    builder = make_repo()
    builder.commit({"run.sh": "echo hi\n", "empty.txt": ""})
    os.chmod(os.path.join(builder.path, "run.sh"), 0o755)
    builder.git("add", "run.sh")
    builder.commit()
    chmod, root = history(builder)
    assert root.changes == (FileChange("empty.txt", None, 0, 0), FileChange("run.sh", None, 1, 0))
    assert chmod.changes == (FileChange("run.sh", None, 0, 0),)


def test_one_pass_finds_the_same_keyword_lines_as_the_patch_search(make_repo):
    builder = make_repo()
    builder.commit({"a.env": "TOKEN=1\nother\n", "b.txt": lines(3)})
    builder.commit({"a.env": "TOKEN=1\nother\ntoken=2\n+++ token\n"}, renames={})
    builder.commit({"c.env": "x\ntoken=3\n"}, renames={"b.txt": "d.txt"})
    repo = GitRepository.open(builder.path)
    assert repo.info.head is not None
    shas = repo.rev_list(repo.info.head)
    _, found = repo.read_history(shas, keywords=["token"], jobs=2)
    searched = list(repo.iter_added_lines(shas, keywords=["token"], jobs=2))
    assert sorted(found) == sorted(searched)
    assert {(line.path, line.line, line.text) for line in found} == {
        ("a.env", 1, "TOKEN=1"), ("a.env", 3, "token=2"), ("a.env", 4, "+++ token"),
        ("c.env", 2, "token=3"),
    }  # fmt: skip


def test_one_pass_reports_a_binary_file_moved_unchanged_as_no_lines(make_repo):
    # git's numstat reads the blob to print "-" for it; the patch shows no content at all, and a
    # move that changes nothing changes no lines (both count as one change of the file).
    builder = make_repo()
    builder.commit({"logo.png": b"\x89PNG\x00\x01\x02"})
    builder.commit(renames={"logo.png": "img/logo.png"})
    repo = GitRepository.open(builder.path)
    assert repo.info.head is not None
    (moved, _), _ = repo.read_history(repo.rev_list(repo.info.head), keywords=())
    assert moved.changes == (FileChange("img/logo.png", "logo.png", 0, 0),)
