"""The README tells the truth: its metric list, its CLI tour and its two commands."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from cto.analyzers.rules import RuleSet
from cto.catalog import metrics_table, with_metrics_table

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_metric_list_is_generated_from_the_rules_data():
    assert with_metrics_table(README, RuleSet.default()) == README, "run `make catalog`"
    for metric in RuleSet.default().metrics:
        assert f"| {metric.label} |" in metrics_table(RuleSet.default())


def test_metrics_block_is_required():
    with pytest.raises(ValueError, match="no <!-- metrics:start -->"):
        with_metrics_table("# no block here\n", RuleSet.default())


def help_options(*command: str) -> set[str]:
    help_text = subprocess.run(
        [sys.executable, "-m", "cto", *command, "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={"COLUMNS": "200", "PATH": "/usr/bin"},
    ).stdout
    return set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help"}


def test_every_audit_option_is_in_the_readme():
    options = help_options("audit")
    assert {
        "--since",
        "--until",
        "--format",
        "--out",
        "--fail-on",
        "--config",
        "--workspace",
        "--quiet",
    } <= options
    missing = sorted(o for o in options if o not in README)
    assert not missing, f"options missing from README: {missing}"


def test_every_check_option_is_in_the_check_section_of_the_readme():
    options = help_options("check")
    assert {"--fail-on", "--config", "--format", "--out", "--workspace"} <= options
    section = README.split("### `cto check`", 1)[1].split("\n### ", 1)[0]
    missing = sorted(o for o in options if f"`{o}" not in section)
    assert not missing, f"cto check options missing from its README section: {missing}"


def test_readme_documents_exemptions_and_sarif():
    for text in ("cto.toml", "[[exemption]]", "exemptions.expired", "SARIF 2.1.0", "suppression"):
        assert text in README


def test_readme_shows_the_two_commands():
    assert "make demo" in README and "make test" in README


@pytest.mark.parametrize("command", [("vulndb", "import"), ("vulndb", "update"), ("sbom",)])
def test_supply_chain_commands_are_in_their_readme_section(command):
    options = help_options(*command)
    section = README.split("### Supply chain", 1)[1].split("\n### ", 1)[0]
    assert f"cto {' '.join(command)}" in section
    missing = sorted(o for o in options if o not in section)
    assert not missing, f"cto {' '.join(command)} options missing from the README: {missing}"


def test_every_command_is_in_the_readme():
    help_text = subprocess.run(
        [sys.executable, "-m", "cto", "--help"], capture_output=True, text=True, check=True,
        env={"COLUMNS": "200", "PATH": "/usr/bin"},
    ).stdout  # fmt: skip
    commands = re.findall(r"^  ([a-z][a-z-]+)\s", help_text.split("Commands:", 1)[1], re.M)
    expected = {"audit", "init", "adr", "risk", "roadmap", "advise", "report", "export"}
    assert expected <= set(commands)
    missing = sorted(c for c in commands if f"cto {c}" not in README)
    assert not missing, f"commands missing from the README: {missing}"
