"""Complexity per function and per file, against thresholds kept as data.

A function is *over* a threshold when its value is strictly greater than it (lizard's warning
rule): cyclomatic complexity > 15 (lizard's default; McCabe proposed 10), length > 60 lines of
code, parameters > 5, nesting > 4 (CodeScene's code-health smells: large method, excess function
arguments, deep nested complexity). Thresholds live in the ``complexity`` analyzer of
``cto/rules/code.toml``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cto.analyzers.code_interface import CodeFacts, Function
from cto.analyzers.rules import RuleSet
from cto.findings import Evidence, Finding, NotAssessed

AREA = "complexity"
RULE_COMPLEX_FUNCTIONS = "complexity.complex-functions"
RULE_IDS: tuple[str, ...] = (RULE_COMPLEX_FUNCTIONS,)
#: The measures a function is checked on, in the order reports show them.
MEASURES = ("cyclomatic", "nloc", "parameters", "nesting")
MAX_EVIDENCE = 10


@dataclass(frozen=True)
class FunctionOver:
    """A function over at least one threshold, and which ones (names from :data:`MEASURES`)."""

    function: Function
    over: tuple[str, ...]


@dataclass(frozen=True)
class FileComplexity:
    """Complexity of one file's functions: count, sum and max of cyclomatic, functions over."""

    path: str
    functions: int
    cyclomatic_sum: int
    cyclomatic_max: int
    over_threshold: int


@dataclass(frozen=True)
class Complexity:
    """Complexity of the whole tree.

    Attributes:
        thresholds: the limits used, by measure.
        functions: functions measured.
        over_counts: functions over each threshold, by measure.
        over: functions over any threshold, highest cyclomatic complexity first.
        files: files with functions, highest cyclomatic sum first (then by path).
        not_assessed: what could not be measured, and why.
    """

    thresholds: Mapping[str, float]
    functions: int
    over_counts: Mapping[str, int]
    over: tuple[FunctionOver, ...]
    files: tuple[FileComplexity, ...]
    not_assessed: tuple[NotAssessed, ...] = ()


def thresholds(rules: RuleSet) -> dict[str, float]:
    """The function thresholds, by measure."""
    values = rules.analyzer("complexity").thresholds
    return {m: values[m] for m in MEASURES}


def over_thresholds(function: Function, limits: Mapping[str, float]) -> tuple[str, ...]:
    """The measures on which ``function`` is strictly over its limit."""
    flags = (
        function.cyclomatic > limits["cyclomatic"],
        function.nloc > limits["nloc"],
        function.parameters > limits["parameters"],
        function.nesting > limits["nesting"],
    )
    if not any(flags):
        return ()
    return tuple(measure for measure, flag in zip(MEASURES, flags, strict=True) if flag)


def analyze(code: CodeFacts, rules: RuleSet) -> Complexity:
    """Measure every function of ``code`` against the thresholds and sum them per file."""
    limits = thresholds(rules)
    counts = dict.fromkeys(MEASURES, 0)
    over: list[FunctionOver] = []
    per_file: dict[str, list[int]] = {}
    for function in code.functions:
        flags = over_thresholds(function, limits)
        row = per_file.setdefault(function.path, [0, 0, 0, 0])
        row[0] += 1
        row[1] += function.cyclomatic
        row[2] = max(row[2], function.cyclomatic)
        if flags:
            row[3] += 1
            over.append(FunctionOver(function, flags))
            for measure in flags:
                counts[measure] += 1
    over.sort(key=lambda f: (-f.function.cyclomatic, -f.function.nloc, f.function.path,
                             f.function.line))  # fmt: skip
    files = sorted(
        (FileComplexity(path, *row) for path, row in per_file.items()),
        key=lambda f: (-f.cyclomatic_sum, f.path),
    )
    missing = () if code.functions else (NotAssessed(AREA, "no functions found to measure"),)
    return Complexity(limits, len(code.functions), counts, tuple(over), tuple(files), missing)


def findings(complexity: Complexity, repository: str, rules: RuleSet) -> tuple[Finding, ...]:
    """``complexity.complex-functions``: functions over the cyclomatic threshold."""
    rule = rules.get(RULE_COMPLEX_FUNCTIONS)
    count = complexity.over_counts.get("cyclomatic", 0)
    severity = rule.severity_for(count) if complexity.functions else None
    if severity is None:
        return ()
    limit = complexity.thresholds["cyclomatic"]
    worst = [f.function for f in complexity.over if "cyclomatic" in f.over][:MAX_EVIDENCE]
    values = {"count": f"{count:,}", "functions": "function is" if count == 1 else "functions are",
              "limit": f"{limit:g}"}  # fmt: skip
    evidence = [
        Evidence("functions with cyclomatic complexity over " + values["limit"],
                 f"{count:,} of {complexity.functions:,}"),
        *(Evidence("function", f"{f.name}, line {f.line} (cyclomatic complexity {f.cyclomatic})",
                   path=f.path) for f in worst),
    ]  # fmt: skip
    return (rule.finding(severity, repository, "", values, evidence),)
