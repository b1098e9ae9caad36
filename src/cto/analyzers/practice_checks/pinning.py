"""Pinned-dependencies: what CI and images fetch is fixed by hash, not by a movable name.

Scored as OpenSSF Scorecard's Pinned-Dependencies check
(``checks/evaluation/pinned_dependencies.go``): each kind of dependency found scores the share
pinned, weighted 10; GitHub actions split into GitHub-owned (weight 2) and third-party (weight 8)
when both are present; the result is rounded down. Download-then-run (``curl … | sh``) is
never pinned. No dependencies at all: inconclusive.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from cto.analyzers.practice_checks.base import MAX_SCORE, Score, inconclusive, plural
from cto.analyzers.practice_checks.tree import Tree
from cto.findings import Evidence

_USES = re.compile(r"^\s*(?:-\s+)?uses:\s*['\"]?([^'\"\s#]+)", re.MULTILINE)
_SHA = re.compile(r"@[0-9a-f]{40}$")
_FROM = re.compile(r"^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?", re.IGNORECASE | re.MULTILINE)
_PIPE_TO_SHELL = re.compile(
    r"\b(?:curl|wget)\b[^|\n;&]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:\S*/)?(?:ba|z|k|da)?sh\b"
    r"|\b(?:ba)?sh\s+(?:-c\s+)?[\"']?(?:<\(|\$\()\s*(?:curl|wget)\b"
)
GITHUB_OWNERS = ("actions/", "github/")


@dataclass(frozen=True)
class Dependency:
    """One dependency found: its kind, whether it is pinned, and where."""

    kind: str
    pinned: bool
    evidence: Evidence


def _at(path: str, text: str, offset: int, snippet: str, label: str) -> Evidence:
    return Evidence(label, f"line {text.count(chr(10), 0, offset) + 1}: {snippet.strip()}", path)


def _actions(tree: Tree) -> Iterator[Dependency]:
    for workflow in tree.workflows:
        text = workflow.text or ""
        for match in _USES.finditer(text):
            ref = match.group(1)
            if ref.startswith("./"):
                continue
            if ref.startswith("docker://"):
                yield Dependency(
                    "image",
                    "@sha256:" in ref,
                    _at(workflow.path, text, match.start(1), ref, "image"),
                )
                continue
            kind = (
                "github action" if ref.lower().startswith(GITHUB_OWNERS) else "third-party action"
            )
            pinned = bool(_SHA.search(ref))
            yield Dependency(kind, pinned, _at(workflow.path, text, match.start(1), ref, kind))


def dockerfiles(tree: Tree) -> list[str]:
    """Dockerfiles: ``Dockerfile``, ``Dockerfile.*``, ``*.Dockerfile``, ``Containerfile``."""
    found = []
    for path, name in zip(tree.paths, tree.names, strict=True):
        if (
            name in ("dockerfile", "containerfile")
            or name.startswith("dockerfile.")
            or name.endswith(".dockerfile")
        ):
            found.append(path)
    return found


def _images(tree: Tree) -> Iterator[Dependency]:
    for path in dockerfiles(tree):
        text = tree.read(path) or ""
        stages: set[str] = set()
        for match in _FROM.finditer(text):
            image, stage = match.group(1), match.group(2)
            if image.lower() != "scratch" and image.lower() not in stages and "$" not in image:
                yield Dependency(
                    "image", "@sha256:" in image, _at(path, text, match.start(1), image, "image")
                )
            if stage:
                stages.add(stage.lower())


def _downloads(tree: Tree) -> Iterator[Dependency]:
    workflows = [w.path for w in tree.workflows]
    for path in [*tree.named((".sh", ".bash")), *dockerfiles(tree), *workflows]:
        text = tree.read(path) or ""
        for match in _PIPE_TO_SHELL.finditer(text):
            yield Dependency(
                "download-then-run",
                False,
                _at(path, text, match.start(), match.group(0), "download then run"),
            )


def _groups(deps: list[Dependency]) -> list[tuple[int, int, float]]:
    """(pinned, total, weight) for each kind present, weighted as Scorecard weighs them."""
    groups: dict[str, list[int]] = {}
    for dep in deps:
        counts = groups.setdefault(dep.kind, [0, 0])
        counts[0] += dep.pinned
        counts[1] += 1
    both_actions = {"github action", "third-party action"} <= groups.keys()
    weights = {"github action": 2.0, "third-party action": 8.0} if both_actions else {}
    return [(p, t, weights.get(kind, 10.0)) for kind, (p, t) in groups.items()]


def pinned_score(deps: list[Dependency]) -> int:
    """The weighted share of pinned dependencies on 0 to 10, rounded down."""
    groups = _groups(deps)
    total = sum(weight * MAX_SCORE * pinned / count for pinned, count, weight in groups)
    return math.floor(total / sum(weight for _, _, weight in groups) + 1e-9)


def pinned_dependencies(tree: Tree) -> Score:
    """The weighted share of actions, images and downloads pinned by hash."""
    deps = [*_actions(tree), *_images(tree), *_downloads(tree)]
    if not deps:
        return inconclusive("no actions, container images or downloaded scripts found")
    unpinned = tuple(d.evidence for d in deps if not d.pinned)
    score = pinned_score(deps)
    if not unpinned:
        return Score(score, f"all {plural(len(deps), 'dependency', 'dependencies')} pinned by hash")
    return Score(
        score,
        f"{len(unpinned)} of {plural(len(deps), 'dependency', 'dependencies')} not pinned by hash",
        unpinned,
    )
