"""The record stage: the engagement workspace, its audits and the history cache.

Open a workspace with :meth:`Workspace.open`; it is one SQLite file by default, migrated by
Alembic on open. See :mod:`cto.record.models` for the schema.
"""

from cto.record.workspace import (
    AuditRecord,
    CachedHistory,
    HistoryUpdate,
    StoredAudit,
    Workspace,
)

__all__ = ["AuditRecord", "CachedHistory", "HistoryUpdate", "StoredAudit", "Workspace"]
