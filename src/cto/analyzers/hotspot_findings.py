"""Findings about hotspots: busy, complex files only one person knows, or that are unhealthy."""

from __future__ import annotations

from collections.abc import Sequence

from cto.analyzers.hotspots import Hotspot, Hotspots
from cto.analyzers.rules import Rule, RuleSet
from cto.findings import Evidence, Finding

RULE_KEY_PERSON = "complexity.key-person-hotspots"
RULE_UNHEALTHY = "complexity.unhealthy-hotspots"
RULE_IDS: tuple[str, ...] = (RULE_KEY_PERSON, RULE_UNHEALTHY)

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_FRACTIONS = (
    (3 / 4, "three quarters"), (2 / 3, "two thirds"), (1 / 2, "half"), (1 / 3, "a third"),
    (1 / 4, "a quarter"), (1 / 5, "a fifth"), (1 / 10, "a tenth"),
)  # fmt: skip


def count_words(count: int, one: str, many: str) -> str:
    """ "five files", "one file", "12 files": small counts in words, as a sentence reads them."""
    number = _NUMBERS[count] if count < len(_NUMBERS) else f"{count:,}"
    return f"{number} {one if count == 1 else many}"


def share_words(percent: float) -> str:
    """ "a quarter", "half", "37%": a share as a founder says it (a fraction within 1.5 points)."""
    for fraction, words in _FRACTIONS:
        if abs(percent - 100 * fraction) <= 1.5:
            return words
    return f"{percent:.0f}%"


def findings(hotspots: Hotspots, repository: str, rules: RuleSet) -> tuple[Finding, ...]:
    """``complexity.key-person-hotspots`` and ``complexity.unhealthy-hotspots``."""
    key_person = [h for h in hotspots.hotspots if h.sole_author]
    unhealthy_rule = rules.get(RULE_UNHEALTHY)
    below = unhealthy_rule.parameter("health_below")
    unhealthy = [h for h in hotspots.hotspots if h.health is not None and h.health < below]
    found = (
        _finding(rules.get(RULE_KEY_PERSON), key_person, hotspots, repository),
        _finding(unhealthy_rule, unhealthy, hotspots, repository),
    )
    return tuple(f for f in found if f is not None)


def _finding(
    rule: Rule, files: Sequence[Hotspot], hotspots: Hotspots, repository: str
) -> Finding | None:
    severity = rule.severity_for(len(files))
    if severity is None:
        return None
    revisions = sum(h.revisions for h in files)
    percent = 100 * revisions / hotspots.changes if hotspots.changes else 0.0
    share, count = share_words(percent), count_words(len(files), "file", "files")
    people = sorted({h.sole_author for h in files if h.sole_author})
    values = {
        "share": share, "Share": share[0].upper() + share[1:], "percent": f"{percent:.0f}",
        "files": count, "Files": count[0].upper() + count[1:], "window": _window(hotspots),
        "people": ", ".join(people),
        "carry": "carries" if len(files) == 1 else "carry",
        "are": "is" if len(files) == 1 else "are",
    }  # fmt: skip
    evidence = [
        Evidence("share of the window's file changes", f"{percent:.0f}% ({revisions:,} of "
                 f"{hotspots.changes:,})"),
        *(Evidence("hotspot", _describe(h), path=h.path) for h in files[:MAX_EVIDENCE]),
    ]  # fmt: skip
    if len(files) > MAX_EVIDENCE:
        more = len(files) - MAX_EVIDENCE
        evidence.append(Evidence("more hotspots", f"{more} more in the hotspots table"))
    return rule.finding(severity, repository, "", values, evidence)


#: Evidence lists at most this many hotspots; the report's hotspot table has them all.
MAX_EVIDENCE = 10


def _describe(hotspot: Hotspot) -> str:
    changes = "1 change" if hotspot.revisions == 1 else f"{hotspot.revisions:,} changes"
    parts = [changes, f"score {hotspot.score:,}"]
    if hotspot.health is not None:
        parts.append(f"health {hotspot.health:g}/10")
    if hotspot.sole_author:
        parts.append(f"only {hotspot.sole_author} knows it")
    return ", ".join(parts)


def _window(hotspots: Hotspots) -> str:
    months = round(hotspots.window_days / 30.4)
    return "year" if months == 12 else f"{months} months"
