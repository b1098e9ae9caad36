"""Security-policy: a file telling outsiders how to report a vulnerability privately.

Scored as OpenSSF Scorecard's Security-Policy check (``checks/evaluation/security_policy.go``):
a policy file found scores 0 by itself; a contact (a URL or an email address) adds 6, text
beyond the links adds 3, and words about disclosure or vulnerabilities add 1.
"""

from __future__ import annotations

import re

from cto.analyzers.practice_checks.base import MIN_SCORE, Score
from cto.analyzers.practice_checks.tree import Tree
from cto.findings import Evidence

POLICY_FILES = tuple(
    f"{folder}SECURITY.{ext}"
    for folder in ("", ".github/", "docs/")
    for ext in ("md", "rst", "txt", "markdown", "adoc")
)
_URL = re.compile(r"https?://[a-zA-Z0-9./?=_%:-]*")
_EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+(?:@|\\?\[at\\?\])[A-Za-z0-9.-]+\.[A-Za-z]{2,6}\b")
_DISCLOSURE = re.compile(r"disclos|vuln", re.IGNORECASE)
CONTACT_POINTS = 6
TEXT_POINTS = 3
DISCLOSURE_POINTS = 1


def policy_points(text: str) -> tuple[int, list[str]]:
    """Points a policy's text earns, and what earned them."""
    links = [m.group(0) for m in (*_URL.finditer(text), *_EMAIL.finditer(text))]
    points, parts = 0, []
    if links:
        points, parts = CONTACT_POINTS, ["a contact"]
    linked = sum(len(link) for link in links) + 2 * len(links)
    if len(text.strip()) > 1 and len(text.strip()) > linked:
        points, parts = points + TEXT_POINTS, [*parts, "text"]
    if _DISCLOSURE.search(text):
        points, parts = points + DISCLOSURE_POINTS, [*parts, "disclosure terms"]
    return points, parts


def security_policy(tree: Tree) -> Score:
    """0 without a policy file; with one, 0 to 10 by what it says (as Scorecard)."""
    found = tree.find(POLICY_FILES)
    if not found:
        return Score(MIN_SCORE, "no security policy file")
    path = found[0]
    points, parts = policy_points(tree.read(path) or "")
    evidence = (Evidence("security policy", path, path),)
    if not parts:
        return Score(MIN_SCORE, f"{path} says nothing (no contact, no text)", evidence)
    return Score(points, f"{path} has {', '.join(parts)}", evidence)
