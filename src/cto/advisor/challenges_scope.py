"""Three of the eight challenges, about what gets built: data model, integrations, custom vs SaaS.

Rules in ``rules/challenges.toml``. Each answers raise, fine or cannot-tell and names what is
missing.
"""

from __future__ import annotations

from statistics import median

from cto.advisor.challenges import NEED_ROADMAP
from cto.advisor.conclusion import Conclusion
from cto.advisor.facts import AdvisorFacts, Initiative, Vendor
from cto.advisor.judge import Judge, scalar
from cto.advisor.wording import listing, mentions, num, plural

DATA_MODEL = "challenge.data-model"
INTEGRATION = "challenge.integration"
CUSTOM = "challenge.custom-vs-saas"


def data_model(facts: AdvisorFacts, judge: Judge) -> Conclusion:
    """``raise`` on roadmap workarounds; ``fine`` with an accepted data-model ADR; else unknown."""
    profile = facts.profile
    workflow = profile.core_workflow if profile else None
    workaround = judge.words(DATA_MODEL, "workaround_words")
    signs = [(i, mentions(i.title, workaround)) for i in facts.active_initiatives]
    signs = [(item, words) for item, words in signs if words]
    reviews = [
        d for d in facts.decisions if mentions(d.title, judge.words(DATA_MODEL, "model_words"))
    ]
    accepted = [d for d in reviews if d.status in judge.words(DATA_MODEL, "accepted_statuses")]
    review = (
        f"a review of the data model against the core workflow ('{workflow or '?'}'), "
        "recorded as an ADR whose title names the data model"
    )
    if signs:
        reasons = [f"'{i.title}' works around the data ({listing(words)})." for i, words in signs]
        return judge.conclude(
            DATA_MODEL,
            "raise",
            plural(len(signs), "roadmap item works", "roadmap items work")
            + " around the data model.",
            reasons=reasons,
            missing=[] if workflow else ["core_workflow"],
            evidence=["roadmap: initiative titles"],
        )
    if not workflow:
        return judge.conclude(
            DATA_MODEL,
            "cannot-tell",
            "The core workflow is not recorded.",
            missing=["core_workflow", review],
        )
    if accepted:
        reasons = [f"ADR {d.number} '{d.title}' is {d.status}." for d in accepted]
        return judge.conclude(
            DATA_MODEL,
            "fine",
            "An accepted decision records the data model for the workflow.",
            reasons=reasons,
            evidence=[f"ADR {d.number}" for d in accepted],
        )
    return judge.conclude(
        DATA_MODEL,
        "cannot-tell",
        "Nothing recorded shows whether the data model fits the workflow.",
        reasons=[f"Core workflow: {workflow.rstrip('.')}."],
        missing=[review],
    )


def integration(facts: AdvisorFacts, judge: Judge) -> Conclusion:
    """``raise`` for integrations with no goal, or priority well below the roadmap's median."""
    active = facts.active_initiatives
    if not active:
        return judge.conclude(
            INTEGRATION, "cannot-tell", "No roadmap to weigh.", missing=[NEED_ROADMAP]
        )
    words = judge.words(INTEGRATION, "integration_words")
    found = [item for item in active if mentions(item.title, words)]
    if not found:
        return judge.conclude(
            INTEGRATION,
            "fine",
            "No integration on the roadmap.",
            reasons=[f"None of {len(active)} initiatives is an integration."],
        )
    middle = median(item.rice for item in active)
    share = judge.number(INTEGRATION, "low_rice_share")
    low = share * middle
    goals, reasons = facts.goal_ids, []
    flagged = 0
    for item in found:
        why = []
        if item.goal is None:
            why.append("serves no goal")
        elif item.goal not in goals:
            why.append(f"names goal '{item.goal}', which the profile does not have")
        if item.rice < low:
            why.append(
                f"RICE {num(item.rice)} is below {num(low)} "
                f"({scalar(share)} × the median {num(middle)})"
            )
        flagged += bool(why)
        reasons.append(
            f"'{item.title}': "
            + ("; ".join(why) if why else "serves a goal at a fair priority")
            + "."
        )
    evidence = ["roadmap: initiatives (goal, RICE)", "profile: goals"]
    if flagged:
        return judge.conclude(
            INTEGRATION,
            "raise",
            plural(flagged, "integration looks", "integrations look")
            + " convenient, not critical.",
            reasons=reasons,
            evidence=evidence,
        )
    return judge.conclude(
        INTEGRATION,
        "fine",
        "Every integration serves a goal at a fair priority.",
        reasons=reasons,
        evidence=evidence,
    )


def custom_vs_saas(facts: AdvisorFacts, judge: Judge) -> Conclusion:
    """``raise`` for initiatives or vendor builds of commodity capabilities outside the core."""
    if not facts.initiatives and not facts.vendors:
        return judge.conclude(
            CUSTOM,
            "cannot-tell",
            "No roadmap or vendors to weigh.",
            missing=["roadmap initiatives or vendors (cto roadmap, cto vendor)"],
        )
    capabilities = judge.table(CUSTOM, "capabilities")
    buy = judge.words(CUSTOM, "buy_words")
    workflow = facts.profile.core_workflow if facts.profile else None
    smallest = judge.number(CUSTOM, "min_effort_weeks")
    builds = judge.words(CUSTOM, "build_contracts")
    flagged, notes = [], []
    items: list[tuple[str, str, Initiative | Vendor]] = [
        *((f"initiative '{i.title}'", i.title, i) for i in facts.active_initiatives),
        *(
            (f"vendor {v.name} ({v.contract})", f"{v.name} {v.scope}", v)
            for v in facts.vendors
            if v.contract in builds
        ),
    ]
    for label, text, item in items:
        found = [name for name, words in capabilities.items() if mentions(text, words)]
        if not found or mentions(text, buy):
            continue
        core = [name for name in found if mentions(workflow, capabilities[name])]
        if core:
            notes.append(f"{label}: {listing(core)} is part of the core workflow; building fits.")
        elif isinstance(item, Initiative) and item.effort < smallest:
            weeks = "person-week" if item.effort == 1 else "person-weeks"
            notes.append(f"{label}: {num(item.effort)} {weeks} is configuration, not a build.")
        else:
            flagged.append(f"{label} builds {listing(found)}, which is sold as a service.")
    evidence = ["roadmap: initiative titles", "vendors: scope, contract", "profile: core_workflow"]
    if flagged:
        return judge.conclude(
            CUSTOM,
            "raise",
            plural(len(flagged), "build", "builds")
            + " of a commodity capability SaaS would cover.",
            reasons=flagged + notes,
            evidence=evidence,
        )
    return judge.conclude(
        CUSTOM,
        "fine",
        "No custom build of a commodity capability.",
        reasons=notes,
        evidence=evidence,
    )
