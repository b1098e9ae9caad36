"""Token-permissions: every workflow limits what its ``GITHUB_TOKEN`` may do.

Scored as OpenSSF Scorecard's Token-Permissions check (``checks/evaluation/permissions``): start
at 10; a workflow with no top-level ``permissions`` (or ``write-all``) scores 0 when one of its
jobs is also unrestricted, else loses 0.5; write access to ``statuses`` or ``checks`` loses 0.5,
to ``security-events`` or ``deployments`` 1; top-level write to ``contents``, ``packages`` or
``actions`` loses 10. The score is truncated to a whole number and never below 0. Unlike
Scorecard, a repository without workflows is inconclusive rather than 10.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from cto.analyzers.practice_checks.base import MAX_SCORE, MIN_SCORE, Score, inconclusive, plural
from cto.analyzers.practice_checks.tree import Tree, Workflow
from cto.findings import Evidence

ALL = "all"
_ANYWHERE_PENALTY = {"statuses": 0.5, "checks": 0.5, "security-events": 1.0, "deployments": 1.0}
_TOP_LEVEL_PENALTY = {"contents": 10.0, "packages": 10.0, "actions": 10.0}


def writes(permissions: Any, declared: bool) -> frozenset[str]:
    """Scopes a ``permissions`` value grants write access to; ``all`` when undeclared/write-all."""
    if not declared or permissions == "write-all":
        return frozenset({ALL})
    if isinstance(permissions, Mapping):
        return frozenset(str(k) for k, v in permissions.items() if v == "write")
    return frozenset()


def _penalty(workflow: Workflow) -> tuple[float, list[str]]:
    """Points lost by one workflow, and what caused them (``inf`` means the score is 0)."""
    data = workflow.data or {}
    top = writes(data.get("permissions"), "permissions" in data)
    jobs: set[str] = set()
    for _, job in workflow.jobs():
        jobs |= writes(job.get("permissions"), "permissions" in job)
    lost, why = 0.0, []
    if ALL in top:
        if ALL in jobs:
            return math.inf, ["no top-level permissions and an unrestricted job"]
        lost, why = 0.5, ["no top-level permissions (every job sets its own)"]
    for scope, points in _ANYWHERE_PENALTY.items():
        if scope in top | jobs:
            lost, why = lost + points, [*why, f"write access to {scope}"]
    for scope, points in _TOP_LEVEL_PENALTY.items():
        if scope in top:
            lost, why = lost + points, [*why, f"top-level write access to {scope}"]
    return lost, why


def token_permissions(tree: Tree) -> Score:
    """10 when every workflow's token is read-only by default, lower as Scorecard scores it."""
    if not tree.workflows:
        return inconclusive("no GitHub Actions workflows")
    readable = [w for w in tree.workflows if w.data is not None]
    score, evidence = float(MAX_SCORE), []
    for workflow in readable:
        lost, why = _penalty(workflow)
        score -= lost
        evidence += [Evidence("token permissions", reason, workflow.path) for reason in why]
    final = MIN_SCORE if score <= MIN_SCORE else int(score)
    unreadable = len(tree.workflows) - len(readable)
    if unreadable and final > MIN_SCORE:
        return inconclusive(f"{plural(unreadable, 'workflow', 'workflows')} could not be read")
    if final == MAX_SCORE:
        return Score(final, f"the token is read-only in every workflow ({len(readable)})")
    flagged = len({e.path for e in evidence})
    total = plural(len(readable), "workflow", "workflows")
    return Score(final, f"token not read-only in {flagged} of {total}", tuple(evidence))
