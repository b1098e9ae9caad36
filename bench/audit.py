"""Benchmark: a whole first `cto audit` against one plain `git log --numstat`, in one run.

Usage: python bench/audit.py [--repo PATH] [--runs 2]

Issue 3's target: the whole audit (history, tree copy, lines, complexity, duplicates, every
analyzer, the workspace record and three reports) of a numpy-sized repository (~40k commits,
~500k lines) in under 3x the time of a plain `git log --numstat` of it. Each audit starts from
an empty workspace, so nothing is incremental.

Without --repo it builds (once, cached under bench/.work/) a numpy-sized repository: the
generated 1,600-file, 627k-line tree of ``gen_tree.py`` as the first commit, then 40,000 commits
(``gen_repo.py``) that edit, rename and delete those files as well as their own, so that git's
diff work per commit resembles a real project's rather than only tiny files'.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
from pathlib import Path

from history import CLEAN_ENV, PY, WORK, best_of, measure


def lines_of_code() -> int:
    """Lines of code at HEAD as the audit's own report counts them (for the record)."""
    data = json.loads((WORK / "audit-out" / "report.json").read_text())
    section = data["repositories"][0]
    codebase = next(a for a in section["areas"] if a["id"] == "codebase")
    return next(int(m["value"]) for m in codebase["metrics"] if m["id"] == "code_lines")


def ensure_numpy_sized(commits: int = 40_000) -> Path:
    """The cached synthetic numpy-sized repository."""
    from gen_repo import generate as add_commits
    from gen_tree import generate as make_tree

    path = WORK / f"numpy-sized-{commits}"
    if not (path / ".git").exists():
        shutil.rmtree(path, ignore_errors=True)
        print(f"generating {path} …", flush=True)
        make_tree(path)
        tree = {
            str(f.relative_to(path)): f.read_text().splitlines(keepends=True)
            for f in sorted((path / "src").rglob("*"))
            if f.is_file()
        }
        add_commits(path, commits, seed=41, start=1_590_000_000, files=tree)
    return path


def main() -> None:
    """Measure and print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, help="an existing repository instead")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    repo = args.repo.resolve() if args.repo else ensure_numpy_sized()
    commits = subprocess.run(
        ["git", "-C", str(repo), "rev-list", "--count", "HEAD"],
        capture_output=True, text=True, check=True, env=CLEAN_ENV,
    ).stdout.strip()  # fmt: skip
    t_git, m_git, _ = best_of(
        args.runs, ["git", "-C", str(repo), "log", "--numstat", "--format=%H"]
    )
    cto = [str(Path(PY).with_name("cto")), "audit", str(repo), "--quiet"]
    cto += ["--workspace", str(WORK / "audit-ws"), "--out", str(WORK / "audit-out")]
    runs = []
    for _ in range(args.runs):
        shutil.rmtree(WORK / "audit-ws", ignore_errors=True)
        runs.append(measure(cto))
    t_cto, m_cto, _ = min(runs, key=lambda r: r[0])
    print(f"\nrepository: {repo} ({commits} commits, {lines_of_code():,} lines of code)")
    print(f"{'work':44} {'wall s':>8} {'peak MiB':>9}")
    print(f"{'git log --numstat (one process)':44} {t_git:8.2f} {m_git:9.0f}")
    print(f"{'cto audit, first run (empty workspace)':44} {t_cto:8.2f} {m_cto:9.0f}")
    print(f"\nwhole audit / git log --numstat: {t_cto / t_git:.2f}x (target < 3x)")


if __name__ == "__main__":
    main()
