"""Attachments (附件): add a scan, view it in the desk, save a copy through 另存为.

Content is checked, hashed and stored by the service; this tab reads the file the user
picks (bounded, regular files only) and shows stored content in the in-app viewer
(``ui/dialogs/attachment_viewer.py``). It never writes an attachment to a temporary file
and never opens one with the system's file associations.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.attachment_types import MAX_ATTACHMENT_BYTES, AttachmentRefused, accept, sniff
from ...domain.models import Attachment
from ...services.files import read_input_file
from ..dialogs.attachment_viewer import AttachmentViewer, open_viewer, save_as, write_copy
from ..widgets.ask import show_error
from .case_tabs import fill, read_only_table

SCAN_FILTER = "*.pdf *.jpg *.jpeg *.png *.tif *.tiff"


def human_size(n: int) -> str:
    for unit in ("B", "KB", "MB"):
        if n < 1024 or unit == "MB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


class AttachmentsTab(QWidget):
    """``add_requested(path)``; opening and saving read content through ``content_of``."""

    add_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attachments: list[Attachment] = []
        self.content_of = lambda att: None  # set by the page: Attachment -> bytes | None
        self.viewer: AttachmentViewer | None = None
        layout = QVBoxLayout(self)
        self.table = read_only_table([self.tr("Name"), self.tr("Type"), self.tr("Size"),
                                      self.tr("Added"), self.tr("SHA-256")])
        self.table.setObjectName("attachmentsTable")
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add a scan…"))
        self.add_button.setObjectName("addAttachment")
        self.open_button = QPushButton(self.tr("View"))
        self.open_button.setObjectName("openAttachment")
        self.save_button = QPushButton(self.tr("Save as…"))
        self.save_button.setObjectName("saveAttachment")
        for b in (self.add_button, self.open_button, self.save_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.pick_file)
        self.open_button.clicked.connect(self.open_selected)
        self.save_button.clicked.connect(self.save_selected)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self._selection_changed()

    def load(self, attachments: list[Attachment]) -> None:
        self.attachments = [a for a in attachments if not a.deleted]
        fill(self.table, [[a.name, a.media_type, human_size(a.size), a.added_at[:16].replace(
            "T", " "), a.sha256[:16] + "…"] for a in self.attachments])
        self._selection_changed()

    def _selection_changed(self) -> None:
        has = self.selected() is not None
        self.open_button.setEnabled(has)
        self.save_button.setEnabled(has)

    def selected(self) -> Attachment | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.attachments[rows[0].row()]

    def pick_file(self) -> None:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Add a scan"), start,
            self.tr("Scans and photos: PDF, JPEG, PNG, TIFF (%1);;All files (*)")
            .replace("%1", SCAN_FILTER))
        if path:
            self.add_requested.emit(path)

    def open_selected(self) -> AttachmentViewer | None:
        """Show the selected attachment in the desk's viewer."""
        att = self.selected()
        content = self.content_of(att) if att else None
        if att is None or content is None:
            return None
        self.viewer = open_viewer(self, att, content)
        return self.viewer

    def save_selected(self) -> Path | None:
        """另存为: a copy of the selected attachment where the user chooses."""
        att = self.selected()
        content = self.content_of(att) if att else None
        if att is None or content is None:
            return None
        try:
            kind = sniff(content)
        except AttachmentRefused as exc:
            show_error(self, exc.message)
            return None
        return save_as(self, att, content, kind)

    def save_to(self, att: Attachment, path: Path) -> None:
        content = self.content_of(att)
        if content is not None:
            write_copy(path, content)


def read_scan(path: Path) -> tuple[str, bytes, str]:
    """(safe name, content, sniffed media type) of a file to attach.

    Raises ``DomainError``: a folder, device, pipe, a file over the limit, the open
    database, or content that is not PDF, JPEG, PNG or TIFF.
    """
    content = read_input_file(path, limit=MAX_ATTACHMENT_BYTES, what="附件")
    name, kind = accept(path.name, content)
    return name, content, kind.media_type
