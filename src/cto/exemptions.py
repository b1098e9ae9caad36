"""Exemptions: an engagement's recorded decisions to accept findings, read from ``cto.toml``.

Each ``[[exemption]]`` names a rule, optionally narrows it with ``match`` (a path glob tried on
every evidence path, or a finding id), and must say why (``reason``) and who decided
(``owner``); ``expires`` (a date) is its last valid day. Applying a configuration is a pure
function over findings, areas and reports: exempted findings stay, marked, and stop counting in
ratings, top risks and ``--fail-on``; expired exemptions are reported as findings of their own.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cto.analyzers.rules import RuleSet
from cto.errors import InputError
from cto.findings import Exemption, Finding
from cto.globs import glob_regex

DEFAULT_CONFIG = Path("cto.toml")
_KEYS = frozenset({"rule", "match", "reason", "owner", "expires"})


@dataclass(frozen=True, slots=True)
class ExemptionConfig:
    """The exemptions of one configuration file, in file order.

    Attributes:
        exemptions: every exemption, numbered from 1 in messages and reports.
        source: where they were read from ("" when there was no file).
    """

    exemptions: tuple[Exemption, ...] = ()
    source: str = ""

    def active(self, today: date) -> tuple[Exemption, ...]:
        """The exemptions that still apply on ``today`` (its ``expires`` day included)."""
        return tuple(e for e in self.exemptions if e.expires is None or today <= e.expires)


def load_config(path: Path | None, rules: RuleSet | None = None) -> ExemptionConfig:
    """Read the exemptions of ``path``, or of ``./cto.toml`` when ``path`` is None and it exists.

    Raises:
        InputError: the file cannot be read, is not TOML, or an exemption is invalid (one line).
    """
    if path is None:
        if not DEFAULT_CONFIG.is_file():
            return ExemptionConfig()
        path = DEFAULT_CONFIG
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise InputError(f"{path}: cannot read ({reason or error})") from None
    return parse_config(text, str(path), rules)


def parse_config(text: str, source: str, rules: RuleSet | None = None) -> ExemptionConfig:
    """Parse the exemptions of a ``cto.toml`` text; ``source`` names it in error messages.

    Raises:
        InputError: not TOML, or an exemption is invalid (one line naming its number).
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{source}: not valid TOML ({error})") from None
    tables = data.get("exemption", [])
    if not isinstance(tables, list):
        raise InputError(f"{source}: write exemptions as [[exemption]] tables")
    known = {rule.id for rule in (rules or RuleSet.default()).rules}
    return ExemptionConfig(
        tuple(_exemption(t, f"{source}: exemption {n}", known) for n, t in enumerate(tables, 1)),
        source,
    )


def _exemption(table: object, where: str, known: set[str]) -> Exemption:
    if not isinstance(table, dict):
        raise InputError(f"{where} is not a table")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise InputError(f"{where} has unknown keys: {', '.join(unknown)}")
    reason, owner = _text(table, "reason", where), _text(table, "owner", where)
    if not reason or not owner:
        raise InputError(f"{where} needs a reason and an owner")
    rule = _text(table, "rule", where)
    if not rule:
        raise InputError(f"{where} needs a rule")
    if rule not in known:
        raise InputError(f"{where}: unknown rule {rule!r} (see docs/checks.md)")
    match = _text(table, "match", where)
    if "match" in table and not match:
        raise InputError(f"{where}: match is empty (leave it out to match every finding)")
    return Exemption(reason, owner, _expires(table.get("expires"), where), rule, match)


def _text(table: Mapping[str, Any], key: str, where: str) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise InputError(f"{where}: {key} must be a string")
    return " ".join(value.split())


def _expires(value: object, where: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    elif isinstance(value, date) and not isinstance(value, datetime):
        return value
    shown = repr(value) if isinstance(value, str) else str(value)
    raise InputError(f"{where}: expires must be a date like 2026-12-31, not {shown}")


def exemption_for(finding: Finding, exemptions: Iterable[Exemption]) -> Exemption | None:
    """The first of ``exemptions`` that covers ``finding``, or None."""
    for exemption in exemptions:
        if exemption.rule == finding.rule and _matches(exemption.match, finding):
            return exemption
    return None


def _matches(match: str, finding: Finding) -> bool:
    if not match or match == finding.id:
        return True
    pattern = glob_regex(match)
    return any(item.path and pattern.fullmatch(item.path) for item in finding.evidence)


def exempt_findings(
    findings: Sequence[Finding], config: ExemptionConfig, today: date
) -> tuple[Finding, ...]:
    """``findings`` with every active exemption that covers one attached to it."""
    active = config.active(today)
    return tuple(_exempt(f, active) for f in findings)


def _exempt(finding: Finding, active: Sequence[Exemption]) -> Finding:
    exemption = exemption_for(finding, active)
    return finding if exemption is None else dataclasses.replace(finding, exemption=exemption)
