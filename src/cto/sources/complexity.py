"""Functions and their complexity (lizard), and the line fingerprints duplicate detection needs.

Each file is read once, in a worker process: lizard measures its functions (cyclomatic
complexity, length, parameters, and nesting depth through lizard's ``nd`` extension) and the
same text gives one fingerprint per significant line (see :mod:`cto.sources.duplicates`). Work is
split over ``jobs`` processes in chunks, largest files first so no worker is left with the big
one at the end. A file lizard cannot parse is reported, never fatal.

lizard is called through its library API (``FileAnalyzer.analyze_source_code``), so only the
files cto chose are read, never a path from the audited tree's ``.gitignore`` or ``.lizard``.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lizard_core.extensions import get_extensions  # type: ignore[import-untyped]
from lizard_core.file_analyzer import FileAnalyzer  # type: ignore[import-untyped]
from lizard_languages import get_reader_for  # type: ignore[import-untyped]
from lizard_languages.python import PythonReader  # type: ignore[import-untyped]

from cto.analyzers.code_interface import Function
from cto.sources.duplicates import fingerprints
from cto.sources.nesting import python_nesting

MAX_LIZARD_BYTES = 1_000_000  # a larger "source" file is data or generated; lizard would crawl
CHUNK_FILES = 16  # files per task: small enough to balance two workers, large enough to be cheap
PARALLEL_FROM = 48  # fewer files than this are measured in-process (workers cost ~0.1 s to start)


@dataclass(frozen=True, slots=True)
class FileMeasure:
    """What one file yielded: its functions, its line fingerprints, or why it could not be read.

    Attributes:
        path: repository-relative path.
        functions: functions lizard found.
        lines: the original line number of each significant line.
        hashes: one fingerprint per significant line, in the same order.
        error: why lizard failed on it ("" when it did not).
    """

    path: str
    functions: tuple[Function, ...]
    lines: tuple[int, ...]
    hashes: tuple[int, ...]
    error: str = ""


def lizard_reads(path: str) -> bool:
    """True when lizard has a reader for this file's language (by its name)."""
    return reader_for(path) is not None


def reader_for(path: str) -> Any:
    """lizard's reader class for ``path`` (``get_reader_for``), remembered per extension.

    lizard matches each language's ``.*\\.(ext|…)$`` (case-insensitive, extensions without dots)
    against the whole path, so the answer depends only on what follows the last dot. Paths with
    a newline (``.`` stops there) or an unusual extension are asked afresh every time.
    """
    suffix = path.rpartition(".")[2] if "." in path else ""
    if "\n" in path or "/" in suffix or len(suffix) > _SUFFIX_CHARS:
        return get_reader_for(path)
    try:
        return _READERS[suffix]
    except KeyError:
        reader = _READERS[suffix] = get_reader_for(path)
        return reader


_SUFFIX_CHARS = 16
_READERS: dict[str, Any] = {}


def measure_files(
    root: Path,
    sizes: Mapping[str, int],
    *,
    jobs: int = 2,
    on_file: Callable[[], None] | None = None,
) -> list[FileMeasure]:
    """Measure the files named in ``sizes`` (path → bytes) under ``root``, over ``jobs``
    processes; ``on_file`` is called once per file measured (progress). Sorted by path."""
    with MeasureJob(root, sizes, jobs=jobs) as job:
        return job.results(on_file)


class MeasureJob:
    """Measuring started now, in worker processes, and collected later with :meth:`results`.

    The workers run while the caller does other work (an audit reads history meanwhile), so
    the cores git and Python leave idle measure code. Few files are measured in-process, when
    :meth:`results` is called. Use as a context manager: leaving it stops the workers.
    """

    def __init__(self, root: Path, sizes: Mapping[str, int], *, jobs: int = 2) -> None:
        order = sorted(sizes, key=lambda path: (-sizes[path], path))
        self._root = str(root)
        self._chunks = [order[i : i + CHUNK_FILES] for i in range(0, len(order), CHUNK_FILES)]
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[Future[list[FileMeasure]]] = []
        parallel = jobs > 1 and len(order) >= PARALLEL_FROM
        if parallel and "fork" in multiprocessing.get_all_start_methods():
            # fork: workers start in milliseconds with lizard already imported, and never
            # re-import the caller's main module (spawn and forkserver do, which breaks scripts
            # without a main guard). A worker only reads files and runs lizard, so no lock
            # another thread held can bite it.
            self._pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
            self._futures = [
                self._pool.submit(measure_chunk, self._root, chunk) for chunk in self._chunks
            ]

    @property
    def count(self) -> int:
        """How many files are being measured."""
        return sum(len(chunk) for chunk in self._chunks)

    def results(self, on_file: Callable[[], None] | None = None) -> list[FileMeasure]:
        """Every file's measure, sorted by path (waits for the workers); ``on_file`` ticks."""
        measured: list[FileMeasure] = []
        parts: Iterator[list[FileMeasure]] = (
            (future.result() for future in self._futures)
            if self._pool is not None
            else (measure_chunk(self._root, chunk) for chunk in self._chunks)
        )
        for part in parts:
            measured.extend(part)
            if on_file is not None:
                for _ in part:
                    on_file()
        return sorted(measured, key=lambda measure: measure.path)

    def __enter__(self) -> MeasureJob:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


def measure_chunk(root: str, paths: list[str]) -> list[FileMeasure]:
    """Measure a few files (runs in a worker); lizard's own complaints go nowhere."""
    braces = FileAnalyzer(get_extensions(["nd"]))
    plain = FileAnalyzer(get_extensions([]))  # Python: nesting comes from indentation
    with contextlib.redirect_stderr(io.StringIO()):
        return [
            _measure(plain if reader_for(path) is PythonReader else braces, root, path)
            for path in paths
        ]


def _measure(analyzer: Any, root: str, path: str) -> FileMeasure:
    """One file: read it, fingerprint its lines, then let lizard measure its functions."""
    try:
        with open(_absolute(root, path), "rb") as handle:  # noqa: PTH123 (bytes path)
            data = handle.read(MAX_LIZARD_BYTES + 1)
    except OSError as error:
        return FileMeasure(path, (), (), (), f"cannot read: {error.strerror}")
    if len(data) > MAX_LIZARD_BYTES or b"\0" in data[:8000]:
        return FileMeasure(path, (), (), ())
    text = data.decode("utf-8", "replace")
    lines, hashes = fingerprints(text)
    try:
        info = analyzer.analyze_source_code(path, text)
    except Exception as error:  # lizard's parsers raise anything on odd input
        return FileMeasure(path, (), lines, hashes, f"lizard failed: {type(error).__name__}")
    source = text.split("\n") if reader_for(path) is PythonReader else None
    functions = tuple(_function(path, f, source) for f in info.function_list)
    return FileMeasure(path, functions, lines, hashes)


def _function(path: str, info: Any, python: list[str] | None) -> Function:
    """lizard's ``FunctionInfo`` as cto's :class:`Function` (nesting read from indentation for
    Python, see :mod:`cto.sources.nesting`)."""
    start, end = int(info.start_line), int(info.end_line)
    nesting = (
        python_nesting(python, start, end)
        if python is not None
        else int(getattr(info, "max_nesting_depth", 0))
    )
    return Function(
        path=path,
        name=str(info.name),
        line=start,
        end_line=end,
        cyclomatic=int(info.cyclomatic_complexity),
        nloc=int(info.nloc),
        parameters=int(info.parameter_count),
        nesting=nesting,
    )


def _absolute(root: str, path: str) -> bytes:
    return os.fsencode(root) + b"/" + path.encode("utf-8", "surrogateescape")
