"""The per-repository history cache and checkpoint that make incremental audits possible.

The cache is stored as segments: each save of new commits adds one compressed segment with the
next sequence number, so an incremental audit writes only its new commits. Loading reads the
segments newest first and concatenates them. After :data:`MAX_SEGMENTS` segments they are merged
into one, so a long-lived workspace never pays for many tiny blobs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cto.errors import WorkspaceError
from cto.record.codec import decode_commits, encode_commits
from cto.record.models import HistoryCheckpoint, HistorySegment, Repository
from cto.sources.interface import RawCommit

MAX_SEGMENTS = 16


@dataclass(frozen=True)
class CachedHistory:
    """The cached history of one repository.

    Attributes:
        head: the newest commit the cache reaches (the checkpoint).
        commits: every cached commit, newest first.
    """

    head: str
    commits: tuple[RawCommit, ...]


@dataclass(frozen=True)
class HistoryUpdate:
    """A change to a repository's history cache, saved together with an audit.

    Attributes:
        location: where the history was read from (a path or URL).
        head: the newest commit the cache reaches after this update.
        commits: newest first; the whole history when ``base`` is ``None``, otherwise only the
            commits newer than ``base``, which go in front of the cached ones.
        base: ``None`` replaces the cache; otherwise it must equal the cached head.
    """

    location: str
    head: str
    commits: Sequence[RawCommit]
    base: str | None = None


@dataclass(frozen=True)
class StoredHistory:
    """The history cache of one repository as stored: its checkpoint and compressed segments.

    Reading it is one small query; decoding (:meth:`decode`) is the costly part, which an
    audit does in a worker process while the main one copies the tree (:mod:`cto.forked`).

    Attributes:
        key: the repository's key.
        head: the newest commit the cache reaches (the checkpoint).
        commit_count: how many commits the segments must hold together.
        payloads: the segments, newest first.
    """

    key: str
    head: str
    commit_count: int
    payloads: tuple[bytes, ...]

    def decode(self) -> CachedHistory:
        """The cached commits, newest first.

        Raises:
            WorkspaceError: the cache is damaged.
        """
        commits: list[RawCommit] = []
        for payload in self.payloads:
            commits.extend(decode_commits(payload))
        if len(commits) != self.commit_count:
            raise WorkspaceError(
                f"history cache of {self.key} is damaged: {len(commits)} commits stored, "
                f"{self.commit_count} expected"
            )
        return CachedHistory(self.head, tuple(commits))


def load_stored_history(session: Session, repository_key: str) -> StoredHistory | None:
    """The stored history cache of the repository with ``repository_key``, not decoded yet."""
    checkpoint = session.scalar(
        select(HistoryCheckpoint).join(Repository).where(Repository.key == repository_key)
    )
    if checkpoint is None:
        return None
    payloads = session.scalars(
        select(HistorySegment.payload)
        .where(HistorySegment.repository_id == checkpoint.repository_id)
        .order_by(HistorySegment.sequence.desc())
    )
    return StoredHistory(repository_key, checkpoint.head, checkpoint.commit_count, tuple(payloads))


def load_history(session: Session, repository_key: str) -> CachedHistory | None:
    """The cached history of the repository with ``repository_key``, ``None`` if there is none.

    Raises:
        WorkspaceError: the cache is damaged.
    """
    stored = load_stored_history(session, repository_key)
    return None if stored is None else stored.decode()


def update_history(
    session: Session, repository: Repository, update: HistoryUpdate, now: datetime
) -> None:
    """Apply ``update`` to the cache of ``repository`` inside the caller's transaction.

    Raises:
        WorkspaceError: ``update.base`` is not the cached head.
    """
    checkpoint = session.get(HistoryCheckpoint, repository.id)
    if update.base is None:
        session.execute(delete(HistorySegment).where(HistorySegment.repository_id == repository.id))
        cached = 0
    elif checkpoint is None or checkpoint.head != update.base:
        held = checkpoint.head[:12] if checkpoint else "no history"
        raise WorkspaceError(
            f"history cache of {repository.key} holds {held}, "
            f"not the base {update.base[:12]} of this update; run a full audit"
        )
    else:
        cached = checkpoint.commit_count
    if update.commits:
        _add_segment(session, repository.id, update.commits)
    _merge_if_fragmented(session, repository.id)
    if checkpoint is None:
        checkpoint = HistoryCheckpoint(repository_id=repository.id)
        session.add(checkpoint)
    checkpoint.head = update.head
    checkpoint.location = update.location
    checkpoint.commit_count = cached + len(update.commits)
    checkpoint.updated_at = now


def _add_segment(session: Session, repository_id: int, commits: Sequence[RawCommit]) -> None:
    newest = session.scalar(
        select(func.max(HistorySegment.sequence)).where(
            HistorySegment.repository_id == repository_id
        )
    )
    session.add(
        HistorySegment(
            repository_id=repository_id,
            sequence=(newest or 0) + 1,
            commit_count=len(commits),
            payload=encode_commits(commits),
        )
    )
    session.flush()


def _merge_if_fragmented(session: Session, repository_id: int) -> None:
    where = HistorySegment.repository_id == repository_id
    count = session.scalar(select(func.count()).select_from(HistorySegment).where(where)) or 0
    if count <= MAX_SEGMENTS:
        return
    payloads = session.scalars(
        select(HistorySegment.payload).where(where).order_by(HistorySegment.sequence.desc())
    )
    commits = [commit for payload in payloads for commit in decode_commits(payload)]
    session.execute(delete(HistorySegment).where(where))
    _add_segment(session, repository_id, commits)
