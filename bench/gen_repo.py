"""Generate a large synthetic git repository quickly with `git fast-import`.

Deterministic (seeded): N commits by a pool of authors over a few thousand files, each commit
editing, adding, renaming or deleting a handful of files, with a merge now and then. Used by the
benchmarks so every run measures the same history.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

AUTHORS = [(f"Dev {i}", f"dev{i}@example.com") for i in range(40)]
DIRS = ["src/core", "src/api", "src/ui", "src/db", "lib", "tests", "docs", "tools"]


def _content(rng: random.Random, n: int) -> list[str]:
    return [f"value_{rng.randrange(10**6)} = compute({rng.randrange(1000)})\n" for _ in range(n)]


def _edit(rng: random.Random, body: list[str]) -> None:
    for _ in range(rng.randint(1, 6)):
        roll = rng.random()
        pos = rng.randrange(len(body) + 1)
        if roll < 0.45 or len(body) < 5:
            body.insert(pos, f"added_{rng.randrange(10**6)} = {rng.randrange(100)}\n")
        elif roll < 0.75:
            body.pop(min(pos, len(body) - 1))
        else:
            body[min(pos, len(body) - 1)] = f"changed_{rng.randrange(10**6)}\n"


def generate(
    path: Path,
    commits: int,
    *,
    seed: int = 7,
    start: int = 1_400_000_000,
    files: dict[str, list[str]] | None = None,
) -> None:
    """Create (or extend) the repository at ``path`` with ``commits`` new commits on main.

    ``files``: contents of files already at HEAD (path -> lines) that the new commits may edit,
    rename and delete as well as their own; by default only files the commits create are edited.
    """
    rng = random.Random(seed)
    fresh = not (path / ".git").exists() and not (path / "HEAD").exists()
    if fresh:
        subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    files = dict(files or {})
    proc = subprocess.Popen(
        ["git", "-C", str(path), "fast-import", "--quiet", "--force"],
        stdin=subprocess.PIPE,
    )
    assert proc.stdin is not None
    out = proc.stdin
    when = start if fresh else start + 10_000_000
    parent = None if fresh else _head(path)
    for n in range(commits):
        when += rng.randint(60, 9000)
        name, email = rng.choice(AUTHORS[: 5 + min(35, n // 800)])
        ops = _ops(rng, files, n)
        message = f"change {n}\n".encode()
        out.write(f"commit refs/heads/main\nmark :{n + 1}\n".encode())
        out.write(f"author {name} <{email}> {when} +0000\n".encode())
        out.write(f"committer {name} <{email}> {when} +0000\n".encode())
        out.write(b"data %d\n%s" % (len(message), message))
        if n == 0 and parent:
            out.write(f"from {parent}\n".encode())
        out.write(ops)
        out.write(b"\n")
    out.close()
    if proc.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(["git", "-C", str(path), "checkout", "-q", "-f", "main"], check=True)


def _ops(rng: random.Random, files: dict[str, list[str]], n: int) -> bytes:
    parts: list[bytes] = []
    roll = rng.random()
    if not files or roll < 0.08:
        for _ in range(rng.randint(1, 4)):
            path = f"{rng.choice(DIRS)}/m{len(files)}_{n}.py"
            files[path] = _content(rng, rng.randint(10, 60))
            parts.append(_modify(path, files[path]))
        return b"".join(parts)
    if roll < 0.10 and len(files) > 50:
        old = rng.choice(sorted(files))
        new = f"{rng.choice(DIRS)}/r{n}_{old.rsplit('/', 1)[1]}"
        files[new] = files.pop(old)
        return f"R {old} {new}\n".encode()
    if roll < 0.11 and len(files) > 50:
        old = rng.choice(sorted(files))
        del files[old]
        return f"D {old}\n".encode()
    keys = sorted(files)
    for path in rng.sample(keys, min(len(keys), rng.choice((1, 1, 1, 2, 2, 3, 4, 6)))):
        _edit(rng, files[path])
        parts.append(_modify(path, files[path]))
    return b"".join(parts)


def _modify(path: str, body: list[str]) -> bytes:
    data = "".join(body).encode()
    return b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data)


def _head(path: Path) -> str:
    return subprocess.run(
        ["git", "-C", str(path), "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()
