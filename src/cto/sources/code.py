"""The code facts of one audit: the tree at the audited commit, copied once and measured.

:func:`collect_code` writes the regular files of the commit into a private temporary directory
(:mod:`cto.sources.snapshot`), counts lines per language with scc (:mod:`cto.sources.lines`),
measures functions with lizard and fingerprints lines for duplicates in ``jobs`` processes
(:mod:`cto.sources.complexity`, :mod:`cto.sources.duplicates`; the files are sorted and
measured by :mod:`cto.sources.code_measurement`), and yields the
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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from cto.analyzers.code_interface import CodeFacts
from cto.progress import ProgressHook
from cto.sources.code_measurement import MISSING, SUBMODULE, SYMLINK, UNSAFE, Measurement
from cto.sources.duplicates import MIN_LINES, find_duplicates
from cto.sources.exclusions import ExclusionRules
from cto.sources.git import GitRepository
from cto.sources.interface import TreeEntry
from cto.sources.measure_cache import MeasureCache
from cto.sources.snapshot import DirectorySnapshot, materialize_tree

__all__ = ["MISSING", "SUBMODULE", "SYMLINK", "UNSAFE", "PendingCode", "collect_code", "open_code"]

MAX_FILE_BYTES = 5_000_000
KEEP_BYTES = 32_000_000  # file contents kept in memory for the analyzers' reads
# tmpfs on Linux, absent elsewhere; only ever a parent of mkdtemp (private, random name)
SHARED_MEMORY = "/dev/shm"  # noqa: S108
RAM_MARGIN = 512_000_000  # leave this much of it free


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
    on_entries: Callable[[list[TreeEntry]], None] | None = None,
) -> Iterator[PendingCode]:
    """Like :func:`collect_code`, but the complexity pass runs in the background.

    Inside the block the tree is copied and counted and :attr:`PendingCode.entries` are ready;
    the functions are measured by worker processes while the caller does other work (an audit
    reads history), and :meth:`PendingCode.facts` waits for them. ``on_entries`` is given the
    entries as soon as the tree is copied, before it is counted and measured.
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
            repo, commit, root, max_file_bytes=MAX_FILE_BYTES, on_blob=tick, objects=objects,
            keep_bytes=KEEP_BYTES,
        )  # fmt: skip
        if on_entries is not None:
            on_entries(copy.entries)
        blobs = {os.fsdecode(o.path): o.sha.decode("ascii") for o in objects if o.is_regular()}
        with Measurement(
            root, copy, exclusions, jobs, progress, repository, blobs, cache, MAX_FILE_BYTES,
            Path(temporary),
        ) as measured:  # fmt: skip
            yield PendingCode(copy.entries, measured, commit, min_duplicate_lines)


class PendingCode:
    """The tree of an audited commit, copied and counted, its complexity still being measured."""

    def __init__(
        self, entries: list[TreeEntry], measured: Measurement, commit: str, min_lines: int
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
                snapshot=DirectorySnapshot(
                    measured.root, [e.path for e in self.entries], measured.copy.contents
                ),
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
