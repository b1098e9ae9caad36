"""Each practice check's metadata, read from the ``[check.<id>]`` tables of the practices data file.

The metadata (title, risk, what it checks, why it matters, how to fix, effort, source and the rule
that turns a low score into a finding) is data, next to the rules; ``docs/checks.md`` is generated
from it and the tests fail when the checks in code and in data disagree.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from cto.errors import InputError
from cto.findings import Effort

#: Risks a check can carry, as OpenSSF Scorecard grades them.
RISKS = ("critical", "high", "medium", "low")
DATA_FILE = "practices.toml"


@dataclass(frozen=True)
class CheckSpec:
    """What a practice check looks at and what to do when it fails.

    Attributes:
        id: stable id (``dangerous-workflow``).
        title: short title.
        risk: critical, high, medium or low: the check's weight in the aggregate score.
        what: what it checks and how it scores, in plain words.
        why: why it matters to the business.
        fix: how to fix a low score.
        effort: rough effort of the fix.
        source: the check or guidance it follows (URL).
        rule: id of the rule that raises a finding on a low score, "" when none does.
    """

    id: str
    title: str
    risk: str
    what: str
    why: str
    fix: str
    effort: Effort
    source: str
    rule: str = ""


def parse_checks(text: str) -> tuple[CheckSpec, ...]:
    """Every ``[check.<id>]`` table of a rules file, in file order."""
    tables: Mapping[str, Any] = tomllib.loads(text).get("check", {})
    return tuple(_spec(key, value) for key, value in tables.items())


def _spec(check_id: str, value: Mapping[str, Any]) -> CheckSpec:
    if value["risk"] not in RISKS:
        raise InputError(f"check {check_id}: unknown risk {value['risk']!r}")
    return CheckSpec(
        id=check_id,
        title=value["title"],
        risk=value["risk"],
        what=value["what"],
        why=value["why"],
        fix=value["fix"],
        effort=Effort(value["effort"]),
        source=value["source"],
        rule=value.get("rule", ""),
    )


@cache
def default_checks() -> tuple[CheckSpec, ...]:
    """The practice checks shipped with cto."""
    data = resources.files("cto").joinpath("rules", DATA_FILE)
    return parse_checks(data.read_text(encoding="utf-8"))
