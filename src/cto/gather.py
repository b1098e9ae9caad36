"""Gathering the tree facts of one repository (code, dependencies, vulnerabilities) and secrets.

Shared by ``cto audit`` (which also searches history for secrets, incrementally) and
``cto check`` (the tree at HEAD only). Reads sources and the workspace; computes nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from cto.analyzers.code_interface import CodeFacts
from cto.progress import ProgressHook
from cto.record.workspace import Workspace
from cto.sources.coverage import CoverageReport
from cto.sources.exclusions import ExclusionRules
from cto.sources.git import GitRepository
from cto.sources.gitpatch import AddedLine
from cto.sources.manifests import collect_dependencies
from cto.sources.secrets import (
    HistorySecrets,
    SecretFacts,
    SecretHit,
    scan_tree_secrets,
    search_history,
    secret_facts,
)
from cto.tree_steps import TreeFacts

#: Key of the audit facts that remember which commits were searched for secrets, and the hits.
SECRET_SCAN = "secret_scan"  # noqa: S105 - a facts key, not a password


def gather_tree(
    code: CodeFacts,
    *,
    workspace: Workspace | None,
    now: int,
    coverage: Sequence[CoverageReport] = (),
) -> TreeFacts:
    """The tree facts of ``code``: its dependencies and their known vulnerabilities."""
    dependencies = collect_dependencies(code.snapshot)
    records: Mapping[tuple[str, str], Any] = {}
    status = None
    if workspace is not None:
        database = workspace.vulndb
        status = database.status()
        if status.empty:
            status = None
        else:
            packages = {(d.ecosystem, d.name) for d in dependencies.dependencies}
            records = database.records_for(packages)
    return TreeFacts(code, dependencies, records, status, coverage, now)


def gather_secrets(
    code: CodeFacts,
    *,
    exclusions: ExclusionRules,
    history: HistorySearch | None = None,
    progress: ProgressHook | None = None,
) -> SecretFacts:
    """Secrets in the files of ``code`` and, with ``history``, in its commits."""
    found = (history or HistorySearch(None)).search(exclusions, progress)
    return secret_facts(scan_tree_secrets(code.snapshot, exclusions), found)


@dataclass(frozen=True, slots=True)
class HistorySearch:
    """Which commits to search for secrets, and what earlier audits already found.

    Attributes:
        repo: the repository (``None``: history is not searched).
        new_commits: commits not searched before, newest first.
        known_hits: secrets found in the commits searched before.
        known_commits: how many commits were searched before.
        lines: the keyword lines of ``new_commits`` when the history pass already read them.
    """

    repo: GitRepository | None
    new_commits: tuple[str, ...] = ()
    known_hits: tuple[SecretHit, ...] = ()
    known_commits: int = 0
    lines: tuple[AddedLine, ...] | None = None

    @classmethod
    def plan(
        cls,
        repo: GitRepository,
        head: str,
        commits: Sequence[str],
        new_since: tuple[str, Sequence[str]] | None,
        scan: Mapping[str, Any] | None,
        read: tuple[Sequence[str], Sequence[AddedLine]] = ((), ()),
    ) -> HistorySearch:
        """Search only what the previous audit did not, reusing lines the history pass read.

        Args:
            head: the audited commit.
            commits: every commit to ``head``, newest first.
            new_since: ``(base, new commits)`` when the history read was incremental from
                ``base``; ``None`` after a full read.
            scan: the previous audit's :data:`SECRET_SCAN` facts (``None``: no audit before).
            read: ``(commits, their keyword lines)`` the history pass of this audit read.
        """
        plan = cls(repo, tuple(commits))
        if isinstance(scan, Mapping):
            known = tuple(SecretHit(**hit) for hit in scan.get("hits", ()))
            searched = int(scan.get("commits", 0))
            if scan.get("head") == head:
                plan = cls(repo, (), known, searched)
            elif new_since is not None and scan.get("head") == new_since[0]:
                plan = cls(repo, tuple(new_since[1]), known, searched)
        if plan.new_commits and plan.new_commits == tuple(read[0]):
            return dataclasses.replace(plan, lines=tuple(read[1]))
        return plan

    def search(
        self, exclusions: ExclusionRules, progress: ProgressHook | None = None
    ) -> HistorySecrets:
        """Carry the plan out: search the new commits, add what earlier audits found."""
        return search_history(
            self.repo, self.new_commits, exclusions=exclusions, progress=progress,
            known=self.known_hits, known_commits=self.known_commits, lines=self.lines,
        )  # fmt: skip


def secret_scan_facts(head: str, commits: int, hits: Sequence[SecretHit]) -> dict[str, Any]:
    """What to store with the audit so the next one searches only newer commits (no secrets:
    hits hold a redacted prefix and a fingerprint)."""
    return {"head": head, "commits": commits, "hits": [asdict(hit) for hit in hits]}
