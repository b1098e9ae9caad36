"""The output formats of ``cto check``, light enough for the command line to name them at start."""

from __future__ import annotations

from enum import StrEnum


class CheckFormat(StrEnum):
    """What a check prints: a compact text list, the report as JSON, or a SARIF log."""

    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
