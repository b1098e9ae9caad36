"""Audit evidence as the advisor reads it: the few numbers its rules weigh, per repository.

Built from stored audit reports by :func:`cto.advisor.evidence_read.evidence_from_reports`. Every
value an audit could not assess stays ``None`` so a rule can say it cannot tell instead of
guessing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Hotspot:
    """A file that changes often and is complex.

    Attributes:
        repository: the repository's name.
        path: the file.
        revisions: changes in the audit's window.
        score: revisions times complexity.
        health: code health from 1 to 10, ``None`` when not graded.
        single_owner: True when one person alone knows it (degree of authorship), ``None``
            when the report does not say.
        owner: that person, or the main developer when known.
        tested: False when it lies in a source area without tests, ``None`` when unknown.
    """

    repository: str
    path: str
    revisions: int
    score: float
    health: float | None = None
    single_owner: bool | None = None
    owner: str | None = None
    tested: bool | None = None


@dataclass(frozen=True)
class RepositoryEvidence:
    """What the latest audit of one repository measured (``None``: not assessed)."""

    name: str
    source: str
    languages: tuple[tuple[str, int], ...] = ()
    stack: tuple[str, ...] = ()
    code_lines: int | None = None
    contributors: int | None = None
    truck_factor: int | None = None
    knowledge_loss_share: float | None = None
    key_person_files: int | None = None
    files: int | None = None
    hotspots_assessed: bool = False
    hotspots: tuple[Hotspot, ...] = ()
    unhealthy_files: tuple[tuple[str, float], ...] = ()
    mean_code_health: float | None = None
    test_files: int | None = None
    test_to_code_ratio: float | None = None
    untested_code_share: float | None = None
    untested_areas: tuple[str, ...] = ()
    line_coverage: float | None = None


@dataclass(frozen=True)
class AuditEvidence:
    """The latest audit of each repository in the workspace."""

    repositories: tuple[RepositoryEvidence, ...]

    @property
    def sources(self) -> list[str]:
        """Which audits the evidence comes from."""
        return [repository.source for repository in self.repositories]

    def languages(self) -> list[tuple[str, int]]:
        """Lines of code per language over every repository, most first."""
        totals: dict[str, int] = {}
        for repository in self.repositories:
            for language, lines in repository.languages:
                totals[language] = totals.get(language, 0) + lines
        return sorted(totals.items(), key=lambda item: (-item[1], item[0]))

    @property
    def stack(self) -> list[str]:
        """Runtimes and frameworks found, each once."""
        return list(dict.fromkeys(item for repo in self.repositories for item in repo.stack))

    @property
    def hotspots_assessed(self) -> bool:
        """True when at least one repository's hotspots were measured."""
        return any(repository.hotspots_assessed for repository in self.repositories)

    @property
    def hotspots(self) -> list[Hotspot]:
        """Every hotspot, highest score first."""
        spots = [spot for repository in self.repositories for spot in repository.hotspots]
        return sorted(spots, key=lambda spot: -spot.score)

    @property
    def unhealthy_files(self) -> list[tuple[str, str, float]]:
        """(repository, path, health) of files with a code smell, least healthy first."""
        rows = [
            (r.name, path, health) for r in self.repositories for path, health in r.unhealthy_files
        ]
        return sorted(rows, key=lambda row: row[2])

    def worst(self, attribute: str) -> tuple[str, float] | None:
        """The repository with the highest value of a share (knowledge loss, untested code)."""
        values = [(r.name, getattr(r, attribute)) for r in self.repositories]
        known = [(name, float(value)) for name, value in values if value is not None]
        return max(known, key=lambda item: item[1]) if known else None

    @property
    def truck_factor(self) -> int | None:
        """The lowest truck factor of any repository."""
        known = [r.truck_factor for r in self.repositories if r.truck_factor is not None]
        return min(known) if known else None

    @property
    def untested_areas(self) -> list[str]:
        """Source areas without tests (``repository:area`` when several repositories)."""
        several = len(self.repositories) > 1
        return [
            f"{repository.name}:{area}" if several else area
            for repository in self.repositories
            for area in repository.untested_areas
        ]
