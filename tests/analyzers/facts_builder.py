"""Build :class:`HistoryFacts` by hand for analyzer tests: no git, every value chosen by a test."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from cto.analyzers.interface import Change, Commit, HistoryFacts, Person

DAY = 86_400
T0 = int(datetime(2024, 1, 1, tzinfo=UTC).timestamp())  # a Monday, ISO 2024-W01


def at(date: str) -> int:
    """Seconds since the epoch of an ISO date or date-time, UTC."""
    parsed = datetime.fromisoformat(date)
    return int((parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).timestamp())


def change(path: str, added: int | None = 1, deleted: int | None = 0) -> Change:
    """One file change; ``added=None`` for a binary change."""
    return Change(path, added, None if added is None else deleted)


def commit(
    author: str,
    time: int,
    *changes: str | Change,
    merge: bool = False,
    sha: str | None = None,
) -> Commit:
    """A commit by ``author``; plain paths become changes of one added line."""
    resolved = tuple(c if isinstance(c, Change) else change(c) for c in changes)
    return Commit(sha or f"{author}-{time}-{len(resolved)}", author, time, merge, resolved)


def facts(
    commits: Iterable[Commit],
    files: Mapping[str, int | None] | None = None,
    as_of: int | None = None,
    shallow: bool = False,
    names: Mapping[str, str] | None = None,
) -> HistoryFacts:
    """Facts of ``commits``; every path they touch is a 10-line file unless ``files`` is given."""
    ordered = tuple(sorted(commits, key=lambda c: c.time))
    authors = {c.author for c in ordered}
    names = names or {}
    people = {a: Person(a, names.get(a, a.title())) for a in authors}
    if files is None:
        files = {ch.path: 10 for c in ordered for ch in c.changes}
    last = max((c.time for c in ordered), default=T0)
    return HistoryFacts(
        repository="acme/shop",
        head="f" * 40 if ordered else None,
        commits=ordered,
        people=people,
        files=files,
        as_of=last + DAY if as_of is None else as_of,
        shallow=shallow,
    )


def day(n: float) -> int:
    """``T0`` plus ``n`` days."""
    return T0 + int(n * DAY)
