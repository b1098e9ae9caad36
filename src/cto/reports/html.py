"""The HTML rendering: one self-contained file with inline CSS and inline SVG charts.

No JavaScript and no external resources, so the file opens offline, prints cleanly and can be
mailed to a board. The template is rendered with autoescape on: every repository-derived string
(author names, paths, commit messages) is escaped. Charts come from :mod:`cto.reports.svg`,
which escapes its own labels, and are the only markup passed through unescaped.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from cto.findings import NOT_COUNTED, Rating, Severity
from cto.reports.model import ENGAGEMENT_HEADING, Cell, Chart, Report
from cto.reports.svg import bar_chart, column_chart
from cto.reports.text import (
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

TEMPLATE = "report.html.j2"


def render_html(report: Report) -> str:
    """The whole report as one HTML document: founder summary, the engagement, repositories."""
    document = _environment().get_template(TEMPLATE).render(report=report)
    # Lone surrogates (non-UTF-8 paths) become \xNN text so the file can be written as UTF-8.
    return displayable(document)


def chart_svg(chart: Chart) -> Markup:
    """The inline SVG of a chart: columns for ``kind == "columns"``, horizontal bars otherwise."""
    svg = column_chart(chart) if chart.kind == "columns" else bar_chart(chart)
    return Markup(svg)  # noqa: S704 - svg.py escapes every label with html.escape


def rating_label(rating: Rating) -> str:
    """A rating as words, so colour is never the only signal."""
    return RATING_LABELS[rating]


def severity_label(severity: Severity) -> str:
    """A severity as a capitalised word."""
    return SEVERITY_LABELS[severity]


def cell_class(cell: Cell) -> str:
    """CSS class of a table cell: numbers right-aligned, missing values muted."""
    if cell is None:
        return "missing"
    return "text" if isinstance(cell, str) else "num"


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("cto.reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.globals.update(
        rating_label=rating_label,
        severity_label=severity_label,
        cell_class=cell_class,
        cell_text=format_cell,
        value_with_unit=with_unit,
        numeric=is_numeric_column,
        short_commit=short_commit,
        commit_window=commit_window,
        history_notes=history_notes,
        chart_svg=chart_svg,
        not_counted=NOT_COUNTED,
        engagement_heading=ENGAGEMENT_HEADING,
    )
    return environment
