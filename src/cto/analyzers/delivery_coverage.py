"""Line coverage from the reports given or committed: overall and per source area.

Reports write paths their own way (absolute on the CI runner, relative to a source root…); a
report's path is matched to the tree file it ends with (or that ends with it) when exactly one
file fits. A file that several reports cover is counted once, from the report that covers most of
its lines.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from cto.analyzers.testing import SourceArea, area_of
from cto.sources.coverage import CoverageReport


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """One coverage report read.

    Attributes:
        source: where it came from.
        format: its format.
        files: files it covers.
        covered: covered lines.
        total: coverable lines.
    """

    source: str
    format: str
    files: int
    covered: int
    total: int


@dataclass(frozen=True, slots=True)
class AreaCoverage:
    """Line coverage of one source area.

    Attributes:
        area: the area's directory.
        covered: covered lines.
        total: coverable lines.
        percent: covered share in %.
    """

    area: str
    covered: int
    total: int
    percent: float


@dataclass(frozen=True)
class Coverage:
    """Line coverage of the audited code.

    Attributes:
        reports: every report read.
        covered: covered lines, every report's files counted once.
        total: coverable lines, same.
        percent: covered share in %, ``None`` without coverable lines.
        areas: coverage per source area, lowest first.
        unmatched_files: report files that match no file of the tree (or several).
        unreadable: committed reports that could not be read: (path, why).
    """

    reports: tuple[ReportSummary, ...]
    covered: int
    total: int
    percent: float | None
    areas: tuple[AreaCoverage, ...]
    unmatched_files: int
    unreadable: tuple[tuple[str, str], ...] = ()


def analyze(
    reports: Sequence[CoverageReport],
    tree: Iterable[str],
    areas: Sequence[SourceArea],
    unreadable: Sequence[tuple[str, str]] = (),
) -> Coverage:
    """Combine ``reports`` and spread them over the source ``areas`` of ``tree``."""
    files = merge(reports)
    index = _by_name(tree)
    per_area: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    unmatched = 0
    for path, (covered, total) in files.items():
        match = tree_path(path, index)
        area = area_of(match, areas) if match else None
        unmatched += match is None
        if area is not None:
            per_area[area.path][0] += covered
            per_area[area.path][1] += total
    covered, total = sum(c for c, _ in files.values()), sum(t for _, t in files.values())
    by_area = [AreaCoverage(a, c, t, 100.0 * c / t) for a, (c, t) in per_area.items() if t]
    return Coverage(
        reports=tuple(
            ReportSummary(r.source, r.format, len(r.files), r.covered, r.total) for r in reports
        ),
        covered=covered,
        total=total,
        percent=100.0 * covered / total if total else None,
        areas=tuple(sorted(by_area, key=lambda a: (a.percent, a.area))),
        unmatched_files=unmatched,
        unreadable=tuple(unreadable),
    )


def merge(reports: Sequence[CoverageReport]) -> dict[str, tuple[int, int]]:
    """Every file of every report once: the entry with most coverable, then covered, lines."""
    files: dict[str, tuple[int, int]] = {}
    for report in reports:
        for path, (covered, total) in report.files.items():
            seen = files.get(path)
            if seen is None or (total, covered) > (seen[1], seen[0]):
                files[path] = (covered, total)
    return files


def tree_path(path: str, index: Mapping[str, Sequence[str]]) -> str | None:
    """The one tree file ``path`` (as a report writes it) stands for, ``None`` if none or many."""
    name = path.rsplit("/", 1)[-1]
    fits = [
        t
        for t in index.get(name, ())
        if t == path or path.endswith("/" + t) or t.endswith("/" + path.lstrip("/"))
    ]
    if path in fits:
        return path
    longest = [t for t in fits if path.endswith("/" + t)]
    if longest:
        return max(longest, key=len)
    return fits[0] if len(fits) == 1 else None


def _by_name(tree: Iterable[str]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = defaultdict(list)
    for path in tree:
        index[path.rsplit("/", 1)[-1]].append(path)
    return index
