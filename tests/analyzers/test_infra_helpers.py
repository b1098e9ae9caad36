"""Shared helpers of the infrastructure tests: a tree in memory and the places a rule matched."""

from __future__ import annotations

from cto.analyzers.code_interface import CodeFacts, MemorySnapshot
from cto.analyzers.infrastructure import InfrastructureAnalysis, analyze_infrastructure


def code(files: dict[str, str | bytes]) -> CodeFacts:
    """Code facts of a tree holding only ``files``."""
    return CodeFacts("acme/shop", "f" * 40, (), (), (), (), MemorySnapshot(files))


def analyze(files: dict[str, str | bytes]) -> InfrastructureAnalysis:
    """The infrastructure analysis of a tree holding only ``files``."""
    return analyze_infrastructure(code(files))


def places(files: dict[str, str | bytes], rule: str) -> list[tuple[str, int]]:
    """``(path, line)`` of every place ``rule`` (short id, no area) matched."""
    analysis = analyze(files)
    return [(h.path, h.line) for h in analysis.hits if h.rule == f"infrastructure.{rule}"]
