"""The small lists of 我的案件: today's sessions, and cases with their deadline words.

Rows are replaced whole (a list holds at most ``services.my_work.LIST_LIMIT`` rows);
``CaseIdRole`` gives the case to open.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from ...domain.deadlines import DeadlineLevel, DeadlineState
from ...domain.queries import CaseRow
from ...services.my_work import Session
from .. import i18n, labels
from .case_table import DUE_SOON_BG, OVERDUE_BG, CaseIdRole
from .rows_model import RowsModel

Index = QModelIndex | QPersistentModelIndex


class _Rows(RowsModel):
    """A list whose rows each open a case."""

    def case_id(self, row: int) -> str:
        raise NotImplementedError


class SessionsModel(_Rows):
    """Time, case number, place, parties."""

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Time"), self.tr("Case number"), self.tr("Place"), self.tr("Parties"))

    def case_id(self, row: int) -> str:
        return self.rows[row].case.id

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        s: Session = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (s.time, s.case.number, s.place, s.case.party_names)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return s.case.title or s.case.party_names or None
        if role == CaseIdRole:
            return s.case.id
        return None


class WorkCasesModel(_Rows):
    """Case number, deadline (in words) or follow-up date, status, parties; rows are
    (CaseRow, DeadlineState, follow-up due date or None)."""

    def __init__(self, parent=None, *, follow_ups: bool = False) -> None:
        super().__init__(parent)
        self.follow_ups = follow_ups

    def headers(self) -> tuple[str, ...]:
        second = self.tr("Follow-up due") if self.follow_ups else self.tr("Deadline")
        return (self.tr("Case number"), second, self.tr("Status"), self.tr("Parties"))

    def case_id(self, row: int) -> str:
        return self.rows[row][0].id

    def deadline_text(self, state: DeadlineState, row: CaseRow) -> str:
        words = deadline_words(state)
        if words:
            return words
        return i18n.format_date(row.due_on) if row.due_on else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, state, follow_up = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return row.number
            if col == 1:
                if self.follow_ups:
                    return i18n.format_date(follow_up)
                return self.deadline_text(state, row)
            if col == 2:
                return labels.label(row.status)
            return row.party_names
        if role == Qt.ItemDataRole.BackgroundRole and not self.follow_ups:
            if state.level is DeadlineLevel.OVERDUE:
                return QBrush(OVERDUE_BG)
            if state.level is DeadlineLevel.DUE_SOON:
                return QBrush(DUE_SOON_BG)
            return None
        if role == Qt.ItemDataRole.ToolTipRole and col in (0, 3):
            return row.title or row.party_names or None
        if role == CaseIdRole:
            return row.id
        return None


def deadline_words(state: DeadlineState) -> str:
    """The case list's words for a deadline (its translations: context CaseTableModel)."""
    if state.level is DeadlineLevel.OVERDUE:
        return QCoreApplication.translate("CaseTableModel", "⚠ Overdue {0} d").format(
            -(state.days_left or 0))
    if state.level is DeadlineLevel.DUE_SOON:
        if state.days_left == 0:
            return QCoreApplication.translate("CaseTableModel", "◔ Due today")
        return QCoreApplication.translate("CaseTableModel", "◔ {0} d left").format(state.days_left)
    if state.level is DeadlineLevel.OK and state.days_left is not None:
        return QCoreApplication.translate("CaseTableModel", "{0} d left").format(state.days_left)
    return ""
