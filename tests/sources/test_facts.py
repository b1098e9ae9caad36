"""build_history_facts: renames followed, identities merged, exclusions and the window applied."""

from __future__ import annotations

from cto.analyzers.interface import Change, ExcludedPath
from cto.sources.exclusions import ExclusionRules
from cto.sources.facts import build_history_facts, load_mailmaps
from cto.sources.git import GitRepository
from cto.sources.identity import parse_mailmap
from cto.sources.interface import FileChange, RawCommit, TreeEntry
from repo_builder import epoch, lines

ADA = ("Ada", "ada@example.com")


def raw(sha: str, day: str, *changes: FileChange, author: tuple[str, str] = ADA) -> RawCommit:
    return RawCommit(sha, (), author[0], author[1], epoch(day), tuple(changes))


def facts(commits, tree=(), *, since=None, until=None, mailmaps=()):
    return build_history_facts(
        repository="demo",
        head=commits[0].sha if commits else None,
        commits=commits,
        tree=tree,
        mailmaps=mailmaps,
        exclusions=ExclusionRules.default(),
        as_of=epoch("2024-12-31"),
        since=since,
        until=until,
        shallow=False,
    )


# Newest first, as rev_list gives them: a.py is created, renamed to b.py, then to c.py;
# gone.py is created, renamed to last.py, then deleted.
HISTORY = [
    raw("5", "2024-01-05", FileChange("last.py", None, 0, 4)),
    raw("4", "2024-01-04", FileChange("c.py", "b.py", 1, 0)),
    raw(
        "3", "2024-01-03", FileChange("b.py", "a.py", 0, 1), FileChange("last.py", "gone.py", 0, 0)
    ),
    raw("2", "2024-01-02", FileChange("a.py", None, 2, 0), FileChange("yarn.lock", None, 90, 0)),
    raw("1", "2024-01-01", FileChange("a.py", None, 5, 0), FileChange("gone.py", None, 4, 0)),
]
TREE = [TreeEntry("c.py", 60, 6), TreeEntry("logo.png", 9, None), TreeEntry("vendor/x.js", 4, 1)]


def test_rename_chain_resolves_to_the_current_name():
    result = facts(HISTORY, TREE)
    assert [commit.sha for commit in result.commits] == ["1", "2", "3", "4", "5"]
    assert result.commits[0].changes == (Change("c.py", 5, 0), Change("last.py", 4, 0))
    assert result.commits[2].changes == (Change("c.py", 0, 1), Change("last.py", 0, 0))


def test_deleted_file_keeps_its_last_name_and_is_not_a_current_file():
    result = facts(HISTORY, TREE)
    assert result.commits[-1].changes == (Change("last.py", 0, 4),)
    assert result.files == {"c.py": 6, "logo.png": None}


def test_excluded_paths_are_dropped_and_listed():
    result = facts(HISTORY, TREE)
    assert result.commits[1].changes == (Change("c.py", 2, 0),)
    assert result.excluded == (
        ExcludedPath("vendor/x.js", "vendored: vendor/"),
        ExcludedPath("yarn.lock", "lockfile: yarn.lock"),
    )


def test_window_applies_after_renames_are_followed():
    result = facts(HISTORY, TREE, since=epoch("2024-01-02"), until=epoch("2024-01-03"))
    assert [commit.sha for commit in result.commits] == ["2", "3"]
    assert result.commits[0].changes == (Change("c.py", 2, 0),)  # renamed later, outside
    assert (result.since, result.until) == (epoch("2024-01-02"), epoch("2024-01-03"))
    assert result.excluded == (  # yarn.lock was touched in the window; vendor/x.js is current
        ExcludedPath("vendor/x.js", "vendored: vendor/"),
        ExcludedPath("yarn.lock", "lockfile: yarn.lock"),
    )


def test_identities_are_merged_and_only_window_authors_listed():
    commits = [
        raw("3", "2024-03-01", author=("Bob", "bob@example.com")),
        raw("2", "2024-02-01", author=("ada l.", "ADA@example.com")),
        raw("1", "2024-01-01", author=("A. Lovelace", "ada@home.example")),
    ]
    mailmap = parse_mailmap("Ada <ada@example.com> <ada@home.example>\n")
    result = facts(commits, mailmaps=[mailmap], until=epoch("2024-02-15"))
    assert [commit.author for commit in result.commits] == ["ada@example.com", "ada@example.com"]
    assert list(result.people) == ["ada@example.com"]
    assert result.people["ada@example.com"].name == "Ada"


def test_merges_are_kept_without_changes():
    merge = RawCommit("m", ("1", "2"), "Ada", "ada@example.com", epoch("2024-01-03"), ())
    result = facts([merge, *HISTORY[3:]])
    assert result.commits[-1].is_merge and result.commits[-1].changes == ()


def test_empty_history():
    result = facts([])
    assert (result.commits, dict(result.people), dict(result.files), result.head) == (
        (),
        {},
        {},
        None,
    )


def test_end_to_end_from_a_real_repository(make_repo, tmp_path):
    builder = make_repo()
    builder.commit({"a.py": lines(4), ".mailmap": "Ada <ada@example.com> <old@example.com>\n"},
                   author=("A.", "old@example.com"), date="2024-01-01")  # fmt: skip
    builder.commit({"b.py": lines(4) + "x\n"}, renames={"a.py": "b.py"}, date="2024-01-02")
    aliases = tmp_path / "aliases"
    aliases.write_text("Countess Ada <ada@example.com>\n")
    repo = GitRepository.open(builder.path)
    head = repo.info.head
    assert head is not None
    mailmaps = load_mailmaps(repo, head, aliases)
    assert len(mailmaps) == 2
    result = build_history_facts(
        repository=repo.info.name, head=head,
        commits=list(repo.iter_commits(repo.rev_list(head))), tree=repo.tree(head),
        mailmaps=mailmaps, exclusions=ExclusionRules.default(),
        as_of=epoch("2024-12-31"), since=None, until=None, shallow=repo.info.shallow,
    )  # fmt: skip
    assert [change.path for commit in result.commits for change in commit.changes] == [
        ".mailmap", "b.py", "b.py"
    ]  # fmt: skip
    assert list(result.people) == ["ada@example.com"]
    assert result.people["ada@example.com"].name == "Countess Ada"
    assert result.files == {".mailmap": 1, "b.py": 5}
    assert load_mailmaps(repo, head, tmp_path / "missing") == mailmaps[:1]


# A branch changes x.py while main renames it to y.py; the branch is merged. Newest first by date:
# the merge, the branch's change (younger than the rename), the rename, the file's creation.
BOB = ("Bob", "bob@example.com")
PARALLEL = [
    RawCommit("m", ("r", "b"), "Ada", "ada@example.com", epoch("2024-01-04"), ()),
    raw("b", "2024-01-03", FileChange("x.py", None, 7, 1), author=BOB),
    raw("r", "2024-01-02", FileChange("y.py", "x.py", 0, 0)),
    raw("c", "2024-01-01", FileChange("x.py", None, 20, 0)),
]


def test_a_change_on_a_branch_counts_for_the_file_another_branch_renamed():
    result = facts(PARALLEL, [TreeEntry("y.py", 80, 26)])
    by_sha = {commit.sha: commit.changes for commit in result.commits}
    assert by_sha["b"] == (Change("y.py", 7, 1),)
    assert by_sha["c"] == (Change("y.py", 20, 0),)


def test_a_deleted_file_or_a_reused_name_keeps_its_changes_where_they_were():
    deleted = facts(PARALLEL, [TreeEntry("z.py", 80, 26)])  # y.py deleted since
    assert {c.sha: c.changes for c in deleted.commits}["b"] == (Change("x.py", 7, 1),)
    reused = facts(PARALLEL, [TreeEntry("y.py", 80, 26), TreeEntry("x.py", 5, 1)])
    assert {c.sha: c.changes for c in reused.commits}["b"] == (Change("x.py", 7, 1),)


def test_a_branch_change_moved_onto_an_excluded_name_is_listed_as_excluded():
    history = [
        raw("b", "2024-01-03", FileChange("lib.js", None, 7, 1), author=BOB),
        raw("r", "2024-01-02", FileChange("vendor/lib.js", "lib.js", 0, 0)),
        raw("c", "2024-01-01", FileChange("lib.js", None, 20, 0)),
    ]
    result = facts(history, [TreeEntry("vendor/lib.js", 80, 26)])
    assert {c.sha: c.changes for c in result.commits}["b"] == ()
    assert ExcludedPath("vendor/lib.js", "vendored: vendor/") in result.excluded


def test_a_branch_change_to_a_file_renamed_on_main_counts_for_it_in_a_real_merge(make_repo):
    builder = make_repo()
    builder.commit({"x.py": lines(30)}, date="2024-01-01")
    builder.checkout("feature", create=True)
    builder.commit({"x.py": lines(30) + "extra\n" * 5}, author=BOB, date="2024-01-10")
    builder.checkout("main")
    builder.commit({}, renames={"x.py": "src/y.py"}, date="2024-01-05")
    builder.merge("feature", date="2024-01-15")
    repo = GitRepository.open(builder.path)
    head = repo.info.head
    assert head is not None
    result = build_history_facts(
        repository=repo.info.name, head=head,
        commits=list(repo.iter_commits(repo.rev_list(head))), tree=repo.tree(head),
        mailmaps=[], exclusions=ExclusionRules.default(),
        as_of=epoch("2024-12-31"), since=None, until=None, shallow=False,
    )  # fmt: skip
    assert result.files == {"src/y.py": 35}
    touched = {(c.author, ch.path, ch.added) for c in result.commits for ch in c.changes}
    assert touched == {
        ("ada@example.com", "src/y.py", 30),  # created as x.py
        ("ada@example.com", "src/y.py", 0),  # the rename
        ("bob@example.com", "src/y.py", 5),  # on the branch, to x.py: merged into src/y.py
    }
