"""文书核验 (Verify a document): pick a PDF or type the printed code, see the verdict.

The verdict comes from the document register (services/verification.py): 本机签发, issued by
a trusted center (…签发), 已被修改 (a registered code on bytes that differ) or 未找到, with the
case number, the masked party names, the kind and the first issue date. Nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...services.verification import ALTERED, NOT_FOUND, Verdict, VerificationService
from .. import errors
from ..context import Services
from ..widgets.field_error import FieldError

MAX_PDF_BYTES = 512 * 1024 * 1024
_COLOURS = {ALTERED: ("#8a1c1c", "#fde2e2"), NOT_FOUND: ("#5a5a5a", "#eeeeee")}
_GENUINE = ("#1d5e20", "#e3f4e1")


class VerifyDialog(QDialog):
    """Checks one paper at a time on the database thread; ``verdict`` holds the last one."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.verdict: Verdict | None = None
        self.setWindowTitle(self.tr("Verify a document"))
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("Choose a PDF file, or type the verification code printed at the "
                              "foot of every page (or the text a phone read from the QR code "
                              "on the last page)."))
        hint.setWordWrap(True)
        layout.addWidget(hint)

        row = QHBoxLayout()
        self.code = QLineEdit()
        self.code.setObjectName("verifyCode")
        self.code.setPlaceholderText(self.tr("e.g. 7K2QM-9XD4A"))
        self.check_button = QPushButton(self.tr("&Check code"))
        self.check_button.setObjectName("checkCode")
        self.file_button = QPushButton(self.tr("Choose &PDF…"))
        self.file_button.setObjectName("choosePdf")
        row.addWidget(QLabel(self.tr("Verification code")))
        row.addWidget(self.code, 1)
        row.addWidget(self.check_button)
        row.addWidget(self.file_button)
        layout.addLayout(row)

        self.error = FieldError()
        self.error.setObjectName("verifyError")
        layout.addWidget(self.error)
        self.headline = QLabel()
        self.headline.setObjectName("verdict")
        self.headline.setWordWrap(True)
        self.details = QLabel()
        self.details.setObjectName("verdictDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.headline)
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.check_button.clicked.connect(self.check_code)
        self.code.returnPressed.connect(self.check_code)
        self.file_button.clicked.connect(self.choose_file)
        self.resize(640, 420)

    # -- checking ---------------------------------------------------------------------
    def check_code(self) -> None:
        """Check the typed code (or scanned QR text)."""
        text = self.code.text()
        if not text.strip():
            self.error.show_messages([self.tr("Type the verification code first.")])
            return
        service = VerificationService(self.services.store)
        self._submit(lambda: service.check_code(text))

    def choose_file(self) -> None:
        """Ask for a PDF file, then check it."""
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        name, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose the PDF to verify"),
                                                    folder, self.tr("PDF files (*.pdf)"))
        if name:
            self.check_file(Path(name))

    def check_file(self, path: Path) -> None:
        """Check a PDF file (read on the database thread with the size limit)."""
        from ...services.files import read_input_file

        service = VerificationService(self.services.store)
        self._submit(lambda: service.check_pdf(
            read_input_file(path, limit=MAX_PDF_BYTES, what="PDF 文件")))

    def _submit(self, fn: Callable[[], Verdict]) -> None:
        self.error.clear_messages()
        self.headline.setText(self.tr("Checking…"))
        self.details.clear()
        for b in (self.check_button, self.file_button):
            b.setEnabled(False)
        self.services.tasks.submit(fn, self._show, self._failed)

    def _done(self) -> None:
        for b in (self.check_button, self.file_button):
            b.setEnabled(True)

    def _show(self, verdict: Verdict) -> None:
        self._done()
        self.verdict = verdict
        fg, bg = _COLOURS.get(verdict.status, _GENUINE)
        self.headline.setText(verdict.headline)
        self.headline.setStyleSheet(f"color: {fg}; background: {bg}; padding: 8px;"
                                    "font-size: 18pt; font-weight: bold;")
        self.details.setText("\n".join(verdict.lines()[1:]))

    def _failed(self, exc: BaseException) -> None:
        self._done()
        self.headline.clear()
        self.headline.setStyleSheet("")
        if isinstance(exc, DomainError):  # a bad code, not a PDF, a file that cannot be read
            self.error.show_messages([exc.message])
            return
        errors.report(exc, self)
