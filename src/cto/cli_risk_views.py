"""What `cto risk` commands print: the register table, one risk in full, JSON, a sync's changes.

Imported only when a command runs (it loads the record kinds and pydantic).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import typer

from cto.cli_common import one_line_errors
from cto.errors import InputError
from cto.findings import Severity
from cto.record.audit_findings import AuditFindings, latest_audit_findings
from cto.record.risk_rules import default_risk_rules
from cto.record.risk_sync import SyncPlan, apply_sync, sync_risks
from cto.record.risks import Risk
from cto.record.workspace import DATABASE_NAME, Workspace


def table_lines(risks: list[Risk], today: date) -> list[str]:
    """The register as a table, one risk a line, overdue reviews marked ``OVERDUE``."""
    lines = [f"{'#':>4}  {'exposure':>8}  {'L x I':5}  {'status':10}  {'review':18}  title"]
    for risk in risks:
        review = risk.review_date.isoformat() if risk.review_date else "-"
        review += " OVERDUE" if risk.overdue(today) else ""
        scores = f"{risk.likelihood} x {risk.impact}"
        lines.append(
            f"{risk.number:>4}  {risk.exposure:>8}  {scores:5}  {risk.status.value:10}  "
            f"{review:18}  {risk.title}"
        )
    return lines


def detail_lines(risk: Risk, today: date) -> list[str]:
    """One risk in full, a field a line."""
    review = risk.review_date.isoformat() if risk.review_date else "not set"
    lines = [
        f"Risk {risk.number}: {risk.title}",
        f"Status:      {risk.status.value}",
        f"Exposure:    {risk.exposure} = likelihood {risk.likelihood} x impact {risk.impact}",
        f"Owner:       {risk.owner or 'nobody yet'}",
        f"Review:      {review}{' (OVERDUE)' if risk.overdue(today) else ''}",
        f"Raised:      {risk.raised.isoformat()}",
    ]
    if risk.source_finding:
        lines.append(f"Finding:     {risk.source_finding} in {risk.repository or '?'}")
    if risk.closed:
        lines.append(f"Closed:      {risk.closed_on} - {risk.closed_reason}")
    return [
        *lines,
        f"Description: {risk.description or '-'}",
        f"Mitigation:  {risk.mitigation or '-'}",
    ]


def as_json(risk: Risk, today: date) -> dict[str, Any]:
    """A risk as JSON data, with its exposure and whether it is overdue on ``today``."""
    data: dict[str, Any] = risk.model_dump(mode="json")
    data.update(exposure=risk.exposure, overdue=risk.overdue(today))
    return data


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    """A plan, the audits it was made from and the threshold used."""

    plan: SyncPlan
    audits: tuple[AuditFindings, ...]
    threshold: Severity


def run_sync(
    workspace: Path,
    db: str | None,
    *,
    threshold: Severity | None,
    config: Path | None,
    dry_run: bool,
) -> SyncOutcome:
    """Read the latest audits, plan the register's changes and write them (unless ``dry_run``).

    A problem is one ``cto: error:`` line and exit code 2, with nothing written.
    """
    from cto.exemptions import load_config

    today = date.today()
    with one_line_errors():
        if db is None and not (workspace / DATABASE_NAME).exists():
            raise InputError(f"no workspace at {workspace} (run cto audit first)")
        exemptions = load_config(config)
        with Workspace.open(workspace, url=db) as ws:
            audits = tuple(latest_audit_findings(ws, today, exemptions))
            if not audits:
                raise InputError(f"no audits in {workspace} yet: run cto audit first")
            with ws.record(write=not dry_run) as store:
                plan = sync_risks(store.all(Risk), audits, today, threshold=threshold)
                if not dry_run:
                    apply_sync(store, plan)
    return SyncOutcome(plan, audits, threshold or default_risk_rules().threshold)


def say_plan(outcome: SyncOutcome, *, dry_run: bool) -> None:
    """Print what the sync proposed, closed, reopened, kept and skipped, then a summary."""
    plan = outcome.plan
    would = "Would propose" if dry_run else "Proposed"
    for risk in plan.proposed:
        typer.echo(
            f"{would} risk {risk.number}: {risk.title} (exposure {risk.exposure}; "
            f"finding {risk.source_finding} in {risk.repository})"
        )
    for risk in plan.closed:
        typer.echo(f"{'Would close' if dry_run else 'Closed'} risk {risk.number}: {risk.title} "
                   f"({risk.closed_reason})")  # fmt: skip
    for risk in plan.reopened:
        typer.echo(
            f"{'Would reopen' if dry_run else 'Reopened'} risk {risk.number}: {risk.title} "
            f"(finding {risk.source_finding} is reported again)"
        )
    for risk in plan.kept:
        typer.echo(
            f"Kept risk {risk.number} open: the latest audit of {risk.repository} could not "
            f"assess the area of finding {risk.source_finding}"
        )
    for finding in plan.exempted:
        why = finding.exemption.describe() if finding.exemption else "exempted"
        typer.echo(f"Not proposed, accepted: {finding.id} {finding.title} ({why})")
    repositories = len({audit.repository for audit in outcome.audits})
    typer.echo(
        f"{len(plan.proposed)} proposed, {len(plan.closed)} closed, {len(plan.reopened)} "
        f"reopened from the latest audits of {repositories} "
        f"{'repository' if repositories == 1 else 'repositories'} "
        f"(threshold: {outcome.threshold.value}){'; dry run, nothing written' if dry_run else ''}."
    )
