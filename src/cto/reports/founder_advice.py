"""The founder report's section on the eight challenges, from the advisor's conclusions.

Each challenge is shown with its answer (RAISE, FINE or CANNOT TELL), the headline, the reasons,
what is missing to answer it, any threshold the engagement overrode (with the reason and who
decided), and what to do. The rating follows :mod:`cto.reports.founder_rating`: red when a
challenge about money or scope is raised, amber for any other raise or anything missing.
"""

from __future__ import annotations

from cto.advisor.conclusion import Advice, Conclusion
from cto.reports.area_parts import join_words, plural
from cto.reports.founder_rating import Signals, rated_area
from cto.reports.founder_wording import challenge_title, conclusion_row, conclusion_table
from cto.reports.model import Area, Metric

CHALLENGES_TOPIC = "challenges"
TITLE = "The eight challenges"


def challenges_area(advice: Advice) -> Area:
    """Every challenge the advisor answered, in the order the product brief lists them."""
    answers = [c for c in advice.conclusions if c.topic == CHALLENGES_TOPIC]
    raised = [c for c in answers if c.answer == "raise"]
    unknown = [c for c in answers if c.answer == "cannot-tell"]
    fine = [c for c in answers if c.answer == "fine"]
    metrics = [
        Metric("raised", "Raised", len(raised), "challenges", "Act on it, or decide not to."),
        Metric("fine", "Fine", len(fine), "challenges", "Nothing to act on."),
        Metric(
            "cannot_tell",
            "Cannot tell",
            len(unknown),
            "challenges",
            "The record lacks the facts; the table says which.",
        ),
    ]
    table = conclusion_table(
        "challenges",
        "The eight challenges",
        "Challenge",
        [conclusion_row(challenge_title(c.rule), c) for c in answers],
        note="Answered from the profile, the roadmap, the vendors, the ADRs and the latest audits.",
    )
    signals = Signals(
        raised=tuple((c.rule, challenge_title(c.rule)) for c in raised),
        missing=tuple(_missing(c) for c in answers if c.answer == "cannot-tell" or c.missing),
    )
    said = _sentences(raised, unknown, fine)
    return rated_area("challenges", TITLE, signals, said, metrics, [table])


def _sentences(
    raised: list[Conclusion], unknown: list[Conclusion], fine: list[Conclusion]
) -> list[str]:
    said = []
    if raised:
        titles = [challenge_title(c.rule) for c in raised]
        count = plural(len(raised), "challenge", "challenges")
        said.append(f"The advisor raises {count}: {join_words(titles)}.")
    else:
        said.append("The advisor raises none of the challenges.")
    if unknown:
        said.append(f"{len(unknown)} cannot be told yet; the table says what is missing.")
    said.append(f"{plural(len(fine), 'is', 'are')} fine.")
    return said


def _missing(conclusion: Conclusion) -> str:
    title = challenge_title(conclusion.rule)
    if conclusion.answer == "cannot-tell":
        return f"{title} cannot be told"
    return f"{title} lacks {join_words(conclusion.missing)}"
