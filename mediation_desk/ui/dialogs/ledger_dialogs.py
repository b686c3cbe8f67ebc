"""台账 out of the case list: 导出台账 (XLSX of the list's filter, chosen columns) and
打印台账 (QPrinter, A4 landscape, through a print preview).

Both take the case list's current filter and order (``CasesPage.current_filter()`` and
``sort_spec()``). The export runs on the database thread behind a progress dialog
(:func:`..tasks.run_with_progress`); what is written, and the audit of a reveal, is the
service's (``services/ledger.py``). The printed list always masks ID and phone numbers.
The import is :mod:`.ledger_import_dialog`.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.ledger_columns import DEFAULT_EXPORT, OPTIONAL, STANDARD
from ...domain.queries import CaseFilter, CaseSort
from .. import errors
from ..context import Services
from ..widgets.field_error import FieldError

PRINT_LIMIT = 2000
"""Cases a printed list holds at most (more: export the ledger and print it from Excel)."""


def filter_words(services: Services, flt: CaseFilter) -> str:
    """The list's filter as the ledger's second line says it."""
    from ...services.ledger import describe_filter

    def words(s: Any) -> str:
        store = s.reader_store
        mediators = {m.id: m.name for m in store.directory.mediators()}
        centers = {c.id: c.name for c in store.directory.centers()}
        return describe_filter(flt, mediators, centers)

    return str(services.read(words))


class LedgerExportDialog(QDialog):
    """导出台账: the list's filter, how many cases, which columns; 导出… writes the XLSX."""

    def __init__(self, services: Services, flt: CaseFilter, sort: CaseSort,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.flt, self.sort = services, flt, sort
        self.setObjectName("ledgerExportDialog")
        self.setWindowTitle(self.tr("Export ledger"))
        self.written: Path | None = None
        count = services.read_cases.count(flt)
        self.summary = QLabel(self.tr("Cases: {0}. {1}").format(
            count, filter_words(services, flt)))
        self.summary.setObjectName("ledgerSummary")
        self.summary.setWordWrap(True)
        box = QGroupBox(self.tr("Columns"))
        grid = QGridLayout(box)
        self.checks: dict[str, QCheckBox] = {}
        for n, col in enumerate((*STANDARD, *OPTIONAL)):
            check = QCheckBox(col.title)
            check.setObjectName(f"column_{col.key}")
            check.setChecked(col.key in DEFAULT_EXPORT)
            self.checks[col.key] = check
            grid.addWidget(check, n // 4, n % 4)
        self.note = QLabel(self.tr(
            "ID and phone numbers are written in full only for the cases whose numbers "
            "your account may see; such an export is recorded in the audit log. The others "
            "are masked."))
        self.note.setWordWrap(True)
        self.error = FieldError(self)
        self.error.setObjectName("ledgerExportError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(self.tr("&Export…"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("ledgerExport")
        self.export_button.setEnabled(count > 0)
        self.export_button.clicked.connect(self.choose_and_export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(box)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def columns(self) -> list[str]:
        return [k for k, c in self.checks.items() if c.isChecked()]

    def default_name(self) -> str:
        today = self.services.today().isoformat()
        return self.tr("Ledger {0}.xlsx").format(today)

    def choose_and_export(self) -> None:
        from ..pages.documents_tab import save_folder

        folder = save_folder()
        name = self.default_name()
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save ledger"), str(folder / name) if folder else name,
            self.tr("Excel files (*.xlsx)"))
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the ledger to ``path`` behind a progress dialog; close when written."""
        from ...services.ledger import LedgerService
        from ..tasks import run_with_progress

        columns = self.columns()
        if not columns:
            self.error.show_messages([self.tr("Choose at least one column.")])
            return
        self.error.clear_messages()
        flt, sort, actor = self.flt, self.sort, self.services.actor

        def work(progress: Any) -> Any:
            return self.services.run(lambda s: LedgerService(s.store, s.cases).export(
                actor, flt, path, sort=sort, columns=columns,
                progress=lambda d, t: progress.report(d, t)))

        self.export_button.setEnabled(False)
        run_with_progress(self.services.tasks, self, self.tr("Exporting ledger…"), work,
                          self._done, self._failed)

    def _done(self, result: Any) -> None:
        self.written = result.path
        self.export_button.setEnabled(True)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Ledger exported"),
                          self.tr("{0} case(s) written to\n{1}").format(result.count,
                                                                       result.path),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("ledgerExported")
        box.open()
        box.finished.connect(lambda _r: self.accept())

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        if isinstance(exc, DomainError):
            self.error.show_messages([exc.message])
            return
        errors.report(exc, self)


# --- printing -------------------------------------------------------------------------------
PRINT_COLUMNS = ("seq", "number", "received_on", "source", "dispute_type", "parties",
                 "amount", "mediators", "status", "due_on", "outcome", "agreement_amount",
                 "jc", "follow_up")


def ledger_html(title: str, note: str, headers: list[str], rows: list[list[Any]]) -> str:
    """The printed list: the title, the filter line, the table (its header on every page)."""
    def cell(v: Any) -> str:
        if v is None:
            return ""
        if hasattr(v, "isoformat"):
            return str(v.isoformat())
        if isinstance(v, float) or type(v).__name__ == "Decimal":
            return f"{v:,.2f}"
        return html.escape(str(v))

    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in r) + "</tr>" for r in rows)
    return (f"<h2 align='center'>{html.escape(title)}</h2><p>{html.escape(note)}</p>"
            "<table border='1' cellspacing='0' cellpadding='2' width='100%' "
            "style='border-collapse: collapse; font-size: 8pt;'>"
            f"<thead><tr style='background: #dde4ee;'>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


def ledger_document(services: Services, flt: CaseFilter, sort: CaseSort) -> QTextDocument:
    """The list as a document to print (masked numbers; at most :data:`PRINT_LIMIT` rows)."""
    from ...domain.ledger_columns import COLUMNS
    from ...services.ledger import LedgerService, describe_filter

    def build(s: Any) -> tuple[str, str, list[list[Any]], int]:
        svc = LedgerService(s.reader_store, s.read_cases)
        cols = [COLUMNS[k] for k in PRINT_COLUMNS]
        total = svc.cases.count(flt)
        rows = []
        for row in svc.lines(flt, sort, cols, mask=True):
            rows.append(row)
            if len(rows) >= PRINT_LIMIT:
                break
        store = s.reader_store
        words = describe_filter(flt, {m.id: m.name for m in store.directory.mediators()},
                                {c.id: c.name for c in store.directory.centers()})
        return svc.title(), f"{words}；共{total}件", rows, total

    title, note, rows, total = services.read(build)
    if total > len(rows):
        note += QCoreApplication.translate(
            "LedgerPrint", "; the first {0} printed (export the ledger for the rest)"
        ).format(len(rows))
    doc = QTextDocument()
    doc.setDefaultFont(doc.defaultFont())
    doc.setHtml(ledger_html(title, note, [COLUMNS[k].title for k in PRINT_COLUMNS], rows))
    return doc


def a4_landscape_printer() -> Any:
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                      QPageLayout.Orientation.Landscape,
                                      QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter))
    return printer


def print_list(services: Services, flt: CaseFilter, sort: CaseSort,
               parent: QWidget | None = None, *, preview: bool = True) -> QTextDocument:
    """打印台账: the list in a print preview on A4 landscape (``preview=False``: build only)."""
    doc = ledger_document(services, flt, sort)
    if preview:
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        printer = a4_landscape_printer()
        printer.setDocName(QCoreApplication.translate("LedgerPrint", "Ledger"))
        dialog = QPrintPreviewDialog(printer, parent)
        dialog.setObjectName("ledgerPrintPreview")
        dialog.setWindowTitle(QCoreApplication.translate("LedgerPrint", "Print ledger"))
        dialog.paintRequested.connect(doc.print_)
        dialog.setWindowState(dialog.windowState() | Qt.WindowState.WindowMaximized)
        dialog.exec()
    return doc


# --- the case list's buttons ----------------------------------------------------------------
def add_ledger_buttons(page: Any) -> None:
    """导出台账, 打印, 导入台账 on the case list (``CasesPage``), beside 登记案件: they act
    on the list's current filter and order."""
    from PySide6.QtWidgets import QPushButton

    from ..permits import guard
    from .ledger_import_dialog import LedgerImportDialog

    services: Services = page.services
    export = QPushButton(QCoreApplication.translate("LedgerButtons", "Export ledger…"))
    export.setObjectName("ledgerExportButton")
    export.setToolTip(QCoreApplication.translate(
        "LedgerButtons", "The cases listed, as an Excel ledger (台账)"))
    printing = QPushButton(QCoreApplication.translate("LedgerButtons", "Print list…"))
    printing.setObjectName("ledgerPrintButton")
    importing = QPushButton(QCoreApplication.translate("LedgerButtons", "Import ledger…"))
    importing.setObjectName("ledgerImportButton")
    importing.setToolTip(QCoreApplication.translate(
        "LedgerButtons", "Bring in the cases of an Excel ledger (台账)"))
    guard(services, "register_cases", importing)
    top = page.layout_.itemAt(0).layout()
    at = top.indexOf(page.new_case) + 1
    for n, button in enumerate((export, printing, importing)):
        button.setAutoDefault(False)
        top.insertWidget(at + n, button)
    page.ledger_buttons = (export, printing, importing)

    def open_export() -> None:
        LedgerExportDialog(services, page.current_filter(), page.sort_spec(), page).exec()

    def open_print() -> None:
        print_list(services, page.current_filter(), page.sort_spec(), page)

    def open_import() -> None:
        dialog = LedgerImportDialog(services, page)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            page.refresh()

    export.clicked.connect(open_export)
    printing.clicked.connect(open_print)
    importing.clicked.connect(open_import)
    QWidget.setTabOrder(page.new_case, export)
    QWidget.setTabOrder(export, printing)
    QWidget.setTabOrder(printing, importing)
    QWidget.setTabOrder(importing, page.status)
