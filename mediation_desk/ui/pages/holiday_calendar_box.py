"""节假日安排 on the settings page: which years are official, estimated or entered here."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import YearSource
from ...domain.errors import DomainError
from ...domain.models import HolidayNotice
from ...services import calendar as calendar_service
from .. import errors
from ..context import Services
from ..dialogs.holiday_notice_dialog import HolidayNoticeDialog

ESTIMATED_BG = QColor("#fff3cd")


class HolidayCalendarBox(QGroupBox):
    """The year list with import, edit and delete; every change is audited by the service."""

    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Holiday calendar"), parent)
        self.services = services
        self.setObjectName("holidayCalendar")
        layout = QVBoxLayout(self)
        explain = QLabel(self.tr(
            "Deadlines roll over weekends and public holidays. A year without official data "
            "or an entered State Council notice is estimated from the statutory holidays "
            "(with make-up days); its bridge days and working weekends are unknown."))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("holidayYears")
        self.table.setHorizontalHeaderLabels([self.tr("Year"), self.tr("Source"),
                                              self.tr("Notice")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.import_button = QPushButton(self.tr("&Import notice file…"))
        self.import_button.setObjectName("importNotice")
        self.edit_button = QPushButton(self.tr("&Enter or edit…"))
        self.edit_button.setObjectName("editNotice")
        self.delete_button = QPushButton(self.tr("&Delete entry"))
        self.delete_button.setObjectName("deleteNotice")
        for b in (self.import_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = QLabel()
        self.status.setObjectName("holidayStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.import_button.clicked.connect(self.import_file)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)

    # -- reading --------------------------------------------------------------------------
    def years(self) -> range:
        today = self.services.today()
        return range(today.year - 1, today.year + 3)

    def load(self) -> None:
        """Fill the year list from the database."""
        span = self.years()

        def overview(s):
            known = {n.year for n in calendar_service.notices(s.store)}
            years = sorted(set(span) | {y for y in known if y >= span.start - 5})
            return years, calendar_service.year_overview(s.store, range(years[0], years[-1] + 1))

        years, rows = self.services.run(overview)
        rows = [r for r in rows if r.year in years]
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            label = r.source.label
            if r.source is YearSource.ESTIMATED:
                label = self.tr("Estimated: check the State Council notice")
            cells = (str(r.year), label, r.title)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.year)
                if r.source is YearSource.ESTIMATED:
                    item.setBackground(QBrush(ESTIMATED_BG))
                    item.setToolTip(self.tr("Holiday arrangement estimated"))
                self.table.setItem(i, col, item)

    def selected_year(self) -> int | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _own_notice(self, year: int) -> HolidayNotice | None:
        own = self.services.run(lambda s: [n for n in calendar_service.notices(s.store, year)
                                           if n.origin == s.store.origin_code()])
        own.sort(key=lambda n: (n.complete, n.updated_at), reverse=True)
        return own[0] if own else None

    # -- changing -------------------------------------------------------------------------
    def _after_change(self, change: calendar_service.CalendarChange, verb: str) -> None:
        self.services.calendar_changed()
        self.load()
        moved = len(change.moved)
        text = self.tr("%1: %2 holiday arrangement.").replace("%1", verb).replace(
            "%2", str(change.notice.year))
        if moved:
            text += " " + self.tr("Deadlines of %n case(s) were recomputed.", "", moved)
        self.status.setText(text)
        self.changed.emit()

    def edit_selected(self) -> HolidayNoticeDialog | None:
        """Open the editor for the selected year (this desk's notice, or a new one)."""
        year = self.selected_year() or self.services.today().year + 1
        notice = self._own_notice(year) or HolidayNotice(
            year=year, title=self.tr("State Council notice on the %1 holidays").replace(
                "%1", str(year)))
        services = self.services
        dialog = HolidayNoticeDialog(
            notice, lambda n: self._after_change(
                services.run(lambda s: calendar_service.save_notice(s.store, services.actor, n)),
                self.tr("Saved")), parent=self)
        dialog.setModal(True)
        dialog.open()
        return dialog

    def import_file(self, path: str | None = None) -> bool:
        """Import a notice file (asks for it when ``path`` is None)."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Import holiday notice"), "",
                self.tr("Text files (*.txt);;All files (*)"))
            if not path:
                return False
        try:
            change = self.services.run(lambda s: calendar_service.import_notice_file(
                s.store, self.services.actor, path))
        except DomainError as exc:
            errors.report(exc, self)
            return False
        self._after_change(change, self.tr("Imported"))
        return True

    def delete_selected(self, *, ask: bool = True) -> bool:
        year = self.selected_year()
        notice = self._own_notice(year) if year is not None else None
        if notice is None:
            self.status.setText(self.tr("Nothing entered at this desk for that year."))
            return False
        if ask and QMessageBox.question(
                self, self.tr("Delete entry"),
                self.tr("Delete the holiday arrangement entered for %1? Its deadlines will "
                        "be recomputed.").replace("%1", str(year))) \
                != QMessageBox.StandardButton.Yes:
            return False
        try:
            change = self.services.run(lambda s: calendar_service.delete_notice(
                s.store, self.services.actor, notice.id))
        except DomainError as exc:
            errors.report(exc, self)
            return False
        self._after_change(change, self.tr("Deleted"))
        return True
