"""Secrets in the audited tree and in every line history added: what kind, where, never the value.

A hit keeps the kind of secret, where it is, a redacted prefix (at most four characters, fewer for
a short secret) and a fingerprint: the first 16 hex digits of SHA-256 over the kind and the
secret, stable across audits, so a team can track one secret without anyone seeing it. The secret
itself is dropped as soon as it is fingerprinted. No secret is ever tried against its provider.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cto.analyzers.code_interface import TreeSnapshot
from cto.findings import NotAssessed
from cto.progress import ProgressHook
from cto.sources.exclusions import ExclusionRules
from cto.sources.git import GitRepository
from cto.sources.gitpatch import AddedLine, keyword_pattern
from cto.sources.secret_rules import Detector, SecretRules, default_rules

AREA = "secrets"
#: Hits kept per scope (tree, history); past it the rest are counted in ``not_assessed``.
MAX_HITS = 5_000
#: Largest file searched in the tree.
MAX_FILE_BYTES = 2_000_000


@dataclass(frozen=True, slots=True)
class SecretHit:
    """One secret found in one place. Never holds the secret.

    Attributes:
        kind: detector id ("aws-access-key-id", "stripe-live-key").
        path: repository-relative path.
        line: line number in that file (at ``commit`` for history).
        commit: the commit that added the line; ``None`` for the tree at the audited commit.
        redacted: a short prefix and the length, e.g. ``"AKIA…(20 chars)"``.
        fingerprint: first 16 hex digits of SHA-256 over kind and secret.
    """

    kind: str
    path: str
    line: int
    commit: str | None
    redacted: str
    fingerprint: str


@dataclass(frozen=True)
class SecretFacts:
    """Secrets of one repository, in the tree and in history.

    Attributes:
        in_tree: hits in the tree at the audited commit, by path and line.
        in_history: hits in lines commits added, by commit order given, path and line.
        scanned_files: files of the tree searched.
        scanned_commits: commits whose added lines were searched.
        not_assessed: what was not searched, and why.
    """

    in_tree: tuple[SecretHit, ...]
    in_history: tuple[SecretHit, ...]
    scanned_files: int
    scanned_commits: int
    not_assessed: tuple[NotAssessed, ...] = field(default_factory=tuple)


def redact(secret: str) -> str:
    """At most the first four characters (a quarter of a short secret), then the length."""
    shown = secret[: min(4, len(secret) // 4)]
    return f"{shown}…({len(secret)} chars)"


def fingerprint(kind: str, secret: str) -> str:
    """First 16 hex digits of SHA-256 over ``kind`` and ``secret``: stable, one-way."""
    return hashlib.sha256(f"{kind}\0{secret}".encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _identity(detector: Detector, secret: str, path: str) -> str:
    """What a fingerprint covers. A private key is known by its file: only the header line is
    seen, and every key of one type has the same header."""
    return f"{path}\0{secret}" if detector.id == "private-key" else secret


def _hits(
    rules: SecretRules, path: str, line: int, text: str, commit: str | None
) -> Iterable[SecretHit]:
    for detector, secret in rules.matches(path, text):
        identity = _identity(detector, secret, path)
        yield SecretHit(
            detector.id, path, line, commit, redact(secret), fingerprint(detector.id, identity)
        )


def _searched(path: str, exclusions: ExclusionRules | None, rules: SecretRules) -> bool:
    reason = None if exclusions is None else exclusions.reason(path)
    return reason is None or reason.split(":", 1)[0] not in rules.exclusion_kinds


def scan_tree(
    snapshot: TreeSnapshot, *, exclusions: ExclusionRules, rules: SecretRules | None = None
) -> tuple[SecretHit, ...]:
    """Secrets in the text files of the tree (lockfiles and other ignored kinds skipped)."""
    return _scan_tree(snapshot, exclusions, rules or default_rules())[0]


def _scan_tree(
    snapshot: TreeSnapshot, exclusions: ExclusionRules, rules: SecretRules
) -> tuple[tuple[SecretHit, ...], int]:
    prefilter = keyword_pattern(rules.keywords)
    hits: list[SecretHit] = []
    searched = 0
    for path in snapshot.paths():
        if not _searched(path, exclusions, rules):
            continue
        text = snapshot.read_text(path, MAX_FILE_BYTES)
        if text is None:
            continue
        searched += 1
        if prefilter.search(text.lower().encode("utf-8", "surrogateescape")) is None:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if prefilter.search(line.lower().encode("utf-8", "surrogateescape")):
                hits.extend(_hits(rules, path, number, line, None))
    return tuple(hits), searched


def scan_history(
    repo: GitRepository,
    shas: Sequence[str],
    *,
    jobs: int = 2,
    progress: ProgressHook | None = None,
    exclusions: ExclusionRules | None = None,
    rules: SecretRules | None = None,
) -> tuple[SecretHit, ...]:
    """Secrets in the lines the commits ``shas`` added (merges excluded), over ``jobs`` processes.

    Sorted by the order of ``shas`` (newest first when they come from ``rev_list``), path, line.
    """
    rules = rules or default_rules()
    if progress is not None:
        progress(f"Searching the history of {repo.info.name} for secrets", len(shas))
    tick = (lambda: progress(None, None)) if progress is not None else None
    lines = repo.iter_added_lines(shas, keywords=rules.keywords, jobs=jobs, on_commit=tick)
    return hits_in_lines(lines, shas, exclusions=exclusions, rules=rules)


def hits_in_lines(
    lines: Iterable[AddedLine],
    shas: Sequence[str],
    *,
    exclusions: ExclusionRules | None = None,
    rules: SecretRules | None = None,
) -> tuple[SecretHit, ...]:
    """Secrets in added lines already read from the commits ``shas`` (with at least
    :attr:`SecretRules.keywords` kept), sorted by the order of ``shas``, path, line."""
    rules = rules or default_rules()
    order = {sha: index for index, sha in enumerate(shas)}
    hits: list[SecretHit] = []
    for added in lines:
        if _searched(added.path, exclusions, rules):
            hits.extend(_hits(rules, added.path, added.line, added.text, added.commit))
    hits.sort(key=lambda h: (order.get(h.commit or "", -1), h.path, h.line, h.kind))
    return tuple(hits)


@dataclass(frozen=True, slots=True)
class TreeSecrets:
    """Secrets found in the files of the audited commit.

    Attributes:
        hits: by path and line.
        files: files searched.
    """

    hits: tuple[SecretHit, ...]
    files: int


@dataclass(frozen=True, slots=True)
class HistorySecrets:
    """Secrets found in the lines history added.

    Attributes:
        hits: new commits' hits (in their order, path, line), then those known before.
        commits: commits searched, now and by earlier audits.
        repository: False when no repository was given (history not searched at all).
        shallow: True when the clone is shallow (older commits were never there to search).
    """

    hits: tuple[SecretHit, ...] = ()
    commits: int = 0
    repository: bool = False
    shallow: bool = False


def scan_tree_secrets(
    snapshot: TreeSnapshot, exclusions: ExclusionRules, rules: SecretRules | None = None
) -> TreeSecrets:
    """Search the text files of the tree (lockfiles and other ignored kinds skipped)."""
    hits, files = _scan_tree(snapshot, exclusions, rules or default_rules())
    return TreeSecrets(hits, files)


def search_history(
    repo: GitRepository | None,
    shas: Sequence[str],
    *,
    exclusions: ExclusionRules,
    jobs: int = 2,
    progress: ProgressHook | None = None,
    known: Sequence[SecretHit] = (),
    known_commits: int = 0,
    lines: Sequence[AddedLine] | None = None,
) -> HistorySecrets:
    """Search the commits ``shas``, adding what earlier audits found.

    An incremental audit passes the history hits of the commits it searched before as ``known``
    (``known_commits`` of them) and only the new commits as ``shas``. ``lines``, when given, are
    the keyword lines of ``shas`` already read (the audit's history pass reads them), so git is
    not asked for the same diffs again.
    """
    rules = default_rules()
    history: tuple[SecretHit, ...] = ()
    if lines is not None:
        history = hits_in_lines(lines, shas, exclusions=exclusions, rules=rules)
    elif repo is not None and shas:
        history = scan_history(
            repo, shas, jobs=jobs, progress=progress, exclusions=exclusions, rules=rules
        )
    shallow = repo is not None and repo.info.shallow
    commits = len(shas) + known_commits
    return HistorySecrets((*history, *known), commits, repo is not None, shallow)


def secret_facts(tree: TreeSecrets, history: HistorySecrets) -> SecretFacts:
    """The secrets of one repository, and what could not be searched."""
    not_assessed = []
    if not history.repository or not history.commits:
        not_assessed.append(NotAssessed(AREA, "history not searched: no commits to read"))
    elif history.shallow:
        not_assessed.append(NotAssessed(AREA, "history is shallow: older commits not searched"))
    for scope, found in (("tree", tree.hits), ("history", history.hits)):
        if len(found) > MAX_HITS:
            not_assessed.append(NotAssessed(
                AREA, f"{len(found):,} secrets in the {scope}: only the first {MAX_HITS:,} kept"
            ))  # fmt: skip
    return SecretFacts(
        tree.hits[:MAX_HITS],
        history.hits[:MAX_HITS],
        tree.files,
        history.commits,
        tuple(not_assessed),
    )
