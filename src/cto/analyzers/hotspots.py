"""Hotspots: files that change often *and* are complex, cut at the knee of the score curve.

Revisions are the non-merge commits that changed the file in the window (default: the 365 days
before the audit date, ``as_of``). Complexity is the sum of the cyclomatic complexity of the file's
functions. Score = revisions * complexity. Only files in languages whose functions lizard measured
are ranked: lines of code are no measure of complexity on the same scale (a 300-line HTML fixture
would outrank the hardest module), so SQL, HTML, shell, Terraform and documentation are never
hotspots. Files are ranked by score (then path); the hotspots are
the files before the knee of the descending score curve (:func:`knee`), at most ``max_hotspots``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cto.analyzers.code_interface import CodeFacts
from cto.analyzers.health import Health
from cto.analyzers.history import HistoryAnalysis
from cto.analyzers.interface import HistoryFacts
from cto.analyzers.rules import RuleSet
from cto.analyzers.stack import StackData, stack_data
from cto.analyzers.truck_factor import person_name
from cto.findings import NotAssessed

AREA = "complexity"
DAY = 86_400
MAX_RANKED = 100
MAX_PARTNERS = 3


def knee(values: Sequence[float]) -> int | None:
    """Kneedle (Satopää et al. 2011) on a descending curve: the index of its knee.

    Both axes are normalised to 0…1; the knee is the point farthest *below* the chord from the
    first point to the last (the largest ``(1 - x) - y``). ``None`` when there is no such point:
    fewer than three values, all equal, or a straight or concave curve (nothing stands out).
    """
    if len(values) < 3 or values[0] == values[-1]:
        return None
    span, last = values[0] - values[-1], len(values) - 1
    best, best_gap = None, 1e-9
    for index, value in enumerate(values):
        gap = (1 - index / last) - (value - values[-1]) / span
        if gap > best_gap:
            best, best_gap = index, gap
    return best


@dataclass(frozen=True)
class Hotspot:
    """One ranked file.

    Attributes:
        path: the file.
        revisions: non-merge commits that changed it in the window.
        complexity: sum of cyclomatic complexity of its functions.
        score: revisions * complexity.
        health: its code health 1-10, ``None`` when not graded.
        main_developer: name of the person who added most of its lines (whole history read).
        sole_author: name of its only author by degree of authorship, ``None`` when not one.
        coupled_with: files that change with it most (change coupling), strongest first.
    """

    path: str
    revisions: int
    complexity: int
    score: int
    health: float | None
    main_developer: str | None
    sole_author: str | None
    coupled_with: tuple[str, ...]


@dataclass(frozen=True)
class Hotspots:
    """Files ranked by score and where the ranking is cut.

    Attributes:
        window_start: start of the window, seconds since the epoch.
        window_end: end of the window (the audit date).
        window_days: length of the window in days.
        commits: non-merge commits in the window.
        changes: file revisions in the window, over every file that can be ranked.
        ranked: files with a score above 0, highest first (at most 100).
        scored: how many files had a score above 0.
        count: how many of ``ranked`` are hotspots (before the knee, capped).
        knee: index of the knee in ``ranked``, ``None`` when the curve has none.
    """

    window_start: int
    window_end: int
    window_days: int
    commits: int
    changes: int
    ranked: tuple[Hotspot, ...]
    scored: int
    count: int
    knee: int | None
    not_assessed: tuple[NotAssessed, ...] = ()

    @property
    def hotspots(self) -> tuple[Hotspot, ...]:
        """The hotspots, highest score first."""
        return self.ranked[: self.count]

    @property
    def change_share(self) -> float:
        """Share of the window's file revisions that land in the hotspots, in percent."""
        return 100 * sum(h.revisions for h in self.hotspots) / self.changes if self.changes else 0.0


@dataclass(frozen=True, slots=True)
class RecentChanges:
    """What hotspots read of the history: revisions per path in the window ``(start, end]``.

    Attributes:
        start: the window's start, seconds since the epoch (excluded).
        end: its end, the audit date (included).
        days: its length in days.
        commits: non-merge commits in the window.
        revisions: per path, the non-merge commits in the window that changed it.
    """

    start: int
    end: int
    days: int
    commits: int
    revisions: Mapping[str, int]


def recent_changes(history: HistoryFacts, rules: RuleSet) -> RecentChanges:
    """Count the revisions of every path in the hotspot window (``window_days`` before ``as_of``).

    Small and cheap to send between processes, unlike the whole history (:mod:`cto.forked`).
    """
    days = int(rules.analyzer("hotspots").thresholds["window_days"])
    end = history.as_of
    start = end - days * DAY
    revisions: dict[str, int] = {}
    commits = 0
    for commit in history.commits:
        if commit.is_merge or not start < commit.time <= end:
            continue
        commits += 1
        for path in {c.path for c in commit.changes}:
            revisions[path] = revisions.get(path, 0) + 1
    return RecentChanges(start, end, days, commits, revisions)


def analyze(
    code: CodeFacts,
    history: HistoryFacts | None,
    analysis: HistoryAnalysis | None,
    health: Health,
    rules: RuleSet,
    data: StackData | None = None,
    recent: RecentChanges | None = None,
) -> Hotspots:
    """Rank the files of ``code`` by revisions in the window * complexity.

    ``recent`` is :func:`recent_changes` of ``history`` when the caller computed it already
    (then ``history`` is read only for people's names and may come without its commits).
    """
    if history is None:
        days = int(rules.analyzer("hotspots").thresholds["window_days"])
        return _none(-days * DAY, 0, days, "no history was read")
    recent = recent or recent_changes(history, rules)
    start, end, days = recent.start, recent.end, recent.days
    revisions, commits = _revisions(code, recent, data or stack_data())
    if not commits:
        return _none(start, end, days, f"no commits in the {days} days before the audit date")
    complexity = _complexity(code, revisions)
    order = sorted(revisions, key=lambda p: (-revisions[p] * complexity[p], p))
    scored = [p for p in order if revisions[p] * complexity[p] > 0]
    cut = knee([revisions[p] * complexity[p] for p in scored])
    most = int(rules.analyzer("hotspots").thresholds["max_hotspots"])
    count = min(len(scored) if cut is None else cut, most)
    people = _People.of(history, analysis)
    ranked = tuple(
        _hotspot(p, revisions[p], complexity[p], health, people) for p in scored[:MAX_RANKED]
    )
    changes = sum(revisions.values())
    return Hotspots(start, end, days, commits, changes, ranked, len(scored), count, cut)


def _none(start: int, end: int, days: int, reason: str) -> Hotspots:
    return Hotspots(start, end, days, 0, 0, (), 0, 0, None,
                    (NotAssessed(AREA, f"hotspots not assessed: {reason}"),))  # fmt: skip


def _revisions(
    code: CodeFacts, recent: RecentChanges, data: StackData
) -> tuple[dict[str, int], int]:
    language = {f.path: f.language for f in code.files}
    measured = {language.get(f.path) for f in code.functions} - set(data.not_code)
    counts = recent.revisions
    revisions = {
        f.path: counts.get(f.path, 0) for f in code.files if not f.binary and f.language in measured
    }
    return revisions, recent.commits


def _complexity(code: CodeFacts, paths: Mapping[str, int]) -> dict[str, int]:
    cyclomatic = dict.fromkeys(paths, 0)
    for function in code.functions:
        if function.path in cyclomatic:
            cyclomatic[function.path] += function.cyclomatic
    return cyclomatic


@dataclass(frozen=True)
class _People:
    """Who knows each file, from the history analysis, with display names."""

    main: Mapping[str, str]
    sole: Mapping[str, str]
    partners: Mapping[str, tuple[str, ...]]

    @classmethod
    def of(cls, history: HistoryFacts, analysis: HistoryAnalysis | None) -> _People:
        if analysis is None:
            return cls({}, {}, {})
        main = {
            m.path: person_name(m.main_developer, history)
            for m in analysis.files.files
            if m.main_developer
        }
        sole = {
            path: person_name(authors[0], history)
            for path, authors in analysis.truck_factor.authors_by_file.items()
            if len(authors) == 1
        }
        partners: dict[str, list[str]] = {}
        for pair in analysis.coupling.pairs:
            partners.setdefault(pair.first, []).append(pair.second)
            partners.setdefault(pair.second, []).append(pair.first)
        return cls(main, sole, {p: tuple(v[:MAX_PARTNERS]) for p, v in partners.items()})


def _hotspot(
    path: str, revisions: int, complexity: int, health: Health, people: _People
) -> Hotspot:
    graded = health.by_path.get(path)
    return Hotspot(
        path, revisions, complexity, revisions * complexity,
        graded.health if graded else None, people.main.get(path), people.sole.get(path),
        people.partners.get(path, ()),
    )  # fmt: skip
