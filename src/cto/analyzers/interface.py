"""The facts every history analyzer reads, prepared once per audit.

Identities are already merged (mailmap, same email, same normalised name, workspace aliases),
renames already followed (every path is the file's name at the audited commit, or its last name
if it was deleted since), generated and vendored paths already removed, and the ``--since`` /
``--until`` window already applied. Analyzers never reach back into git.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Person:
    """One contributor after identity merging.

    Attributes:
        id: stable key (the canonical email, lower-cased, or the name when there is no email).
        name: the name shown in reports (the one used most often).
        emails: every email merged into this person.
        names: every name merged into this person.
    """

    id: str
    name: str
    emails: tuple[str, ...] = ()
    names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Change:
    """One file changed by one commit, path resolved through later renames.

    Attributes:
        path: the file's name at the audited commit (or its last name if deleted since).
        added: lines added, ``None`` for a binary file.
        deleted: lines deleted, ``None`` for a binary file.
    """

    path: str
    added: int | None
    deleted: int | None


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit in the audited window.

    Attributes:
        sha: full commit hash.
        author: id of the :class:`Person` who wrote it.
        time: author date, seconds since the epoch (UTC).
        is_merge: True for a merge commit (merges carry no changes).
        changes: files it changed, excluded paths removed.
    """

    sha: str
    author: str
    time: int
    is_merge: bool
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class ExcludedPath:
    """A path left out of people and churn metrics, and why.

    Attributes:
        path: repository-relative path.
        reason: the exclusion rule that matched, in words ("vendored: vendor/").
    """

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class AutomatedAuthor:
    """An automated account (a bot, a CI job) whose commits are left out of history metrics.

    Attributes:
        name: the name it commits under.
        commits: its commits in the window.
        reason: the entry of ``automated.toml`` that matched ("automated: name-suffix [bot]").
    """

    name: str
    commits: int
    reason: str


@dataclass(frozen=True, slots=True)
class HistoryFacts:
    """Everything the history analyzers need about one repository.

    Attributes:
        repository: display name of the repository.
        head: audited commit, ``None`` for an empty repository.
        commits: commits in the window, oldest first.
        people: contributors by id.
        files: files at the audited commit that are not excluded, with their line counts
            (``None`` for binary files).
        excluded: excluded paths (current files and paths seen only in history).
        automated: automated accounts whose commits in the window were left out, most first.
        as_of: reference time of the audit, seconds since the epoch ("now", or ``--until``).
        since: start of the window, if any.
        until: end of the window, if any.
        shallow: True when the clone is shallow and early history is missing.
    """

    repository: str
    head: str | None
    commits: tuple[Commit, ...]
    people: Mapping[str, Person]
    files: Mapping[str, int | None]
    excluded: tuple[ExcludedPath, ...] = ()
    automated: tuple[AutomatedAuthor, ...] = ()
    as_of: int = 0
    since: int | None = None
    until: int | None = None
    shallow: bool = False

    def without_commits(self) -> HistoryFacts:
        """These facts with an empty commit list: the people, files and window that report
        builders read, small enough to send between processes (:mod:`cto.forked`)."""
        return dataclasses.replace(self, commits=())
