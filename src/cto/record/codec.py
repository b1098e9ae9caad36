"""Compact, lossless bytes for a batch of commits in the history cache.

A batch is zlib-compressed JSON behind a one-byte format version. Names, emails and paths repeat
across a history, so each distinct one is written once in a string table and commits refer to it
by index (index 0 is ``null``, for a missing ``old_path``)::

    [[null, "Ada", "ada@example.com", "src/app.py", ...],
     [[sha, [parent, ...], name_index, email_index, author_time,
       [[path_index, old_path_index, added, deleted], ...]], ...]]

Arrays instead of objects keep repeated keys out of the blob. ``ensure_ascii`` escapes every
non-ASCII character, so the lone surrogates that stand for undecodable bytes in paths and names
(``"\\udcff"``) survive the round trip exactly.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable
from typing import Any

from cto.collector import collector_paused
from cto.errors import WorkspaceError
from cto.fastinit import builder
from cto.sources.interface import FileChange, RawCommit

FORMAT_VERSION = 1
_HEADER = bytes([FORMAT_VERSION])
_COMPRESSION_LEVEL = 1  # speed over size: the blob is written on every audit


def encode_commits(commits: Iterable[RawCommit]) -> bytes:
    """Encode commits, in the order given, as one compressed blob."""
    table: dict[str | None, int] = {None: 0}
    ref = table.setdefault  # ref(text, len(table)): the string's index, added when new
    rows = [
        [
            commit.sha,
            commit.parents,
            ref(commit.author_name, len(table)),
            ref(commit.author_email, len(table)),
            commit.author_time,
            [
                [ref(c.path, len(table)), ref(c.old_path, len(table)), c.added, c.deleted]
                for c in commit.changes
            ],
        ]
        for commit in commits
    ]
    text = json.dumps([list(table), rows], ensure_ascii=True, separators=(",", ":"))
    return _HEADER + zlib.compress(text.encode("ascii"), _COMPRESSION_LEVEL)


def decode_commits(blob: bytes) -> list[RawCommit]:
    """Decode a blob made by :func:`encode_commits` back into the same commits, same order.

    Raises:
        WorkspaceError: the blob is damaged or in an unknown format version.
    """
    if blob[:1] != _HEADER:
        raise WorkspaceError("history cache is damaged or from a newer cto (unknown format)")
    try:
        with collector_paused():
            strings, rows = json.loads(zlib.decompress(blob[1:]))
            return [_commit(row, strings) for row in rows]
    except (zlib.error, ValueError, TypeError, IndexError) as error:
        raise WorkspaceError(f"history cache is damaged: {error}") from error


_new_commit = builder(RawCommit)
_new_change = builder(FileChange)


def _commit(row: list[Any], strings: list[Any]) -> RawCommit:
    sha, parents, name, email, time, changes = row
    change = _new_change
    return _new_commit(
        sha,
        tuple(parents),
        strings[name],
        strings[email],
        time,
        tuple([change(strings[p], strings[o], a, d) for p, o, a, d in changes]),
    )
