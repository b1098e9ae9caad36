"""Turn a :class:`HistoryAnalysis` into report areas: activity, knowledge and coupling.

Nothing is measured here: every number comes from the analysis; this module only chooses what a
reader sees first, words the summaries and caps long tables (saying what was cut).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from cto.analyzers.activity import iso_date
from cto.analyzers.coupling import strong_cross_boundary
from cto.analyzers.history import HistoryAnalysis
from cto.analyzers.interface import HistoryFacts
from cto.analyzers.rules import RuleSet
from cto.analyzers.truck_factor import join_names, person_name
from cto.reports.area_parts import (
    CHART_BARS,
    area_rating,
    capped,
    metric,
    of_area,
    plural,
)
from cto.reports.model import Area, Chart, Table
from cto.reports.timeline import activity_chart

#: Metric ids of the files table's columns after "file" and "lines", in order.
FILE_COLUMNS = (
    "revisions", "lines_added", "lines_deleted", "authors", "main_developer",
    "main_developer_share", "fragmentation", "age_months",
)  # fmt: skip


def history_areas(
    analysis: HistoryAnalysis, facts: HistoryFacts, rules: RuleSet | None = None
) -> tuple[Area, ...]:
    """The activity, knowledge and coupling areas of one repository."""
    rules = rules or RuleSet.default()
    return (
        _activity_area(analysis, facts, rules),
        _knowledge_area(analysis, facts, rules),
        _coupling_area(analysis, facts, rules),
    )


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _bars(
    chart_id: str, title: str, items: Iterable[tuple[str, float]], unit: str, note: str
) -> Chart:
    top = list(items)[:CHART_BARS]
    return Chart(
        chart_id, title, "bars", tuple(k for k, _ in top), tuple(v for _, v in top), unit, note
    )


def _activity_area(analysis: HistoryAnalysis, facts: HistoryFacts, rules: RuleSet) -> Area:
    act = analysis.activity
    findings, not_assessed = of_area(analysis.findings, analysis.not_assessed, "activity")
    if act.first_commit is None:
        summary = "There are no commits to measure in the audited window."
    else:
        summary = (
            f"{act.commits:,} commits by {plural(act.contributors, 'person', 'people')} between "
            f"{iso_date(act.first_commit)} and {iso_date(act.last_commit)}; "
            f"{act.active_contributors} of them committed in the last 90 days."
        )
    metrics = (
        metric(rules, "commits", act.commits),
        metric(rules, "merges", act.merges),
        metric(rules, "contributors", act.contributors),
        metric(rules, "active_contributors", act.active_contributors),
        metric(rules, "first_commit", iso_date(act.first_commit)),
        metric(rules, "last_commit", iso_date(act.last_commit)),
        metric(rules, "days_since_last_commit", act.days_since_last_commit),
    )
    weekly = activity_chart(act.weekly, rules.metric("commits_per_week").definition)
    rows = [(person_name(p.person, facts), p.commits, iso_date(p.last_commit)) for p in act.people]
    people = capped(
        "contributors", "Contributors", ("person", "commits", "last commit"), rows, "people"
    )
    charts = (weekly,) if act.weekly else ()
    tables = (people, _automated_table(facts)) if facts.automated else (people,)
    if facts.automated:
        left = sum(a.commits for a in facts.automated)
        summary += f" {left:,} commits by automated accounts (bots) are not counted."
    return Area(
        "activity", "Activity", area_rating(findings, not_assessed), summary,
        metrics, findings, not_assessed, charts, tables,
    )  # fmt: skip


def _automated_table(facts: HistoryFacts) -> Table:
    rows = [(a.name, a.commits, a.reason) for a in facts.automated]
    table = capped(
        "automated", "Automated accounts left out", ("account", "commits", "reason"), rows,
        "automated accounts",
    )  # fmt: skip
    note = f"{table.note}; their commits count in no history metric: they are no one's work"
    return dataclasses.replace(table, note=note)


def _knowledge_summary(analysis: HistoryAnalysis, facts: HistoryFacts) -> str:
    truck, known = analysis.truck_factor, analysis.knowledge
    if truck.value is None or known.loss_percent is None:
        reason = truck.not_assessed[0].reason if truck.not_assessed else "not assessed"
        return f"Who knows the code could not be assessed ({reason})."
    if truck.value == 0:
        first = "Most files already have no clear author in the history read."
    else:
        first = (
            f"If {join_names(truck.people, facts)} left, more than half of the code would have "
            f"nobody who knows it (truck factor {truck.value})."
        )
    return (
        f"{first} {known.loss_percent:.0f}% of the code is known only by people inactive for "
        "over six months."
    )


def _knowledge_area(analysis: HistoryAnalysis, facts: HistoryFacts, rules: RuleSet) -> Area:
    truck, known = analysis.truck_factor, analysis.knowledge
    findings, not_assessed = of_area(analysis.findings, analysis.not_assessed, "knowledge")
    assessed = known.loss_percent is not None
    metrics = (
        metric(rules, "files", len(facts.files)),
        metric(rules, "truck_factor", truck.value),
        metric(rules, "contributor_absence_factor", truck.absence_factor),
        metric(rules, "inactive_people", len(known.inactive_people) if assessed else None),
        metric(rules, "abandoned_files", len(known.abandoned_files) if assessed else None),
        metric(rules, "knowledge_loss_share", _pct(known.loss_percent)),
        metric(rules, "key_person_files", known.key_person_files if assessed else None),
        metric(rules, "top_key_person_share", _pct(known.top_key_person_percent)),
    )
    charts = (
        _bars(
            "ownership", "Files each person is an author of",
            ((person_name(p, facts), float(n)) for p, n in truck.files_by_author),
            "files", "By degree of authorship; the truck factor removes people from the top.",
        ),
        _bars(
            "key_person_files", "Files only one person knows",
            ((person_name(k.person, facts), float(k.files)) for k in known.key_people),
            "files", "Files whose only author by degree of authorship is this person.",
        ),
    )  # fmt: skip
    tables = (
        _truck_table(analysis, facts),
        _loss_table(analysis, facts),
        _files_table(analysis, facts, rules),
    )
    return Area(
        "knowledge", "Knowledge and ownership", area_rating(findings, not_assessed),
        _knowledge_summary(analysis, facts), metrics, findings, not_assessed,
        tuple(c for c in charts if c.labels), tables,
    )  # fmt: skip


def _truck_table(analysis: HistoryAnalysis, facts: HistoryFacts) -> Table:
    last = {p.person: p.last_commit for p in analysis.activity.people}
    authored = dict(analysis.truck_factor.files_by_author)
    left = set(analysis.knowledge.inactive_people)
    rows = [
        (
            order,
            person_name(p, facts),
            authored.get(p, 0),
            iso_date(last.get(p)),
            "yes" if p in left else "no",
        )
        for order, p in enumerate(analysis.truck_factor.people, start=1)
    ]
    columns = ("order", "person", "files authored", "last commit", "inactive over six months")
    return capped("truck_factor_people", "Truck-factor people", columns, rows, "people")


def _loss_table(analysis: HistoryAnalysis, facts: HistoryFacts) -> Table:
    authors = analysis.truck_factor.authors_by_file
    metrics = {m.path: m for m in analysis.files.files}
    rows = [
        (
            path,
            facts.files.get(path),
            join_names(authors.get(path, ()), facts)
            or person_name(metrics[path].main_developer or "", facts),
            iso_date(metrics[path].last_change),
        )
        for path in analysis.knowledge.abandoned_files
    ]
    columns = ("file", "lines", "authors (all inactive over six months)", "last change")
    return capped(
        "knowledge_loss_files", "Code known only by inactive people", columns, rows, "files"
    )


def _files_table(analysis: HistoryAnalysis, facts: HistoryFacts, rules: RuleSet) -> Table:
    rows = [
        (
            m.path, m.lines, m.revisions, m.lines_added, m.lines_deleted, m.authors,
            person_name(m.main_developer, facts) if m.main_developer else None,
            round(100 * m.main_developer_share, 1), round(m.fragmentation, 2), m.age_months,
        )
        for m in analysis.files.files
    ]  # fmt: skip
    columns = ("file", "lines", *(_column(rules, m) for m in FILE_COLUMNS))
    return capped("files", "Files by number of changes", columns, rows, "files, by revisions")


def _column(rules: RuleSet, metric_id: str) -> str:
    spec = rules.metric(metric_id)
    return f"{spec.label} ({spec.unit})" if spec.unit else spec.label


def _coupling_area(analysis: HistoryAnalysis, facts: HistoryFacts, rules: RuleSet) -> Area:
    coupled = analysis.coupling
    findings, not_assessed = of_area(analysis.findings, analysis.not_assessed, "coupling")
    strong = strong_cross_boundary(coupled, rules)
    if not_assessed:
        summary = f"Change coupling could not be assessed ({not_assessed[0].reason})."
    elif strong:
        summary = (
            f"{len(strong)} pairs of files in different parts of the code nearly always change "
            "together: a change in one tends to need a change in the other."
        )
    else:
        summary = (
            f"{len(coupled.pairs)} pairs of files often change together; none of the strongest "
            "cross a top-level directory."
        )
    metrics = (
        metric(rules, "coupled_pairs", len(coupled.pairs)),
        metric(rules, "strong_cross_boundary_pairs", len(strong)),
        metric(rules, "skipped_commits", coupled.skipped_commits),
    )
    chart = _bars(
        "coupling_pairs", "Most strongly coupled pairs",
        ((f"{p.first} ↔ {p.second}", round(p.degree, 1)) for p in coupled.pairs),
        "%", rules.metric("coupling_degree").definition,
    )  # fmt: skip
    pair_rows = [
        (p.first, p.second, round(p.degree, 1), p.shared_revisions, p.first_revisions,
         p.second_revisions, "yes" if p.crosses_directories else "no")
        for p in coupled.pairs
    ]  # fmt: skip
    pair_columns = (
        "file", "coupled with", "degree %", "shared revisions", "revisions (file)",
        "revisions (coupled)", "different directories",
    )  # fmt: skip
    tables = (
        capped("coupling_pairs", "Files that change together", pair_columns, pair_rows, "pairs"),
        capped(
            "sum_of_coupling", "Files most often changed with others",
            ("file", _column(rules, "sum_of_coupling")),
            list(coupled.sum_of_coupling), "files",
        ),
    )  # fmt: skip
    return Area(
        "coupling", "Change coupling", area_rating(findings, not_assessed), summary,
        metrics, findings, not_assessed, (chart,) if chart.labels else (), tables,
    )  # fmt: skip
