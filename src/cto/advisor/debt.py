"""The eighth challenge: is the technical debt acceptable, dangerous or misunderstood?

Rule ``challenge.technical-debt`` in ``rules/challenges.toml``. Read from the latest audits:
hotspots with their code health, single owner and tests; files with poor health that rarely
change; the share of code known only by people who left; tests and coverage as context.
"""

from __future__ import annotations

from cto.advisor.conclusion import Conclusion
from cto.advisor.evidence import AuditEvidence, Hotspot
from cto.advisor.facts import AdvisorFacts
from cto.advisor.judge import Judge, scalar
from cto.advisor.wording import listing, num, plural

DEBT = "challenge.technical-debt"
NEED_AUDIT = "an audit of the product's repositories (cto audit PATH)"


def technical_debt(facts: AdvisorFacts, judge: Judge) -> Conclusion:
    """``raise`` for unhealthy hotspots one person owns or no test covers, or lost knowledge."""
    audit = facts.audit
    if audit is None:
        return judge.conclude(DEBT, "cannot-tell", "No audit yet.", missing=[NEED_AUDIT])
    if not audit.hotspots_assessed:
        return judge.conclude(
            DEBT,
            "cannot-tell",
            "The audit could not measure hotspots.",
            missing=["hotspots: an audit with the repository's git history"],
            evidence=audit.sources,
        )
    below = judge.number(DEBT, "unhealthy_health_below")
    unhealthy = [h for h in audit.hotspots if h.health is not None and h.health < below]
    dangerous = [h for h in unhealthy if h.single_owner or h.tested is False]
    unclear = [h for h in unhealthy if h not in dangerous]
    unclear = [h for h in unclear if h.single_owner is None or h.tested is None]
    hot = {(h.repository, h.path) for h in audit.hotspots}
    stable = [row for row in audit.unhealthy_files if row[2] < below and row[:2] not in hot]
    loss_limit = judge.number(DEBT, "knowledge_loss_at_least")
    loss = audit.worst("knowledge_loss_share")
    lost = loss is not None and loss[1] >= loss_limit
    reasons = [_describe(h) for h in dangerous[:5]]
    if lost and loss is not None:
        reasons.append(
            f"{num(loss[1])}% of {loss[0]}'s code is known only by people inactive for "
            f"over six months (at least {scalar(loss_limit)}% is dangerous)."
        )
    reasons.append(
        f"{plural(len(unhealthy), 'hotspot', 'hotspots')} of {len(audit.hotspots)} "
        f"{'has' if len(unhealthy) == 1 else 'have'} code health below {scalar(below)} of 10."
    )
    if stable:
        reasons.append(
            f"{plural(len(stable), 'file', 'files')} with poor health rarely "
            f"{'changes' if len(stable) == 1 else 'change'} "
            f"(e.g. {stable[0][1]}): debt there is acceptable for now."
        )
    reasons.extend(_context(audit))
    evidence = audit.sources
    if dangerous or lost:
        what = f"{plural(len(dangerous), 'unhealthy hotspot', 'unhealthy hotspots')} at risk"
        return judge.conclude(
            DEBT,
            "raise",
            f"Dangerous debt: {what}" + (" and large knowledge loss." if lost else "."),
            reasons=reasons,
            evidence=evidence,
        )
    if unclear:
        return judge.conclude(
            DEBT,
            "cannot-tell",
            "Unhealthy hotspots whose owners or tests are unknown.",
            reasons=reasons,
            evidence=evidence,
            missing=[f"who knows {h.path} and whether tests cover it" for h in unclear[:5]],
        )
    if unhealthy:
        headline = "Manageable: the unhealthy hotspots have more than one owner and tests."
    elif stable:
        headline = "Acceptable: the unhealthy code sits where work rarely goes."
    else:
        headline = "Acceptable: no hotspot has poor code health."
    return judge.conclude(
        DEBT,
        "fine",
        headline,
        reasons=reasons,
        evidence=evidence,
        recommendation="Keep measuring each quarter; refactor only what must change.",
    )


def _describe(hotspot: Hotspot) -> str:
    why = []
    if hotspot.single_owner:
        why.append(f"only {hotspot.owner or 'one person'} knows it")
    if hotspot.tested is False:
        why.append("no tests cover its area")
    health = f"health {num(hotspot.health)}/10" if hotspot.health is not None else "health unknown"
    return f"Hotspot {hotspot.path} ({hotspot.repository}): {health}, {listing(why)}."


def _context(audit: AuditEvidence) -> list[str]:
    notes = []
    untested = audit.untested_areas
    if untested:
        notes.append(f"Areas without tests: {listing(untested[:5])}.")
    for repository in audit.repositories:
        if repository.test_to_code_ratio is not None:
            notes.append(
                f"{repository.name}: {num(repository.test_to_code_ratio)} lines of test "
                "per line of code."
            )
        if repository.line_coverage is not None:
            notes.append(f"{repository.name}: line coverage {num(repository.line_coverage)}%.")
    factor = audit.truck_factor
    if factor is not None:
        notes.append(f"Truck factor {factor}.")
    return notes
