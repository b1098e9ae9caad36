"""`cto engagement …`: the engagement's terms, started from a structure's defaults, then edited.

Thin, like every record command: parse, change the entry through :mod:`cto.record.engagement`
in one transaction, print. Record modules are imported inside the commands.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cto.cli_common import (
    DEFAULT_WORKSPACE,
    DbOption,
    WorkspaceOption,
    one_line_errors,
    parse_day,
    print_json,
    record_session,
)
from cto.errors import InputError

if TYPE_CHECKING:
    from cto.record.engagement import Engagement
    from cto.record.store import RecordStore


class Structure(StrEnum):
    """The engagement structures (the values of ``cto.record.engagement.EngagementStructure``)."""

    DISCOVERY_SPRINT = "discovery-sprint"
    MVP_LEADERSHIP = "mvp-leadership"
    VENDOR_OVERSIGHT = "vendor-oversight"
    ARCHITECTURE_AUDIT = "architecture-audit"
    INTERIM_LEADERSHIP = "interim-leadership"


class Area(StrEnum):
    """The decision areas (the values of ``cto.record.engagement.DecisionArea``)."""

    ARCHITECTURE = "architecture"
    VENDORS = "vendors"
    HIRING = "hiring"
    SECURITY = "security"
    ROADMAP = "roadmap"
    BUDGET = "budget"


engagement_app = typer.Typer(
    help="The engagement's terms: structure, decision rights, hours, rhythm, response times, "
    "what the founder and team own, and rule overrides with their reasons.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


@contextmanager
def _existing(workspace: Path, db: str | None) -> Iterator[RecordStore]:
    """The record of an existing workspace in one writing transaction (never creates one)."""
    from cto.record.workspace import DATABASE_NAME

    with one_line_errors():
        if db is None and not (workspace / DATABASE_NAME).exists():
            raise InputError(f"no workspace at {workspace} (start one with: cto init)")
    with record_session(workspace, db) as store:
        yield store


def _current(store: RecordStore) -> Engagement:
    from cto.record.engagement import Engagement
    from cto.record.items import RecordError

    engagement = store.get(Engagement, Engagement.KEY)
    if engagement is None:
        raise RecordError("no engagement in the record (start one with: cto engagement start)")
    return engagement


def _date(text: str | None, option: str) -> date | None:
    """A date option, where ``none`` clears the date."""
    return None if text is not None and text.lower() == "none" else parse_day(text, option)


@engagement_app.command("start")
def start(
    structure: Annotated[
        Structure, typer.Argument(help="The structure the company chose.", metavar="STRUCTURE")
    ],
    started: Annotated[
        str | None, typer.Option(help="Start date, YYYY-MM-DD (default: today).")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace the current engagement and its terms.")
    ] = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Start the engagement with the structure's default terms, ready to edit.

    Each structure comes with who decides what, weekly hours, expected outputs, rhythm,
    response times and what the founder and team keep (from engagements.toml, with the
    reasons). A time-boxed structure also gets its end date. Refuses to replace an existing
    engagement unless --replace.
    """
    from cto.record.engagement import Engagement, default_engagement
    from cto.record.items import RecordError

    with one_line_errors():
        first_day = _date(started, "--started")
    with record_session(workspace, db) as store:
        first = first_day or store.now.date()
        if store.get(Engagement, Engagement.KEY) is not None and not replace:
            raise RecordError("an engagement exists already; use --replace to start over")
        store.save(default_engagement(structure.value, first))
    typer.echo(f"Engagement started: {structure.value} from {first}. See: cto engagement show.")


@engagement_app.command("show")
def show(
    as_json: Annotated[bool, typer.Option("--json", help="Print the stored document.")] = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Show the engagement: decision rights, hours, rhythm, response times, overrides."""
    from cto.record.engagement_text import engagement_lines

    with record_session(workspace, db, write=False) as store:
        engagement = _current(store)
    if as_json:
        print_json(engagement.model_dump(mode="json"))
    else:
        typer.echo("\n".join(engagement_lines(engagement)))


@engagement_app.command("set")
def set_terms(
    weekly_hours: Annotated[int | None, typer.Option(help="Hours a week, 1 to 60.")] = None,
    started: Annotated[str | None, typer.Option(help="Start date YYYY-MM-DD, or none.")] = None,
    ends: Annotated[str | None, typer.Option(help="End date YYYY-MM-DD, or none.")] = None,
    blocking_hours: Annotated[
        float | None, typer.Option(help="Blocking questions answered within (hours).")
    ] = None,
    critical_minutes: Annotated[
        int | None, typer.Option(help="Critical incidents in business hours: minutes.")
    ] = None,
    after_hours_minutes: Annotated[
        str | None, typer.Option(help="P1 incidents after hours: minutes, or none.")
    ] = None,
    weekends: Annotated[str | None, typer.Option(help="What weekends cover.")] = None,
    output: Annotated[
        list[str] | None, typer.Option(help="An expected output (repeat; replaces the list).")
    ] = None,
    rhythm: Annotated[
        list[str] | None, typer.Option(help="A rhythm item (repeat; replaces the list).")
    ] = None,
    founder_owns: Annotated[
        list[str] | None, typer.Option(help="What the founder keeps (repeat; replaces).")
    ] = None,
    team_owns: Annotated[
        list[str] | None, typer.Option(help="What the team keeps (repeat; replaces).")
    ] = None,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Change the engagement's terms: hours, dates, response times, outputs, rhythm, ownership.

    Only the options given change. A mismatched availability agreement is a classic reason
    engagements fail, so response times and hours belong in writing here.
    """
    with one_line_errors():
        changes, response = _changes(
            {
                "weekly_hours": weekly_hours,
                "outputs": output,
                "rhythm": rhythm,
                "founder_owns": founder_owns,
                "team_owns": team_owns,
                "started": started,
                "ends": ends,
            },
            {
                "blocking_question_hours": blocking_hours,
                "critical_incident_minutes": critical_minutes,
                "weekends": weekends,
                "after_hours_p1_minutes": after_hours_minutes,
            },
        )
    with _existing(workspace, db) as store:
        engagement = _current(store)
        if response:
            changes["response"] = {**engagement.response.model_dump(), **response}
        store.save(engagement.updated(**changes))
    typer.echo(f"Engagement updated: {', '.join(sorted(changes))}.")


def _changes(
    terms: dict[str, Any], response: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The options given, parsed: (engagement changes, response-time changes)."""
    changes = {name: value for name, value in terms.items() if value is not None}
    for name in ("started", "ends"):
        if name in changes:
            changes[name] = _date(changes[name], f"--{name}")
    times = {name: value for name, value in response.items() if value is not None}
    if "after_hours_p1_minutes" in times:
        times["after_hours_p1_minutes"] = _minutes(times["after_hours_p1_minutes"])
    if not changes and not times:
        raise InputError("nothing to change: give at least one option (see --help)")
    return changes, times


def _minutes(text: str) -> int | None:
    if text.lower() == "none":
        return None
    try:
        return int(text)
    except ValueError:
        raise InputError(f"--after-hours-minutes: '{text}' is not minutes or none") from None


@engagement_app.command("rights")
def rights(
    area: Annotated[Area, typer.Argument(help="The decision area.", metavar="AREA")],
    decides: Annotated[str, typer.Option(help="Who decides (one party).")],
    consulted: Annotated[
        list[str] | None, typer.Option(help="Who is asked before (repeatable).")
    ] = None,
    informed: Annotated[
        list[str] | None, typer.Option(help="Who is told after (repeatable).")
    ] = None,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Record who decides in an area, who is consulted and who is informed.

    A CTO without decision rights cannot be held to outcomes; writing them down per area
    (architecture, vendors, hiring, security, roadmap, budget) keeps the engagement honest.
    """
    with _existing(workspace, db) as store:
        engagement = _current(store)
        right = {"decides": decides, "consulted": consulted or [], "informed": informed or []}
        all_rights = {**engagement.model_dump()["decision_rights"], area.value: right}
        store.save(engagement.updated(decision_rights=all_rights))
    typer.echo(f"Decision rights for {area.value}: {decides.strip()} decides.")


@engagement_app.command("override")
def override(
    rule: Annotated[
        str, typer.Argument(help="Rule id, e.g. complexity.complex-functions.", metavar="RULE")
    ],
    threshold: Annotated[
        str, typer.Argument(help="The rule's threshold name, e.g. medium.", metavar="THRESHOLD")
    ],
    value: Annotated[
        str | None,
        typer.Argument(help="New value: a number, true/false or text.", metavar="[VALUE]"),
    ] = None,
    reason: Annotated[
        str | None, typer.Option(help="Why this engagement differs (required, shown with it).")
    ] = None,
    by: Annotated[str | None, typer.Option(help="Who agreed to the override.")] = None,
    remove: Annotated[
        bool, typer.Option("--remove", help="Remove the override of RULE THRESHOLD.")
    ] = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Override a rule's threshold for this engagement, with the reason, or remove an override.

    Rules are data with a rationale; a company may differ, but never silently: the reason is
    required and shown wherever the rule's result is shown. A new override of the same rule
    and threshold replaces the old one.
    """
    from cto.record.engagement import make_override

    with _existing(workspace, db) as store:
        engagement = _current(store)
        if remove:
            if value is not None or reason is not None:
                raise InputError("--remove takes only RULE and THRESHOLD")
            store.save(engagement.without_override(rule, threshold))
            message = f"Override removed: {rule} {threshold}."
        else:
            if value is None:
                raise InputError("give the VALUE the threshold takes in this engagement")
            if reason is None or not reason.strip():
                raise InputError("--reason is required: say why this engagement differs")
            new = make_override(
                rule=rule,
                threshold=threshold,
                value=_value(value),
                reason=reason,
                by=by,
                on=store.now.date(),
            )
            store.save(engagement.with_override(new))
            message = f"Override recorded: {rule} {threshold} = {value} ({reason.strip()})."
    typer.echo(message)


def _value(text: str) -> bool | int | float | str:
    lowered = text.strip().lower()
    if lowered in {"true", "false"}:
        return lowered == "true"
    for kind in (int, float):
        try:
            number = kind(text)
        except ValueError:
            continue
        if isinstance(number, float) and not math.isfinite(number):
            raise InputError(f"'{text}' is not a usable threshold value")
        return number
    return text


def register(app: typer.Typer) -> None:
    """Add `cto engagement` to ``app``."""
    app.add_typer(engagement_app, name="engagement")
