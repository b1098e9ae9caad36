"""Secrets: one finding per secret (by fingerprint), in the code now or only in its history.

:func:`analyze_secrets` groups the hits of :class:`cto.sources.secrets.SecretFacts` by fingerprint,
so a secret in 30 commits is one finding with its count, and words each with the rules in
``cto/rules/secrets.toml``. A secret still in the tree is ``secrets.in-tree``; one only in history
is ``secrets.in-history`` (rotation, not deletion, is the fix). Nothing here holds a secret.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cto.analyzers.results import jsonable
from cto.analyzers.rules import RuleSet
from cto.findings import Evidence, Finding, NotAssessed, Severity
from cto.sources.secret_rules import SecretRules, default_rules
from cto.sources.secrets import SecretFacts, SecretHit

RULE_IDS = ("secrets.in-tree", "secrets.in-history")


@dataclass(frozen=True, slots=True)
class Secret:
    """One secret, wherever it is.

    Attributes:
        kind: detector id.
        name: what it is, in words ("Stripe live secret key").
        fingerprint: the hits' shared fingerprint.
        redacted: a short prefix and the length.
        in_tree: True when the audited commit's files still hold it.
        tree_places: hits in the tree.
        history_places: hits in added lines, in the order of the commits given (newest first).
        commits: distinct commits that added it.
    """

    kind: str
    name: str
    fingerprint: str
    redacted: str
    in_tree: bool
    tree_places: tuple[SecretHit, ...]
    history_places: tuple[SecretHit, ...]
    commits: int


@dataclass(frozen=True)
class SecretAnalysis:
    """Secrets of one repository, grouped, with their findings.

    Attributes:
        secrets: every distinct secret, the ones in the tree first, then by kind.
        scanned_files: files of the tree searched.
        scanned_commits: commits whose added lines were searched.
        findings: one per secret, most severe first.
        not_assessed: what could not be searched, and why.
    """

    secrets: tuple[Secret, ...]
    scanned_files: int
    scanned_commits: int
    findings: tuple[Finding, ...]
    not_assessed: tuple[NotAssessed, ...]

    @property
    def in_tree(self) -> int:
        """Distinct secrets in the tree."""
        return sum(1 for s in self.secrets if s.in_tree)

    @property
    def history_only(self) -> int:
        """Distinct secrets only in history."""
        return sum(1 for s in self.secrets if not s.in_tree)

    def to_dict(self) -> dict[str, Any]:
        """The secrets (never their values), counts and findings as JSON-able data."""
        return {f.name: jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}


def analyze_secrets(
    facts: SecretFacts,
    rules: RuleSet | None = None,
    *,
    repository: str = "",
    detectors: SecretRules | None = None,
) -> SecretAnalysis:
    """Group the hits of ``facts`` by fingerprint and turn each secret into a finding."""
    rules, detectors = rules or RuleSet.default(), detectors or default_rules()
    secrets = group(facts, detectors)
    places = int(rules.analyzer("secrets").thresholds["evidence_places"])
    found = [_finding(s, rules, detectors, repository, places) for s in secrets]
    findings = sorted((f for f in found if f is not None), key=lambda f: -f.severity.rank)
    return SecretAnalysis(
        secrets, facts.scanned_files, facts.scanned_commits, tuple(findings), facts.not_assessed
    )


def group(facts: SecretFacts, detectors: SecretRules) -> tuple[Secret, ...]:
    """One :class:`Secret` per fingerprint: in the tree first, then by kind and first place."""
    tree: dict[str, list[SecretHit]] = {}
    history: dict[str, list[SecretHit]] = {}
    for hits, into in ((facts.in_tree, tree), (facts.in_history, history)):
        for hit in hits:
            into.setdefault(hit.fingerprint, []).append(hit)
    secrets = []
    for key in dict.fromkeys([*tree, *history]):
        here, past = tuple(tree.get(key, ())), tuple(history.get(key, ()))
        first = (here or past)[0]
        detector = detectors.detectors.get(first.kind)
        secrets.append(Secret(
            first.kind, detector.name if detector else first.kind, key, first.redacted,
            bool(here), here, past, len({h.commit for h in past}),
        ))  # fmt: skip
    return tuple(sorted(secrets, key=lambda s: (not s.in_tree, s.kind)))


def _finding(
    secret: Secret, rules: RuleSet, detectors: SecretRules, repository: str, places: int
) -> Finding | None:
    detector = detectors.detectors.get(secret.kind)
    rank = Severity(detector.severity).rank if detector else Severity.MEDIUM.rank
    rule = rules.get("secrets.in-tree" if secret.in_tree else "secrets.in-history")
    severity = rule.severity_for(rank)
    if severity is None:
        return None
    hits = secret.tree_places or secret.history_places
    values = {
        "name": secret.name,
        "where": _where(hits),
        "commits": _count(secret.commits, "added in 1 commit", "added in {} commits"),
        "grants": detector.grants if detector else "use what it opens",
        "rotate": detector.rotate if detector else "Revoke it where it was issued.",
    }
    return rule.finding(severity, repository, secret.fingerprint, values, _evidence(secret, places))


def _evidence(secret: Secret, places: int) -> list[Evidence]:
    evidence = [
        Evidence("kind", secret.name),
        Evidence("redacted value", secret.redacted),
        Evidence("fingerprint", secret.fingerprint),
    ]
    for hit in secret.tree_places[:places]:
        evidence.append(Evidence("file", f"{hit.path}:{hit.line}", path=hit.path))
    for hit in secret.history_places[:places]:
        commit = (hit.commit or "")[:12]
        evidence.append(Evidence("added in", f"{hit.path}:{hit.line}", hit.path, commit))
    hidden = max(0, len(secret.tree_places) - places) + max(0, len(secret.history_places) - places)
    if hidden:
        evidence.append(Evidence("other places", f"{hidden:,} more"))
    if secret.commits:
        evidence.append(Evidence("commits that added it", f"{secret.commits:,}"))
    return evidence


def _where(hits: Sequence[SecretHit]) -> str:
    first = f"{hits[0].path}:{hits[0].line}"
    others = len({(h.path, h.line) for h in hits}) - 1
    return first if not others else f"{first} and {_count(others, '1 other place', '{} others')}"


def _count(count: int, one: str, many: str) -> str:
    return one if count == 1 else many.format(f"{count:,}")
