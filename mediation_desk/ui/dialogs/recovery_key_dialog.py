"""The recovery key, shown once (first run, or encrypting an old database).

The key opens the database and every backup without any password; it is kept nowhere, so
this is the only time it is on screen. It is shown large and grouped, can be printed as the
one-page 恢复密钥单 (documents/recovery_sheet.py) and the dialog closes only after the user
ticks 我已抄写或打印恢复密钥.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QCheckBox, QFileDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from .shown_once import ShownOnceDialog, heading_label, secret_label, write_pdf

GROUPS_PER_LINE = 7


def grouped_lines(recovery_key: str) -> str:
    """The key in two lines of seven groups (as on the sheet), easier to copy by hand."""
    groups = recovery_key.split("-")
    return "\n".join("  ".join(groups[i:i + GROUPS_PER_LINE])
                     for i in range(0, len(groups), GROUPS_PER_LINE))


class RecoveryKeyDialog(ShownOnceDialog):
    """Shows ``recovery_key`` of the desk once; Continue only after the box is ticked."""

    def __init__(self, recovery_key: str, *, center_name: str, center_code: str,
                 director_name: str, created: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery_key = recovery_key
        self.sheet_args = (center_name, center_code, director_name, recovery_key, created)
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle(self.tr("Recovery key"))
        heading = heading_label(self.tr("Write down or print this recovery key now"))
        intro = QLabel(self.tr(
            "With the recovery key alone the database and every backup can be opened on any "
            "computer, and a director who forgot the password can set a new one. It is shown "
            "only this once and kept nowhere: print the recovery key sheet, or copy it by "
            "hand, and keep it locked in the center's safe."))
        intro.setWordWrap(True)
        self.key_label = secret_label(grouped_lines(recovery_key), "recoveryKey", 1.6)
        self.print_button = QPushButton(self.tr("Print the recovery key sheet…"))
        self.print_button.setObjectName("printSheet")
        self.print_button.clicked.connect(self.choose_sheet_file)
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        self.saved_label.hide()
        confirm = QCheckBox(self.tr("I have written down or printed the recovery key"))
        confirm.setObjectName("confirmCopied")
        self.gate(confirm, self.tr("Continue"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.key_label)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.saved_label)
        layout.addWidget(self.confirm)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)

    def sheet_pdf(self) -> bytes:
        from ...documents.recovery_sheet import render_recovery_sheet

        return render_recovery_sheet(*self.sheet_args)

    def choose_sheet_file(self) -> None:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the recovery key sheet"),
            str(Path(folder) / self.tr("recovery key sheet.pdf")), self.tr("PDF (*.pdf)"))
        if target:
            self.save_sheet(Path(target))

    def save_sheet(self, target: Path) -> bool:
        """Write the sheet to ``target`` (to print it, then keep it in the safe)."""
        return write_pdf(
            self, target, self.sheet_pdf, title=self.tr("Save the recovery key sheet"),
            failed=self.tr("Could not write {0}: {1}. Choose another folder."),
            saved_label=self.saved_label, saved=self.tr(
                "Saved to {0}. Print it, keep the paper in the safe, then delete the file "
                "(whoever has it can open the database)."))
