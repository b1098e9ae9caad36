"""ADR folders: lossless MADR and adr-tools round trips, real-world files, untrusted folders."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from strategies_adr import adr_lists, prose

from cto.record import adr_files
from cto.record.adr import Adr, AdrStatus
from cto.record.adr_files import AdrFormat, export_adrs, import_adrs, parse_import_format
from cto.record.adr_markdown import escape, file_name, slug, unescape
from cto.record.items import RecordError

FORMATS = list(AdrFormat)


def adr(number: int, **fields: object) -> Adr:
    base = {"number": number, "title": f"Decision {number}", "date": "2025-01-02"}
    return Adr.model_validate(base | fields)


def full_pair() -> list[Adr]:
    tricky = "## Not a heading\n\n\\# escaped\n  indented\ntrailing  \n### Consequences\nünï 🚀"
    return [
        adr(
            1,
            title="Use MySQL",
            status="superseded",
            superseded_by=2,
            deciders=["Ada Lovelace", "Bo"],
            context=tricky,
            options=["MySQL", "PostgreSQL", "# hash option"],
            decision="Chosen option: MySQL.",
            consequences="Good, because it is known.\n\nBad, because licences.",
            cites_findings=["secrets.aws-key:api", "yes"],
            cites_risks=[3, 1],
        ),
        adr(2, title="Use PostgreSQL 16!", status="accepted", supersedes=[1], decision=tricky),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_field_round_trips(tmp_path, fmt):
    adrs = full_pair()
    written = export_adrs(adrs, tmp_path, fmt)
    assert [p.name for p in written] == ["0001-use-mysql.md", "0002-use-postgresql-16.md"]
    assert import_adrs(tmp_path) == adrs
    assert import_adrs(tmp_path, fmt) == adrs


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(adrs=adr_lists())
def test_generated_linked_adrs_round_trip_in_both_formats(adrs):
    for fmt in FORMATS:
        with tempfile.TemporaryDirectory() as folder:
            export_adrs(adrs, Path(folder), fmt)
            assert import_adrs(Path(folder)) == adrs


@given(text=prose)
def test_escaping_is_reversible_and_leaves_no_line_starting_with_a_hash(text):
    escaped = escape(text)
    assert unescape(escaped.split("\n")) == text
    assert not any(line.startswith("#") for line in escaped.split("\n"))


def test_madr_file_has_madr_4_shape(tmp_path):
    export_adrs(full_pair(), tmp_path, AdrFormat.MADR)
    text = (tmp_path / "0001-use-mysql.md").read_text(encoding="utf-8")
    assert text.startswith("---\nstatus: superseded by ADR-0002\ndate: 2025-01-02\n")
    assert "decision-makers:\n- Ada Lovelace\n- Bo\n" in text
    assert "cites-findings:\n- secrets.aws-key:api\n- 'yes'\n" in text
    assert (
        "cites-risks:\n- 3\n- 1\n---\n\n# Use MySQL\n\n## Context and Problem Statement\n" in text
    )
    assert (
        "\\## Not a heading\n\n\\\\# escaped\n  indented\ntrailing  \n\\### Consequences\n" in text
    )
    assert "## Considered Options\n\n* MySQL\n* PostgreSQL\n* # hash option\n" in text
    assert (
        "## Decision Outcome\n\nChosen option: MySQL.\n\n### Consequences\n\nGood, because" in text
    )
    second = (tmp_path / "0002-use-postgresql-16.md").read_text(encoding="utf-8")
    assert second.startswith("---\nstatus: accepted\ndate: 2025-01-02\nsupersedes:\n- 1\n---\n")


def test_nygard_file_has_adr_tools_shape(tmp_path):
    export_adrs(full_pair(), tmp_path, AdrFormat.NYGARD)
    first = (tmp_path / "0001-use-mysql.md").read_text(encoding="utf-8")
    assert first.startswith(
        "# 1. Use MySQL\n\nDate: 2025-01-02\n\n## Status\n\n"
        "Superseded by [2. Use PostgreSQL 16!](0002-use-postgresql-16.md)\n\n## Context\n\n"
    )
    assert "## Deciders\n\n* Ada Lovelace\n* Bo\n" in first
    assert "## References\n\n* Audit finding: secrets.aws-key:api\n* Audit finding: yes\n" in first
    assert first.endswith("* Risk: 3\n* Risk: 1\n")
    second = (tmp_path / "0002-use-postgresql-16.md").read_text(encoding="utf-8")
    assert (
        "## Status\n\nAccepted\n\nSupersedes [1. Use MySQL](0001-use-mysql.md)\n\n## Context"
        in second
    )
    assert "## Considered Options" not in second and "## References" not in second


# Files as other tools write them

ADR_TOOLS_FIRST = """# 1. Record architecture decisions

Date: 2016-02-12

## Status

Superceded by [3. Use Kafka](0003-use-kafka.md)

Amended by [2. Clarify](0002-clarify.md)

## Context

We need to record the architectural decisions made on this project.

## Decision

We will use Architecture Decision Records, as described by Michael Nygard.

## Consequences

See Michael Nygard's article, linked above.
"""

ADR_TOOLS_THIRD = """# 3. Use Kafka

Date: 2016-03-01

## Status

Accepted

Supercedes [1. Record architecture decisions](0001-record-architecture-decisions.md)

## Context

Events.

## Decision

Kafka.

## Consequences

Ops work.
"""

MADR_4 = """---
status: accepted
date: 2024-11-04
decision-makers: Ada, Grace
consulted: [Linus]
informed:
  - Everyone
---

# Use PostgreSQL for orders

## Context and Problem Statement

Orders need transactions.
Which database?

## Decision Drivers

* ACID

## Considered Options

* PostgreSQL
* MongoDB

## Decision Outcome

Chosen option: "PostgreSQL", because it is transactional.

### Consequences

* Good, because joins.
* Bad, because one more server.

### Confirmation

A review of the schema.

## Pros and Cons of the Options

### PostgreSQL

* Good, because ACID

## More Information

Revisit at 10x load.
"""

MADR_SUPERSEDED = """---
status: "superseded by [ADR-0012](0012-use-s3.md)"
date: "2023-05-06"
deciders:
  - Ada
---
# Store files on disk

## Context and Problem Statement

Files.

## Decision Outcome

Disk.
"""


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_reads_files_as_adr_tools_writes_them(tmp_path):
    write(tmp_path, "0001-record-architecture-decisions.md", ADR_TOOLS_FIRST)
    write(tmp_path, "0003-use-kafka.md", ADR_TOOLS_THIRD)
    (tmp_path / "templates").mkdir()
    write(tmp_path / "templates", "template.md", "# NUMBER. TITLE\n")
    write(tmp_path, "README.md", "# Decisions\n")
    first, third = import_adrs(tmp_path)
    assert first.model_dump() == {
        "number": 1,
        "title": "Record architecture decisions",
        "status": AdrStatus.SUPERSEDED,
        "date": date(2016, 2, 12),
        "deciders": [],
        "context": "We need to record the architectural decisions made on this project.",
        "options": [],
        "decision": "We will use Architecture Decision Records, as described by Michael Nygard.",
        "consequences": "See Michael Nygard's article, linked above.",
        "supersedes": [],
        "superseded_by": 3,
        "cites_findings": [],
        "cites_risks": [],
    }
    assert (third.status, third.supersedes, third.superseded_by) == (AdrStatus.ACCEPTED, [1], None)


def test_reads_a_plain_madr_4_file(tmp_path):
    write(tmp_path, "0004-use-postgresql-for-orders.md", MADR_4)
    (found,) = import_adrs(tmp_path)
    assert (found.number, found.title, found.status) == (4, "Use PostgreSQL for orders", "accepted")
    assert (found.date, found.deciders) == (date(2024, 11, 4), ["Ada", "Grace"])
    assert found.context == "Orders need transactions.\nWhich database?"
    assert found.options == ["PostgreSQL", "MongoDB"]
    assert found.decision == 'Chosen option: "PostgreSQL", because it is transactional.'
    assert found.consequences == (
        "* Good, because joins.\n* Bad, because one more server.\n\n"
        "### Confirmation\n\nA review of the schema."
    )


def test_reads_madr_superseded_status_links_and_madr_3_deciders(tmp_path):
    write(tmp_path, "0007-store-files-on-disk.md", MADR_SUPERSEDED)
    (found,) = import_adrs(tmp_path, AdrFormat.MADR)
    assert (found.status, found.superseded_by, found.deciders) == ("superseded", 12, ["Ada"])
    assert (found.date, found.decision, found.consequences) == (date(2023, 5, 6), "Disk.", "")


def test_windows_line_endings_and_a_byte_order_mark_are_read(tmp_path):
    data = "\ufeff" + ADR_TOOLS_THIRD.replace("\n", "\r\n")
    write(tmp_path, "0003-use-kafka.md", data.encode("utf-8"))
    (found,) = import_adrs(tmp_path)
    assert (found.title, found.context, found.consequences) == ("Use Kafka", "Events.", "Ops work.")


@pytest.mark.parametrize(
    ("name", "text", "fmt", "message"),
    [
        ("0001-x.md", "just text\n", None, "0001-x.md: neither a MADR nor an adr-tools ADR"),
        ("0001-x.md", ADR_TOOLS_THIRD, None, "0001-x.md: the title says ADR 3, the file name 1"),
        ("0003-x.md", ADR_TOOLS_THIRD, AdrFormat.MADR, "0003-x.md: no YAML front matter"),
        ("0004-x.md", MADR_4, AdrFormat.NYGARD, "0004-x.md: the first line is not an adr-tools"),
        ("0003-x.md", ADR_TOOLS_THIRD.replace("2016-03-01", "01/03/2016"), None, "is not a date"),
        ("0003-x.md", ADR_TOOLS_THIRD.replace("Date: 2016-03-01\n", ""), None, "no 'Date:"),
        (
            "0003-x.md",
            ADR_TOOLS_THIRD.replace("Accepted", "Done"),
            None,
            "unknown ADR status 'done'",
        ),
        (
            "0003-x.md",
            ADR_TOOLS_THIRD + "\n## Context\n\nagain\n",
            None,
            "two '## Context' sections",
        ),
        ("0004-x.md", MADR_4.replace("status: accepted", "status: [1, 2]"), None, "no status"),
        (
            "0004-x.md",
            MADR_4.replace("date: 2024-11-04", "date: soon"),
            None,
            "'soon' is not a date",
        ),
        ("0004-x.md", MADR_4.replace("---\n\n#", "\n#"), None, "never ends"),
        ("0004-x.md", "---\na: &x [1]\nb: *x\n---\n# T\n", None, "aliases are not allowed"),
        ("0004-x.md", "---\n- a\n---\n# T\n", None, "not a mapping"),
        ("0004-x.md", "---\nstatus: accepted\ndate: 2024-01-01\n---\n", None, "no '# title'"),
        ("0000-x.md", MADR_4, None, "0000-x.md: ADR numbers start at 1 (renumber the file"),
        ("0001-x.md", b"# 1. T\n\xff\n", None, "0001-x.md: not UTF-8 text"),
    ],
)
def test_a_malformed_file_is_one_line_naming_it(tmp_path, name, text, fmt, message):
    write(tmp_path, name, text)
    with pytest.raises(RecordError) as caught:
        import_adrs(tmp_path, fmt)
    assert message in str(caught.value)
    assert str(caught.value).startswith(name)
    assert "\n" not in str(caught.value)


def test_two_files_with_one_number_are_refused(tmp_path):
    write(tmp_path, "0003-use-kafka.md", ADR_TOOLS_THIRD)
    write(tmp_path, "003-kafka-again.md", ADR_TOOLS_THIRD)
    with pytest.raises(
        RecordError, match=r"ADR 3 is in two files: 0003-use-kafka.md, 003-kafka-again.md"
    ):
        import_adrs(tmp_path)


def test_symbolic_links_must_stay_inside_the_folder(tmp_path):
    folder, outside = tmp_path / "adr", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    write(folder, "kafka.txt", ADR_TOOLS_THIRD)
    (folder / "0003-use-kafka.md").symlink_to(folder / "kafka.txt")
    assert [a.title for a in import_adrs(folder)] == ["Use Kafka"]
    write(outside, "secret.md", ADR_TOOLS_FIRST)
    (folder / "0001-record.md").symlink_to(outside / "secret.md")
    with pytest.raises(RecordError, match=r"0001-record.md: a symbolic link pointing outside"):
        import_adrs(folder)


def test_large_files_pipes_and_too_many_files_are_refused(tmp_path, monkeypatch):
    big = tmp_path / "big"
    big.mkdir()
    write(big, "0001-big.md", ADR_TOOLS_FIRST + "x" * adr_files.MAX_FILE_BYTES)
    with pytest.raises(RecordError, match=r"0001-big.md: larger than 1 MB"):
        import_adrs(big)
    pipe = tmp_path / "pipe"
    pipe.mkdir()
    os.mkfifo(pipe / "0001-pipe.md")
    with pytest.raises(RecordError, match=r"0001-pipe.md: not a regular file"):
        import_adrs(pipe)
    many = tmp_path / "many"
    many.mkdir()
    for number in range(1, 4):
        write(many, f"{number:04d}-x.md", ADR_TOOLS_THIRD)
    monkeypatch.setattr(adr_files, "MAX_FILES", 2)
    with pytest.raises(RecordError, match="holds 3 ADR files; at most 2 are read"):
        import_adrs(many)


def test_missing_folder_and_unknown_format_are_errors(tmp_path):
    with pytest.raises(RecordError, match="no ADR folder at"):
        import_adrs(tmp_path / "nope")
    assert parse_import_format("AUTO") is None
    assert parse_import_format("Nygard") is AdrFormat.NYGARD
    with pytest.raises(
        RecordError, match=r"unknown ADR format 'pdf' .use one of: auto, madr, nygard"
    ):
        parse_import_format("pdf")


# Writing


def test_file_names_are_ascii_bounded_and_stay_in_the_folder(tmp_path):
    assert slug("Ünïcode & Ça va / ../etc") == "unicode-ca-va-etc"
    assert slug("日本語") == "decision"
    assert file_name(7, "x" * 500) == "0007-" + "x" * 60 + ".md"
    adrs = [adr(1, title="../../escape"), adr(2, title="/etc/passwd"), adr(3, title="..")]
    folder = tmp_path / "docs" / "adr"
    written = export_adrs(adrs, folder, AdrFormat.MADR)
    assert [p.name for p in written] == ["0001-escape.md", "0002-etc-passwd.md", "0003-decision.md"]
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        p.name for p in written
    )
    assert all(p.parent == folder for p in written)


def test_a_renamed_title_replaces_the_old_file_and_leaves_others(tmp_path):
    export_adrs([adr(1, title="Old name"), adr(2)], tmp_path, AdrFormat.NYGARD)
    write(tmp_path, "README.md", "keep me\n")
    export_adrs([adr(1, title="New name")], tmp_path, AdrFormat.NYGARD)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "0001-new-name.md",
        "0002-decision-2.md",
        "README.md",
    ]


def test_a_failed_export_leaves_no_temporary_or_half_written_file(tmp_path):
    (tmp_path / "0002-decision-2.md").mkdir()  # the final name is taken by a folder
    with pytest.raises(RecordError, match="cannot write ADR files to"):
        export_adrs([adr(1), adr(2)], tmp_path, AdrFormat.MADR)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["0001-decision-1.md", "0002-decision-2.md"]
    assert (tmp_path / "0002-decision-2.md").is_dir()
    assert import_adrs(tmp_path) == [adr(1)]


def test_export_into_a_file_is_an_error(tmp_path):
    target = write(tmp_path, "file", "x")
    with pytest.raises(RecordError, match="cannot write ADR files to"):
        export_adrs([adr(1)], target, AdrFormat.MADR)
    assert target.read_text() == "x"
