"""Sorting the private copy of a tree into counted and skipped files, and measuring them.

:class:`Measurement` starts scc (:mod:`cto.sources.lines`) over the copy and, while it runs,
reads the measures the cache holds (:mod:`cto.sources.measure_cache`). scc's verdicts (minified,
generated) decide which files are counted and measured; the rest is measured by lizard in
worker processes (:mod:`cto.sources.complexity`). See :mod:`cto.sources.code`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cto.analyzers.code_interface import SourceFile
from cto.analyzers.interface import ExcludedPath
from cto.findings import NotAssessed
from cto.progress import ProgressHook
from cto.sources.complexity import PARALLEL_FROM, FileMeasure, MeasureJob, lizard_reads
from cto.sources.duplicates import LineFingerprints
from cto.sources.exclusions import ExclusionRules
from cto.sources.interface import TreeEntry
from cto.sources.lines import SccError, SccFile, SccRun, count_plain
from cto.sources.measure_cache import MeasureCache, decode_measure, encode_measure
from cto.sources.snapshot import DirectorySnapshot, Materialized

SYMLINK = "symbolic link (not followed)"
SUBMODULE = "submodule"
UNSAFE = "path cannot be copied safely (not read)"
MISSING = "content missing from this clone (not read)"


@dataclass
class Measurement:
    """Sorts the copied files into counted and skipped, then measures the counted ones.

    scc runs while the cache is read. Its verdicts (minified, generated) are awaited at once only
    when many files are left to measure, so worker processes start early; otherwise they are
    collected in :meth:`finish`, and scc runs while the caller does other work.

    ``max_bytes`` is the size cap of a counted file; scc's output is spooled in ``spool``.
    Use as a context manager: leaving it stops scc and the workers.
    """

    root: Path
    copy: Materialized
    exclusions: ExclusionRules
    jobs: int
    progress: ProgressHook | None
    repository: str
    blobs: dict[str, str]
    cache: MeasureCache | None
    max_bytes: int
    spool: Path | None = None

    def __post_init__(self) -> None:
        self.files: list[SourceFile] = []
        self.skipped = [ExcludedPath(path, SYMLINK) for path in self.copy.symlinks]
        self.skipped += [ExcludedPath(path, SUBMODULE) for path in self.copy.submodules]
        self.not_assessed: list[NotAssessed] = []
        self.job: MeasureJob | None = None
        self._scc_error: SccError | None = None
        self._scc_run = self._start_scc()
        candidates = self._candidates()
        self.known = self._cached(candidates)  # while scc counts
        if self.jobs > 1 and len(candidates) - len(self.known) >= PARALLEL_FROM:
            self._sort()

    def _sort(self) -> None:
        """Count lines with scc's results, then start measuring (once)."""
        if self.job is None:
            self._count_lines(self._scc())
            self._start_functions()

    def _candidates(self) -> dict[str, int]:
        """Every file that may be measured: those counted, and those scc will find minified or
        generated (its verdicts may not be known yet)."""
        written, reason = self.copy.written, self.exclusions.reason
        return {
            entry.path: entry.size
            for entry in self.copy.entries
            if entry.lines is not None
            and entry.size <= self.max_bytes
            and entry.path in written
            and lizard_reads(entry.path)
            and reason(entry.path) is None
        }

    def _count_lines(self, counted: dict[str, SccFile]) -> None:
        refused = set(self.copy.refused)
        snapshot = DirectorySnapshot(self.root, sorted(self.copy.written), self.copy.contents)
        for entry in sorted(self.copy.entries, key=lambda e: e.path):
            reason = self._reason(entry, refused, counted.get(entry.path))
            if reason is not None:
                self.skipped.append(ExcludedPath(entry.path, reason))
            elif entry.lines is None:
                self.files.append(SourceFile(entry.path, "", entry.size, 0, 0, 0, 0, binary=True))
            elif entry.path in counted:
                self.files.append(counted[entry.path].counts)
            else:
                data = snapshot.read_bytes(entry.path, self.max_bytes) or b""
                self.files.append(count_plain(entry.path, data))

    def _reason(self, entry: TreeEntry, refused: set[str], scc: SccFile | None) -> str | None:
        """Why this file is not counted, or ``None`` when it is."""
        rule = self.exclusions.reason(entry.path)
        if rule is not None:
            return rule
        if entry.size > self.max_bytes:
            return f"over the {self.max_bytes / 1e6:g} MB size cap"
        if entry.path in refused:
            return UNSAFE
        if entry.path not in self.copy.written:
            return MISSING
        if scc is not None and entry.lines is not None and (scc.minified or scc.generated):
            return "minified" if scc.minified else "generated"
        return None

    def _start_scc(self) -> SccRun | None:
        """scc started over the copy, or ``None`` (the error kept) when it cannot start."""
        directories = tuple(
            rule.pattern[:-1]
            for rule in self.exclusions.rules
            if rule.pattern.endswith("/") and not set("*?[").intersection(rule.pattern)
        )
        try:
            return SccRun(self.root, directories, spool=self.spool)
        except SccError as error:
            self._scc_error = error
            return None

    def _scc(self) -> dict[str, SccFile]:
        """scc's counts, or none (and a note) when scc is missing or fails."""
        try:
            if self._scc_run is None:
                raise self._scc_error or SccError("scc did not run")
            return self._scc_run.result()
        except SccError as error:
            reason = f"{error}; files are listed with their line counts but no language"
            self.not_assessed.append(NotAssessed("codebase", reason))
            return {}
        finally:
            self.close_scc()

    def close_scc(self) -> None:
        """Stop scc if it still runs."""
        if self._scc_run is not None:
            self._scc_run.close()
            self._scc_run = None

    def _start_functions(self) -> None:
        """Start measuring the files the cache does not hold (in worker processes)."""
        readable = {f.path: f.size for f in self.files if not f.binary and lizard_reads(f.path)}
        self.known = {path: m for path, m in self.known.items() if path in readable}
        todo = {path: size for path, size in readable.items() if path not in self.known}
        self.job = MeasureJob(self.root, todo, jobs=self.jobs)

    def finish(self) -> None:
        """Wait for the measures, keep them in the cache, and gather functions and fingerprints."""
        self._sort()
        assert self.job is not None
        progress = self.progress
        if progress is not None:
            progress(f"Measuring complexity of {self.repository}", self.job.count)
        on_file = (lambda: progress(None, None)) if progress is not None else None
        fresh = self.job.results(on_file)
        if self.cache is not None:
            self.cache.store({self.blobs[m.path]: encode_measure(m) for m in fresh})
        measures = sorted([*fresh, *self.known.values()], key=lambda measure: measure.path)
        self.functions = tuple(f for m in measures for f in m.functions)
        self.fingerprints = [LineFingerprints(m.path, m.lines, m.hashes) for m in measures]
        self._note_failures(measures)

    def _cached(self, paths: Mapping[str, int]) -> dict[str, FileMeasure]:
        """Measures of the files whose blob the cache holds, by path."""
        if self.cache is None:
            return {}
        by_blob: dict[str, list[str]] = {}
        for path in paths:
            by_blob.setdefault(self.blobs[path], []).append(path)
        found = {}
        for blob, data in self.cache.lookup(by_blob).items():
            for path in by_blob[blob]:
                measure = decode_measure(data, path)
                if measure is not None:
                    found[path] = measure
        return found

    def __enter__(self) -> Measurement:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close_scc()
        if self.job is not None:
            self.job.__exit__()

    def _note_failures(self, measures: list[FileMeasure]) -> None:
        failed = [m for m in measures if m.error]
        if failed:
            named = ", ".join(f"{m.path} ({m.error})" for m in failed[:5])
            more = f" and {len(failed) - 5} more" if len(failed) > 5 else ""
            self.not_assessed.append(
                NotAssessed("complexity", f"functions not measured in {named}{more}")
            )
