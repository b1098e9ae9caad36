"""The audit's one pass over history: commits, their file changes and keyword lines from one diff.

An audit needs, for every new commit, the files it changed with lines added and deleted (churn,
ownership, coupling) and the lines it added that may hold a secret. Asking git for ``--numstat``
and then for ``-p`` computes every diff twice; this module asks once, for a zero-context patch
(``git log -p --unified=0 -M``), and reads both from it: a ``diff --git`` section is one changed
file, its ``@@ -a,b +c,d @@`` hunk headers sum to exactly the counts ``--numstat`` prints (the
same diff, without context), ``rename from``/``rename to`` give the old and new paths, and
``Binary files … differ`` marks a binary change. The header of each commit is one line whose
fields are separated by NUL bytes, which no field can contain.

:func:`cto.sources.gitlog.stream_commits` remains the history pass when no lines are wanted: a
numstat is cheaper for git to print than a patch when commits are large.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cto.errors import SourceError
from cto.sources.gitpatch import (
    MAX_LINE,
    AddedLine,
    PatchScanner,
    keyword_pattern,
    scan_patches,
    unquote,
)
from cto.sources.gitrun import GitRunner
from cto.sources.interface import FileChange, RawCommit

HISTORY_ARGS = (
    "log", "--no-walk=unsorted", "--stdin", "-p", "--unified=0", "-M", "--root", "--no-color",
    "--no-ext-diff", "--no-textconv", "--diff-merges=off", "--no-show-signature", "--no-notes",
    "--no-mailmap", "--encoding=UTF-8", "--src-prefix=a/", "--dst-prefix=b/",
    "--format=%x1e%H%x00%P%x00%at%x00%ae%x00%an",
)  # fmt: skip
_STRUCTURE = re.compile(rb"\n(?:\x1e|diff --git |\+\+\+ |rename from |rename to |Binary files )")
_HUNK = re.compile(rb"@@ -\d+(?:,\d+)? \+(\d+)")


@dataclass(slots=True)
class _Section:
    """The ``diff --git`` section being read: one changed file."""

    path: bytes
    old_path: bytes | None = None
    added: int = 0
    deleted: int = 0
    binary: bool = False
    headed: bool = False  # its "--- a/…" / "+++ b/…" pair has been read

    def change(self) -> FileChange:
        old = None if self.old_path is None else _text(self.old_path)
        if self.binary:
            return FileChange(_text(self.path), old, None, None)
        return FileChange(_text(self.path), old, self.added, self.deleted)


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def _diff_path(line: bytes) -> bytes:
    """The path of a ``diff --git a/X b/X`` line of an unrenamed file: the second half.

    Both halves name the same file with the same quoting, so the line splits in the middle
    whatever bytes the path holds; a rename's paths come from its ``rename`` lines instead.
    """
    rest = line.removeprefix(b"diff --git ")
    half = rest[(len(rest) + 1) // 2 :]
    return unquote(half).removeprefix(b"b/")


class HistoryScanner(PatchScanner):
    """Reads commits (:attr:`done`, in stream order) and keyword lines from a :data:`HISTORY_ARGS`
    stream.

    Python does work per commit and per changed file, never per hunk or per line: a file's
    added and deleted lines are counted with ``bytes.count`` over its section (its two header
    lines taken off), and a hunk header is only parsed when a keyword line needs its number.
    """

    STRUCTURE = _STRUCTURE

    def __init__(self, pattern: re.Pattern[bytes] | None) -> None:
        super().__init__(pattern)
        self.done: list[RawCommit] = []
        self._header: list[bytes] | None = None
        self._changes: list[FileChange] = []
        self._section: _Section | None = None
        self._next_line: int | None = None  # new-file number of the next "+" line of the section
        self._just_headed = False  # the last structure line read was a section's "+++" header

    def close(self) -> list[AddedLine]:
        """End of the stream: the last line and the last commit."""
        lines = super().close()
        self._finish_commit()
        return lines

    def _lines(self, data: bytes) -> list[AddedLine]:
        """``data`` starts and ends with a newline; read its sections, counts and keyword lines."""
        candidates = iter(self._candidates(data))
        candidate = next(candidates, None)
        found: list[AddedLine] = []
        floor = 0  # where the current section starts in this block (0: in an earlier block)
        position = 0
        for event in (*self.STRUCTURE.finditer(data), None):
            end = len(data) if event is None else event.start()
            section = self._section
            if section is not None and not section.binary:
                section.added += data.count(b"\n+", position, end)
                section.deleted += data.count(b"\n-", position, end)
            while candidate is not None and candidate < end:
                if section is not None and section.headed:
                    number = self._number(data, floor, candidate)
                    if number is not None:
                        found.append(self._keyword_line(data, candidate, number, section))
                candidate = next(candidates, None)
            if event is None:
                break
            position = end
            if self._event_at(data, end + 1):
                floor, self._next_line = end, None
            if self._just_headed and candidate == end + 1:
                candidate = next(candidates, None)  # the "+++ b/path" header line itself
        self._carry(data, floor)
        return found

    def _event_at(self, data: bytes, start: int) -> bool:
        """Apply the structure line at ``start``; True when it starts a new section or commit."""
        self._just_headed = False
        end = data.find(b"\n", start)
        line = data[start:end]
        first = line[:1]
        if first == b"\x1e":
            self._finish_commit()
            self._header = line[1:].split(b"\0")
            if len(self._header) != 5:
                raise SourceError("unexpected git log output (bad commit header)")
            self._sha = self._header[0].decode("ascii", "replace")
            self.commits += 1
            return True
        if first == b"d":
            self._finish_section()
            self._section = _Section(_diff_path(line))
            return True
        section = self._section
        if section is None or (section.headed and first != b"+"):
            return False
        if first == b"+":
            if not section.headed:  # the header pair; a later "+++ " line is an added line
                section.headed = self._just_headed = True
                section.added -= 1
                section.deleted -= 1
        elif line.startswith(b"rename from "):
            section.old_path = unquote(line[12:])
        elif line.startswith(b"rename to "):
            section.path = unquote(line[10:])
        else:
            section.binary = True
        return False

    def _number(self, data: bytes, floor: int, start: int) -> int | None:
        """The new-file line number of the ``+`` line at ``start``."""
        hunk = data.rfind(b"\n@@ ", floor, start)
        if hunk < 0:
            if self._next_line is None:
                return None
            return self._next_line + data.count(b"\n+", 0, start)
        match = _HUNK.match(data, hunk + 1)
        if match is None:
            return None
        body = data.find(b"\n", hunk + 1)
        return int(match.group(1)) + data.count(b"\n+", body, start)

    def _carry(self, data: bytes, floor: int) -> None:
        """At the end of a block, remember the next "+" line's number for the next block."""
        if self._section is None or not self._section.headed:
            self._next_line = None
            return
        hunk = data.rfind(b"\n@@ ", floor)
        if hunk >= 0 and (match := _HUNK.match(data, hunk + 1)) is not None:
            body = data.find(b"\n", hunk + 1)
            self._next_line = int(match.group(1)) + data.count(b"\n+", body)
        elif self._next_line is not None:
            self._next_line += data.count(b"\n+")

    def _keyword_line(self, data: bytes, start: int, number: int, section: _Section) -> AddedLine:
        end = data.find(b"\n", start)
        text = data[start + 1 : min(end, start + 1 + MAX_LINE)].decode("utf-8", "replace")
        return AddedLine(self._sha, _text(section.path), number, text)

    def _finish_section(self) -> None:
        if self._section is not None:
            self._changes.append(self._section.change())
            self._section = None

    def _finish_commit(self) -> None:
        self._finish_section()
        if self._header is None:
            return
        sha, parents, when, email, name = self._header
        try:
            commit = RawCommit(
                sha=sha.decode("ascii"),
                parents=tuple(parents.decode("ascii").split()),
                author_name=_text(name),
                author_email=_text(email),
                author_time=int(when),
                changes=tuple(self._changes),
            )
        except ValueError:
            raise SourceError("unexpected git log output (bad commit header)") from None
        self.done.append(commit)
        self._header, self._changes = None, []


def stream_history(
    runner: GitRunner,
    shas: Sequence[str],
    keywords: Sequence[str],
    jobs: int,
    on_commit: Callable[[], None] | None = None,
) -> tuple[tuple[RawCommit, ...], list[AddedLine]]:
    """The commits ``shas`` in that order with their changes, and the lines they added that hold
    one of ``keywords`` (ASCII case ignored; none when ``keywords`` is empty), from one diff of
    each commit split over ``jobs`` processes. ``on_commit`` is called once per commit."""
    pattern = keyword_pattern(keywords) if keywords else None
    scanners: list[PatchScanner] = []
    lines = list(
        scan_patches(
            runner, shas, jobs, HISTORY_ARGS, lambda: HistoryScanner(pattern), on_commit, scanners
        )
    )
    commits = tuple(c for s in scanners if isinstance(s, HistoryScanner) for c in s.done)
    if [c.sha for c in commits] != list(shas):
        raise SourceError("git log returned commits in an unexpected order")
    return commits, lines
