"""Build small git repositories for tests: files, authors, dates, renames and merges per test.

Paths and author names may be ``bytes`` to create non-UTF-8 ones. Git runs with system and global
config ignored so the developer's own settings never leak into a test.
"""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

Author = tuple[str | bytes, str]
DEFAULT_AUTHOR: Author = ("Ada Lovelace", "ada@example.com")


def _b(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode()


def epoch(date: str) -> int:
    """Seconds since the epoch of an ISO date (``2024-01-31`` or ``2024-01-31T10:00:00``), UTC."""
    parsed = datetime.fromisoformat(date)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return int(parsed.timestamp())


class RepoBuilder:
    """A git repository under construction in ``path``."""

    def __init__(self, path: Path, *, branch: str = "main") -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", branch)
        self.shas: list[str] = []

    def _env(self, author: Author, date: str) -> dict[bytes, bytes]:
        env = {k.encode(): v.encode() for k, v in os.environ.items() if not k.startswith("GIT_")}
        stamp = f"{epoch(date)} +0000".encode()
        env.update(
            {
                b"GIT_CONFIG_NOSYSTEM": b"1",
                b"GIT_CONFIG_GLOBAL": b"/dev/null",
                b"GIT_AUTHOR_NAME": _b(author[0]),
                b"GIT_AUTHOR_EMAIL": author[1].encode(),
                b"GIT_AUTHOR_DATE": stamp,
                b"GIT_COMMITTER_NAME": _b(author[0]),
                b"GIT_COMMITTER_EMAIL": author[1].encode(),
                b"GIT_COMMITTER_DATE": stamp,
            }
        )
        return env

    def git(
        self, *args: str | bytes, author: Author = DEFAULT_AUTHOR, date: str = "2024-01-01"
    ) -> str:
        """Run git in the repository and return its standard output."""
        out = subprocess.run(
            [
                b"git",
                b"-c",
                b"commit.gpgsign=false",
                b"-c",
                b"core.hooksPath=/dev/null",
                *map(_b, args),
            ],
            cwd=self.path,
            env=self._env(author, date),
            check=True,
            capture_output=True,
        )
        return out.stdout.decode("utf-8", "surrogateescape")

    def write(self, path: str | bytes, content: str | bytes) -> None:
        """Write a file in the work tree (parents created)."""
        target = os.path.join(os.fsencode(self.path), _b(path))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(_b(content))

    def commit(
        self,
        files: dict[str | bytes, str | bytes | None] | None = None,
        *,
        author: Author = DEFAULT_AUTHOR,
        date: str = "2024-01-01",
        message: str = "change",
        renames: dict[str | bytes, str | bytes] | None = None,
    ) -> str:
        """Rename, write (or delete, with ``None``) files and commit them; return the new hash."""
        for old, new in (renames or {}).items():
            parent = os.path.dirname(os.path.join(os.fsencode(self.path), _b(new)))
            os.makedirs(parent, exist_ok=True)
            self.git("mv", old, new)
        for path, content in (files or {}).items():
            if content is None:
                self.git("rm", "-q", path)
            else:
                self.write(path, content)
                self.git("add", path)
        self.git("commit", "-q", "--allow-empty", "-m", message, author=author, date=date)
        sha = self.git("rev-parse", "HEAD").strip()
        self.shas.append(sha)
        return sha

    def checkout(self, branch: str, *, create: bool = False) -> None:
        """Switch to ``branch``, creating it from HEAD when asked."""
        self.git("checkout", "-q", *(["-b"] if create else []), branch)

    def merge(
        self, branch: str, *, author: Author = DEFAULT_AUTHOR, date: str = "2024-01-01"
    ) -> str:
        """Merge ``branch`` into the current branch with a merge commit; return its hash."""
        self.git(
            "merge", "-q", "--no-ff", "-m", f"merge {branch}", branch, author=author, date=date
        )
        sha = self.git("rev-parse", "HEAD").strip()
        self.shas.append(sha)
        return sha


def lines(n: int, prefix: str = "line") -> str:
    """``n`` distinct lines of text, each ending in a newline."""
    return "".join(f"{prefix} {i}\n" for i in range(n))
