"""Path globs as regular expressions, one dialect for the whole project.

``**/`` spans any number of folders (none included), ``**`` anything, ``*`` and ``?`` stay inside
one folder name, ``{a,b}`` is either. Used by the detection data of the analyzers and by the
exemption globs of ``cto.toml``.
"""

from __future__ import annotations

import re
from functools import cache


@cache
def glob_regex(pattern: str) -> re.Pattern[str]:
    """A regex matching whole paths for ``pattern`` (``**/``, ``*``, ``?``, ``{a,b}``)."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "{" and "}" in pattern[i:]:
            end = pattern.index("}", i)
            options = pattern[i + 1 : end].split(",")
            out.append("(?:" + "|".join(re.escape(o) for o in options) + ")")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")
