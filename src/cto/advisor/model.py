"""Engagement model: which technical leadership fits now, and is it time for a full-time CTO.

Rules in ``rules/model.toml``. The choice is a decision list, first match wins: a full-time CTO
(enough signals and affordable), a technical advisor (only narrow questions), a lead developer
(a technical founder whose problem is delivery), an agency lead (a technical founder building
through an agency), else a fractional CTO (any situation that calls for outside senior judgment,
or full-time signals not yet enough or not yet affordable).
"""

from __future__ import annotations

from cto.advisor.conclusion import Conclusion
from cto.advisor.facts import AdvisorFacts
from cto.advisor.judge import Judge, scalar
from cto.advisor.wording import listing, num
from cto.record.profile import CompanyProfile

CHOICE = "model.choice"
FULL_TIME = "model.full-time-cto"
ADVISOR = "model.technical-advisor"
LEAD = "model.lead-developer"
AGENCY = "model.agency-lead"
FRACTIONAL = "model.fractional-cto"
FIRST_CTO = "model.first-full-time-cto"
NO_PROFILE = "the company profile (cto init)"
SITUATIONS = "situations: which of the situations in the profile apply (cto init)"


def analyse(facts: AdvisorFacts, judge: Judge) -> list[Conclusion]:
    """The recommended engagement model and the full-time CTO question."""
    return [recommend(facts, judge), first_full_time_cto(facts, judge)]


def full_time_signals(profile: CompanyProfile, judge: Judge) -> list[str]:
    """The full-time CTO signals present, each as the profile shows it."""
    situations = {str(s) for s in profile.situations}
    found = [s for s in judge.words(FIRST_CTO, "signals") if s in situations]
    health = judge.flag(FIRST_CTO, "health_data_is_complex_compliance")
    if "complex-compliance" not in found and health and profile.risk.health_data:
        found.append("complex-compliance (derived: the product holds health data)")
    return found


def first_full_time_cto(facts: AdvisorFacts, judge: Judge) -> Conclusion:
    """``raise`` when enough of the five signals are present, ``fine`` when not yet."""
    profile = facts.profile
    if profile is None:
        return judge.conclude(
            FIRST_CTO, "cannot-tell", "No company profile yet.", missing=[NO_PROFILE]
        )
    signals = full_time_signals(profile, judge)
    if not profile.situations and not signals:
        return judge.conclude(
            FIRST_CTO,
            "cannot-tell",
            "The profile records no situations to weigh.",
            missing=[SITUATIONS],
        )
    needed = int(judge.number(FIRST_CTO, "signals_at_least"))
    absent = [
        s for s in judge.words(FIRST_CTO, "signals") if not any(f.startswith(s) for f in signals)
    ]
    reasons = [f"Signal present: {signal}." for signal in signals]
    reasons.append(f"Signals absent: {listing(absent) or 'none'}.")
    if len(signals) >= needed:
        reasons.extend(_affordability(profile, judge))
        return judge.conclude(
            FIRST_CTO,
            "raise",
            f"Yes: {len(signals)} of 5 full-time CTO signals are present ({needed} are enough).",
            reasons=reasons,
            evidence=["profile: situations, risk.health_data"],
        )
    return judge.conclude(
        FIRST_CTO,
        "fine",
        f"Not yet: {len(signals)} of 5 full-time CTO signals are present ({needed} needed).",
        reasons=reasons,
        recommendation="Bridge with a strong lead engineer or a fractional CTO; ask again when "
        "more signals appear.",
        evidence=["profile: situations, risk.health_data"],
    )


def _affordability(profile: CompanyProfile, judge: Judge) -> list[str]:
    budget, runway = profile.monthly_tech_budget, profile.runway_months
    floor = judge.number(FULL_TIME, "min_monthly_budget")
    months = judge.number(FULL_TIME, "min_runway_months")
    notes = []
    if budget is None or runway is None:
        notes.append("Budget or runway unknown: check the hire is affordable before recruiting.")
    if budget is not None and budget < floor:
        notes.append(
            f"The monthly technology budget ({num(budget)} {profile.currency}) is below "
            f"{num(floor)}: a full-time CTO may not be affordable yet."
        )
    if runway is not None and runway < months:
        notes.append(
            f"Runway of {runway} months is under {num(months)}: a permanent hire is a risk."
        )
    return notes


def recommend(facts: AdvisorFacts, judge: Judge) -> Conclusion:
    """The engagement model that fits, with reasons and its watch-outs."""
    question = judge.rule(CHOICE).question
    profile = facts.profile
    if profile is None:
        return judge.conclude(
            CHOICE, "cannot-tell", "No company profile yet.", missing=[NO_PROFILE]
        )
    situations = [str(s) for s in profile.situations]
    if not situations:
        return judge.conclude(
            CHOICE,
            "cannot-tell",
            "The profile records no situations to choose a model from.",
            missing=[SITUATIONS, "team.founder_technical"],
        )
    reasons = [f"Situations recorded: {listing(situations)}."]
    team, chosen = profile.team, FRACTIONAL
    signals = full_time_signals(profile, judge)
    needed = int(judge.number(FIRST_CTO, "signals_at_least"))
    if len(signals) >= needed and not _affordability(profile, judge):
        chosen = FULL_TIME
        reasons.append(
            f"{len(signals)} full-time CTO signals and the budget and runway to fund one."
        )
    elif len(signals) >= needed:
        reasons.append(f"{len(signals)} full-time CTO signals, but the hire is not yet affordable.")
        reasons.extend(_affordability(profile, judge))
    elif set(situations) <= set(judge.words(ADVISOR, "advisor_situations")):
        chosen = ADVISOR
        reasons.append("Only a narrow question is recorded: no ongoing ownership is needed.")
    elif team.founder_technical and set(situations) <= set(
        judge.words(LEAD, "delivery_situations")
    ):
        chosen = LEAD
        reasons.append(
            f"The founder is technical and sets direction; what remains ({listing(situations)}) "
            "is delivery."
        )
    elif (
        team.founder_technical
        and team.uses_agency
        and set(situations) <= set(judge.words(AGENCY, "agency_situations"))
    ):
        chosen = AGENCY
        reasons.append("The founder is technical and the build runs through an agency.")
    else:
        outside = [s for s in situations if s in judge.words(CHOICE, "outsourcing_situations")]
        if outside:
            reasons.append(f"Outside senior judgment fits: {listing(outside)}.")
        if signals:
            reasons.append(f"Full-time signals below {needed}: {listing(signals)}; bridge the gap.")
    recommendation = judge.rule(chosen).recommendation
    if chosen == FRACTIONAL:
        recommendation, extra = _fractional(facts, situations, judge)
        reasons.extend(extra)
    title = judge.rule(chosen).title
    return judge.conclude(
        chosen,
        "fine",
        f"Recommended: {title[0].lower()}{title[1:]}.",
        reasons=reasons,
        recommendation=recommendation,
        question=question,
        evidence=["profile: situations, team, monthly_tech_budget, runway_months"],
    )


def _fractional(facts: AdvisorFacts, situations: list[str], judge: Judge) -> tuple[str, list[str]]:
    low, high = judge.number(FRACTIONAL, "hours_min"), judge.number(FRACTIONAL, "hours_max")
    by_situation = judge.table(FRACTIONAL, "structure_for")
    structures = [str(by_situation[s]) for s in situations if s in by_situation]
    structure = structures[0] if structures else str(judge.value(FRACTIONAL, "default_structure"))
    reasons = []
    engagement = facts.engagement
    if engagement is not None and engagement.structure != structure:
        reasons.append(
            f"The recorded engagement is {engagement.structure}; the main situation suggests "
            f"{structure}."
        )
    hours = engagement.weekly_hours if engagement else None
    if hours is not None and not low <= hours <= high:
        reasons.append(
            f"The engagement records {hours} hours a week, outside the fractional range of "
            f"{scalar(low)}–{scalar(high)}."
        )
    text = judge.rule(FRACTIONAL).recommendation.format(
        hours_min=scalar(low), hours_max=scalar(high), structure=structure
    )
    return text, reasons
