"""The founder summary: overall rating, one headline, the top risks and what to do first.

It is built once from the repository sections and stored in the report, so every rendering opens
with the same words. Ranking is deterministic: severity, then the order areas appear in the
report, then finding id.
"""

from __future__ import annotations

from collections.abc import Sequence

from cto.findings import Finding, NotAssessed, Rating, Severity, overall
from cto.reports.model import RepositorySection, Summary
from cto.reports.text import RATING_LABELS

KEEP_GOING = (
    "Keep doing what works: re-run this audit monthly and before any fundraising or vendor"
    " change, so a new risk is caught while it is still cheap."
)
"""The first action when nothing serious was found."""

_SERIOUS = Severity.HIGH
_RISK_FLOOR = Severity.LOW


def build_summary(sections: Sequence[RepositorySection], *, max_risks: int = 5) -> Summary:
    """Build the founder summary of a whole audit from its repository sections.

    Args:
        sections: the audited repositories, in report order.
        max_risks: how many findings to show as top risks.

    Returns:
        The summary: worst rating, headline, top risks (info and exempted findings never are),
        first actions and everything that could not be assessed.
    """
    rating = overall(section.rating for section in sections)
    risks = top_risks(sections, max_risks=max_risks)
    not_assessed = gather_not_assessed(sections)
    return Summary(
        rating=rating,
        headline=headline(rating, risks, not_assessed),
        top_risks=risks,
        first_actions=first_actions(rating, risks),
        not_assessed=not_assessed,
    )


def top_risks(sections: Sequence[RepositorySection], *, max_risks: int = 5) -> tuple[Finding, ...]:
    """The most severe findings across all repositories: severity, area order, then id.

    Exempted findings are never risks: the engagement has accepted them (see ``cto.toml``).
    """
    area_order: dict[str, int] = {}
    findings: list[Finding] = []
    for section in sections:
        for area in section.areas:
            area_order.setdefault(area.id, len(area_order))
            findings.extend(
                f for f in area.findings if f.counted and f.severity.at_least(_RISK_FLOOR)
            )
    unique: dict[str, Finding] = {}
    for finding in findings:
        unique.setdefault(finding.id, finding)
    ranked = sorted(
        unique.values(),
        key=lambda f: (-f.severity.rank, area_order.get(f.area, len(area_order)), f.id),
    )
    return tuple(ranked[: max(max_risks, 0)])


def first_actions(rating: Rating, risks: Sequence[Finding]) -> tuple[str, ...]:
    """De-duplicated recommendations of the top risks, each prefixed with its effort."""
    actions: list[str] = []
    seen: set[str] = set()
    for finding in risks:
        recommendation = finding.recommendation.strip()
        if not recommendation or recommendation in seen:
            continue
        seen.add(recommendation)
        actions.append(f"{finding.effort.value.capitalize()}: {recommendation}")
    if rating is Rating.GREEN or not actions:
        actions.append(KEEP_GOING)
    return tuple(actions)


def gather_not_assessed(sections: Sequence[RepositorySection]) -> tuple[NotAssessed, ...]:
    """Everything that could not be assessed, named by repository when there are several."""
    gathered: dict[tuple[str, str], NotAssessed] = {}
    for section in sections:
        suffix = f" (in {section.name})" if len(sections) > 1 else ""
        for area in section.areas:
            reasons = area.not_assessed
            if not reasons and area.rating is Rating.NOT_ASSESSED:
                reasons = (NotAssessed(area.id, area.summary or "no reason was recorded"),)
            for item in reasons:
                entry = NotAssessed(item.area, item.reason + suffix)
                gathered.setdefault((entry.area, entry.reason), entry)
    return tuple(gathered.values())


def headline(rating: Rating, risks: Sequence[Finding], not_assessed: Sequence[NotAssessed]) -> str:
    """One sentence a founder reads first: the rating in words and the risk that drives it."""
    label = RATING_LABELS[rating]
    serious = [f for f in risks if f.severity.at_least(_SERIOUS)]
    if rating is Rating.NOT_ASSESSED:
        return f"{label}: there was not enough evidence to rate these repositories."
    if rating is Rating.GREEN:
        gaps = len(not_assessed)
        if gaps:
            plural = "" if gaps == 1 else "s"
            return (
                f"{label}: no serious risks in what could be assessed,"
                f" but {gaps} part{plural} could not be assessed."
            )
        return f"{label}: no serious risks found; the codebase is in a healthy state."
    if not risks:
        return f"{label}: some areas need attention, though no single finding stands out."
    first = _as_clause(risks[0].title)
    more = len(serious) - 1 if risks[0].severity.at_least(_SERIOUS) else 0
    tail = f" (and {more} more serious risk{'' if more == 1 else 's'})" if more > 0 else ""
    if rating is Rating.RED:
        return f"{label}: act now — {first}{tail}."
    return f"{label}: nothing is on fire, but {first}{tail}."


def _as_clause(title: str) -> str:
    """A finding title inside a sentence: trailing stop removed, first word lower-cased if plain."""
    text = title.strip().rstrip(".")
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text
