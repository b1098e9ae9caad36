"""Repository-file checks: update tool, binaries, security policy, license, tools and documents."""

from __future__ import annotations

import pytest
from test_practices_helpers import analyze, check, facts, score, workflow

from cto.analyzers.code_interface import SourceFile
from cto.analyzers.practice_checks.license import identify
from cto.analyzers.practices import analyze_practices

WF = ".github/workflows/ci.yml"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({".github/dependabot.yml": "version: 2\n"}, 10),
        ({".github/dependabot.yaml": "version: 2\n"}, 10),
        ({"renovate.json": "{}"}, 10),
        ({".renovaterc": "{}"}, 10),
        ({".github/renovate.json": "{}"}, 10),
        ({"package.json": '{"name": "x", "renovate": {"extends": ["config:base"]}}'}, 10),
        ({"package.json": '{"name": "x"}'}, 0),
        ({"package.json": "{not json"}, 0),
        ({}, 0),
    ],
)
def test_dependency_update_tool(files: dict[str, str], expected: int) -> None:
    assert score(files, "dependency-update-tool") == expected


def test_dependency_update_tool_reason() -> None:
    result = check({".github/dependabot.yml": "", "renovate.json": "{}"}, "dependency-update-tool")
    assert result.reason == "configured: Dependabot, Renovate"


def test_binary_artifacts_lose_a_point_each() -> None:
    assert score({"src/a.py": "x"}, "binary-artifacts") == 10
    three = {"lib/a.jar": b"PK", "bin/b.exe": b"MZ", "c.PYC": b"\0"}
    result = check(three, "binary-artifacts")
    assert (result.score, result.reason) == (7, "3 binaries committed")
    assert [e.path for e in result.evidence] == ["bin/b.exe", "c.PYC", "lib/a.jar"]
    twelve = {f"lib/{i}.so": b"\0" for i in range(12)}
    assert score(twelve, "binary-artifacts") == 0


def test_binary_artifacts_counted_files_and_gradle_wrapper() -> None:
    counted = (SourceFile("native/x.dylib", "", 10, 0, 0, 0, 0, binary=True),)
    result = analyze_practices(facts({"a.py": "x"}, counted))
    assert next(c for c in result.checks if c.id == "binary-artifacts").score == 9
    wrapper = {"gradle/wrapper/gradle-wrapper.jar": b"PK"}
    assert score(wrapper, "binary-artifacts") == 9
    validated = workflow("push", "      - uses: gradle/actions/wrapper-validation@v3\n")
    assert score({**wrapper, WF: validated}, "binary-artifacts") == 10


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        ("SECURITY.md", "Report vulnerabilities privately to security@example.com.", 10),
        (".github/SECURITY.md", "https://example.com/security", 6),  # contact only
        ("docs/security.md", "Please open an issue and we will look at it.", 3),
        ("SECURITY.rst", "Responsible disclosure: https://example.com/sec", 10),
        ("SECURITY.md", "", 0),
        ("README.md", "security@example.com", 0),
    ],
)
def test_security_policy(path: str, text: str, expected: int) -> None:
    assert score({path: text}, "security-policy") == expected


def test_security_policy_reasons() -> None:
    assert check({}, "security-policy").reason == "no security policy file"
    assert check({"SECURITY.md": " "}, "security-policy").reason == (
        "SECURITY.md says nothing (no contact, no text)"
    )
    full = check({"SECURITY.md": "Vulnerabilities: sec@x.io"}, "security-policy")
    assert full.reason == "SECURITY.md has a contact, text, disclosure terms"


MIT = "MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining"
GPL3 = "GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (MIT, "MIT"),
        ("Apache License\nVersion 2.0, January 2004", "Apache-2.0"),
        (GPL3, "GPL-3.0"),
        ("GNU GENERAL PUBLIC LICENSE\nVersion 2, June 1991", "GPL-2.0"),
        ("GNU LESSER GENERAL PUBLIC LICENSE\nVersion 3 ... GNU General Public License", "LGPL-3.0"),
        ("GNU LESSER GENERAL PUBLIC LICENSE\nVersion 2.1, February 1999", "LGPL-2.1"),
        ("GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3 ... GNU General Public", "AGPL-3.0"),
        ("Mozilla Public License Version 2.0", "MPL-2.0"),
        ("Eclipse Public License - v 2.0", "EPL-2.0"),
        (
            "Permission to use, copy, modify, and/or distribute this software for any purpose "
            "with or without fee is hereby granted",
            "ISC",
        ),
        (
            "Redistribution and use in source and binary forms ... Neither the name of",
            "BSD-3-Clause",
        ),
        ("Redistribution and use in\nsource and binary forms, with or without", "BSD-2-Clause"),
        ("This is free and unencumbered software released into the public domain.", "Unlicense"),
        ("// SPDX-License-Identifier: MIT OR Apache-2.0\n", "MIT OR Apache-2.0"),
        ("Copyright Acme Ltd. All rights reserved.", None),
    ],
)
def test_identify_license(text: str, expected: str | None) -> None:
    assert identify(text) == expected


@pytest.mark.parametrize(
    ("files", "expected", "reason"),
    [
        ({"LICENSE": MIT}, 10, "MIT (LICENSE)"),
        ({"LICENCE.txt": GPL3}, 10, "GPL-3.0 (LICENCE.txt)"),
        ({"COPYING": GPL3}, 10, "GPL-3.0 (COPYING)"),
        (
            {"LICENSES/Apache-2.0.txt": "...", "LICENSES/MIT.txt": "..."},
            10,
            "Apache-2.0, MIT (LICENSES/Apache-2.0.txt)",
        ),
        (
            {"LICENSE.md": "All rights reserved."},
            9,
            "LICENSE.md found but its license is not identified",
        ),
        ({"docs/LICENSE": MIT}, 0, "no license file"),
        ({}, 0, "no license file"),
    ],
)
def test_license(files: dict[str, str], expected: int, reason: str) -> None:
    result = check(files, "license")
    assert (result.score, result.reason) == (expected, reason)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"parse/parse_test.go": "func FuzzParse(f *testing.F) {\n}"}, 10),
        ({"fuzz/fuzz_json.py": "import atheris\n"}, 10),
        ({"fuzz/target.cc": "int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)"}, 10),
        ({"fuzz/Cargo.toml": "[dependencies]\nlibfuzzer-sys = '0.4'\n"}, 10),
        ({"src/test/java/FuzzX.java": "import com.code_intelligence.jazzer.api.*;"}, 10),
        ({".clusterfuzzlite/Dockerfile": "FROM x"}, 10),
        ({"parse/parse_test.go": "func TestParse(t *testing.T) {}"}, 0),
        ({"src/app.py": "import atheris"}, 0),  # only files named for fuzzing are read
        ({}, 0),
    ],
)
def test_fuzzing(files: dict[str, str], expected: int) -> None:
    assert score(files, "fuzzing") == expected


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({WF: workflow("push", "      - uses: github/codeql-action/init@v3\n")}, 10),
        ({WF: workflow("push", "      - run: semgrep ci\n")}, 10),
        ({".gitlab-ci.yml": "include:\n  - template: Security/SAST.gitlab-ci.yml\n"}, 10),
        ({"Jenkinsfile": "sh 'bandit -r src'"}, 10),
        ({".pre-commit-config.yaml": "repos:\n  - repo: x\n    hooks:\n      - id: bandit\n"}, 7),
        ({"sonar-project.properties": "sonar.projectKey=x"}, 7),
        ({".pre-commit-config.yaml": "repos:\n  - hooks:\n      - id: black\n"}, 0),
        ({WF: workflow("push", "      - run: pytest\n")}, 0),
        ({}, 0),
    ],
)
def test_sast(files: dict[str, str], expected: int) -> None:
    assert score(files, "sast") == expected


DOCKER_PUSH = "      - uses: docker/build-push-action@v6\n        with:\n          push: {}\n"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({WF: workflow("release", "      - uses: pypa/gh-action-pypi-publish@release/v1\n")}, 10),
        ({WF: workflow("release", "      - run: npm publish --access public\n")}, 10),
        ({WF: workflow("release", DOCKER_PUSH.format("true"))}, 10),
        (
            {
                WF: workflow(
                    "release", DOCKER_PUSH.format("${{ github.event_name != 'pull_request' }}")
                )
            },
            10,
        ),
        ({WF: workflow("release", DOCKER_PUSH.format("false"))}, -1),
        ({".gitlab-ci.yml": "release:\n  script: twine upload dist/*\n"}, 10),
        ({WF: workflow("push", "      - run: cargo publish\n")}, 10),
        ({WF: workflow("push", "      - run: pytest\n")}, -1),
        ({}, -1),
    ],
)
def test_packaging(files: dict[str, str], expected: int) -> None:
    assert score(files, "packaging") == expected


SETUP_MD = "# Acme\n\n## Getting started\n\n```sh\nmake dev\n```\n"
SETUP_RST = (
    "Acme\n====\n\nInstallation\n------------\n\n.. code-block:: bash\n\n   pip install acme\n"
)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"README.md": SETUP_MD}, 10),
        ({"README.rst": SETUP_RST}, 10),
        ({"readme.md": "# Acme\n### Quick start\n$ docker compose up\n"}, 10),
        ({"README": "Usage\n=====\nRun it::\n\n    acme serve\n"}, 10),
        ({"README.md": "# Acme\n\nThe best product.\n\n```\ncode\n```\n"}, 0),  # no setup heading
        ({"README.md": "# Acme\n## Installation\nAsk Bob.\n"}, 0),  # no command
        ({"docs/README.md": SETUP_MD}, 0),
        ({}, 0),
    ],
)
def test_readme_setup(files: dict[str, str], expected: int) -> None:
    assert score(files, "readme-setup") == expected


def test_readme_setup_reason() -> None:
    result = check({"README.md": SETUP_MD}, "readme-setup")
    assert result.reason == "README.md has setup steps (Getting started)"
    assert check({}, "readme-setup").reason == "no README at the root"


@pytest.mark.parametrize(
    ("check_id", "present", "absent"),
    [
        ("contributing", {".github/CONTRIBUTING.md": "x"}, {"src/CONTRIBUTING.md": "x"}),
        ("contributing", {"CONTRIBUTING.rst": "x"}, {}),
        ("codeowners", {".github/CODEOWNERS": "* @a"}, {"src/CODEOWNERS": "* @a"}),
        ("codeowners", {"docs/CODEOWNERS": "* @a"}, {}),
        ("runbooks", {"docs/runbooks/deploy.md": "x"}, {"playbooks/site.yml": "- hosts: all"}),
        ("runbooks", {"docs/operations/backup.md": "x"}, {"docs/architecture.md": "x"}),
        ("runbooks", {"ONCALL.md": "x"}, {}),
        ("runbooks", {"ops/playbook-incident.md": "x"}, {}),
    ],
)
def test_documents_present_or_absent(
    check_id: str, present: dict[str, str], absent: dict[str, str]
) -> None:
    assert score(present, check_id) == 10
    assert score(absent, check_id) == 0


NYGARD = (
    "# 1. Use Postgres\n\n## Status\nAccepted\n## Context\nx\n## Decision\ny\n## Consequences\nz\n"
)
MADR = "# Use Postgres\n\n## Context and Problem Statement\nx\n## Considered Options\n* a\n"


@pytest.mark.parametrize(
    ("files", "expected", "reason"),
    [
        ({"doc/adr/0001-use-postgres.md": NYGARD}, 10, "1 decision record in doc/adr (Nygard 1)"),
        (
            {
                "docs/decisions/0001-a.md": MADR,
                "docs/decisions/0002-b.md": NYGARD,
                "docs/decisions/0003-c.md": "# C",
            },
            10,
            "3 decision records in docs/decisions (MADR 1, Nygard 1, other 1)",
        ),
        (
            {".adr-dir": "architecture/records\n", "architecture/records/0007-x.md": MADR},
            10,
            "1 decision record in architecture/records (MADR 1)",
        ),
        ({"docs/adr/README.md": "Our decisions"}, 0, "no architecture decision records"),
        ({"notes/0001-x.md": NYGARD}, 0, "no architecture decision records"),
    ],
)
def test_decision_records(files: dict[str, str], expected: int, reason: str) -> None:
    result = check(files, "decision-records")
    assert (result.score, result.reason) == (expected, reason)


def test_an_empty_tree_scores_every_check() -> None:
    scores = {c.id: c.score for c in analyze({}).checks}
    assert scores == {
        "dangerous-workflow": -1, "token-permissions": -1, "dependency-update-tool": 0,
        "pinned-dependencies": -1, "binary-artifacts": 10, "security-policy": 0, "license": 0,
        "fuzzing": 0, "sast": 0, "packaging": -1, "readme-setup": 0, "contributing": 0,
        "decision-records": 0, "runbooks": 0, "codeowners": 0,
    }  # fmt: skip
