"""Dockerfile rules: root user, unpinned images, secrets in ENV/ARG, no HEALTHCHECK, remote ADD.

The file is read as instructions (continuation lines joined, comments and heredoc bodies
skipped) grouped into build stages. Only the final stage is what runs, so USER and HEALTHCHECK
are looked for there, following ``FROM <earlier stage>`` back through the stages it builds on.
A base image's own USER or HEALTHCHECK cannot be seen from the repository and is not assumed,
except that an image tagged ``nonroot`` (distroless) is taken to run as a non-root user.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from cto.analyzers.infra_hits import Hit, hit, is_literal, is_secret_name

ROOT_USER = "infrastructure.docker-root-user"
UNPINNED_IMAGE = "infrastructure.docker-unpinned-image"
ENV_CREDENTIALS = "infrastructure.docker-secret-in-env"
NO_HEALTHCHECK = "infrastructure.docker-no-healthcheck"
REMOTE_ADD = "infrastructure.docker-remote-add"
RULES = (ROOT_USER, UNPINNED_IMAGE, ENV_CREDENTIALS, NO_HEALTHCHECK, REMOTE_ADD)

_ROOT = frozenset({"root", "0"})
_HEREDOC = re.compile(r"<<-?\s*[\"']?([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True, slots=True)
class Instruction:
    """One instruction: its keyword (upper case), arguments and first line."""

    keyword: str
    args: str
    line: int


@dataclass
class Stage:
    """One build stage: its FROM instruction, its name and the instructions after it."""

    image: str
    name: str
    line: int
    body: list[Instruction] = field(default_factory=list)


def instructions(text: str) -> list[Instruction]:
    """The instructions of a Dockerfile, continuation lines joined."""
    found: list[Instruction] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        start, parts = 0, list[str]()
        while i < len(lines):
            line = lines[i].rstrip()
            i += 1
            if line.lstrip().startswith("#") or not line.strip():
                if parts:
                    continue
                break
            start = start or i
            if not line.endswith("\\"):
                parts.append(line)
                break
            parts.append(line[:-1])
        joined = " ".join(p.strip() for p in parts).strip()
        if joined:
            keyword, _, args = joined.partition(" ")
            found.append(Instruction(keyword.upper(), args.strip(), start))
            heredoc = _HEREDOC.search(args)
            if heredoc and keyword.upper() in {"RUN", "COPY", "ADD"}:
                while i < len(lines) and lines[i].strip() != heredoc.group(1):
                    i += 1
                i += 1
    return found


def stages(text: str) -> list[Stage]:
    """The build stages, in order (instructions before the first FROM are dropped)."""
    found: list[Stage] = []
    for ins in instructions(text):
        if ins.keyword == "FROM":
            words = [w for w in ins.args.split() if not w.startswith("--")]
            name = words[2] if len(words) > 2 and words[1].lower() == "as" else ""
            found.append(Stage(words[0] if words else "", name.lower(), ins.line))
        elif found:
            found[-1].body.append(ins)
    return found


def check(path: str, text: str) -> list[Hit]:
    """Every Dockerfile rule's hits in one file."""
    built = stages(text)
    if not built:
        return []
    lines = text.splitlines()
    final = built[-1]
    hits = [hit(UNPINNED_IMAGE, path, s.line, lines) for s in built if _unpinned(s, built)]
    for stage in built:
        for ins in stage.body:
            if ins.keyword in {"ENV", "ARG"} and _has_secret(ins.args):
                hits.append(hit(ENV_CREDENTIALS, path, ins.line, lines))
            if ins.keyword == "ADD" and _remote_add(ins.args):
                hits.append(hit(REMOTE_ADD, path, ins.line, lines))
    user = _last(final, built, "USER")
    if user is None and "nonroot" not in final.image.lower():
        hits.append(hit(ROOT_USER, path, final.line, lines))
    elif user is not None and user.args.split(":")[0].strip().lower() in _ROOT:
        hits.append(hit(ROOT_USER, path, user.line, lines))
    health = _last(final, built, "HEALTHCHECK")
    if health is None or health.args.strip().upper() == "NONE":
        hits.append(hit(NO_HEALTHCHECK, path, final.line if health is None else health.line, lines))
    return hits


def _last(stage: Stage, built: list[Stage], keyword: str) -> Instruction | None:
    """The stage's last ``keyword`` instruction, else the one of the stage it is built FROM."""
    seen: set[str] = set()
    current: Stage | None = stage
    while current is not None:
        found = [i for i in current.body if i.keyword == keyword]
        if found:
            return found[-1]
        seen.add(current.name)
        parent = current.image.lower()
        current = next((s for s in built if s.name == parent and parent not in seen), None)
    return None


def _unpinned(stage: Stage, built: list[Stage]) -> bool:
    image = stage.image
    names = {s.name for s in built if s.name}
    if not image or "$" in image or image.lower() == "scratch" or image.lower() in names:
        return False
    if "@" in image:
        return False
    last = image.rsplit("/", 1)[-1]
    return ":" not in last or last.rsplit(":", 1)[1] == "latest"


def _has_secret(args: str) -> bool:
    try:
        words = shlex.split(args)
    except ValueError:
        words = args.split()
    if len(words) >= 2 and "=" not in words[0]:  # legacy form: ENV KEY value
        return is_secret_name(words[0]) and is_literal(" ".join(words[1:]))
    pairs = (w.partition("=") for w in words)
    return any(sep and is_secret_name(key) and is_literal(value) for key, sep, value in pairs)


def _remote_add(args: str) -> bool:
    words = args.split()
    if any(w.startswith("--checksum") for w in words):
        return False
    return any(w.lower().startswith(("http://", "https://")) for w in words[:-1])
