"""以案定补补贴发放表: pick a month, see each mediator's cases and amount, save PDF or XLSX.

Opened from the settings page's 以案定补 box; the 统计 page can open it too, for the month
it shows: ``SubsidySheetDialog(services, month=period, parent=self).open()``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.statistics import ReportPeriod
from ...domain.subsidy import SubsidySheet
from .. import errors
from ..context import Services
from ..widgets.field_error import FieldError


def previous_month(today: date) -> ReportPeriod:
    """The month a sheet is usually made for: the one before ``today``'s."""
    return ReportPeriod.month(today.year, today.month).previous()


class SubsidySheetDialog(QDialog):
    """The month's lines as a preview; Save as PDF / XLSX writes the file (audited)."""

    def __init__(self, services: Services, *, month: ReportPeriod | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.sheet: SubsidySheet | None = None
        self.setWindowTitle(self.tr("Per-case subsidy sheet"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        start = (month or previous_month(services.today())).start
        self.month = QDateEdit(QDate(start.year, start.month, 1))
        self.month.setObjectName("subsidyMonth")
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setCalendarPopup(True)
        form.addRow(self.tr("&Month"), self.month)
        layout.addLayout(form)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("subsidyLines")
        self.table.setHorizontalHeaderLabels([self.tr("Mediator"), self.tr("Cases closed"),
                                              self.tr("Cases paid"), self.tr("Amount (yuan)")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        self.total = QLabel()
        self.total.setObjectName("subsidyTotal")
        self.total.setWordWrap(True)
        layout.addWidget(self.total)
        self.error = FieldError(self)
        self.error.setObjectName("subsidyError")
        layout.addWidget(self.error)
        self.status = QLabel()
        self.status.setObjectName("subsidyStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.pdf_button = QPushButton(self.tr("Save as &PDF…"))
        self.pdf_button.setObjectName("savePdf")
        self.xlsx_button = QPushButton(self.tr("Save as &XLSX…"))
        self.xlsx_button.setObjectName("saveXlsx")
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.xlsx_button, QDialogButtonBox.ButtonRole.ActionRole)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.pdf_button.clicked.connect(lambda: self.choose_and_write("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.choose_and_write("xlsx"))
        self.month.dateChanged.connect(lambda _d: self.refresh())
        self.refresh()

    def period(self) -> ReportPeriod:
        d = self.month.date()
        return ReportPeriod.month(d.year(), d.month())

    def refresh(self) -> None:
        """Compute the chosen month's sheet and show its lines."""
        from ...services.subsidy import SubsidyService

        period = self.period()
        self.error.clear_messages()
        self.status.clear()
        try:
            self.sheet = self.services.read(
                lambda s: SubsidyService(s.reader_store).subsidy_sheet(period))
        except DomainError as exc:
            self.sheet = None
            self.table.setRowCount(0)
            self.total.clear()
            self.error.show_messages([exc.message])
            self.pdf_button.setEnabled(False)
            self.xlsx_button.setEnabled(False)
            return
        sheet = self.sheet
        self.table.setRowCount(len(sheet.lines))
        for row, line in enumerate(sheet.lines):
            for col, text in enumerate((line.mediator_name, str(line.count),
                                        str(line.paid_count), f"{line.total:,.2f}")):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.total.setText(self.tr("%1: %2 case(s) closed, total %3 yuan (%4)")
                           .replace("%1", sheet.title).replace("%2", str(len(sheet.case_ids)))
                           .replace("%3", f"{sheet.total:,.2f}")
                           .replace("%4", sheet.total_capital))
        if not sheet.rates.rules:
            self.error.show_messages([self.tr(
                "No subsidy rates are set: every case shows 0. Set the rates first.")])
        self.pdf_button.setEnabled(True)
        self.xlsx_button.setEnabled(True)

    def choose_and_write(self, fmt: str) -> bool:
        title = self.sheet.title if self.sheet else self.tr("Subsidy sheet")
        name = f"{title}.{fmt}"
        filters = {"pdf": self.tr("PDF files (*.pdf)"), "xlsx": self.tr("Excel files (*.xlsx)")}
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save subsidy sheet"), name,
                                              filters[fmt])
        return bool(path) and self.write(fmt, Path(path))

    def write(self, fmt: str, path: Path) -> bool:
        """Write the chosen month's sheet to ``path`` (audited); False with the reason shown."""
        from ...services.subsidy import SubsidyService

        period, actor = self.period(), self.services.actor
        try:
            written = self.services.run(
                lambda s: SubsidyService(s.store).write(actor, period, fmt, path))
        except DomainError as exc:
            self.error.show_messages([exc.message])
            return False
        except Exception as exc:  # noqa: BLE001 - shown, never raised into Qt
            errors.report(exc, self)
            return False
        self.status.setText(self.tr("Saved %1.").replace("%1", str(written.path)))
        return True
