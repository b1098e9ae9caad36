"""The founder report: audits, record and advice in one model, rendered as Markdown, HTML, JSON."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from founder_samples import HOSTILE_RISK, NOW, TODAY, fill_record, save_audits, stored_report
from jsonschema import Draft202012Validator
from markdown_it import MarkdownIt

from cto.errors import WorkspaceError
from cto.exemptions import ExemptionConfig
from cto.findings import Exemption, Rating
from cto.record import AuditRecord
from cto.record.workspace import Workspace
from cto.reports.founder import (
    build_founder_report,
    latest_audit_reports,
    merge_audits,
    with_record_actions,
)
from cto.reports.founder_engagement import NO_ENGAGEMENT
from cto.reports.founder_record import NO_ADRS, NO_RISKS
from cto.reports.founder_roadmap import NO_ROADMAP
from cto.reports.html import render_html
from cto.reports.json_report import render_json, report_from_dict, report_to_dict, schema
from cto.reports.markdown import render_markdown
from cto.reports.model import Report, RepositorySection
from cto.reports.summary import KEEP_GOING

SECTIONS = ("decisions", "risks", "roadmap", "challenges", "engagement_view")


@pytest.fixture
def workspace(tmp_path: Path, sections: tuple[RepositorySection, ...]) -> Iterator[Workspace]:
    """The two canned repositories audited, and the full sample record."""
    with Workspace.open(tmp_path / ".cto") as ws:
        save_audits(ws, sections)
        fill_record(ws)
        yield ws


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Workspace]:
    """A workspace with no audit and no record at all (not even a profile)."""
    with Workspace.open(tmp_path / "empty") as ws:
        yield ws


def founder(ws: Workspace, **options: object) -> Report:
    with ws.record(write=False) as store:
        report = build_founder_report(
            latest_audit_reports(ws), store, ws, TODAY, now=NOW, **options
        )
    return dataclasses.replace(report, tool_version="0.1.0")  # goldens outlive version bumps


def area(report: Report, area_id: str):
    return next(a for a in report.engagement if a.id == area_id)


def test_markdown_matches_golden(workspace: Workspace, golden: Callable[[str, str], None]) -> None:
    golden("founder.md", render_markdown(founder(workspace)))


def test_json_matches_golden_and_validates(
    workspace: Workspace, golden: Callable[[str, str], None]
) -> None:
    text = render_json(founder(workspace))
    golden("founder.json", text)
    Draft202012Validator(schema()).validate(json.loads(text))


def test_json_round_trips_with_the_engagement(workspace: Workspace) -> None:
    report = founder(workspace)
    assert report_from_dict(json.loads(render_json(report))) == report
    assert [a["id"] for a in report_to_dict(report)["engagement"]] == list(SECTIONS)


def test_an_audit_report_has_no_engagement_key(report: Report) -> None:
    assert "engagement" not in report_to_dict(report)
    assert report_from_dict(report_to_dict(report)).engagement == ()
    assert render_markdown(report).startswith("# Technical audit report\n")


def test_the_engagement_comes_after_the_summary_and_before_the_repositories(
    workspace: Workspace,
) -> None:
    report = founder(workspace)
    markdown = render_markdown(report)
    order = ["## Founder summary", "## The engagement", "### Decisions", "### Open risks",
             "### Roadmap", "### The eight challenges", "### Engagement view",
             "## Repository: billing-api"]  # fmt: skip
    positions = [markdown.index(part) for part in order]
    assert positions == sorted(positions)
    assert markdown.startswith("# Founder report\n")
    html = render_html(report)
    assert html.index('id="summary"') < html.index('id="engagement"') < html.index('id="repo-1"')
    assert "<h1>Founder report</h1>" in html


def test_sections_are_rated_by_the_rule(workspace: Workspace) -> None:
    report = founder(workspace)
    assert [a.id for a in report.engagement] == list(SECTIONS)
    ratings = {a.id: a.rating for a in report.engagement}
    assert ratings == {
        "decisions": Rating.AMBER,  # ADR 2 is pending
        "risks": Rating.RED,  # risk 1, exposure 20, review due 2026-02-01
        "roadmap": Rating.RED,  # custom billing where SaaS would do; a sync serving no goal
        "challenges": Rating.RED,  # the vendor estimate had no discovery
        "engagement_view": Rating.AMBER,  # nobody recorded as deciding vendors, hiring, …
    }
    assert area(report, "risks").summary.endswith(
        "Red: a risk of exposure 12 or more is past the review date."
    )


def test_open_risks_are_ranked_by_exposure_and_closed_ones_only_counted(
    workspace: Workspace,
) -> None:
    risks = area(founder(workspace), "risks")
    (table,) = risks.tables
    assert [row[0] for row in table.rows] == [1, 2, 3]
    assert table.rows[0][2:] == ("4 × 5", 20, "open", "Ana", "2026-02-01", "yes")
    assert table.rows[1][5] is None  # no owner: shown as missing, not invented
    assert "Staging open to the internet" not in json.dumps(report_to_dict(founder(workspace)))
    assert {m.id: m.value for m in risks.metrics}["closed"] == 1


def test_roadmap_shows_rice_rank_capacity_and_not_now(workspace: Workspace) -> None:
    roadmap = area(founder(workspace), "roadmap")
    initiatives, capacity, not_now = roadmap.tables
    assert [row[1] for row in initiatives.rows] == [
        "Online booking", "Custom billing and invoicing", "CRM sync",
    ]  # fmt: skip
    assert capacity.rows[0] == ("2027Q1", 12.0, 16.0, "over by 4 person-weeks")
    assert not_now.rows == (("Native mobile app", "web first until 40 schools pay", "2027-01-01"),)


def test_challenges_show_answers_and_overrides_with_reasons(workspace: Workspace) -> None:
    (table,) = area(founder(workspace), "challenges").tables
    assert len(table.rows) == 8
    vendor = next(row for row in table.rows if row[0].startswith("Vendor estimate"))
    assert vendor[1] == "RAISE"
    assert "the agency missed its last two estimates (by Ana, 2026-02-01)" in vendor[6]
    assert {row[1] for row in table.rows} <= {"RAISE", "FINE", "CANNOT TELL"}


def test_engagement_view_holds_model_remote_fit_rights_and_readiness(
    workspace: Workspace,
) -> None:
    view = area(founder(workspace), "engagement_view")
    assert {m.id: m.value for m in view.metrics} == {"remote_fit_total": 33, "weekly_hours": 10}
    tables = {t.id: t for t in view.tables}
    assert [row[0] for row in tables["advice"].rows] == [
        "Engagement model", "Time for a first full-time CTO?", "Remote fit", "Hiring readiness",
    ]  # fmt: skip
    assert tables["advice"].rows[0][4]  # the recommended model's watch-outs
    rights = {row[0]: row[1:] for row in tables["decision_rights"].rows}
    assert rights["budget"] == ("founder", "fractional CTO", "board")
    assert rights["hiring"] == ("not agreed", None, None)
    assert tables["overrides"].rows[0][3] == "the agency missed its last two estimates"


def test_record_items_join_the_first_actions_after_the_audit_ones(workspace: Workspace) -> None:
    report = founder(workspace)
    alone = merge_audits(latest_audit_reports(workspace))
    assert alone is not None
    actions = report.summary.first_actions
    audit_actions = [a for a in alone.summary.first_actions if a != KEEP_GOING]
    assert list(actions[: len(audit_actions)]) == audit_actions
    added = actions[len(audit_actions) :]
    assert len(added) == 3
    assert added[0].startswith("Review risk 1 “Card data written to logs” now: exposure 20")
    assert all("is raised:" in action for action in added[1:])


def test_hostile_record_text_is_escaped_in_html(workspace: Workspace) -> None:
    html = render_html(founder(workspace))
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img" not in html.lower()
    collector = _Tags()
    collector.feed(html)
    assert "img" not in collector.tags
    assert not [name for name in collector.attributes if name.startswith("on")]
    assert HOSTILE_RISK in "".join(collector.text)


def test_hostile_record_text_is_plain_text_in_markdown(workspace: Workspace) -> None:
    markdown = render_markdown(founder(workspace))
    parser = MarkdownIt("commonmark").enable("table")
    kinds = {t.type for t in parser.parse(markdown)} | {
        child.type for t in parser.parse(markdown) for child in (t.children or [])
    }
    assert not [kind for kind in kinds if kind.startswith("html")]
    assert "\\<img src=x onerror=alert(1)\\>" in markdown


def test_one_audit_is_used_as_stored(tmp_path: Path, sections) -> None:
    with Workspace.open(tmp_path / ".cto") as ws:
        save_audits(ws, sections[:1])
        report = founder(ws)
    stored = report_from_dict(stored_report(sections[0]))
    assert report.repositories == stored.repositories
    assert report.summary.headline == stored.summary.headline
    assert report.as_of == stored.as_of
    assert report.generated_at == "2026-03-15T09:30:00Z"


def test_only_the_newest_audit_of_a_repository_counts(tmp_path: Path, sections) -> None:
    older = dataclasses.replace(sections[0], commits=1)
    with Workspace.open(tmp_path / ".cto") as ws:
        save_audits(ws, [older, sections[0]])
        report = founder(ws)
    assert [(s.name, s.commits) for s in report.repositories] == [("billing-api", 412)]


def test_exemptions_are_applied_to_the_audit_findings(workspace: Workspace) -> None:
    accepted = Exemption("a second engineer starts in May", "Ada", None, "knowledge.truck_factor")
    config = ExemptionConfig((accepted,), "cto.toml")
    plain, exempted = founder(workspace), founder(workspace, exemptions=config)
    assert "knowledge.truck_factor" in [f.rule for f in plain.summary.top_risks]
    assert "knowledge.truck_factor" not in [f.rule for f in exempted.summary.top_risks]


def test_without_an_audit_the_report_says_so(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / ".cto") as ws:
        fill_record(ws)
        report = founder(ws)
    assert report.repositories == ()
    assert report.summary.rating is Rating.NOT_ASSESSED
    assert report.summary.headline.startswith("No audit yet: run `cto audit`")
    assert report.summary.first_actions[-1].startswith("Run `cto audit`")
    assert report.summary.first_actions[0].startswith("Review risk 1")
    markdown = render_markdown(report)
    assert "(no audit yet)" in markdown
    assert "## Repository" not in markdown
    Draft202012Validator(schema()).validate(json.loads(render_json(report)))


def test_an_empty_record_says_what_is_missing(empty: Workspace) -> None:
    report = founder(empty)
    summaries = {a.id: a.summary for a in report.engagement}
    assert summaries["decisions"].startswith(NO_ADRS)
    assert summaries["risks"].startswith(NO_RISKS)
    assert summaries["roadmap"].startswith(NO_ROADMAP)
    assert summaries["engagement_view"].startswith(NO_ENGAGEMENT)
    assert {a.rating for a in report.engagement} == {Rating.AMBER}
    (challenges,) = area(report, "challenges").tables
    assert {row[1] for row in challenges.rows} == {"CANNOT TELL"}
    advice = next(t for t in area(report, "engagement_view").tables if t.id == "advice")
    assert {row[2] for row in advice.rows} == {"No company profile yet."}
    assert advice.rows[0][5] == "the company profile (cto init)"
    text = render_markdown(report)
    assert "No ADRs recorded yet — record decisions with \\`cto adr new\\`." in text
    Draft202012Validator(schema()).validate(json.loads(render_json(report)))


def test_an_unreadable_stored_report_is_one_clear_error(empty: Workspace) -> None:
    record = AuditRecord(
        "old", "/repos/old", "old", None, None, None, NOW, NOW, NOW, 0, False, {}, (),
        {"schema_version": "0"},
    )  # fmt: skip
    audit_id = empty.save_audit(record, None)
    with pytest.raises(WorkspaceError, match=f"audit {audit_id} holds a report"):
        latest_audit_reports(empty)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(name for name, _ in attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_record_actions_come_before_keep_going(report: Report) -> None:
    green = dataclasses.replace(report.summary, first_actions=(KEEP_GOING,))
    assert with_record_actions(green, ["Decide ADR 2."]).first_actions == (
        "Decide ADR 2.",
        KEEP_GOING,
    )
    assert with_record_actions(green, []) == green
