"""Inline SVG charts for the HTML report: pure functions from a :class:`Chart` to markup.

Every label is repository-derived and escaped with :func:`html.escape`; every bar carries a
``<title>`` tooltip with its exact value; every chart is an accessible image (``role="img"``
with an ``aria-label`` that states what it shows). Coordinates are written with one decimal,
so the same chart always gives the same bytes.
"""

from __future__ import annotations

import html
import math

from cto.reports.model import Chart
from cto.reports.text import displayable, format_number, with_unit

WIDTH = 640
BAR_FILL = "#3b6ea5"
AXIS_STROKE = "#8a8f98"
TEXT_FILL = "#1f2328"
_MAX_X_LABELS = 12
_X_LABEL_CHARS = 12
_MAX_SLOT = 64.0
_BAR_LABEL_CHARS = 26
_ROW = 22
_LABEL_WIDTH = 190
_VALUE_WIDTH = 80


def column_chart(chart: Chart) -> str:
    """Vertical columns in label order (time series such as weekly commits)."""
    values = _clean(chart.values)
    if not values:
        return _empty(chart)
    left, top, plot_w, plot_h = 52.0, 12.0, WIDTH - 64.0, 160.0
    height = top + plot_h + 36
    scale = _nice_max(max(values))
    slot = min(plot_w / len(values), _MAX_SLOT)  # a lone column stays a column, not a slab
    step = _label_step(chart.labels, slot)
    parts = [_open(chart, "columns", height, _describe(chart, values, "Column chart"))]
    for tick in (0.0, scale / 2, scale):
        y = top + plot_h - plot_h * tick / scale
        parts.append(_line(left, y, left + plot_w, y))
        parts.append(_text(left - 6, y + 4, format_number(_tidy(tick)), "end"))
    for index, (label, value) in enumerate(zip(chart.labels, values, strict=False)):
        bar_h = plot_h * value / scale
        x = left + index * slot + slot * 0.1
        tip = f"{label}: {with_unit(_tidy(value), chart.unit)}"
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(top + plot_h - bar_h)}" width="{_n(max(slot * 0.8, 1))}"'
            f' height="{_n(bar_h)}" fill="{BAR_FILL}"><title>{_esc(tip)}</title></rect>'
        )
        if index % step == 0:
            parts.append(
                _text(x + slot * 0.4, top + plot_h + 16, _shorten(label, _X_LABEL_CHARS), "middle")
            )
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(chart: Chart) -> str:
    """Horizontal bars, one row per label (ranked lists such as files by churn)."""
    values = _clean(chart.values)
    if not values:
        return _empty(chart)
    height = len(values) * _ROW + 8.0
    plot_w = WIDTH - _LABEL_WIDTH - _VALUE_WIDTH
    scale = max(values) or 1.0
    parts = [_open(chart, "bars", height, _describe(chart, values, "Bar chart"))]
    for index, (label, value) in enumerate(zip(chart.labels, values, strict=False)):
        y = 4.0 + index * _ROW
        shown = with_unit(_tidy(value), chart.unit)
        parts.append(f"<g><title>{_esc(f'{label}: {shown}')}</title>")
        parts.append(_text(_LABEL_WIDTH - 8, y + 15, _shorten(label, _BAR_LABEL_CHARS), "end"))
        parts.append(
            f'<rect x="{_LABEL_WIDTH}" y="{_n(y + 3)}" width="{_n(plot_w * value / scale)}"'
            f' height="{_ROW - 6}" fill="{BAR_FILL}"/>'
        )
        parts.append(_text(_LABEL_WIDTH + plot_w * value / scale + 6, y + 15, shown, "start"))
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def _label_step(labels: tuple[str, ...], slot: float) -> int:
    """Label every n-th column so axis labels never overlap (about 6.5 px per character)."""
    widest = max((len(_shorten(label, _X_LABEL_CHARS)) for label in labels), default=0)
    by_width = math.ceil((widest * 6.5 + 6) / slot)
    return max(1, by_width, math.ceil(len(labels) / _MAX_X_LABELS))


def _clean(values: tuple[float, ...]) -> list[float]:
    """Values a bar can show: negative, NaN and infinite values are drawn as zero."""
    return [v if math.isfinite(v) and v > 0 else 0.0 for v in values]


def _describe(chart: Chart, values: list[float], kind: str) -> str:
    """The accessible name: title, size, and the largest value with its label."""
    peak = max(range(len(values)), key=lambda i: (values[i], -i))
    label = chart.labels[peak] if peak < len(chart.labels) else ""
    highest = with_unit(_tidy(values[peak]), chart.unit)
    count = f"{len(values)} value{'' if len(values) == 1 else 's'}"
    return f"{chart.title}. {kind} of {count}; highest {label}: {highest}."


def _open(chart: Chart, kind: str, height: float, label: str) -> str:
    return (
        f'<svg class="chart chart-{kind}" viewBox="0 0 {WIDTH} {_n(height)}" width="{WIDTH}"'
        f' height="{_n(height)}" role="img" aria-label="{_esc(label)}"'
        f' font-family="sans-serif" font-size="11"><title>{_esc(chart.title)}</title>'
    )


def _empty(chart: Chart) -> str:
    label = f"{chart.title}. No data to chart."
    return _open(chart, "empty", 32, label) + _text(8, 20, "No data to chart.", "start") + "</svg>"


def _line(x1: float, y1: float, x2: float, y2: float) -> str:
    return (
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"'
        f' stroke="{AXIS_STROKE}" stroke-width="0.5"/>'
    )


def _text(x: float, y: float, content: str, anchor: str) -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" fill="{TEXT_FILL}">'
        f"{_esc(content)}</text>"
    )


def _nice_max(peak: float) -> float:
    """The smallest 1, 2 or 5 times 10^k at or above ``peak``, so axis labels are round."""
    if peak <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(peak))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= peak)


def _tidy(value: float) -> float:
    """Rounds away float noise (``0.30000000000000004``) before a value is shown."""
    return round(value, 6)


def _shorten(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _esc(text: str) -> str:
    return html.escape(displayable(text), quote=True)


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text
