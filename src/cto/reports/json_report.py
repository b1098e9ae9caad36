"""The JSON rendering: the report model as-is, validated by ``schema/report.schema.json``.

Keys keep the model's field order (so the founder summary comes before the repositories),
enums are written as their string values, dates as ISO 8601 and tuples as arrays. A founder
report adds its record sections under ``engagement`` (last); an audit report, which has none,
leaves the key out, so its JSON is the same as before founder reports existed.
:func:`report_from_dict` reads the same shape back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import date
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any

from cto.findings import Effort, Evidence, Exemption, Finding, NotAssessed, Rating, Severity
from cto.reports.model import Area, Cell, Chart, Metric, Report, RepositorySection, Summary, Table
from cto.reports.text import displayable


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON data: dicts in field order, lists, strings, numbers, null."""
    data: dict[str, Any] = _plain(report)
    if not report.engagement:
        del data["engagement"]
    return data


def render_json(report: Report) -> str:
    """The report as JSON text (indent 2, field order kept, UTF-8 safe, newline-terminated)."""
    return json.dumps(_displayable(report_to_dict(report)), indent=2, ensure_ascii=False) + "\n"


def report_from_dict(data: Mapping[str, Any]) -> Report:
    """Read a report back from :func:`report_to_dict` output (or parsed :func:`render_json`)."""
    return Report(
        schema_version=data["schema_version"],
        tool_version=data["tool_version"],
        generated_at=data["generated_at"],
        as_of=data["as_of"],
        summary=_summary(data["summary"]),
        repositories=tuple(_section(s) for s in data["repositories"]),
        engagement=tuple(_area(a) for a in data.get("engagement", ())),
    )


@cache
def _schema_text() -> str:
    return resources.files("cto.reports").joinpath("schema/report.schema.json").read_text("utf-8")


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every JSON report follows, shipped in the package."""
    loaded: dict[str, Any] = json.loads(_schema_text())
    return loaded


def _plain(value: object) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def _displayable(value: Any) -> Any:
    if isinstance(value, str):
        return displayable(value)
    if isinstance(value, dict):
        return {displayable(k): _displayable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_displayable(item) for item in value]
    return value


def _summary(data: Mapping[str, Any]) -> Summary:
    return Summary(
        rating=Rating(data["rating"]),
        headline=data["headline"],
        top_risks=tuple(_finding(f) for f in data["top_risks"]),
        first_actions=tuple(data["first_actions"]),
        not_assessed=tuple(_not_assessed(n) for n in data["not_assessed"]),
    )


def _section(data: Mapping[str, Any]) -> RepositorySection:
    scalars = {key: data[key] for key in _SECTION_SCALARS}
    return RepositorySection(
        **scalars,
        rating=Rating(data["rating"]),
        areas=tuple(_area(a) for a in data["areas"]),
        exclusions=_table(data["exclusions"]),
        anchor=data.get("anchor"),  # absent from reports saved before it existed
    )


_SECTION_SCALARS = (
    "name", "path", "head", "first_commit", "last_commit", "commits",
    "since", "until", "shallow", "incremental",
)  # fmt: skip


def _area(data: Mapping[str, Any]) -> Area:
    return Area(
        id=data["id"],
        title=data["title"],
        rating=Rating(data["rating"]),
        summary=data["summary"],
        metrics=tuple(Metric(**m) for m in data["metrics"]),
        findings=tuple(_finding(f) for f in data["findings"]),
        not_assessed=tuple(_not_assessed(n) for n in data["not_assessed"]),
        charts=tuple(_chart(c) for c in data["charts"]),
        tables=tuple(_table(t) for t in data["tables"]),
    )


def _finding(data: Mapping[str, Any]) -> Finding:
    return Finding(
        id=data["id"],
        rule=data["rule"],
        area=data["area"],
        severity=Severity(data["severity"]),
        title=data["title"],
        impact=data["impact"],
        recommendation=data["recommendation"],
        effort=Effort(data["effort"]),
        evidence=tuple(Evidence(**e) for e in data["evidence"]),
        repository=data["repository"],
        exemption=_exemption(data["exemption"]),
    )


def _exemption(data: Mapping[str, Any] | None) -> Exemption | None:
    if data is None:
        return None
    expires = date.fromisoformat(data["expires"]) if data["expires"] else None
    return Exemption(data["reason"], data["owner"], expires, data["rule"], data["match"])


def _not_assessed(data: Mapping[str, Any]) -> NotAssessed:
    return NotAssessed(area=data["area"], reason=data["reason"])


def _chart(data: Mapping[str, Any]) -> Chart:
    return Chart(**{**data, "labels": tuple(data["labels"]), "values": tuple(data["values"])})


def _table(data: Mapping[str, Any]) -> Table:
    rows: tuple[tuple[Cell, ...], ...] = tuple(tuple(row) for row in data["rows"])
    return Table(
        id=data["id"],
        title=data["title"],
        columns=tuple(data["columns"]),
        rows=rows,
        note=data["note"],
    )
