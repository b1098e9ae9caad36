"""Activity: how much work happens, by how many people, and whether it still happens."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from cto.analyzers.interface import HistoryFacts
from cto.analyzers.rules import RuleSet
from cto.findings import Evidence, Finding, NotAssessed

AREA = "activity"
DAY = 86_400
RULE_DORMANT = "activity.dormant"


@dataclass(frozen=True)
class WeekCount:
    """Commits in one ISO week: ``week`` as ``2024-W05``, ``start`` the Monday (ISO date)."""

    week: str
    start: str
    commits: int


@dataclass(frozen=True)
class PersonActivity:
    """One person's non-merge commits in the window and the time of their last one."""

    person: str
    commits: int
    last_commit: int


@dataclass(frozen=True)
class Activity:
    """Activity metrics of one repository (definitions in ``docs/checks.md``).

    Attributes:
        people: contributors, most commits first (then by id).
    """

    commits: int
    merges: int
    contributors: int
    active_contributors: int
    first_commit: int | None
    last_commit: int | None
    days_since_last_commit: int | None
    weekly: tuple[WeekCount, ...]
    people: tuple[PersonActivity, ...]
    not_assessed: tuple[NotAssessed, ...] = ()


def analyze(facts: HistoryFacts, rules: RuleSet) -> Activity:
    """Count commits, merges and people, and the weekly series, relative to ``facts.as_of``."""
    if not facts.commits:
        reason = NotAssessed(AREA, "no commits in the audited window")
        return Activity(0, 0, 0, 0, None, None, None, (), (), (reason,))
    active_after = facts.as_of - int(rules.analyzer("activity").thresholds["active_days"]) * DAY
    people = _people(facts)
    times = [c.time for c in facts.commits]
    first, last = min(times), max(times)
    return Activity(
        commits=len(facts.commits),
        merges=sum(c.is_merge for c in facts.commits),
        contributors=len(people),
        active_contributors=sum(p.last_commit >= active_after for p in people),
        first_commit=first,
        last_commit=last,
        days_since_last_commit=max(facts.as_of - last, 0) // DAY,
        weekly=weekly(times),
        people=people,
    )


def weekly(times: list[int]) -> tuple[WeekCount, ...]:
    """Commits per ISO week, every week from the first to the last commit, empty weeks as 0."""
    if not times:
        return ()
    days = Counter(t // DAY for t in times)  # UTC days since the epoch
    counts: Counter[date] = Counter()
    for day, commits in days.items():
        counts[_monday(day * DAY)] += commits
    week, end = min(counts), max(counts)
    series = []
    while week <= end:
        year, number, _ = week.isocalendar()
        series.append(WeekCount(f"{year}-W{number:02d}", week.isoformat(), counts.get(week, 0)))
        week += timedelta(days=7)
    return tuple(series)


def iso_date(moment: int | None) -> str | None:
    """The UTC date of a time as ``YYYY-MM-DD``."""
    if moment is None:
        return None
    return datetime.fromtimestamp(moment, UTC).date().isoformat()


def findings(activity: Activity, facts: HistoryFacts, rules: RuleSet) -> tuple[Finding, ...]:
    """``activity.dormant`` when the last commit is more than 90 days old."""
    if activity.last_commit is None:
        return ()
    rule = rules.get(RULE_DORMANT)
    age_days = max(facts.as_of - activity.last_commit, 0) / DAY
    severity = rule.severity_for(age_days)
    if severity is None:
        return ()
    last_sha = max(facts.commits, key=lambda c: c.time).sha
    evidence = (
        Evidence("days since last commit", str(activity.days_since_last_commit)),
        Evidence("last commit", iso_date(activity.last_commit) or "", commit=last_sha),
    )
    values = {"days": activity.days_since_last_commit}
    return (rule.finding(severity, facts.repository, "", values, evidence),)


def _people(facts: HistoryFacts) -> tuple[PersonActivity, ...]:
    counts: Counter[str] = Counter()
    last: dict[str, int] = {}
    for commit in facts.commits:
        if commit.is_merge:
            continue
        counts[commit.author] += 1
        last[commit.author] = max(last.get(commit.author, commit.time), commit.time)
    ranked = sorted(counts, key=lambda p: (-counts[p], p))
    return tuple(PersonActivity(p, counts[p], last[p]) for p in ranked)


def _monday(moment: int) -> date:
    day = datetime.fromtimestamp(moment, UTC).date()
    return day - timedelta(days=day.weekday())
