"""调解员 Mediator roster: add, edit, deactivate; specialties, villages, relations, workload."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.models import Mediator
from .. import errors, labels
from ..context import Services
from ..dialogs.mediator_dialog import MediatorDialog
from ..permits import guard


class RosterModel(QAbstractTableModel):
    """Mediators with their open workload (a small table, loaded whole)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[Mediator, int]] = []

    def set_rows(self, rows: list[tuple[Mediator, int]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Name"), self.tr("Status"), self.tr("Open cases"),
                    self.tr("Specialties"), self.tr("Villages"), self.tr("Declared relations"),
                    self.tr("Employment"))[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        m, load = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (m.name,
                    self.tr("Active") if m.active else self.tr("Inactive"),
                    load,
                    "、".join(labels.label(s) for s in m.specialties),
                    "、".join(m.villages),
                    "、".join(f"{r.person_name}（{labels.label(r.kind)}）" for r in m.relations),
                    self.tr("Full-time") if m.full_time else self.tr("Part-time"))[col]
        if role == Qt.ItemDataRole.ForegroundRole and not m.active:
            from PySide6.QtGui import QColor

            return QColor("#6c757d")
        if role == Qt.ItemDataRole.UserRole:
            return m.id
        return None


class MediatorsPage(QWidget):
    """The roster with its buttons."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.model = RosterModel(self)
        self.table = QTableView()
        self.table.setObjectName("roster")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add = QPushButton(self.tr("&Add mediator"))
        self.edit = QPushButton(self.tr("&Edit"))
        self.toggle = QPushButton(self.tr("&Deactivate"))
        self.add.clicked.connect(self.add_mediator)
        self.edit.clicked.connect(self.edit_mediator)
        self.toggle.clicked.connect(self.toggle_active)
        self.table.activated.connect(lambda _i: self.edit_mediator())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        buttons = QHBoxLayout()
        for b in (self.add, self.edit, self.toggle):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Mediators"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        title.setFont(font)
        layout.addWidget(title)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self._update_buttons()
        guard(services, "add_mediator", self.add)
        guard(services, "update_mediator", self.edit, self.toggle, hide=True)

    def refresh(self) -> None:
        current = self.current()
        self.model.set_rows(self.services.mediators.roster(include_inactive=True))
        if current is not None:
            self.select(current.id)
        self._update_buttons()

    def select(self, mediator_id: str) -> None:
        for row, (m, _) in enumerate(self.model.rows):
            if m.id == mediator_id:
                self.table.selectRow(row)
                self.table.setCurrentIndex(self.model.index(row, 0))
                return

    def current(self) -> Mediator | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()][0] if index.isValid() else None

    def _update_buttons(self) -> None:
        m = self.current()
        self.edit.setEnabled(m is not None)
        self.toggle.setEnabled(m is not None)
        self.toggle.setText(self.tr("&Activate") if m is not None and not m.active
                            else self.tr("&Deactivate"))

    def add_mediator(self) -> None:
        self._run_dialog(MediatorDialog(self.services, None, self))

    def edit_mediator(self) -> None:
        m = self.current()
        if m is not None:
            self._run_dialog(MediatorDialog(self.services, m, self))

    def _run_dialog(self, dialog: MediatorDialog) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.refresh()
            self.select(dialog.saved.id)
            self.services.data_changed()

    def toggle_active(self) -> None:
        m = self.current()
        if m is None:
            return
        try:
            self.services.mediators.set_active(self.services.actor, m.id, not m.active)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            errors.report(exc, self)
            return
        self.refresh()
        self.services.data_changed()
