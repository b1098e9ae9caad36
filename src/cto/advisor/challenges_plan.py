"""Two of the eight challenges, about plans and money: vendor estimates and roadmap priority.

Rules in ``rules/challenges.toml``. Each answers raise, fine or cannot-tell and names what is
missing.
"""

from __future__ import annotations

from cto.advisor.conclusion import Conclusion
from cto.advisor.facts import AdvisorFacts, Initiative, Vendor
from cto.advisor.judge import Judge, scalar
from cto.advisor.wording import num

VENDOR = "challenge.vendor-estimate"
ROADMAP = "challenge.roadmap-noise"


def vendor_estimate(facts: AdvisorFacts, judge: Judge) -> Conclusion:
    """``raise`` for build estimates without discovery, with thin contingency, or overrun."""
    agency = facts.profile.team.uses_agency if facts.profile else None
    if not facts.vendors:
        if agency is False:
            return judge.conclude(
                VENDOR, "fine", "No vendor builds: the team does not use an agency."
            )
        need = "the agency's vendor entry" if agency else "vendors, if any build the product"
        return judge.conclude(
            VENDOR, "cannot-tell", "No vendors recorded.", missing=[f"{need} (cto vendor add)"]
        )
    builds = [v for v in facts.vendors if v.contract in judge.words(VENDOR, "build_contracts")]
    if not builds:
        return judge.conclude(
            VENDOR, "fine", "No build contract: vendors sell services, not estimates."
        )
    floor = judge.number(VENDOR, "min_contingency_percent")
    problems, unknown, fine = [], [], []
    for vendor in builds:
        found = _vendor_problems(vendor, floor)
        problems.extend(found)
        if vendor.discovery_done is None:
            unknown.append(f"vendor {vendor.id}: discovery_done")
        if vendor.contingency_percent is None:
            unknown.append(f"vendor {vendor.id}: contingency_percent")
        if (
            not found
            and vendor.discovery_done is not None
            and vendor.contingency_percent is not None
        ):
            fine.append(
                f"{vendor.name}: discovery done, {num(vendor.contingency_percent)}% contingency."
            )
    evidence = [f"vendor {vendor.id}" for vendor in builds]
    if problems:
        return judge.conclude(
            VENDOR,
            "raise",
            problems[0],
            reasons=problems + fine,
            missing=unknown,
            evidence=evidence,
        )
    if unknown:
        return judge.conclude(
            VENDOR,
            "cannot-tell",
            "Discovery or contingency is not recorded.",
            reasons=fine,
            missing=unknown,
            evidence=evidence,
        )
    return judge.conclude(
        VENDOR,
        "fine",
        f"Every build estimate follows discovery and has contingency of at least {scalar(floor)}%.",
        reasons=fine,
        evidence=evidence,
    )


def _vendor_problems(vendor: Vendor, floor: float) -> list[str]:
    problems = []
    if vendor.discovery_done is False:
        problems.append(f"{vendor.name}'s estimate was made without discovery.")
    contingency = vendor.contingency_percent
    if contingency is not None and contingency < floor:
        problems.append(
            f"{vendor.name}'s estimate carries {num(contingency)}% contingency "
            f"(at least {num(floor)}% expected)."
        )
    allowance = 1 + (contingency or 0) / 100
    if (
        vendor.estimate
        and vendor.actual_to_date
        and vendor.actual_to_date > vendor.estimate * allowance
    ):
        problems.append(
            f"{vendor.name} has spent {num(vendor.actual_to_date)} against an estimate "
            f"of {num(vendor.estimate)} plus contingency."
        )
    weeks, spent = vendor.estimate_weeks, vendor.actual_weeks
    if weeks and spent and spent > weeks * allowance:
        problems.append(
            f"{vendor.name} has taken {num(spent)} weeks against {num(weeks)} estimated."
        )
    return problems


def roadmap_noise(facts: AdvisorFacts, judge: Judge) -> Conclusion:
    """``raise`` for work with no goal or deferred yet planned, inversions, or overload."""
    active = facts.active_initiatives
    if not active:
        return judge.conclude(
            ROADMAP,
            "cannot-tell",
            "No roadmap to weigh.",
            missing=["roadmap initiatives (cto roadmap)"],
        )
    goals, problems, missing = facts.goal_ids, [], []
    if goals:
        for item in active:
            if item.goal not in goals:
                who = f", requested by {item.requested_by}" if item.requested_by else ""
                problems.append(f"'{item.title}' serves no business goal{who}.")
    else:
        missing.append("business goals in the profile, to check each initiative serves one")
    problems.extend(
        f"'{item.title}' is {item.status} although the not-now list defers it."
        for item in active
        if item.id in facts.deferred
    )
    problems.extend(_inversions(active, judge))
    over, unknown = _overload(facts, judge)
    problems.extend(over)
    missing.extend(unknown)
    evidence = ["roadmap: initiatives, capacity, not-now list", "profile: goals"]
    if problems:
        return judge.conclude(
            ROADMAP, "raise", problems[0], reasons=problems, missing=missing, evidence=evidence
        )
    if not goals:
        return judge.conclude(
            ROADMAP,
            "cannot-tell",
            "No business goals to weigh the roadmap by.",
            missing=missing,
            evidence=evidence,
        )
    return judge.conclude(
        ROADMAP,
        "fine",
        "The roadmap follows the goals, by score, within capacity.",
        missing=missing,
        evidence=evidence,
    )


def _inversions(active: tuple[Initiative, ...], judge: Judge) -> list[str]:
    """One line per committed initiative planned ahead of one scoring ``rice_gap_factor`` higher."""
    factor = judge.number(ROADMAP, "rice_gap_factor")
    committed = judge.words(ROADMAP, "committed_statuses")
    found = []
    for first in active:
        if first.status not in committed:
            continue
        behind = [
            later
            for later in active
            if later.rice > 0
            and later.rice >= factor * first.rice
            and (later.status not in committed or _earlier(first.quarter, later.quarter))
        ]
        if behind:
            best = max(behind, key=lambda later: later.rice)
            who = f" (requested by {first.requested_by})" if first.requested_by else ""
            found.append(
                f"'{first.title}'{who}, RICE {num(first.rice)}, is planned ahead of "
                f"'{best.title}', RICE {num(best.rice)}."
            )
    return found


def _earlier(first: str | None, later: str | None) -> bool:
    return first is not None and later is not None and first < later


def _overload(facts: AdvisorFacts, judge: Judge) -> tuple[list[str], list[str]]:
    tolerance = 1 + judge.number(ROADMAP, "overload_tolerance_percent") / 100
    capacity = {c.quarter: c.person_weeks for c in facts.capacity}
    load: dict[str, float] = {}
    for item in facts.active_initiatives:
        if item.quarter:
            load[item.quarter] = load.get(item.quarter, 0.0) + item.effort
    over, unknown = [], []
    for quarter in sorted(load):
        if quarter not in capacity:
            unknown.append(f"capacity for {quarter}")
        elif load[quarter] > capacity[quarter] * tolerance:
            over.append(
                f"{quarter} is loaded with {num(load[quarter])} person-weeks against a "
                f"capacity of {num(capacity[quarter])}."
            )
    return over, unknown
