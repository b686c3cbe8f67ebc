"""Assign mediators (指派调解员): the ranked suggestions with their reasons in words
(「擅长婚姻家庭、负责该村、当前在办3件」, services/assignment_words.py), best first; the score
behind the order is not shown.

A mediator with a recusal ground (回避事由) is flagged; picking one needs an explicit
reason (for example, both parties agreed to keep them, SIM Art 15).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import ValidationError
from ...domain.models import Case
from ..context import Services
from ..widgets.field_error import FieldError
from .form_dialog import FormDialog

FLAG_BACKGROUND = QColor("#fdecea")


class AssignDialog(FormDialog):
    """Tick one or more mediators; flagged ones need the override reason."""

    COLUMNS = 3
    REASONS_COLUMN, GROUNDS_COLUMN = 1, 2

    def __init__(self, services: Services, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.case = case
        self.setObjectName("action_assign")
        self.setWindowTitle(self.tr("Assign mediators"))
        room = self.screen().availableGeometry()  # 911x512 at 150 % on 1366x768
        self.resize(QSize(760, 480).boundedTo(QSize(room.width() - 16, room.height() - 48)))
        self.worded = services.cases.suggestions_in_words(case.id)
        self.suggestions = [w.suggestion for w in self.worded]
        current = set(case.mediator_ids)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Suggested mediators, best first. Tick the ones to "
                                        "assign.")))
        layout.addWidget(self.general_error)
        self.table = QTableWidget(len(self.suggestions), self.COLUMNS)
        self.table.setObjectName("suggestions")
        self.table.setHorizontalHeaderLabels([self.tr("Mediator"), self.tr("Why suggested"),
                                              self.tr("Recusal grounds")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        for row, worded in enumerate(self.worded):
            s = worded.suggestion
            name = QTableWidgetItem(("⚠ " if s.flagged else "") + s.mediator.name)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsSelectable)
            name.setCheckState(Qt.CheckState.Checked if s.mediator.id in current
                               else Qt.CheckState.Unchecked)
            name.setData(Qt.ItemDataRole.UserRole, s.mediator.id)
            cells = [name, QTableWidgetItem(worded.reasons),
                     QTableWidgetItem("；".join(s.recusal_grounds) or self.tr("None"))]
            for col, item in enumerate(cells):
                if s.flagged:
                    item.setBackground(QBrush(FLAG_BACKGROUND))
                    item.setToolTip("\n".join(s.recusal_grounds))
                self.table.setItem(row, col, item)
        self.table.resizeColumnToContents(0)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table, 1)
        self.mediators_error = self.add_error("mediators", FieldError())
        layout.addWidget(self.mediators_error)
        if not self.suggestions:
            self.mediators_error.show_messages([self.tr(
                "There are no active mediators. Add mediators on the Mediators page first.")])
        self.reason_label = QLabel(self.tr("Reason for assigning despite a recusal ground *"))
        self.override_reason = QPlainTextEdit()
        self.override_reason.setObjectName("override_reason")
        self.override_reason.setTabChangesFocus(True)
        self.override_reason.setPlaceholderText(
            self.tr("e.g. both parties were told and agreed to keep this mediator"))
        self.override_reason.setFixedHeight(70)
        self.reason_error = self.add_error("override_reason", FieldError())
        for w in (self.reason_label, self.override_reason, self.reason_error):
            layout.addWidget(w)
        layout.addWidget(self.buttons)
        self.track(self.override_reason)
        self.table.itemChanged.connect(self._ticked)
        self._ticked()
        QWidget.setTabOrder(self.table, self.override_reason)
        QWidget.setTabOrder(self.override_reason, self.save_button)
        self.table.setFocus()

    def row_of(self, mediator_id: str) -> int:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == mediator_id:
                return row
        raise KeyError(mediator_id)

    def set_checked(self, mediator_id: str, checked: bool = True) -> None:
        self.table.item(self.row_of(mediator_id), 0).setCheckState(
            Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def selected_ids(self) -> list[str]:
        return [self.table.item(r, 0).data(Qt.ItemDataRole.UserRole)
                for r in range(self.table.rowCount())
                if self.table.item(r, 0).checkState() == Qt.CheckState.Checked]

    def flagged_selected(self) -> bool:
        chosen = set(self.selected_ids())
        return any(s.flagged and s.mediator.id in chosen for s in self.suggestions)

    def _ticked(self, *_args: object) -> None:
        flagged = self.flagged_selected()
        for w in (self.reason_label, self.override_reason):
            w.setVisible(flagged)
        if not flagged:
            self.reason_error.clear_messages()
        if _args:
            self.mark_dirty()

    def save(self) -> None:
        reason = self.override_reason.toPlainText().strip() if self.flagged_selected() else ""
        if self.flagged_selected() and not reason:
            raise ValidationError({"override_reason": [self.tr(
                "A ticked mediator has a recusal ground: give the reason for assigning them "
                "(for example, both parties agreed).")]})
        self.services.cases.assign(self.services.actor, self.case.id, self.selected_ids(),
                                   override_reason=reason, expected_version=self.case.version)
