"""What ``cto audit`` does once its arguments are parsed: audit, record, write the reports.

Kept apart from :mod:`cto.cli` so that the command line starts without importing the audit (its
analyzers, SQLAlchemy, the report renderers): every other command starts in a fraction of the time.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path

import typer
from rich.console import Console

from cto.audit import AuditWindow, audit_repository, build_report
from cto.check import blocking_findings
from cto.errors import CtoError, InputError
from cto.exemptions import load_config
from cto.findings import Severity
from cto.progress import progress_hook
from cto.record.workspace import Workspace
from cto.reports.exemption_areas import exempt_report
from cto.reports.formats import parse_formats, write_reports
from cto.sources.coverage import MAX_REPORT_BYTES, CoverageReport, parse_coverage
from cto.sources.git import GitRepository


def parse_moment(text: str | None, *, end_of_day: bool = False) -> datetime | None:
    """Parse ``YYYY-MM-DD`` or an ISO 8601 time (UTC unless it says otherwise)."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(f"'{text}' is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)") from None
    if len(text) == 10 and end_of_day:
        moment = datetime.combine(moment.date(), time(23, 59, 59))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class AuditOptions:
    """The options of ``cto audit``, as the command line gave them."""

    fmt: str
    out: Path
    fail_on: Severity | None
    workspace: Path
    db: str | None
    quiet: bool
    coverage: tuple[Path, ...]
    config: Path | None


def _read_coverage(paths: Sequence[Path]) -> list[CoverageReport]:
    """Parse each coverage report the user named; any problem is one clear line."""
    reports = []
    for path in paths:
        try:
            text = path.read_bytes()[: MAX_REPORT_BYTES + 1].decode("utf-8", "replace")
        except OSError as error:
            raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
        reports.append(parse_coverage(str(path), text))
    return reports


def run_audit(
    paths: list[Path], since: str | None, until: str | None, opts: AuditOptions, err: Console
) -> int:
    """Audit ``paths``, write the reports; the exit status (1: a finding reached --fail-on)."""
    window = AuditWindow(
        since=parse_moment(since), until=parse_moment(until, end_of_day=True), now=datetime.now(UTC)
    )
    if window.since and window.until and window.since > window.until:
        raise InputError("--since is after --until")
    formats = parse_formats(opts.fmt)
    exemptions = load_config(opts.config)
    coverage = _read_coverage(opts.coverage)
    repos = [GitRepository.open(path) for path in paths]  # validate every input before writing
    created = not opts.workspace.exists()
    try:
        with (
            Workspace.open(opts.workspace, url=opts.db) as ws,
            progress_hook(opts.quiet, err) as hook,
        ):
            sections = [audit_repository(r, ws, window, hook, coverage)[0] for r in repos]
    except CtoError:
        if created:  # a workspace this run created holds nothing worth keeping: leave no trace
            shutil.rmtree(opts.workspace, ignore_errors=True)
        raise
    report = exempt_report(build_report(sections, window), exemptions, window.now.date())
    written = write_reports(report, opts.out, formats)
    if not opts.quiet:
        rating = report.summary.rating.value.replace("_", " ").upper()
        typer.echo(f"Overall: {rating} — {report.summary.headline}", err=True)
        for path in written:
            typer.echo(f"Report written: {path}")
    return 1 if opts.fail_on is not None and blocking_findings(report, opts.fail_on) else 0
