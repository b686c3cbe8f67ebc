"""An attachment (附件) on screen, inside the desk: PDFs through QtPdf, images in a view.

Nothing of an attachment is ever handed to the system's file associations: the content is
shown from memory (no temporary file), and the only way out to disk is 另存为, under the
attachment's sanitised name, into a folder the user picks (default: Documents).
TIFF has no Qt image plugin in the PySide6 wheels, so its pages are decoded with Pillow
(already installed for reportlab) and shown as images.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, ImageOps, ImageSequence
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QStandardPaths, Qt
from PySide6.QtGui import QImage, QImageReader, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.attachment_types import (
    PDF,
    TIFF,
    AttachmentRefused,
    AttachmentType,
    safe_name,
    sniff,
)
from ...domain.errors import DomainError
from ...domain.models import Attachment
from ...storage.connection import refuse_database_file
from ..widgets.ask import show_error
from ..widgets.page_bar import page_bar
from ..widgets.pdf_preview import ZOOM_STEP, PdfPreview

translate = QCoreApplication.translate
MAX_PAGES = 500  # a TIFF with more frames is shown up to here
MAX_PIXELS = 120_000_000  # per page: an A3 scan at 600 dpi is ~70 million


def decode_pages(content: bytes, kind: AttachmentType) -> list[QImage]:
    """The pages of an image attachment as QImages (empty when it cannot be decoded)."""
    if kind == TIFF:
        return _tiff_pages(content)
    buffer = QBuffer()
    buffer.setData(QByteArray(content))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # the EXIF orientation of phone photos
    image = reader.read()
    return [] if image.isNull() else [image]


def _tiff_pages(content: bytes) -> list[QImage]:
    pages: list[QImage] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content), formats=["TIFF"]) as tiff:
                for frame in ImageSequence.Iterator(tiff):
                    if len(pages) >= MAX_PAGES or frame.width * frame.height > MAX_PIXELS:
                        break
                    rgb = ImageOps.exif_transpose(frame).convert("RGB")
                    data = rgb.tobytes()
                    image = QImage(data, rgb.width, rgb.height, 3 * rgb.width,
                                   QImage.Format.Format_RGB888)
                    pages.append(image.copy())  # own the pixels: ``data`` goes away
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):
        return pages  # what decoded before the damage, maybe nothing
    return pages


class ImageView(QWidget):
    """One or more image pages with page navigation and zoom (fit to the window first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = page_bar(self.tr("Fit to window"), "imagePageLabel")
        self.previous, self.next, self.page_label = bar.previous, bar.next, bar.page_label
        self.zoom_out, self.zoom_in, self.fit = bar.zoom_out, bar.zoom_in, bar.fit
        layout.addLayout(bar.layout)
        self.picture = QLabel()
        self.picture.setObjectName("attachmentImage")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroller = QScrollArea()
        self.scroller.setWidget(self.picture)
        self.scroller.setWidgetResizable(True)
        self.scroller.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.scroller, 1)
        self.pages: list[QImage] = []
        self.page = 0
        self.scale: float | None = None  # None: fit to the window
        self.previous.clicked.connect(lambda: self.go_to(self.page - 1))
        self.next.clicked.connect(lambda: self.go_to(self.page + 1))
        self.zoom_in.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        self.zoom_out.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        self.fit.clicked.connect(self.fit_to_window)

    def load(self, pages: list[QImage]) -> None:
        self.pages = pages
        self.page = 0
        self.scale = None
        self._show()

    def page_count(self) -> int:
        return len(self.pages)

    def go_to(self, page: int) -> None:
        if 0 <= page < len(self.pages):
            self.page = page
        self._show()

    def current_scale(self) -> float:
        if not self.pages:
            return 1.0
        if self.scale is not None:
            return self.scale
        image = self.pages[self.page]
        area = self.scroller.viewport().size()
        return min(1.0, (area.width() - 4) / max(1, image.width()),
                   (area.height() - 4) / max(1, image.height()))

    def zoom(self, factor: float) -> None:
        self.scale = max(0.05, min(8.0, self.current_scale() * factor))
        self._show()

    def fit_to_window(self) -> None:
        self.scale = None
        self._show()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self.scale is None:
            self._show()

    def _show(self) -> None:
        count = len(self.pages)
        self.page_label.setText(translate("ImageView", "Page %1 of %2")
                                .replace("%1", str(self.page + 1 if count else 0))
                                .replace("%2", str(count)))
        self.previous.setEnabled(self.page > 0)
        self.next.setEnabled(self.page + 1 < count)
        for w in (self.zoom_in, self.zoom_out, self.fit):
            w.setEnabled(count > 0)
        if not count:
            self.picture.clear()
            return
        image = self.pages[self.page]
        scale = self.current_scale()
        size = image.size() * scale
        self.picture.setPixmap(QPixmap.fromImage(image.scaled(
            size, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation)))


def documents_folder() -> Path:
    """Where 另存为 starts: the user's Documents (never the program's folder)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


def save_file_name(att: Attachment, kind: AttachmentType) -> str:
    """The name 另存为 proposes: the attachment's own, sanitised for its content."""
    return safe_name(att.name, kind)


def write_copy(path: Path, content: bytes) -> None:
    """Write a saved copy (never over the open database file)."""
    refuse_database_file(path)
    path.write_bytes(content)


def save_as(parent: QWidget, att: Attachment, content: bytes, kind: AttachmentType
            ) -> Path | None:
    """Ask where (Documents, the sanitised name) and write a copy; the path or None."""
    name = save_file_name(att, kind)
    pattern = " ".join(f"*{e}" for e in kind.extensions)
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, translate("AttachmentViewer", "Save a copy"), str(documents_folder() / name),
        translate("AttachmentViewer", "%1 files (%2)").replace("%1", kind.label)
        .replace("%2", pattern))
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() not in kind.extensions:  # the copy keeps a matching extension
        path = path.with_name(path.name + kind.extension)
    try:
        write_copy(path, content)
    except DomainError as exc:
        show_error(parent, exc.message)
        return None
    except OSError as exc:
        show_error(parent, translate("AttachmentViewer", "The file could not be saved: %1")
                   .replace("%1", exc.strerror or str(exc)))
        return None
    return path


class AttachmentViewer(QDialog):
    """One attachment shown in the desk, with 另存为 and 关闭."""

    def __init__(self, att: Attachment, content: bytes, kind: AttachmentType,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentViewer")
        self.attachment, self.content, self.kind = att, content, kind
        self.setWindowTitle(att.name)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        layout = QVBoxLayout(self)
        self.caption = QLabel(f"{att.name}　{kind.label}　{_size(len(content))}")
        self.caption.setObjectName("attachmentCaption")
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.caption)
        self.stack = QStackedWidget()
        self.pdf: PdfPreview | None = None
        self.images: ImageView | None = None
        self.problem = QLabel()
        self.problem.setObjectName("viewerProblem")
        self.problem.setWordWrap(True)
        self.problem.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if kind == PDF:
            self.pdf = PdfPreview()
            self.stack.addWidget(self.pdf)
        else:
            self.images = ImageView()
            self.stack.addWidget(self.images)
        self.stack.addWidget(self.problem)
        layout.addWidget(self.stack, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.save_button = QPushButton(self.tr("Save as…"))
        self.save_button.setObjectName("viewerSaveAs")
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("viewerClose")
        row.addWidget(self.save_button)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.save_button.clicked.connect(lambda: save_as(self, att, content, kind))
        self.close_button.clicked.connect(self.close)
        self.resize(1000, 720)
        self._load()

    def _load(self) -> None:
        shown = False
        if self.pdf is not None:
            self.pdf.load(self.content)
            shown = self.pdf.page_count() > 0
        elif self.images is not None:
            pages = decode_pages(self.content, self.kind)
            self.images.load(pages)
            shown = bool(pages)
        if not shown:
            self.problem.setText(self.tr(
                "This attachment could not be shown: the file may be damaged or protected "
                "by a password. It is kept unchanged; use “Save as…” to open it elsewhere."))
            self.stack.setCurrentWidget(self.problem)

    def page_count(self) -> int:
        if self.pdf is not None:
            return self.pdf.page_count()
        return self.images.page_count() if self.images is not None else 0


def open_viewer(parent: QWidget, att: Attachment, content: bytes) -> AttachmentViewer | None:
    """Show ``att`` in the desk's viewer; content that is not an accepted type is refused."""
    try:
        kind = sniff(content)
    except AttachmentRefused as exc:
        show_error(parent, translate("AttachmentViewer", "This attachment cannot be shown. %1")
                   .replace("%1", exc.message))
        return None
    viewer = AttachmentViewer(att, content, kind, parent)
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    viewer.show()
    return viewer


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"
