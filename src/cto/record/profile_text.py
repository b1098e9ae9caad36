"""The company profile in words: why each answer matters, reading it from TOML, showing it.

``cto init`` asks its questions with the help texts here (so a founder knows what each answer
changes), ``cto init --from profile.toml`` reads the same fields from a file mirroring
:class:`~cto.record.profile.CompanyProfile` (see ``docs/examples/profile.toml``), and
``cto profile show`` prints :func:`profile_lines`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from cto.record.items import RecordError, build
from cto.record.profile import CompanyProfile, RemoteFactor, missing_for_advice

FIELD_HELP: dict[str, str] = {
    "name": "The company's name, used in every report.",
    "stage": "Stage decides what good looks like: a prototype should be cheap to throw away, "
    "a product in growth must not fall over.",
    "business_model": "How the company earns money decides which parts of the product must be "
    "dependable first (billing for a subscription, matching for a marketplace).",
    "core_workflow": "The one workflow customers pay for; the data model and the first "
    "architecture must serve it, everything else can wait.",
    "product_type": "Where the product runs: hardware or on-premises work needs people on site "
    "and weighs against a remote engagement.",
    "team.size": "The people building the product today; a stack or an MVP only fits a team "
    "that can carry it.",
    "team.roles": "Their roles (for example backend, mobile, design) show the gaps a hire or "
    "a vendor must fill.",
    "team.remote_experience": "A team new to remote work needs more structure before a remote "
    "fractional CTO can work well with it.",
    "team.founder_technical": "A non-technical founder needs decisions explained in business "
    "terms and someone on their side when vendors estimate.",
    "team.uses_agency": "An agency or freelancers optimise for their own scope; someone must "
    "represent the company's interest in their estimates and code.",
    "monthly_tech_budget": "The monthly technology budget (people, vendors, cloud, tools) limits "
    "what can be built and bought.",
    "currency": "The currency of budgets and spend (three letters, for example EUR).",
    "runway_months": "Runway decides how large an MVP can be: version one has to ship and "
    "teach something well before the money runs out.",
    "risk.personal_data": "Personal data brings privacy law (GDPR and the like) into every "
    "design decision.",
    "risk.health_data": "Health data brings strict rules (HIPAA and the like) and raises the "
    "cost of a mistake.",
    "risk.payment_data": "Card or payment data brings PCI DSS; usually a payment provider "
    "should hold it instead.",
    "risk.regulations": "Regulations or certifications that apply (for example GDPR, SOC 2, "
    "ISO 27001); they shape security work and the roadmap.",
    "risk.uptime": "How much downtime the business can take decides how much is spent on "
    "redundancy, monitoring and on-call.",
    "situations": "Which situations describe the company; the advisor weighs them to suggest "
    "an advisor, a fractional CTO, a full-time CTO or a lead developer.",
    "goals": "Business goals with the metric that shows progress; the roadmap is judged "
    "against them, not against the loudest request.",
    "remote_fit": "The eight remote-fit factors, each 1 (poor) to 5 (strong); above 30 in "
    "total suggests a remote engagement fits.",
}
"""Why each profile field matters, by its dotted path (shown by ``cto init`` before asking)."""

ADVICE_FIELD_HELP: dict[str, str] = {
    "business_model": "the business model (how the company earns money)",
    "core_workflow": "the core workflow customers pay for",
    "team": "the team's size",
    "budget": "the monthly technology budget and the runway in months",
    "risk_profile": "the risk profile: personal, health and payment data, and uptime needs",
}
"""The names :func:`~cto.record.profile.missing_for_advice` returns, said in words."""

FACTOR_HELP: dict[RemoteFactor, str] = {
    RemoteFactor.CLOUD_NATIVE_PRODUCT: "the product runs in the cloud, nothing needs a lab",
    RemoteFactor.TEAM_REMOTE_EXPERIENCE: "the team has worked remotely before",
    RemoteFactor.COMMUNICATION_TOOLS: "chat, code hosting and a project board are in place",
    RemoteFactor.FOUNDER_ASYNC_COMFORT: "the founder is at ease with written, async work",
    RemoteFactor.NO_PHYSICAL_INFRASTRUCTURE: "no servers or devices anyone must touch",
    RemoteFactor.BUDGET_FAVOURS_FRACTIONAL: "the budget suits part-time senior help",
    RemoteFactor.SENIOR_TALENT_OVER_PRESENCE: "senior judgment matters more than presence",
    RemoteFactor.TIME_BOUNDED: "the engagement has a clear end or milestone",
}
"""What a high score of each remote-fit factor means."""


def profile_from_toml(text: str, source: str = "profile.toml") -> CompanyProfile:
    """The profile a TOML document describes (fields as in the model; leave out what is unknown).

    Raises:
        RecordError: the TOML cannot be parsed or a value is invalid (one line).
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RecordError(f"{source} is not valid TOML: {error}") from None
    return build(CompanyProfile, data)


def read_profile_file(path: Path) -> CompanyProfile:
    """The profile described by the TOML file at ``path``.

    Raises:
        RecordError: the file cannot be read, is not TOML, or holds an invalid value.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise RecordError(f"cannot read {path}: {reason}") from None
    return profile_from_toml(text, str(path))


def missing_lines(profile: CompanyProfile | None) -> list[str]:
    """What stack and architecture advice still needs, one line each (empty when nothing)."""
    return [f"- {ADVICE_FIELD_HELP[name]}" for name in missing_for_advice(profile)]


def profile_lines(profile: CompanyProfile) -> list[str]:
    """The profile as readable lines; unknown answers say ``unknown``."""
    team, risk = profile.team, profile.risk
    budget = (
        f"{profile.monthly_tech_budget:,} {profile.currency} a month"
        if profile.monthly_tech_budget is not None
        else "unknown"
    )
    pairs = [
        ("Company", profile.name),
        ("Stage", _say(profile.stage)),
        ("Business model", _say(profile.business_model)),
        ("Core workflow", _say(profile.core_workflow)),
        ("Product type", _say(profile.product_type)),
        ("Team", f"{_say(team.size)} people; roles: {_list(team.roles)}"),
        ("Remote experience", _say(team.remote_experience)),
        ("Founder technical", _say(team.founder_technical)),
        ("Agency/freelancers", _say(team.uses_agency)),
        ("Technology budget", f"{budget}; runway: {_say(profile.runway_months)} months"),
        (
            "Data held",
            f"personal {_say(risk.personal_data)}, health {_say(risk.health_data)}, "
            f"payment {_say(risk.payment_data)}",
        ),
        ("Regulations", _list(risk.regulations)),
        ("Uptime need", _say(risk.uptime)),
        ("Situations", _list([str(s) for s in profile.situations])),
    ]
    width = max(len(label) for label, _ in pairs) + 2
    lines = [f"{label + ':':<{width}}{value}" for label, value in pairs]
    lines.append("Goals:" if profile.goals else f"{'Goals:':<{width}}none recorded")
    for goal in profile.goals:
        target = f", target {goal.target}" if goal.target else ""
        due = f", due {goal.due}" if goal.due else ""
        lines.append(f"  - {goal.title} [{goal.id}]: {goal.metric}{target}{due}")
    if profile.remote_fit:
        total = sum(profile.remote_fit.values())
        scored = len(profile.remote_fit)
        lines.append(f"{'Remote fit:':<{width}}{total} from {scored} of 8 factors scored")
        lines.extend(f"  - {factor}: {score}" for factor, score in profile.remote_fit.items())
    return lines


def _say(value: Any) -> str:
    if value is None or value == "":
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _list(values: list[str]) -> str:
    return ", ".join(values) if values else "none recorded"
