"""录入节假日安排: enter a year's holiday notice (or local adjustments) by date ranges."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import DayKind
from ...domain.models import HolidayNotice, HolidaySpan
from ..widgets.field_error import with_error
from .form_dialog import FormDialog

COL_START, COL_END, COL_KIND, COL_NAME = range(4)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class HolidayNoticeDialog(FormDialog):
    """Spans of rest days and 调休 working days for one year; saved through ``submit``."""

    def __init__(self, notice: HolidayNotice, submit: Callable[[HolidayNotice], None], *,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = notice
        self.submit = submit
        self.setWindowTitle(self.tr("Holiday arrangement"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        form = QFormLayout()
        self.year = QSpinBox()
        self.year.setObjectName("noticeYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(notice.year)
        box, err = with_error(self.year)
        self.add_error("year", err)
        form.addRow(self.tr("&Year"), box)
        self.title = QLineEdit(notice.title)
        self.title.setObjectName("noticeTitle")
        self.title.setPlaceholderText(self.tr("e.g. State Council notice on the 2027 holidays"))
        box, err = with_error(self.title)
        self.add_error("title", err)
        form.addRow(self.tr("&Title"), box)
        self.complete = QCheckBox(self.tr("This is the whole State Council notice for the year "
                                          "(replaces the estimate)"))
        self.complete.setObjectName("noticeComplete")
        self.complete.setChecked(notice.complete)
        form.addRow("", self.complete)
        layout.addLayout(form)

        self.table = QTableWidget(0, 4)
        self.table.setObjectName("noticeSpans")
        self.table.setHorizontalHeaderLabels(
            [self.tr("From"), self.tr("To"), self.tr("Kind"), self.tr("Name")])
        self.table.horizontalHeader().setSectionResizeMode(COL_NAME,
                                                           QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(True)
        box, err = with_error(self.table)
        self.add_error("spans", err)
        layout.addWidget(box, 1)
        row_buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add dates"))
        self.add_button.setObjectName("addSpan")
        self.remove_button = QPushButton(self.tr("&Remove selected"))
        self.remove_button.setObjectName("removeSpan")
        row_buttons.addWidget(self.add_button)
        row_buttons.addWidget(self.remove_button)
        row_buttons.addStretch(1)
        layout.addLayout(row_buttons)
        layout.addWidget(self.buttons)
        self.add_button.clicked.connect(lambda: self.add_span())
        self.remove_button.clicked.connect(self.remove_selected)
        self._loading = True
        for span in notice.spans:
            self.add_span(span)
        if not notice.spans:
            self.add_span()
        self._loading = False
        self._dirty = False
        self.track(self.year, self.title, self.complete)

    def add_span(self, span: HolidaySpan | None = None) -> None:
        """Append a row (a new one starts on 1 January of the year, a rest day)."""
        first = date(self.year.value(), 1, 1)
        span = span or HolidaySpan(start=first, end=first, kind=DayKind.REST)
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, d in ((COL_START, span.start), (COL_END, span.end)):
            edit = QDateEdit(_qdate(d))
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setCalendarPopup(True)
            self.table.setCellWidget(row, col, edit)
            self.track(edit)
        kind = QComboBox()
        for member in DayKind:
            kind.addItem(member.label, member.value)
        kind.setCurrentIndex(max(kind.findData(span.kind.value), 0))
        self.table.setCellWidget(row, COL_KIND, kind)
        name = QLineEdit(span.name)
        name.setPlaceholderText(self.tr("e.g. Spring Festival"))
        self.table.setCellWidget(row, COL_NAME, name)
        self.track(kind, name)
        self.mark_dirty()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)
        self.mark_dirty()

    def spans(self) -> list[HolidaySpan]:
        """The rows as spans, in table order (the service checks them)."""
        out = []
        for row in range(self.table.rowCount()):
            start = self.table.cellWidget(row, COL_START)
            end = self.table.cellWidget(row, COL_END)
            kind = self.table.cellWidget(row, COL_KIND)
            name = self.table.cellWidget(row, COL_NAME)
            assert isinstance(start, QDateEdit) and isinstance(end, QDateEdit)
            assert isinstance(kind, QComboBox) and isinstance(name, QLineEdit)
            out.append(HolidaySpan(start=start.date().toPython(), end=end.date().toPython(),
                                   kind=DayKind(kind.currentData()), name=name.text().strip()))
        return out

    def show_problems(self, problems: dict[str, list[str]]) -> None:
        # every span problem ("spans.3") is shown under the table, naming its row
        merged: dict[str, list[str]] = {}
        for path, messages in problems.items():
            merged.setdefault("spans" if path.startswith("spans") else path, []).extend(messages)
        super().show_problems(merged)

    def save(self) -> None:
        n = self.notice
        n.year = self.year.value()
        n.title = self.title.text()
        n.complete = self.complete.isChecked()
        n.spans = self.spans()
        self.submit(n)
