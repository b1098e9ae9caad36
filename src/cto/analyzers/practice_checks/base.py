"""What every practice check returns, and the few constants they share.

A check is a pure function of a :class:`~cto.analyzers.practice_checks.tree.Tree`; it returns a
:class:`Score` (score, one-line reason, evidence). The runner in :mod:`cto.analyzers.practices`
adds the check's id, title and risk from the data file and builds the :class:`CheckResult`.
"""

from __future__ import annotations

from dataclasses import dataclass

from cto.findings import Evidence

#: Best score of a check.
MAX_SCORE = 10
#: Worst score of a check.
MIN_SCORE = 0
#: Score of a check that could not be assessed (as OpenSSF Scorecard's inconclusive result).
INCONCLUSIVE = -1


@dataclass(frozen=True)
class Score:
    """What a check measured.

    Attributes:
        score: 0 to 10, or :data:`INCONCLUSIVE` (-1).
        reason: why this score, one line.
        evidence: files and lines the score rests on.
    """

    score: int
    reason: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class CheckResult:
    """One practice check's result, as reports show it.

    Attributes:
        id: check id (``dangerous-workflow``), as in ``cto/rules/practices.toml``.
        title: check title.
        score: 0 to 10, or -1 when inconclusive.
        risk: risk of failing the check: critical, high, medium or low.
        reason: why this score, one line.
        evidence: files and lines the score rests on.
    """

    id: str
    title: str
    score: int
    risk: str
    reason: str
    evidence: tuple[Evidence, ...]

    @property
    def assessed(self) -> bool:
        """False when the check was inconclusive."""
        return self.score != INCONCLUSIVE


def inconclusive(reason: str, evidence: tuple[Evidence, ...] = ()) -> Score:
    """A result saying the check could not be assessed, and why."""
    return Score(INCONCLUSIVE, reason, evidence)


def present(found: tuple[Evidence, ...], yes: str, no: str) -> Score:
    """10 with ``yes`` when anything was found, else 0 with ``no``."""
    return Score(MAX_SCORE, yes, found) if found else Score(MIN_SCORE, no)


def plural(count: int, one: str, many: str) -> str:
    """``1 file``, ``2 files``."""
    return f"{count} {one if count == 1 else many}"
