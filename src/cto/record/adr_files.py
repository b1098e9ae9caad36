"""ADR folders: write the record's ADRs as Markdown files, and read a repository's ADRs back.

One file per ADR, ``NNNN-title-slug.md``, in MADR 4 (:mod:`cto.record.adr_madr`) or adr-tools
(:mod:`cto.record.adr_nygard`) form. Every cto field survives both formats:
``import_adrs(folder) == adrs`` after ``export_adrs(adrs, folder, fmt)``.

Writing is atomic per file: every file is rendered first, then written to a temporary file in the
folder and renamed over its final name, so a failure leaves whole old files or whole new ones,
never a half-written one. A file of the same number under another name (the title changed) is
removed once the new one is in place.

Reading treats the folder as untrusted: only ``NNNN-*.md`` files directly in it are read, at most
:data:`MAX_FILES` of them and :data:`MAX_FILE_BYTES` each, symbolic links must stay inside the
folder, and every problem is one :class:`~cto.record.items.RecordError` line naming the file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path

from cto.record import adr_madr, adr_nygard
from cto.record.adr import Adr
from cto.record.adr_markdown import FILE_NAME, file_name
from cto.record.items import RecordError

MAX_FILE_BYTES = 1_000_000
"""Largest ADR file read; real ADRs are a few kilobytes."""

MAX_FILES = 10_000
"""Most ADR files read from one folder (numbers have four digits)."""


class AdrFormat(StrEnum):
    """The ADR file formats cto writes and reads."""

    MADR = "madr"
    """MADR 4: YAML front matter, ``## Context and Problem Statement``… (adr.github.io/madr)."""
    NYGARD = "nygard"
    """adr-tools: Michael Nygard's template, ``# 1. Title``, ``Date:``, ``## Status``…"""


def parse_format(text: str) -> AdrFormat:
    """The format named ``text`` (``madr`` or ``nygard``).

    Raises:
        RecordError: an unknown name.
    """
    try:
        return AdrFormat(text.strip().lower())
    except ValueError:
        names = ", ".join(fmt.value for fmt in AdrFormat)
        raise RecordError(f"unknown ADR format '{text}' (use one of: {names})") from None


def parse_import_format(text: str) -> AdrFormat | None:
    """Like :func:`parse_format`, and ``auto`` (detect each file's format) gives ``None``.

    Raises:
        RecordError: an unknown name.
    """
    if text.strip().lower() == "auto":
        return None
    try:
        return parse_format(text)
    except RecordError:
        raise RecordError(f"unknown ADR format '{text}' (use one of: auto, madr, nygard)") from None


def render(adr: Adr, fmt: AdrFormat, titles: dict[int, str]) -> str:
    """The file text of ``adr`` in ``fmt``; ``titles`` names linked ADRs by number."""
    if fmt is AdrFormat.MADR:
        return adr_madr.render(adr)
    return adr_nygard.render(adr, titles)


def export_adrs(adrs: Sequence[Adr], folder: Path, fmt: AdrFormat) -> list[Path]:
    """Write one file per ADR into ``folder`` (created if missing); returns the files written.

    Raises:
        RecordError: the folder cannot be created or written; files already renamed stay.
    """
    titles = {adr.number: adr.title for adr in adrs}
    texts = {file_name(adr.number, adr.title): render(adr, fmt, titles) for adr in adrs}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not folder.is_dir():
            raise RecordError(f"{folder} is not a folder")
        written = _write_all(folder, texts)
        _remove_stale(folder, set(texts))
    except OSError as error:
        raise RecordError(f"cannot write ADR files to {folder}: {_reason(error)}") from None
    return written


def import_adrs(folder: Path, fmt: AdrFormat | None = None) -> list[Adr]:
    """The ADRs of the ``NNNN-*.md`` files in ``folder``, by number; ``fmt=None`` detects each.

    Raises:
        RecordError: a missing folder, too many files, a file that is too large, not UTF-8, a
            link out of the folder, not in the format, or invalid; two files with one number.
    """
    if not folder.is_dir():
        raise RecordError(f"no ADR folder at {folder}")
    root = folder.resolve()
    names = sorted(entry.name for entry in os.scandir(folder) if FILE_NAME.fullmatch(entry.name))
    if len(names) > MAX_FILES:
        raise RecordError(f"{folder} holds {len(names)} ADR files; at most {MAX_FILES} are read")
    found: dict[int, tuple[str, Adr]] = {}
    for name in names:
        adr = _read_adr(folder / name, root, fmt)
        if adr is None:
            continue
        if adr.number in found:
            raise RecordError(f"ADR {adr.number} is in two files: {found[adr.number][0]}, {name}")
        found[adr.number] = (name, adr)
    return [found[number][1] for number in sorted(found)]


def _read_adr(path: Path, root: Path, fmt: AdrFormat | None) -> Adr | None:
    text = _read_text(path, root)
    if text is None:
        return None
    match = FILE_NAME.fullmatch(path.name)
    number = int(match.group("number")) if match else 0
    if number < 1:
        raise RecordError(
            f"{path.name}: ADR numbers start at 1 (renumber the file or move it out of the folder)"
        )
    parser = _parser(text, fmt, path.name)
    return parser(text, number, path.name)


def _parser(text: str, fmt: AdrFormat | None, where: str) -> Callable[[str, int, str], Adr]:
    if fmt is None:
        if adr_nygard.is_nygard(text):
            fmt = AdrFormat.NYGARD
        elif adr_madr.is_madr(text):
            fmt = AdrFormat.MADR
        else:
            raise RecordError(f"{where}: neither a MADR nor an adr-tools ADR")
    return adr_madr.parse if fmt is AdrFormat.MADR else adr_nygard.parse


def _read_text(path: Path, root: Path) -> str | None:
    """The file's text, ``None`` for a folder; refuses links out of ``root`` and odd files."""
    name = path.name
    try:
        if path.is_symlink() and root not in path.resolve().parents:
            raise RecordError(f"{name}: a symbolic link pointing outside the ADR folder")
        if path.is_dir():
            return None
        # Non-blocking, so a named pipe planted in the folder cannot hang the import.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise RecordError(f"{name}: not a regular file")
            data = handle.read(MAX_FILE_BYTES + 1)
    except (OSError, RuntimeError) as error:
        reason = _reason(error) if isinstance(error, OSError) else str(error)
        raise RecordError(f"{name}: cannot read: {reason}") from None
    if len(data) > MAX_FILE_BYTES:
        raise RecordError(f"{name}: larger than {MAX_FILE_BYTES // 1_000_000} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RecordError(f"{name}: not UTF-8 text") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _write_all(folder: Path, texts: dict[str, str]) -> list[Path]:
    temporary: dict[str, Path] = {}
    try:
        for name, text in texts.items():
            handle, aside = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
            temporary[name] = Path(aside)
            with os.fdopen(handle, "wb") as stream:
                stream.write(text.encode("utf-8"))
                stream.flush()
                os.fsync(stream.fileno())
        written = []
        for name, temporary_path in list(temporary.items()):
            temporary_path.replace(folder / name)
            written.append(folder / name)
            del temporary[name]
        return written
    finally:
        for leftover in temporary.values():
            with contextlib.suppress(OSError):
                leftover.unlink()


def _remove_stale(folder: Path, current: set[str]) -> None:
    """Remove files named for an exported number but another title (the title changed)."""
    numbers = {
        int(match.group("number")) for name in current if (match := FILE_NAME.fullmatch(name))
    }
    for entry in os.scandir(folder):
        match = FILE_NAME.fullmatch(entry.name)
        if match is None or entry.name in current or int(match.group("number")) not in numbers:
            continue
        if entry.is_symlink() or entry.is_file(follow_symlinks=False):
            Path(entry.path).unlink()


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
