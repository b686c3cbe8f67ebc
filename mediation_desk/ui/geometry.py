"""Windows that fit the screen they open on; layouts remembered per account.

A township laptop has 1366×768 pixels, often at 100–150 % scaling (at 150 % Qt sees
911×512 logical pixels); an office screen 1920×1080. :func:`fit_window` sizes a window
or dialog to what it would like, shrunk to the screen's *available* area (the taskbar
left out) but never below what its layout needs, and centres it there (every FormDialog
does on first show). What needs more room than a small screen has scrolls instead: the
registration form's fields (register_case_view.py, 保存/取消 stay on screen), the main
window's pages built on first show and its case tabs (main_window.py).

:class:`Layouts` keeps, for each account on this computer, the main window's geometry,
splitter positions and table column layouts (widths, order, hidden columns, sort) in an
INI file in the user data folder (``logs.data_dir()``, so tests get their own):
``<account id>/<name>`` keys, so two mediators sharing a laptop each get their own.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize
from PySide6.QtWidgets import QHeaderView, QSplitter, QWidget

FRAME = QSize(16, 40)
"""Room left for the window frame and title bar, which the available area includes."""

LAYOUT_FILE = "window-layout.ini"
LARGEST_FIRST_SIZE = QSize(1680, 1050)
"""A main window's first size on a very large screen (after that: as the user leaves it)."""


def available_rect(widget: QWidget) -> QRect:
    """The available area (taskbar excluded) of the screen ``widget`` is on or will open on."""
    parent = widget.parentWidget()
    anchor = parent.window() if parent is not None else widget
    return anchor.screen().availableGeometry()  # the primary screen until it is shown


def fit_size(preferred: QSize, minimum: QSize, available: QRect) -> QSize:
    """``preferred`` shrunk to ``available`` less the frame, never below ``minimum``."""
    room = QSize(available.width() - FRAME.width(), available.height() - FRAME.height())
    return preferred.boundedTo(room).expandedTo(minimum)


def screen_share(available: QRect) -> QSize:
    """A main window's first size: all of a laptop's screen, most of a large one."""
    share = 1.0 if available.width() < 1600 else 0.9
    return QSize(int(available.width() * share),
                 int(available.height() * share)).boundedTo(LARGEST_FIRST_SIZE)


def fit_window(widget: QWidget, preferred: QSize, available: QRect | None = None) -> QSize:
    """Resize ``widget`` to ``preferred`` as far as the screen allows and centre it there.

    The minimum is the layout's own (``minimumSizeHint``): below it labels would be cut;
    a form that needs more height than a small screen has scrolls instead (its layout's
    minimum is then small).
    """
    area = available if available is not None else available_rect(widget)
    size = fit_size(preferred, widget.minimumSizeHint().expandedTo(widget.minimumSize()), area)
    widget.resize(size)
    x = area.x() + max((area.width() - size.width() - FRAME.width()) // 2, 0)
    y = area.y() + max((area.height() - size.height() - FRAME.height()) // 2, 0)
    widget.move(x, y)
    return size


class Layouts:
    """One account's remembered window geometry, splitters and column layouts."""

    def __init__(self, account_id: str | None, settings: QSettings | None = None) -> None:
        self.account = account_id or "anyone"
        self._settings = settings

    @property
    def settings(self) -> QSettings:
        if self._settings is None:
            from ..logs import data_dir

            self._settings = QSettings(str(data_dir() / LAYOUT_FILE),
                                       QSettings.Format.IniFormat)
        return self._settings

    def key(self, name: str) -> str:
        return f"{self.account}/{name}"

    def _bytes(self, name: str) -> QByteArray | None:
        value = self.settings.value(self.key(name))
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    # -- windows ------------------------------------------------------------------------
    def save_window(self, widget: QWidget, name: str) -> None:
        self.settings.setValue(self.key(name), widget.saveGeometry())

    def restore_window(self, widget: QWidget, name: str) -> bool:
        """The remembered geometry; False when none was saved (the caller fits afresh).

        Qt puts a window saved on a screen that is gone or larger back inside the
        available area of the screen it now opens on.
        """
        data = self._bytes(name)
        return data is not None and widget.restoreGeometry(data)

    # -- splitters ------------------------------------------------------------------------
    def remember_splitter(self, splitter: QSplitter, name: str) -> None:
        """Restore ``splitter``'s sizes now and save them whenever the user moves it."""
        data = self._bytes(name)
        if data is not None:
            splitter.restoreState(data)
        splitter.splitterMoved.connect(
            lambda _pos, _index: self.settings.setValue(self.key(name), splitter.saveState()))

    # -- table columns ------------------------------------------------------------------
    def remember_header(self, header: QHeaderView, name: str) -> bool:
        """Restore a table's column widths, order, hidden columns and sort, and keep them.

        A layout is kept per number of columns, so a list that gains a column (the court
        desk's 中心) restores that layout when it does, instead of shifting the old one.
        True when a remembered layout was restored now.
        """
        def key() -> str:
            return f"{name}/{header.count()}-columns"

        def restore() -> bool:
            data = self._bytes(key())
            return data is not None and header.restoreState(data)

        def save(*_args: object) -> None:
            self.settings.setValue(self.key(key()), header.saveState())

        restored = restore()
        model = header.model()
        if model is not None:
            model.columnsInserted.connect(lambda *_a: restore())
            model.columnsRemoved.connect(lambda *_a: restore())
        header.sectionResized.connect(save)
        header.sectionMoved.connect(save)
        header.sortIndicatorChanged.connect(save)
        return restored

    def sync(self) -> None:
        if self._settings is not None:
            self._settings.sync()
