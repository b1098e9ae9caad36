"""Dangerous-workflow, token-permissions and pinned-dependencies on minimal workflow files."""

from __future__ import annotations

import pytest
from test_practices_helpers import DIGEST, SHA, check, facts, score, workflow

from cto.analyzers.practice_checks.pinning import Dependency, pinned_score
from cto.analyzers.practice_checks.tree import Tree
from cto.analyzers.practice_checks.workflow_security import untrusted_expressions
from cto.findings import Evidence

WF = ".github/workflows/ci.yml"
RUN_TITLE = '      - run: echo "${{ github.event.pull_request.title }}"\n'
CHECKOUT_HEAD = (
    "      - uses: actions/checkout@v4\n"
    "        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (workflow("pull_request_target", RUN_TITLE), 0),
        (workflow("pull_request_target", CHECKOUT_HEAD), 0),
        (workflow("issue_comment", '      - run: echo "${{ github.event.comment.body }}"\n'), 0),
        (workflow("[issues]", "      - run: echo ${{ github.event.issue.title }}\n"), 0),
        (workflow("pull_request_target", '      - run: echo "${{ github.head_ref }}"\n'), 0),
        (
            workflow(
                "workflow_run",
                "      - uses: actions/checkout@v4\n        with:\n"
                "          ref: ${{ github.event.workflow_run.head_sha }}\n",
            ),
            0,
        ),
        (
            workflow(
                "issues",
                "      - uses: actions/github-script@v7\n        with:\n"
                "          script: console.log('${{ github.event.issue.body }}')\n",
            ),
            0,
        ),
        # untrusted input under a trigger without secrets, or passed safely through env
        (workflow("pull_request", RUN_TITLE), 10),
        (workflow("pull_request", CHECKOUT_HEAD), 10),
        (
            workflow(
                "pull_request_target",
                "      - env:\n          TITLE: ${{ github.event.pull_request.title }}\n"
                '        run: echo "$TITLE"\n',
            ),
            10,
        ),
        (workflow("pull_request_target", "      - run: echo ${{ github.sha }}\n"), 10),
    ],
)
def test_dangerous_workflow(text: str, expected: int) -> None:
    assert score({WF: text}, "dangerous-workflow") == expected


def test_dangerous_workflow_evidence_names_job_and_line() -> None:
    result = check({WF: workflow("pull_request_target", RUN_TITLE)}, "dangerous-workflow")
    assert result.evidence == (
        Evidence(
            "script injection", "job build, line 6: ${{ github.event.pull_request.title }}", WF
        ),
    )
    assert result.reason == "1 dangerous pattern in 1 workflow"


def test_on_key_quirk_quoted_and_bare() -> None:
    quoted = workflow("x", RUN_TITLE).replace("on: x", '"on": pull_request_target')
    assert score({WF: quoted}, "dangerous-workflow") == 0
    tree = Tree(facts({WF: workflow("[issues, push]", "      - run: true\n")}))
    assert tree.workflows[0].triggers == {"issues", "push"}
    mapping = "on:\n  issue_comment:\n    types: [created]\njobs: {}\n"
    assert Tree(facts({WF: mapping})).workflows[0].triggers == {"issue_comment"}


def test_no_workflows_is_inconclusive() -> None:
    assert score({}, "dangerous-workflow") == -1
    assert score({}, "token-permissions") == -1
    assert check({}, "dangerous-workflow").reason == "no GitHub Actions workflows"


def test_unreadable_yaml_is_inconclusive_unless_another_workflow_is_dangerous() -> None:
    broken = {WF: "on: [push\njobs: {"}
    assert score(broken, "dangerous-workflow") == -1
    assert score(broken, "token-permissions") == -1
    alias = {WF: "on: &a push\njobs:\n  b:\n    steps: *a\n"}
    assert score(alias, "dangerous-workflow") == -1
    bad = {**broken, ".github/workflows/x.yaml": workflow("pull_request_target", RUN_TITLE)}
    assert score(bad, "dangerous-workflow") == 0
    assert score(bad, "token-permissions") == 0  # the readable one already scores 0


def test_untrusted_expressions() -> None:
    script = "echo ${{ github.event.issue.body }} ${{ github.actor }} ${{ toJSON(github.event) }}"
    assert untrusted_expressions(script) == [
        "${{ github.event.issue.body }}",
        "${{ toJSON(github.event) }}",
    ]


STEP = "      - run: make\n"
JOB_READ = "    permissions:\n      contents: read\n"


@pytest.mark.parametrize(
    ("top", "job", "expected"),
    [
        ("permissions: read-all\n", "", 10),
        ("permissions:\n  contents: read\n", "", 10),
        ("permissions: {}\n", "", 10),
        ("", "", 0),  # nothing declared anywhere
        ("permissions: write-all\n", "", 0),
        ("", JOB_READ, 9),  # 10 - 0.5, rounded down
        ("permissions: write-all\n", JOB_READ, 9),
        ("permissions:\n  contents: write\n", "", 0),
        ("permissions:\n  packages: write\n", "", 0),
        ("permissions:\n  statuses: write\n", "", 9),
        ("permissions:\n  checks: write\n", "    permissions:\n      deployments: write\n", 8),
        ("permissions:\n  security-events: write\n", "", 9),
        ("permissions: read-all\n", "    permissions:\n      contents: write\n", 10),
    ],
)
def test_token_permissions(top: str, job: str, expected: int) -> None:
    assert score({WF: workflow("push", STEP, top, job)}, "token-permissions") == expected


def test_token_permissions_add_up_across_workflows() -> None:
    files = {
        WF: workflow("push", STEP, "", JOB_READ),
        ".github/workflows/b.yml": workflow("push", STEP, "", JOB_READ),
        ".github/workflows/c.yml": workflow("push", STEP, "permissions:\n  checks: write\n"),
    }
    result = check(files, "token-permissions")
    assert result.score == 8  # 10 - 0.5 - 0.5 - 0.5 = 8.5
    assert result.reason == "token not read-only in 3 of 3 workflows"
    assert {e.path for e in result.evidence} == set(files)


def _uses(*refs: str) -> str:
    return workflow("push", "".join(f"      - uses: {ref}\n" for ref in refs))


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({WF: _uses("foo/bar@v1")}, 0),
        ({WF: _uses(f"foo/bar@{SHA}")}, 10),
        ({WF: _uses(f"actions/checkout@{SHA}", "foo/bar@v1")}, 2),  # weights 2 and 8
        ({WF: _uses("actions/checkout@v4", f"foo/bar@{SHA}")}, 8),
        ({WF: _uses("actions/checkout@v4", f"foo/bar@{SHA}", "./local")}, 8),
        ({WF: _uses(f"foo/bar@{SHA}", "foo/baz@main")}, 5),
        ({WF: _uses("docker://alpine:3", f"docker://alpine@{DIGEST}")}, 5),
        ({"Dockerfile": f"FROM python:3.11@{DIGEST} AS build\nFROM build\nFROM scratch\n"}, 10),
        ({"Dockerfile": "FROM --platform=linux/amd64 python:3.11\n"}, 0),
        ({"Dockerfile": "ARG BASE\nFROM ${BASE}\n"}, -1),
        # actions 1 of 2 (5) and images 1 of 1 (10), each weighted 10: 7.5 rounded down
        ({WF: _uses(f"foo/bar@{SHA}", "foo/baz@v2"), "Dockerfile": f"FROM a@{DIGEST}\n"}, 7),
        ({WF: _uses(f"foo/bar@{SHA}"), "install.sh": "curl -fsSL https://x.io/i | sudo bash\n"}, 5),
        ({"Dockerfile": f"FROM a@{DIGEST}\nRUN wget -qO- https://x.io/i | sh\n"}, 5),
        ({WF: workflow("push", "      - run: bash <(curl -s https://x.io)\n")}, 0),
        ({WF: _uses("./local"), "README.md": "curl x | sh"}, -1),
        ({}, -1),
    ],
)
def test_pinned_dependencies(files: dict[str, str], expected: int) -> None:
    assert score(files, "pinned-dependencies") == expected


def test_pinned_dependencies_evidence_lists_the_unpinned() -> None:
    result = check({WF: _uses(f"foo/bar@{SHA}", "foo/baz@v2")}, "pinned-dependencies")
    assert result.evidence == (Evidence("third-party action", "line 7: foo/baz@v2", WF),)
    assert result.reason == "1 of 2 dependencies not pinned by hash"


def test_pinned_score_weighting() -> None:
    def dep(kind: str, pinned: bool) -> Dependency:
        return Dependency(kind, pinned, Evidence("x", "y"))

    deps = [
        dep("github action", True),
        dep("github action", False),
        dep("third-party action", True),
    ]
    assert pinned_score(deps) == 9  # (2 * 5 + 8 * 10) / 10
