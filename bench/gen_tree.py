"""Generate a large source tree in several languages, committed in one commit, deterministically.

Every file holds real functions (branches, loops, boolean conditions, parameters) in Python,
JavaScript, C, Go or Java, with comments and blank lines, and now and then a block copied from
another file, so line counting, complexity and duplicate detection all have work to do.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

LANGUAGES = ("py", "js", "c", "go", "java")
AREAS = ("core", "api", "ui", "db", "jobs", "auth", "billing", "search")


def _python(rng: random.Random, name: str) -> list[str]:
    n = rng.randint(1, 4)
    args = ", ".join(f"arg{i}" for i in range(n))
    out = [f"def {name}({args}):", f'    """Compute {name} from {n} inputs."""', "    total = 0"]
    for i in range(rng.randint(2, 7)):
        out += [
            f"    for item in range(arg0 + {i}):",
            f"        if item % {i + 2} == 0 and total < {rng.randrange(1000)}:",
            f"            total += item * {rng.randrange(100)}  # weigh it",
            f"        elif item > {rng.randrange(50)}:",
            "            total -= 1",
            "",
        ]
    return [*out, "    return total", "", ""]


def _braces(rng: random.Random, name: str, kind: str) -> list[str]:
    n = rng.randint(1, 4)
    typed = {"c": "int a{i}", "java": "int a{i}", "js": "a{i}", "go": "a{i} int"}[kind]
    args = ", ".join(typed.format(i=i) for i in range(n))
    head = {
        "c": f"static int {name}({args}) {{",
        "java": f"    public static int {name}({args}) {{",
        "js": f"function {name}({args}) {{",
        "go": f"func {name}({args}) int {{",
    }[kind]
    declare = {"c": "int", "java": "int", "js": "let", "go": "var"}[kind]
    loop = "for i := 0; i < a0; i++ {" if kind == "go" else f"for ({declare} i = 0; i < a0; i++) {{"
    cond = "if (i % {m} == 0 && total < {t}) {{"
    if kind == "go":
        cond = "if i%{m} == 0 && total < {t} {{"
    out = [f"// {name} computes a weighted total.", head, f"  {declare} total = 0;"]
    if kind == "go":
        out[-1] = "  total := 0"
    for i in range(rng.randint(2, 7)):
        out += [
            f"  {loop}",
            "    " + cond.format(m=i + 2, t=rng.randrange(1000)),
            f"      total += i * {rng.randrange(100)}; /* weigh it */",
            "    } else {",
            "      total -= 1;",
            "    }",
            "  }",
            "",
        ]
    return [*out, "  return total;", "}", ""]


def _file(rng: random.Random, kind: str, index: int, copied: list[str]) -> str:
    lines = {"c": ["#include <stdio.h>", ""], "go": ["package main", ""]}.get(kind, [])
    if kind == "java":
        lines = [f"public class Module{index} {{", ""]
    for f in range(rng.randint(5, 14)):
        name = f"step_{index}_{f}"
        lines += _python(rng, name) if kind == "py" else _braces(rng, name, kind)
        if copied and rng.random() < 0.05:
            lines += copied
    if kind == "java":
        lines.append("}")
    return "\n".join(lines) + "\n"


def generate(path: Path, files: int = 1600, *, seed: int = 11) -> None:
    """Write ``files`` source files under ``path`` (a new git repository) and commit them."""
    rng = random.Random(seed)
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    copied = [f"    shared_value_{i} = lookup(table, {i}) + offset" for i in range(8)]
    for index in range(files):
        kind = LANGUAGES[index % len(LANGUAGES)]
        target = path / "src" / AREAS[index % len(AREAS)] / f"m{index // 40}" / f"mod{index}.{kind}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_file(rng, kind, index, copied if kind == "py" else []))
    env = {
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.com",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.com",
        "GIT_AUTHOR_DATE": "1700000000 +0000",
        "GIT_COMMITTER_DATE": "1700000000 +0000",
        "PATH": "/usr/bin:/bin:/usr/local/bin",
    }
    subprocess.run(["git", "-C", str(path), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(path), "commit", "-q", "-m", "tree"], check=True, env=env)
