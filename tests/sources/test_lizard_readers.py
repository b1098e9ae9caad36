"""Which files lizard reads is remembered per extension, and always agrees with lizard itself."""

from __future__ import annotations

import re

from lizard_languages import get_reader_for, languages
from lizard_languages.code_reader import CodeReader

from cto.sources.complexity import lizard_reads, reader_for

NAMES = [
    "a.py", "A.PY", "src/x.Py", "a.py/b", "a.d/Makefile", "Makefile", "a.", ".py", "x..py",
    "a.py\n", "a\nb.py", "a.c\nx", "a.tar.gz", "lib/x.min.js", "a.R", "a.r", "k.kts", "h.hpp",
    "a.ſ", "long." + "x" * 40 + ".py", "a." + "p" * 40, "d.ts", "a.tsx", "é/ü.go", "a b.rb",
]  # fmt: skip


def test_remembered_answers_agree_with_lizard():
    for _ in range(2):  # asked afresh, then remembered
        for name in NAMES:
            assert reader_for(name) is get_reader_for(name), name
            assert lizard_reads(name) == (get_reader_for(name) is not None)


def test_lizard_still_matches_plain_extensions_only():
    """reader_for relies on this: a new lizard matching names otherwise must be looked at."""
    for language in languages():
        assert language.match_filename.__func__ is CodeReader.match_filename.__func__
        assert all(re.fullmatch(r"[A-Za-z0-9+_-]+", ext) for ext in language.ext)
