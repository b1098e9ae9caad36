"""SVG charts: escaped labels, tooltips, accessible names, empty and single-value series."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from cto.reports.model import Chart
from cto.reports.svg import bar_chart, column_chart

HOSTILE = '<script>alert("x")</script>&"'


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.titles: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.titles.append(data)


def parse(svg: str) -> Tags:
    parser = Tags()
    parser.feed(svg)
    return parser


def chart(kind: str, labels: tuple[str, ...], values: tuple[float, ...]) -> Chart:
    return Chart("c", f"Title {HOSTILE}", kind, labels, values, unit="files")


@pytest.mark.parametrize("draw", [column_chart, bar_chart])
def test_labels_are_escaped_and_tooltips_exact(draw) -> None:  # type: ignore[no-untyped-def]
    svg = draw(chart("bars", (HOSTILE, "b"), (3, 1.5)))
    assert "<script" not in svg
    parsed = parse(svg)
    assert set(parsed.tags) <= {"svg", "title", "g", "rect", "text", "line"}
    assert f"{HOSTILE}: 3 files" in parsed.titles
    assert "b: 1.5 files" in parsed.titles


@pytest.mark.parametrize("draw", [column_chart, bar_chart])
def test_accessible_image(draw) -> None:  # type: ignore[no-untyped-def]
    svg = draw(chart("columns", ("a", "b"), (1, 2)))
    assert svg.startswith("<svg ") and svg.endswith("</svg>")
    assert 'role="img"' in svg
    assert 'aria-label="Title &lt;script&gt;' in svg
    assert "highest b: 2 files" in svg


@pytest.mark.parametrize("draw", [column_chart, bar_chart])
def test_empty_series_says_no_data(draw) -> None:  # type: ignore[no-untyped-def]
    svg = draw(chart("columns", (), ()))
    assert "No data to chart." in svg and 'role="img"' in svg


@pytest.mark.parametrize("draw", [column_chart, bar_chart])
def test_single_and_zero_values(draw) -> None:  # type: ignore[no-untyped-def]
    assert "a: 7 files" in draw(chart("columns", ("a",), (7,)))
    zeros = draw(chart("columns", ("a", "b"), (0, 0)))
    assert "nan" not in zeros.lower() and "-0.0" not in zeros


@pytest.mark.parametrize("draw", [column_chart, bar_chart])
def test_bad_numbers_draw_as_zero(draw) -> None:  # type: ignore[no-untyped-def]
    svg = draw(chart("bars", ("a", "b", "c"), (float("nan"), -4, float("inf"))))
    assert "nan" not in svg.lower() and "inf" not in svg.lower()


def test_deterministic_number_formatting() -> None:
    one = column_chart(chart("columns", ("a", "b", "c"), (0.1 + 0.2, 1 / 3, 10)))
    assert one == column_chart(chart("columns", ("a", "b", "c"), (0.1 + 0.2, 1 / 3, 10)))
    assert "0.30000000000000004" not in one
    assert "a: 0.3 files" in one


def test_many_columns_label_only_some() -> None:
    labels = tuple(f"2024-W{w:02d}" for w in range(1, 53))
    svg = column_chart(chart("columns", labels, tuple(range(52))))
    assert svg.count("<rect") == 52
    assert svg.count("</text>") < 52 // 2


def test_long_bar_labels_are_shortened_with_full_tooltip() -> None:
    label = "src/" + "very/" * 20 + "deep.py"
    svg = bar_chart(chart("bars", (label,), (1,)))
    assert f"{label}: 1 file" in parse(svg).titles
    assert "…" in svg


def test_non_utf8_label_is_encodable() -> None:
    svg = bar_chart(chart("bars", ("caf\udce9.txt",), (1,)))
    svg.encode("utf-8")
    assert "caf\\xe9.txt" in svg
