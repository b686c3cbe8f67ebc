"""A secret shown once (the recovery key, an enrollment passphrase) and its printed page.

The dialogs keep their own words (translated in their own context); this module gives the
shared pieces: the large heading, the framed monospace secret, the Continue button that
waits for 我已抄写或打印 to be ticked, and writing the one-page PDF to a chosen file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QMessageBox, QWidget

from .. import errors


def heading_label(text: str) -> QLabel:
    """``text`` bold, 1.3 times the normal size."""
    heading = QLabel(text)
    font = heading.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    heading.setFont(font)
    return heading


def secret_font(scale: float) -> QFont:
    """The system's fixed font, demi-bold, ``scale`` times (at least 10 pt) its size."""
    mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    mono.setPointSizeF(max(mono.pointSizeF(), 10) * scale)
    mono.setWeight(QFont.Weight.DemiBold)
    return mono


def secret_label(text: str, name: str, scale: float) -> QLabel:
    """The secret large, centred, selectable and framed; ``name`` is its object name."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setFont(secret_font(scale))
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet(f"QLabel#{name} {{ border: 1px solid palette(mid); "
                        "padding: 12px; background: palette(base); }")
    return label


class ShownOnceDialog(QDialog):
    """Closes (Continue, Esc or the close button) only once :attr:`confirm` is ticked.

    A subclass calls :meth:`gate` with its check box and the Continue text.
    """

    confirm: QCheckBox
    buttons: QDialogButtonBox

    def gate(self, confirm: QCheckBox, continue_text: str) -> None:
        self.confirm = confirm
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(continue_text)
        self.ok.setEnabled(False)
        confirm.toggled.connect(self.ok.setEnabled)
        self.buttons.accepted.connect(self.accept)

    def reject(self) -> None:
        """Esc or the close button: only once the secret was copied (never shown again)."""
        if self.confirm.isChecked():
            self.accept()

    def accept(self) -> None:
        if self.confirm.isChecked():
            super().accept()


def write_pdf(parent: QWidget, target: Path, pdf: Callable[[], bytes], *, title: str,
              failed: str, saved_label: QLabel, saved: str) -> bool:
    """Write ``pdf()`` to ``target``; on success show ``saved`` ({0}: the file) below.

    A file that cannot be written is a warning titled ``title`` with ``failed`` ({0}: the
    file, {1}: why); any other error goes to the error report.
    """
    try:
        target.write_bytes(pdf())
    except OSError as exc:
        QMessageBox.warning(parent, title, failed.format(target, exc.strerror or exc))
        return False
    except Exception as exc:  # noqa: BLE001 - shown, never raised into Qt
        errors.report(exc, parent)
        return False
    saved_label.setText(saved.format(target))
    saved_label.show()
    return True
