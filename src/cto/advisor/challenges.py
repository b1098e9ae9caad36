"""Two of the eight challenges, about capacity and skills: MVP size and stack fit.

Rules in ``rules/challenges.toml``; the others are in :mod:`cto.advisor.challenges_scope`,
:mod:`cto.advisor.challenges_plan` and :mod:`cto.advisor.debt`. Each answers raise, fine or
cannot-tell and names what is missing.
"""

from __future__ import annotations

from cto.advisor.conclusion import Conclusion
from cto.advisor.facts import AdvisorFacts
from cto.advisor.judge import Judge, scalar
from cto.advisor.wording import listing, mentions, num, plural

MVP = "challenge.mvp-size"
STACK = "challenge.stack-fit"
NEED_ROADMAP = "roadmap initiatives with their effort in person-weeks (cto roadmap)"
NEED_AUDIT = "an audit of the product's repositories (cto audit PATH)"


def mvp_size(facts: AdvisorFacts, judge: Judge) -> Conclusion:
    """``raise`` when the work still to build exceeds the share of the runway it may take."""
    profile, active = facts.profile, facts.active_initiatives
    missing = [] if active else [NEED_ROADMAP]
    size = profile.team.size if profile else None
    runway = profile.runway_months if profile else None
    if not size:
        missing.append("team.size (people building the product in-house; 0 leaves no capacity)")
    if runway is None:
        missing.append("runway_months")
    if missing or not size or runway is None:
        return judge.conclude(
            MVP, "cannot-tell", "Cannot weigh the build against the runway.", missing=missing
        )
    effort = sum(item.effort for item in active)
    weeks, focus = judge.number(MVP, "weeks_per_month"), judge.number(MVP, "focus_share")
    share = judge.number(MVP, "max_runway_share")
    available = size * runway * weeks * focus
    limit = available * share
    largest = sorted(active, key=lambda item: -item.effort)[:3]
    reasons = [
        f"{plural(len(active), 'initiative', 'initiatives')} still to build: {num(effort)} "
        "person-weeks.",
        f"{size} people × {runway} months × {scalar(weeks)} weeks × {scalar(focus)} focus = "
        f"{num(available)} person-weeks before the money runs out.",
        f"The build may take {num(share * 100)}% of that: {num(limit)} person-weeks.",
        "Largest: " + ", ".join(f"{i.title} ({num(i.effort)})" for i in largest) + ".",
    ]
    evidence = ["profile: team.size, runway_months", "roadmap: initiatives (effort, status)"]
    if effort > limit:
        return judge.conclude(
            MVP,
            "raise",
            f"Too large: {num(effort)} person-weeks of work against "
            f"{num(limit)} the runway allows.",
            reasons=reasons,
            evidence=evidence,
        )
    return judge.conclude(
        MVP,
        "fine",
        f"Fits: {num(effort)} person-weeks within the {num(limit)} the runway allows.",
        reasons=reasons,
        evidence=evidence,
    )


def stack_fit(facts: AdvisorFacts, judge: Judge) -> Conclusion:
    """``raise`` when a small or early team carries too many languages, or no engineer."""
    profile, audit = facts.profile, facts.audit
    languages = audit.languages() if audit else []
    missing = [] if languages else [NEED_AUDIT]
    if profile is None or (profile.team.size is None and profile.stage is None):
        missing.append("team.size or stage")
    if missing or profile is None or audit is None:
        return judge.conclude(
            STACK, "cannot-tell", "Cannot compare the stack with the team.", missing=missing
        )
    total = sum(lines for _, lines in languages) or 1
    floor = judge.number(STACK, "language_share_min")
    main = [
        (name, 100 * lines / total) for name, lines in languages if 100 * lines / total >= floor
    ]
    size, stage = profile.team.size, str(profile.stage) if profile.stage else None
    reasons = [
        f"Main languages (at least {scalar(floor)}% of the code): "
        + (", ".join(f"{name} {share:.0f}%" for name, share in main) or "none")
        + ".",
        f"Runtimes and frameworks: {listing(audit.stack) or 'none detected'}.",
        f"Team: {'unknown size' if size is None else plural(size, 'person', 'people')}, "
        f"stage {stage or 'unknown'}.",
    ]
    problems, gaps = [], []
    small = size is not None and size <= judge.number(STACK, "small_team_at_most")
    early = stage is not None and stage in judge.words(STACK, "early_stages")
    most = judge.number(STACK, "max_main_languages")
    if (small or early) and len(main) > most:
        who = f"a team of {size}" if small else f"a {stage}-stage product"
        problems.append(f"{len(main)} main languages for {who}; at most {scalar(most)} fit.")
    roles = profile.team.roles
    engineering = [r for r in roles if mentions(r, judge.words(STACK, "engineering_roles"))]
    if size == 0 or (roles and not engineering):
        problems.append(
            f"No engineer in the team (roles: {listing(roles) or 'none'}): nobody "
            "in-house can maintain the code."
        )
    elif not roles:
        gaps.append("team.roles (to check someone in-house can maintain the stack)")
    evidence = [*audit.sources, "profile: team, stage"]
    if problems:
        return judge.conclude(
            STACK, "raise", problems[0], reasons=reasons + problems, missing=gaps, evidence=evidence
        )
    return judge.conclude(
        STACK,
        "fine",
        "The stack fits the team and stage.",
        reasons=reasons,
        missing=gaps,
        evidence=evidence,
    )
