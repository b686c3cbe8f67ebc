"""The documents of a case (文书): choose a kind, generate, preview, open, print, save;
and the case's document register. With ``case_id=None`` it makes blank forms instead."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...services.documents import DocumentService, GeneratedDocument
from .. import errors
from ..context import Services
from ..widgets.ask import show_error
from ..widgets.field_error import FieldError
from ..widgets.pdf_preview import PdfPreview, open_in_viewer, print_pdf
from .case_tabs import fill, read_only_table, when

CASE_FILE = "case_file"


class DocumentsTab(QWidget):
    """Generates on the task runner's worker; ``generated(doc)`` once the preview shows it."""

    generated = Signal(object)

    def __init__(self, services: Services, case_id: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.case_id = case_id
        self.blank = case_id is None
        self.document: GeneratedDocument | None = None
        self.busy = False
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("documentKind")
        for kind, title in DocumentService.kinds():
            if not (self.blank and kind == CASE_FILE):
                self.kind.addItem(title, kind)
        self.generate_button = QPushButton(self.tr("Print blank form") if self.blank
                                           else self.tr("&Generate"))
        self.generate_button.setObjectName("generateDocument")
        self.open_button = QPushButton(self.tr("Open in viewer"))
        self.print_button = QPushButton(self.tr("&Print…"))
        self.save_button = QPushButton(self.tr("Save &as…"))
        self.verify_button = QPushButton(self.tr("&Verify…"))
        self.verify_button.setObjectName("verifyDocumentButton")
        top.addWidget(QLabel(self.tr("Document")))
        top.addWidget(self.kind, 1)
        for b in (self.generate_button, self.open_button, self.print_button, self.save_button,
                  self.verify_button):
            top.addWidget(b)
        layout.addLayout(top)

        self.status = QLabel()
        self.status.setObjectName("documentStatus")
        self.error = FieldError()
        self.error.setObjectName("documentError")
        self.warning = FieldError(warning=True)
        self.warning.setObjectName("documentWarning")
        self.warning.setStyleSheet("color: #8a5300; background: #fff4d6; padding: 6px;"
                                   "border: 1px solid #e0b050;")
        self.status.setWordWrap(True)
        for w in (self.error, self.warning) if not self.blank else (self.status, self.error,
                                                                     self.warning):
            layout.addWidget(w)

        self.preview = PdfPreview()
        self.register = read_only_table([self.tr("Document"), self.tr("Generated"),
                                         self.tr("Verification code"), self.tr("By")])
        self.register.setObjectName("documentRegister")
        if self.blank:
            layout.addWidget(self.preview, 1)
        else:
            # side by side: the portrait page gets the tab's whole height (stacked above the
            # register it was ~300 px tall at 1366x768); the register is a narrow column
            self.split = QSplitter(Qt.Orientation.Horizontal)
            self.split.setObjectName("documentsSplit")
            self.split.addWidget(self.preview)
            box = QWidget()
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 0, 0, 0)
            v.addWidget(self.status)  # what was made, its pages and code: beside the page,
            # not a row above it (at 150 % every row is taken from the preview's height)
            caption = QLabel(self.tr("Document register (every generation is recorded)"))
            caption.setWordWrap(True)
            v.addWidget(caption)
            v.addWidget(self.register)
            self.split.addWidget(box)
            self.split.setStretchFactor(0, 3)
            self.split.setStretchFactor(1, 1)
            self.split.setChildrenCollapsible(False)
            box.setMinimumWidth(300)
            layout.addWidget(self.split, 1)

        self.generate_button.clicked.connect(self.generate)
        self.open_button.clicked.connect(self.open_external)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        self.verify_button.clicked.connect(self.verify)
        self.verify_button.setHidden(self.blank)
        self.kind_chosen = False  # the person picked a kind: no longer follow the case
        self.kind.activated.connect(lambda _i: setattr(self, "kind_chosen", True))
        self._update_buttons()
        self.load_register()

    # -- generating -----------------------------------------------------------------------
    def select_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def generate(self) -> None:
        """Generate the chosen kind off the GUI thread; the preview shows it when done."""
        if self.busy:
            return
        kind = self.kind.currentData()
        self.busy = True
        self.error.clear_messages()
        self.status.setText(self.tr("Generating %1…").replace("%1", self.kind.currentText()))
        self._update_buttons()
        # runs on the database thread; the register entry is written on the writer
        service = DocumentService(self.services.store)
        actor, case_id, blank = self.services.actor, self.case_id, self.blank
        self.services.tasks.submit(
            lambda: service.generate(actor, case_id, kind, blank=blank),
            self._generated, self._failed)

    def _generated(self, doc: GeneratedDocument) -> None:
        self.busy = False
        self.document = doc
        self.status.setText(self.tr("%1 — %2 page(s), verification code %3")
                            .replace("%1", doc.title).replace("%2", str(doc.pages))
                            .replace("%3", doc.verification_code or "—"))
        self.warning.show_messages([doc.warning])
        self.preview.load(doc.pdf)
        self._update_buttons()
        self.load_register(follow=False)  # the list stays on the paper just made
        self.generated.emit(doc)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.status.clear()
        self._update_buttons()
        if isinstance(exc, DomainError):  # a reason the mediator can act on, in Chinese
            self.error.show_messages([exc.message])
            return
        errors.report(exc, self)

    def load_register(self, *, follow: bool = True) -> None:
        """Show the case's document register (kind, time, verification code, who); with
        ``follow`` (not after a generation) the list moves to the paper needed next."""
        if self.blank or self.case_id is None:
            return
        titles = dict(DocumentService.kinds())
        try:
            entries = self.services.run(
                lambda s: DocumentService(s.store).register(self.case_id))
        except DomainError as exc:
            self.error.show_messages([exc.message])
            return
        fill(self.register, [[titles.get(e.kind, e.kind), when(_as_datetime(e.created_at)),
                              e.verification_code, e.actor] for e in reversed(entries)])
        if follow and not self.kind_chosen:
            self.follow_case()

    def follow_case(self) -> None:
        """Offer the paper the case needs next (the agreement once reached, then the
        司法确认申请书, ...; services/next_document.py) until the person picks another."""
        from ...services.next_document import suggested_kind

        case_id = self.case_id
        if case_id is None:
            return
        try:
            kind = self.services.run(lambda s: suggested_kind(s.store, case_id))
        except DomainError:
            return  # the list keeps its choice; the register's error is already shown
        if self.kind.findData(kind) >= 0:
            self.select_kind(kind)

    def _update_buttons(self) -> None:
        has = self.document is not None and not self.busy
        self.generate_button.setEnabled(not self.busy)
        for b in (self.open_button, self.print_button, self.save_button):
            b.setEnabled(has)

    def verify(self) -> None:
        """文书核验: check a PDF or a printed code (the last generated one's code filled in)."""
        from ..dialogs.verify_dialog import VerifyDialog

        dialog = VerifyDialog(self.services, self)
        if self.document is not None:
            dialog.code.setText(self.document.verification_code)
        dialog.exec()

    # -- out of the application --------------------------------------------------------
    def open_external(self) -> None:
        if self.document is None:
            return
        try:
            opened = open_in_viewer(self.document.pdf, self.document.filename)
        except OSError as exc:
            show_error(self, self.tr("The file could not be written: %1")
                       .replace("%1", exc.strerror or str(exc)))
            return
        if not opened:
            show_error(self, self.tr("No program for PDF files was found. Install a PDF "
                                     "viewer, or use Save as and open the file yourself."))

    def print_document(self) -> None:
        if self.document is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.document.title)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            print_pdf(self.document.pdf, printer)

    def save_as(self) -> Path | None:
        """Ask where to save (default name from the document) and write the PDF there."""
        if self.document is None:
            return None
        folder = save_folder()
        default = str(folder / self.document.filename) if folder else self.document.filename
        name, _filter = QFileDialog.getSaveFileName(self, self.tr("Save document"), default,
                                                    self.tr("PDF files (*.pdf)"))
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            path.write_bytes(self.document.pdf)
        except OSError as exc:
            show_error(self, self.tr("The file could not be saved: %1")
                       .replace("%1", exc.strerror or str(exc)))
            return None
        self.status.setText(self.tr("Saved to %1").replace("%1", str(path)))
        return path


SAVE_FOLDER = "调解工作台"
"""The folder under the user's 文档 (Documents) where 另存为 starts."""


def save_folder() -> Path | None:
    """文档/调解工作台, created if missing (None: no Documents folder, or it cannot be made;
    the dialog then starts where the system chooses, never in the program's folder)."""
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    if not documents:
        return None
    folder = Path(documents) / SAVE_FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path(documents)
    return folder


def _as_datetime(value: datetime | str) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)
