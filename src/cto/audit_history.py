"""The history side of an audit: read the history (incrementally), build its facts, analyse it.

An incremental audit runs this side in a forked worker (:mod:`cto.forked`) while the main
process copies, counts and analyses the tree, so both cores work through the whole audit; a
first audit runs it in the main process while the complexity workers measure the tree (there
the whole history would have to travel back between processes). Either way the result is the
same :class:`HistorySide`, small enough to send back: the commits themselves stay behind.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cto.analyzers.interface import ExcludedPath
from cto.forked import Channel
from cto.gather import HistorySearch
from cto.pipeline import HistoryOutcome, history_outcome
from cto.progress import ProgressHook
from cto.record.history import HistoryUpdate, StoredHistory
from cto.sources.exclusions import ExclusionRules
from cto.sources.facts import build_history_facts, load_mailmaps
from cto.sources.git import GitRepository
from cto.sources.gitpatch import AddedLine
from cto.sources.interface import RawCommit, TreeEntry
from cto.sources.secret_rules import default_rules
from cto.sources.secrets import HistorySecrets


@dataclass(frozen=True, slots=True)
class HistoryRead:
    """The full history of one repository up to its head, and how it was obtained."""

    commits: tuple[RawCommit, ...]
    update: HistoryUpdate | None
    incremental: bool
    lines: tuple[AddedLine, ...] = ()
    """Lines the commits read from git (``update.commits``) added that hold a secret keyword."""

    @property
    def read(self) -> tuple[tuple[str, ...], tuple[AddedLine, ...]]:
        """``(commits read from git in this audit, their keyword lines)``."""
        shas = () if self.update is None else tuple(c.sha for c in self.update.commits)
        return shas, self.lines

    @property
    def new_since(self) -> tuple[str, list[str]] | None:
        """``(checkpoint, commits read after it)`` for an incremental read, else ``None``."""
        if not self.incremental:
            return None
        if self.update is None:  # nothing new since the checkpoint
            return None
        assert self.update.base is not None
        return self.update.base, [c.sha for c in self.update.commits]


def read_history(
    repo: GitRepository, stored: StoredHistory | None, progress: ProgressHook | None = None
) -> HistoryRead:
    """Read the whole history to HEAD, reusing the stored history when HEAD descends from it.

    Only commits newer than the stored checkpoint are read from git, by a thread while this one
    decodes the stored commits (git does the waiting); a rewritten history (checkpoint no longer
    an ancestor) or a shallow clone falls back to a full read. The same pass keeps the added
    lines that hold a secret keyword, so the secret search needs no second diff.
    """
    info = repo.info
    assert info.head is not None  # callers handle empty repositories
    location = str(info.root)
    if info.shallow:
        stored = None
    if stored is not None and stored.head == info.head:
        return HistoryRead(stored.decode().commits, None, incremental=True)
    if stored is not None:
        with ThreadPoolExecutor(1) as pool:
            reading = pool.submit(_read_since, repo, stored.head, progress)
            cached = stored.decode()
            new = reading.result()
        if new is not None:
            commits, lines = new
            update = HistoryUpdate(location, info.head, commits, base=stored.head)
            return HistoryRead(commits + cached.commits, update, incremental=True, lines=lines)
    commits, lines = _parse(repo, repo.rev_list(info.head), progress, info.name)
    update = HistoryUpdate(location=location, head=info.head, commits=commits, base=None)
    return HistoryRead(commits, update, incremental=False, lines=lines)


def _read_since(
    repo: GitRepository, base: str, progress: ProgressHook | None
) -> tuple[tuple[RawCommit, ...], tuple[AddedLine, ...]] | None:
    """The commits after ``base`` with their keyword lines; ``None`` when ``base`` is no longer
    an ancestor of HEAD."""
    head = repo.info.head
    assert head is not None
    shas = repo.commits_since(base, head)
    return None if shas is None else _parse(repo, shas, progress, repo.info.name)


def _parse(
    repo: GitRepository, shas: list[str], progress: ProgressHook | None, name: str
) -> tuple[tuple[RawCommit, ...], tuple[AddedLine, ...]]:
    if progress is not None:
        progress(f"Reading history of {name}", len(shas))
    tick = (lambda: progress(None, None)) if progress is not None else None
    commits, lines = repo.read_history(shas, keywords=default_rules().keywords, on_commit=tick)
    return commits, tuple(lines)


@dataclass(frozen=True, slots=True)
class HistoryJob:
    """Everything the history side reads, gathered by the main process before it starts.

    Attributes:
        repo: the audited repository.
        stored: its history cache as stored (``None``: read the whole history).
        scan: what the previous audit's secret search covered (its ``secret_scan`` facts).
        aliases: the workspace's identity aliases file.
        exclusions: paths left out of people and churn metrics.
        as_of: the audit's reference time; ``since`` / ``until``: its window (epoch seconds).
    """

    repo: GitRepository
    stored: StoredHistory | None
    scan: Mapping[str, Any] | None
    aliases: Path | None
    exclusions: ExclusionRules
    as_of: int
    since: int | None
    until: int | None


@dataclass(frozen=True, slots=True)
class HistorySide:
    """The finished history side of one audit.

    Attributes:
        outcome: the analysis, areas and the facts without their commits.
        update: the history cache update to save with the audit.
        incremental: True when only new commits were read from git.
        secrets: the secrets in history (the new commits searched, earlier audits' hits added).
        first, last: the window's first and last commit times (``None``: no commits).
        commits: commits in the window.
        excluded: paths left out of people and churn metrics.
    """

    outcome: HistoryOutcome
    update: HistoryUpdate | None
    incremental: bool
    secrets: HistorySecrets
    first: int | None
    last: int | None
    commits: int
    excluded: tuple[ExcludedPath, ...]


def run_history_side(
    job: HistoryJob,
    tree_entries: Callable[[], list[TreeEntry]],
    progress: ProgressHook | None = None,
) -> HistorySide:
    """Read, build and analyse the history of ``job.repo``.

    ``tree_entries`` gives the files at HEAD with their line counts (from the main process's copy
    of the tree), asked for once the history itself was read.
    """
    repo = job.repo
    head = repo.info.head
    assert head is not None  # callers handle empty repositories
    history = read_history(repo, job.stored, progress)
    tree = tree_entries()
    facts = build_history_facts(
        repository=repo.info.name,
        head=head,
        commits=history.commits,
        tree=tree,
        mailmaps=load_mailmaps(repo, head, job.aliases),
        exclusions=job.exclusions,
        as_of=job.as_of,
        since=job.since,
        until=job.until,
        shallow=repo.info.shallow,
    )
    outcome = history_outcome(facts)
    shas = [c.sha for c in history.commits]
    search = HistorySearch.plan(repo, head, shas, history.new_since, job.scan, history.read)
    secrets = search.search(job.exclusions, progress)
    times = [c.time for c in facts.commits]
    return HistorySide(
        outcome=outcome,
        update=history.update,
        incremental=history.incremental,
        secrets=secrets,
        first=min(times, default=None),
        last=max(times, default=None),
        commits=len(times),
        excluded=facts.excluded,
    )


def history_side(
    job: HistoryJob, progress: ProgressHook | None = None
) -> Callable[[Channel], HistorySide]:
    """:func:`run_history_side` of ``job`` as a function of its channel, for
    :class:`~cto.forked.Forked`: the tree's entries are the first value sent to it (the main
    process sends them as soon as it has copied the tree)."""
    return lambda channel: run_history_side(job, channel.receive, progress)
