"""The 统计 page's charts (QtCharts): bars by a report table's rows, the 12-month trend.

Each chart is built once; a new report only replaces the values of its series and the
categories of its axis (switching the period stays cheap). A click on a bar or a point
emits the :class:`Figure` behind it with the period and the row it belongs to, so the page
can open the case list of exactly those cases.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QWidget

from ...domain.statistics import MEASURES, Figure, MonthPoint, ReportPeriod, Row, Table

ACCEPTED_COLOUR = QColor("#3d6fb6")
SUCCEEDED_COLOUR = QColor("#4f9a5b")
RATE_COLOUR = QColor("#c0602b")
COLOURS = {"accepted": ACCEPTED_COLOUR, "succeeded": SUCCEEDED_COLOUR,
           "success_rate": RATE_COLOUR}


def plotted(figure: Figure | None) -> float:
    """The value a bar shows: a suppressed (<3) or missing figure is drawn as 0."""
    if figure is None or figure.suppressed or figure.value is None:
        return 0.0
    return float(figure.value)


def nice_ceiling(value: float) -> float:
    """A round upper end for a value axis (1, 2, 5 × 10ⁿ), at least 5."""
    if value <= 5:
        return 5.0
    step = 10 ** (len(str(int(value))) - 1)
    for m in (1, 2, 5, 10):
        if value <= m * step:
            return float(m * step)
    return float(10 * step)


def _unique(labels: list[str]) -> list[str]:
    """Category labels must differ (two mediators may share a name)."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        n = seen.get(label, 0) + 1
        seen[label] = n
        out.append(label if n == 1 else f"{label}（{n}）")
    return out


def set_categories(axis: QBarCategoryAxis, labels: list[str]) -> None:
    """Replace an axis's categories, only when they changed (a relayout each time)."""
    if axis.categories() != labels:
        axis.clear()
        axis.append(labels)


class ChartView(QChartView):
    """A chart with the house look: no animation, small fonts, legend at the bottom."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setTitle(title)
        font = QFont(chart.titleFont())
        font.setBold(True)
        chart.setTitleFont(font)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(320, 220)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        return font


class TableBarChart(ChartView):
    """Bars for some measures of a report table, a group per row (受理 and 成功 by type...).

    ``limit`` keeps the rows with the most 受理 (a mediator comparison of a big center).
    """

    figure_clicked = Signal(object, object, str)  # Figure, ReportPeriod, row label

    def __init__(self, title: str, measures: tuple[str, ...], *, horizontal: bool = False,
                 limit: int | None = None, short: Callable[[str], str] = str,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.measures = measures
        self.horizontal = horizontal
        self.limit = limit
        self.short = short  # a row's label on the axis (婚姻家庭纠纷 -> 婚姻家庭)
        self.rows: list[Row] = []
        self.period: ReportPeriod | None = None
        self.series: QAbstractBarSeries = QHorizontalBarSeries() if horizontal else QBarSeries()
        self.sets: dict[str, QBarSet] = {}
        for key in measures:
            bar_set = QBarSet(MEASURES[key].label)
            if key in COLOURS:
                bar_set.setColor(COLOURS[key])
                bar_set.setBorderColor(COLOURS[key])
            self.sets[key] = bar_set
            self.series.append(bar_set)
        self.chart().addSeries(self.series)
        self.categories = QBarCategoryAxis()
        self.categories.setLabelsFont(self.small_font())
        self.values = QValueAxis()
        self.values.setLabelFormat("%d")
        self.values.setLabelsFont(self.small_font())
        category_side, value_side = ((Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom)
                                     if horizontal else
                                     (Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft))
        self.chart().addAxis(self.categories, category_side)
        self.chart().addAxis(self.values, value_side)
        self.series.attachAxis(self.categories)
        self.series.attachAxis(self.values)
        self.series.clicked.connect(self._clicked)

    def set_table(self, table: Table | None, period: ReportPeriod | None) -> None:
        """Show ``table``'s rows (replacing the values; the series stay)."""
        rows = list(table.rows) if table is not None else []
        if self.limit is not None and len(rows) > self.limit:
            rows = sorted(rows, key=lambda r: -plotted(r.cells.get("accepted")))[:self.limit]
        if self.horizontal:
            rows.reverse()  # the first row at the top
        self.rows, self.period = rows, period
        top = 0.0
        for key, bar_set in self.sets.items():
            values = [plotted(r.cells.get(key)) for r in rows]
            bar_set.remove(0, bar_set.count())
            bar_set.append(values)
            top = max([top, *values])
        set_categories(self.categories, _unique([self.short(r.label or "未登记") for r in rows]))
        self.values.setRange(0, nice_ceiling(top))
        self.values.setTickCount(6)

    def figure_at(self, index: int, key: str) -> tuple[Figure | None, str]:
        """The figure of bar ``index`` of measure ``key`` and its row's label."""
        row = self.rows[index]
        return row.cells.get(key), row.label

    def _clicked(self, index: int, bar_set: QBarSet) -> None:
        key = next((k for k, s in self.sets.items() if s is bar_set), None)
        if key is None or not 0 <= index < len(self.rows):
            return
        figure, label = self.figure_at(index, key)
        if figure is not None:
            self.figure_clicked.emit(figure, self.period, label)


class TrendChart(ChartView):
    """The 12 months to the period's end: 受理 (left axis, 件) and 成功率 (right axis, %)."""

    figure_clicked = Signal(object, object, str)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.points: list[MonthPoint] = []
        self.accepted = QLineSeries()
        self.accepted.setName(MEASURES["accepted"].label)
        self.rate = QLineSeries()
        self.rate.setName(MEASURES["success_rate"].label + "（%）")
        for series, colour in ((self.accepted, ACCEPTED_COLOUR), (self.rate, RATE_COLOUR)):
            series.setPen(QPen(colour, 2))
            series.setColor(colour)
            series.setPointsVisible(True)
            self.chart().addSeries(series)
        self.months = QBarCategoryAxis()
        self.months.setLabelsFont(self.small_font())
        self.months.setTitleFont(self.small_font())
        self.counts = QValueAxis()
        self.counts.setLabelFormat("%d")
        self.counts.setLabelsFont(self.small_font())
        self.counts.setLinePenColor(ACCEPTED_COLOUR)
        self.percent = QValueAxis()
        self.percent.setRange(0, 100)
        self.percent.setLabelFormat("%d%%")
        self.percent.setLabelsFont(self.small_font())
        self.percent.setLinePenColor(RATE_COLOUR)
        chart = self.chart()
        chart.addAxis(self.months, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.counts, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(self.percent, Qt.AlignmentFlag.AlignRight)
        for series, axis in ((self.accepted, self.counts), (self.rate, self.percent)):
            series.attachAxis(self.months)
            series.attachAxis(axis)
        self.accepted.clicked.connect(lambda p: self._clicked(p, "accepted"))
        self.rate.clicked.connect(lambda p: self._clicked(p, "success_rate"))

    def set_trend(self, points: tuple[MonthPoint, ...]) -> None:
        self.points = list(points)
        set_categories(self.months, _unique([f"{p.period.start.month}月" for p in self.points]))
        if self.points:  # the years go in the axis title: 2025年12月—2026年11月
            self.months.setTitleText(f"{self.points[0].period.label}—"
                                     f"{self.points[-1].period.label}")
        counts = [plotted(p.accepted) for p in self.points]
        self.accepted.replace([QPointF(i, v) for i, v in enumerate(counts)])
        self.rate.replace([QPointF(i, plotted(p.success_rate)) for i, p in enumerate(self.points)
                           if p.success_rate.value is not None and not p.success_rate.suppressed])
        self.counts.setRange(0, nice_ceiling(max(counts, default=0.0)))
        self.counts.setTickCount(6)

    def figure_at(self, index: int, key: str) -> tuple[Figure, ReportPeriod]:
        point = self.points[index]
        figure: Figure = getattr(point, key)
        return figure, point.period

    def _clicked(self, point: QPointF, key: str) -> None:
        index = round(point.x())
        if 0 <= index < len(self.points):
            figure, period = self.figure_at(index, key)
            self.figure_clicked.emit(figure, period, "")


__all__ = ["TableBarChart", "TrendChart", "nice_ceiling", "plotted"]
