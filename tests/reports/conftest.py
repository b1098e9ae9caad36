"""A canned report shared by every format test, and golden-file comparison.

The report covers two repositories, every severity, an exempted finding (shown, not counted),
an area that could not be assessed, charts
of both kinds (with empty and single-value series), tables with every cell type, and hostile
strings: an HTML-injecting author name, a path with pipes, backticks and ``</script>``, and a
path from a non-UTF-8 file system (a lone surrogate).
"""

from __future__ import annotations

import dataclasses
import difflib
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from cto.findings import (
    Effort,
    Evidence,
    Exemption,
    Finding,
    NotAssessed,
    Rating,
    Severity,
    finding_id,
)
from cto.reports.model import Area, Chart, Metric, Report, RepositorySection, Table
from cto.reports.summary import build_summary

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = "CTO_UPDATE_GOLDEN"

HOSTILE_AUTHOR = "<img src=x onerror=alert(1)>"
HOSTILE_PATH = "web/a|b`pay`</script><script>alert(2)</script>.py"
NON_UTF8_PATH = "docs/caf\udce9.txt"
HEAD = "3f2a9c1d4e5b6a7980f1e2d3c4b5a69788f9e0d1"
#: The exemption the canned report carries on its low "docs drift" finding.
DOCS_EXEMPTION = Exemption(
    reason="accepted risk, <b>vendor</b> fix due",
    owner="Ada",
    expires=date(2026, 12, 31),
    rule="coupling.docs_drift",
    match="",
)


def _finding(
    rule: str,
    repo: str,
    area: str,
    severity: Severity,
    title: str,
    effort: Effort,
    *evidence: Evidence,
) -> Finding:
    return Finding(
        id=finding_id(rule, repo, title),
        rule=rule,
        area=area,
        severity=severity,
        title=title,
        impact=f"If nothing changes: {title.lower()}, which slows delivery and raises cost.",
        recommendation=f"Address it: {title.lower()}.",
        effort=effort,
        evidence=evidence,
        repository=repo,
    )


def _billing() -> RepositorySection:
    repo = "billing-api"
    truck = _finding(
        "knowledge.truck_factor", repo, "knowledge", Severity.CRITICAL,
        "One person holds the knowledge of most of the code", Effort.MONTHS,
        Evidence("truck factor", "1"),
        Evidence("main author", HOSTILE_AUTHOR, path="billing/invoice.py", commit=HEAD),
    )  # fmt: skip
    orphan = _finding(
        "knowledge.orphaned_files", repo, "knowledge", Severity.HIGH,
        "Key billing files were written by people who have left", Effort.WEEKS,
        Evidence("file", "billing/tax.py", path="billing/tax.py"),
    )  # fmt: skip
    coupling = _finding(
        "coupling.hidden", repo, "coupling", Severity.MEDIUM,
        "Two files always change together without sharing code", Effort.DAYS,
        Evidence("pair", "coupled 87% of the time", path=HOSTILE_PATH),
        Evidence("file", NON_UTF8_PATH, path=NON_UTF8_PATH),
    )  # fmt: skip
    docs = _finding(
        "coupling.docs_drift", repo, "coupling", Severity.LOW,
        "Docs change apart from the code they describe", Effort.HOURS,
    )  # fmt: skip
    docs = dataclasses.replace(docs, exemption=DOCS_EXEMPTION)
    steady = _finding(
        "activity.steady", repo, "activity", Severity.INFO,
        "Work is steady week to week", Effort.HOURS,
    )  # fmt: skip
    activity = Area(
        id="activity",
        title="Activity",
        rating=Rating.GREEN,
        summary="Work happens every week; nothing suggests the project has stalled.",
        metrics=(
            Metric(
                "commits_per_week", "Commits per week", 7.75, "commits", "Mean over the window."
            ),
            Metric("active_weeks", "Active weeks", 12, "weeks", "Weeks with at least one commit."),
            Metric("release_cadence", "Release cadence", None, "", "Not measured without tags."),
        ),
        findings=(steady,),
        charts=(
            Chart(
                "activity_weekly",
                "Commits per week",
                "columns",
                tuple(f"2024-W{week:02d}" for week in range(1, 13)),
                (5, 8, 0, 12, 9, 7, 0.5, 11, 6, 10, 4, 20),
                unit="commits",
                note="Each column is one ISO week.",
            ),
        ),
    )
    knowledge = Area(
        id="knowledge",
        title="Knowledge and ownership",
        rating=Rating.RED,
        summary="Knowledge of the billing code sits with one person.",
        metrics=(
            Metric(
                "truck_factor",
                "Truck factor",
                1,
                "people",
                "People who must leave to orphan half of the files.",
            ),
            Metric(
                "ownership_share",
                "Top author share",
                81.5,
                "%",
                "Share of lines last written by the top author.",
            ),
        ),
        findings=(truck, orphan),
        charts=(
            Chart(
                "ownership",
                "Files owned per person",
                "bars",
                (HOSTILE_AUTHOR, "Grace Hopper", "Linus"),
                (42, 7, 1),
                unit="files",
                note="Owner: the author of most lines in a file.",
            ),
        ),
        tables=(
            Table(
                "authors",
                "Authors",
                ("Person", "Files owned", "Share %", "Last commit"),
                (
                    (HOSTILE_AUTHOR, 42, 81.5, "2024-03-20"),
                    ("Grace Hopper", 7, 13.6, None),
                    ("Linus", 1, 1.9, "2023-11-02"),
                ),
                note="All 3 authors.",
            ),
        ),
    )
    coupled = Area(
        id="coupling",
        title="Change coupling",
        rating=Rating.AMBER,
        summary="A few files change together without an obvious reason.",
        findings=(coupling, docs),
        charts=(Chart("coupled_pairs", "Strongest coupling", "bars", (HOSTILE_PATH,), (0.87,)),),
        tables=(
            Table(
                "pairs",
                "Coupled files",
                ("File", "Coupled with", "Degree", "Commits"),
                ((HOSTILE_PATH, NON_UTF8_PATH, 0.87, 23), ("a.py", "b.py", 0.5, None)),
            ),
        ),
    )
    exclusions = Table(
        "exclusions", "Excluded paths", ("Path", "Reason", "Files"),
        (("vendor/", "vendored code", 311), ("package-lock.json", "generated lockfile", 1)),
        note="Left out of people and churn metrics.",
    )  # fmt: skip
    return RepositorySection(
        name=repo, path="/srv/repos/billing-api", head=HEAD,
        first_commit="2023-06-01", last_commit="2024-03-20", commits=412,
        since=None, until=None, shallow=False, incremental=True, rating=Rating.RED,
        areas=(activity, knowledge, coupled), exclusions=exclusions, anchor="README.md",
    )  # fmt: skip


def _marketing() -> RepositorySection:
    repo = "marketing|site`</script>"
    burst = _finding(
        "activity.bursty", repo, "activity", Severity.MEDIUM,
        "Work comes in bursts before launches", Effort.WEEKS,
    )  # fmt: skip
    areas = (
        Area(
            id="activity", title="Activity", rating=Rating.AMBER,
            summary="Work comes in bursts.", findings=(burst,),
            charts=(Chart("activity_weekly", "Commits per week", "columns", (), (), "commits"),),
        ),
        Area(
            id="knowledge", title="Knowledge and ownership", rating=Rating.NOT_ASSESSED,
            summary="Ownership could not be measured.",
            not_assessed=(NotAssessed("knowledge", "shallow clone: authorship is cut off"),),
        ),
        Area(
            id="coupling", title="Change coupling", rating=Rating.GREEN,
            summary="No files change together unexpectedly.",
            charts=(Chart("single", "Largest file", "columns", ("index.html",), (3.0,), "KB"),),
        ),
    )  # fmt: skip
    return RepositorySection(
        name=repo, path="/srv/repos/marketing", head="0123456789abcdef0123456789abcdef01234567",
        first_commit="2024-01-10", last_commit="2024-02-28", commits=1,
        since="2024-01-01", until="2024-03-01", shallow=True, incremental=False,
        rating=Rating.AMBER, areas=areas,
        exclusions=Table("exclusions", "Excluded paths", ("Path", "Reason"), ()),
    )  # fmt: skip


@pytest.fixture
def sections() -> tuple[RepositorySection, ...]:
    """The two canned repository sections."""
    return (_billing(), _marketing())


@pytest.fixture
def report(sections: tuple[RepositorySection, ...]) -> Report:
    """The canned report, with its summary built by the real summary builder."""
    return Report(
        schema_version="1",
        tool_version="0.1.0",
        generated_at="2024-03-21T09:00:00Z",
        as_of="2024-03-21T00:00:00Z",
        summary=build_summary(sections),
        repositories=sections,
    )


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    """Compare text with ``golden/<name>``; set CTO_UPDATE_GOLDEN=1 to rewrite the reference."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if os.environ.get(UPDATE_GOLDEN) == "1":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        assert path.exists(), f"missing golden file {path}; run with {UPDATE_GOLDEN}=1"
        expected = path.read_bytes().decode("utf-8")
        if text != expected:
            diff = difflib.unified_diff(
                expected.splitlines(), text.splitlines(), "golden", "rendered", lineterm="", n=1
            )
            shown = "\n".join(list(diff)[:40])
            pytest.fail(
                f"{name} differs from its golden file ({UPDATE_GOLDEN}=1 to accept):\n{shown}"
            )

    return check
