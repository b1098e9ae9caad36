"""The HTML rendering: golden file, escaping of hostile strings, self-contained, summary first."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser

from cto.reports.html import render_html
from cto.reports.model import Report


class Collector(HTMLParser):
    """Every start tag and its attributes, and the text, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(text: str) -> Collector:
    collector = Collector()
    collector.feed(text)
    collector.close()
    return collector


def test_html_matches_golden(report: Report, golden: Callable[[str, str], None]) -> None:
    golden("report.html", render_html(report))


def test_injected_author_is_escaped(report: Report) -> None:
    text = render_html(report)
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "<img" not in text.lower()
    assert "<script" not in text.lower()
    parsed = parse(text)
    names = {tag for tag, _ in parsed.tags}
    assert not names & {"img", "script", "iframe", "object", "embed", "link"}
    attributes = {name for _, attrs in parsed.tags for name, _ in attrs}
    assert not [name for name in attributes if name.startswith("on")]
    assert "<img src=x onerror=alert(1)>" in "".join(parsed.text)  # shown as text


def test_hostile_path_is_escaped(report: Report) -> None:
    text = render_html(report)
    assert "web/a|b`pay`&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;.py" in text


def test_self_contained_without_scripts_or_external_resources(report: Report) -> None:
    text = render_html(report)
    parsed = parse(text)
    for tag, attrs in parsed.tags:
        for name, value in attrs:
            assert name not in ("src", "srcset", "action"), tag
            if name == "href":
                assert value is not None and value.startswith("#"), value
    assert "http://" not in text and "https://" not in text
    assert "url(" not in text and "@import" not in text
    assert text.count("<style>") == 1


def test_founder_summary_comes_before_the_first_area(report: Report) -> None:
    text = render_html(report)
    first_area = text.index('<section class="area"')
    for part in (
        'id="summary"',
        "Overall rating:",
        "Top risks",
        "What to do first",
        "Not assessed",
    ):
        assert text.index(part) < first_area


def test_ratings_have_text_labels_not_colour_alone(report: Report) -> None:
    text = render_html(report)
    for label in ("Red", "Amber", "Green", "Not assessed"):
        assert f'">{label}</span>' in text
    for severity in ("Critical", "High", "Medium", "Low", "Info"):
        assert f'">{severity}</span>' in text


def test_charts_are_inline_svg_of_the_right_kind(report: Report) -> None:
    text = render_html(report)
    assert text.count('class="chart chart-columns"') == 2
    assert text.count('class="chart chart-bars"') == 2
    assert text.count('class="chart chart-empty"') == 1
    svgs = [attrs for tag, attrs in parse(text).tags if tag == "svg"]
    assert all(("role", "img") in attrs for attrs in svgs)
    assert all(any(name == "aria-label" for name, _ in attrs) for attrs in svgs)


def test_non_utf8_path_is_written_as_escape(report: Report) -> None:
    text = render_html(report)
    text.encode("utf-8")
    assert "docs/caf\\xe9.txt" in text


def test_html_is_deterministic(report: Report) -> None:
    assert render_html(report) == render_html(report)


def test_print_styles_present(report: Report) -> None:
    assert "@media print" in render_html(report)
