"""Nesting depth of Python functions, read from indentation.

lizard's nesting extension counts the braces of C-like languages well, but in Python, where no
brace closes a block, it keeps adding: three ``if`` statements one after another give a depth of
three. Here a control statement (``if``, ``for``, ``while``, ``try``, ``with``, ``match``…) opens
a level that every later line indented no deeper closes; ``elif``, ``else``, ``except``,
``finally`` and ``case`` replace the level of the statement they continue. Lines inside brackets
or strings that span lines are read as they stand, which can only close levels early (never
invent one), so the figure errs low on odd layouts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Reserved words: a line starting with one is that statement (one-liners included). ``match``
# and ``case`` are soft keywords, also names, so they count only on a line ending in a colon.
_CONTROL = re.compile(r"(?:async\s+)?(?:if|elif|else|for|while|try|except|finally|with)\b")
_SOFT = re.compile(r"(?:match|case)\b[^#]*:\s*(?:#.*)?$")


def python_nesting(lines: Sequence[str], start: int, end: int) -> int:
    """Deepest nesting of control blocks in the function spanning ``start``..``end`` (1-based).

    Nested functions and classes count as the levels they sit in, not as levels of their own.
    """
    levels: list[int] = []  # indentation of each open control statement
    deepest = 0
    for raw in lines[start : min(end, len(lines))]:  # the line after ``def`` onwards
        stripped = raw.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(raw) - len(stripped)
        while levels and levels[-1] >= indent:
            levels.pop()
        if _CONTROL.match(stripped) or _SOFT.match(stripped.rstrip()):
            levels.append(indent)
            deepest = max(deepest, len(levels))
    return deepest
