"""A PDF on screen and out of the application: preview, system viewer, print, save.

The preview uses QtPdf (``PySide6.QtPdf`` / ``QtPdfWidgets``, in the required
PySide6-Addons) and reads the PDF from memory. Only a document the desk generated is ever
opened in the system viewer, from the desk's private temporary folder; attachments are
shown by ``ui/dialogs/attachment_viewer.py`` and never leave the desk that way.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QPointF,
    QSize,
    Qt,
    QUrl,
)
from PySide6.QtGui import QDesktopServices, QPainter

# QtPdf ships in PySide6-Addons, a required dependency (pyproject.toml)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..temp_folder import write_private
from .page_bar import page_bar

translate = QCoreApplication.translate
ZOOM_STEP = 1.25
PRINT_DPI = 300  # enough for text and seals; a higher printer resolution only costs memory


class PdfPreview(QWidget):
    """Pages of one PDF with page navigation and zoom; ``load(pdf_bytes)`` shows it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = page_bar(self.tr("Fit width"), "pageLabel")
        self.previous, self.next, self.page_label = bar.previous, bar.next, bar.page_label
        self.zoom_out, self.zoom_in, self.fit_width = bar.zoom_out, bar.zoom_in, bar.fit
        layout.addLayout(bar.layout)
        self._data = QByteArray()
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.pageNavigator().currentPageChanged.connect(self._update_page)
        layout.addWidget(self.view, 1)
        self.previous.clicked.connect(lambda: self.go_to(self.current_page() - 1))
        self.next.clicked.connect(lambda: self.go_to(self.current_page() + 1))
        self.zoom_in.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        self.zoom_out.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        self.fit_width.clicked.connect(
            lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self._update_page()

    def load(self, pdf: bytes) -> None:
        """Show ``pdf`` from its first page."""
        self.document.close()
        self._data = QByteArray(pdf)
        self._buffer = QBuffer(self._data, self)  # the document reads from it while shown
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.go_to(0)

    def clear(self) -> None:
        self.document.close()
        self._update_page()

    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        if not 0 <= page < self.page_count():
            self._update_page()
            return
        self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())
        self._update_page()

    def zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(8.0, self.view.zoomFactor() * factor)))

    def _update_page(self, *_args: object) -> None:
        count = self.page_count()
        page = self.current_page()
        self.page_label.setText(translate("PdfPreview", "Page %1 of %2")
                                .replace("%1", str(page + 1 if count else 0))
                                .replace("%2", str(count)))
        for w in (self.previous, self.next, self.zoom_in, self.zoom_out, self.fit_width):
            w.setEnabled(count > 0)
        self.previous.setEnabled(count > 0 and page > 0)
        self.next.setEnabled(page + 1 < count)


def write_temp(pdf: bytes, filename: str) -> Path:
    """Write a generated ``pdf`` into the private temporary folder (for the system viewer)."""
    return write_private(filename, pdf)


def open_in_viewer(pdf: bytes, filename: str) -> bool:
    """Open a PDF the desk generated in the system's PDF viewer; False if there is none.

    Never for attachments: their content is not the desk's and is shown in the desk.
    """
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(write_temp(pdf, filename))))


def print_pdf(pdf: bytes, printer) -> int:
    """Print every page of ``pdf`` on ``printer`` (a set-up QPrinter); returns pages printed.

    Each page is rendered at up to PRINT_DPI and scaled to the printer's page,
    keeping its proportions. Needs QtPdf.
    """
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    count = document.pageCount()
    if count == 0:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        dpi = min(PRINT_DPI, printer.resolution())
        for page in range(count):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            image = document.render(page, size)
            target = painter.viewport()
            scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(target)
    finally:
        painter.end()
        document.close()
    return count
