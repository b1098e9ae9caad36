"""The Markdown rendering: golden file, founder summary first, escaping that keeps tables intact."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token

from cto.reports.markdown import inline, paragraph, render_markdown
from cto.reports.model import Report


def tokens(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(text)


def walk(items: list[Token]) -> Iterator[Token]:
    for token in items:
        yield token
        yield from walk(token.children or [])


def test_markdown_matches_golden(report: Report, golden: Callable[[str, str], None]) -> None:
    golden("report.md", render_markdown(report))


def test_markdown_is_deterministic(report: Report) -> None:
    assert render_markdown(report) == render_markdown(report)


def test_founder_summary_comes_before_the_first_area(report: Report) -> None:
    text = render_markdown(report)
    first_area = text.index("### Activity")
    for part in (
        "## Founder summary",
        "**Overall rating: Red**",
        "### Top risks",
        "### What to do first",
        "### Not assessed",
    ):
        assert text.index(part) < first_area


def test_order_within_a_repository(report: Report) -> None:
    text = render_markdown(report)
    repo = text[text.index("## Repository: billing-api") : text.index("## Repository: marketing")]
    order = [
        "Head commit",
        "### Activity",
        "### Knowledge",
        "### Change coupling",
        "### Evidence tables",
        "#### Excluded paths",
    ]
    positions = [repo.index(part) for part in order]
    assert positions == sorted(positions)


def test_hostile_strings_are_text_not_html(report: Report) -> None:
    found = [t.type for t in walk(tokens(render_markdown(report))) if t.type.startswith("html")]
    assert found == []
    assert "\\<img src=x onerror=alert(1)\\>" in render_markdown(report)


def test_pipes_in_cells_do_not_add_columns(report: Report) -> None:
    parsed = tokens(render_markdown(report))
    rows: list[int] = []
    cells = 0
    for token in parsed:
        if token.type == "tr_open":
            cells = 0
        elif token.type in ("td_open", "th_open"):
            cells += 1
        elif token.type == "tr_close":
            rows.append(cells)
        elif token.type == "table_close":
            assert len(set(rows)) == 1, rows
            rows = []
    path_cells = [t.content for t in walk(parsed) if t.type == "text" and "pay" in t.content]
    assert any("web/a|b" in content for content in path_cells)


def test_non_utf8_path_is_shown_as_escape(report: Report) -> None:
    text = render_markdown(report)
    text.encode("utf-8")
    assert "docs/caf\\\\xe9.txt" in text  # renders as docs/caf\xe9.txt


def test_empty_and_single_value_charts_render(report: Report) -> None:
    text = render_markdown(report)
    assert "No data to chart." in text
    assert "| index.html | 3 |" in text


def test_every_cell_type_renders(report: Report) -> None:
    text = render_markdown(report)
    assert "| Grace Hopper | 7 | 13.6 | — |" in text


def test_inline_escapes_markdown_and_folds_lines() -> None:
    assert (
        inline("a|b `c` *d* _e_ [f](g) <h>\n i")
        == "a\\|b \\`c\\` \\*d\\* \\_e\\_ \\[f\\](g) \\<h\\> i"
    )


def test_paragraph_cannot_start_a_block() -> None:
    assert paragraph("# not a heading") == "\\# not a heading"
    assert paragraph("1. not a list") == "1\\. not a list"
    assert paragraph("- not a list") == "\\- not a list"
