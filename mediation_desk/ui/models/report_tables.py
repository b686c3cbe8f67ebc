"""A statistics report as Qt table models: the headline figures and any report table.

Both models are generic over :class:`~mediation_desk.domain.statistics.Report` /
:class:`~mediation_desk.domain.statistics.Table`: columns are measure keys, a cell's
:data:`FigureRole` is the :class:`Figure` behind it (its ``case_ids`` drill down to the
case list) and :data:`CaptionRole` what that list is called (「2026年11月 调解成功数」).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain.statistics import (
    MEASURES,
    SMALL_CELL,
    Figure,
    Report,
    ReportPeriod,
    Row,
    Table,
    Unit,
)
from ...reports.comparisons import Comparison, comparison, hidden_comparisons

FigureRole = Qt.ItemDataRole.UserRole + 20
CaptionRole = Qt.ItemDataRole.UserRole + 21

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_COUNTS = (Unit.CASES, Unit.PERSONS)


def change_text(change: Decimal | None) -> str:
    """A percentage change as shown: ↑ 3.7%, ↓ 12.0%, → 0.0%, or — (not computable)."""
    if change is None:
        return "—"
    if change > 0:
        return f"↑ {change}%"
    if change < 0:
        return f"↓ {-change}%"
    return f"→ {change}%"


def value_with_unit(figure: Figure) -> str:
    """842件, 96.9%, 12.35万元, <3, —."""
    text = figure.text()
    if figure.suppressed or figure.value is None:
        return text
    return f"{text}{figure.unit.value}"


def caption(period: ReportPeriod, figure: Figure, row_label: str = "") -> str:
    """What the drill-down list is called: 「2026年11月 婚姻家庭纠纷 调解成功数」; for a rate,
    an average or an amount the value is named too, since the list holds its cases."""
    parts = [period.label, row_label, figure.label]
    text = " ".join(p for p in parts if p)
    if figure.unit not in _COUNTS:
        text += f" {value_with_unit(figure)} 所涉案件"
    return text


class HeadlineModel(QAbstractTableModel):
    """指标 | 本期 | 环比 | 同比 | 统计口径: one row per headline figure, in the report's order."""

    COL_MEASURE, COL_VALUE, COL_PREVIOUS, COL_YEAR, COL_RULE = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.report: Report | None = None
        self._figures: list[Figure] = []
        self._hidden: dict[str, frozenset[str]] = {}

    def set_report(self, report: Report | None) -> None:
        """Show ``report``: the same measures only repaint their cells (cheaper than a reset,
        which lays the whole table out again)."""
        figures = list(report.figures.values()) if report is not None else []
        # a published report hides small 上期/同期 counts and the % change that gives them back
        self._hidden = hidden_comparisons(report) if report is not None else {}
        same = [f.key for f in figures] == [f.key for f in self._figures]
        if same and figures:
            self.report, self._figures = report, figures
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(figures) - 1, self.COL_RULE))
            return
        self.beginResetModel()
        self.report, self._figures = report, figures
        self.endResetModel()

    def figure(self, row: int) -> Figure:
        return self._figures[row]

    def comparison(self, f: Figure, which: str) -> Comparison:
        """上期 (``previous``) or 去年同期 (``year_before``) of ``f`` as this report may show it."""
        return comparison(f, which, self._hidden)

    def comparison_text(self, f: Figure, which: str) -> str:
        c = self.comparison(f, which)
        return f"<{SMALL_CELL}" if c.hidden else Figure(f.key, c.value).text()

    def row_of(self, key: str) -> int:
        return next(i for i, f in enumerate(self._figures) if f.key == key)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
                 ) -> int:
        return 0 if parent.isValid() else len(self._figures)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
                    ) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Measure"), self.tr("This period"), self.tr("Month-on-month"),
                self.tr("Year-on-year"), self.tr("How it is counted"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._figures) or self.report is None:
            return None
        f, col = self._figures[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.COL_MEASURE:
                return f"{f.label}（{f.unit.value}）"
            if col == self.COL_VALUE:
                return f.text()
            if col == self.COL_PREVIOUS:
                return change_text(self.comparison(f, "previous").change)
            if col == self.COL_YEAR:
                return change_text(self.comparison(f, "year_before").change)
            if col == self.COL_RULE:
                return f.measure.rule
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
                self.COL_VALUE, self.COL_PREVIOUS, self.COL_YEAR):
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and col == self.COL_RULE:
            return QBrush(QColor("#5a6270"))
        if role == Qt.ItemDataRole.ToolTipRole:
            if col in (self.COL_MEASURE, self.COL_RULE):
                return f.measure.rule
            if col == self.COL_PREVIOUS:
                return self.tr("Previous period: {0}").format(
                    self.comparison_text(f, "previous"))
            if col == self.COL_YEAR:
                return self.tr("Same period last year: {0}").format(
                    self.comparison_text(f, "year_before"))
        if role == FigureRole:
            return f
        if role == CaptionRole:
            return caption(self.report.period, f)
        return None


class ReportTableModel(QAbstractTableModel):
    """One report table: [名次] | dimension | one column per measure; the total row last."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table: Table | None = None
        self.period: ReportPeriod | None = None
        self._rows: list[Row] = []
        self._ranked = False

    def set_table(self, table: Table | None, period: ReportPeriod | None) -> None:
        """Show ``table``; the same rows and columns only repaint their cells."""
        rows = [] if table is None else [
            *table.rows, *([table.total] if table.total is not None else [])]
        ranked = table is not None and any(r.rank is not None for r in table.rows)
        same = (table is not None and self.table is not None and rows
                and table.columns == self.table.columns and ranked == self._ranked
                and [r.key for r in rows] == [r.key for r in self._rows])
        if same:
            self.table, self.period, self._rows = table, period, rows
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(rows) - 1, self.columnCount() - 1))
            return
        self.beginResetModel()
        self.table, self.period, self._rows, self._ranked = table, period, rows, ranked
        self.endResetModel()

    def dimension_header(self) -> str:
        """The first column's header: what the rows are."""
        names = {"by_type": self.tr("Dispute type"),
                 "by_source": self.tr("Case source"),
                 "by_mediator": self.tr("Mediator"),
                 "by_village": self.tr("Village / community"),
                 "villages": self.tr("Village / community"),
                 "wusong": self.tr("Village / community"),
                 "by_center": self.tr("Mediation organisation"),
                 "by_end_reason": self.tr("End reason"),
                 "satisfaction": self.tr("Satisfaction"),
                 "litigation_source": self.tr("Mediation organisation")}
        return names.get(self.table.key if self.table else "", self.tr("Item"))

    @property
    def ranked(self) -> bool:
        return self._ranked

    def _lead(self) -> int:
        return 2 if self._ranked else 1  # columns before the measures

    def row(self, row: int) -> Row:
        return self._rows[row]

    def is_total(self, row: int) -> bool:
        return self.table is not None and self.table.total is not None \
            and row == len(self._rows) - 1

    def column_of(self, key: str) -> int:
        """The view column of measure ``key``."""
        assert self.table is not None
        return self._lead() + self.table.columns.index(key)

    def cell(self, row: int, column: int) -> Figure | None:
        if self.table is None or column < self._lead():
            return None
        key = self.table.columns[column - self._lead()]
        return self._rows[row].cells.get(key)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
                 ) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
                    ) -> int:
        if parent.isValid() or self.table is None:
            return 0
        return self._lead() + len(self.table.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or self.table is None:
            return None
        lead = self._lead()
        if role == Qt.ItemDataRole.DisplayRole:
            if self._ranked and section == 0:
                return self.tr("Rank")
            if section == lead - 1:
                return self.dimension_header()
            m = MEASURES[self.table.columns[section - lead]]
            return f"{m.label}\n（{m.unit.value}）"
        if role == Qt.ItemDataRole.ToolTipRole and section >= lead:
            return MEASURES[self.table.columns[section - lead]].rule
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.table is None or index.row() >= len(self._rows):
            return None
        r, col, lead = self._rows[index.row()], index.column(), self._lead()
        total = self.is_total(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            if self._ranked and col == 0:
                return "" if r.rank is None else str(r.rank)
            if col == lead - 1:
                return self.tr("Total") if total and not r.label else (r.label or
                                                                       self.tr("Not recorded"))
            f = self.cell(index.row(), col)
            return f.text() if f is not None else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and col != lead - 1:
            return _RIGHT
        if role == Qt.ItemDataRole.FontRole and total:
            font = QFont()
            font.setBold(True)
            return font
        if role == FigureRole:
            return self.cell(index.row(), col)
        if role == CaptionRole:
            f = self.cell(index.row(), col)
            if f is None or self.period is None:
                return None
            label = "" if total else (r.label or self.tr("Not recorded"))
            return caption(self.period, f, label)
        return None
