"""The rating of each section of a founder report's engagement record: red, amber or green.

The rule (its thresholds, rationale and source are data, in ``founder_rules.toml``):

- **red** when the section holds a challenge about money or scope that the advisor raises
  (``money_or_scope_challenges``: MVP size, integrations, custom builds, vendor estimates,
  roadmap priority), or a risk whose exposure (likelihood x impact) is at least
  ``high_exposure_at_least`` (12) and whose review date has passed;
- **amber** when anything else is raised in it (another advisor answer raised, an overdue review
  of a lower risk, a live risk of high exposure, a pending decision, a quarter over capacity) or
  something is missing (the record part is empty, an answer cannot tell or names missing facts);
- **green** otherwise: nothing raised, nothing missing.

A section builder only gathers its :class:`Signals`; :func:`rate` alone decides, and says why in
one sentence, so the rule is the same in every section and testable on its own.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from cto.errors import InputError
from cto.findings import Rating
from cto.reports.area_parts import join_words, plural
from cto.reports.model import Area, Metric, Table

RULES_FILE = "founder_rules.toml"


@dataclass(frozen=True, slots=True)
class RatingRules:
    """The thresholds of the rating rule, read from ``founder_rules.toml``."""

    high_exposure_at_least: int
    money_or_scope: frozenset[str]
    rationale: str
    source: str


@dataclass(frozen=True, slots=True)
class Signals:
    """What one section shows, as the rating weighs it.

    Attributes:
        raised: advisor answers raised in the section, as ``(rule id, title)``.
        overdue: exposures of the risks whose review date has passed.
        attention: anything else the record raises, in words ("1 decision pending").
        missing: what the section lacks, in words ("no ADRs recorded yet").
    """

    raised: tuple[tuple[str, str], ...] = ()
    overdue: tuple[int, ...] = ()
    attention: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Verdict:
    """A section's rating and the sentence that explains it."""

    rating: Rating
    reason: str


@cache
def rating_rules() -> RatingRules:
    """The shipped rating rule.

    Raises:
        InputError: the rules file is broken (a packaging error, said in one line).
    """
    text = resources.files("cto.reports").joinpath(RULES_FILE).read_text("utf-8")
    return parse_rating_rules(text)


def parse_rating_rules(text: str) -> RatingRules:
    """Read the ``[rating]`` table of a rules text.

    Raises:
        InputError: not TOML, or a value missing or of the wrong type.
    """
    try:
        table = tomllib.loads(text)["rating"]
        exposure = table["high_exposure_at_least"]
        challenges = table["money_or_scope_challenges"]
        rationale, source = table["rationale"], table["source"]
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as error:
        raise InputError(f"{RULES_FILE}: the [rating] rule is incomplete ({error})") from None
    if not isinstance(exposure, int) or not 1 <= exposure <= 25:
        raise InputError(f"{RULES_FILE}: high_exposure_at_least must be a whole number 1 to 25")
    if not isinstance(challenges, list) or not all(isinstance(c, str) for c in challenges):
        raise InputError(f"{RULES_FILE}: money_or_scope_challenges must be a list of rule ids")
    return RatingRules(exposure, frozenset(challenges), str(rationale), str(source))


def rate(signals: Signals, rules: RatingRules | None = None) -> Verdict:
    """Rate one section by the rule in this module's docstring."""
    rules = rules or rating_rules()
    money = [title for rule, title in signals.raised if rule in rules.money_or_scope]
    high = [e for e in signals.overdue if e >= rules.high_exposure_at_least]
    if money:
        raised = plural(len(money), "challenge", "challenges")
        return Verdict(Rating.RED, f"Red: money or scope is at stake ({raised} raised).")
    if high:
        count = "a risk" if len(high) == 1 else f"{len(high)} risks"
        return Verdict(
            Rating.RED,
            f"Red: {count} of exposure {rules.high_exposure_at_least} or more "
            f"{'is' if len(high) == 1 else 'are'} past the review date.",
        )
    concerns = [f"the advisor raises {title}" for _, title in signals.raised]
    if signals.overdue:
        reviews = len(signals.overdue)
        concerns.append(f"{plural(reviews, 'risk review', 'risk reviews')} overdue")
    concerns += [*signals.attention, *signals.missing]
    if concerns:
        return Verdict(Rating.AMBER, f"Amber: {join_words(concerns)}.")
    return Verdict(Rating.GREEN, "Green: nothing raised and nothing missing.")


def rated_area(
    area_id: str,
    title: str,
    signals: Signals,
    sentences: Sequence[str],
    metrics: Sequence[Metric] = (),
    tables: Sequence[Table] = (),
) -> Area:
    """A record section: its rating by :func:`rate`, and a summary that ends with the reason."""
    verdict = rate(signals)
    summary = " ".join([*(s for s in sentences if s), verdict.reason])
    return Area(
        id=area_id,
        title=title,
        rating=verdict.rating,
        summary=summary,
        metrics=tuple(metrics),
        tables=tuple(tables),
    )
