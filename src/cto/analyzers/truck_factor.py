"""Truck factor (Avelino et al., ICPC 2016) and the CHAOSS contributor absence factor.

Degree of authorship of person d on file f:
``DOA = 3.293 + 1.098·FA + 0.164·DL - 0.321·ln(1 + AC)``, FA = 1 when d made the first non-merge
commit to f in the history read, DL = d's non-merge commits to f, AC = everyone else's. d is an
*author* of f when DOA ÷ (highest DOA on f) > 0.75 and DOA ≥ 3.293. The truck factor removes, one at
a time, the person who authors most files (ties: more commits, then id) until more than half of the
files have no author left; it is the number of people removed.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cto.analyzers.file_metrics import FileHistory
from cto.analyzers.interface import HistoryFacts
from cto.analyzers.rules import RuleSet
from cto.findings import Evidence, Finding, NotAssessed

AREA = "knowledge"
RULE_TRUCK_FACTOR = "knowledge.truck-factor"
RULE_ABSENCE = "knowledge.contributor-absence"
SHALLOW = "shallow clone: first authorship unknown"


@dataclass(frozen=True)
class TruckFactor:
    """Truck factor, authors by file, and the contributor absence factor.

    Attributes:
        value: truck factor, ``None`` when not assessed.
        people: the people removed, in order (their loss orphans more than half of the files).
        files_total: files assessed.
        orphaned: files with no author left once ``people`` are removed.
        authors_by_file: each file's authors by degree of authorship, highest DOA first.
        files_by_author: (person, files they author), in removal order.
        absence_factor: CHAOSS contributor absence factor, ``None`` without commits or if shallow.
        absence_people: the people who make it, most commits first.
    """

    value: int | None
    people: tuple[str, ...]
    files_total: int
    orphaned: int
    authors_by_file: Mapping[str, tuple[str, ...]]
    files_by_author: tuple[tuple[str, int], ...]
    absence_factor: int | None
    absence_people: tuple[str, ...]
    not_assessed: tuple[NotAssessed, ...] = ()


def degree_of_authorship(first_author: bool, own: int, others: int) -> float:
    """Avelino et al.'s DOA from first authorship, own changes and others' changes."""
    return 3.293 + 1.098 * first_author + 0.164 * own - 0.321 * math.log1p(others)


def file_authors(history: FileHistory, normalised: float, absolute: float) -> tuple[str, ...]:
    """The authors of one file by degree of authorship, highest DOA first (then by id)."""
    doa = {
        person: degree_of_authorship(
            person == history.creator, work.revisions, history.revisions - work.revisions
        )
        for person, work in history.work.items()
    }
    if not doa:
        return ()
    top = max(doa.values())
    chosen = [p for p, d in doa.items() if d / top > normalised and d >= absolute]
    return tuple(sorted(chosen, key=lambda p: (-doa[p], p)))


def analyze(
    facts: HistoryFacts, histories: Mapping[str, FileHistory], rules: RuleSet
) -> TruckFactor:
    """Truck factor over ``facts.files``, absence factor over non-merge commits (not if shallow)."""
    commits = Counter(c.author for c in facts.commits if not c.is_merge)
    share = rules.analyzer("contributor_absence").thresholds["commit_share"]
    # a shallow clone holds only the latest commits: their shares say nothing about the team
    absence = () if facts.shallow else absence_factor(commits, share)
    reason = _not_assessed(facts)
    if reason:
        return TruckFactor(
            None, (), len(facts.files), 0, {}, (), len(absence) or None, absence, (reason,)
        )
    limits = rules.analyzer("truck_factor").thresholds
    authors = {
        path: file_authors(h, limits["doa_normalised"], limits["doa_absolute"])
        for path, h in histories.items()
    }
    count = Counter(p for names in authors.values() for p in names)
    order = sorted(count, key=lambda p: (-count[p], -commits[p], p))
    removed, orphaned = _remove_until_orphaned(authors, order, limits["orphaned_share"])
    return TruckFactor(
        value=len(removed),
        people=removed,
        files_total=len(authors),
        orphaned=orphaned,
        authors_by_file=authors,
        files_by_author=tuple((p, count[p]) for p in order),
        absence_factor=len(absence) or None,
        absence_people=absence,
    )


def absence_factor(commits: Mapping[str, int], share: float) -> tuple[str, ...]:
    """Fewest people (most commits first, then id) whose commits reach ``share`` of all commits."""
    total = sum(commits.values())
    chosen: list[str] = []
    covered = 0
    for person in sorted(commits, key=lambda p: (-commits[p], p)):
        if total and covered >= share * total:
            break
        chosen.append(person)
        covered += commits[person]
    return tuple(chosen) if total else ()


def findings(truck: TruckFactor, facts: HistoryFacts, rules: RuleSet) -> tuple[Finding, ...]:
    """``knowledge.truck-factor`` and ``knowledge.contributor-absence`` findings."""
    found: list[Finding] = []
    tf_rule = rules.get(RULE_TRUCK_FACTOR)
    severity = tf_rule.severity_for(truck.value) if truck.value else None
    if severity is not None:
        evidence = [
            Evidence("truck factor", str(truck.value)),
            Evidence(
                "files with no author once they leave", f"{truck.orphaned} of {truck.files_total}"
            ),
            *_people_evidence(truck.people, facts),
        ]
        values = {"truck_factor": truck.value, "people": join_names(truck.people, facts)}
        found.append(tf_rule.finding(severity, facts.repository, "", values, evidence))
    absence_rule = rules.get(RULE_ABSENCE)
    severity = absence_rule.severity_for(truck.absence_factor) if truck.absence_factor else None
    if severity is not None:
        share = _commit_share(truck.absence_people, facts)
        evidence = [
            Evidence("contributor absence factor", str(truck.absence_factor)),
            Evidence("share of non-merge commits", f"{share}%"),
            *_people_evidence(truck.absence_people, facts),
        ]
        values = {"people": join_names(truck.absence_people, facts), "share": share}
        found.append(absence_rule.finding(severity, facts.repository, "", values, evidence))
    return tuple(found)


def _commit_share(people: tuple[str, ...], facts: HistoryFacts) -> int:
    """Whole-percent share of the non-merge commits made by ``people``."""
    authors = [c.author for c in facts.commits if not c.is_merge]
    chosen = set(people)
    return round(100 * sum(a in chosen for a in authors) / len(authors)) if authors else 0


def person_name(person: str, facts: HistoryFacts) -> str:
    """A person's display name (their id when unknown)."""
    known = facts.people.get(person)
    return known.name if known else person


def join_names(people: Iterable[str], facts: HistoryFacts, limit: int = 10) -> str:
    """Names joined for a sentence: "Alice", "Alice and Bob", "Alice, Bob and Carol".

    Past ``limit`` names the rest are counted ("A, B and 831 more"): evidence must stay readable.
    """
    names = [person_name(p, facts) for p in people]
    if len(names) > limit:
        return f"{', '.join(names[:limit])} and {len(names) - limit:,} more"
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _people_evidence(people: Iterable[str], facts: HistoryFacts) -> list[Evidence]:
    return [Evidence("person", person_name(p, facts)) for p in people]


def _not_assessed(facts: HistoryFacts) -> NotAssessed | None:
    if facts.shallow:
        return NotAssessed(AREA, SHALLOW)
    if not facts.files:
        return NotAssessed(AREA, "no files at the audited commit")
    if not any(not c.is_merge for c in facts.commits):
        return NotAssessed(AREA, "no commits with changes in the audited window")
    return None


def _remove_until_orphaned(
    authors: Mapping[str, tuple[str, ...]], order: list[str], share: float
) -> tuple[tuple[str, ...], int]:
    remaining = {path: len(names) for path, names in authors.items()}
    files_of: dict[str, list[str]] = {}
    for path, names in authors.items():
        for person in names:
            files_of.setdefault(person, []).append(path)
    orphaned = sum(n == 0 for n in remaining.values())
    removed: list[str] = []
    for person in order:
        if orphaned > share * len(remaining):
            break
        removed.append(person)
        for path in files_of[person]:
            remaining[path] -= 1
            orphaned += remaining[path] == 0
    return tuple(removed), orphaned
