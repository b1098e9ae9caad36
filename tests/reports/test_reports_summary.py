"""The founder summary: rating, ranking, first actions, headline, not-assessed gathering."""

from __future__ import annotations

from cto.findings import Effort, Finding, NotAssessed, Rating, Severity
from cto.reports.model import Area, RepositorySection, Table
from cto.reports.summary import KEEP_GOING, build_summary


def finding(
    fid: str, area: str, severity: Severity, rec: str = "", effort: Effort = Effort.DAYS
) -> Finding:
    return Finding(
        id=fid, rule=f"{area}.rule", area=area, severity=severity, title=f"Title {fid}",
        impact="It costs money.", recommendation=rec or f"Fix {fid}.", effort=effort,
    )  # fmt: skip


def section(*areas: Area, rating: Rating = Rating.AMBER, name: str = "repo") -> RepositorySection:
    return RepositorySection(
        name=name, path=f"/r/{name}", head="a" * 40, first_commit=None, last_commit=None,
        commits=0, since=None, until=None, shallow=False, incremental=False, rating=rating,
        areas=areas, exclusions=Table("exclusions", "Excluded paths", ("Path",), ()),
    )  # fmt: skip


def area(aid: str, *findings: Finding, rating: Rating = Rating.AMBER, **extra: object) -> Area:
    return Area(id=aid, title=aid.title(), rating=rating, summary="s", findings=findings, **extra)  # type: ignore[arg-type]


def test_rating_is_the_worst_section_rating() -> None:
    sections = [
        section(rating=Rating.GREEN),
        section(rating=Rating.RED),
        section(rating=Rating.AMBER),
    ]
    assert build_summary(sections).rating is Rating.RED


def test_rating_not_assessed_only_when_nothing_was() -> None:
    assert build_summary([section(rating=Rating.NOT_ASSESSED)]).rating is Rating.NOT_ASSESSED
    assert build_summary([]).rating is Rating.NOT_ASSESSED
    mixed = [section(rating=Rating.NOT_ASSESSED), section(rating=Rating.GREEN)]
    assert build_summary(mixed).rating is Rating.GREEN


def test_top_risks_rank_by_severity_then_area_order_then_id() -> None:
    sections = [
        section(
            area("activity", finding("b", "activity", Severity.MEDIUM)),
            area(
                "knowledge",
                finding("z", "knowledge", Severity.HIGH),
                finding("a", "knowledge", Severity.MEDIUM),
            ),
            area("coupling", finding("c", "coupling", Severity.CRITICAL)),
        ),
        section(area("activity", finding("a2", "activity", Severity.MEDIUM)), name="two"),
    ]  # fmt: skip
    ids = [f.id for f in build_summary(sections).top_risks]
    assert ids == ["c", "z", "a2", "b", "a"]


def test_top_risks_are_capped_and_exclude_info() -> None:
    findings = [finding(f"f{i}", "activity", Severity.LOW) for i in range(8)]
    findings.append(finding("info", "activity", Severity.INFO))
    summary = build_summary([section(area("activity", *findings))], max_risks=3)
    assert [f.id for f in summary.top_risks] == ["f0", "f1", "f2"]
    assert build_summary([section(area("activity", *findings))], max_risks=0).top_risks == ()


def test_ranking_is_deterministic_whatever_the_input_order() -> None:
    items = [finding(x, "activity", Severity.HIGH) for x in "dcab"]
    first = build_summary([section(area("activity", *items))])
    second = build_summary([section(area("activity", *reversed(items)))])
    assert first == second


def test_first_actions_are_deduplicated_and_prefixed_with_effort() -> None:
    items = (
        finding(
            "a", "knowledge", Severity.HIGH, "Pair a second engineer on billing.", Effort.WEEKS
        ),
        finding(
            "b", "knowledge", Severity.HIGH, "Pair a second engineer on billing.", Effort.WEEKS
        ),
        finding("c", "knowledge", Severity.MEDIUM, "Write a runbook.", Effort.HOURS),
    )
    summary = build_summary([section(area("knowledge", *items), rating=Rating.RED)])
    assert summary.first_actions == (
        "Weeks: Pair a second engineer on billing.",
        "Hours: Write a runbook.",
    )


def test_green_says_keep_going() -> None:
    summary = build_summary([section(area("activity", rating=Rating.GREEN), rating=Rating.GREEN)])
    assert summary.top_risks == ()
    assert summary.first_actions == (KEEP_GOING,)
    assert summary.headline.startswith("Green: no serious risks")


def test_headline_is_one_founder_sentence() -> None:
    red = build_summary(
        [
            section(
                area("knowledge", finding("a", "knowledge", Severity.CRITICAL)), rating=Rating.RED
            )
        ]
    )
    assert red.headline == "Red: act now — title a."
    amber = build_summary([section(area("knowledge", finding("a", "knowledge", Severity.MEDIUM)))])
    assert amber.headline == "Amber: nothing is on fire, but title a."
    for text in (red.headline, amber.headline):
        assert text.count(". ") == 0 and text.endswith(".")


def test_headline_keeps_acronyms() -> None:
    item = Finding(
        "a", "ci.none", "ci", Severity.HIGH, "CI never runs the tests", "i", "r", Effort.DAYS
    )
    assert "CI never runs" in build_summary([section(area("ci", item), rating=Rating.RED)]).headline


def test_not_assessed_gathered_and_named_by_repository() -> None:
    gap = NotAssessed("knowledge", "shallow clone")
    sections = [
        section(area("knowledge", rating=Rating.NOT_ASSESSED, not_assessed=(gap,)), name="api"),
        section(area("coupling", rating=Rating.NOT_ASSESSED), name="web"),
    ]
    summary = build_summary(sections)
    assert summary.not_assessed == (
        NotAssessed("knowledge", "shallow clone (in api)"),
        NotAssessed("coupling", "s (in web)"),
    )
    assert (
        summary.headline == "Amber: some areas need attention, though no single finding stands out."
    )


def test_green_with_gaps_says_so() -> None:
    gap = NotAssessed("knowledge", "shallow clone")
    sections = [
        section(
            area("knowledge", rating=Rating.NOT_ASSESSED, not_assessed=(gap,)), rating=Rating.GREEN
        )
    ]
    summary = build_summary(sections)
    assert summary.not_assessed == (gap,)
    assert (
        summary.headline
        == "Green: no serious risks in what could be assessed, but 1 part could not be assessed."
    )


def test_canned_report_summary(report) -> None:  # type: ignore[no-untyped-def]
    summary = report.summary
    assert summary.rating is Rating.RED
    assert [f.severity for f in summary.top_risks][:2] == [Severity.CRITICAL, Severity.HIGH]
    assert all(f.severity is not Severity.INFO for f in summary.top_risks)
    assert len(summary.not_assessed) == 1
