"""The founder report's engagement view: which technical leadership fits, and the agreed terms.

From the advisor: the recommended engagement model with its watch-outs, whether it is time for a
first full-time CTO, the remote-fit total and verdict, hiring readiness and the questions to ask
a CTO candidate. From the record, when one is recorded: the engagement's structure, dates, hours
and response times, the decision rights per area (who decides, who is consulted, who is
informed; an area nobody decides counts as missing), and every rule override with its reason.
Overrides the advisor could not apply are listed, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cto.advisor.candidate import READINESS
from cto.advisor.conclusion import Advice, Conclusion
from cto.advisor.model import FIRST_CTO
from cto.advisor.remote import RULE as REMOTE_FIT
from cto.record.engagement import DecisionArea, Engagement, structure_info
from cto.reports.area_parts import join_words, plural
from cto.reports.founder_rating import Signals, rated_area
from cto.reports.founder_wording import conclusion_row, conclusion_table
from cto.reports.model import Area, Cell, Metric, Table

TITLE = "Engagement view"
NO_ENGAGEMENT = (
    "No engagement recorded yet — start one with `cto engagement start` (or `cto init "
    "--structure`) so decision rights, hours and response times are in writing."
)
QUESTIONS = (
    ("model", "Engagement model", ""),
    (FIRST_CTO, "Time for a first full-time CTO?", "a first full-time CTO"),
    (REMOTE_FIT, "Remote fit", "a weak remote fit"),
    (READINESS, "Hiring readiness", "hiring a CTO now"),
)
"""Each answer shown: which rule (or topic), the question as a row label, and how a raise reads."""
_TOTAL = re.compile(r"\bTotal (\d+) of 40\b")


def engagement_view_area(advice: Advice, engagement: Engagement | None) -> Area:
    """The advisor's view of the engagement and, when recorded, its written terms."""
    shown = [(label, raised, c) for key, label, raised in QUESTIONS for c in _answers(advice, key)]
    metrics = [
        Metric(
            "remote_fit_total",
            "Remote-fit total",
            remote_fit_total(advice),
            "of 40",
            "Eight factors scored 1 to 5 each; above 30 suggests a remote engagement fits.",
        ),
        Metric(
            "weekly_hours",
            "Agreed weekly hours",
            engagement.weekly_hours if engagement else None,
            "hours",
            "From the recorded engagement.",
        ),
    ]
    rows = [conclusion_row(label, conclusion) for label, _, conclusion in shown]
    tables = [conclusion_table("advice", "The advisor's view", "Question", rows)]
    said = [c.headline for _, _, c in shown]
    missing = [f"{label}: {c.headline.rstrip('.')}" for label, _, c in shown if _lacks(c)]
    if engagement is None:
        said.insert(0, NO_ENGAGEMENT)
        missing.insert(0, "no engagement recorded yet")
    else:
        info = structure_info(engagement.structure)
        said.insert(0, f"Engagement: {info['title']}, {engagement.weekly_hours} hours a week.")
        tables += [_terms(engagement, info["title"]), _rights(engagement)]
        if engagement.overrides:
            tables.append(_overrides(engagement))
        unagreed = [a.value for a in DecisionArea if a not in engagement.decision_rights]
        if unagreed:
            missing.append(f"nobody recorded as deciding {join_words(unagreed)}")
    attention = []
    if advice.override_problems:
        count = len(advice.override_problems)
        attention.append(f"{plural(count, 'override', 'overrides')} not applied")
        problems = tuple((problem,) for problem in advice.override_problems)
        tables.append(Table("override_problems", "Overrides not applied", ("Problem",), problems))
    if advice.questions:
        tables.append(_questions(advice))
    signals = Signals(
        raised=tuple((c.rule, raised) for _, raised, c in shown if c.answer == "raise"),
        attention=tuple(attention),
        missing=tuple(missing),
    )
    return rated_area("engagement_view", TITLE, signals, said, metrics, tables)


def remote_fit_total(advice: Advice) -> int | None:
    """The remote-fit total the advisor computed, ``None`` while a factor is unknown."""
    for conclusion in _answers(advice, REMOTE_FIT):
        for reason in conclusion.reasons:
            found = _TOTAL.search(reason)
            if found:
                return int(found[1])
    return None


def _answers(advice: Advice, key: str) -> list[Conclusion]:
    """The conclusions of a rule, or of the ``model`` topic's recommended model."""
    if key == "model":
        return [c for c in advice.conclusions if c.topic == "model" and c.rule != FIRST_CTO]
    return [c for c in advice.conclusions if c.rule == key]


def _lacks(conclusion: Conclusion) -> bool:
    return conclusion.answer == "cannot-tell" or bool(conclusion.missing)


def _terms(engagement: Engagement, title: str) -> Table:
    response = engagement.response
    after = response.after_hours_p1_minutes
    rows: Sequence[tuple[Cell, Cell]] = (
        ("Structure", f"{title} ({engagement.structure.value})"),
        ("Started", engagement.started.isoformat() if engagement.started else None),
        ("Ends", engagement.ends.isoformat() if engagement.ends else "open-ended"),
        ("Weekly hours", engagement.weekly_hours),
        ("Blocking questions answered within", f"{response.blocking_question_hours:g} h"),
        ("Critical incidents in business hours", f"{response.critical_incident_minutes} min"),
        ("P1 incidents after hours", f"{after} min" if after is not None else "not covered"),
        ("Weekends", response.weekends or None),
        ("Expected outputs", "; ".join(engagement.outputs) or None),
        ("Rhythm", "; ".join(engagement.rhythm) or None),
        ("The founder owns", "; ".join(engagement.founder_owns) or None),
        ("The team owns", "; ".join(engagement.team_owns) or None),
    )
    return Table("terms", "Engagement terms", ("Term", "Agreed"), tuple(rows))


def _rights(engagement: Engagement) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for area in DecisionArea:
        right = engagement.decision_rights.get(area)
        if right is None:
            rows.append((area.value, "not agreed", None, None))
        else:
            consulted, informed = ", ".join(right.consulted), ", ".join(right.informed)
            rows.append((area.value, right.decides, consulted or None, informed or None))
    return Table(
        "decision_rights",
        "Decision rights",
        ("Area", "Decides", "Consulted", "Informed"),
        tuple(rows),
        note="A CTO without decision rights becomes powerless: every area should name who decides.",
    )


def _overrides(engagement: Engagement) -> Table:
    rows = tuple(
        (
            item.rule,
            item.threshold,
            str(item.value).lower() if isinstance(item.value, bool) else item.value,
            item.reason,
            item.by,
            item.on.isoformat() if item.on else None,
        )
        for item in engagement.overrides
    )
    columns = ("Rule", "Threshold", "Value", "Reason", "By", "On")
    return Table("overrides", "Rule thresholds this engagement overrides", columns, rows)


def _questions(advice: Advice) -> Table:
    rows = tuple((question.question, question.good_answer) for question in advice.questions)
    columns = ("Question to ask a CTO candidate", "A good answer")
    return Table("candidate_questions", "Questions to ask a CTO candidate", columns, rows)
