"""Complexity thresholds at their edges, per-file sums, and the complex-functions rule."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from test_code_support import code_facts, function, source

from cto.analyzers import complexity
from cto.analyzers.rules import RuleSet
from cto.findings import Severity

RULES = RuleSet.default()


@pytest.mark.parametrize(
    ("measures", "over"),
    [
        ({"cyclomatic": 15}, ()),
        ({"cyclomatic": 16}, ("cyclomatic",)),
        ({"nloc": 60}, ()),
        ({"nloc": 61}, ("nloc",)),
        ({"parameters": 5}, ()),
        ({"parameters": 6}, ("parameters",)),
        ({"nesting": 4}, ()),
        ({"nesting": 5}, ("nesting",)),
        ({"cyclomatic": 30, "nesting": 9}, ("cyclomatic", "nesting")),
    ],
)
def test_thresholds_at_the_edges(measures: dict[str, Any], over: tuple[str, ...]) -> None:
    made = replace(function("a.py"), **measures)
    assert complexity.over_thresholds(made, complexity.thresholds(RULES)) == over


def test_per_file_sum_max_and_over() -> None:
    functions = [
        function("a.py", "f", cyclomatic=3),
        function("a.py", "g", cyclomatic=20, line=10),
        function("a.py", "h", cyclomatic=1, parameters=7, line=40),
        function("b.py", "k", cyclomatic=2),
    ]
    result = complexity.analyze(code_facts([source("a.py"), source("b.py")], functions), RULES)
    assert result.functions == 4
    files = [(f.path, f.functions, f.cyclomatic_sum, f.cyclomatic_max, f.over_threshold)
             for f in result.files]  # fmt: skip
    assert files == [("a.py", 3, 24, 20, 2), ("b.py", 1, 2, 2, 0)]
    assert result.over_counts == {"cyclomatic": 1, "nloc": 0, "parameters": 1, "nesting": 0}
    assert [(o.function.name, o.over) for o in result.over] == [
        ("g", ("cyclomatic",)),
        ("h", ("parameters",)),
    ]


def test_no_functions_is_not_assessed_and_finds_nothing() -> None:
    result = complexity.analyze(code_facts([source("a.md")]), RULES)
    assert result.not_assessed[0].reason == "no functions found to measure"
    assert complexity.findings(result, "acme/shop", RULES) == ()


@pytest.mark.parametrize(
    ("complex_count", "severity"),
    [(0, None), (1, Severity.LOW), (9, Severity.LOW), (10, Severity.MEDIUM)],
)
def test_complex_functions_rule(complex_count: int, severity: Severity | None) -> None:
    functions = [function("a.py", f"f{i}", cyclomatic=16, line=i) for i in range(complex_count)]
    functions.append(function("a.py", "simple", cyclomatic=15))
    result = complexity.analyze(code_facts([source("a.py")], functions), RULES)
    found = complexity.findings(result, "acme/shop", RULES)
    assert (found[0].severity if found else None) is severity
    if found:
        noun = "function is" if complex_count == 1 else "functions are"
        assert found[0].title == f"{complex_count} {noun} too complex to change safely"
        assert found[0].evidence[0].value == f"{complex_count} of {complex_count + 1}"
        assert found[0].evidence[1].path == "a.py"
