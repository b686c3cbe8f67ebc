"""Questions asked of the user before something is lost."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

translate = QCoreApplication.translate


def ask_discard(parent: QWidget | None) -> bool:
    """Ask whether unsaved edits may be thrown away; True means discard."""
    box = QMessageBox(parent)
    box.setObjectName("discardChangesBox")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(translate("Ask", "Unsaved changes"))
    box.setText(translate("Ask", "This form has changes that have not been saved."))
    box.setInformativeText(translate("Ask", "Discard the changes?"))
    discard = box.addButton(translate("Ask", "Discard changes"),
                            QMessageBox.ButtonRole.DestructiveRole)
    discard.setObjectName("discardButton")
    keep = box.addButton(translate("Ask", "Keep editing"), QMessageBox.ButtonRole.RejectRole)
    keep.setObjectName("keepEditingButton")
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is discard


def show_error(parent: QWidget | None, message: str, title: str = "") -> None:
    """A plain message for a problem the user can act on (never a traceback)."""
    box = QMessageBox(parent)
    box.setObjectName("errorBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or translate("Ask", "Cannot do that"))
    box.setText(message)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, yes: str) -> bool:
    """A yes/no question with a named yes button."""
    box = QMessageBox(parent)
    box.setObjectName("confirmBox")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    ok.setObjectName("confirmButton")
    cancel = box.addButton(translate("Ask", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is ok
