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


def test_every_audit_option_is_in_the_readme():
    help_text = subprocess.run(
        [sys.executable, "-m", "cto", "audit", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={"COLUMNS": "200", "PATH": "/usr/bin"},
    ).stdout
    options = set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help"}
    assert {
        "--since",
        "--until",
        "--format",
        "--out",
        "--fail-on",
        "--workspace",
        "--quiet",
    } <= options
    missing = sorted(o for o in options if o not in README)
    assert not missing, f"options missing from README: {missing}"


def test_readme_shows_the_two_commands():
    assert "make demo" in README and "make test" in README
