"""docs/checks.md is generated from the rules data, and code and data name the same rules."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import cto.analyzers
from cto.analyzers.rules import RuleSet
from cto.catalog import render
from cto.reports.history_areas import FILE_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [
    *sorted((ROOT / "src/cto/analyzers").glob("*.py")),
    *sorted((ROOT / "src/cto/reports").glob("*areas.py")),
]
AREAS = sorted({rule.area for rule in RuleSet.default().rules})
RULE_ID = re.compile(rf"^({'|'.join(AREAS)})\.[a-z][a-z0-9-]*$")


def string_constants() -> set[str]:
    found: set[str] = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def test_checks_md_is_generated() -> None:
    committed = (ROOT / "docs/checks.md").read_text(encoding="utf-8")
    assert committed == render(RuleSet.default()), (
        "docs/checks.md is stale: run `python -m cto.catalog > docs/checks.md`"
    )


def test_rule_ids_in_code_and_data_agree() -> None:
    in_data = {rule.id for rule in RuleSet.default().rules}
    in_code = {s for s in string_constants() if RULE_ID.match(s)}
    assert in_code == in_data
    declared: set[str] = set()
    for module in pkgutil.iter_modules(cto.analyzers.__path__):
        declared |= set(
            getattr(importlib.import_module(f"cto.analyzers.{module.name}"), "RULE_IDS", ())
        )
    assert declared == in_data


def test_every_metric_is_used_and_every_used_metric_is_defined() -> None:
    rules = RuleSet.default()
    defined = {m.id for m in rules.metrics}
    used: set[str] = set(FILE_COLUMNS)
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
                args = [a.value for a in node.args if isinstance(a, ast.Constant)]
                if name in {"metric", "_metric", "_column"} and args and isinstance(args[0], str):
                    used.add(args[0])
    documented_only = {"degree_of_authorship"}  # explains the truck factor
    assert used <= defined
    assert defined - used == documented_only


def test_every_analyzer_and_rule_is_documented() -> None:
    page = render(RuleSet.default())
    rules = RuleSet.default()
    for rule in rules.rules:
        assert f"### `{rule.id}`" in page
    for analyzer in rules.analyzers:
        assert f"### `{analyzer.id}`" in page
    for metric in rules.metrics:
        assert metric.definition in page


def test_practice_checks_in_code_and_data_agree() -> None:
    from cto.analyzers.practice_checks import CHECKS
    from cto.analyzers.practice_checks.spec import default_checks
    from cto.analyzers.practices import RULE_IDS

    specs = default_checks()
    assert list(CHECKS) == [spec.id for spec in specs]
    practice_rules = {rule.id for rule in RuleSet.default().rules if rule.area == "practices"}
    assert {spec.rule for spec in specs if spec.rule} == practice_rules == set(RULE_IDS)
    assert all(
        RuleSet.default().get(spec.rule).comparison == "at_most" for spec in specs if spec.rule
    )


def test_practice_checks_are_documented_from_the_data() -> None:
    from cto.analyzers.practice_checks.spec import default_checks

    page = render(RuleSet.default())
    assert "\n## Practice checks\n" in page
    for spec in default_checks():
        assert f"### `{spec.id}` — {spec.title}" in page
        for text in (spec.what, spec.why, spec.fix, spec.source):
            assert " ".join(text.split()) in page
    assert "## Practice checks" not in render(RuleSet.default(), checks=())


def test_an_id_defined_in_two_rules_files_is_refused() -> None:
    import pytest

    text = (ROOT / "src/cto/rules/history.toml").read_text(encoding="utf-8")
    one = RuleSet.from_toml(text)
    with pytest.raises(ValueError, match=r"defines .* twice"):
        RuleSet.merged([one, RuleSet.from_toml(text)])
    assert RuleSet.merged([one]).rules == one.rules
