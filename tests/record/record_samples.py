"""Sample commits and findings for the workspace tests."""

from __future__ import annotations

from typing import Any

from cto.findings import Effort, Evidence, Finding, Severity
from cto.sources.interface import FileChange, RawCommit


def commit(number: int, *, parent: int | None = None, changes: int = 2) -> RawCommit:
    """A commit whose sha and content derive from ``number``."""
    return RawCommit(
        sha=f"{number:040x}",
        parents=() if parent is None else (f"{parent:040x}",),
        author_name=f"Author {number % 3}",
        author_email=f"author{number % 3}@example.com",
        author_time=1_700_000_000 + number * 60,
        changes=tuple(
            FileChange(f"src/file{(number + i) % 7}.py", None, number + i, i)
            for i in range(changes)
        ),
    )


def history(newest: int, oldest: int = 1) -> list[RawCommit]:
    """A linear history from commit ``oldest`` to ``newest``, newest first."""
    return [commit(n, parent=n - 1 if n > oldest else None) for n in range(newest, oldest - 1, -1)]


def finding(severity: Severity = Severity.MEDIUM, subject: str = "a", **extra: Any) -> Finding:
    """A finding with one piece of evidence."""
    return Finding(
        id=f"rule.x:{subject}",
        rule="rule.x",
        area="knowledge",
        severity=severity,
        title=f"Title {subject}",
        impact="Impact.",
        recommendation="Do it.",
        effort=Effort.DAYS,
        evidence=(Evidence("file", "src/app.py", path="src/app.py"),),
        repository="demo",
        **extra,
    )
