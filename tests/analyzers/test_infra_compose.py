"""Compose file rules: each rule's pass and fail cases, at the exact line."""

from __future__ import annotations

import pytest
from test_infra_helpers import analyze, places


def compose(service: str) -> str:
    """A compose file with one service ``app`` whose body is ``service`` (indented by 4)."""
    body = "".join(f"    {line}\n" for line in service.splitlines())
    return f"services:\n  app:\n{body}"


CASES = [
    ("compose-privileged", "image: a:1\nprivileged: true", [4]),
    ("compose-privileged", "image: a:1\nprivileged: false", []),
    ("compose-host-network", "image: a:1\nnetwork_mode: host", [4]),
    ("compose-host-network", "image: a:1\nnetwork_mode: bridge", []),
    ("compose-exposed-database", 'image: postgres:16\nports:\n  - "5432:5432"', [5]),
    ("compose-exposed-database", 'image: postgres:16\nports:\n  - "0.0.0.0:5432:5432"', [5]),
    ("compose-exposed-database", "image: bitnami/redis\nports:\n  - 6379", [5]),
    ("compose-exposed-database", "image: mongo\nports:\n  - target: 27017\n    published: 27017",
     [5]),
    ("compose-exposed-database", 'image: postgres:16\nports:\n  - "127.0.0.1:5432:5432"', []),
    ("compose-exposed-database",
     "image: mysql:8\nports:\n  - target: 3306\n    host_ip: 127.0.0.1", []),
    ("compose-exposed-database", 'image: nginx:1\nports:\n  - "80:80"', []),
    ("compose-exposed-database", "image: postgres:16\nexpose:\n  - 5432", []),
    ("compose-secret-in-environment", "image: a:1\nenvironment:\n  DB_PASSWORD: s3cret", [5]),
    ("compose-secret-in-environment", "image: a:1\nenvironment:\n  - API_KEY=abc", [5]),
    ("compose-secret-in-environment",
     "image: a:1\nenvironment:\n  DB_PASSWORD: ${DB_PASSWORD}\n  - X=1", []),
    ("compose-secret-in-environment",
     "image: a:1\nenvironment:\n  DB_PASSWORD_FILE: /run/secrets/db\n  TOKEN:", []),
    ("compose-secret-in-environment", "image: a:1\nenvironment:\n  - GITHUB_TOKEN", []),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "service", "lines"), CASES)
def test_rule(rule: str, service: str, lines: list[int]) -> None:
    files = {"docker-compose.yml": compose(service)}
    assert places(files, rule) == [("docker-compose.yml", n) for n in lines]


def test_secret_values_are_redacted() -> None:
    analysis = analyze({"compose.yaml": compose("image: a:1\nenvironment:\n  - API_KEY=abc123")})
    assert [h.text for h in analysis.hits] == ["- API_KEY=[redacted]"]


def test_unreadable_compose_files_are_not_assessed_without_crashing() -> None:
    analysis = analyze({
        "docker-compose.yml": "services: [unclosed\n",
        "compose.prod.yaml": "a: &x 1\nb: *x\n",
    })  # fmt: skip
    assert analysis.hits == ()
    assert analysis.unreadable == ("compose.prod.yaml", "docker-compose.yml")
    assert any("could not be read or parsed" in n.reason for n in analysis.not_assessed)


def test_files_without_services_are_quietly_empty() -> None:
    analysis = analyze({"docker-compose.yml": "version: '3'\n", "compose.yaml": "- a\n"})
    assert analysis.hits == () and analysis.unreadable == ()
