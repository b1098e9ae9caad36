"""The Markdown rendering: clean GitHub-flavoured Markdown, deterministic, founder summary first.

Every string from the model is escaped (:func:`inline`): Markdown and HTML punctuation is
backslash-escaped and newlines are folded, so a hostile path can neither break a table nor
inject raw HTML into a viewer that renders it. Charts are shown as small tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from cto.findings import NOT_COUNTED, Finding, NotAssessed
from cto.reports.model import (
    ENGAGEMENT_HEADING,
    Area,
    Chart,
    Metric,
    Report,
    RepositorySection,
    Summary,
    Table,
)
from cto.reports.text import (
    MISSING,
    RATING_LABELS,
    SEVERITY_LABELS,
    commit_window,
    displayable,
    format_cell,
    history_notes,
    is_numeric_column,
    short_commit,
    with_unit,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~$])")
_BLOCK_START = re.compile(r"^(?:([#>+=-])|(\d+)([.)]))")
_SPACE = re.compile(r"\s+")


def render_markdown(report: Report) -> str:
    """The whole report as Markdown: summary, the engagement (founder report), each repository."""
    lines = [
        f"# {inline(report.title)}",
        "",
        f"Generated {inline(report.generated_at)} by cto {inline(report.tool_version)}"
        f" ({inline(report.as_of_text)}).",
    ]
    lines += _summary(report.summary)
    lines += _engagement(report.engagement)
    for section in report.repositories:
        lines += _repository(section)
    return displayable("\n".join(lines).rstrip("\n") + "\n")


def inline(text: str) -> str:
    """Text safe inside a Markdown paragraph, list item or table cell."""
    folded = _SPACE.sub(" ", displayable(text)).strip()
    return _SPECIAL.sub(r"\\\1", folded)


def paragraph(text: str) -> str:
    """Text safe as a whole paragraph: also cannot start a heading, quote or list."""
    escaped = inline(text)
    return _BLOCK_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped)


def _summary(summary: Summary) -> Iterator[str]:
    yield from ("", "## Founder summary", "")
    yield f"**Overall rating: {RATING_LABELS[summary.rating]}**"
    yield from ("", paragraph(summary.headline), "", "### Top risks", "")
    if not summary.top_risks:
        yield "No risks were found in what could be assessed."
    for number, finding in enumerate(summary.top_risks, start=1):
        where = f" ({inline(finding.repository)})" if finding.repository else ""
        yield f"{number}. **{SEVERITY_LABELS[finding.severity]}: {inline(finding.title)}**{where}"
        yield f"   - Why it matters: {inline(finding.impact)}"
        yield f"   - What to do: {inline(finding.recommendation)} (effort: {finding.effort.value})"
    yield from ("", "### What to do first", "")
    yield from (f"{n}. {inline(action)}" for n, action in enumerate(summary.first_actions, 1))
    yield from ("", "### Not assessed", "")
    yield from _not_assessed(summary.not_assessed, "Everything in scope was assessed.")


def _engagement(areas: tuple[Area, ...]) -> Iterator[str]:
    """The founder report's record sections: each area with its tables right under it."""
    if not areas:
        return
    yield from ("", f"## {ENGAGEMENT_HEADING}")
    for area in areas:
        yield from _area(area)
        for table in area.tables:
            yield from _table(table, table.title)


def _not_assessed(items: Iterable[NotAssessed], when_empty: str) -> Iterator[str]:
    lines = [f"- **{inline(item.area)}**: {inline(item.reason)}" for item in items]
    yield from lines or [when_empty]


def _repository(section: RepositorySection) -> Iterator[str]:
    yield from ("", f"## Repository: {inline(section.name)}", "")
    yield f"- **Rating:** {RATING_LABELS[section.rating]}"
    yield f"- **Path:** {inline(section.path)}"
    yield f"- **Head commit:** {inline(short_commit(section.head))}"
    yield f"- **History:** {inline(commit_window(section))}"
    for note in history_notes(section):
        yield from ("", f"> **Note:** {inline(note)}")
    for area in section.areas:
        yield from _area(area)
    yield from ("", f"### Evidence tables: {inline(section.name)}")
    for area in section.areas:
        for table in area.tables:
            yield from _table(table, f"{area.title}: {table.title}")
    yield from _table(section.exclusions, section.exclusions.title or "Excluded paths")


def _area(area: Area) -> Iterator[str]:
    yield from ("", f"### {inline(area.title)} — {RATING_LABELS[area.rating]}", "")
    yield paragraph(area.summary) or MISSING
    if area.metrics:
        yield from ("", "| Metric | Value | How it is computed |", "| --- | ---: | --- |")
        yield from (_metric_row(metric) for metric in area.metrics)
    for chart in area.charts:
        yield from _chart(chart)
    for finding in area.findings:
        yield from _finding(finding)
    if area.not_assessed:
        yield from ("", "**Not assessed:**", "")
        yield from _not_assessed(area.not_assessed, "")


def _metric_row(metric: Metric) -> str:
    value = with_unit(metric.value, metric.unit)
    return f"| {inline(metric.label)} | {inline(value)} | {inline(metric.definition)} |"


def _finding(finding: Finding) -> Iterator[str]:
    marker = " (exempted)" if finding.exemption else ""
    heading = f"#### {SEVERITY_LABELS[finding.severity]}{marker}: {inline(finding.title)}"
    yield from ("", heading, "")
    if finding.exemption:
        yield f"- **{inline(finding.exemption.describe())}** ({NOT_COUNTED})"
    yield f"- **Impact:** {inline(finding.impact)}"
    yield f"- **Recommendation:** {inline(finding.recommendation)}"
    yield f"- **Effort:** {finding.effort.value}"
    yield f"- **Rule:** {inline(finding.rule)} (finding {inline(finding.id)})"
    if finding.evidence:
        yield "- **Evidence:**"
    for item in finding.evidence:
        where = [inline(item.path)] if item.path and item.path != item.value else []
        where += [f"commit {inline(short_commit(item.commit))}"] if item.commit else []
        suffix = f" ({', '.join(where)})" if where else ""
        yield f"  - {inline(item.label)}: {inline(item.value)}{suffix}"


def _chart(chart: Chart) -> Iterator[str]:
    unit = f" ({inline(chart.unit)})" if chart.unit else ""
    yield from ("", f"**Chart: {inline(chart.title)}**{unit}", "")
    if chart.note:
        yield from (f"_{inline(chart.note)}_", "")
    if not chart.values:
        yield "No data to chart."
        return
    yield from ("| Label | Value |", "| --- | ---: |")
    for label, value in zip(chart.labels, chart.values, strict=False):
        yield f"| {inline(label)} | {inline(format_cell(value))} |"


def _table(table: Table, title: str) -> Iterator[str]:
    yield from ("", f"#### {inline(title)}", "")
    if table.note:
        yield from (f"_{inline(table.note)}_", "")
    if not table.rows:
        yield "No rows."
        return
    align = [
        "---:" if is_numeric_column(table.rows, i) else "---" for i in range(len(table.columns))
    ]
    yield _row(inline(column) for column in table.columns)
    yield _row(align)
    for row in table.rows:
        cells = [inline(format_cell(cell)) for cell in row]
        yield _row(cells + [""] * (len(table.columns) - len(cells)))


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cell or " " for cell in cells) + " |"
