"""The engagement terms as text a founder and a fractional CTO can both sign off on.

``cto engagement show`` prints :func:`engagement_lines`: the structure and why its defaults are
what they are, dates and hours, the decision-rights table, rhythm, response times, what the
founder and the team keep, and every rule override with its reason.
"""

from __future__ import annotations

from cto.record.engagement import DecisionArea, Engagement, structure_info


def engagement_lines(engagement: Engagement) -> list[str]:
    """The engagement as readable lines."""
    info = structure_info(engagement.structure)
    lines = [
        f"Engagement: {info['title']} ({engagement.structure})",
        f"  {info['summary']}",
        f"Dates: {_when(engagement)}",
        f"Weekly hours: {engagement.weekly_hours}",
        "",
        "Decision rights:",
        *_rights_table(engagement),
        "",
        "Expected outputs:",
        *_bullets(engagement.outputs),
        "",
        "Rhythm:",
        *_bullets(engagement.rhythm),
        "",
        "Response times:",
        *_response(engagement),
        "",
        "The founder owns:",
        *_bullets(engagement.founder_owns),
        "The team owns:",
        *_bullets(engagement.team_owns),
        "",
    ]
    if engagement.overrides:
        lines.append("Rule overrides:")
        for item in engagement.overrides:
            who = f" by {item.by}" if item.by else ""
            on = f" on {item.on}" if item.on else ""
            lines.append(f"  - {item.rule} {item.threshold} = {_value(item.value)}{who}{on}")
            lines.append(f"    reason: {item.reason}")
    else:
        lines.append("Rule overrides: none (every rule uses its shipped thresholds)")
    lines += ["", f"Why these defaults: {info['rationale']}", f"Source: {info['source']}"]
    return lines


def _when(engagement: Engagement) -> str:
    start = engagement.started.isoformat() if engagement.started else "not set"
    end = engagement.ends.isoformat() if engagement.ends else "open-ended"
    return f"{start} to {end}"


def _rights_table(engagement: Engagement) -> list[str]:
    header = ("Area", "Decides", "Consulted", "Informed")
    rows = [header]
    for area in DecisionArea:
        right = engagement.decision_rights.get(area)
        if right is None:
            rows.append((area.value, "not agreed", "", ""))
        else:
            rows.append(
                (
                    area.value,
                    right.decides,
                    ", ".join(right.consulted) or "-",
                    ", ".join(right.informed) or "-",
                )
            )
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    return [
        "  " + "  ".join(cell.ljust(size) for cell, size in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def _response(engagement: Engagement) -> list[str]:
    response = engagement.response
    after = (
        f"within {response.after_hours_p1_minutes} min"
        if response.after_hours_p1_minutes is not None
        else "not covered"
    )
    return [
        f"  - blocking questions: answered within {_value(response.blocking_question_hours)} h "
        "in agreed hours",
        "  - critical incidents in business hours: within "
        f"{response.critical_incident_minutes} min",
        f"  - P1 incidents after hours: {after}",
        f"  - weekends: {response.weekends or 'not agreed'}",
    ]


def _bullets(items: list[str]) -> list[str]:
    return [f"  - {item}" for item in items] if items else ["  - none recorded"]


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
