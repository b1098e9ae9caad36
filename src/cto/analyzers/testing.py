"""Automated tests in the tree: test files per language, test-to-code ratio, areas with no tests.

A test file is recognised by its path (conventions in ``delivery_detection.toml``). Production
source is every counted file of a programming language that is not a test, not documentation or
examples, and not a tool's configuration. Rust files carrying ``#[cfg(test)]`` stay production
code (their tests cannot be split out without parsing) but show that tests exist.

Source areas: the tree is walked from the root; a directory is *opened* (its subdirectories become
the candidates) when it is the root, a container name (``src``, ``lib``, ``app``, ``packages`` …),
or the only subdirectory of an opened directory (``src/<package>``, ``com/acme``). Every other
directory holding production code is an area. An area is *tested* when a test file lies inside it,
or when every word of its name (split on punctuation and camelCase, a final "s" ignored) is a word
of some test file's path: ``billing`` is tested by ``tests/test_billing.py`` or
``BillingTest.java``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from cto.analyzers.code_interface import CodeFacts, SourceFile
from cto.analyzers.delivery_patterns import (
    any_of,
    compiled,
    detection,
    first_match,
    glob_sets,
    matches,
)
from cto.analyzers.testing_frameworks import detect_frameworks

MAX_AREA_DEPTH = 8


@dataclass(frozen=True, slots=True)
class LanguageTests:
    """Test files of one language family.

    Attributes:
        language: language family as the conventions name it ("Python", "Java/Kotlin").
        files: number of test files.
        code_lines: lines of code in them.
        frameworks: test frameworks detected for it.
    """

    language: str
    files: int
    code_lines: int
    frameworks: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceArea:
    """A part of the production code (see the module docstring for how areas are found).

    Attributes:
        path: directory, repository-relative.
        code_lines: production lines of code in it.
        tested: True when a test file lies in it or names it.
    """

    path: str
    code_lines: int
    tested: bool


@dataclass(frozen=True)
class AutomatedTests:
    """What the tree shows about automated tests.

    Attributes:
        test_files: every test file, sorted.
        inline_test_files: production files that carry tests inside (Rust ``#[cfg(test)]``).
        languages: test files per language family.
        frameworks: every test framework detected, sorted.
        test_lines: lines of code in test files.
        production_lines: lines of code in production source files.
        ratio: ``test_lines / production_lines``; ``None`` without production code.
        areas: source areas, largest first.
        untested_share: % of production lines in areas without tests; ``None`` without code.
    """

    test_files: tuple[str, ...]
    inline_test_files: tuple[str, ...]
    languages: tuple[LanguageTests, ...]
    frameworks: tuple[str, ...]
    test_lines: int
    production_lines: int
    ratio: float | None
    areas: tuple[SourceArea, ...]
    untested_share: float | None

    @property
    def has_tests(self) -> bool:
        """True when any test file, or any production file with tests inside, exists."""
        return bool(self.test_files or self.inline_test_files)


def analyze(code: CodeFacts) -> AutomatedTests:
    """Find test files, frameworks, the test-to-code ratio and areas without tests."""
    tests = {f.path: (lang, f) for f in code.files if (lang := language_of_test(f))}
    production = [f for f in code.files if f.path not in tests and is_production(f)]
    inline = _inline_tests(code, production)
    found = detect_frameworks(code.snapshot, {p: lang for p, (lang, _) in tests.items()})
    test_lines = sum(f.code for _, f in tests.values())
    production_lines = sum(f.code for f in production)
    areas = source_areas({f.path: f.code for f in production}, tests)
    untested = sum(a.code_lines for a in areas if not a.tested)
    frameworks = {name for names in found.values() for name in names}
    frameworks.update(inline.values())
    return AutomatedTests(
        test_files=tuple(sorted(tests)),
        inline_test_files=tuple(sorted(inline)),
        languages=_languages(tests, found),
        frameworks=tuple(sorted(frameworks)),
        test_lines=test_lines,
        production_lines=production_lines,
        ratio=test_lines / production_lines if production_lines else None,
        areas=areas,
        untested_share=100.0 * untested / production_lines if production_lines else None,
    )


def language_of_test(file: SourceFile) -> str | None:
    """The language family whose test conventions ``file`` follows, ``None`` for no test."""
    if file.binary:
        return None
    index = first_match(file.path, _test_globs())
    return None if index is None else str(detection()["tests"][index]["language"])


def is_production(file: SourceFile) -> bool:
    """True for a source file of a programming language outside docs, examples and configs."""
    languages, non_source = _source_rules()
    return not file.binary and file.language in languages and non_source.match(file.path) is None


@cache
def _test_globs() -> tuple[tuple[str, ...], ...]:
    return glob_sets(detection()["tests"], "globs")


@cache
def _source_rules() -> tuple[frozenset[str], re.Pattern[str]]:
    source = detection()["source"]
    return frozenset(source["languages"]), any_of(tuple(source["non_source"]))


def area_of(path: str, areas: Iterable[SourceArea]) -> SourceArea | None:
    """The area ``path`` lies in, ``None`` when it lies in none."""
    return next((a for a in areas if path.startswith(a.path + "/")), None)


def source_areas(lines: Mapping[str, int], tests: Iterable[str]) -> tuple[SourceArea, ...]:
    """Areas of production code (path -> code lines), largest first, each marked tested or not."""
    containers = {c.lower() for c in detection()["source"]["containers"]}
    found: dict[str, int] = {}
    _visit((), [(tuple(p.split("/")), n) for p, n in lines.items()], True, containers, found)
    test_paths = list(tests)
    words = [_words(p) for p in test_paths]
    areas = [SourceArea(path, n, _is_tested(path, test_paths, words)) for path, n in found.items()]
    return tuple(sorted(areas, key=lambda a: (-a.code_lines, a.path)))


def _visit(
    prefix: tuple[str, ...],
    items: Sequence[tuple[tuple[str, ...], int]],
    open_dir: bool,
    containers: set[str],
    found: dict[str, int],
) -> None:
    if not open_dir or len(prefix) >= MAX_AREA_DEPTH:
        found["/".join(prefix)] = sum(n for _, n in items)
        return
    below: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
    for parts, n in items:
        if len(parts) > 1:
            below[parts[0]].append((parts[1:], n))
    for name, sub in below.items():
        opened = name.lower() in containers or len(below) == 1
        _visit((*prefix, name), sub, opened, containers, found)


def _is_tested(area: str, tests: Sequence[str], words: Sequence[set[str]]) -> bool:
    wanted = _words(area.rsplit("/", 1)[-1])
    return any(t.startswith(area + "/") for t in tests) or any(wanted <= w for w in words)


def _words(text: str) -> set[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)
    return {
        word[:-1] if len(word) > 3 and word.endswith("s") else word
        for word in (w.lower() for w in re.split(r"[^A-Za-z0-9]+", spaced))
        if word
    }


def _inline_tests(code: CodeFacts, production: Sequence[SourceFile]) -> dict[str, str]:
    found: dict[str, str] = {}
    for rule in detection()["inline_tests"]:
        pattern = compiled(rule["pattern"], 0)
        for file in production:
            if file.language == rule["language"] and matches(file.path, rule["globs"]):
                text = code.snapshot.read_text(file.path)
                if text is not None and pattern.search(text):
                    found[file.path] = str(rule["framework"])
    return found


def _languages(
    tests: Mapping[str, tuple[str, SourceFile]], frameworks: Mapping[str, Sequence[str]]
) -> tuple[LanguageTests, ...]:
    files: dict[str, list[SourceFile]] = defaultdict(list)
    for language, file in tests.values():
        files[language].append(file)
    languages = sorted(set(files) | set(frameworks))
    return tuple(
        LanguageTests(
            language,
            len(files.get(language, ())),
            sum(f.code for f in files.get(language, ())),
            tuple(frameworks.get(language, ())),
        )
        for language in languages
    )
