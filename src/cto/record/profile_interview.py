"""The questions ``cto init`` asks, each after saying why its answer matters.

:func:`interview` takes two callables (ask a question, say a line) so the same interview runs in
a terminal, in tests, or later behind a web form. Every answer but the name may be left blank or
answered ``unknown``: the advisor then says what it cannot tell instead of guessing. A bad answer
is explained and asked again; nothing is stored until the whole profile is valid.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError

from cto.record.items import build
from cto.record.profile import CompanyProfile, Goal, RemoteFactor
from cto.record.profile_text import FACTOR_HELP, FIELD_HELP

Ask = Callable[[str, str], str]
"""Ask a question with a default answer ('' for none) and return the answer."""
Say = Callable[[str], None]
"""Show a line of explanation."""

UNKNOWN = {"", "unknown", "?", "-"}


def _text(answer: str) -> str | None:
    return None if answer.strip().lower() in UNKNOWN else answer.strip()


def _number(answer: str) -> int | None:
    text = _text(answer)
    if text is None:
        return None
    try:
        return int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise ValueError(f"'{text}' is not a whole number") from None


def _yes_no(answer: str) -> bool | None:
    text = _text(answer)
    if text is None:
        return None
    if text.lower() in {"y", "yes", "true"}:
        return True
    if text.lower() in {"n", "no", "false"}:
        return False
    raise ValueError(f"'{text}' is not yes or no")


def _items(answer: str) -> list[str]:
    text = _text(answer)
    return [] if text is None else [part.strip() for part in text.split(",") if part.strip()]


def _currency(answer: str) -> str:
    text = _text(answer)
    return "USD" if text is None else text.upper()


def _name(answer: str) -> str:
    if _text(answer) is None:
        raise ValueError("the company's name is needed")
    return answer.strip()


@dataclass(frozen=True)
class Question:
    """One question: the dotted field it fills, what to ask, how to read the answer."""

    path: str
    prompt: str
    read: Callable[[str], Any]


def _choices(name: str, values: str) -> str:
    return f"{name} ({values})"


QUESTIONS = (
    Question("name", "Company name", _name),
    Question("stage", _choices("Stage", "idea, prototype, mvp, launched, growth, scale"), _text),
    Question(
        "business_model",
        _choices(
            "Business model",
            "b2b-saas, b2c-subscription, marketplace, e-commerce, transactional, advertising, "
            "hardware, services, internal-tool, other",
        ),
        _text,
    ),
    Question("core_workflow", "Core workflow, in one or two sentences", _text),
    Question(
        "product_type",
        _choices("Product type", "cloud-native, mobile, on-premises, hardware, hybrid"),
        _text,
    ),
    Question("team.size", "People building the product", _number),
    Question("team.roles", "Their roles, comma-separated", _items),
    Question(
        "team.remote_experience", _choices("Remote experience", "none, some, experienced"), _text
    ),
    Question("team.founder_technical", "Is a founder technical? (yes/no)", _yes_no),
    Question("team.uses_agency", "Built by an agency or freelancers? (yes/no)", _yes_no),
    Question("monthly_tech_budget", "Monthly technology budget (a whole number)", _number),
    Question("currency", "Currency", _currency),
    Question("runway_months", "Runway in months", _number),
    Question("risk.personal_data", "Personal data? (yes/no)", _yes_no),
    Question("risk.health_data", "Health data? (yes/no)", _yes_no),
    Question("risk.payment_data", "Payment card data? (yes/no)", _yes_no),
    Question("risk.regulations", "Regulations, comma-separated", _items),
    Question(
        "risk.uptime", _choices("Uptime need", "best-effort, business-hours, high, critical"), _text
    ),
    Question(
        "situations",
        "Situations, comma-separated: non-technical-founder, prototype-to-product, "
        "agency-or-freelancers, unstable-or-slow, fundraising-or-enterprise-sales, "
        "senior-hire-premature, technology-is-core, long-term-architecture, "
        "building-engineering-team, rapid-user-growth, complex-compliance, narrow-question",
        _items,
    ),
)
"""The interview's questions in order; goals and remote-fit scores follow them."""


def interview(ask: Ask, say: Say, current: CompanyProfile | None = None) -> CompanyProfile:
    """Ask every question and return the profile; ``current`` answers are the defaults."""
    known: dict[str, Any] = current.model_dump(mode="json") if current else {}
    data: dict[str, Any] = {}
    for question in QUESTIONS:
        say("")
        say(FIELD_HELP[question.path])
        _set(data, question.path, _ask_until_valid(ask, say, question, data, known))
    data["goals"] = _goals(ask, say, current)
    data["remote_fit"] = _remote_fit(ask, say, current)
    return build(CompanyProfile, data)


def _ask_until_valid(
    ask: Ask, say: Say, question: Question, data: dict[str, Any], known: dict[str, Any]
) -> Any:
    default = _shown(_get(known, question.path))
    while True:
        try:
            value = question.read(ask(question.prompt, default))
            _check(data, question.path, value)
            return value
        except ValueError as error:
            say(f"  {error}; try again (blank if unknown)")


def _check(data: dict[str, Any], path: str, value: Any) -> None:
    """Raise ValueError when the model refuses ``value`` at ``path``."""
    trial = {"name": "trial", **{k: dict(v) if isinstance(v, dict) else v for k, v in data.items()}}
    _set(trial, path, value)
    try:
        CompanyProfile.model_validate(trial)
    except ValidationError as error:
        for problem in error.errors():
            where = ".".join(str(part) for part in problem["loc"])
            if where == path or where.startswith(path + "."):
                raise ValueError(str(problem["msg"]).removeprefix("Value error, ")) from None


def _goals(ask: Ask, say: Say, current: CompanyProfile | None) -> list[dict[str, Any]]:
    say("")
    say(FIELD_HELP["goals"])
    goals: list[dict[str, Any]] = []
    if current and current.goals:
        count = len(current.goals)
        if _yes_no(ask(f"Keep the {count} goals already recorded? (yes/no)", "yes")) is not False:
            goals = [goal.model_dump() for goal in current.goals]
    while title := ask("Goal (blank when done)", "").strip():
        metric = ""
        while not metric:
            metric = ask("  Metric that shows progress", "").strip()
        target = _text(ask("  Target (blank if unknown)", ""))
        due = _ask_date(ask, say, "  Due date YYYY-MM-DD (blank if unknown)")
        goal = {"id": _unique_slug(title, goals), "title": title, "metric": metric}
        try:
            goals.append(Goal.model_validate({**goal, "target": target, "due": due}).model_dump())
        except ValidationError as error:
            say(f"  goal not recorded: {error.errors()[0]['msg']}")
    return goals


def _ask_date(ask: Ask, say: Say, prompt: str) -> date | None:
    while True:
        text = _text(ask(prompt, ""))
        try:
            return None if text is None else date.fromisoformat(text)
        except ValueError:
            say(f"  '{text}' is not a date in the form YYYY-MM-DD")


def _remote_fit(ask: Ask, say: Say, current: CompanyProfile | None) -> dict[str, int]:
    say("")
    say(FIELD_HELP["remote_fit"])
    scores = {str(k): v for k, v in current.remote_fit.items()} if current else {}
    if not _yes_no(ask("Score them now? (yes/no)", "no")):
        return scores
    for factor in RemoteFactor:
        prompt = f"  {factor}: {FACTOR_HELP[factor]} (1-5, blank if unknown)"
        while True:
            try:
                score = _number(ask(prompt, _shown(scores.get(factor.value))))
                if score is not None and not 1 <= score <= 5:
                    raise ValueError(f"{score} is not between 1 and 5")
                break
            except ValueError as error:
                say(f"  {error}")
        scores.pop(factor.value, None)
        if score is not None:
            scores[factor.value] = score
    return scores


def _unique_slug(title: str, goals: list[dict[str, Any]]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:56] or "goal"
    taken = {goal["id"] for goal in goals}
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _get(data: dict[str, Any], path: str) -> Any:
    value: Any = data
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
