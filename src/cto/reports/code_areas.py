"""Turn a :class:`CodeAnalysis` into report areas: "codebase" (size and stack) and "complexity".

Nothing is measured here: every number comes from the analysis; this module only words the
summaries, chooses the charts and caps long tables (saying what was cut).
"""

from __future__ import annotations

from collections.abc import Iterable

from cto.analyzers.code import CodeAnalysis
from cto.analyzers.code_interface import CodeFacts
from cto.analyzers.inventory import Inventory
from cto.analyzers.rules import RuleSet
from cto.reports.area_parts import (
    CHART_BARS,
    area_rating,
    capped,
    join_words,
    metric,
    of_area,
    plural,
)
from cto.reports.model import Area, Chart, Table


def code_areas(
    analysis: CodeAnalysis, code: CodeFacts, rules: RuleSet | None = None
) -> tuple[Area, ...]:
    """The "codebase" and "complexity" areas of one repository."""
    rules = rules or RuleSet.default()
    return _codebase_area(analysis, code, rules), _complexity_area(analysis, rules)


def stack_sentence(inventory: Inventory) -> str:
    """One sentence: the main languages and the runtimes and frameworks detected."""
    if not inventory.code:
        return "There is no source code to measure."
    main = [t for t in inventory.languages if inventory.share(t) >= 10][:3] or [
        inventory.languages[0]
    ]
    languages = " and ".join(f"{t.language} ({inventory.share(t):.0f}%)" for t in main)
    first = f"{inventory.code:,} lines of code, mostly {languages}"
    runtimes = [_named(t.name, t.version) for t in inventory.stack if t.kind == "runtime"]
    frameworks = sorted({t.name for t in inventory.stack if t.kind != "runtime"})
    if not frameworks and not runtimes:
        return f"{first}; no framework or runtime is declared in a manifest cto reads."
    built = f"; built with {join_words(frameworks)}" if frameworks else ""
    on = f"{' on' if frameworks else '; runs on'} {join_words(runtimes)}" if runtimes else ""
    return f"{first}{built}{on}."


def _named(name: str, version: str) -> str:
    return f"{name} {version}" if version else name


def _column(rules: RuleSet, metric_id: str) -> str:
    spec = rules.metric(metric_id)
    return f"{spec.label} ({spec.unit})" if spec.unit else spec.label


def _bars(
    chart_id: str, title: str, items: Iterable[tuple[str, float]], unit: str, note: str
) -> Chart:
    top = list(items)[:CHART_BARS]
    labels, values = tuple(k for k, _ in top), tuple(v for _, v in top)
    return Chart(chart_id, title, "bars", labels, values, unit, note)


def _codebase_area(analysis: CodeAnalysis, code: CodeFacts, rules: RuleSet) -> Area:
    inv = analysis.inventory
    findings, not_assessed = of_area(analysis.findings, analysis.not_assessed, "codebase")
    summary = (
        f"{stack_sentence(inv)} {plural(inv.text_files, 'file', 'files')} counted in "
        f"{plural(len(inv.languages), 'language', 'languages')}; "
        f"{plural(len(inv.skipped), 'file', 'files')} skipped."
    )
    metrics = (
        metric(rules, "code_files", inv.text_files),
        metric(rules, "code_lines", inv.code),
        metric(rules, "comment_lines", inv.comment),
        metric(rules, "blank_lines", inv.blank),
        metric(rules, "language_count", len(inv.languages)),
        metric(rules, "binary_files", inv.binary_files),
        metric(rules, "skipped_files", len(inv.skipped)),
        metric(rules, "stack_items", len(inv.stack)),
    )
    chart = _bars(
        "languages", "Languages by lines of code",
        ((t.language, float(t.code)) for t in inv.languages if t.code),
        "lines", "Lines of code (no comments or blanks) per language, as scc counts them.",
    )  # fmt: skip
    return Area(
        "codebase", "Size and stack", area_rating(findings, not_assessed), summary,
        metrics, findings, not_assessed, (chart,) if chart.labels else (),
        _codebase_tables(inv, code),
    )  # fmt: skip


def _codebase_tables(inv: Inventory, code: CodeFacts) -> tuple[Table, ...]:
    languages = [
        (t.language, t.files, t.code, t.comment, t.blank, round(inv.share(t), 1))
        for t in inv.languages
    ]
    stack = [(t.name, t.kind, t.version or None, ", ".join(t.found_in)) for t in inv.stack]
    largest = sorted((f for f in code.files if not f.binary), key=lambda f: (-f.code, f.path))
    return (
        capped("languages", "Languages",
                ("language", "files", "code", "comments", "blanks", "share of code %"),
                languages, "languages"),
        capped("stack", "Runtimes and frameworks", ("name", "kind", "version", "found in"),
                stack, "runtimes and frameworks"),
        capped("largest_files", "Largest files", ("file", "language", "code", "comments"),
                [(f.path, f.language or None, f.code, f.comment) for f in largest], "files"),
        capped("skipped_files", "Skipped files", ("file", "reason"),
                [(s.path, s.reason) for s in inv.skipped], "skipped files"),
    )  # fmt: skip


def _complexity_summary(analysis: CodeAnalysis) -> str:
    measured, spots, health = analysis.complexity, analysis.hotspots, analysis.health
    if not measured.functions:
        first = "No function could be measured for complexity."
    else:
        over = len(measured.over)
        first = (
            f"{plural(over, 'function', 'functions')} of {measured.functions:,} "
            f"{'is' if over == 1 else 'are'} over a complexity limit"
        )
        first += f"; code health {health.mean:g} of 10." if health.mean is not None else "."
    if spots.not_assessed:
        return (
            f"{first} {spots.not_assessed[0].reason[0].upper()}{spots.not_assessed[0].reason[1:]}."
        )
    if not spots.count:
        return f"{first} No file both changes often and is complex."
    return (
        f"{first} {plural(spots.count, 'hotspot', 'hotspots')} (files that change often and are "
        f"complex) take {spots.change_share:.0f}% of the changes in the last "
        f"{spots.window_days} days."
    )


def _complexity_area(analysis: CodeAnalysis, rules: RuleSet) -> Area:
    measured, spots = analysis.complexity, analysis.hotspots
    findings, not_assessed = of_area(analysis.findings, analysis.not_assessed, "complexity")
    healths = [h.health for h in spots.hotspots if h.health is not None]
    assessed = not spots.not_assessed
    metrics = (
        metric(rules, "functions_measured", measured.functions),
        metric(rules, "functions_over_cyclomatic", measured.over_counts["cyclomatic"]),
        metric(rules, "functions_over_nloc", measured.over_counts["nloc"]),
        metric(rules, "functions_over_parameters", measured.over_counts["parameters"]),
        metric(rules, "functions_over_nesting", measured.over_counts["nesting"]),
        metric(rules, "mean_code_health", analysis.health.mean),
        metric(rules, "hotspot_count", spots.count if assessed else None),
        metric(rules, "hotspot_change_share",
                round(spots.change_share, 1) if assessed else None),
        metric(rules, "hotspot_mean_health",
                round(sum(healths) / len(healths), 1) if healths else None),
        metric(rules, "hotspot_worst_health", min(healths) if healths else None),
    )  # fmt: skip
    chart = _bars(
        "hotspots", "Hotspots by score",
        ((h.path, float(h.score)) for h in spots.hotspots), "score",
        rules.metric("hotspot_score").definition,
    )  # fmt: skip
    return Area(
        "complexity", "Complexity and hotspots", area_rating(findings, not_assessed),
        _complexity_summary(analysis), metrics, findings, not_assessed,
        (chart,) if chart.labels else (), _complexity_tables(analysis, rules),
    )  # fmt: skip


def _complexity_tables(analysis: CodeAnalysis, rules: RuleSet) -> tuple[Table, ...]:
    health = analysis.health.by_path
    hotspots = [
        (h.path, h.revisions, h.complexity, h.score,
         h.health, h.main_developer, ", ".join(h.coupled_with) or None)
        for h in analysis.hotspots.hotspots
    ]  # fmt: skip
    hotspot_columns = (
        "file", _column(rules, "hotspot_revisions"), _column(rules, "hotspot_complexity"),
        _column(rules, "hotspot_score"), _column(rules, "code_health"), "main developer",
        "changes with",
    )  # fmt: skip
    files = [
        (f.path, f.functions, f.cyclomatic_sum, f.cyclomatic_max, f.over_threshold,
         health[f.path].health if f.path in health else None)
        for f in analysis.complexity.files
    ]  # fmt: skip
    file_columns = (
        "file", "functions", _column(rules, "cyclomatic_sum"), _column(rules, "cyclomatic_max"),
        "functions over a limit", _column(rules, "code_health"),
    )  # fmt: skip
    functions = [
        (o.function.name, o.function.path, o.function.line, o.function.cyclomatic,
         o.function.nloc, o.function.parameters, o.function.nesting, ", ".join(o.over))
        for o in analysis.complexity.over
    ]  # fmt: skip
    function_columns = (
        "function", "file", "line", "cyclomatic", "lines of code", "parameters", "nesting",
        "over the limit on",
    )  # fmt: skip
    unhealthy = [
        (h.path, h.code, h.health, ", ".join(f"{k.replace('_', ' ')} × {v}" for k, v in
                                             h.smells.items()))
        for h in analysis.health.files if h.smells
    ]  # fmt: skip
    return (
        capped("hotspots", "Hotspots", hotspot_columns, hotspots, "hotspots"),
        capped("complex_files", "Most complex files", file_columns, files, "files"),
        capped("complex_functions", "Functions over a limit", function_columns, functions,
                "functions"),
        capped("code_health", "Least healthy files",
                ("file", "code", _column(rules, "code_health"), "smells"), unhealthy,
                "files with a smell"),
    )  # fmt: skip
