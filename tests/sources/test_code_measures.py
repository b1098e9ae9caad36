"""The measures behind CodeFacts, case by case: duplicate runs and Python nesting."""

from __future__ import annotations

import pytest

from cto.analyzers.code_interface import DuplicateBlock
from cto.sources.duplicates import LineFingerprints, find_duplicates, fingerprints
from cto.sources.nesting import python_nesting

BLOCK = [f"total_{i} = weigh(item, {i})" for i in range(8)]


def prints(path: str, text: str) -> LineFingerprints:
    return LineFingerprints(path, *fingerprints(text))


def test_fingerprints_skip_blank_trivial_comment_and_import_lines():
    text = "import os\nfrom a import b\n\n  }\n});\n# note\n// note\n x = 1 \n*/\nend\n"
    assert fingerprints(text)[0] == (8, 10)  # "x = 1" and "end" (a word, so not trivial)
    assert fingerprints("x = 1")[1] == fingerprints("\t  x = 1   ")[1][:1]  # whitespace ignored


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # six shared lines: one block, paired with the first place it appeared
        ({"a": BLOCK[:6], "b": BLOCK[:6]}, [("a", 1, "b", 1, 6)]),
        # five: nothing
        ({"a": BLOCK[:5], "b": BLOCK[:5]}, []),
        # a maximal run, not every overlapping window
        ({"a": BLOCK, "b": ["other()", *BLOCK]}, [("a", 1, "b", 2, 8)]),
        # three copies: two pairs, each with the first
        (
            {"a": BLOCK[:6], "b": BLOCK[:6], "c": BLOCK[:6]},
            [("a", 1, "b", 1, 6), ("a", 1, "c", 1, 6)],
        ),
        # within one file
        ({"a": [*BLOCK[:6], "gap()", *BLOCK[:6]]}, [("a", 1, "a", 8, 6)]),
        # blank lines between do not break a run; reported lines are significant lines
        ({"a": BLOCK[:6], "b": [BLOCK[0], "", *BLOCK[1:6]]}, [("a", 1, "b", 1, 6)]),
        # a line repeated over and over does not match itself in overlapping windows
        ({"a": ["tick(clock)"] * 11}, []),
    ],
)
def test_find_duplicates(texts, expected):
    files = [prints(path, "\n".join(lines) + "\n") for path, lines in texts.items()]
    assert find_duplicates(files) == [DuplicateBlock(*row) for row in expected]


def test_a_long_repeated_line_is_one_block_of_half_its_length():
    files = [prints("a", "tick(clock)\n" * 12)]
    assert find_duplicates(files) == [DuplicateBlock("a", 1, "a", 7, 6)]


def test_many_copies_stay_linear():
    files = [prints(f"f{i}", "\n".join(BLOCK)) for i in range(300)]
    blocks = find_duplicates(files)
    assert len(blocks) == 299 and {b.path for b in blocks} == {"f0"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("    return a\n", 0),
        ("    if a:\n        return 1\n    return 2\n", 1),
        ("    if a:\n        x = 1\n    if a:\n        x = 2\n    if a: x = 3\n", 1),
        (
            "    for x in a:\n        if x:\n            y = 1\n"
            "        elif y:\n            y = 2\n",
            2,
        ),
        (
            "    try:\n        with f:\n            while x:\n                pass\n"
            "    except E:\n        pass\n",
            3,
        ),
        ("    if (a and\n            b):\n        if c:\n            pass\n", 2),
        ("    match a:\n        case 1:\n            return 1\n    match = 2\n", 2),
        ("    # if a:\n    x = '''\n    if b:\n'''\n", 1),  # text in a string reads as code
    ],
)
def test_python_nesting(body, expected):
    lines = ("def f(a):\n" + body).split("\n")
    assert python_nesting(lines, 1, len(lines)) == expected
