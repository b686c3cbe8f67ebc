"""The bar above a paged view (a PDF, a scanned image): previous, next, page, zoom, fit."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

translate = QCoreApplication.translate


@dataclass
class PageBar:
    """The bar's layout and its controls."""

    layout: QHBoxLayout
    previous: QPushButton
    next: QPushButton
    page_label: QLabel
    zoom_out: QPushButton
    zoom_in: QPushButton
    fit: QPushButton


def page_bar(fit_text: str, label_name: str) -> PageBar:
    """◀ Previous page, Next page ▶ and the page label on the left; zoom out, zoom in and
    ``fit_text`` (already translated) on the right."""
    bar = PageBar(QHBoxLayout(), QPushButton(translate("PageBar", "◀ Previous page")),
                  QPushButton(translate("PageBar", "Next page ▶")), QLabel(),
                  QPushButton(translate("PageBar", "Zoom out")),
                  QPushButton(translate("PageBar", "Zoom in")), QPushButton(fit_text))
    bar.page_label.setObjectName(label_name)
    for w in (bar.previous, bar.next, bar.page_label):
        bar.layout.addWidget(w)
    bar.layout.addStretch(1)
    for w in (bar.zoom_out, bar.zoom_in, bar.fit):
        bar.layout.addWidget(w)
    return bar
