"""Dangerous-workflow: untrusted input reaching a privileged GitHub Actions workflow.

After OpenSSF Scorecard's Dangerous-Workflow check (raw: ``checks/raw/dangerous_workflow.go``):
a script injection is an ``${{ … }}`` expression over attacker-controlled event data inside a
``run:`` (or ``actions/github-script``) step; an untrusted checkout is ``actions/checkout`` of the
pull request's head under ``pull_request_target`` or ``workflow_run``. Unlike Scorecard, script
injection only counts under triggers that run with the base repository's secrets and a write
token, the ones an outsider can start.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cto.analyzers.practice_checks.base import MAX_SCORE, MIN_SCORE, Score, inconclusive, plural
from cto.analyzers.practice_checks.tree import Tree, Workflow, line_of, step_text
from cto.findings import Evidence

#: Events an outsider can cause that run with secrets and a write token.
PRIVILEGED_TRIGGERS = frozenset({
    "pull_request_target", "issue_comment", "issues", "discussion", "discussion_comment",
    "workflow_run",
})  # fmt: skip
#: Events under which checking out the pull request's code runs it with those secrets.
CHECKOUT_TRIGGERS = frozenset({"pull_request_target", "workflow_run"})

_EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)
_UNTRUSTED = re.compile(
    r"github\.event\.\S*(issue\.title|issue\.body|pull_request\.title|pull_request\.body"
    r"|discussion\.title|discussion\.body|comment\.body|review\.body|review_comment\.body"
    r"|pages\S*\.page_name|commits\S*\.message|head_commit\.message|head_commit\.author\.(email|name)"
    r"|commits\S*\.author\.(email|name)|pull_request\.head\.(ref|label|repo\.default_branch)"
    r"|workflow_run\.head_branch|workflow_run\.display_title)"
    r"|github\.head_ref|tojson\(\s*github(\.event)?\s*\)",
    re.IGNORECASE,
)
_UNTRUSTED_REF = ("github.event.pull_request", "github.head_ref", "github.event.workflow_run")


def untrusted_expressions(script: str) -> list[str]:
    """The ``${{ … }}`` expressions in ``script`` that read attacker-controlled data."""
    return [m.group(0) for m in _EXPRESSION.finditer(script) if _UNTRUSTED.search(m.group(1))]


def _problems(workflow: Workflow) -> Iterator[Evidence]:
    triggers = workflow.triggers
    if not triggers & PRIVILEGED_TRIGGERS:
        return
    text = workflow.text or ""
    for job, step in workflow.steps():
        uses = step_text(step, "uses")
        script = step_text(step, "run")
        if uses.startswith("actions/github-script"):
            script = step_text(step, "with.script")
        for expression in untrusted_expressions(script):
            yield _evidence("script injection", job, expression, workflow.path, text)
        ref = step_text(step, "with.ref")
        checkout = uses.startswith("actions/checkout") and triggers & CHECKOUT_TRIGGERS
        if checkout and any(marker in ref for marker in _UNTRUSTED_REF):
            yield _evidence("untrusted checkout", job, ref, workflow.path, text)


def _evidence(label: str, job: str, snippet: str, path: str, text: str) -> Evidence:
    line = line_of(text, snippet)
    where = f"job {job}" + (f", line {line}" if line else "")
    return Evidence(label, f"{where}: {snippet}", path)


def dangerous_workflow(tree: Tree) -> Score:
    """0 when a privileged workflow runs untrusted input or code, 10 when none does."""
    if not tree.workflows:
        return inconclusive("no GitHub Actions workflows")
    found = tuple(e for w in tree.workflows for e in _problems(w))
    if found:
        files = len({e.path for e in found})
        return Score(
            MIN_SCORE,
            f"{plural(len(found), 'dangerous pattern', 'dangerous patterns')} in "
            f"{plural(files, 'workflow', 'workflows')}",
            found,
        )
    unreadable = tuple(Evidence("unreadable workflow", w.path, w.path) for w in tree.workflows
                       if w.data is None)  # fmt: skip
    if unreadable:
        return inconclusive(
            f"{plural(len(unreadable), 'workflow', 'workflows')} could not be read", unreadable
        )
    return Score(MAX_SCORE, "no dangerous workflow patterns")
