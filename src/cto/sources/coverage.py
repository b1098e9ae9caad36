"""Line-coverage reports: Cobertura XML, lcov and coverage.py JSON, read as untrusted text.

A report comes from the command line (``--coverage FILE``) or is committed in the audited tree.
Nothing here runs the tests; it only reads what a test run already wrote. XML with a document
type declaration is refused before parsing (entity expansion attacks), and every report is capped
at :data:`MAX_REPORT_BYTES`.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from cto.analyzers.code_interface import TreeSnapshot
from cto.errors import InputError

MAX_REPORT_BYTES = 20_000_000
_REPORT_NAME = re.compile(
    r"(?:^|/)(?:coverage\.xml|cobertura[^/]*\.xml|lcov\.info|[^/]+\.lcov|coverage\.json)\Z"
)
_UNSAFE_XML = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
# Cobertura as Java tools write it opens with a plain external DOCTYPE. Without an internal subset
# ("[ … ]") nothing can be declared, so nothing can expand; ElementTree never fetches the DTD.
_PLAIN_DOCTYPE = re.compile(
    r'<!DOCTYPE\s+[\w.-]+\s+(?:SYSTEM|PUBLIC\s+"[^"<>\[\]]*")\s+"[^"<>\[\]]*"\s*>'
)


@dataclass(frozen=True)
class CoverageReport:
    """Line coverage as one report states it.

    Attributes:
        source: where it was read from (a path in the tree, or the file name given).
        format: ``"cobertura"``, ``"lcov"`` or ``"coverage.py"``.
        files: file path as the report writes it -> (covered lines, coverable lines).
        covered: covered lines, all files.
        total: coverable lines, all files.
    """

    source: str
    format: str
    files: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    covered: int = 0
    total: int = 0

    @property
    def percent(self) -> float | None:
        """Covered share of coverable lines in %, ``None`` when nothing is coverable."""
        return 100.0 * self.covered / self.total if self.total else None


@dataclass(frozen=True)
class CoverageScan:
    """The coverage reports committed in a tree.

    Attributes:
        reports: every report that could be read.
        unreadable: paths that look like coverage reports but could not be read, with why.
    """

    reports: tuple[CoverageReport, ...]
    unreadable: tuple[tuple[str, str], ...]


def parse_coverage(name: str, text: str) -> CoverageReport:
    """Parse a report, detecting its format from its content.

    Raises:
        InputError: with one line saying why, for a report that is too large, unsafe or not in a
            known format.
    """
    if len(text) > MAX_REPORT_BYTES:
        raise InputError(f"{name}: coverage report larger than {MAX_REPORT_BYTES:,} bytes")
    body = text.lstrip("\ufeff \t\r\n")
    if body.startswith("<"):
        return _cobertura(name, body)
    if body.startswith("{"):
        return _coverage_py(name, body)
    if re.search(r"^(SF:|end_of_record)", body, re.MULTILINE):
        return _lcov(name, body)
    raise InputError(f"{name}: not a Cobertura XML, lcov or coverage.py JSON coverage report")


def find_coverage_reports(snapshot: TreeSnapshot) -> list[CoverageReport]:
    """Every readable coverage report committed in the tree (unreadable ones are skipped)."""
    return list(scan_coverage_reports(snapshot).reports)


def scan_coverage_reports(snapshot: TreeSnapshot) -> CoverageScan:
    """The committed coverage reports, and the ones that could not be read."""
    reports: list[CoverageReport] = []
    unreadable: list[tuple[str, str]] = []
    for path in snapshot.paths():
        if not _REPORT_NAME.search(path):
            continue
        text = snapshot.read_text(path, max_bytes=MAX_REPORT_BYTES)
        if text is None:
            unreadable.append((path, "binary or larger than the size cap"))
            continue
        try:
            reports.append(parse_coverage(path, text))
        except InputError as error:
            unreadable.append((path, str(error).removeprefix(f"{path}: ")))
    return CoverageScan(tuple(reports), tuple(unreadable))


def _report(name: str, fmt: str, files: Mapping[str, tuple[int, int]]) -> CoverageReport:
    return CoverageReport(
        source=name,
        format=fmt,
        files=MappingProxyType(dict(sorted(files.items()))),
        covered=sum(c for c, _ in files.values()),
        total=sum(t for _, t in files.values()),
    )


def _cobertura(name: str, text: str) -> CoverageReport:
    if _UNSAFE_XML.search(_PLAIN_DOCTYPE.sub("", text, count=1)):
        raise InputError(f"{name}: XML with a DOCTYPE or ENTITY declaration is refused")
    try:
        root = ET.fromstring(text)  # noqa: S314 - no DTD left to expand, size capped
    except ET.ParseError as error:
        raise InputError(f"{name}: invalid XML ({error})") from None
    if root.tag != "coverage":
        raise InputError(f"{name}: XML whose root is <{root.tag}>, not a Cobertura <coverage>")
    hits: dict[str, dict[int, int]] = {}
    for element in root.iter("class"):
        lines = hits.setdefault(_clean(element.get("filename", "")), {})
        for line in element.iter("line"):
            number, count = _int(line.get("number")), _int(line.get("hits"))
            if number is not None:
                lines[number] = max(lines.get(number, 0), count or 0)
    return _report(name, "cobertura", _from_hits(hits))


def _lcov(name: str, text: str) -> CoverageReport:
    hits: dict[str, dict[int, int]] = {}
    counts: dict[str, tuple[int, int]] = {}
    current: str | None = None
    for raw in text.splitlines():
        key, _, value = raw.strip().partition(":")
        if key == "SF":
            current = _clean(value)
            hits.setdefault(current, {})
        elif current is not None and key == "DA":
            parts = value.split(",")
            number = _int(parts[0])
            count = _int(parts[1]) if len(parts) > 1 else None
            if number is not None:
                hits[current][number] = max(hits[current].get(number, 0), count or 0)
        elif current is not None and key in ("LF", "LH"):
            found, hit = counts.get(current, (0, 0))
            number = _int(value) or 0
            counts[current] = (number, hit) if key == "LF" else (found, number)
        elif raw.strip() == "end_of_record":
            current = None
    files = _from_hits(hits)
    for path, (found, hit) in counts.items():
        if not hits.get(path):  # LF/LH only when the record has no DA lines
            files[path] = (hit, found)
    return _report(name, "lcov", files)


def _coverage_py(name: str, text: str) -> CoverageReport:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise InputError(f"{name}: invalid JSON") from None
    entries = data.get("files") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        raise InputError(f'{name}: JSON without a coverage.py "files" object')
    files: dict[str, tuple[int, int]] = {}
    for path, entry in entries.items():
        summary: Any = entry.get("summary") if isinstance(entry, dict) else None
        if not isinstance(summary, dict):
            raise InputError(f"{name}: {path} has no coverage.py summary")
        covered, total = _int(summary.get("covered_lines")), _int(summary.get("num_statements"))
        if covered is None or total is None:
            raise InputError(f"{name}: {path} lacks covered_lines or num_statements")
        files[_clean(str(path))] = (covered, total)
    return _report(name, "coverage.py", files)


def _from_hits(hits: Mapping[str, Mapping[int, int]]) -> dict[str, tuple[int, int]]:
    return {
        path: (sum(1 for n in lines.values() if n > 0), len(lines))
        for path, lines in hits.items()
        if path
    }


def _clean(path: str) -> str:
    path = path.strip().replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        return None
