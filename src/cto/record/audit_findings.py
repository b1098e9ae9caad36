"""What the latest audit of each repository reported, read from a workspace for the risk sync.

Only reads. The workspace stores findings as the analyzers produced them; exemptions from
``cto.toml`` are applied here, as ``cto audit`` applies them when it writes its report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cto.errors import WorkspaceError
from cto.exemptions import ExemptionConfig, exempt_findings
from cto.findings import Finding, Rating
from cto.record.workspace import StoredAudit, Workspace
from cto.reports.json_report import report_from_dict


@dataclass(frozen=True, slots=True)
class AuditFindings:
    """What the latest audit of one repository reported.

    Attributes:
        audit_id: the audit's id in the workspace.
        repository: the repository's name (the name finding ids and risks use).
        finished: the day the audit finished.
        findings: every finding, exempted ones included (marked by their ``exemption``).
        assessed_areas: ids of the report areas the audit could assess.
    """

    audit_id: int
    repository: str
    finished: date
    findings: tuple[Finding, ...]
    assessed_areas: frozenset[str]


def latest_audit_findings(
    workspace: Workspace, today: date, exemptions: ExemptionConfig | None = None
) -> list[AuditFindings]:
    """The findings of the newest audit of each repository in ``workspace``, newest first.

    ``exemptions`` (from ``cto.toml``) active on ``today`` are applied, as ``cto audit`` does
    when it writes its report: the workspace keeps findings as the analyzers produced them.

    Raises:
        WorkspaceError: the database cannot be read, or a stored report is not a report.
    """
    latest: dict[str, StoredAudit] = {}
    for audit in workspace.list_audits():
        latest.setdefault(audit.repository_key, audit)
    config = exemptions or ExemptionConfig()
    return [_read(workspace, audit, config, today) for audit in latest.values()]


def _read(
    workspace: Workspace, audit: StoredAudit, config: ExemptionConfig, today: date
) -> AuditFindings:
    try:
        report = report_from_dict(workspace.audit_report(audit.id))
    except (KeyError, TypeError, ValueError) as error:
        message = f"audit {audit.id} of {audit.name}: its stored report cannot be read ({error})"
        raise WorkspaceError(message) from None
    areas = [area for section in report.repositories for area in section.areas]
    findings = exempt_findings([f for area in areas for f in area.findings], config, today)
    assessed = frozenset(a.id for a in areas if a.rating is not Rating.NOT_ASSESSED)
    return AuditFindings(audit.id, audit.name, audit.finished_at.date(), findings, assessed)
