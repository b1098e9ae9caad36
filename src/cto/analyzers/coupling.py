"""Change coupling and sum of coupling, following code-maat.

As in code-maat's ``coupling_algos.clj``: commits that change more than ``max_changeset_size``
files are dropped *first*, and each file's revisions are counted over the remaining commits only;
degree = shared revisions ÷ mean revisions of the pair * 100; a pair is kept when the *mean*
revisions ≥ ``min_revisions``, shared ≥ ``min_shared_revisions``, degree ≥ ``min_degree`` and
⌊degree⌋ ≤ ``max_degree``. Changeset size counts every changed path of the commit (deleted files
too), pairs only the files present at the audited commit.

Sum of coupling (code-maat ``soc``): for each commit changing the file, the number of other paths
it changed. Unlike code-maat, the same large-commit cut applies, so that one bulk import or
reformat does not rank every file first; and no minimum is applied (code-maat compares soc itself
with ``min-revs``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations

from cto.analyzers.interface import HistoryFacts
from cto.analyzers.rules import RuleSet
from cto.findings import Evidence, Finding, NotAssessed

AREA = "coupling"
RULE_CROSS_BOUNDARY = "coupling.cross-boundary"
MAX_EVIDENCE = 10


@dataclass(frozen=True)
class CoupledPair:
    """Two files that change together; ``first`` < ``second``; degree in percent."""

    first: str
    second: str
    degree: float
    shared_revisions: int
    first_revisions: int
    second_revisions: int

    @property
    def mean_revisions(self) -> float:
        """Mean of the two files' revisions (the divisor of the degree)."""
        return (self.first_revisions + self.second_revisions) / 2

    @property
    def crosses_directories(self) -> bool:
        """True when the two files are in different top-level directories."""
        return _top_level(self.first) != _top_level(self.second)


@dataclass(frozen=True)
class Coupling:
    """Coupled pairs (strongest first) and sum of coupling per file (highest first).

    Attributes:
        pairs: pairs within the thresholds, by degree, then shared revisions, then names.
        sum_of_coupling: (path, soc) for files with soc > 0, highest first, then by path.
        skipped_commits: non-merge commits left out for changing too many files.
    """

    pairs: tuple[CoupledPair, ...]
    sum_of_coupling: tuple[tuple[str, int], ...]
    skipped_commits: int
    not_assessed: tuple[NotAssessed, ...] = ()


def analyze(facts: HistoryFacts, rules: RuleSet) -> Coupling:
    """Coupled pairs and sum of coupling over the non-merge commits of ``facts``."""
    if not facts.files or not facts.commits:
        what = "no files at the audited commit" if not facts.files else "no commits"
        return Coupling((), (), 0, (NotAssessed(AREA, what),))
    limits = rules.analyzer("coupling").thresholds
    max_size = limits["max_changeset_size"]
    files = facts.files
    revisions: dict[str, int] = {}
    shared: dict[tuple[str, str], int] = {}
    soc: dict[str, int] = {}
    skipped = 0
    for commit in facts.commits:
        if commit.is_merge:
            continue
        changes = commit.changes
        if len(changes) == 1:  # most commits: one revision, no pair, no coupling
            path = changes[0].path
            if path in files:
                revisions[path] = revisions.get(path, 0) + 1
            continue
        paths = sorted({change.path for change in changes})
        if len(paths) > max_size:
            skipped += 1
            continue
        present = [p for p in paths if p in files]
        others = len(paths) - 1
        for path in present:
            revisions[path] = revisions.get(path, 0) + 1
            if others:
                soc[path] = soc.get(path, 0) + others
        if len(present) > 1:
            for pair in combinations(present, 2):
                shared[pair] = shared.get(pair, 0) + 1
    pairs = [
        CoupledPair(a, b, 200 * n / (revisions[a] + revisions[b]), n, revisions[a], revisions[b])
        for (a, b), n in shared.items()
        if n >= limits["min_shared_revisions"]
    ]
    kept = [p for p in pairs if _within(p, limits)]
    kept.sort(key=lambda p: (-p.degree, -p.shared_revisions, p.first, p.second))
    ranked = sorted(((p, n) for p, n in soc.items() if n), key=lambda item: (-item[1], item[0]))
    return Coupling(tuple(kept), tuple(ranked), skipped)


def strong_cross_boundary(coupling: Coupling, rules: RuleSet) -> tuple[CoupledPair, ...]:
    """Pairs strong enough for ``coupling.cross-boundary``, in different top-level directories."""
    rule = rules.get(RULE_CROSS_BOUNDARY)
    return tuple(
        p
        for p in coupling.pairs
        if p.crosses_directories
        and p.degree >= rule.parameter("min_degree")
        and p.shared_revisions >= rule.parameter("min_shared_revisions")
    )


def findings(coupling: Coupling, facts: HistoryFacts, rules: RuleSet) -> tuple[Finding, ...]:
    """One ``coupling.cross-boundary`` finding listing the strongest cross-directory pairs."""
    rule = rules.get(RULE_CROSS_BOUNDARY)
    strong = strong_cross_boundary(coupling, rules)
    severity = rule.severity_for(len(strong))
    if severity is None:
        return ()
    evidence = [Evidence("strong pairs across directories", str(len(strong)))]
    for pair in strong[:MAX_EVIDENCE]:
        value = (
            f"{pair.first} ↔ {pair.second}: {pair.degree:.0f}% of {pair.shared_revisions} shared"
        )
        evidence.append(Evidence("coupled pair", value, path=pair.first))
    return (rule.finding(severity, facts.repository, "", {"count": len(strong)}, evidence),)


def _within(pair: CoupledPair, limits: Mapping[str, float]) -> bool:
    return (
        pair.mean_revisions >= limits["min_revisions"]
        and pair.shared_revisions >= limits["min_shared_revisions"]
        and pair.degree >= limits["min_degree"]
        and math.floor(pair.degree) <= limits["max_degree"]
    )


def _top_level(path: str) -> str:
    head, sep, _ = path.partition("/")
    return head if sep else ""
