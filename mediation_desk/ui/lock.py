"""Auto-lock: idle time, the lock screen, and the covers over every open window.

:class:`IdleWatcher` is an application event filter: keyboard, mouse and wheel input to any
window of the program restarts its timer; when it runs out (the ``lock_minutes`` setting,
default 10) it emits ``idle``. :class:`Locker` then puts an opaque cover over every visible
window (the main window and every open dialog, which stay open underneath so nothing typed
is lost), replaces their titles (a title may name a case) and shows the :class:`LockScreen`,
an application-modal window above them. The same account unlocks with its password
(``auth.check_password``, throttled like a login), or another account logs in: then the
first account's open forms are closed after asking (the application does that part).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..domain.errors import DomainError
from .widgets.busy import busy
from .widgets.field_error import with_error

DEFAULT_LOCK_MINUTES = 10

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress, QEvent.Type.Shortcut,
})


class IdleWatcher(QObject):
    """Emits ``idle`` after ``minutes`` without keyboard or mouse input to the program."""

    idle = Signal()

    def __init__(self, app: QApplication, minutes: float = DEFAULT_LOCK_MINUTES,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        app.installEventFilter(self)

    def set_minutes(self, minutes: float) -> None:
        self.timer.setInterval(max(1, round(minutes * 60_000)))
        self.timer.start()

    def restart(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.app.removeEventFilter(self)
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self.timer.start()
        return False


class Cover(QWidget):
    """An opaque sheet over one window's whole content while the program is locked."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("QWidget#lockCover { background: palette(window); }")
        label = QLabel(self.tr("Locked"), self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("color: palette(mid); font-size: 20pt;")
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.fit()
        window.installEventFilter(self)
        self.show()
        self.raise_()

    def fit(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.ChildAdded,
                            QEvent.Type.LayoutRequest):
            self.fit()
            self.raise_()
        return False


class LockScreen(QDialog):
    """Who is logged in, their password, 解锁 (unlock) and 切换用户 (another user)."""

    unlocked = Signal()
    switch_requested = Signal()

    def __init__(self, name: str, check: Callable[[str], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = check
        self.setObjectName("lockScreen")
        self.setWindowTitle(self.tr("Mediation Desk is locked"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.setStyleSheet("QDialog#lockScreen { border: 1px solid palette(mid); "
                           "background: palette(base); }")
        heading = QLabel(self.tr("Locked"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        self.who = QLabel()
        self.who.setObjectName("lockedAccount")
        self.who.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        box, self.error = with_error(self.password)
        self.error.setObjectName("password_error")
        form = QFormLayout()
        form.addRow(self.tr("&Password"), box)
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.switch_button = QPushButton(self.tr("Log in as &another user…"))
        self.switch_button.setObjectName("switchUser")
        self.switch_button.clicked.connect(self.switch_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.who)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.setMinimumWidth(420)
        self.set_name(name)

    def set_name(self, name: str) -> None:
        self.who.setText(self.tr("Mediation Desk was locked to protect the case data. "
                                 "{0}, enter your password to continue.").format(name))

    def reject(self) -> None:
        """Esc does not close the lock screen."""

    def try_unlock(self) -> None:
        if not self.password.text():
            self.error.show_messages([self.tr("Please enter your password")])
            return
        try:
            with busy():
                ok = self.check(self.password.text())
        except DomainError as exc:  # throttled, locked out, key file gone
            self.error.show_messages([exc.message])
            self.password.selectAll()
            return
        if not ok:
            self.error.show_messages([self.tr("Wrong password.")])
            self.password.selectAll()
            self.password.setFocus()
            return
        self.password.clear()
        self.error.clear_messages()
        self.unlocked.emit()


class Locker(QObject):
    """Locks the program: covers every window, shows the lock screen; unlocks again."""

    locked_changed = Signal(bool)

    def __init__(self, app: QApplication, screen: LockScreen,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.screen = screen
        self.covers: dict[QWidget, tuple[Cover, str]] = {}
        self.locked = False
        screen.unlocked.connect(self.unlock)

    def exempt(self, widget: QWidget) -> bool:
        """The lock screen and the windows opened from it (the other user's login)."""
        window: QWidget | None = widget.window()
        while window is not None:
            if window is self.screen:
                return True
            parent = window.parentWidget()
            window = parent.window() if parent is not None else None
        return False

    def cover(self, window: QWidget) -> None:
        if window in self.covers or self.exempt(window) or not window.isVisible():
            return
        self.covers[window] = (Cover(window), window.windowTitle())
        window.setWindowTitle(self.tr("Mediation Desk (locked)"))

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        for widget in self.app.topLevelWidgets():
            if widget.isWindow():
                self.cover(widget)
        self.app.installEventFilter(self)  # a window opened while locked is covered too
        self.screen.show()
        self.screen.raise_()
        self.screen.activateWindow()
        self.screen.password.setFocus()
        self.locked_changed.emit(True)

    def unlock(self) -> None:
        if not self.locked:
            return
        self.app.removeEventFilter(self)
        for window, (cover, title) in list(self.covers.items()):
            if not isValid(window) or not isValid(cover):
                continue  # closed meanwhile
            window.removeEventFilter(cover)
            cover.hide()
            cover.deleteLater()
            window.setWindowTitle(title)
        self.covers.clear()
        self.locked = False
        self.screen.hide()
        self.locked_changed.emit(False)

    def forget(self) -> None:
        """The covered windows are going away (another user logged in): drop the covers."""
        for window, (cover, _title) in list(self.covers.items()):
            if isValid(window) and isValid(cover):
                window.removeEventFilter(cover)
        self.covers.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and \
                watched.isWindow() and not isinstance(watched, Cover):
            self.cover(watched)
        return False
