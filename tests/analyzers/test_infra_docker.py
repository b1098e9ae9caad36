"""Dockerfile rules: each rule's pass and fail cases, multi-stage builds, redacted secrets."""

from __future__ import annotations

import pytest
from test_infra_helpers import analyze, places

from cto.analyzers.infra_dockerfile import instructions

GOOD = (
    "FROM python:3.12-slim\n"
    "RUN useradd app\n"
    "USER app\n"
    "HEALTHCHECK CMD curl -f http://localhost/ || exit 1\n"
)

CASES = [
    # rule, Dockerfile, expected lines
    ("docker-root-user", GOOD, []),
    ("docker-root-user", "FROM python:3.12\nRUN make\n", [1]),
    ("docker-root-user", "FROM python:3.12\nUSER app\nUSER root\n", [3]),
    ("docker-root-user", "FROM python:3.12\nUSER 0:0\n", [2]),
    ("docker-root-user", "FROM gcr.io/distroless/static:nonroot\n", []),
    ("docker-unpinned-image", GOOD, []),
    ("docker-unpinned-image", "FROM python\n", [1]),
    ("docker-unpinned-image", "FROM python:latest\n", [1]),
    ("docker-unpinned-image", "FROM --platform=linux/amd64 node:latest AS web\n", [1]),
    ("docker-unpinned-image", "FROM localhost:5000/app\n", [1]),
    ("docker-unpinned-image", "FROM localhost:5000/app:1.2\n", []),
    ("docker-unpinned-image", "FROM python@sha256:abc\n", []),
    ("docker-unpinned-image", "FROM scratch\n", []),
    ("docker-unpinned-image", "ARG BASE=python:3.12\nFROM ${BASE}\n", []),
    ("docker-secret-in-env", GOOD, []),
    ("docker-secret-in-env", "FROM a:1\nENV DB_PASSWORD=hunter2\n", [2]),
    ("docker-secret-in-env", "FROM a:1\nENV API_KEY sk-live-1\n", [2]),
    ("docker-secret-in-env", "FROM a:1\nARG GITHUB_TOKEN=ghp_x\n", [2]),
    ("docker-secret-in-env", "FROM a:1\nENV A=1 \\\n    SECRET_KEY_BASE=x\n", [2]),
    ("docker-secret-in-env", "FROM a:1\nARG GITHUB_TOKEN\nENV TOKEN=${GITHUB_TOKEN}\n", []),
    ("docker-secret-in-env", "FROM a:1\nENV POSTGRES_PASSWORD_FILE=/run/secrets/db\n", []),
    ("docker-secret-in-env", "FROM a:1\nENV TOKENIZERS_PARALLELISM=false\n", []),
    ("docker-no-healthcheck", GOOD, []),
    ("docker-no-healthcheck", "FROM a:1\nUSER app\n", [1]),
    ("docker-no-healthcheck", "FROM a:1\nHEALTHCHECK NONE\n", [2]),
    ("docker-remote-add", GOOD, []),
    ("docker-remote-add", "FROM a:1\nADD https://example.com/x.tgz /opt/\n", [2]),
    ("docker-remote-add", "FROM a:1\nADD --checksum=sha256:ab https://e.com/x /x\n", []),
    ("docker-remote-add", "FROM a:1\nADD app.tgz /opt/\n", []),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "dockerfile", "lines"), CASES)
def test_rule(rule: str, dockerfile: str, lines: list[int]) -> None:
    assert places({"Dockerfile": dockerfile}, rule) == [("Dockerfile", n) for n in lines]


MULTI_STAGE = """\
FROM golang:1.22 AS build
USER builder
RUN go build -o /app
HEALTHCHECK CMD true

FROM alpine:3.19
COPY --from=build /app /app
"""


def test_only_the_final_stage_counts_for_user_and_healthcheck() -> None:
    files = {"Dockerfile": MULTI_STAGE}
    assert places(files, "docker-root-user") == [("Dockerfile", 6)]
    assert places(files, "docker-no-healthcheck") == [("Dockerfile", 6)]
    fixed = MULTI_STAGE + "USER app\n"
    assert places({"Dockerfile": fixed}, "docker-root-user") == []


def test_a_final_stage_built_from_an_earlier_stage_inherits_its_user() -> None:
    dockerfile = "FROM python:3.12 AS base\nUSER app\nFROM base AS final\nRUN true\n"
    assert places({"Dockerfile": dockerfile}, "docker-root-user") == []
    assert places({"Dockerfile": dockerfile}, "docker-unpinned-image") == []


def test_secret_values_are_redacted_in_evidence() -> None:
    analysis = analyze({"api/Dockerfile": "FROM a:1\nENV DB_PASSWORD=hunter2 MODE=prod\n"})
    [place] = [h for h in analysis.hits if h.rule.endswith("secret-in-env")]
    assert place.text == "ENV DB_PASSWORD=[redacted] MODE=prod"
    assert "hunter2" not in repr(analysis.to_dict())


def test_instructions_join_continuations_and_skip_comments_and_heredocs() -> None:
    text = "# c\nFROM a:1\n\nRUN a \\\n  # note\n  b\nRUN <<EOF\nUSER root\nEOF\nUSER app\n"
    found = [(i.keyword, i.args, i.line) for i in instructions(text)]
    assert found == [
        ("FROM", "a:1", 2),
        ("RUN", "a b", 4),
        ("RUN", "<<EOF", 7),
        ("USER", "app", 10),
    ]


def test_dockerfile_variants_are_found() -> None:
    files = {"deploy/api.Dockerfile": "FROM a\n", "Containerfile": "FROM b:1\nUSER x\n"}
    assert places(files, "docker-unpinned-image") == [("deploy/api.Dockerfile", 1)]
