"""License: a license file at the root (or a REUSE ``LICENSES/`` folder), its SPDX id identified.

After OpenSSF Scorecard's License check (``checks/evaluation/license.go``: 6 for a file, 3 more
when it is in the expected place, 1 more for a recognised license). cto only looks in the
expected places, so a license file found scores 9, and 10 once its SPDX id is identified.
"""

from __future__ import annotations

import posixpath
import re

from cto.analyzers.practice_checks.base import MAX_SCORE, MIN_SCORE, Score
from cto.analyzers.practice_checks.tree import Tree
from cto.findings import Evidence

FOUND_SCORE = 9
_NAME = re.compile(r"^(licen[cs]e|copying)([.\-_].*)?$", re.IGNORECASE)
_SPDX_LINE = re.compile(
    r"SPDX-License-Identifier:\s*([A-Za-z0-9.+\-]+(?:\s+(?:OR|AND|WITH)\s+[A-Za-z0-9.+\-]+)*)"
)
#: (SPDX id, phrases that must all appear), most specific first: LGPL and AGPL texts name the GPL.
_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("AGPL-3.0", ("gnu affero general public license",)),
    ("LGPL-3.0", ("gnu lesser general public license", "version 3")),
    ("LGPL-2.1", ("gnu lesser general public license",)),
    ("GPL-3.0", ("gnu general public license", "version 3")),
    ("GPL-2.0", ("gnu general public license", "version 2")),
    ("Apache-2.0", ("apache license", "version 2.0")),
    ("MPL-2.0", ("mozilla public license", "2.0")),
    ("EPL-2.0", ("eclipse public license", "2.0")),
    ("MIT", ("permission is hereby granted, free of charge",)),
    ("ISC", ("permission to use, copy, modify, and/or distribute this software for any purpose",)),
    ("BSD-3-Clause", ("redistribution and use in source and binary forms", "neither the name")),
    ("BSD-2-Clause", ("redistribution and use in source and binary forms",)),
    ("Unlicense", ("this is free and unencumbered software released into the public domain",)),
)


def identify(text: str) -> str | None:
    """The SPDX id of a license text: its ``SPDX-License-Identifier`` line, or key phrases."""
    tagged = _SPDX_LINE.search(text)
    if tagged:
        return tagged.group(1)
    flat = " ".join(text.lower().split())
    for spdx_id, phrases in _PHRASES:
        if all(phrase in flat for phrase in phrases):
            return spdx_id
    return None


def license_files(tree: Tree) -> list[str]:
    """License files at the root, then the files of a REUSE ``LICENSES/`` folder."""
    root = [p for p in tree.paths if "/" not in p and _NAME.match(p)]
    return root + [
        p for p in tree.paths if p.startswith("LICENSES/") and posixpath.dirname(p) == "LICENSES"
    ]


def license_check(tree: Tree) -> Score:
    """0 without a license file, 9 with one, 10 when its SPDX id is identified."""
    found = license_files(tree)
    if not found:
        return Score(MIN_SCORE, "no license file")
    ids = []
    for path in found:
        if path.startswith("LICENSES/"):
            ids.append(posixpath.splitext(posixpath.basename(path))[0])
        else:
            ids.append(identify(tree.read(path) or "") or "")
    evidence = tuple(
        Evidence("license", i or "not identified", p) for p, i in zip(found, ids, strict=True)
    )
    named = sorted({i for i in ids if i})
    if not named:
        return Score(FOUND_SCORE, f"{found[0]} found but its license is not identified", evidence)
    return Score(MAX_SCORE, f"{', '.join(named)} ({found[0]})", evidence)
