"""Turn an :class:`InfrastructureAnalysis` into the "Infrastructure and containers" report area.

Nothing is measured here: the files, places and findings come from the analysis; this module
words the summary, picks the headline metrics and caps the tables (saying what was cut).
"""

from __future__ import annotations

from collections import Counter

from cto.analyzers.infrastructure import AREA, KINDS, InfrastructureAnalysis
from cto.analyzers.rules import RuleSet
from cto.findings import Rating, rate
from cto.reports.area_parts import capped, join_words, metric, plural
from cto.reports.model import Area, Table

PLACE_COLUMNS = ("rule", "file", "line", "text")
FILE_COLUMNS = ("kind", "file", "problems")
RULE_COLUMNS = ("rule", "severity", "places")
_NOUNS = {
    "docker": ("Dockerfile", "Dockerfiles"),
    "compose": ("compose file", "compose files"),
    "kubernetes": ("Kubernetes manifest", "Kubernetes manifests"),
    "terraform": ("Terraform file", "Terraform files"),
}


def infrastructure_areas(
    analysis: InfrastructureAnalysis, rules: RuleSet | None = None
) -> tuple[Area, ...]:
    """The "Infrastructure and containers" area of one repository."""
    rules = rules or RuleSet.default()
    checked = analysis.checked
    metrics = (
        metric(rules, "iac_files_checked", analysis.files_checked),
        metric(rules, "iac_dockerfiles", len(checked.get("docker", ()))),
        metric(rules, "iac_compose_files", len(checked.get("compose", ()))),
        metric(rules, "iac_kubernetes_manifests", len(checked.get("kubernetes", ()))),
        metric(rules, "iac_terraform_files", len(checked.get("terraform", ()))),
        metric(rules, "iac_problem_places", len(analysis.hits)),
    )
    rating = rate(analysis.findings) if analysis.files_checked else Rating.NOT_ASSESSED
    area = Area(
        AREA, "Infrastructure and containers", rating, summary(analysis), metrics,
        analysis.findings, analysis.not_assessed, (), _tables(analysis),
    )  # fmt: skip
    return (area,)


def summary(analysis: InfrastructureAnalysis) -> str:
    """One or two sentences: what was checked and what was found."""
    if not analysis.files_checked:
        return "No Dockerfile, compose file, Kubernetes manifest or Terraform file to check."
    kinds = [plural(len(files), *_NOUNS[kind]) for kind, files in analysis.checked.items() if files]
    first = f"Checked {join_words(kinds)}."
    if not analysis.findings:
        return f"{first} No rule matched."
    worst = analysis.findings[0]
    rules = plural(len(analysis.findings), "rule", "rules")
    places = plural(len(analysis.hits), "place", "places")
    return f"{first} {rules} matched in {places}; the most serious: {worst.title}."


def _tables(analysis: InfrastructureAnalysis) -> tuple[Table, ...]:
    per_file = Counter(h.path for h in analysis.hits)
    file_rows = [
        (KINDS[kind], path, per_file.get(path, 0))
        for kind, files in analysis.checked.items()
        for path in files
    ] + [("unreadable", path, None) for path in analysis.unreadable]
    rule_rows = [
        (f.rule, f.severity.value, sum(1 for h in analysis.hits if h.rule == f.rule))
        for f in analysis.findings
    ]
    place_rows = [(h.rule, h.path, h.line, h.text) for h in analysis.hits]
    return (
        capped("iac_rules", "Rules that matched", RULE_COLUMNS, rule_rows, "rules"),
        capped("iac_places", "Where", PLACE_COLUMNS, place_rows, "places"),
        capped("iac_files", "Files checked", FILE_COLUMNS, file_rows, "files"),
    )
