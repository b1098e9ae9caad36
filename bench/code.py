"""Benchmark: cto's code measurement against cloc, pygount and a single-process lizard, in one run.

Usage: python bench/code.py [--repo PATH] [--files 1600] [--runs 3]

Without --repo it generates (once, cached under bench/.work/) a deterministic tree of --files
source files in five languages (`gen_tree.py`), committed in one commit. Prints wall times and
the ratios the targets are stated in; record the figures in bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from history import PY, WORK, best_of, measure

HERE = Path(__file__).resolve().parent

# Line counting as an audit does it: copy the tree out of git objects (to tmpfs when there is
# room, as collect_code does), then scc.
CTO_LINES = """
import json, sys, tempfile
from pathlib import Path
from cto.sources.git import GitRepository
from cto.sources.lines import run_scc
from cto.sources.snapshot import materialize_tree
from cto.sources.code import private_parent
repo = GitRepository.open(Path(sys.argv[1]))
with tempfile.TemporaryDirectory(dir=private_parent(10**8)) as tmp:
    copy = materialize_tree(repo, repo.info.head, Path(tmp))
    counted = run_scc(Path(tmp))
print(json.dumps({"files": len(counted), "code": sum(f.counts.code for f in counted.values())}))
"""

# Complexity alone: the copy is made first and not timed; then lizard over `jobs` processes.
CTO_COMPLEXITY = """
import json, sys, tempfile, time
from pathlib import Path
from cto.sources.complexity import lizard_reads, measure_files
from cto.sources.git import GitRepository
from cto.sources.snapshot import materialize_tree
from cto.sources.code import private_parent
repo = GitRepository.open(Path(sys.argv[1]))
with tempfile.TemporaryDirectory(dir=private_parent(10**8)) as tmp:
    copy = materialize_tree(repo, repo.info.head, Path(tmp))
    sizes = {e.path: e.size for e in copy.entries if e.lines is not None and lizard_reads(e.path)}
    start = time.perf_counter()
    measured = measure_files(Path(tmp), sizes, jobs=int(sys.argv[2]))
    wall = time.perf_counter() - start
functions = sum(len(m.functions) for m in measured)
print(json.dumps({"wall": wall, "functions": functions}))
"""

# The whole of collect_code: copy, scc, lizard and fingerprints in parallel, duplicates.
CTO_COLLECT = """
import json, sys
from pathlib import Path
from cto.sources.code import collect_code
from cto.sources.exclusions import ExclusionRules
from cto.sources.git import GitRepository
repo = GitRepository.open(Path(sys.argv[1]))
rules = ExclusionRules.default()
with collect_code(repo, repo.info.head, repository="x", exclusions=rules) as (facts, entries):
    out = {"files": len(facts.files), "lines": sum(f.lines for f in facts.files),
           "functions": len(facts.functions), "duplicates": len(facts.duplicates)}
print(json.dumps(out))
"""


def ensure_tree(files: int) -> Path:
    """The generated tree with ``files`` source files, built once and cached."""
    sys.path.insert(0, str(HERE))
    from gen_tree import generate

    path = WORK / f"tree-{files}"
    if not (path / ".git").exists():
        shutil.rmtree(path, ignore_errors=True)
        print(f"generating {files} source files in {path} …", flush=True)
        generate(path, files)
    return path


def timed_in_process(runs: int, argv: list[str]) -> tuple[float, dict[str, int]]:
    """Best in-script wall time (the script prints it) of ``runs`` runs, with its output."""
    outputs = [json.loads(measure(argv)[2]) for _ in range(runs)]
    best = min(outputs, key=lambda out: out["wall"])
    return best["wall"], best


def main() -> None:
    """Run every measurement and print the table and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, help="an existing repository (with a work tree)")
    parser.add_argument("--files", type=int, default=1600)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    tree = args.repo.resolve() if args.repo else ensure_tree(args.files)
    lizard = str(Path(PY).with_name("lizard"))
    pygount = str(Path(PY).with_name("pygount"))
    t_lines, _, out_lines = best_of(args.runs, [PY, "-c", CTO_LINES, str(tree)])
    t_collect, m_collect, out_collect = best_of(args.runs, [PY, "-c", CTO_COLLECT, str(tree)])
    t_cx2, cx2 = timed_in_process(args.runs, [PY, "-c", CTO_COMPLEXITY, str(tree), "2"])
    t_cx1, cx1 = timed_in_process(args.runs, [PY, "-c", CTO_COMPLEXITY, str(tree), "1"])
    rows = [
        ("cto line counting (copy from git + scc)", t_lines),
        ("cto complexity, 2 processes (lizard + nesting + fingerprints)", t_cx2),
        ("cto complexity, 1 process", t_cx1),
        ("cto collect_code, everything (2 jobs)", t_collect),
    ]
    t_cloc = t_pyg = t_liz = t_liznd = None
    if shutil.which("cloc"):
        t_cloc = best_of(args.runs, ["cloc", "--quiet", "--json", str(tree)])[0]
        rows.append(("cloc (Debian)", t_cloc))
    if Path(pygount).exists():
        t_pyg = measure([pygount, "--format=summary", str(tree)])[0]
        rows.append(("pygount (one run)", t_pyg))
    if Path(lizard).exists():
        quiet = ["-C", "100000", "-L", "100000", "-a", "1000"]  # no warnings: exit code 0
        t_liz = best_of(args.runs, [lizard, *quiet, str(tree)])[0]
        t_liznd = best_of(args.runs, [lizard, *quiet, "-End", "-N", "1000", str(tree)])[0]
        rows += [("lizard CLI, 1 process", t_liz), ("lizard CLI -End, 1 process", t_liznd)]
    print(f"\ntree: {tree}\n  cto counted {out_lines.strip()}")
    print(f"  collect_code {out_collect.strip()}")
    print(f"  functions: {cx2['functions']} (2 processes), {cx1['functions']} (1 process)")
    print(f"\n{'work':64} {'wall s':>8}")
    for label, wall in rows:
        print(f"{label:64} {wall:8.2f}")
    print(f"\npeak memory of collect_code: {m_collect:.0f} MiB")
    if t_cloc is None:
        print("cloc is not installed (apt-get install -y cloc): no comparison")
    else:
        print(f"cto line counting / cloc: {t_lines / t_cloc:.2f}x (target <= 2x)")
    if t_pyg is None:
        print("pygount is not installed (pip install pygount, the `bench` extra): no comparison")
    else:
        print(f"pygount / cto line counting: {t_pyg / t_lines:.1f}x faster (target >= 10x)")
    if t_liz is not None and t_liznd is not None:
        print(f"cto complexity / lizard CLI: {t_cx2 / t_liz:.2f}x (target <= 0.6x)")
        print(f"cto complexity / lizard CLI -End (same measures): {t_cx2 / t_liznd:.2f}x")


if __name__ == "__main__":
    main()
