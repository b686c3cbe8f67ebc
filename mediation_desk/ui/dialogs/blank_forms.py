"""File → Print blank forms (打印空白表格): any form kind, empty, for work in the villages."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from ..context import Services
from ..pages.documents_tab import DocumentsTab


class BlankFormsDialog(QDialog):
    """Choose a kind, preview the empty form, then print or save it."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print blank forms"))
        layout = QVBoxLayout(self)
        self.forms = DocumentsTab(services, None, self)
        layout.addWidget(self.forms, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 760)
