"""Turn a :class:`DeliveryAnalysis` into the "Tests and delivery" report area.

Nothing is measured here: every number comes from the analysis; this module only words the
summary, picks the headline metrics and caps long tables (saying what was cut).
"""

from __future__ import annotations

from collections.abc import Sequence

from cto.analyzers.delivery import AREA, DeliveryAnalysis
from cto.analyzers.delivery_setup import KINDS
from cto.analyzers.rules import RuleSet
from cto.findings import Rating, rate
from cto.reports.area_parts import (
    CHART_BARS,
    capped,
    join_words,
    metric,
    plural,
)
from cto.reports.model import Area, Chart, Table

LANGUAGE_COLUMNS = ("language", "test files", "test code lines", "frameworks")
AREA_COLUMNS = ("area", "code lines", "has tests")
REPORT_COLUMNS = ("report", "format", "files", "covered lines", "coverable lines", "coverage %")
AREA_COVERAGE_COLUMNS = ("area", "covered lines", "coverable lines", "coverage %")


def delivery_areas(analysis: DeliveryAnalysis, rules: RuleSet | None = None) -> tuple[Area, ...]:
    """The "Tests and delivery" area of one repository."""
    rules = rules or RuleSet.default()
    tests, coverage = analysis.testing, analysis.coverage
    metrics = (
        metric(rules, "test_files", len(tests.test_files)),
        metric(rules, "test_frameworks", ", ".join(tests.frameworks) or None),
        metric(rules, "test_code_lines", tests.test_lines),
        metric(rules, "production_code_lines", tests.production_lines),
        metric(rules, "test_to_code_ratio", _round(tests.ratio, 2)),
        metric(rules, "untested_code_share", _round(tests.untested_share, 1)),
        metric(rules, "line_coverage", _round(coverage.percent, 1)),
        metric(rules, "ci_systems", ", ".join(analysis.ci.systems) or None),
        metric(rules, "ci_runs", ", ".join(analysis.ci.runs) or None),
    )
    rating = Rating.NOT_ASSESSED if not tests.production_lines else rate(analysis.findings)
    area = Area(
        AREA, "Tests and delivery", rating, summary(analysis), metrics, analysis.findings,
        analysis.not_assessed, _charts(analysis), _tables(analysis),
    )  # fmt: skip
    return (area,)


def summary(analysis: DeliveryAnalysis) -> str:
    """Two to four sentences: tests, coverage, CI, and how this ships."""
    tests, coverage, ci = analysis.testing, analysis.coverage, analysis.ci
    if not tests.production_lines:
        first = "There is no production source code to test."
    elif not tests.has_tests:
        first = f"No automated tests were found for {tests.production_lines:,} lines of code."
    else:
        frameworks = f" ({', '.join(tests.frameworks)})" if tests.frameworks else ""
        ratio = f"; {tests.ratio:.2f} lines of test per line of code" if tests.ratio else ""
        first = f"{plural(len(tests.test_files), 'test file', 'test files')}{frameworks}{ratio}."
    if coverage.percent is not None:
        second = f"Tests cover {coverage.percent:.0f}% of the lines the coverage reports list."
    else:
        second = "Coverage not assessed: no coverage report."
    if not ci.files:
        third = "No continuous integration is configured."
    elif ci.runs:
        third = f"CI ({', '.join(ci.systems)}) runs {join_words(ci.runs)}."
    else:
        third = (
            f"CI ({', '.join(ci.systems)}) is configured but shows no test, lint, build or "
            "deploy step."
        )
    return f"{first} {second} {third} {analysis.shipping.sentence}"


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _charts(analysis: DeliveryAnalysis) -> tuple[Chart, ...]:
    charts = []
    untested = [a for a in analysis.testing.areas if not a.tested][:CHART_BARS]
    if untested and analysis.testing.has_tests:
        charts.append(Chart(
            "untested_areas", "Largest parts of the code without tests", "bars",
            tuple(a.path for a in untested), tuple(float(a.code_lines) for a in untested),
            "lines", "Source areas no test file lies in or names, by lines of code.",
        ))  # fmt: skip
    areas = analysis.coverage.areas[:CHART_BARS]
    if areas:
        charts.append(Chart(
            "coverage_by_area", "Least covered parts of the code", "bars",
            tuple(a.area for a in areas), tuple(round(a.percent, 1) for a in areas),
            "%", "Line coverage per source area, lowest first.",
        ))  # fmt: skip
    return tuple(charts)


def _tables(analysis: DeliveryAnalysis) -> tuple[Table, ...]:
    tests, coverage = analysis.testing, analysis.coverage
    languages = [
        (t.language, t.files, t.code_lines, ", ".join(t.frameworks)) for t in tests.languages
    ]
    area_rows = [(a.path, a.code_lines, "yes" if a.tested else "no") for a in tests.areas]
    cov_rows = [(a.area, a.covered, a.total, round(a.percent, 1)) for a in coverage.areas]
    report_rows = [
        (r.source, r.format, r.files, r.covered, r.total, _round(_pct(r.covered, r.total), 1))
        for r in coverage.reports
    ] + [(path, "could not read", None, None, None, None) for path, _ in coverage.unreadable]
    ci_rows = [
        (f.path, f.system, *(_runs(f.runs.get(k), f.readable) for k in KINDS))
        for f in analysis.ci.files
    ]
    ship_rows = [(k.label, len(k.files), ", ".join(k.files[:5])) for k in analysis.shipping.kinds]
    return (
        capped("tests_by_language", "Tests by language", LANGUAGE_COLUMNS, languages, "languages"),
        capped("source_areas", "Source areas and their tests", AREA_COLUMNS, area_rows,
                "areas, largest first"),
        capped("coverage_reports", "Coverage reports", REPORT_COLUMNS, report_rows, "reports"),
        capped("coverage_by_area", "Coverage by area", AREA_COVERAGE_COLUMNS, cov_rows,
                "areas, lowest first"),
        capped("ci_files", "What CI runs", ("file", "system", *KINDS), ci_rows, "CI files"),
        capped("shipping", "How this ships", ("kind", "files", "examples"), ship_rows, "kinds"),
    )  # fmt: skip


def _runs(units: Sequence[str] | None, readable: bool) -> str:
    if not readable:
        return "could not read"
    return "; ".join(units) if units else "—"


def _pct(covered: int, total: int) -> float | None:
    return 100.0 * covered / total if total else None
