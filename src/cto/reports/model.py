"""The report model: built once as data, rendered as Markdown, HTML and JSON.

Renderers never compute: every number, sentence and chart series is here. The JSON rendering is
this model as-is (see ``schema/report.schema.json``). Strings that come from an audited repository
(paths, names, messages) are stored raw and escaped by each renderer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from cto.findings import Finding, NotAssessed, Rating

SCHEMA_VERSION = "1"

ENGAGEMENT_HEADING = "The engagement"
"""The heading of a founder report's record sections, between the summary and the repositories."""

Cell = str | int | float | None


@dataclass(frozen=True, slots=True)
class Metric:
    """A headline number of an area, with its definition.

    Attributes:
        id: stable key ("truck_factor").
        label: what it is, in plain words.
        value: the value (``None`` when not assessed).
        unit: unit or suffix ("people", "%", "files"), may be empty.
        definition: how it is computed, one sentence.
    """

    id: str
    label: str
    value: Cell
    unit: str = ""
    definition: str = ""


@dataclass(frozen=True, slots=True)
class Chart:
    """A simple chart: bars with labels and values.

    Attributes:
        id: stable key ("activity_weekly").
        title: chart title.
        kind: ``"columns"`` (vertical bars over time) or ``"bars"`` (horizontal ranked bars).
        labels: one label per bar.
        values: one value per bar.
        unit: what a value counts ("commits", "files", "%").
        note: one sentence saying how to read it.
    """

    id: str
    title: str
    kind: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    unit: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    """An evidence table.

    Attributes:
        id: stable key ("files").
        title: table title.
        columns: column headings.
        rows: rows of cells, each as long as ``columns``.
        note: one sentence on what is shown (and what was cut, e.g. "top 50 of 812").
    """

    id: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Area:
    """One area of the audit ("activity", "knowledge", "coupling") for one repository.

    A founder report also uses areas for the engagement record ("decisions", "risks"): there the
    tables carry the content and there are no findings.

    Attributes:
        id: area key.
        title: heading.
        rating: red/amber/green, or not assessed.
        summary: one or two sentences in business language.
        metrics: headline numbers.
        findings: findings of this area, most severe first.
        not_assessed: why the area (or part of it) could not be assessed.
        charts: charts for the HTML rendering (other renderings may show them as tables).
        tables: evidence tables.
    """

    id: str
    title: str
    rating: Rating
    summary: str
    metrics: tuple[Metric, ...] = ()
    findings: tuple[Finding, ...] = ()
    not_assessed: tuple[NotAssessed, ...] = ()
    charts: tuple[Chart, ...] = ()
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True, slots=True)
class RepositorySection:
    """Everything the report says about one audited repository.

    Attributes:
        name: display name.
        path: where it was read from.
        head: audited commit hash, ``None`` for an empty repository.
        first_commit: date (ISO 8601) of the first commit in the window, if any.
        last_commit: date (ISO 8601) of the last commit in the window, if any.
        commits: number of commits in the window.
        since: start of the window (ISO 8601) if one was asked for.
        until: end of the window (ISO 8601) if one was asked for.
        shallow: True when the clone is shallow.
        incremental: True when only new commits were read from git this time.
        rating: overall rating of this repository.
        areas: one section per area.
        exclusions: paths left out of people and churn metrics, and why.
        anchor: a file at the audited commit that findings about the whole repository point to
            where a consumer needs a file (code scanning rejects a SARIF result without one):
            the README, else a manifest, else the first file; ``None`` for an empty tree.
    """

    name: str
    path: str
    head: str | None
    first_commit: str | None
    last_commit: str | None
    commits: int
    since: str | None
    until: str | None
    shallow: bool
    incremental: bool
    rating: Rating
    areas: tuple[Area, ...]
    exclusions: Table
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    """The founder summary that opens every report.

    Attributes:
        rating: overall red/amber/green rating.
        headline: one sentence a founder reads first.
        top_risks: the most severe findings across all repositories, most severe first.
        first_actions: what to do first, in order.
        not_assessed: what could not be assessed, so nothing is silently green.
    """

    rating: Rating
    headline: str
    top_risks: tuple[Finding, ...]
    first_actions: tuple[str, ...]
    not_assessed: tuple[NotAssessed, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    """A whole audit report, or a founder report when it carries the engagement record.

    Attributes:
        schema_version: version of ``report.schema.json`` this follows.
        tool_version: cto version that wrote it.
        generated_at: when it was written (ISO 8601, UTC).
        as_of: reference time of the audit (ISO 8601, UTC).
        summary: the founder summary.
        repositories: one section per audited repository.
        engagement: the founder report's record sections (decisions, risks, roadmap, the
            advisor's view), each an area whose tables are its content and whose findings are
            empty. Renderers show them right after the summary, headed "The engagement"; an
            audit report has none, and then every rendering is exactly the audit report.
    """

    schema_version: str
    tool_version: str
    generated_at: str
    as_of: str
    summary: Summary
    repositories: tuple[RepositorySection, ...] = field(default_factory=tuple)
    engagement: tuple[Area, ...] = field(default_factory=tuple)

    @property
    def is_founder_report(self) -> bool:
        """True when the report carries the engagement record (``cto report founder``)."""
        return bool(self.engagement)

    @property
    def title(self) -> str:
        """``Founder report`` with the engagement record, else ``Technical audit report``."""
        return "Founder report" if self.is_founder_report else "Technical audit report"

    @property
    def as_of_text(self) -> str:
        """``audit as of …``; a founder report written before any audit says so instead."""
        if self.is_founder_report and not self.repositories:
            return "no audit yet"
        return f"audit as of {self.as_of}"


#: Files that stand for a whole repository, most telling first (top-level only).
_ANCHORS = (
    "README.md", "README.rst", "README.txt", "README", "readme.md", "package.json",
    "pyproject.toml", "go.mod", "Cargo.toml", "pom.xml", "build.gradle", "Gemfile",
    "composer.json", "setup.py", "requirements.txt",
)  # fmt: skip


def repository_anchor(paths: Iterable[str]) -> str | None:
    """The file that findings about the whole repository point to (:attr:`RepositorySection.anchor`)
    among ``paths``, the files at the audited commit."""
    ordered = sorted(paths)
    top = {p for p in ordered if "/" not in p}
    for name in _ANCHORS:
        if name in top:
            return name
    return min(top) if top else (ordered[0] if ordered else None)
