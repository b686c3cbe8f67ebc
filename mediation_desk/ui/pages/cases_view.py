"""Widgets of the case list page (layout only; behaviour is in cases_page.py)."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import CaseFlag, CaseSource, CaseStatus, DisputeType
from .. import labels
from ..widgets.date_field import DateField

NO_DATE = QDate(2000, 1, 1)


def _combo(placeholder: str, items: list[tuple[str, object]]) -> QComboBox:
    """A filter: as wide as the row allows, down to a few characters on a small screen
    (the open list still shows every choice whole)."""
    box = QComboBox()
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(6)
    box.addItem(placeholder, None)
    for text, value in items:
        box.addItem(text, value)
    return box


def date_edit(placeholder: str) -> DateField:
    """A date field whose minimum means 'not set' (shows ``placeholder``); Tab leaves it."""
    edit = DateField()
    edit.setCalendarPopup(True)
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(placeholder)
    edit.setDate(NO_DATE)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class CasesPageView(QWidget):
    """The search box, filter row, count line and a slot for the table."""

    def build(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("caseSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search names, case numbers, villages… (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search cases"))
        self.status = _combo(self.tr("All statuses"),
                             [(self.tr("Open cases"), "open")]
                             + [(text, m) for m, text in labels.choices(CaseStatus)])
        self.deadline = _combo(self.tr("Any deadline"), [(self.tr("Overdue"), "overdue"),
                                                          (self.tr("Due soon"), "due_soon")])
        self.dispute_type = _combo(self.tr("All dispute types"),
                                   [(t, m) for m, t in labels.choices(DisputeType)])
        self.source = _combo(self.tr("All sources"),
                             [(t, m) for m, t in labels.choices(CaseSource)])
        self.mediator = _combo(self.tr("All mediators"), [])
        self.flag = _combo(self.tr("Any flag"), [(t, m) for m, t in labels.choices(CaseFlag)])
        self.received_from = date_edit(self.tr("Received from"))
        self.received_to = date_edit(self.tr("Received to"))
        self.center = _combo(self.tr("All centers"), [])  # shown on a court liaison desk
        self.center.setObjectName("centerFilter")
        self.center.setAccessibleName(self.tr("Center"))
        self.center.setVisible(False)
        self.clear = QPushButton(self.tr("Clear filters"))
        self.new_case = QPushButton(self.tr("New case (Ctrl+N)"))
        self.count = QLabel()
        self.count.setObjectName("caseCount")

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.center)
        top.addWidget(self.new_case)
        grid = QGridLayout()
        row = [(self.tr("Status"), self.status), (self.tr("Deadline"), self.deadline),
               (self.tr("Type"), self.dispute_type), (self.tr("Source"), self.source)]
        row2 = [(self.tr("Mediator"), self.mediator), (self.tr("Flag"), self.flag),
                (self.tr("From"), self.received_from), (self.tr("To"), self.received_to)]
        for r, items in enumerate((row, row2)):
            for c, (text, widget) in enumerate(items):
                label = QLabel(text)
                label.setBuddy(widget)
                grid.addWidget(label, r, 2 * c)
                grid.addWidget(widget, r, 2 * c + 1)
        grid.addWidget(self.clear, 1, 8)
        for c in range(4):
            grid.setColumnStretch(2 * c + 1, 1)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(top)
        self.layout_.addLayout(grid)
        self.layout_.addWidget(self.count)

    def add_table(self, table: QWidget) -> None:
        self.layout_.addWidget(table, 1)
        self.set_tab_order(table)

    def set_tab_order(self, table: QWidget, *buttons: QWidget) -> None:
        """The results right after the search box (Tab, Down or Enter go from the search
        into the results, Shift+Tab or Esc back), then 登记新案件 and ``buttons`` (the
        ledger's, beside it), the filters in reading order, 清除筛选 (docs/keyboard.md)."""
        order = [self.search, table, self.new_case, *buttons, self.center, self.status,
                 self.deadline, self.dispute_type, self.source, self.mediator, self.flag,
                 self.received_from, self.received_to, self.clear]
        for a, b in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(a, b)
