"""Shared helpers for the practice tests (no tests here): CodeFacts from a few files."""

from __future__ import annotations

from collections.abc import Mapping

from cto.analyzers.code_interface import CodeFacts, MemorySnapshot, SourceFile
from cto.analyzers.practices import CheckResult, PracticesAnalysis, analyze_practices
from cto.analyzers.rules import RuleSet

SHA = "a" * 40
DIGEST = "sha256:" + "b" * 64


def facts(files: Mapping[str, str | bytes], counted: tuple[SourceFile, ...] = ()) -> CodeFacts:
    return CodeFacts("repo", "head", counted, (), (), (), MemorySnapshot(dict(files)))


def analyze(files: Mapping[str, str | bytes], rules: RuleSet | None = None) -> PracticesAnalysis:
    return analyze_practices(facts(files), rules)


def check(files: Mapping[str, str | bytes], check_id: str) -> CheckResult:
    return next(c for c in analyze(files).checks if c.id == check_id)


def score(files: Mapping[str, str | bytes], check_id: str) -> int:
    return check(files, check_id).score


def workflow(on: str, steps: str, top: str = "", job: str = "") -> str:
    """A one-job workflow; ``steps`` are YAML lines indented for the steps list."""
    return f"on: {on}\n{top}jobs:\n  build:\n    runs-on: ubuntu-latest\n{job}    steps:\n{steps}"
