"""Code health: each smell's penalty, the 1..10 bounds, and complex conditionals read from text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from test_code_support import code_facts, function, source

from cto.analyzers import complexity, health
from cto.analyzers.code_interface import DuplicateBlock
from cto.analyzers.rules import RuleSet

RULES = RuleSet.default()


def test_clean_file_is_ten_and_not_code_is_not_graded() -> None:
    facts = code_facts([source("a.py", 100), source("README.md", 50), source("x.bin", 0,
                        binary=True)], [function("a.py")])  # fmt: skip
    result = health.analyze(facts, complexity.analyze(facts, RULES), RULES)
    assert [(f.path, f.health, dict(f.smells)) for f in result.files] == [("a.py", 10.0, {})]
    assert result.mean == 10.0


def test_known_smells_grade() -> None:
    # a.py: 2 complex functions (2 x 1.0), one of them also long (0.5) and deeply nested (1.0),
    # 1 with 6 parameters (0.5), large (1,200 lines: 1.5), 1 duplicated block (0.5):
    # 10 - 2 - 0.5 - 1 - 0.5 - 1.5 - 0.5 = 4.0.  b.py: one complex conditional (0.5): 9.5.
    functions = [
        function("a.py", "f", cyclomatic=16, nloc=61, nesting=5),
        function("a.py", "g", cyclomatic=30, line=100),
        function("a.py", "h", parameters=6, line=200),
    ]
    texts = {"b.py": "def f(a, b, c, d):\n    if a and b or c and d:\n        return 1\n"}
    dup = DuplicateBlock("a.py", 1, "c.py", 5, 12)
    facts = code_facts([source("a.py", 1200), source("b.py", 3)], functions, [dup], texts)
    result = health.analyze(facts, complexity.analyze(facts, RULES), RULES)
    graded = {f.path: (f.health, dict(f.smells)) for f in result.files}
    assert graded["a.py"] == (4.0, {"complex_function": 2, "long_function": 1, "deep_nesting": 1,
                                    "many_parameters": 1, "large_file": 1,
                                    "duplicated_block": 1})  # fmt: skip
    assert graded["b.py"] == (9.5, {"complex_conditional": 1})
    assert [f.path for f in result.files] == ["a.py", "b.py"]
    assert result.mean == round((4.0 * 1200 + 9.5 * 3) / 1203, 1)


def test_penalties_are_capped_and_health_never_below_one() -> None:
    assert health.grade({"complex_function": 50}, RULES) == 7.0
    everything = dict.fromkeys(health.SMELLS, 100)
    assert health.grade(everything, RULES) == 1.0


def test_complex_conditionals() -> None:
    text = "\n".join([
        "if (a && b || c && d) {",          # 3 operators: counts
        "} else if (a && b || c) {",        # 2: does not
        "  while (x || y || z || w) {",     # 3: counts
        "  x = a && b && c && d;",          # not a condition line
        "elif a and b and c and d:",        # words: only where the language uses them
    ])  # fmt: skip
    assert health.complex_conditionals(text, 3, words=False) == 2
    assert health.complex_conditionals(text, 3, words=True) == 3
    assert health.complex_conditionals(text, 2, words=False) == 3


def test_no_source_is_not_assessed() -> None:
    facts = code_facts([source("README.md")])
    result = health.analyze(facts, complexity.analyze(facts, RULES), RULES)
    assert result.mean is None and result.files == ()
    assert result.not_assessed[0].reason == "no source files to grade"


@given(st.dictionaries(st.sampled_from(health.SMELLS), st.integers(0, 1000)))
def test_health_between_one_and_ten(smells: dict[str, int]) -> None:
    grade = health.grade(smells, RULES)
    assert 1.0 <= grade <= 10.0
    assert (grade == 10.0) == (not any(smells.values()))


#: The one MULTILINE regex complex conditionals were first counted with (``^`` at every line).
_START = r"^[ \t]*(?:\}[ \t]*)?(?:else[ \t]+if|elif|elsif|if|while|unless|until)\b"
_OPERATORS = {False: r"&&|\|\|", True: r"&&|\|\||\band\b|\bor\b"}
_TOKENS = ["if", "elif", "else if", "while", "}", " ", "\t", "\n", "\r", "&&", "||", "and", "or",
           "x", "é", "_", "(", "\n\n"]  # fmt: skip


@given(st.lists(st.sampled_from(_TOKENS), max_size=30).map("".join), st.integers(0, 3),
       st.booleans())  # fmt: skip
def test_complex_conditionals_count_as_one_multiline_regex(
    text: str, operators: int, words: bool
) -> None:
    line = rf"{_START}(?:[^\n]*?(?:{_OPERATORS[words]})){{{operators}}}"
    expected = sum(1 for _ in re.finditer(line, text, re.MULTILINE))
    assert health.complex_conditionals(text, operators, words) == expected
