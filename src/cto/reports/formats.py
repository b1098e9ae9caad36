"""The report formats (Markdown, HTML, JSON, SARIF), one explicit registry, atomic writing.

Every requested format is rendered in memory first; only then are files written, each to a
temporary file in the output directory, flushed to disk and moved into place. If anything fails,
files already moved are put back as they were, so a run leaves either every new report or the old
ones, never a half-written file and never a stray temporary file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import assert_never

from cto.errors import InputError
from cto.reports.html import render_html
from cto.reports.json_report import render_json
from cto.reports.markdown import render_markdown
from cto.reports.model import Report
from cto.reports.sarif import render_sarif
from cto.reports.text import displayable

REPORT_STEM = "report"
_TEMP_SUFFIX = ".tmp"


class ReportFormat(StrEnum):
    """A rendering of the report; the value is the file extension and the CLI name."""

    MARKDOWN = "md"
    HTML = "html"
    JSON = "json"
    SARIF = "sarif"

    @property
    def filename(self) -> str:
        """The file this format is written to (``report.md``)."""
        return f"{REPORT_STEM}.{self.value}"


def parse_formats(text: str) -> tuple[ReportFormat, ...]:
    """Formats from a comma-separated list (``"md,html,json"``), in order, without repeats.

    Raises:
        InputError: a name is not a known format, or the list is empty.
    """
    chosen: list[ReportFormat] = []
    for name in (part.strip().lower() for part in text.split(",")):
        if not name:
            continue
        try:
            fmt = ReportFormat(name)
        except ValueError:
            known = ", ".join(f.value for f in ReportFormat)
            raise InputError(f"unknown format {name!r} (choose from {known})") from None
        if fmt not in chosen:
            chosen.append(fmt)
    if not chosen:
        known = ", ".join(f.value for f in ReportFormat)
        raise InputError(f"no report format given (choose from {known})")
    return tuple(chosen)


def render(report: Report, fmt: ReportFormat) -> str:
    """The report rendered in one format."""
    match fmt:
        case ReportFormat.MARKDOWN:
            return render_markdown(report)
        case ReportFormat.HTML:
            return render_html(report)
        case ReportFormat.JSON:
            return render_json(report)
        case ReportFormat.SARIF:
            return render_sarif(report)
        case _:
            assert_never(fmt)


def write_reports(report: Report, out_dir: Path, formats: Sequence[ReportFormat]) -> list[Path]:
    """Render every format in memory, then write ``report.<ext>`` files into ``out_dir`` atomically.

    Returns:
        The written files, in the order of ``formats``.

    Raises:
        InputError: ``out_dir`` cannot be created or written (one line, with the reason).
    """
    contents = {out_dir / fmt.filename: render(report, fmt).encode("utf-8") for fmt in formats}
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _unwritable(out_dir, error) from error
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in contents.items():
            staged.append((_stage(target, data), target))
        _commit(staged)
    except OSError as error:
        raise _unwritable(out_dir, error) from error
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
    _sync_directory(out_dir)
    return list(contents)


def write_document(target: Path, text: str) -> Path:
    """Write one document (a check result, a SARIF log) to ``target`` atomically.

    Raises:
        InputError: the file or its folder cannot be written (one line, with the reason).
    """
    folder = target.parent
    staged: list[tuple[Path, Path]] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staged.append((_stage(target, text.encode("utf-8")), target))
        _commit(staged)
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError(f"cannot write {displayable(str(target))}: {reason}") from error
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
    _sync_directory(folder)
    return target


def _stage(target: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file next to ``target`` and flush it to disk."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=_TEMP_SUFFIX, dir=target.parent)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temp.chmod(0o644)  # mkstemp creates 0600; a report is meant to be shared
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _commit(staged: Sequence[tuple[Path, Path]]) -> None:
    """Move staged files into place; on any failure put every earlier target back as it was."""
    replaced: list[tuple[Path, Path | None]] = []
    backups: list[Path] = []
    try:
        for temp, target in staged:
            backup = _backup(target)
            if backup is not None:
                backups.append(backup)
            temp.replace(target)
            replaced.append((target, backup))
    except BaseException:
        for target, backup in reversed(replaced):
            if backup is None:
                target.unlink(missing_ok=True)
            else:
                backup.replace(target)
        raise
    finally:
        for backup in backups:
            backup.unlink(missing_ok=True)


def _backup(target: Path) -> Path | None:
    """A copy of an existing report beside it, so a failed run can restore it; None if absent."""
    if not target.exists():
        return None
    fd, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".bak" + _TEMP_SUFFIX, dir=target.parent
    )
    os.close(fd)
    try:
        shutil.copy2(target, name)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _sync_directory(directory: Path) -> None:
    """Flush the directory entry so the renames survive a power cut (best effort, POSIX only)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _unwritable(out_dir: Path, error: OSError) -> InputError:
    reason = error.strerror or str(error)
    return InputError(f"cannot write reports to {displayable(str(out_dir))}: {reason}")
