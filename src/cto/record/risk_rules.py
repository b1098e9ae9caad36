"""The data that turns audit findings into proposed risks: threshold, review delay, scores.

Read from ``risk_rules.toml`` next to this module; each table carries its rationale and source.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from cto.errors import InputError
from cto.findings import Severity

RULES_FILE = "risk_rules.toml"


@dataclass(frozen=True, slots=True)
class Score:
    """The likelihood and impact a proposed risk starts with, and why."""

    likelihood: int
    impact: int
    rationale: str
    source: str


@dataclass(frozen=True, slots=True)
class RiskRules:
    """How findings become proposed risks.

    Attributes:
        threshold: the least severe finding proposed as a risk.
        review_after_days: days from proposal to a proposed risk's first review.
        scores: likelihood and impact by finding severity (every severity present).
        rationale: why the threshold and review delay are what they are.
    """

    threshold: Severity
    review_after_days: int
    scores: Mapping[Severity, Score]
    rationale: str

    def score(self, severity: Severity) -> Score:
        """The starting likelihood and impact of a risk proposed from a ``severity`` finding."""
        return self.scores[severity]


@cache
def default_risk_rules() -> RiskRules:
    """The rules shipped with cto (``cto/record/risk_rules.toml``)."""
    text = resources.files("cto.record").joinpath(RULES_FILE).read_text("utf-8")
    return parse_risk_rules(text, RULES_FILE)


def parse_risk_rules(text: str, source: str) -> RiskRules:
    """Parse a risk rules file; ``source`` names it in error messages.

    Raises:
        InputError: not TOML, a missing table or severity, a score outside 1 to 5, or a table
            without its rationale and source.
    """
    try:
        data = tomllib.loads(text)
        threshold = _explained(data, "threshold", source)
        review = _explained(data, "review", source)
        severities = data.get("severity")
        severities = severities if isinstance(severities, dict) else {}
        scores = {s: _score(severities, s, source) for s in Severity}
        days = review["after_days"]
        level = Severity(threshold["severity"])
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{source}: not valid TOML ({error})") from None
    except (KeyError, ValueError) as error:
        raise InputError(f"{source}: {error}") from None
    if not isinstance(days, int) or days < 0:
        raise InputError(f"{source}: review.after_days must be a whole number of days")
    why = f"{threshold['rationale']} {review['rationale']}"
    return RiskRules(level, days, scores, why)


def _explained(
    data: Mapping[str, Any], name: str, source: str, label: str = ""
) -> Mapping[str, Any]:
    label = label or name
    table = data.get(name)
    if not isinstance(table, dict):
        raise InputError(f"{source}: no [{label}] table")
    for key in ("rationale", "source"):
        if not isinstance(table.get(key), str) or not table[key].strip():
            raise InputError(f"{source}: [{label}] needs a {key}")
    return table


def _score(tables: Mapping[str, Any], severity: Severity, source: str) -> Score:
    table = _explained(tables, severity.value, source, f"severity.{severity}")
    values = table.get("likelihood"), table.get("impact")
    if not all(isinstance(v, int) and 1 <= v <= 5 for v in values):
        raise InputError(f"{source}: [severity.{severity}] likelihood and impact must be 1 to 5")
    return Score(table["likelihood"], table["impact"], table["rationale"], table["source"])
