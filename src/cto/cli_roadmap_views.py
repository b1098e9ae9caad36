"""What `cto roadmap` commands print: the RICE ranking, quarters against capacity, not-now list.

Imported only when a command runs (it loads the record kinds and pydantic).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from cto.cli_common import print_json, record_session
from cto.cli_register_parts import number
from cto.record.roadmap import Capacity, Initiative, NotNow
from cto.record.roadmap_plan import QuarterLoad, quarter_loads, unscheduled


def ranking_lines(items: list[Initiative]) -> list[str]:
    """Initiatives as a table, in the order given (best RICE first)."""
    lines = [f"{'RICE':>8}  {'id':20}  {'status':11}  {'quarter':7}  {'goal':16}  title"]
    for item in items:
        lines.append(
            f"{number(item.rice):>8}  {item.id:20}  {item.status.value:11}  "
            f"{item.quarter or '-':7}  {item.goal or '-':16}  {item.title}"
        )
    return lines


def initiative_json(item: Initiative) -> dict[str, Any]:
    """An initiative as JSON data, with its RICE score."""
    data: dict[str, Any] = item.model_dump(mode="json")
    data["rice"] = item.rice
    return data


def say_roadmap(workspace: Path, db: str | None, *, as_json: bool) -> None:
    """Print every quarter's capacity, load and verdict, unscheduled work and the not-now list."""
    with record_session(workspace, db, write=False) as store:
        initiatives = store.all(Initiative)
        quarters = quarter_loads(initiatives, store.all(Capacity))
        loose = unscheduled(initiatives)
        later = sorted(store.all(NotNow), key=lambda e: (e.revisit is None, e.revisit, e.id))
    if as_json:
        print_json(
            {
                "quarters": [_quarter_json(q) for q in quarters],
                "unscheduled": [item.id for item in loose],
                "not_now": [entry.model_dump(mode="json") for entry in later],
            }
        )
        return
    typer.echo("\n".join([*_quarter_lines(quarters, loose), "", *_not_now_lines(later)]))


def _quarter_json(quarter: QuarterLoad) -> dict[str, Any]:
    return {
        "quarter": quarter.quarter,
        "capacity": quarter.capacity,
        "load": quarter.load,
        "over": quarter.over,
        "verdict": quarter.verdict,
        "initiatives": list(quarter.initiatives),
    }


def _quarter_lines(quarters: list[QuarterLoad], loose: list[Initiative]) -> list[str]:
    if not quarters:
        lines = ["No quarter has capacity or planned work yet."]
    else:
        lines = [f"{'quarter':7}  {'capacity':>8}  {'load':>6}  {'verdict':30}  initiatives"]
        for q in quarters:
            shown = "-" if q.capacity is None else number(q.capacity)
            verdict = q.verdict.replace("over", "OVER", 1) if q.over else q.verdict
            lines.append(
                f"{q.quarter:7}  {shown:>8}  {number(q.load):>6}  {verdict:30}  "
                f"{', '.join(q.initiatives) or '-'}"
            )
    if loose:
        effort = number(sum(item.effort for item in loose))
        ids = ", ".join(item.id for item in loose)
        lines.append(f"Planned without a quarter ({effort} person-weeks): {ids}")
    return lines


def _not_now_lines(entries: list[NotNow]) -> list[str]:
    if not entries:
        return ["Not now: nothing recorded."]
    lines = ["Not now:"]
    for entry in entries:
        revisit = f" (revisit {entry.revisit.isoformat()})" if entry.revisit else ""
        lines.append(f"  {entry.id}: {entry.title} - {entry.reason}{revisit}")
    return lines
