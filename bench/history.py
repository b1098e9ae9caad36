"""Benchmark: cto's history pass against `git log --numstat` and PyDriller, measured in one run.

Usage: python bench/history.py [--repo PATH] [--commits 30000] [--pydriller-commits 2000]

Without --repo it generates (once, cached under bench/.work/) a deterministic repository of
--commits commits with `git fast-import`. Prints wall times, peak memory and the ratios the
targets are stated in; record the figures in bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from statistics import median

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
PY = sys.executable
CLEAN_ENV = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}

CTO_PASS = """
import json, sys, time
from pathlib import Path
from cto.sources.git import GitRepository
repo = GitRepository.open(Path(sys.argv[1]))
limit = int(sys.argv[2])
shas = repo.rev_list(repo.info.head)[: limit or None]
added = deleted = changes = 0
for commit in repo.iter_commits(shas, jobs=int(sys.argv[3])):
    for c in commit.changes:
        changes += 1
        added += c.added or 0
        deleted += c.deleted or 0
print(json.dumps({"commits": len(shas), "changes": changes, "added": added, "deleted": deleted}))
"""

PYDRILLER_PASS = """
import json, sys
from pydriller import Repository
from cto.sources.git import GitRepository
repo = GitRepository.open(__import__("pathlib").Path(sys.argv[1]))
shas = repo.rev_list(repo.info.head)[: int(sys.argv[2])]
churn = {}
added = deleted = changes = 0
for commit in Repository(sys.argv[1], only_commits=shas).traverse_commits():
    for m in commit.modified_files:
        changes += 1
        added += m.added_lines
        deleted += m.deleted_lines
        row = churn.setdefault(m.new_path or m.old_path, [0, 0])
        row[0] += m.added_lines
        row[1] += m.deleted_lines
print(json.dumps({"commits": len(shas), "changes": changes, "added": added, "deleted": deleted}))
"""


def measure(argv: list[str], *, stdout: int | None = subprocess.PIPE) -> tuple[float, float, str]:
    """Run a command; return (wall seconds, peak RSS MiB of the largest process, its stdout)."""
    code = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "w = time.perf_counter() - t\n"
        "r = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "sys.stderr.write(p.stderr.decode(errors='replace'))\n"
        "print(json.dumps([w, r, p.returncode, p.stdout.decode(errors='replace')[-4000:]]))\n"
    )
    # From bench/.work: the project's own cto.toml (exemptions for auditing cto) must not apply.
    out = subprocess.run(
        [PY, "-c", code, *argv], capture_output=True, text=True, env=CLEAN_ENV, cwd=WORK
    )
    wall, rss, rc, text = json.loads(out.stdout)
    if rc != 0:
        raise SystemExit(f"failed ({rc}): {' '.join(argv)}\n{out.stderr}")
    return wall, rss, text


def best_of(runs: int, argv: list[str]) -> tuple[float, float, str]:
    """The fastest of ``runs`` runs (warm cache), with the peak memory of that run."""
    return min((measure(argv) for _ in range(runs)), key=lambda r: r[0])


def ensure_repo(commits: int) -> Path:
    """The generated benchmark repository with ``commits`` commits, built once and cached."""
    sys.path.insert(0, str(HERE))
    from gen_repo import generate

    path = WORK / f"synthetic-{commits}"
    if not (path / ".git").exists():
        shutil.rmtree(path, ignore_errors=True)
        print(f"generating {commits} commits in {path} …", flush=True)
        generate(path, commits)
    return path


def working_copy(repo: Path) -> Path:
    """``repo`` itself, or a local non-bare clone of it when it is bare (PyDriller needs one)."""
    bare = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--is-bare-repository"],
        capture_output=True,
        text=True,
        check=True,
        env=CLEAN_ENV,
    ).stdout.strip()
    if bare != "true":
        return repo
    clone = WORK / f"clone-{repo.parent.name}-{repo.name}"
    if not (clone / ".git").exists():
        subprocess.run(["git", "clone", "-q", "--local", str(repo), str(clone)], check=True)
    return clone


def incremental(repo: Path, new_commits: int, runs: int) -> tuple[float, float, list[float]]:
    """Full audit, then `new_commits` more commits, then the incremental audit; wall times.

    The incremental audit is repeated ``runs`` times, each from a copy of the workspace as the
    full audit left it, so every run reads the same new commits.
    """
    sys.path.insert(0, str(HERE))
    from gen_repo import generate

    clone = WORK / "incremental-clone"
    shutil.rmtree(clone, ignore_errors=True)
    subprocess.run(["git", "clone", "-q", "--local", str(repo), str(clone)], check=True)
    workspace, saved = WORK / "ws", WORK / "ws-after-full"
    cto = [str(Path(PY).with_name("cto")), "audit", str(clone), "--quiet"]
    cto += ["--workspace", str(workspace), "--out", str(WORK / "out")]
    shutil.rmtree(workspace, ignore_errors=True)
    full, _, _ = measure(cto)
    unchanged, _, _ = measure(cto)
    shutil.rmtree(saved, ignore_errors=True)
    shutil.copytree(workspace, saved)
    generate(clone, new_commits, seed=99)
    again = []
    for _ in range(runs):
        shutil.rmtree(workspace)
        shutil.copytree(saved, workspace)
        again.append(measure(cto)[0])
    return full, unchanged, again


def main() -> None:
    """Run every measurement and print the table and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, help="an existing repository to measure instead")
    parser.add_argument("--commits", type=int, default=30_000)
    parser.add_argument("--pydriller-commits", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    repo = working_copy(args.repo.resolve()) if args.repo else ensure_repo(args.commits)
    git_log = ["git", "-C", str(repo), "log", "--numstat", "--format=%H"]
    t_git, m_git, _ = best_of(args.runs, git_log)
    t_cto1, m_cto1, s1 = best_of(args.runs, [PY, "-c", CTO_PASS, str(repo), "0", "1"])
    t_cto2, m_cto2, s2 = best_of(args.runs, [PY, "-c", CTO_PASS, str(repo), "0", "2"])
    assert json.loads(s1) == json.loads(s2), "jobs=1 and jobs=2 disagree"
    k = str(args.pydriller_commits)
    t_sub, _, s_sub = best_of(args.runs, [PY, "-c", CTO_PASS, str(repo), k, "2"])
    t_pyd, m_pyd, s_pyd = measure([PY, "-c", PYDRILLER_PASS, str(repo), k])
    full, unchanged, again = incremental(repo, 100, max(args.runs, 5))
    totals = json.loads(s2)
    print(f"\nrepository: {repo} ({totals['commits']} commits, {totals['changes']} file changes)")
    print(f"{'work':58} {'wall s':>8} {'peak MiB':>9}")
    rows = [
        ("git log --numstat (one process)", t_git, m_git),
        ("cto history pass, 1 job", t_cto1, m_cto1),
        ("cto history pass, 2 jobs", t_cto2, m_cto2),
        (f"cto history pass, {k} most recent commits", t_sub, 0.0),
        (f"PyDriller per-file churn, same {k} commits", t_pyd, m_pyd),
        ("cto audit, full (CLI, first run)", full, 0.0),
        ("cto audit, nothing new (CLI)", unchanged, 0.0),
        ("cto audit, after 100 new commits (CLI, incremental, best)", min(again), 0.0),
        ("cto audit, after 100 new commits (CLI, incremental, median)", median(again), 0.0),
    ]
    for label, wall, rss in rows:
        print(f"{label:58} {wall:8.2f} {rss if rss else float('nan'):9.0f}")
    print(f"\ncto pass / git log --numstat: {t_cto2 / t_git:.2f}x (target <= 1.0x)")
    print(f"PyDriller / cto on {k} commits: {t_pyd / t_sub:.1f}x faster (target >= 15x)")
    print(f"  totals cto {s_sub.strip()}\n  totals PyDriller {s_pyd.strip()}")
    print(f"peak memory of the cto pass: {m_cto2:.0f} MiB (target < 1024)")
    runs = ", ".join(f"{t:.2f}" for t in again)
    print(
        f"incremental audit after 100 commits: best {min(again):.2f} s, median "
        f"{median(again):.2f} s of {len(again)} runs ({runs}) (target < 2 s)"
    )


if __name__ == "__main__":
    main()
