"""The advice as plain text, for the terminal: answer badge, headline, reasons, what is missing.

Every conclusion that used an overridden threshold shows the override with its reason and who
made it, right under the answer it changed; override problems come first.
"""

from __future__ import annotations

from cto.advisor.conclusion import Advice, Conclusion

BADGES = {"raise": "RAISE", "fine": "FINE", "cannot-tell": "CANNOT TELL"}
TOPIC_TITLES = {
    "model": "Engagement model",
    "remote-fit": "Remote fit",
    "challenges": "The eight challenges",
    "stack": "Stack and architecture",
    "candidate": "Hiring a CTO",
}


def render_text(advice: Advice) -> str:
    """The whole advice as text, grouped by topic."""
    lines: list[str] = []
    if advice.override_problems:
        lines.append("Overrides not applied:")
        lines.extend(f"  ! {problem}" for problem in advice.override_problems)
        lines.append("")
    topic = None
    for conclusion in advice.conclusions:
        if conclusion.topic != topic:
            if topic is not None:
                lines.append("")
            topic = conclusion.topic
            title = TOPIC_TITLES.get(topic, topic)
            lines.extend((title, "=" * len(title)))
        lines.extend(conclusion_lines(conclusion))
    if advice.questions:
        lines.extend(("", "Questions to ask a CTO candidate", "-" * 32))
        for number, question in enumerate(advice.questions, 1):
            lines.append(f"{number}. {question.question}")
            lines.append(f"   A good answer: {question.good_answer}")
    return "\n".join(lines).rstrip() + "\n"


def conclusion_lines(conclusion: Conclusion) -> list[str]:
    """One conclusion: badge and headline, then its parts, indented."""
    lines = [
        "",
        f"[{BADGES[conclusion.answer]}] {conclusion.question}",
        f"  {conclusion.headline}",
    ]
    sections = (
        ("Why", conclusion.reasons),
        ("Missing", conclusion.missing),
        ("Watch out", conclusion.watch_outs),
        ("Trade-offs", conclusion.trade_offs),
        ("Overridden", [override.describe() for override in conclusion.overrides]),
    )
    for label, items in sections:
        if items:
            lines.append(f"  {label}:")
            lines.extend(f"    - {item}" for item in items)
    if conclusion.recommendation:
        lines.append(f"  Next: {conclusion.recommendation}")
    lines.append(f"  (rule {conclusion.rule})")
    return lines
