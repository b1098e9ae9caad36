"""Every module defining an engagement-record kind, imported once so the registry is complete.

Export, import and the store look kinds up in :data:`cto.record.items.REGISTRY`; a kind is only
there once its module has been imported. Add a new kind's module here.
"""

from __future__ import annotations

import importlib

KIND_MODULES = (
    "cto.record.profile",
    "cto.record.engagement",
    "cto.record.adr",
    "cto.record.risks",
    "cto.record.roadmap",
    "cto.record.vendors",
    "cto.record.hiring",
    "cto.record.pocs",
    "cto.record.spend",
    "cto.record.outcomes",
)


def load_kinds() -> None:
    """Import every kind module (cheap after the first call)."""
    for name in KIND_MODULES:
        importlib.import_module(name)
