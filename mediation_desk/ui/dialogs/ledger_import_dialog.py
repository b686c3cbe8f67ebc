"""导入台账: choose an XLSX → the column mapping (guessed, editable) → every row previewed
with its errors in Chinese → 确认导入 (one operation; nothing is written before).

The file is read and each plan made on the database thread (``services/ledger_import.py``);
a changed mapping plans again. 确认导入 is enabled only when no row has an error and some
row is new; the service plans once more inside the write, so what is written is what the
database holds then.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.ledger_columns import COLUMNS, IGNORE
from .. import errors
from ..context import Services
from ..widgets.field_error import FieldError

ERROR_BRUSH = QBrush(QColor("#fbe3e1"))
WARNING_BRUSH = QBrush(QColor("#fff4d6"))
MAX_FILE = 64 * 1024 * 1024
PREVIEW_COLUMNS = ("row", "result", "problems", "number", "received_on", "dispute_type",
                   "status", "parties")
"""The preview's columns: the row's errors right after its result, where the eye goes."""
NOTES_COLUMN = PREVIEW_COLUMNS.index("problems")


class LedgerImportDialog(QDialog):
    """The three steps of a ledger import in one window."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("ledgerImportDialog")
        self.setWindowTitle(self.tr("Import ledger"))
        self.sheet: Any = None
        self.plan: Any = None
        self.file_name = ""
        self.imported: list[Any] = []

        self.choose = QPushButton(self.tr("&Choose file…"))
        self.choose.setObjectName("ledgerChoose")
        self.choose.clicked.connect(self.choose_file)
        self.file_label = QLabel(self.tr("No file chosen. Choose the XLSX of a ledger "
                                         "(台账) kept in Excel or WPS."))
        self.file_label.setObjectName("ledgerFile")
        self.file_label.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.choose)
        top.addWidget(self.file_label, 1)

        self.mapping = QTableWidget(0, 3)
        self.mapping.setObjectName("ledgerMapping")
        self.mapping.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("Imported as"), self.tr("Example")])
        self.mapping.verticalHeader().setVisible(False)
        self.mapping.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch)
        self.mapping.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.mapping.setAccessibleName(self.tr("Column mapping"))

        self.preview = QTableWidget(0, len(PREVIEW_COLUMNS))
        self.preview.setObjectName("ledgerPreview")
        self.preview.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Result"), self.tr("Errors and notes"),
             self.tr("Case number"), self.tr("Received"), self.tr("Dispute type"),
             self.tr("Status"), self.tr("Parties")])
        self.preview.verticalHeader().setVisible(False)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setWordWrap(True)
        header = self.preview.horizontalHeader()
        header.setStretchLastSection(True)
        self.preview.setAccessibleName(self.tr("Rows to import"))

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel(self.tr("1. Columns (change a guess if it is wrong)")))
        lv.addWidget(self.mapping, 1)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        self.counts = QLabel()
        self.counts.setObjectName("ledgerCounts")
        rv.addWidget(QLabel(self.tr("2. Every row, as it would be imported")))
        rv.addWidget(self.preview, 1)
        rv.addWidget(self.counts)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(left)
        self.split.addWidget(right)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 5)

        self.notes = FieldError(self, warning=True)
        self.notes.setObjectName("ledgerNotes")
        self.error = FieldError(self)
        self.error.setObjectName("ledgerError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm = self.buttons.addButton(self.tr("Confirm &import"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.setObjectName("ledgerConfirm")
        self.confirm.setEnabled(False)
        self.confirm.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.split, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._fit_screen()

    def _fit_screen(self) -> None:
        screen = self.screen().availableGeometry()
        width = min(1180, screen.width() - 40)
        height = min(660, screen.height() - 60)
        self.resize(width, height)

    # -- step 1: the file ------------------------------------------------------------------
    def choose_file(self) -> None:
        from ..pages.documents_tab import save_folder

        folder = save_folder()
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a ledger"), str(folder) if folder else "",
            self.tr("Excel files (*.xlsx);;All files (*)"))
        if path:
            self.load_file(Path(path))

    def _background(self, title: str, fn: Callable[[], Any],
                    done: Callable[[Any], None],
                    failed: Callable[[DomainError], None] | None = None) -> None:
        """Run ``fn`` on the database thread behind a progress dialog (a big ledger takes
        seconds to read and check); a user-facing error is shown beside the buttons."""
        from ..tasks import run_with_progress

        def on_error(exc: BaseException) -> None:
            if isinstance(exc, DomainError):
                self.error.show_messages([exc.message])
                if failed is not None:
                    failed(exc)
                return
            errors.report(exc, self)

        run_with_progress(self.services.tasks, self, title, lambda _p: fn(), done, on_error,
                          cancellable=False)

    def load_file(self, path: Path) -> None:
        """Read ``path`` (on the database thread), then show its mapping and preview; a file
        that is no ledger leaves the dialog empty with the reason shown."""
        from ...services.files import read_input_file
        from ...services.ledger_import import read_ledger_file

        self.error.clear_messages()

        def read() -> Any:
            return read_ledger_file(
                read_input_file(str(path), limit=MAX_FILE, what="台账文件"), path.name)

        def refused(_exc: DomainError) -> None:
            self._clear()
            self.file_label.setText(str(path))

        self._background(self.tr("Reading the ledger…"), read,
                         lambda sheet: self._loaded(path, sheet), refused)

    def _loaded(self, path: Path, sheet: Any) -> None:
        from ...domain.ledger_columns import guess_mapping

        self.sheet, self.file_name = sheet, path.name
        self.file_label.setText(self.tr("{0}: sheet “{1}”, header on row {2}, {3} row(s)")
                                .format(path.name, sheet.name, sheet.header_row,
                                        len(sheet.rows)))
        self._fill_mapping(guess_mapping(sheet.headers))
        self.replan()

    def _clear(self) -> None:
        self.sheet = self.plan = None
        self.mapping.setRowCount(0)
        self.preview.setRowCount(0)
        self.counts.clear()
        self.notes.clear_messages()
        self.confirm.setEnabled(False)

    def _fill_mapping(self, mapping: list[str]) -> None:
        sheet = self.sheet
        self.mapping.setRowCount(len(sheet.headers))
        for i, header in enumerate(sheet.headers):
            item = QTableWidgetItem(header or self.tr("(empty)"))
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.mapping.setItem(i, 0, item)
            combo = QComboBox()
            combo.setObjectName(f"map_{i}")
            combo.addItem(self.tr("(ignore)"), IGNORE)
            for key, col in COLUMNS.items():
                if key != "seq":
                    combo.addItem(col.title, key)
            combo.setCurrentIndex(max(combo.findData(mapping[i]), 0))
            combo.currentIndexChanged.connect(lambda _i: self.replan())
            self.mapping.setCellWidget(i, 1, combo)
            first = next((r[i] for _n, r in sheet.rows if i < len(r) and r[i] is not None),
                         None)
            sample = QTableWidgetItem("" if first is None else _shown(first))
            sample.setFlags(sample.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.mapping.setItem(i, 2, sample)
        self.mapping.resizeColumnToContents(0)
        self.mapping.setColumnWidth(1, 130)

    def current_mapping(self) -> list[str]:
        out = []
        for i in range(self.mapping.rowCount()):
            combo = self.mapping.cellWidget(i, 1)
            assert isinstance(combo, QComboBox)
            out.append(str(combo.currentData() or IGNORE))
        return out

    def set_field(self, column: int, key: str) -> None:
        """Map the file's ``column`` (0-based) to the field ``key`` ('' to ignore it)."""
        combo = self.mapping.cellWidget(column, 1)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(key))

    # -- step 2: the preview ---------------------------------------------------------------
    def replan(self) -> None:
        from ...services.ledger_import import LedgerImport

        if self.sheet is None:
            return
        sheet, mapping, name = self.sheet, self.current_mapping(), self.file_name
        self.confirm.setEnabled(False)

        def plan() -> Any:
            return self.services.read(
                lambda s: LedgerImport(s.reader_store).plan(sheet, mapping, file_name=name))

        def show(result: Any) -> None:
            self.plan = result
            self._show_plan()

        self._background(self.tr("Checking every row…"), plan, show)

    def _show_plan(self) -> None:
        from ...services.ledger_import import ERROR, NEW, ROW_LABELS

        plan = self.plan
        self.preview.setRowCount(len(plan.rows))
        for n, r in enumerate(plan.rows):
            received = r.case.received_on.isoformat() if r.case is not None else _shown(
                r.values.get("received_on"))
            notes = "\n".join(_without_row(m, r.row) for m in (*r.errors, *r.warnings))
            case = r.case
            kind = case.dispute_type.label if case is not None else _shown(
                r.values.get("dispute_type"))
            status = case.status.label if case is not None else _shown(r.values.get("status"))
            values = (str(r.row), ROW_LABELS[r.kind], notes,
                      r.number or self.tr("(new number)"), received, kind, status, r.summary)
            brush = ERROR_BRUSH if r.kind == ERROR else WARNING_BRUSH if r.warnings else None
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if brush is not None:
                    item.setBackground(brush)
                if c == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.preview.setItem(n, c, item)
        self.preview.resizeColumnsToContents()
        # the errors get a readable width (wrapped within it); the parties take the rest
        room = self.preview.viewport().width()
        self.preview.setColumnWidth(NOTES_COLUMN, max(240, min(440, room * 2 // 5)))
        self.preview.resizeRowsToContents()
        counts = plan.counts()
        self.counts.setText(self.tr(
            "New: {0}. Already here: {1} (of which {2} differ; they are not changed). "
            "Rows with errors: {3}.").format(counts["new"], counts["same"] + counts["differs"],
                                             counts["differs"], counts["error"]))
        messages = list(plan.problems)
        self.notes.show_messages(plan.notes)
        if counts["error"]:
            messages.append(self.tr("{0} row(s) have errors: nothing can be imported until "
                                    "they are corrected in the file (or the columns mapped "
                                    "differently).").format(counts["error"]))
        elif plan.ok and not counts["new"]:
            messages.append(self.tr("Every case of this ledger is already here: importing it "
                                    "again changes nothing."))
        self.error.show_messages(messages)
        self.confirm.setEnabled(plan.ok and bool(plan.of(NEW)))

    # -- step 3: the write -----------------------------------------------------------------
    def apply(self) -> None:
        from ...services.ledger_import import LedgerImport

        if self.sheet is None or self.plan is None or not self.plan.ok:
            return
        sheet, mapping, name = self.sheet, self.current_mapping(), self.file_name
        actor = self.services.actor
        self.confirm.setEnabled(False)

        def write() -> Any:
            return self.services.run(lambda s: LedgerImport(s.store).apply(
                actor, sheet, mapping, file_name=name))

        self._background(self.tr("Importing…"), write, self._applied,
                         lambda _exc: self.replan())

    def _applied(self, result: Any) -> None:
        self.imported = result.added
        self.services.data_changed()
        self.accept()


def _without_row(message: str, row: int) -> str:
    """A row's message without its 第N行 (the preview's first column says it)."""
    return message.removeprefix(f"第{row}行 ")


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and callable(value.date):
        value = value.date()
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)
