"""``cto advise``: the advisor's conclusions over the engagement record and the latest audits.

Thin by design: the reasoning lives in :mod:`cto.advisor` (imported inside the command, so
``cto audit`` never loads pydantic or the rules).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from cto.cli_common import (
    DEFAULT_WORKSPACE,
    DbOption,
    WorkspaceOption,
    print_json,
    record_session,
)


class Topic(StrEnum):
    """What to advise on."""

    ALL = "all"
    MODEL = "model"
    REMOTE_FIT = "remote-fit"
    CHALLENGES = "challenges"
    STACK = "stack"
    CANDIDATE = "candidate"


def advise(
    topic: Annotated[
        Topic,
        typer.Argument(
            help="all; model: engagement model and whether it is time for a full-time CTO; "
            "remote-fit: the eight-factor checklist; challenges: the eight challenges; "
            "stack: stack and architecture advice; candidate: hiring readiness and questions "
            "to ask a CTO candidate."
        ),
    ] = Topic.ALL,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the conclusions as JSON instead of text.")
    ] = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Give the advisor's judgment on the company, each answer with its reasons.

    Reads the company profile, the engagement (decision rights, rule overrides), the roadmap,
    vendors, ADRs and the latest audit of each repository, and answers each question raise
    (act on it), fine, or cannot tell, naming what is missing. Rules and thresholds are data
    with their rationale and source; a threshold the engagement overrode is shown with its
    reason wherever it changed an answer. Stack advice is refused until the profile holds the
    business model, core workflow, team, budget and risk profile. Nothing is written.
    """
    from cto.advisor import TOPICS
    from cto.advisor import advise as run_advice
    from cto.advisor.facts import facts_from_record
    from cto.advisor.text import render_text
    from cto.record.workspace import Workspace

    topics = TOPICS if topic is Topic.ALL else (topic.value,)
    with (
        record_session(workspace, db, write=False) as store,
        Workspace.open(workspace, url=db) as ws,
    ):
        advice = run_advice(facts_from_record(store, ws), topics)
    if as_json:
        print_json(advice.to_dict())
    else:
        typer.echo(render_text(advice), nl=False)


def register(app: typer.Typer) -> None:
    """Add ``cto advise`` to ``app``."""
    app.command("advise")(advise)
