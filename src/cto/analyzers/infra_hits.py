"""What an infrastructure rule's matcher returns, and the secret-name test every matcher shares.

A matcher reads one file and returns :class:`Hit` records: the rule, the file, the line and the
offending line's text. The text always passes through :func:`redact_line`, so a password written
in a Dockerfile, compose file or Terraform file never reaches a report in full.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

#: Longest evidence text kept from a line.
MAX_TEXT = 160
_SECRET_WORDS = frozenset({"PASSWORD", "PASSWD", "SECRET", "TOKEN", "APIKEY", "CREDENTIALS"})
_SECRET_PAIRS = (("API", "KEY"), ("ACCESS", "KEY"), ("PRIVATE", "KEY"), ("AUTH", "KEY"))
#: Names ending so point at where a secret is, not at the secret (Docker's ``*_FILE`` convention).
_POINTER_SUFFIXES = ("FILE", "PATH", "ARN", "NAME", "ID", "LENGTH")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_VALUE = re.compile(r"""(["']?\s*[:=]\s*|\s+)("[^"]*"?|'[^']*'?|[^\s,;]+)""")
_REFERENCE = re.compile(r"^\$\{?[A-Za-z_]|^\$\(|^(var|data|local|module)\.|^\{\{")


@dataclass(frozen=True, slots=True)
class Hit:
    """One place where an infrastructure rule matched.

    Attributes:
        rule: rule id (``infrastructure.docker-root-user``).
        path: repository-relative file.
        line: 1-based line (the nearest line that shows the problem).
        text: that line, stripped, with secret values redacted.
    """

    rule: str
    path: str
    line: int
    text: str


def is_secret_name(name: str) -> bool:
    """True for names that hold a secret: ``DB_PASSWORD``, ``github_token``, ``API_KEY``.

    Names are split into words (``TOKENIZERS_PARALLELISM`` is not a token), and names that point
    at a secret rather than hold it (``POSTGRES_PASSWORD_FILE``) are left out.
    """
    words = [w for w in re.split(r"[^A-Za-z0-9]+", name.upper()) if w]
    if not words or words[-1] in _POINTER_SUFFIXES:
        return False
    if _SECRET_WORDS & set(words):
        return True
    return any(pair in itertools.pairwise(words) for pair in _SECRET_PAIRS)


def is_literal(value: object) -> bool:
    """True for a value written out in the file, not a reference (``${VAR}``, ``var.x``)."""
    if isinstance(value, bool) or value is None:
        return False
    text = str(value).strip().strip("\"'")
    return bool(text) and not _REFERENCE.search(text)


def redact_line(text: str) -> str:
    """``text`` stripped and shortened, the value of every secret-named assignment redacted."""
    text, parts, done = text.strip(), [], 0
    for name in _NAME.finditer(text):
        value = _VALUE.match(text, name.end())
        if name.start() >= done and value and is_secret_name(name[0]):
            parts.append(text[done : value.start(2)] + "[redacted]")
            done = value.end()
    redacted = "".join(parts) + text[done:]
    return redacted if len(redacted) <= MAX_TEXT else redacted[: MAX_TEXT - 1] + "…"


def hit(rule: str, path: str, line: int, lines: list[str]) -> Hit:
    """A hit of ``rule`` at ``line`` of a file split into ``lines``, its text redacted."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return Hit(rule, path, line, redact_line(text))
