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
from cto.analyzers.interface import ExcludedPath
from cto.audit_history import HistoryJob, HistorySide, history_side
from cto.collector import collector_paused
from cto.findings import overall
from cto.forked import Forked, can_fork
from cto.gather import SECRET_SCAN, gather_tree, secret_scan_facts
from cto.pipeline import Analysis, analyze_outcome, not_assessed_areas, tree_parts
from cto.progress import ProgressHook
from cto.record.workspace import AuditRecord, Workspace
from cto.reports.json_report import report_to_dict
from cto.reports.model import (
    SCHEMA_VERSION,
    Area,
    Report,
    RepositorySection,
    Table,
    repository_anchor,
)
from cto.reports.summary import build_summary
from cto.sources.code import open_code
from cto.sources.coverage import CoverageReport
from cto.sources.exclusions import ExclusionRules
from cto.sources.git import GitRepository
from cto.sources.interface import RepositoryInfo, display
from cto.sources.secrets import scan_tree_secrets, secret_facts

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


def audit_repository(
    repo: GitRepository,
    workspace: Workspace,
    window: AuditWindow,
    progress: ProgressHook | None = None,
    coverage: Sequence[CoverageReport] = (),
    *,
    parallel: bool = True,
) -> tuple[RepositorySection, Report]:
    """Audit one repository, record it in the workspace, and return its report section.

    Also returns a one-repository :class:`Report`, the form stored in the workspace.
    ``coverage`` holds coverage reports given by the user (those committed in the tree are
    found by the analyzers themselves). The cyclic garbage collector is paused meanwhile
    (:mod:`cto.collector`). ``parallel=False`` keeps an incremental audit's history side in
    this process (the results are the same; it only takes longer).
    """
    with collector_paused():
        return _audit_repository(repo, workspace, window, progress, coverage, parallel)


def _audit_repository(
    repo: GitRepository,
    workspace: Workspace,
    window: AuditWindow,
    progress: ProgressHook | None,
    coverage: Sequence[CoverageReport],
    parallel: bool,
) -> tuple[RepositorySection, Report]:
    info = repo.info
    started = window.now
    history: HistorySide | None = None
    if info.head is None:
        section = _section(info, window, not_assessed_areas(EMPTY), None, None)
        analysis = Analysis((), (), {})
    else:
        history, analysis, anchor = _audit_commit(
            repo, workspace, window, progress, coverage, parallel
        )
        section = _section(info, window, analysis.areas, history, anchor)
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


def _audit_commit(
    repo: GitRepository,
    workspace: Workspace,
    window: AuditWindow,
    progress: ProgressHook | None,
    coverage: Sequence[CoverageReport],
    parallel: bool,
) -> tuple[HistorySide, Analysis, str | None]:
    """The history side and the tree side of a repository with commits, overlapped.

    An incremental audit forks the history side into a worker (it decodes the cached history,
    reads the new commits and analyses them) while this process copies, counts and measures
    the tree. A first audit reads the history here, while the complexity workers measure the
    tree: the whole history would otherwise travel back between processes.
    """
    info = repo.info
    assert info.head is not None
    key = str(info.root)
    exclusions = ExclusionRules.default()
    job = HistoryJob(
        repo=repo,
        stored=None if info.shallow else workspace.load_stored_history(key),
        scan=workspace.latest_fact(key, SECRET_SCAN),
        aliases=workspace.aliases_path,
        exclusions=exclusions,
        as_of=_epoch(window.as_of),
        since=_epoch(window.since) if window.since else None,
        until=_epoch(window.until) if window.until else None,
    )
    fork = parallel and job.stored is not None and can_fork()
    with (
        Forked(history_side(job, None if fork else progress), fork=fork) as worker,
        open_code(
            repo, info.head, repository=info.name, exclusions=exclusions, progress=progress,
            cache=workspace.measures, on_entries=worker.send,
        ) as pending,
    ):  # fmt: skip
        if not worker.forked:  # history read here while the complexity workers run
            worker.result()
        code = pending.facts()
        tree = gather_tree(code, workspace=workspace, now=_epoch(window.now), coverage=coverage)
        in_tree = scan_tree_secrets(code.snapshot, exclusions)
        early = tree_parts(tree)  # while a forked history side may still be working
        if worker.forked and progress is not None:
            progress(f"Analysing the history of {info.name}", None)
        side = worker.result()
        secrets = secret_facts(in_tree, side.secrets)
        analysis = analyze_outcome(side.outcome, tree, secrets, done=early)
        anchor = repository_anchor(entry.path for entry in pending.entries)
    scanned = secret_scan_facts(info.head, secrets.scanned_commits, secrets.in_history)
    analysis.facts[SECRET_SCAN] = scanned
    return side, analysis, anchor


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
    side: HistorySide | None,
    anchor: str | None,
) -> RepositorySection:
    first, last = (side.first, side.last) if side else (None, None)
    return RepositorySection(
        name=info.name,
        path=display(str(info.root)),
        head=info.head,
        first_commit=_iso(datetime.fromtimestamp(first, UTC)) if first is not None else None,
        last_commit=_iso(datetime.fromtimestamp(last, UTC)) if last is not None else None,
        commits=side.commits if side else 0,
        since=_iso(window.since) if window.since else None,
        until=_iso(window.until) if window.until else None,
        shallow=info.shallow,
        incremental=side.incremental if side else False,
        rating=overall(a.rating for a in areas),
        areas=areas,
        exclusions=exclusions_table(side.excluded if side else ()),
        anchor=anchor,
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
