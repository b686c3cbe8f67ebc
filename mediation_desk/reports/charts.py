"""Charts for the statistics reports, drawn with reportlab.graphics (no Qt).

Plain data in (labels, numbers, the text printed beside each bar), a ``Drawing`` out, so
the PDF can place it like any flowable. Every string is set in the document font passed
in: reportlab's default Helvetica would be an unembedded font without Chinese glyphs.
A bar whose value is hidden (a published report's ``<3``) is drawn with no length and
its text beside it, so the bar cannot give the number away.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors

BLUE = colors.HexColor("#2f5597")
ORANGE = colors.HexColor("#c55a11")
GREY = colors.HexColor("#7f7f7f")
GRID = colors.HexColor("#d9d9d9")
_marker: Callable[..., Any] = makeMarker  # untyped in the stubs
LABEL_SIZE = 8
TITLE_SIZE = 10


@dataclass(frozen=True)
class Series:
    """One series of bars: its name (legend), values (None = hidden or not computable) and
    the text printed at the end of each bar."""

    name: str
    values: Sequence[float | None]
    texts: Sequence[str]
    color: colors.Color = BLUE


def _nice_max(top: float) -> float:
    """A round axis maximum at or above ``top`` (1, 2, 2.5 or 5 times a power of ten)."""
    if top <= 0:
        return 1.0
    step = 1.0
    while step * 10 <= top:
        step *= 10
    for m in (1, 2, 2.5, 5, 10):
        if m * step >= top:
            return m * step
    return 10 * step  # pragma: no cover (the loop always returns)


def _place(widget: Any, **attrs: float) -> None:
    """Set position and size (the stubs type them int; reportlab takes any number)."""
    for name, value in attrs.items():
        setattr(widget, name, value)


def _drawing(width: float, height: float, font: str) -> Drawing:
    d = Drawing(width, height)
    # the renderer's starting state names reportlab's default face (Times-Roman) unless
    # the drawing says otherwise: that would put an unembedded font into the PDF
    d.initialFontName = font  # type: ignore[attr-defined]
    return d


def _title(d: Drawing, text: str, font: str) -> None:
    d.add(String(d.width / 2, d.height - TITLE_SIZE - 2, text, fontName=font,
                 fontSize=TITLE_SIZE, textAnchor="middle"))


def _legend(d: Drawing, items: list[tuple[colors.Color, str]], font: str, x: float,
            y: float) -> None:
    legend = Legend()
    _place(legend, x=x, y=y)
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName, legend.fontSize = font, LABEL_SIZE
    legend.boxAnchor = "nw"
    legend.dx = legend.dy = 7
    legend.deltax = 70
    legend.colorNamePairs = items
    d.add(legend)


def bar_chart(title: str, labels: Sequence[str], series: Sequence[Series], *, font: str,
              width: float, label_width: float = 90, unit: str = "",
              label_fonts: Sequence[str] | None = None) -> Drawing:
    """Horizontal bars, one group per label (first label on top), values printed beside.

    ``width`` is the drawing's width in points; the height follows the number of bars.
    ``label_fonts`` gives a label its own face (a name with a character the main face
    lacks); by default every label is in ``font``.
    """
    n, k = len(labels), max(1, len(series))
    bar = 9.0 if k == 1 else 7.0
    plot_h = max(40.0, n * (k * bar + 6))
    legend_h = 14.0 if k > 1 else 0.0
    top, bottom = TITLE_SIZE + 10 + legend_h, 22.0
    d = _drawing(width, plot_h + top + bottom, font)
    _title(d, title, font)
    chart = HorizontalBarChart()
    _place(chart, x=label_width, y=bottom, width=width - label_width - 40, height=plot_h)
    # HorizontalBarChart puts the first category (and the first series of a group) at the
    # bottom: reverse both so the chart reads downwards like the table
    series = list(reversed(series))
    chart.data = [[0.0 if v is None else float(v) for v in reversed(s.values)] for s in series]
    chart.categoryAxis.categoryNames = list(reversed(labels))
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.categoryAxis.strokeColor = GREY
    chart.categoryAxis.tickLeft = 0
    for i, face in enumerate(reversed(list(label_fonts or ()))):
        if face != font:
            chart.categoryAxis.labels[i].fontName = face
    top_value = max([float(v) for s in series for v in s.values if v is not None] or [0.0])
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_max(max(5.0, top_value) * 1.12)
    chart.valueAxis.valueStep = chart.valueAxis.valueMax / 5
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = LABEL_SIZE - 1
    chart.valueAxis.labelTextFormat = _axis_number
    chart.valueAxis.strokeColor = GREY
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = GRID
    _place(chart, barWidth=bar)
    chart.groupSpacing = 6
    chart.barSpacing = 1
    chart.bars.strokeWidth = 0
    chart.bars.strokeColor = None
    for i, s in enumerate(series):
        chart.bars[i].fillColor = s.color
    chart.barLabelFormat = "values"
    chart.barLabelArray = [list(reversed(list(s.texts))) for s in series]
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = LABEL_SIZE - 1
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.barLabels.boxTarget = "hi"
    d.add(chart)
    if unit:
        d.add(String(width - 20, 4, f"（{unit}）", fontName=font, fontSize=LABEL_SIZE - 1,
                     textAnchor="end", fillColor=GREY))
    if k > 1:
        _legend(d, [(s.color, s.name) for s in reversed(series)], font, label_width,
                d.height - TITLE_SIZE - 8)
    return d


def _axis_number(value: float) -> str:
    return f"{value:g}" if value < 10000 else f"{value / 10000:g}万"


def trend_chart(title: str, months: Sequence[str], counts: Sequence[float | None],
                rates: Sequence[float | None], *, font: str, width: float,
                count_name: str = "受理纠纷数（件）",
                rate_name: str = "调解成功率（%）") -> Drawing:
    """A 12-month line: counts on the left axis, the rate (per cent) on the right axis.

    A month whose value is None (hidden or not computable) has no point; its neighbours are
    joined across it. A series with fewer than two points is drawn as markers only.
    """
    height = 190.0
    d = _drawing(width, height, font)
    _title(d, title, font)
    x, y, w, h = 40.0, 34.0, width - 84.0, height - 34.0 - TITLE_SIZE - 30
    known = [float(c) for c in counts if c is not None]
    count_max = _nice_max(max([5.0, *known]) * 1.15)  # whole steps even for tiny counts
    rates_known = [float(r) for r in rates if r is not None]
    rate_min = 0.0 if not rates_known or min(rates_known) < 50 else 50.0
    # a month's successes can outnumber its acceptances (agreements on earlier cases)
    rate_max = max(100.0, math.ceil(max(rates_known or [0.0]) / 10) * 10.0)

    def line(values: Sequence[float | None], lo: float, hi: float, color: colors.Color,
             right: bool) -> HorizontalLineChart:
        lc = HorizontalLineChart()
        _place(lc, x=x, y=y, width=w, height=h)
        lc.data = [[None if v is None else float(v) for v in values]]
        # reportlab asserts on a one-point line: join only two or more points
        lc.joinedLines = 1 if sum(v is not None for v in values) >= 2 else 0
        lc.lines[0].strokeColor = color
        lc.lines[0].strokeWidth = 1.5
        lc.lines[0].symbol = _marker("FilledCircle" if not right else "FilledSquare",
                                     size=3.5, fillColor=color, strokeColor=color)
        if right:
            lc.lines[0].strokeDashArray = [4, 2]
        ca = lc.categoryAxis
        ca.categoryNames = list(months)
        ca.labels.fontName = font
        ca.labels.fontSize = LABEL_SIZE - 1
        ca.labels.boxAnchor = "n"
        ca.labels.dy = -3
        ca.strokeColor = GREY
        ca.visible = 0 if right else 1
        va = lc.valueAxis
        va.valueMin, va.valueMax = lo, hi
        va.valueStep = (hi - lo) / 5
        va.labels.fontName = font
        va.labels.fontSize = LABEL_SIZE - 1
        va.strokeColor = color
        va.labelTextFormat = _axis_number
        if right:
            va.joinAxis = ca
            va.joinAxisMode = "right"
            va.labels.boxAnchor = "w"
            va.labels.dx = 4
        else:
            va.visibleGrid = 1
            va.gridStrokeColor = GRID
        return lc

    d.add(line(counts, 0.0, count_max, BLUE, False))
    d.add(line(rates, rate_min, rate_max, ORANGE, True))
    _legend(d, [(BLUE, count_name), (ORANGE, rate_name)], font, x, height - TITLE_SIZE - 8)
    return d
