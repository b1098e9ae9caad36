"""Turn a :class:`SecretAnalysis` into the "Secrets" report area.

Nothing is measured here, and no secret is here either: a secret is shown by its kind, its places,
a redacted prefix and its fingerprint.
"""

from __future__ import annotations

from cto.analyzers.rules import RuleSet
from cto.analyzers.secrets import Secret, SecretAnalysis
from cto.reports.area_parts import area_rating, capped, metric, plural
from cto.reports.model import Area, Cell, Table
from cto.sources.secrets import AREA

SECRET_COLUMNS = ("kind", "where", "first place", "commit", "redacted", "fingerprint", "places")


def secret_areas(analysis: SecretAnalysis, rules: RuleSet | None = None) -> tuple[Area, ...]:
    """The "Secrets" area of one repository."""
    rules = rules or RuleSet.default()
    metrics = (
        metric(rules, "secrets_in_tree", analysis.in_tree),
        metric(rules, "secrets_in_history_only", analysis.history_only),
        metric(rules, "secret_files_scanned", analysis.scanned_files),
        metric(rules, "secret_commits_scanned", analysis.scanned_commits),
    )
    rating = area_rating(analysis.findings, analysis.not_assessed)
    area = Area(
        AREA, "Secrets", rating, summary(analysis), metrics, analysis.findings,
        analysis.not_assessed, (), (_table(analysis),),
    )  # fmt: skip
    return (area,)


def summary(analysis: SecretAnalysis) -> str:
    """One or two sentences: secrets in the code, secrets left in history."""
    searched = (
        f"{plural(analysis.scanned_files, 'file', 'files')} and "
        f"{plural(analysis.scanned_commits, 'commit', 'commits')} searched"
    )
    if not analysis.secrets:
        return f"No secrets found ({searched})."
    parts = []
    if analysis.in_tree:
        parts.append(
            f"{plural(analysis.in_tree, 'secret is', 'secrets are')} in the current code: "
            "anyone with read access can use them until they are rotated."
        )
    if analysis.history_only:
        parts.append(
            f"{plural(analysis.history_only, 'secret was', 'secrets were')} removed from the "
            "code but remain in its history: rotate them."
        )
    return " ".join(parts) + f" ({searched}.)"


def _row(secret: Secret) -> tuple[Cell, ...]:
    first = (secret.tree_places or secret.history_places)[0]
    where = "code" if secret.in_tree else "history only"
    places = len(secret.tree_places) + len(secret.history_places)
    commit = (first.commit or "")[:12] or None
    return (
        secret.name, where, f"{first.path}:{first.line}", commit, secret.redacted,
        secret.fingerprint, places,
    )  # fmt: skip


def _table(analysis: SecretAnalysis) -> Table:
    rows = [_row(s) for s in analysis.secrets]
    return capped("secrets", "Secrets found", SECRET_COLUMNS, rows, "secrets, in the code first")
