"""Reading advisor evidence out of stored audit reports (``report.schema.json``, version 1).

A report names each area's metrics and tables by id; this module picks the few the advisor
weighs. Column titles carry units (``Code health (of 10)``), so columns are found by the start
of their title. Whether a hotspot has a single owner comes from the audit's
``complexity.key-person-hotspots`` finding (its evidence lists them) and, beyond what that
lists, from the file table's author count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cto.advisor.evidence import AuditEvidence, Hotspot, RepositoryEvidence

KEY_PERSON_HOTSPOTS = "complexity.key-person-hotspots"
NOT_PROGRAMMING = frozenset(
    {
        "CSV", "INI", "JSON", "License", "Markdown", "Other", "Plain Text", "Properties File",
        "ReStructuredText", "SVG", "Text", "TOML", "XML", "YAML", "gitignore",
    }
)  # fmt: skip
"""Languages scc counts that are data, configuration or prose, not a stack to maintain."""

Report = Mapping[str, Any]


def evidence_from_reports(reports: Iterable[tuple[str, Report]]) -> AuditEvidence | None:
    """Evidence from ``(label, report)`` pairs, one per audit; ``None`` when there are none."""
    repositories = [
        repository_evidence(section, f"{label}")
        for label, report in reports
        for section in report.get("repositories", [])
    ]
    return AuditEvidence(tuple(repositories)) if repositories else None


def repository_evidence(section: Report, source: str) -> RepositoryEvidence:
    """The evidence of one repository section of a report."""
    areas = {area["id"]: area for area in section.get("areas", [])}
    metric = _metrics(areas)
    tables = _tables(areas)
    untested = [
        str(r["area"]) for r in tables.get("source_areas", []) if r.get("has tests") == "no"
    ]
    tested = [str(r["area"]) for r in tables.get("source_areas", []) if r.get("has tests") == "yes"]
    name = str(section.get("name", "?"))
    return RepositoryEvidence(
        name=name,
        source=source,
        languages=tuple(
            (str(row["language"]), int(row["code"] or 0))
            for row in tables.get("languages", [])
            if row.get("language") not in NOT_PROGRAMMING
        ),
        stack=tuple(_stack_item(row) for row in tables.get("stack", [])),
        code_lines=_int(metric.get("code_lines")),
        contributors=_int(metric.get("contributors")),
        truck_factor=_int(metric.get("truck_factor")),
        knowledge_loss_share=_float(metric.get("knowledge_loss_share")),
        key_person_files=_int(metric.get("key_person_files")),
        files=_int(metric.get("files")),
        hotspots_assessed=metric.get("hotspot_count") is not None,
        hotspots=tuple(_hotspots(name, areas, tables, untested, tested)),
        unhealthy_files=tuple(
            (str(row["file"]), float(row["code health"]))
            for row in tables.get("code_health", [])
            if row.get("code health") is not None
        ),
        mean_code_health=_float(metric.get("mean_code_health")),
        test_files=_int(metric.get("test_files")),
        test_to_code_ratio=_float(metric.get("test_to_code_ratio")),
        untested_code_share=_float(metric.get("untested_code_share")),
        untested_areas=tuple(untested),
        line_coverage=_float(metric.get("line_coverage")),
    )


def _hotspots(
    name: str,
    areas: Mapping[str, Report],
    tables: Mapping[str, list[dict[str, Any]]],
    untested: Sequence[str],
    tested: Sequence[str],
) -> Iterable[Hotspot]:
    listed, complete = _sole_owned(areas.get("complexity", {}))
    authors = {str(row["file"]): row.get("authors") for row in tables.get("files", [])}
    for row in tables.get("hotspots", []):
        path = str(row["file"])
        single: bool | None = path in listed
        if not single and not complete:
            single = True if authors.get(path) == 1 else None
        yield Hotspot(
            repository=name,
            path=path,
            revisions=int(row.get("revisions") or 0),
            score=float(row.get("hotspot score") or 0),
            health=_float(row.get("code health")),
            single_owner=single,
            owner=listed.get(path) or _text(row.get("main developer")),
            tested=_tested(path, untested, tested),
        )


def _sole_owned(area: Report) -> tuple[dict[str, str | None], bool]:
    """Hotspot paths the key-person finding lists (with the person), and whether that is all."""
    listed: dict[str, str | None] = {}
    complete = area.get("metrics") is not None
    for finding in area.get("findings", []):
        if finding.get("rule") != KEY_PERSON_HOTSPOTS:
            continue
        for item in finding.get("evidence", []):
            if item.get("label") == "more hotspots":
                complete = False
            elif item.get("label") == "hotspot" and item.get("path"):
                value = str(item.get("value", ""))
                person = (
                    value.split("only ", 1)[1].removesuffix(" knows it")
                    if "only " in value
                    else None
                )
                listed[str(item["path"])] = person
    return listed, complete


def _tested(path: str, untested: Sequence[str], tested: Sequence[str]) -> bool | None:
    def inside(area: str) -> bool:
        return area in (".", "") or path == area or path.startswith(area.rstrip("/") + "/")

    depth = {area: len(area) for area in (*untested, *tested) if inside(area)}
    if not depth:
        return None
    deepest = max(depth, key=lambda area: depth[area])
    return deepest in tested


def _metrics(areas: Mapping[str, Report]) -> dict[str, Any]:
    return {m["id"]: m.get("value") for area in areas.values() for m in area.get("metrics", [])}


def _tables(areas: Mapping[str, Report]) -> dict[str, list[dict[str, Any]]]:
    """Each table's rows as dicts keyed by the column title, lower-cased, units cut off."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for area in areas.values():
        for table in area.get("tables", []):
            columns = [_column(title) for title in table.get("columns", [])]
            rows = [dict(zip(columns, row, strict=False)) for row in table.get("rows", [])]
            tables.setdefault(str(table["id"]), rows)
    return tables


def _column(title: str) -> str:
    """A column title as a key: ``Code health (of 10)`` → ``code health``."""
    base = title.split("(")[0].strip().lower()
    for short in ("revisions", "authors"):
        if base.startswith(short):
            return short
    return base


def _stack_item(row: Mapping[str, Any]) -> str:
    version = f" {row['version']}" if row.get("version") else ""
    return f"{row.get('name')}{version} ({row.get('kind')})"


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _float(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _text(value: Any) -> str | None:
    return str(value) if value else None
