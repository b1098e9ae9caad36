"""Format registry and atomic writing of report files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cto.errors import InputError
from cto.reports import formats
from cto.reports.formats import ReportFormat, parse_formats, render, write_reports
from cto.reports.model import Report

ALL = (ReportFormat.MARKDOWN, ReportFormat.HTML, ReportFormat.JSON)


def test_parse_formats() -> None:
    assert parse_formats("md,html,json") == ALL
    assert parse_formats(" JSON , md,json ") == (ReportFormat.JSON, ReportFormat.MARKDOWN)


@pytest.mark.parametrize("text", ["pdf", "md,pdf", "md,,PDF"])
def test_parse_formats_rejects_unknown(text: str) -> None:
    with pytest.raises(InputError) as error:
        parse_formats(text)
    assert str(error.value) == "unknown format 'pdf' (choose from md, html, json, sarif)"


def test_parse_formats_rejects_empty() -> None:
    with pytest.raises(InputError, match="no report format"):
        parse_formats(" , ")


@pytest.mark.parametrize("fmt", ALL)
def test_render_every_format_with_summary_before_first_area(
    report: Report, fmt: ReportFormat
) -> None:
    text = render(report, fmt)
    headline = report.summary.headline
    first_area_summary = report.repositories[0].areas[0].summary
    assert text.index(headline.split(" — ")[0]) < text.index(first_area_summary)


def listing(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir())


def test_write_reports_happy_path(report: Report, tmp_path: Path) -> None:
    out = tmp_path / "nested" / "out"
    written = write_reports(report, out, ALL)
    assert written == [out / "report.md", out / "report.html", out / "report.json"]
    assert listing(out) == ["report.html", "report.json", "report.md"]
    assert json.loads((out / "report.json").read_text("utf-8"))["summary"]["rating"] == "red"
    assert (out / "report.md").read_bytes().decode("utf-8") == render(report, ReportFormat.MARKDOWN)
    assert (out / "report.html").stat().st_mode & 0o777 == 0o644


def test_write_reports_replaces_older_reports(report: Report, tmp_path: Path) -> None:
    (tmp_path / "report.md").write_text("old", "utf-8")
    write_reports(report, tmp_path, [ReportFormat.MARKDOWN])
    assert (tmp_path / "report.md").read_text("utf-8").startswith("# Technical audit report")
    assert listing(tmp_path) == ["report.md"]


def test_renderer_failure_writes_nothing(
    report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "report.md").write_text("older report", "utf-8")

    def broken(_: Report) -> str:
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(formats, "render_html", broken)
    with pytest.raises(RuntimeError):
        write_reports(report, tmp_path, ALL)
    assert listing(tmp_path) == ["report.md"]
    assert (tmp_path / "report.md").read_text("utf-8") == "older report"


@pytest.mark.parametrize("exception", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_failure_mid_write_rolls_back(
    report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exception: BaseException
) -> None:
    (tmp_path / "report.md").write_text("older report", "utf-8")
    real_replace = os.replace

    def replace_failing_on_html(src: str | Path, dst: str | Path) -> None:
        if Path(dst).name == "report.html":
            raise exception
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_failing_on_html)
    with pytest.raises(InputError if isinstance(exception, OSError) else KeyboardInterrupt):
        write_reports(report, tmp_path, ALL)
    assert listing(tmp_path) == ["report.md"]  # no new report, no temporary or backup file
    assert (tmp_path / "report.md").read_text("utf-8") == "older report"


def test_failure_while_staging_leaves_no_temp_files(
    report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = 0
    real_fsync = os.fsync

    def fsync_failing_second(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError(5, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_failing_second)
    with pytest.raises(InputError, match="Input/output error"):
        write_reports(report, tmp_path, ALL)
    assert listing(tmp_path) == []


def test_unwritable_out_dir_is_one_line_input_error(report: Report, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", "utf-8")
    with pytest.raises(InputError) as error:
        write_reports(report, blocker / "out", ALL)
    message = str(error.value)
    assert message.startswith(f"cannot write reports to {blocker / 'out'}: ")
    assert "\n" not in message
