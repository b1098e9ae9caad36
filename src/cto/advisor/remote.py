"""Remote fit: the eight-factor checklist, scored 1 to 5 each, and the weak-fit signs.

Rules in ``rules/remote-fit.toml``. A factor the founder scored in ``profile.remote_fit`` is used
as given; the cloud-native and no-physical-infrastructure factors can be derived from the product
type and the team's remote experience from ``team.remote_experience`` (the reasons say so). With
a factor still unknown the answer is ``cannot-tell`` naming it.
"""

from __future__ import annotations

from cto.advisor.conclusion import Conclusion
from cto.advisor.facts import AdvisorFacts
from cto.advisor.judge import Judge, scalar
from cto.record.profile import CompanyProfile, RemoteFactor

RULE = "remote-fit.checklist"
DERIVED = {
    RemoteFactor.CLOUD_NATIVE_PRODUCT: ("cloud_native_by_product_type", "product_type"),
    RemoteFactor.NO_PHYSICAL_INFRASTRUCTURE: (
        "no_physical_infrastructure_by_product_type",
        "product_type",
    ),
    RemoteFactor.TEAM_REMOTE_EXPERIENCE: ("remote_experience_scores", "team.remote_experience"),
}


def analyse(facts: AdvisorFacts, judge: Judge) -> list[Conclusion]:
    """The remote-fit conclusion."""
    return [remote_fit(facts, judge)]


def remote_fit(facts: AdvisorFacts, judge: Judge) -> Conclusion:
    """``fine`` above the threshold, ``raise`` at or below it (or with too many weak signs)."""
    profile = facts.profile
    if profile is None:
        return judge.conclude(
            RULE,
            "cannot-tell",
            "No company profile yet.",
            missing=[f"remote_fit.{factor}" for factor in RemoteFactor],
        )
    scores, reasons = _scores(profile, judge)
    signs = weak_signs(profile, judge)
    sign_reasons = [f"Weak-fit sign: {sign}." for sign in signs]
    missing = [f"remote_fit.{factor}" for factor in RemoteFactor if factor not in scores]
    if missing:
        return judge.conclude(
            RULE,
            "cannot-tell",
            f"{len(scores)} of 8 remote-fit factors are known; all eight are needed.",
            reasons=reasons + sign_reasons,
            missing=missing,
            evidence=["profile: remote_fit"],
        )
    total = sum(scores.values())
    above = judge.number(RULE, "good_fit_above")
    raise_at = judge.number(RULE, "weak_signs_raise_at")
    reasons = [
        *reasons,
        f"Total {total} of 40 (a good fit is above {scalar(above)}).",
        *sign_reasons,
    ]
    evidence = ["profile: remote_fit, product_type, team.remote_experience, situations"]
    if total > above and len(signs) < raise_at:
        return judge.conclude(
            RULE,
            "fine",
            f"Good remote fit: {total} of 40.",
            reasons=reasons,
            evidence=evidence,
            recommendation=judge.rule(RULE).recommendation,
        )
    why = f"{total} of 40" if total <= above else f"{len(signs)} weak-fit signs"
    return judge.conclude(
        RULE,
        "raise",
        f"Weak remote fit: {why}.",
        reasons=reasons,
        evidence=evidence,
        recommendation="Plan for presence: regular on-site days, a local lead for hands-on work, "
        "or a full-time or local leader for the parts that need it.",
    )


def _scores(profile: CompanyProfile, judge: Judge) -> tuple[dict[RemoteFactor, int], list[str]]:
    scores: dict[RemoteFactor, int] = {}
    reasons = []
    for factor in RemoteFactor:
        if factor in profile.remote_fit:
            scores[factor] = profile.remote_fit[factor]
            reasons.append(f"{factor}: {scores[factor]} (scored in the profile).")
            continue
        if factor not in DERIVED:
            continue
        table_name, field = DERIVED[factor]
        known = _field(profile, field)
        table = judge.table(RULE, table_name)
        if known is not None and known in table:
            scores[factor] = int(table[known])
            reasons.append(f"{factor}: {scores[factor]} (derived from {field} {known}).")
    return scores, reasons


def _field(profile: CompanyProfile, field: str) -> str | None:
    if field == "product_type":
        return str(profile.product_type) if profile.product_type else None
    experience = profile.team.remote_experience
    return str(experience) if experience else None


def weak_signs(profile: CompanyProfile, judge: Judge) -> list[str]:
    """The weak-fit signs the profile shows."""
    signs = []
    kind = str(profile.product_type or "")
    if kind == "hardware" or str(profile.business_model or "") == "hardware":
        signs.append("hardware-dependent product (needs physical lab access)")
    regulated = profile.risk.regulations or profile.risk.health_data
    if kind == "on-premises" and regulated:
        signs.append("regulated on-premises work (physical access rules)")
    comfort = profile.remote_fit.get(RemoteFactor.FOUNDER_ASYNC_COMFORT)
    if comfort is not None and comfort <= judge.number(RULE, "presence_needed_at_most"):
        signs.append(f"a founder who needs presence (async comfort {comfort} of 5)")
    if profile.team.remote_experience == "none":
        signs.append("a team new to remote work")
    return signs
