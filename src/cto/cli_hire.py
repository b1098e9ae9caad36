"""`cto hire …`: roles with a structured interview loop, candidates, scorecards and pipelines.

Thin commands over :mod:`cto.record.hiring_pipeline` and :mod:`cto.record.hiring_views`; each is
one transaction, and bad input (a missing role, a move the pipeline refuses, a score outside 1 to 4,
a competency the stage does not judge) is one ``cto: error:`` line with exit 2 and no change.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from cto.cli_common import DEFAULT_WORKSPACE, DbOption, WorkspaceOption, print_json, record_session
from cto.cli_team import JsonOption, add_group, choices

ROLE_STATUSES = ("open", "paused", "filled", "closed")
STATES = ("applied", "screen", "interview", "offer", "hired", "rejected", "withdrawn")
RECOMMENDATIONS = ("strong-no", "no", "yes", "strong-yes")

hire_app = typer.Typer(
    help="Hiring: roles with a structured interview loop, candidates, scorecards, pipelines.",
    no_args_is_help=True,
)
role_app = typer.Typer(help="Roles and their interview loops.", no_args_is_help=True)
candidate_app = typer.Typer(help="Candidates, their moves and scorecards.", no_args_is_help=True)
hire_app.add_typer(role_app, name="role")
hire_app.add_typer(candidate_app, name="candidate")

RoleId = Annotated[str, typer.Argument(metavar="ROLE", help="The role's id.")]
CandidateId = Annotated[str, typer.Argument(metavar="ID", help="The candidate's id.")]


@role_app.command("add")
def role_add(
    role_id: Annotated[str, typer.Argument(metavar="ID", help="Short id, e.g. backend-lead.")],
    title: Annotated[str, typer.Argument(metavar="TITLE", help="The role's title.")],
    stage: Annotated[
        list[str] | None,
        typer.Option(
            metavar="NAME:COMPETENCY,…",
            help="An interview stage and the competencies it judges, in loop order; repeatable. "
            'E.g. --stage "technical:system-design,coding".',
        ),
    ] = None,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Open a role with its interview loop.

    Naming each stage's competencies up front makes every interviewer judge the same things on
    the same 1 to 4 scale, so the decision rests on evidence, not on the last conversation.
    """
    from cto.record.hiring import Role
    from cto.record.hiring_pipeline import add_role, parse_stage
    from cto.record.items import build

    with record_session(workspace, db) as store:
        loop = [parse_stage(text).model_dump() for text in stage or []]
        role = add_role(store, build(Role, {"id": role_id, "title": title, "loop": loop}))
    _print_role(role)


@role_app.command("status")
def role_status(
    role_id: RoleId,
    status: Annotated[str, typer.Argument(metavar=choices(ROLE_STATUSES), help="New status.")],
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Pause, fill, close or reopen a role (filled and closed roles take no new candidates)."""
    from cto.record.hiring_pipeline import set_role_status

    with record_session(workspace, db) as store:
        role = set_role_status(store, role_id, status)
    _print_role(role)


@role_app.command("list")
def role_list(
    as_json: JsonOption = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """List roles with their status and interview loop."""
    from cto.record.hiring import Role

    with record_session(workspace, db, write=False) as store:
        roles = store.all(Role)
    if as_json:
        print_json([role.model_dump(mode="json") for role in roles])
        return
    if not roles:
        typer.echo("No roles recorded (add one with: cto hire role add).")
    for role in roles:
        _print_role(role)


def _print_role(role: Any) -> None:
    typer.echo(f"{role.id}  {role.title}  [{role.status.value}]")
    for number, stage in enumerate(role.loop, start=1):
        typer.echo(f"  {number}. {stage.name}: {', '.join(stage.competencies)}")


@candidate_app.command("add")
def candidate_add(
    candidate_id: Annotated[str, typer.Argument(metavar="ID", help="Short id, e.g. ana-lopez.")],
    name: Annotated[str, typer.Argument(metavar="NAME", help="The candidate's name.")],
    role: Annotated[str, typer.Option(help="The id of the role applied for.")],
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Add a candidate for an open role; they start as applied."""
    from cto.record.hiring import Candidate
    from cto.record.hiring_pipeline import add_candidate
    from cto.record.items import build

    with record_session(workspace, db) as store:
        data = {"id": candidate_id, "name": name, "role": role}
        candidate = add_candidate(store, build(Candidate, data))
    typer.echo(f"{candidate.id}  {candidate.name}  {candidate.role}  [{candidate.state.value}]")


@candidate_app.command("move")
def candidate_move(
    candidate_id: CandidateId,
    state: Annotated[str, typer.Argument(metavar=choices(STATES), help="The new state.")],
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Move a candidate on: applied → screen → interview → offer → hired, or out at any step.

    Moves go one step forward or out (rejected, withdrawn); hired, rejected and withdrawn are
    final. A refused move says why and which moves are possible.
    """
    from cto.record.hiring_pipeline import move_candidate

    with record_session(workspace, db) as store:
        candidate = move_candidate(store, candidate_id, state)
    typer.echo(f"{candidate.id}  {candidate.name}  {candidate.role}  [{candidate.state.value}]")


@candidate_app.command("score")
def candidate_score(
    candidate_id: CandidateId,
    stage: Annotated[str, typer.Option(help="The loop stage this scorecard is for.")],
    interviewer: Annotated[str, typer.Option(help="Who interviewed.")],
    recommendation: Annotated[
        str, typer.Option(metavar=choices(RECOMMENDATIONS), help="The overall call.")
    ],
    score: Annotated[
        list[str] | None,
        typer.Option(
            metavar="COMPETENCY=1..4",
            help="A score per competency of the stage (1 strong no … 4 strong yes); repeatable.",
        ),
    ] = None,
    notes: Annotated[str, typer.Option(help="Evidence behind the scores.")] = "",
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Add an interviewer's scorecard for one stage of the candidate's loop."""
    from cto.record.hiring_pipeline import make_scorecard, parse_score, score_candidate
    from cto.record.hiring_views import candidate_summary

    with record_session(workspace, db) as store:
        scores = dict(parse_score(text) for text in score or [])
        card = make_scorecard(stage, interviewer, scores, recommendation, notes)
        score_candidate(store, candidate_id, card)
        summary = candidate_summary(store, candidate_id)
    _print_summary(summary)


@candidate_app.command("show")
def candidate_show(
    candidate_id: CandidateId,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Show a candidate: state, mean score per competency, recommendations, unscored stages."""
    from cto.record.hiring_views import candidate_summary

    with record_session(workspace, db, write=False) as store:
        summary = candidate_summary(store, candidate_id)
    if as_json:
        print_json(summary.to_json())
    else:
        _print_summary(summary)


def _print_summary(summary: Any) -> None:
    candidate = summary.candidate
    typer.echo(f"{candidate.id}  {candidate.name}  {candidate.role}  [{candidate.state.value}]")
    for name, mean in summary.means.items():
        typer.echo(f"  {name}: {mean:g}")
    calls = [f"{r.value} {n}" for r, n in summary.recommendations.items() if n]
    typer.echo(f"  recommendations: {', '.join(calls) or 'none yet'}")
    if summary.unscored_stages:
        typer.echo(f"  not scored yet: {', '.join(summary.unscored_stages)}")


@hire_app.command("pipeline")
def pipeline(
    role: Annotated[str | None, typer.Argument(metavar="[ROLE]", help="Only this role.")] = None,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = DEFAULT_WORKSPACE,
    db: DbOption = None,
) -> None:
    """Count each role's candidates per state, to see where hiring stalls."""
    from cto.record.hiring_views import pipelines

    with record_session(workspace, db, write=False) as store:
        views = pipelines(store, role)
    if as_json:
        print_json([view.to_json() for view in views])
        return
    if not views:
        typer.echo("No roles recorded (add one with: cto hire role add).")
    for view in views:
        counts = "  ".join(f"{state.value} {n}" for state, n in view.counts.items())
        typer.echo(f"{view.role.id}  {view.role.title}  [{view.role.status.value}]")
        typer.echo(f"  {counts}  (active {view.active})")


def register(app: typer.Typer) -> None:
    """Add ``cto hire`` to ``app``."""
    add_group(app, hire_app, "hire")
