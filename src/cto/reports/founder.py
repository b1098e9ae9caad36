"""The founder report: the audit report plus the engagement record and the advisor's judgment.

:func:`build_founder_report` starts from the newest stored audit of each repository (merged as
``cto audit`` merges repositories, founder summary first), then adds five record sections under
"The engagement", in business language first: Decisions, Open risks by exposure, Roadmap, The
eight challenges, and the Engagement view. Each section is rated by the rule in
:mod:`cto.reports.founder_rating`. The summary keeps the audit's rating, headline and top risks;
the most urgent record items (overdue high-exposure risk reviews, raised money or scope
challenges, pending decisions) are added to its first actions. Without any audit the summary
says so ("no audit yet: run cto audit") and the report holds the record and the advice only.
The result is one :class:`~cto.reports.model.Report`: Markdown, HTML and JSON render it alike.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import UTC, date, datetime

from cto import __version__
from cto.advisor import Advice, advise, facts_from_record
from cto.errors import WorkspaceError
from cto.exemptions import ExemptionConfig
from cto.findings import NotAssessed, Rating
from cto.record.adr import Adr, AdrStatus
from cto.record.engagement import Engagement
from cto.record.risks import Risk, by_exposure
from cto.record.roadmap import Capacity, Initiative, NotNow
from cto.record.store import RecordStore
from cto.record.workspace import Workspace
from cto.reports.exemption_areas import exempt_report
from cto.reports.founder_advice import challenges_area
from cto.reports.founder_engagement import engagement_view_area
from cto.reports.founder_rating import rating_rules
from cto.reports.founder_record import decisions_area, risks_area
from cto.reports.founder_roadmap import roadmap_area
from cto.reports.founder_wording import challenge_title, quoted
from cto.reports.json_report import report_from_dict
from cto.reports.model import SCHEMA_VERSION, Report, Summary
from cto.reports.summary import KEEP_GOING, build_summary

NO_AUDIT = "no audit yet: run cto audit on the product's repositories to rate the code"
NO_AUDIT_HEADLINE = (
    "No audit yet: run `cto audit` on the product's repositories to rate the code. This report "
    "holds the engagement record and the advisor's view."
)
RECORD_ACTIONS = 3
"""How many record items the summary's first actions take, most urgent first."""


def latest_audit_reports(workspace: Workspace) -> list[Report]:
    """The stored report of the newest audit of each repository, by repository name.

    Raises:
        WorkspaceError: a stored report cannot be read by this version of cto.
    """
    newest: dict[str, int] = {}
    for audit in workspace.list_audits():  # newest first
        newest.setdefault(audit.repository_key, audit.id)
    reports = []
    for audit_id in newest.values():
        try:
            reports.append(report_from_dict(workspace.audit_report(audit_id)))
        except (KeyError, TypeError, ValueError) as error:
            raise WorkspaceError(
                f"audit {audit_id} holds a report this cto cannot read ({error!r}); "
                "run cto audit again"
            ) from None
    return sorted(reports, key=lambda r: [(s.name, s.path) for s in r.repositories])


def build_founder_report(
    audit_reports: Sequence[Report],
    store: RecordStore,
    workspace: Workspace,
    today: date,
    *,
    now: datetime | None = None,
    exemptions: ExemptionConfig | None = None,
) -> Report:
    """The founder report of a workspace: audits, record and advice in one report model.

    Args:
        audit_reports: the newest stored audit report of each repository (may be empty).
        store: the record, read in one transaction.
        workspace: the workspace the advisor reads audit evidence from.
        today: the day overdue reviews are judged against.
        now: when the report is written (default: the current time), for ``generated_at``.
        exemptions: the engagement's exemptions (``cto.toml``), applied to the audit findings.
    """
    moment = now or datetime.now(UTC)
    advice = advise(facts_from_record(store, workspace))
    adrs, risks = store.all(Adr), store.all(Risk)
    engagement = (
        decisions_area(adrs),
        risks_area(risks, today),
        roadmap_area(store.all(Initiative), store.all(Capacity), store.all(NotNow), advice),
        challenges_area(advice),
        engagement_view_area(advice, store.get(Engagement, Engagement.KEY)),
    )
    audit = merge_audits(audit_reports)
    if audit is not None and exemptions is not None:
        audit = exempt_report(audit, exemptions, today)
    actions = record_actions(adrs, risks, advice, today)
    generated = _iso(moment)
    if audit is None:
        summary = Summary(
            rating=Rating.NOT_ASSESSED,
            headline=NO_AUDIT_HEADLINE,
            top_risks=(),
            first_actions=(*actions, "Run `cto audit` on each repository of the product."),
            not_assessed=(NotAssessed("audit", NO_AUDIT),),
        )
        return Report(SCHEMA_VERSION, __version__, generated, generated, summary, (), engagement)
    return dataclasses.replace(
        audit,
        schema_version=SCHEMA_VERSION,
        tool_version=__version__,
        generated_at=generated,
        summary=with_record_actions(audit.summary, actions),
        engagement=engagement,
    )


def merge_audits(reports: Sequence[Report]) -> Report | None:
    """One report of every repository: the stored one alone, else merged with a new summary."""
    if not reports:
        return None
    if len(reports) == 1:
        return reports[0]
    sections = tuple(section for report in reports for section in report.repositories)
    return Report(
        schema_version=SCHEMA_VERSION,
        tool_version=__version__,
        generated_at=max(r.generated_at for r in reports),
        as_of=max(r.as_of for r in reports),
        summary=build_summary(sections),
        repositories=sections,
    )


def record_actions(
    adrs: Sequence[Adr], risks: Sequence[Risk], advice: Advice, today: date
) -> tuple[str, ...]:
    """The most urgent record items as actions: overdue high-exposure risk reviews first, then
    raised money or scope challenges, then pending decisions (at most :data:`RECORD_ACTIONS`)."""
    rules = rating_rules()
    actions = [
        f"Review risk {risk.number} {quoted(risk.title)} now: exposure {risk.exposure}, review "
        f"was due {risk.review_date}."
        for risk in by_exposure(risks)
        if risk.overdue(today) and risk.exposure >= rules.high_exposure_at_least
    ]
    actions += [
        f"Challenge {quoted(challenge_title(c.rule))} is raised: {c.recommendation or c.headline}"
        for c in advice.conclusions
        if c.answer == "raise" and c.rule in rules.money_or_scope
    ]
    pending = sorted((a for a in adrs if a.status is AdrStatus.PROPOSED), key=lambda a: a.number)
    actions += [
        f"Decide ADR {adr.number} {quoted(adr.title)}, proposed {adr.date}." for adr in pending
    ]
    return tuple(actions[:RECORD_ACTIONS])


def with_record_actions(summary: Summary, actions: Sequence[str]) -> Summary:
    """The audit summary with the record actions after its own, before "keep going"."""
    if not actions:
        return summary
    own = [action for action in summary.first_actions if action != KEEP_GOING]
    tail = [KEEP_GOING] if KEEP_GOING in summary.first_actions else []
    return dataclasses.replace(summary, first_actions=(*own, *actions, *tail))


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
