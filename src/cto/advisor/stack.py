"""Stack and architecture advice: refused until the profile is complete, then stage-fit advice.

Rules in ``rules/stack.toml``. ``stack.readiness`` answers cannot-tell, naming exactly what
:func:`cto.record.profile.missing_for_advice` reports, until the business model, the core
workflow, the team, the budget and the risk profile are known. Then every advice rule whose
conditions hold (stage, team size, product type, budget, risk flags, uptime) is given with its
trade-offs.
"""

from __future__ import annotations

from collections.abc import Callable

from cto.advisor.conclusion import Conclusion
from cto.advisor.facts import AdvisorFacts
from cto.advisor.judge import Judge, scalar
from cto.advisor.rulebook import Rule
from cto.advisor.wording import listing, num
from cto.record.profile import CompanyProfile, missing_for_advice

READINESS = "stack.readiness"
RISK_FLAGS = {
    "personal_data": "personal data",
    "health_data": "health data",
    "payment_data": "payment data",
}


def analyse(facts: AdvisorFacts, judge: Judge) -> list[Conclusion]:
    """The readiness answer, then every advice that applies (none while refused)."""
    profile = facts.profile
    missing = missing_for_advice(profile)
    if missing or profile is None:
        return [
            judge.conclude(
                READINESS,
                "cannot-tell",
                f"No stack or architecture advice until the profile holds: {listing(missing)}.",
                missing=missing,
            )
        ]
    reasons = [
        f"Business model: {profile.business_model}; stage: {profile.stage or 'unknown'}.",
        f"Core workflow: {(profile.core_workflow or '').rstrip('.')}.",
        f"Team of {profile.team.size}; budget {num(profile.monthly_tech_budget or 0)} "
        f"{profile.currency} a month; runway {profile.runway_months} months.",
    ]
    if facts.audit is not None:
        languages = facts.audit.languages()[:3]
        reasons.append(
            "Audited code: " + (", ".join(name for name, _ in languages) or "none") + "."
        )
    advice, skipped = [], []
    for rule in judge.book.topic("stack"):
        if rule.id == READINESS:
            continue
        why = conditions(rule, profile, judge)
        if why is None:
            used = judge.take_used()
            if used:
                reasons.append(f"Not advised: {rule.title} (an overridden condition fails).")
                skipped.extend(used)
            continue
        advice.append(
            judge.conclude(
                rule.id,
                "raise" if rule.raises else "fine",
                rule.recommendation,
                reasons=why,
                evidence=["profile"],
                recommendation="",
            )
        )
    ready = judge.conclude(
        READINESS,
        "fine",
        "The profile holds what stack advice needs.",
        reasons=reasons,
        recommendation="",
        evidence=["profile"],
        also=skipped,
    )
    return [ready, *advice]


def conditions(rule: Rule, profile: CompanyProfile, judge: Judge) -> list[str] | None:
    """Why ``rule`` applies to the profile, or ``None`` when one of its conditions fails."""
    reasons = []
    for name in rule.thresholds:
        check = _CHECKS.get(name)
        if check is None:
            continue
        reason = check(profile, judge.value(rule.id, name))
        if reason is None:
            return None
        reasons.append(reason)
    return reasons or ["Applies to every company."]


def _in(
    field: Callable[[CompanyProfile], object], label: str
) -> Callable[[CompanyProfile, object], str | None]:
    def check(profile: CompanyProfile, allowed: object) -> str | None:
        value = field(profile)
        values = [str(item) for item in allowed] if isinstance(allowed, list) else [str(allowed)]
        if value is None or str(value) not in values:
            return None
        return f"{label} is {value} (one of {listing(values)})."

    return check


def _size_at_most(profile: CompanyProfile, limit: object) -> str | None:
    size = profile.team.size
    if size is None or not isinstance(limit, int | float) or size > limit:
        return None
    return f"Team of {size} (at most {scalar(limit)})."


def _size_at_least(profile: CompanyProfile, limit: object) -> str | None:
    size = profile.team.size
    if size is None or not isinstance(limit, int | float) or size < limit:
        return None
    return f"Team of {size} (at least {scalar(limit)})."


def _budget_below(profile: CompanyProfile, limit: object) -> str | None:
    budget = profile.monthly_tech_budget
    if budget is None or not isinstance(limit, int | float) or budget >= limit:
        return None
    return f"Monthly budget {num(budget)} {profile.currency} (below {num(limit)})."


def _needs(profile: CompanyProfile, flags: object) -> str | None:
    wanted = flags if isinstance(flags, list) else [flags]
    held = [
        RISK_FLAGS[str(f)] for f in wanted if str(f) in RISK_FLAGS and getattr(profile.risk, str(f))
    ]
    return f"The product holds {listing(held)}." if held else None


_CHECKS: dict[str, Callable[[CompanyProfile, object], str | None]] = {
    "stages": _in(lambda p: p.stage, "Stage"),
    "product_types": _in(lambda p: p.product_type, "Product type"),
    "business_models": _in(lambda p: p.business_model, "Business model"),
    "uptimes": _in(lambda p: p.risk.uptime, "Uptime need"),
    "team_size_at_most": _size_at_most,
    "team_size_at_least": _size_at_least,
    "budget_below": _budget_below,
    "needs": _needs,
}

CONDITIONS = frozenset(_CHECKS)
"""The condition thresholds a stack advice rule may have (see ``rules/stack.toml``)."""
