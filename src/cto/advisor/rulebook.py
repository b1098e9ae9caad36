"""The advisor's rules as data: ``cto/advisor/rules/<topic>.toml``, one file per topic.

Each file holds ``[[rule]]`` tables. A rule has an ``id``, a ``title``, a ``rationale`` (why the
rule holds) and a ``source`` (where the fact comes from); it may have a ``question``, named
``thresholds`` (numbers, words, flags, lists of them, or tables of them), a ``recommendation``
(what to do when the rule raises; for an engagement model or a stack advice, what it
recommends), ``watch_outs``, ``trade_offs``, a ``good_answer`` (for questions to ask a
candidate) and ``raises`` (stack advice that calls for action). An engagement may override a
scalar threshold, never a list or a table. Unknown keys and duplicate ids are refused, so a
typo in the data is an error, not a rule that silently never fires.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from cto.errors import CtoError

ALLOWED_KEYS = frozenset(
    {
        "id",
        "title",
        "question",
        "rationale",
        "source",
        "thresholds",
        "recommendation",
        "watch_outs",
        "trade_offs",
        "good_answer",
        "raises",
    }
)
REQUIRED_KEYS = ("id", "title", "rationale", "source")
_TEXT_KEYS = ("id", "title", "question", "rationale", "source", "recommendation", "good_answer")
_SCALARS = (bool, int, float, str)


class RuleDataError(CtoError):
    """A rules file is malformed: unknown key, duplicate id, missing rationale or source."""


@dataclass(frozen=True)
class Rule:
    """One advisor rule, as written in its data file."""

    id: str
    topic: str
    title: str
    rationale: str
    source: str
    question: str = ""
    thresholds: Mapping[str, Any] = field(default_factory=dict)
    recommendation: str = ""
    watch_outs: tuple[str, ...] = ()
    trade_offs: tuple[str, ...] = ()
    good_answer: str = ""
    raises: bool = False


class RuleBook:
    """Every advisor rule by id, in file order."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._rules: dict[str, Rule] = {}
        for rule in rules:
            if rule.id in self._rules:
                raise RuleDataError(f"advisor rule {rule.id!r} is defined twice")
            self._rules[rule.id] = rule

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def get(self, rule_id: str) -> Rule:
        """The rule with ``rule_id`` (KeyError when unknown)."""
        return self._rules[rule_id]

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Every rule, in file order."""
        return tuple(self._rules.values())

    def topic(self, topic: str) -> tuple[Rule, ...]:
        """The rules of one topic, in file order."""
        return tuple(rule for rule in self._rules.values() if rule.topic == topic)

    @classmethod
    def from_texts(cls, texts: Mapping[str, str]) -> RuleBook:
        """Parse rules files given as ``{topic: TOML text}``."""
        return cls(rule for topic, text in texts.items() for rule in parse_rules(topic, text))


TOPIC_FILES = ("model", "remote-fit", "challenges", "stack", "candidate")
"""The rules files shipped with cto, in the order topics are shown."""


@cache
def default_rules() -> RuleBook:
    """The rules shipped with cto (``cto/advisor/rules/*.toml``)."""
    folder = resources.files("cto.advisor").joinpath("rules")
    texts = {topic: folder.joinpath(f"{topic}.toml").read_text("utf-8") for topic in TOPIC_FILES}
    return RuleBook.from_texts(texts)


def parse_rules(topic: str, text: str) -> list[Rule]:
    """The rules of one file, validated.

    Raises:
        RuleDataError: invalid TOML, a key other than ``rule``, an unknown key in a rule, a
            missing or empty required field, a value of the wrong type, or an id used twice.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RuleDataError(f"advisor rules {topic}: {error}") from None
    extra = set(data) - {"rule"}
    if extra:
        raise RuleDataError(f"advisor rules {topic}: unknown top-level key {sorted(extra)[0]!r}")
    rules = [_rule(topic, table) for table in data.get("rule", [])]
    RuleBook(rules)  # refuses duplicate ids within the file
    return rules


def _rule(topic: str, table: Mapping[str, Any]) -> Rule:
    where = f"advisor rule {table.get('id', '?')!r} ({topic})"
    unknown = set(table) - ALLOWED_KEYS
    if unknown:
        raise RuleDataError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    for key in REQUIRED_KEYS:
        if not str(table.get(key, "")).strip():
            raise RuleDataError(f"{where}: {key} is missing or empty")
    for key in _TEXT_KEYS:
        if key in table and not isinstance(table[key], str):
            raise RuleDataError(f"{where}: {key} must be text")
    thresholds = table.get("thresholds", {})
    if not isinstance(thresholds, dict):
        raise RuleDataError(f"{where}: thresholds must be a table")
    for name, value in thresholds.items():
        if not _valid_threshold(value):
            raise RuleDataError(f"{where}: threshold {name!r} has an unsupported value")
    return Rule(
        id=table["id"],
        topic=topic,
        title=table["title"],
        rationale=" ".join(table["rationale"].split()),
        source=table["source"],
        question=table.get("question", ""),
        thresholds=thresholds,
        recommendation=" ".join(table.get("recommendation", "").split()),
        watch_outs=_texts(where, table, "watch_outs"),
        trade_offs=_texts(where, table, "trade_offs"),
        good_answer=table.get("good_answer", ""),
        raises=_flag(where, table),
    )


def _valid_threshold(value: object) -> bool:
    if isinstance(value, _SCALARS):
        return True
    if isinstance(value, list):
        return all(isinstance(item, _SCALARS) for item in value)
    if isinstance(value, dict):
        return all(
            isinstance(item, _SCALARS)
            or (isinstance(item, list) and all(isinstance(x, _SCALARS) for x in item))
            for item in value.values()
        )
    return False


def _texts(where: str, table: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RuleDataError(f"{where}: {key} must be a list of texts")
    return tuple(value)


def _flag(where: str, table: Mapping[str, Any]) -> bool:
    value = table.get("raises", False)
    if not isinstance(value, bool):
        raise RuleDataError(f"{where}: raises must be true or false")
    return value
