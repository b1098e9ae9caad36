"""`cto audit` as a library: read each repository once, analyse, record, and build the report.

The CLI only parses arguments and maps errors to exit codes; everything else happens here so the
web server can reuse it later. Per repository the flow is one way:
sources (git history, tree, identities) → facts → analyzers → report areas → workspace record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from cto import __version__
from cto.analyzers.history import analyze_history
from cto.analyzers.interface import Commit, ExcludedPath
from cto.collector import collector_paused
from cto.findings import overall
from cto.gather import SECRET_SCAN, HistorySearch, gather_tree, secret_scan_facts
from cto.pipeline import Analysis, analyze, not_assessed_areas
from cto.progress import ProgressHook
from cto.record.workspace import AuditRecord, HistoryUpdate, Workspace
from cto.reports.json_report import report_to_dict
from cto.reports.model import SCHEMA_VERSION, Area, Report, RepositorySection, Table
from cto.reports.summary import build_summary
from cto.sources.code import open_code
from cto.sources.coverage import CoverageReport
from cto.sources.exclusions import ExclusionRules
from cto.sources.facts import build_history_facts, load_mailmaps
from cto.sources.git import GitRepository
from cto.sources.gitpatch import AddedLine
from cto.sources.interface import RawCommit, RepositoryInfo, display
from cto.sources.secret_rules import default_rules

EMPTY = "the repository has no commits yet"


@dataclass(frozen=True, slots=True)
class AuditWindow:
    """Which commits count and the audit's reference time.

    Attributes:
        since: only commits authored at or after this time count.
        until: only commits authored at or before this time count; also the reference time.
        now: the wall-clock time of the audit (the reference time when ``until`` is not set).
    """

    since: datetime | None
    until: datetime | None
    now: datetime

    @property
    def as_of(self) -> datetime:
        """The reference time: ``until`` when given, else now."""
        return self.until or self.now


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
    repo: GitRepository, workspace: Workspace, key: str, progress: ProgressHook | None = None
) -> HistoryRead:
    """Read the whole history to HEAD, reusing the workspace checkpoint when HEAD descends from it.

    Only commits newer than the checkpoint are read from git; a rewritten history (checkpoint no
    longer an ancestor) or a shallow clone falls back to a full read. The same pass keeps the
    added lines that hold a secret keyword, so the secret search needs no second diff.
    """
    info = repo.info
    assert info.head is not None  # callers handle empty repositories
    cached = None if info.shallow else workspace.load_history(key)
    location = str(info.root)
    if cached is not None and cached.head == info.head:
        return HistoryRead(cached.commits, None, incremental=True)
    new_shas = None if cached is None else repo.commits_since(cached.head, info.head)
    if cached is not None and new_shas is not None:
        new, lines = _parse(repo, new_shas, progress, info.name)
        update = HistoryUpdate(location=location, head=info.head, commits=new, base=cached.head)
        return HistoryRead(new + cached.commits, update, incremental=True, lines=lines)
    commits, lines = _parse(repo, repo.rev_list(info.head), progress, info.name)
    update = HistoryUpdate(location=location, head=info.head, commits=commits, base=None)
    return HistoryRead(commits, update, incremental=False, lines=lines)


def _parse(
    repo: GitRepository, shas: list[str], progress: ProgressHook | None, name: str
) -> tuple[tuple[RawCommit, ...], tuple[AddedLine, ...]]:
    if progress is not None:
        progress(f"Reading history of {name}", len(shas))
    tick = (lambda: progress(None, None)) if progress is not None else None
    commits, lines = repo.read_history(shas, keywords=default_rules().keywords, on_commit=tick)
    return commits, tuple(lines)


def audit_repository(
    repo: GitRepository,
    workspace: Workspace,
    window: AuditWindow,
    progress: ProgressHook | None = None,
    coverage: Sequence[CoverageReport] = (),
) -> tuple[RepositorySection, Report]:
    """Audit one repository, record it in the workspace, and return its report section.

    Also returns a one-repository :class:`Report`, the form stored in the workspace.
    ``coverage`` holds coverage reports given by the user (those committed in the tree are
    found by the analyzers themselves). The cyclic garbage collector is paused meanwhile
    (:mod:`cto.collector`).
    """
    with collector_paused():
        return _audit_repository(repo, workspace, window, progress, coverage)


def _audit_repository(
    repo: GitRepository,
    workspace: Workspace,
    window: AuditWindow,
    progress: ProgressHook | None,
    coverage: Sequence[CoverageReport],
) -> tuple[RepositorySection, Report]:
    info = repo.info
    started = window.now
    history: HistoryRead | None = None
    if info.head is None:
        section = _section(info, window, not_assessed_areas(EMPTY), (), (), incremental=False)
        analysis = Analysis((), (), {})
    else:
        exclusions = ExclusionRules.default()
        # The tree is copied first so that its complexity is measured by worker processes while
        # this process reads the history: both cores stay busy through the two long passes.
        with open_code(
            repo, info.head, repository=info.name, exclusions=exclusions, progress=progress,
            cache=workspace.measures,
        ) as pending:  # fmt: skip
            history = read_history(repo, workspace, str(info.root), progress)
            facts = build_history_facts(
                repository=info.name,
                head=info.head,
                commits=history.commits,
                tree=pending.entries,
                mailmaps=load_mailmaps(repo, info.head, workspace.aliases_path),
                exclusions=exclusions,
                as_of=_epoch(window.as_of),
                since=_epoch(window.since) if window.since else None,
                until=_epoch(window.until) if window.until else None,
                shallow=info.shallow,
            )
            history_result = analyze_history(facts)  # while the complexity workers finish
            code = pending.facts()
            search = HistorySearch.plan(
                repo, info.head, [c.sha for c in history.commits], history.new_since,
                workspace.latest_facts(str(info.root)), history.read,
            )  # fmt: skip
            tree_facts = gather_tree(
                code, exclusions=exclusions, workspace=workspace, now=_epoch(window.now),
                coverage=coverage, history=search, progress=progress,
            )  # fmt: skip
            analysis = analyze(facts, tree_facts, history_result=history_result)
        secrets = tree_facts.secrets
        analysis.facts[SECRET_SCAN] = secret_scan_facts(
            info.head, secrets.scanned_commits, secrets.in_history
        )
        section = _section(
            info, window, analysis.areas, facts.commits, facts.excluded, history.incremental
        )
    report = build_report((section,), window)
    record = AuditRecord(
        repository_key=str(info.root),
        location=str(info.root),
        name=info.name,
        head=info.head,
        since=window.since,
        until=window.until,
        as_of=window.as_of,
        started_at=started,
        finished_at=datetime.now(UTC),
        commit_count=section.commits,
        incremental=section.incremental,
        facts=analysis.facts,
        findings=analysis.findings,
        report=report_to_dict(report),
    )
    workspace.save_audit(record, history.update if history is not None else None)
    return section, report


def build_report(sections: Sequence[RepositorySection], window: AuditWindow) -> Report:
    """Assemble the report of one or more repository sections, founder summary first."""
    return Report(
        schema_version=SCHEMA_VERSION,
        tool_version=__version__,
        generated_at=_iso(window.now),
        as_of=_iso(window.as_of),
        summary=build_summary(sections),
        repositories=tuple(sections),
    )


def _section(
    info: RepositoryInfo,
    window: AuditWindow,
    areas: tuple[Area, ...],
    commits: Sequence[Commit],
    excluded: Sequence[ExcludedPath],
    incremental: bool,
) -> RepositorySection:
    times = [c.time for c in commits]
    return RepositorySection(
        name=info.name,
        path=display(str(info.root)),
        head=info.head,
        first_commit=_iso(datetime.fromtimestamp(min(times), UTC)) if times else None,
        last_commit=_iso(datetime.fromtimestamp(max(times), UTC)) if times else None,
        commits=len(times),
        since=_iso(window.since) if window.since else None,
        until=_iso(window.until) if window.until else None,
        shallow=info.shallow,
        incremental=incremental,
        rating=overall(a.rating for a in areas),
        areas=areas,
        exclusions=exclusions_table(excluded),
    )


def exclusions_table(excluded: Sequence[ExcludedPath], limit: int = 200) -> Table:
    """The paths left out of people and churn metrics, with the rule that excluded each."""
    rows = tuple((display(e.path), e.reason) for e in excluded[:limit])
    shown = f"first {limit} of {len(excluded)}" if len(excluded) > limit else f"{len(excluded)}"
    return Table(
        id="exclusions",
        title="Excluded from people and churn metrics",
        columns=("Path", "Reason"),
        rows=rows,
        note=f"Generated, vendored and third-party paths ({shown}); they still count as files "
        "of the product, but not as anyone's work.",
    )


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
