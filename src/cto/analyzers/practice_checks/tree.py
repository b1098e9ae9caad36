"""Read access to the audited tree for the practice checks: paths, texts and parsed workflows.

Everything is read through the :class:`~cto.analyzers.code_interface.TreeSnapshot` (never the work
tree), each file at most once, and GitHub workflow files are parsed with the safe YAML loader.
This parsing is private to the practice checks: it looks at security posture, not at what CI runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from cto.analyzers.code_interface import CodeFacts
from cto.analyzers.yaml_files import load_yaml

WORKFLOW_DIR = ".github/workflows/"
#: CI configurations other than GitHub Actions, read as text only.
OTHER_CI_FILES = (
    ".gitlab-ci.yml", ".circleci/config.yml", "Jenkinsfile", "azure-pipelines.yml",
    "bitbucket-pipelines.yml", ".travis.yml",
)  # fmt: skip


@dataclass(frozen=True)
class Workflow:
    """One GitHub Actions workflow file.

    Attributes:
        path: repository-relative path.
        text: its text, ``None`` when unreadable (binary or too large).
        data: the parsed document when it is a mapping, ``None`` when it could not be parsed.
    """

    path: str
    text: str | None
    data: Mapping[Any, Any] | None

    @property
    def triggers(self) -> frozenset[str]:
        """Names of the events that start it (YAML 1.1 reads a bare ``on`` key as ``True``)."""
        if self.data is None:
            return frozenset()
        on = self.data.get("on", self.data.get(True))
        if isinstance(on, str):
            return frozenset({on})
        if isinstance(on, list | Mapping):
            return frozenset(str(event) for event in on)
        return frozenset()

    def jobs(self) -> Iterator[tuple[str, Mapping[Any, Any]]]:
        """Each job's name and definition (malformed jobs are skipped)."""
        jobs = self.data.get("jobs") if self.data is not None else None
        if isinstance(jobs, Mapping):
            for name, job in jobs.items():
                if isinstance(job, Mapping):
                    yield str(name), job

    def steps(self) -> Iterator[tuple[str, Mapping[Any, Any]]]:
        """Each step with its job's name (malformed steps are skipped)."""
        for name, job in self.jobs():
            steps = job.get("steps")
            for step in steps if isinstance(steps, list) else ():
                if isinstance(step, Mapping):
                    yield name, step


def step_text(step: Mapping[Any, Any], key: str) -> str:
    """A step's ``key`` (``run``, ``uses``) as text, or ``with.<key>`` when prefixed so."""
    where: Any = step
    if key.startswith("with."):
        where, key = step.get("with"), key[5:]
    value = where.get(key) if isinstance(where, Mapping) else None
    return value if isinstance(value, str) else ""


def line_of(text: str, needle: str) -> int | None:
    """1-based line of the first occurrence of ``needle`` in ``text``, ``None`` if absent."""
    at = text.find(needle)
    return None if at < 0 else text.count("\n", 0, at) + 1


class Tree:
    """The audited tree as the practice checks see it."""

    def __init__(self, code: CodeFacts) -> None:
        self._code = code
        self._texts: dict[str, str | None] = {}
        counted = (f.path for f in code.files)
        self.paths: tuple[str, ...] = tuple(sorted({*code.snapshot.paths(), *counted}))
        self._by_lower = {p.lower(): p for p in self.paths}

    def read(self, path: str) -> str | None:
        """The file's text, ``None`` when absent, binary or too large (read once)."""
        if path not in self._texts:
            self._texts[path] = self._code.snapshot.read_text(path)
        return self._texts[path]

    def find(self, candidates: Iterable[str]) -> list[str]:
        """The candidates that exist, compared without regard to case, as stored in the tree."""
        found = (self._by_lower.get(c.lower()) for c in candidates)
        return list(dict.fromkeys(p for p in found if p is not None))

    @cached_property
    def lowered(self) -> tuple[str, ...]:
        """Every path lower-cased, in the order of :attr:`paths` (lowered once, not per check)."""
        return tuple(p.lower() for p in self.paths)

    @cached_property
    def names(self) -> tuple[str, ...]:
        """Every file's lower-cased name (``posixpath.basename``), in the order of :attr:`paths`."""
        return tuple(p[p.rfind("/") + 1 :].lower() for p in self.paths)

    def under(self, folder: str) -> list[str]:
        """Every file below ``folder`` (compared without regard to case)."""
        prefix = folder.lower().rstrip("/") + "/"
        lowered = zip(self.paths, self.lowered, strict=True)
        return [p for p, low in lowered if low.startswith(prefix)]

    def named(self, suffixes: Iterable[str]) -> list[str]:
        """Every file whose lower-cased name ends with one of ``suffixes``."""
        ends = tuple(s.lower() for s in suffixes)
        return [p for p, name in zip(self.paths, self.names, strict=True) if name.endswith(ends)]

    @cached_property
    def workflows(self) -> tuple[Workflow, ...]:
        """Every ``.github/workflows/*.yml|yaml`` file, parsed when possible."""
        found = []
        for path in self.paths:
            rest = path[len(WORKFLOW_DIR) :] if path.startswith(WORKFLOW_DIR) else ""
            if rest and "/" not in rest and rest.endswith((".yml", ".yaml")):
                text = self.read(path)
                data = load_yaml(text) if text is not None else None
                found.append(Workflow(path, text, data if isinstance(data, Mapping) else None))
        return tuple(found)

    @cached_property
    def ci_texts(self) -> tuple[tuple[str, str], ...]:
        """Path and text of every CI configuration, GitHub workflows included."""
        texts = [(w.path, w.text) for w in self.workflows if w.text is not None]
        for path in self.find(OTHER_CI_FILES):
            text = self.read(path)
            if text is not None:
                texts.append((path, text))
        return tuple(texts)
