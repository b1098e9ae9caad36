"""The code facts of one audit: the tree at the audited commit, copied once and measured.

:func:`collect_code` writes the regular files of the commit into a private temporary directory
(:mod:`cto.sources.snapshot`), counts lines per language with scc (:mod:`cto.sources.lines`),
measures functions with lizard and fingerprints lines for duplicates in ``jobs`` processes
(:mod:`cto.sources.complexity`, :mod:`cto.sources.duplicates`), and yields the
:class:`~cto.analyzers.code_interface.CodeFacts` with the tree's entries. The directory, and with
it the snapshot's files, is removed when the ``with`` block ends, also on error.

Every regular file is either counted (in ``files``) or listed in ``skipped`` with its reason:
an exclusion rule, the size cap, "minified" or "generated" (scc's judgement), or a path that
could not be copied safely. Symlinks and submodules are listed as skipped, never followed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cto.analyzers.code_interface import CodeFacts, SourceFile
from cto.analyzers.interface import ExcludedPath
from cto.findings import NotAssessed
from cto.progress import ProgressHook
from cto.sources.complexity import FileMeasure, MeasureJob, lizard_reads
from cto.sources.duplicates import MIN_LINES, LineFingerprints, find_duplicates
from cto.sources.exclusions import ExclusionRules
from cto.sources.git import GitRepository
from cto.sources.interface import TreeEntry
from cto.sources.lines import SccError, SccFile, count_plain, run_scc
from cto.sources.measure_cache import MeasureCache, decode_measure, encode_measure
from cto.sources.snapshot import DirectorySnapshot, Materialized, materialize_tree

MAX_FILE_BYTES = 5_000_000
# tmpfs on Linux, absent elsewhere; only ever a parent of mkdtemp (private, random name)
SHARED_MEMORY = "/dev/shm"  # noqa: S108
RAM_MARGIN = 512_000_000  # leave this much of it free
SYMLINK = "symbolic link (not followed)"
SUBMODULE = "submodule"
UNSAFE = "path cannot be copied safely (not read)"
MISSING = "content missing from this clone (not read)"


@contextmanager
def collect_code(
    repo: GitRepository,
    commit: str,
    *,
    repository: str,
    exclusions: ExclusionRules,
    jobs: int = 2,
    progress: ProgressHook | None = None,
    min_duplicate_lines: int = MIN_LINES,
    cache: MeasureCache | None = None,
) -> Iterator[tuple[CodeFacts, list[TreeEntry]]]:
    """Copy the tree of ``commit`` privately, measure it, and yield its facts and entries.

    The entries are the tree's regular files with line counts, as ``GitRepository.tree`` gives
    them (so history facts can be built without reading the tree again). ``facts.snapshot``
    reads the private copy and is valid only inside the ``with`` block. With a ``cache``, files
    whose content (blob) was measured before are not measured again.
    """
    with open_code(
        repo, commit, repository=repository, exclusions=exclusions, jobs=jobs, progress=progress,
        min_duplicate_lines=min_duplicate_lines, cache=cache,
    ) as pending:  # fmt: skip
        yield pending.facts(), pending.entries


@contextmanager
def open_code(
    repo: GitRepository,
    commit: str,
    *,
    repository: str,
    exclusions: ExclusionRules,
    jobs: int = 2,
    progress: ProgressHook | None = None,
    min_duplicate_lines: int = MIN_LINES,
    cache: MeasureCache | None = None,
) -> Iterator[PendingCode]:
    """Like :func:`collect_code`, but the complexity pass runs in the background.

    Inside the block the tree is copied and counted and :attr:`PendingCode.entries` are ready;
    the functions are measured by worker processes while the caller does other work (an audit
    reads history), and :meth:`PendingCode.facts` waits for them.
    """
    objects = repo.tree_objects(commit)
    needed = sum(o.size or 0 for o in objects if o.is_regular() and (o.size or 0) <= MAX_FILE_BYTES)
    with tempfile.TemporaryDirectory(prefix="cto-tree-", dir=private_parent(needed)) as temporary:
        root = Path(temporary) / "tree"
        root.mkdir(mode=0o700)
        if progress is not None:
            progress(f"Reading files of {repository}", None)
        tick = (lambda: progress(None, None)) if progress is not None else None
        copy = materialize_tree(
            repo, commit, root, max_file_bytes=MAX_FILE_BYTES, on_blob=tick, objects=objects
        )
        blobs = {os.fsdecode(o.path): o.sha.decode("ascii") for o in objects if o.is_regular()}
        measured = _Measurement(root, copy, exclusions, jobs, progress, repository, blobs, cache)
        with measured.job:
            yield PendingCode(copy.entries, measured, commit, min_duplicate_lines)


class PendingCode:
    """The tree of an audited commit, copied and counted, its complexity still being measured."""

    def __init__(
        self, entries: list[TreeEntry], measured: _Measurement, commit: str, min_lines: int
    ) -> None:
        self.entries = entries
        """The tree's regular files with line counts (ready at once)."""
        self._measured, self._commit, self._min_lines = measured, commit, min_lines
        self._facts: CodeFacts | None = None

    def facts(self) -> CodeFacts:
        """The code facts: waits for the complexity workers, then finds duplicates (once)."""
        if self._facts is None:
            measured = self._measured
            measured.finish()
            self._facts = CodeFacts(
                repository=measured.repository,
                head=self._commit,
                files=tuple(measured.files),
                skipped=tuple(sorted(measured.skipped, key=lambda s: s.path)),
                functions=measured.functions,
                duplicates=tuple(find_duplicates(measured.fingerprints, self._min_lines)),
                snapshot=DirectorySnapshot(measured.root, [e.path for e in self.entries]),
                not_assessed=tuple(measured.not_assessed),
            )
        return self._facts


def private_parent(needed: int) -> str | None:
    """Where to make the private copy: a RAM file system when there is one with room to spare.

    Creating thousands of small files costs about a millisecond each on some virtual disks and
    microseconds on tmpfs. ``None`` means the system's temporary directory.
    """
    if not os.access(SHARED_MEMORY, os.W_OK | os.X_OK):
        return None
    try:
        usage = shutil.disk_usage(SHARED_MEMORY)
    except OSError:
        return None
    return SHARED_MEMORY if usage.free > 2 * needed + RAM_MARGIN else None


@dataclass
class _Measurement:
    """Sorts the copied files into counted and skipped, then measures the counted ones."""

    root: Path
    copy: Materialized
    exclusions: ExclusionRules
    jobs: int
    progress: ProgressHook | None
    repository: str
    blobs: dict[str, str]
    cache: MeasureCache | None

    def __post_init__(self) -> None:
        self.files: list[SourceFile] = []
        self.skipped = [ExcludedPath(path, SYMLINK) for path in self.copy.symlinks]
        self.skipped += [ExcludedPath(path, SUBMODULE) for path in self.copy.submodules]
        self.not_assessed: list[NotAssessed] = []
        self._count_lines()
        self._start_functions()

    def _count_lines(self) -> None:
        counted = self._scc()
        refused = set(self.copy.refused)
        snapshot = DirectorySnapshot(self.root, sorted(self.copy.written))
        for entry in sorted(self.copy.entries, key=lambda e: e.path):
            reason = self._reason(entry, refused, counted.get(entry.path))
            if reason is not None:
                self.skipped.append(ExcludedPath(entry.path, reason))
            elif entry.lines is None:
                self.files.append(SourceFile(entry.path, "", entry.size, 0, 0, 0, 0, binary=True))
            elif entry.path in counted:
                self.files.append(counted[entry.path].counts)
            else:
                data = snapshot.read_bytes(entry.path, MAX_FILE_BYTES) or b""
                self.files.append(count_plain(entry.path, data))

    def _reason(self, entry: TreeEntry, refused: set[str], scc: SccFile | None) -> str | None:
        """Why this file is not counted, or ``None`` when it is."""
        rule = self.exclusions.reason(entry.path)
        if rule is not None:
            return rule
        if entry.size > MAX_FILE_BYTES:
            return f"over the {MAX_FILE_BYTES / 1e6:g} MB size cap"
        if entry.path in refused:
            return UNSAFE
        if entry.path not in self.copy.written:
            return MISSING
        if scc is not None and entry.lines is not None and (scc.minified or scc.generated):
            return "minified" if scc.minified else "generated"
        return None

    def _scc(self) -> dict[str, SccFile]:
        """scc's counts, or none (and a note) when scc is missing or fails."""
        directories = tuple(
            rule.pattern[:-1]
            for rule in self.exclusions.rules
            if rule.pattern.endswith("/") and not set("*?[").intersection(rule.pattern)
        )
        try:
            return run_scc(self.root, directories)
        except SccError as error:
            reason = f"{error}; files are listed with their line counts but no language"
            self.not_assessed.append(NotAssessed("codebase", reason))
            return {}

    def _start_functions(self) -> None:
        """Start measuring the files the cache does not hold (in worker processes)."""
        readable = {f.path: f.size for f in self.files if not f.binary and lizard_reads(f.path)}
        self.known = self._cached(readable)
        todo = {path: size for path, size in readable.items() if path not in self.known}
        self.job = MeasureJob(self.root, todo, jobs=self.jobs)

    def finish(self) -> None:
        """Wait for the measures, keep them in the cache, and gather functions and fingerprints."""
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

    def _note_failures(self, measures: list[FileMeasure]) -> None:
        failed = [m for m in measures if m.error]
        if failed:
            named = ", ".join(f"{m.path} ({m.error})" for m in failed[:5])
            more = f" and {len(failed) - 5} more" if len(failed) > 5 else ""
            self.not_assessed.append(
                NotAssessed("complexity", f"functions not measured in {named}{more}")
            )
