"""Knowledge loss (code only inactive people know) and key people (code only one person knows).

A person is inactive when their last non-merge commit is more than ``inactive_days`` (183, six
months) before the audit date. A file is abandoned when all its authors by degree of authorship
are inactive;
a file with no such author falls back to everyone who changed it; a file nobody changed in the
history read is never counted abandoned (we cannot tell). A key-person file has exactly one author.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cto.analyzers.activity import DAY, Activity
from cto.analyzers.file_metrics import FileHistory
from cto.analyzers.interface import HistoryFacts
from cto.analyzers.rules import RuleSet
from cto.analyzers.truck_factor import SHALLOW, TruckFactor, join_names, person_name
from cto.findings import Evidence, Finding, NotAssessed

AREA = "knowledge"
RULE_LOSS = "knowledge.knowledge-loss"
RULE_KEY_PERSON = "knowledge.key-person"
MAX_EVIDENCE = 10


@dataclass(frozen=True)
class KeyPerson:
    """A person who is the only author of ``files`` files holding ``lines`` lines."""

    person: str
    files: int
    lines: int


@dataclass(frozen=True)
class Knowledge:
    """Knowledge loss and key-person concentration of one repository.

    Attributes:
        inactive_people: contributors inactive for over six months, most recent last commit first.
        abandoned_files: files only people inactive for over six months know, most lines first.
        abandoned_lines: lines of those files.
        total_lines: lines of all files assessed (binary files count 0).
        files_total: files assessed.
        loss_percent: abandoned lines ÷ all lines * 100 (by files when there are no lines).
        key_people: sole authors, most files first.
        key_person_files: files with exactly one author.
        top_key_person_percent: the largest share of files or of lines one sole author holds, * 100.
    """

    inactive_people: tuple[str, ...]
    abandoned_files: tuple[str, ...]
    abandoned_lines: int
    total_lines: int
    files_total: int
    loss_percent: float | None
    key_people: tuple[KeyPerson, ...]
    key_person_files: int
    top_key_person_percent: float | None
    not_assessed: tuple[NotAssessed, ...] = ()


def analyze(
    facts: HistoryFacts,
    histories: Mapping[str, FileHistory],
    truck: TruckFactor,
    activity: Activity,
    rules: RuleSet,
) -> Knowledge:
    """Knowledge loss and key people over ``facts.files``."""
    if truck.value is None:
        reason = truck.not_assessed[0] if truck.not_assessed else NotAssessed(AREA, SHALLOW)
        return Knowledge((), (), 0, 0, len(facts.files), None, (), 0, None, (reason,))
    cutoff = facts.as_of - rules.analyzer("knowledge").thresholds["inactive_days"] * DAY
    left = [p for p in activity.people if p.last_commit < cutoff]
    inactive = {p.person for p in left}
    lines = {path: count or 0 for path, count in facts.files.items()}
    abandoned = [
        path
        for path, history in histories.items()
        if (known := truck.authors_by_file.get(path) or tuple(history.work))
        and inactive.issuperset(known)
    ]
    abandoned.sort(key=lambda p: (-lines[p], p))
    total_lines = sum(lines.values())
    lost_lines = sum(lines[p] for p in abandoned)
    key_people = _key_people(truck.authors_by_file, lines)
    return Knowledge(
        inactive_people=tuple(
            p.person for p in sorted(left, key=lambda p: (-p.last_commit, p.person))
        ),
        abandoned_files=tuple(abandoned),
        abandoned_lines=lost_lines,
        total_lines=total_lines,
        files_total=len(lines),
        loss_percent=_percent(lost_lines, total_lines, len(abandoned), len(lines)),
        key_people=key_people,
        key_person_files=sum(k.files for k in key_people),
        top_key_person_percent=max(
            (max(_shares(k, total_lines, len(lines))) for k in key_people), default=0.0
        ),
    )


def findings(knowledge: Knowledge, facts: HistoryFacts, rules: RuleSet) -> tuple[Finding, ...]:
    """``knowledge.knowledge-loss`` and one ``knowledge.key-person`` per person over the bar."""
    if knowledge.loss_percent is None:
        return ()
    found: list[Finding] = []
    loss = rules.get(RULE_LOSS)
    severity = loss.severity_for(knowledge.loss_percent)
    if severity is not None:
        values = {"share": f"{knowledge.loss_percent:.0f}", "files": len(knowledge.abandoned_files)}
        evidence = [
            Evidence("share of code known only by inactive people", f"{values['share']}%"),
            Evidence(
                "abandoned files", f"{len(knowledge.abandoned_files)} of {knowledge.files_total}"
            ),
            Evidence("people inactive for over six months", f"{len(knowledge.inactive_people):,}"),
            Evidence("most recently active of them", join_names(knowledge.inactive_people, facts)),
            *(Evidence("file", p, path=p) for p in knowledge.abandoned_files[:MAX_EVIDENCE]),
        ]
        found.append(loss.finding(severity, facts.repository, "", values, evidence))
    found.extend(_key_person_findings(knowledge, facts, rules))
    return tuple(found)


def _key_person_findings(
    knowledge: Knowledge, facts: HistoryFacts, rules: RuleSet
) -> list[Finding]:
    rule = rules.get(RULE_KEY_PERSON)
    found = []
    for key in knowledge.key_people:
        file_pct, line_pct = _shares(key, knowledge.total_lines, knowledge.files_total)
        share = max(file_pct, line_pct)
        severity = rule.severity_for(share)
        if severity is None:
            continue
        values = {"person": person_name(key.person, facts), "share": f"{share:.0f}"}
        evidence = (
            Evidence("person", values["person"]),
            Evidence("files only they authored", f"{key.files} of {knowledge.files_total}"),
            Evidence("share of files", f"{file_pct:.0f}%"),
            Evidence("share of lines", f"{line_pct:.0f}%"),
        )
        found.append(rule.finding(severity, facts.repository, key.person, values, evidence))
    return found


def _key_people(
    authors_by_file: Mapping[str, tuple[str, ...]], lines: Mapping[str, int]
) -> tuple[KeyPerson, ...]:
    files: dict[str, int] = {}
    owned: dict[str, int] = {}
    for path, names in authors_by_file.items():
        if len(names) == 1:
            files[names[0]] = files.get(names[0], 0) + 1
            owned[names[0]] = owned.get(names[0], 0) + lines[path]
    ranked = sorted(files, key=lambda p: (-files[p], -owned[p], p))
    return tuple(KeyPerson(p, files[p], owned[p]) for p in ranked)


def _shares(key: KeyPerson, total_lines: int, files_total: int) -> tuple[float, float]:
    """A key person's share of all files and of all lines, in percent."""
    return 100 * key.files / files_total, _percent(key.lines, total_lines, key.files, files_total)


def _percent(part_lines: int, all_lines: int, part_files: int, all_files: int) -> float:
    if all_lines:
        return 100 * part_lines / all_lines
    return 100 * part_files / all_files if all_files else 0.0
