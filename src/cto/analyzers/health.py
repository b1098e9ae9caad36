"""Code health 1-10 per file, from a documented set of smells with weights kept as data.

Health = 10 - Σ min(weight * occurrences, cap) over the smells below, bounded to 1…10 and rounded
to one decimal; 10 means no smell. The smells, after CodeScene's code-health factors:

- complex function: a function over the cyclomatic threshold of the ``complexity`` analyzer;
- long function: a function over the length (lines of code) threshold;
- deep nesting: a function over the nesting threshold;
- many parameters: a function over the parameter threshold;
- complex conditional: a line that opens a condition (``if``, ``elif``, ``else if``, ``while``,
  ``unless``, ``until``) with at least ``conditional_operators`` boolean operators (``&&``, ``||``,
  and the words ``and``/``or`` in the languages that use them) — read from the file's text, one line
  at a time, so a condition split over lines counts only its first line;
- large file: more than ``large_file_lines`` lines of code (one occurrence);
- duplicated block: each duplicated block the file takes part in.

Only source files are graded: binary files and documentation, data and configuration formats
(``[languages] not_code`` in ``stacks.toml``) are not. The repository's health is the mean over the
graded files weighted by their lines of code.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property

from cto.analyzers.code_interface import CodeFacts, SourceFile
from cto.analyzers.complexity import Complexity
from cto.analyzers.rules import RuleSet
from cto.analyzers.stack import StackData, stack_data
from cto.findings import NotAssessed

AREA = "complexity"
#: Smells, in the order reports show them; function smells keyed by complexity measure.
SMELLS = (
    "complex_function", "long_function", "deep_nesting", "many_parameters",
    "complex_conditional", "large_file", "duplicated_block",
)  # fmt: skip
FUNCTION_SMELLS = {
    "cyclomatic": "complex_function",
    "nloc": "long_function",
    "nesting": "deep_nesting",
    "parameters": "many_parameters",
}
_CONDITION_START = r"[ \t]*(?:\}[ \t]*)?(?:else[ \t]+if|elif|elsif|if|while|unless|until)\b"
_SYMBOL_OPERATORS = r"&&|\|\|"
_WORD_OPERATORS = r"&&|\|\||\band\b|\bor\b"


@dataclass(frozen=True)
class FileHealth:
    """One file's code health and the smells behind it (smell → occurrences, non-zero only)."""

    path: str
    code: int
    health: float
    smells: Mapping[str, int]


@dataclass(frozen=True)
class Health:
    """Code health of the graded files, least healthy first, and their lines-weighted mean."""

    files: tuple[FileHealth, ...]
    mean: float | None
    not_assessed: tuple[NotAssessed, ...] = ()

    @cached_property
    def by_path(self) -> Mapping[str, FileHealth]:
        """Each graded file's health, by path."""
        return {f.path: f for f in self.files}


def grade(smells: Mapping[str, int], rules: RuleSet) -> float:
    """10 - Σ min(weight * count, cap), bounded to 1…10, one decimal."""
    params = rules.analyzer("health").thresholds
    penalty = sum(
        min(params[f"{smell}_weight"] * count, params[f"{smell}_max"])
        for smell, count in smells.items()
    )
    return round(min(10.0, max(1.0, 10.0 - penalty)), 1)


def complex_conditionals(text: str, operators: int, words: bool) -> int:
    """Lines opening a condition with at least ``operators`` boolean operators."""
    first, later = _conditional_patterns(operators, words)
    return (first.match(text) is not None) + sum(1 for _ in later.finditer(text))


@cache
def _conditional_patterns(operators: int, words: bool) -> tuple[re.Pattern[str], re.Pattern[str]]:
    # One regex per setting, so that the whole text is scanned in C: the condition keyword, then
    # `operators` boolean operators on the same line. The first line is matched on its own and
    # every other line from the newline before it: a regex starting with a literal character
    # skips to each occurrence in a fast loop, where a `^` would be tried at every character.
    operator = _WORD_OPERATORS if words else _SYMBOL_OPERATORS
    line = rf"{_CONDITION_START}(?:[^\n]*?(?:{operator})){{{operators}}}"
    return re.compile(line), re.compile("\n" + line)


def analyze(
    code: CodeFacts, complexity: Complexity, rules: RuleSet, data: StackData | None = None
) -> Health:
    """Grade every source file of ``code``; function smells come from ``complexity``."""
    data = data or stack_data()
    graded = [f for f in code.files if _is_source(f, data)]
    if not graded:
        return Health((), None, (NotAssessed(AREA, "no source files to grade"),))
    smells = _smells(code, complexity, graded, rules, data)
    # Most files share a few smell sets (most have none): each set is graded once.
    graded_sets: dict[tuple[tuple[str, int], ...], tuple[float, dict[str, int]]] = {}
    files = []
    for f in graded:
        counts = smells[f.path]
        key = tuple(counts.items())
        known = graded_sets.get(key)
        if known is None:
            known = graded_sets[key] = (grade(counts, rules), _ordered(counts))
        files.append(FileHealth(f.path, f.code, known[0], dict(known[1])))
    files.sort(key=lambda h: (h.health, -h.code, h.path))
    weight = sum(f.code for f in files)
    mean = sum(f.health * f.code for f in files) / weight if weight else 10.0
    return Health(tuple(files), round(mean, 1))


def _ordered(counts: Counter[str]) -> dict[str, int]:
    return {smell: counts[smell] for smell in SMELLS if counts.get(smell)}


def _is_source(source: SourceFile, data: StackData) -> bool:
    return not source.binary and source.code > 0 and source.language not in data.not_code


def _smells(
    code: CodeFacts,
    complexity: Complexity,
    graded: list[SourceFile],
    rules: RuleSet,
    data: StackData,
) -> dict[str, Counter[str]]:
    params = rules.analyzer("health").thresholds
    smells: dict[str, Counter[str]] = {f.path: Counter() for f in graded}
    for flagged in complexity.over:
        found = smells.get(flagged.function.path)
        if found is not None:
            found.update(FUNCTION_SMELLS[m] for m in flagged.over)
    for block in code.duplicates:
        for path in {block.path, block.other_path}:
            if path in smells:
                smells[path]["duplicated_block"] += 1
    operators = int(params["conditional_operators"])
    for source in graded:
        if source.code > params["large_file_lines"]:
            smells[source.path]["large_file"] = 1
        text = code.snapshot.read_text(source.path)
        if text is not None:
            words = source.language in data.word_operators
            if count := complex_conditionals(text, operators, words):
                smells[source.path]["complex_conditional"] = count
    return smells
