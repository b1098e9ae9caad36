"""From raw history to :class:`HistoryFacts`: renames followed, people merged, exclusions applied.

This is the last step of the sources stage. Analyzers read only what it returns and never reach
back into git.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from cto.analyzers.interface import (
    AutomatedAuthor,
    Change,
    Commit,
    ExcludedPath,
    HistoryFacts,
    Person,
)
from cto.fastinit import builder
from cto.sources.automated import AutomatedAccounts
from cto.sources.exclusions import ExclusionRules
from cto.sources.git import GitRepository
from cto.sources.identity import Mailmap, parse_mailmap, resolve_identities
from cto.sources.interface import RawCommit, TreeEntry

_ALIASES_MAX_BYTES = 1_000_000
_new_change = builder(Change)
_new_commit = builder(Commit)


def load_mailmaps(
    repo: GitRepository, head: str | None, aliases_file: Path | None
) -> list[Mailmap]:
    """The repository's ``.mailmap`` then the workspace aliases file, those that exist.

    The ``.mailmap`` is read from the commit ``head``, never the work tree: a work-tree file could
    be a symlink to anything. A ``.mailmap`` committed as a symlink is ignored.
    """
    mailmaps = []
    if head is not None:
        content = repo.read_file(head, ".mailmap")
        if content is not None:
            mailmaps.append(parse_mailmap(content.decode("utf-8", "surrogateescape")))
    if aliases_file is not None and aliases_file.is_file():
        content = aliases_file.read_bytes()[:_ALIASES_MAX_BYTES]
        mailmaps.append(parse_mailmap(content.decode("utf-8", "surrogateescape")))
    return mailmaps


def build_history_facts(
    *,
    repository: str,
    head: str | None,
    commits: Sequence[RawCommit],
    tree: Sequence[TreeEntry],
    mailmaps: Sequence[Mailmap],
    exclusions: ExclusionRules,
    as_of: int,
    since: int | None,
    until: int | None,
    shallow: bool,
    automated: AutomatedAccounts | None = None,
) -> HistoryFacts:
    """Prepare the facts the history analyzers read.

    Args:
        commits: the full history to ``head``, newest first (children before parents), so renames
            made outside the window still resolve.
        tree: the files at ``head``.
        since: keep commits authored at or after this time (inclusive).
        until: keep commits authored at or before this time (inclusive).
        automated: the tools whose commits are nobody's work (default: those cto ships).

    ``people`` holds those who authored a commit in the window; ``excluded`` lists excluded files
    of the tree and excluded paths the window's commits touched, each once, sorted by path. The
    commits of automated accounts are left out, counted in ``automated``; their renames are
    still followed.

    Renames are followed in the order of ``commits``, which puts children before parents but
    interleaves parallel branches by date. A change on one branch to a file another branch
    renamed earlier is seen before that rename, under the old name; when that name is not a file
    at ``head`` and the rename leads to one, the change counts for it, as git's merge applied it.
    (A file created under a renamed file's old name and deleted since is counted for the renamed
    file too: without the kind of each change the two cases look alike.)
    """
    people = resolve_identities(((c.author_name, c.author_email) for c in commits), mailmaps)
    tools = _tools(commits, mailmaps, automated or AutomatedAccounts.default())
    tool_commits: Counter[str] = Counter()
    tool_reasons: dict[str, str] = {}
    excluded: dict[str, str] = {}
    kept: list[Commit] = []
    # Walking from the newest commit back, a rename old -> new makes every older change to
    # old count for whatever new is called by then, so chains a -> b -> c end at c.
    latest: dict[str, str] = {}
    reason = exclusions.reason
    new_change, new_commit = _new_change, _new_commit
    at_head = {entry.path for entry in tree}
    stale: list[tuple[int, str]] = []  # (kept commit, path): changes to no file at head
    for raw in commits:
        inside = not (
            (since is not None and raw.author_time < since)
            or (until is not None and raw.author_time > until)
        )
        if inside:
            identity = (raw.author_name, raw.author_email)
            person = people[identity]
            if identity in tools:
                tool_commits[person.id] += 1
                tool_reasons.setdefault(person.id, tools[identity])
                inside = False
        counted = []
        for change in raw.changes:
            path = change.path
            current = latest.get(path, path)
            if change.old_path is not None:
                latest[change.old_path] = current
            if not inside:
                continue
            why = reason(current)
            if why is None:
                counted.append(new_change(current, change.added, change.deleted))
                if current not in at_head:
                    stale.append((len(kept), current))
            else:
                excluded[current] = why
        if inside:
            commit = new_commit(raw.sha, person.id, raw.author_time, raw.is_merge, tuple(counted))
            kept.append(commit)
    moved = {old: new for old, new in latest.items() if new in at_head and old not in at_head}
    for index in sorted({index for index, path in stale if path in moved}):
        kept[index] = _renamed_elsewhere(kept[index], moved, reason, excluded)
    files = {
        entry.path: entry.lines for entry in tree if not _excluded(entry.path, exclusions, excluded)
    }
    authors = {commit.author for commit in kept}
    return HistoryFacts(
        repository=repository,
        head=head,
        commits=tuple(reversed(kept)),
        people=_by_id(person for person in people.values() if person.id in authors),
        files=files,
        excluded=tuple(ExcludedPath(path, excluded[path]) for path in sorted(excluded)),
        automated=_automated(tool_commits, tool_reasons, people.values()),
        as_of=as_of,
        since=since,
        until=until,
        shallow=shallow,
    )


def _renamed_elsewhere(
    commit: Commit,
    moved: dict[str, str],
    reason: Callable[[str], str | None],
    excluded: dict[str, str],
) -> Commit:
    """``commit`` with each change to a path ``moved`` names (an old name that is no file at
    head, of a file that is) moved to that file; excluded targets are recorded and dropped."""
    changes = []
    for change in commit.changes:
        target = moved.get(change.path)
        if target is None:
            changes.append(change)
            continue
        why = reason(target)
        if why is None:
            changes.append(_new_change(target, change.added, change.deleted))
        else:
            excluded[target] = why
    return dataclasses.replace(commit, changes=tuple(changes))


def _tools(
    commits: Sequence[RawCommit], mailmaps: Sequence[Mailmap], automated: AutomatedAccounts
) -> dict[tuple[str, str], str]:
    """The authors (name, email as recorded) that are automated accounts, with the reason."""
    found = {}
    for name, email in {(c.author_name, c.author_email) for c in commits}:
        shown_name, shown_email = name, email
        for mailmap in mailmaps:
            shown_name, shown_email = mailmap.map(shown_name, shown_email)
        reason = automated.reason((name, shown_name), (email, shown_email))
        if reason is not None:
            found[(name, email)] = reason
    return found


def _automated(
    commits: Counter[str], reasons: dict[str, str], people: Iterable[Person]
) -> tuple[AutomatedAuthor, ...]:
    names = {person.id: person.name for person in people}
    ranked = sorted(commits.items(), key=lambda item: (-item[1], names[item[0]], item[0]))
    return tuple(AutomatedAuthor(names[key], n, reasons[key]) for key, n in ranked)


def _excluded(path: str, exclusions: ExclusionRules, seen: dict[str, str]) -> bool:
    """True when ``path`` is excluded; records it with its reason in ``seen``."""
    reason = exclusions.reason(path)
    if reason is not None:
        seen[path] = reason
    return reason is not None


def _by_id(people: Iterable[Person]) -> dict[str, Person]:
    return {person.id: person for person in sorted(people, key=lambda person: person.id)}
