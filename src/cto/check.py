"""`cto check` as a library: the audit's tree checks, fast, as a gate for CI.

A check reads the files at HEAD once (never the history, never running anything), runs the
tree-based analyzers of :func:`cto.pipeline.analyze_tree`, applies the engagement's exemptions
and says whether any finding that still counts is at or above the threshold. It writes nothing:
no workspace record, no report files (the CLI writes the one document asked for).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import assert_never

from cto.analyzers.rules import RuleSet
from cto.audit import EMPTY, AuditWindow, build_report, exclusions_table
from cto.check_format import CheckFormat
from cto.exemptions import ExemptionConfig
from cto.findings import Finding, Severity, overall
from cto.gather import gather_secrets, gather_tree
from cto.pipeline import analyze_tree, not_assessed_areas
from cto.progress import ProgressHook
from cto.record.workspace import DATABASE_NAME, Workspace
from cto.reports.exemption_areas import exempt_report
from cto.reports.json_report import render_json
from cto.reports.model import Area, Report, RepositorySection, repository_anchor
from cto.reports.sarif import render_sarif
from cto.reports.text import displayable
from cto.sources.code import collect_code
from cto.sources.exclusions import ExclusionRules
from cto.sources.git import GitRepository
from cto.sources.interface import RepositoryInfo, display

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What a check found and whether it passes.

    Attributes:
        report: the report of the checked repository (tree areas only), exemptions applied.
        fail_on: the threshold: counted findings at least this severe fail the check.
        blocking: the counted findings at or above ``fail_on``, most severe first.
    """

    report: Report
    fail_on: Severity
    blocking: tuple[Finding, ...]

    @property
    def passed(self) -> bool:
        """True when no counted finding reaches the threshold."""
        return not self.blocking

    @property
    def exit_code(self) -> int:
        """0 when the check passes, 1 when a finding reaches the threshold."""
        return 0 if self.passed else 1

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding of the report, exempted ones included, in report order."""
        return tuple(iter_findings(self.report))


def run_check(
    path: Path,
    *,
    config: ExemptionConfig,
    fail_on: Severity = Severity.HIGH,
    workspace: Path | None = None,
    rules: RuleSet | None = None,
    now: datetime | None = None,
    progress: ProgressHook | None = None,
    db_url: str | None = None,
) -> CheckResult:
    """Check the repository at ``path``: tree analyzers, exemptions, then the threshold.

    ``workspace`` names the workspace whose local data (such as a vulnerability database) tree
    analyzers may read; a check never creates or writes it. ``db_url`` reads that database
    instead (PostgreSQL), which must already be at this version's schema. ``now`` is the
    reference time (exemptions apply through their ``expires`` day in UTC).

    Raises:
        InputError: ``path`` is not a readable git repository (one line).
    """
    moment = now or datetime.now(UTC)
    repo = GitRepository.open(path)
    section = _section(repo, rules, progress, (workspace, db_url), int(moment.timestamp()))
    report = build_report((section,), AuditWindow(since=None, until=None, now=moment))
    report = exempt_report(report, config, moment.astimezone(UTC).date(), rules)
    return CheckResult(report, fail_on, blocking_findings(report, fail_on))


def _section(
    repo: GitRepository,
    rules: RuleSet | None,
    progress: ProgressHook | None,
    workspace: tuple[Path | None, str | None],
    now: int,
) -> RepositorySection:
    info = repo.info
    if info.head is None:
        return _as_section(info, not_assessed_areas(EMPTY), None)
    exclusions = ExclusionRules.default()
    with (
        collect_code(
            repo, info.head, repository=info.name, exclusions=exclusions, progress=progress
        ) as (code, entries),
        _existing_workspace(*workspace) as ws,
    ):
        tree = gather_tree(code, workspace=ws, now=now)
        secrets = gather_secrets(code, exclusions=exclusions, progress=progress)
        analysis = analyze_tree(tree, secrets, rules=rules)
    return _as_section(info, analysis.areas, repository_anchor(e.path for e in entries))


@contextmanager
def _existing_workspace(directory: Path | None, url: str | None) -> Iterator[Workspace | None]:
    """The workspace in ``directory`` (default ``.cto``) if it exists, or the database at ``url``:
    a check never creates or migrates one."""
    directory = directory or Path(".cto")
    if url is not None:
        with Workspace.read_only(url, directory) as workspace:
            yield workspace
        return
    if not (directory / DATABASE_NAME).is_file():
        yield None
        return
    with Workspace.open(directory) as workspace:
        yield workspace


def _as_section(
    info: RepositoryInfo, areas: tuple[Area, ...], anchor: str | None
) -> RepositorySection:
    return RepositorySection(
        name=info.name, path=display(str(info.root)), head=info.head,
        first_commit=None, last_commit=None, commits=0, since=None, until=None,
        shallow=info.shallow, incremental=False, rating=overall(a.rating for a in areas),
        areas=areas, exclusions=exclusions_table(()), anchor=anchor,
    )  # fmt: skip


def iter_findings(report: Report) -> Iterator[Finding]:
    """Every finding of every area of every repository, in report order."""
    for section in report.repositories:
        for area in section.areas:
            yield from area.findings


def blocking_findings(report: Report, threshold: Severity) -> tuple[Finding, ...]:
    """The counted (not exempted) findings at least as severe as ``threshold``, worst first."""
    found = [f for f in iter_findings(report) if f.counted and f.severity.at_least(threshold)]
    return tuple(sorted(found, key=lambda f: -f.severity.rank))


def render_check(result: CheckResult, fmt: CheckFormat) -> str:
    """The result in one format: compact text, the report's JSON, or SARIF 2.1.0."""
    match fmt:
        case CheckFormat.TEXT:
            return render_text(result)
        case CheckFormat.JSON:
            return render_json(result.report)
        case CheckFormat.SARIF:
            return render_sarif(result.report)
        case _:
            assert_never(fmt)


def render_text(result: CheckResult) -> str:
    """One line per finding, most severe first (severity, rule, title, first evidence path),
    then the verdict."""
    ranked = sorted(result.findings, key=lambda f: -f.severity.rank)
    lines = [_line(finding) for finding in ranked]
    exempted = sum(not f.counted for f in ranked)
    total = len(ranked)
    verdict = "FAIL" if result.blocking else "pass"
    lines.append(
        f"cto check: {total} finding{'' if total == 1 else 's'} ({exempted} exempted); "
        f"{len(result.blocking)} at or above {result.fail_on.value}: {verdict}"
    )
    return "\n".join(lines) + "\n"


def _line(finding: Finding) -> str:
    path = next((e.path for e in finding.evidence if e.path), None) or "-"
    parts = [finding.severity.value.upper().ljust(8), _safe(finding.rule)]
    parts += [_safe(finding.title), _safe(path)]
    if finding.exemption:
        parts.append(f"[{_safe(finding.exemption.describe())}]")
    return "  ".join(parts)


def _safe(text: str) -> str:
    """Repository text fit for a terminal: one line, no control characters, valid UTF-8."""
    return _CONTROL.sub("?", displayable(" ".join(text.split())))
