"""The documents a new CTO looks for: setup steps, contribution guide, decisions, runbooks, owners.

Each scores 10 when present and 0 when absent. Architecture decision records are recognised in
the usual folders (adr-tools' ``doc/adr``, MADR's ``docs/decisions``…) or the folder an
``.adr-dir`` file names; their format (MADR or Nygard's) is read from their headings.
"""

from __future__ import annotations

import posixpath
import re

from cto.analyzers.practice_checks.base import MAX_SCORE, MIN_SCORE, Score, plural, present
from cto.analyzers.practice_checks.tree import Tree
from cto.findings import Evidence

DOC_SUFFIXES = (".md", ".markdown", ".rst", ".txt", ".adoc", ".org")
_README = re.compile(r"^readme(\.\w+)?$", re.IGNORECASE)
_SETUP_WORDS = (
    r"install(ation|ing)?|set ?up|getting started|get started|quick ?start|development"
    r"|developing|usage|running( locally)?|local development|build(ing)?"
)
_SETUP_HEADING = re.compile(
    rf"^(#{{1,6}}|=+)\s*({_SETUP_WORDS})\b|^({_SETUP_WORDS})\b.*\n[=\-~^*]{{3,}}\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_COMMAND = re.compile(r"^\s*(```|~~~|\.\. code(-block)?::|\$ \S)|::\s*$", re.MULTILINE)
ADR_FOLDERS = (
    "docs/adr", "docs/adrs", "doc/adr", "doc/adrs", "adr", "docs/architecture/decisions",
    "docs/architecture/adr", "docs/decisions", "doc/decisions",
)  # fmt: skip
_ADR_NAME = re.compile(r"^\d{3,4}-[^/]+\.(md|markdown|rst|txt|adoc)$", re.IGNORECASE)
_MADR = re.compile(r"^#+\s*(context and problem statement|considered options|decision outcome)\b",
                   re.IGNORECASE | re.MULTILINE)  # fmt: skip
_NYGARD = ("status", "context", "decision", "consequences")
MAX_ADRS_READ = 200
_RUNBOOK = re.compile(r"(^|/)(runbooks?|playbooks?|on-?call|incident-response)([/._-]|$)", re.I)
_OPERATIONS = re.compile(r"^docs?/(operations|ops)/", re.IGNORECASE)


def readme_setup(tree: Tree) -> Score:
    """10 when the root README has a setup-like heading and a command or code block."""
    readmes = [p for p in tree.paths if "/" not in p and _README.match(p)]
    if not readmes:
        return Score(MIN_SCORE, "no README at the root")
    for path in readmes:
        text = tree.read(path) or ""
        heading = _SETUP_HEADING.search(text)
        if heading and _COMMAND.search(text):
            found = " ".join(heading.group(0).split()).lstrip("#= ")
            return Score(
                MAX_SCORE, f"{path} has setup steps ({found})", (Evidence("README", found, path),)
            )
    return Score(
        MIN_SCORE,
        f"{readmes[0]} has no setup section with commands",
        (Evidence("README", "no setup steps", readmes[0]),),
    )


def contributing(tree: Tree) -> Score:
    """10 with a CONTRIBUTING guide at the root, in ``.github/`` or ``docs/``."""
    names = [f"{d}CONTRIBUTING{e}" for d in ("", ".github/", "docs/") for e in ("", *DOC_SUFFIXES)]
    found = tuple(Evidence("contributing guide", p, p) for p in tree.find(names))
    where = found[0].value if found else ""
    return present(found, f"contributing guide: {where}", "no contributing guide")


def adr_folders(tree: Tree) -> list[str]:
    """Folders that hold decision records: the usual ones and the one ``.adr-dir`` names."""
    folders = list(ADR_FOLDERS)
    pointer = tree.read(".adr-dir") if ".adr-dir" in tree.paths else None
    if pointer and pointer.strip():
        folders.insert(0, pointer.strip().splitlines()[0].strip().strip("/"))
    return folders


def adr_format(text: str) -> str:
    """``MADR``, ``Nygard`` or ``other``, from the record's headings."""
    if _MADR.search(text):
        return "MADR"
    headings = {h.strip().lower() for h in re.findall(r"^#+\s*(.+?)\s*$", text, re.MULTILINE)}
    return "Nygard" if set(_NYGARD) <= headings else "other"


def decision_records(tree: Tree) -> Score:
    """10 when numbered decision records (``0001-title.md``) exist, with their formats."""
    records: list[str] = []
    for folder in adr_folders(tree):
        records += [p for p in tree.under(folder) if _ADR_NAME.match(posixpath.basename(p))]
    records = list(dict.fromkeys(records))
    if not records:
        return Score(MIN_SCORE, "no architecture decision records")
    formats: dict[str, int] = {}
    for path in records[:MAX_ADRS_READ]:
        kind = adr_format(tree.read(path) or "")
        formats[kind] = formats.get(kind, 0) + 1
    summary = ", ".join(f"{kind} {count}" for kind, count in sorted(formats.items()))
    folder = posixpath.dirname(records[0])
    evidence = (Evidence("decision records", f"{len(records)} ({summary})", folder),)
    return Score(
        MAX_SCORE,
        f"{plural(len(records), 'decision record', 'decision records')} in {folder} ({summary})",
        evidence,
    )


def runbooks(tree: Tree) -> Score:
    """10 with runbooks, playbooks, on-call or operations documents."""
    lowered = zip(tree.paths, tree.lowered, strict=True)
    docs = [p for p, low in lowered if low.endswith(DOC_SUFFIXES)]
    found = [p for p in docs if _RUNBOOK.search(p) or _OPERATIONS.match(p)]
    evidence = tuple(Evidence("runbook", posixpath.basename(p), p) for p in found[:10])
    count = plural(len(found), "document", "documents")
    return present(evidence, f"{count} (first: {found[0] if found else ''})", "no runbooks")


def codeowners(tree: Tree) -> Score:
    """10 with a CODEOWNERS file at the root, in ``.github/`` or ``docs/``."""
    found = tuple(
        Evidence("code owners", p, p)
        for p in tree.find(("CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS"))
    )
    return present(found, f"code owners: {found[0].value if found else ''}", "no CODEOWNERS file")
