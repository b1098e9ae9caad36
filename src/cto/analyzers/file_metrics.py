"""Per-file change and ownership metrics, as code-maat computes them.

Revisions, churn and authors follow code-maat's ``revisions``, ``entity-churn`` and ``authors``;
the main developer its ``main-dev`` (most lines added); fragmentation its ``entity-fragmentation``,
which weighs each author by *revisions* (D'Ambros et al.), not lines; age its ``age`` analysis in
whole calendar months. Only files present at the audited commit are measured; merges carry no
changes and are skipped.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from cto.analyzers.interface import HistoryFacts
from cto.findings import NotAssessed

AREA = "knowledge"


@dataclass(slots=True)
class AuthorWork:
    """One person's work on one file: non-merge commits, lines added and deleted."""

    revisions: int = 0
    added: int = 0
    deleted: int = 0


@dataclass(slots=True)
class FileHistory:
    """Everything the history says about one current file, gathered in one pass.

    Attributes:
        path: the file.
        creator: author of the first non-merge commit that changed it in the history read.
        last_change: time of the last non-merge commit that changed it.
        revisions: non-merge commits that changed it.
        work: each author's work on it, by person id.
    """

    path: str
    creator: str | None = None
    last_change: int | None = None
    revisions: int = 0
    work: dict[str, AuthorWork] = field(default_factory=dict)


@dataclass(frozen=True)
class FileMetrics:
    """The change and ownership metrics of one file (see ``docs/checks.md`` for definitions)."""

    path: str
    lines: int | None
    revisions: int
    lines_added: int
    lines_deleted: int
    authors: int
    main_developer: str | None
    main_developer_share: float
    fragmentation: float
    age_months: int | None
    last_change: int | None


@dataclass(frozen=True)
class FileAnalysis:
    """Per-file metrics of every current file, most revisions first (then by path)."""

    files: tuple[FileMetrics, ...]
    not_assessed: tuple[NotAssessed, ...] = ()


def file_histories(facts: HistoryFacts) -> dict[str, FileHistory]:
    """Gather each current file's history in one pass over the non-merge commits."""
    histories = {path: FileHistory(path) for path in facts.files}
    for commit in facts.commits:
        if commit.is_merge:
            continue
        author, time = commit.author, commit.time
        seen: set[str] = set()
        for change in commit.changes:
            path = change.path
            history = histories.get(path)
            if history is None:
                continue
            work = history.work.get(author)
            if work is None:
                work = history.work[author] = AuthorWork()
            work.added += change.added or 0
            work.deleted += change.deleted or 0
            if path in seen:  # two old names resolved to one path: one revision
                continue
            seen.add(path)
            work.revisions += 1
            history.revisions += 1
            if history.creator is None:
                history.creator = author
            if history.last_change is None or time > history.last_change:
                history.last_change = time
    return histories


def analyze(facts: HistoryFacts, histories: Mapping[str, FileHistory]) -> FileAnalysis:
    """Per-file metrics of every file in ``facts.files``."""
    if not facts.files:
        return FileAnalysis((), (NotAssessed(AREA, "no files at the audited commit"),))
    names = {pid: person.name for pid, person in facts.people.items()}
    metrics = [_metrics(h, facts.files[p], facts.as_of, names) for p, h in histories.items()]
    metrics.sort(key=lambda m: (-m.revisions, m.path))
    return FileAnalysis(tuple(metrics))


def main_developer(work: Mapping[str, AuthorWork], names: Mapping[str, str]) -> tuple[str, float]:
    """The author with most lines added (ties: most revisions, then name) and their share."""
    author = min(work, key=lambda a: (-work[a].added, -work[a].revisions, names.get(a, a), a))
    total_added = sum(w.added for w in work.values())
    if total_added:
        return author, work[author].added / total_added
    return author, work[author].revisions / sum(w.revisions for w in work.values())


def fragmentation(work: Mapping[str, AuthorWork]) -> float:
    """code-maat fractal value: 1 - Σ (author's revisions ÷ all revisions)²."""
    total = sum(w.revisions for w in work.values())
    if not total:
        return 0.0
    return 1.0 - sum((w.revisions / total) ** 2 for w in work.values())


def months_between(start: int, end: int) -> int:
    """Whole calendar months from ``start`` to ``end`` (Joda ``Months.monthsBetween``), ≥ 0."""
    if end <= start:
        return 0
    first = datetime.fromtimestamp(start, UTC)
    last = datetime.fromtimestamp(end, UTC)
    months = (last.year - first.year) * 12 + last.month - first.month
    if _add_months(first, months) > last:
        months -= 1
    return max(months, 0)


def _add_months(moment: datetime, months: int) -> datetime:
    year, month0 = divmod(moment.month - 1 + months, 12)
    year += moment.year
    day = min(moment.day, calendar.monthrange(year, month0 + 1)[1])
    return moment.replace(year=year, month=month0 + 1, day=day)


def _metrics(
    history: FileHistory, lines: int | None, as_of: int, names: Mapping[str, str]
) -> FileMetrics:
    main, share = main_developer(history.work, names) if history.work else (None, 0.0)
    last = history.last_change
    return FileMetrics(
        path=history.path,
        lines=lines,
        revisions=history.revisions,
        lines_added=sum(w.added for w in history.work.values()),
        lines_deleted=sum(w.deleted for w in history.work.values()),
        authors=len(history.work),
        main_developer=main,
        main_developer_share=share,
        fragmentation=fragmentation(history.work),
        age_months=None if last is None else months_between(last, as_of),
        last_change=last,
    )
