"""Hand-built OSV records and dependencies for the vulnerability tests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cto.analyzers.dependency_interface import Dependency
from cto.sources.osv import OsvRecord, parse_record

CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
MEDIUM = "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N"


def osv(
    record_id: str,
    package: str = "requests",
    ecosystem: str = "PyPI",
    events: Sequence[dict[str, str]] = ({"introduced": "0"}, {"fixed": "2.20.0"}),
    *,
    versions: Sequence[str] = (),
    aliases: Sequence[str] = (),
    vector: str | None = CRITICAL,
    range_type: str = "ECOSYSTEM",
    extra: dict[str, Any] | None = None,
) -> OsvRecord:
    """A one-package record with one range of ``events`` (none when ``events`` is empty)."""
    ranges = [{"type": range_type, "events": list(events)}] if events else []
    data: dict[str, Any] = {
        "id": record_id,
        "modified": "2024-05-01T00:00:00Z",
        "aliases": list(aliases),
        "summary": f"flaw {record_id}",
        "affected": [
            {
                "package": {"ecosystem": ecosystem, "name": package},
                "ranges": ranges,
                "versions": list(versions),
            }
        ],
        "severity": [{"type": "CVSS_V3", "score": vector}] if vector else [],
        **(extra or {}),
    }
    return parse_record(data)


def dep(
    name: str = "requests",
    version: str | None = "2.19.0",
    ecosystem: str = "PyPI",
    *,
    source: str = "requirements.txt",
    line: int | None = 3,
) -> Dependency:
    """A direct runtime dependency."""
    return Dependency(
        ecosystem=ecosystem,
        name=name,
        version=version,
        requirement=f"=={version}" if version else None,
        purl=f"pkg:{ecosystem.lower()}/{name}" + (f"@{version}" if version else ""),
        direct=True,
        scope="runtime",
        source=source,
        line=line,
    )
