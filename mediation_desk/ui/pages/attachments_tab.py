"""Attachments (附件): add a scan, open it, save a copy. Content is hashed and stored by the
service; this tab only reads and writes files the user picks."""

from __future__ import annotations

import mimetypes
import tempfile
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.models import MAX_ATTACHMENT_BYTES, Attachment
from ...storage.connection import refuse_database_file
from .case_tabs import fill, read_only_table

SCAN_FILTER = "*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.doc *.docx"


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
        layout = QVBoxLayout(self)
        self.table = read_only_table([self.tr("Name"), self.tr("Type"), self.tr("Size"),
                                      self.tr("Added"), self.tr("SHA-256")])
        self.table.setObjectName("attachmentsTable")
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add a scan…"))
        self.add_button.setObjectName("addAttachment")
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName("openAttachment")
        self.save_button = QPushButton(self.tr("Save a copy…"))
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
            self.tr("Scans and documents (%1);;All files (*)").replace("%1", SCAN_FILTER))
        if path:
            self.add_requested.emit(path)

    def open_selected(self) -> Path | None:
        att = self.selected()
        content = self.content_of(att) if att else None
        if att is None or content is None:
            return None
        folder = Path(tempfile.mkdtemp(prefix="mediation-desk-"))
        target = folder / Path(att.name).name
        target.write_bytes(content)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        return target

    def save_selected(self) -> None:
        att = self.selected()
        if att is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy"), att.name)
        if path:
            self.save_to(att, Path(path))

    def save_to(self, att: Attachment, path: Path) -> None:
        content = self.content_of(att)
        if content is not None:
            refuse_database_file(path)
            path.write_bytes(content)


def read_scan(path: Path) -> tuple[str, bytes, str]:
    """(name, content, media type) of a file to attach; raises ValueError if too large."""
    refuse_database_file(path)  # reading the open database would drop its locks
    size = path.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        raise ValueError(size)
    media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return path.name, path.read_bytes(), media
