"""Auto-lock: idle time locks, the lock screen covers every window (the main window and an
open form), only the same user's password unlocks, and another user's login closes the first
user's forms after asking."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox

from mediation_desk.app import Application, parse_args
from mediation_desk.services import auth
from mediation_desk.ui.lock import Cover, IdleWatcher
from mediation_desk.ui.main_window import PAGE_SETTINGS
from tests.conftest import case_input
from tests.ui.conftest import DIRECTOR, DIRECTOR_PASSWORD, MEDIATOR, TEAM_PASSWORD


def covered(window) -> bool:
    cover = window.findChild(Cover)
    return cover is not None and cover.isVisible() and cover.geometry() == window.rect()


def answer(kind: type, act) -> None:
    """When the next modal window of ``kind`` opens, ``act(window)``."""
    def check(tries: int = 0) -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, kind):
            act(w)
        elif tries < 300:
            QTimer.singleShot(10, lambda: check(tries + 1))
    QTimer.singleShot(0, check)


def test_idle_time_emits_idle_and_input_restarts_it(qtbot, qapp):
    watcher = IdleWatcher(qapp, minutes=0.005)  # 300 ms
    label = QLabel("x")
    qtbot.addWidget(label)
    label.show()
    try:
        with qtbot.waitSignal(watcher.idle, timeout=10_000):
            pass
        watcher.restart()
        assert watcher.timer.isActive()
        watcher.timer.stop()  # then input must start it again (no race with the clock)
        move = QMouseEvent(QEvent.Type.MouseMove, QPointF(2, 2), QPointF(2, 2),
                           Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                           Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(label, move)
        assert watcher.timer.isActive()  # started again
    finally:
        watcher.stop()


def test_lock_covers_every_window_until_the_same_user_unlocks(qtbot, services):
    case = services.cases.register(services.actor, case_input())
    desk = Application(QApplication.instance(), services, parse_args([]))
    desk.show_window()
    window = desk.window
    qtbot.addWidget(window)
    window.open_case(case.id)
    form = QDialog(window)
    form.setWindowTitle(f"修改案件 {case.number}")
    form.show()
    try:
        window.lock_action.trigger()
        assert desk.locker.locked and desk.lock_screen.isVisible()
        assert covered(window) and covered(form)
        assert case.number not in form.windowTitle() and "已锁定" in window.windowTitle()
        assert DIRECTOR in desk.lock_screen.who.text()

        screen = desk.lock_screen
        screen.password.setText("not it at all")
        screen.unlock_button.click()
        assert screen.error.text() == "密码不正确。" and desk.locker.locked
        screen.reject()  # Esc does nothing
        assert screen.isVisible()
        late = QDialog(window)  # a window opened while locked (a timer's message) is covered
        late.show()
        assert covered(late)
        late.close()

        screen.password.setText(DIRECTOR_PASSWORD)
        screen.unlock_button.click()
        assert not desk.locker.locked and not screen.isVisible()
        qtbot.waitUntil(lambda: not covered(window) and not covered(form))
        assert form.windowTitle() == f"修改案件 {case.number}" and form.isVisible()
        assert window.open_forms() == 1  # nothing was closed
    finally:
        form.close()
        window.discard_forms()


def test_idle_lock_follows_the_setting(qtbot, services):
    settings = services.load_settings()
    assert settings.lock_minutes == 10
    settings.lock_minutes = 3
    services.save_settings(settings)
    desk = Application(QApplication.instance(), services, parse_args([]))
    desk.show_window()
    qtbot.addWidget(desk.window)
    desk.start_idle_lock()
    try:
        assert desk.idle is not None and desk.idle.timer.interval() == 3 * 60_000
        desk.idle.idle.emit()  # the time ran out
        assert desk.locker.locked and covered(desk.window)
    finally:
        desk.locker.unlock()
        desk.idle.stop()


def test_another_user_logs_in_at_the_lock_screen(qtbot, director_services):
    services = director_services
    case = services.cases.register(services.actor, case_input())
    desk = Application(QApplication.instance(), services, parse_args([]))
    desk.show_window()
    first = desk.window
    first.open_case(case.id)
    path = services.db_path
    desk.lock()
    asked: list[str] = []

    def yes(box: QMessageBox) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    def log_in_as_mediator(dialog) -> None:
        dialog.name.setCurrentText(MEDIATOR)
        dialog.password.setText(TEAM_PASSWORD)
        answer(QMessageBox, yes)
        dialog.ok.click()

    from mediation_desk.ui.dialogs.login_dialog import LoginDialog

    answer(LoginDialog, log_in_as_mediator)
    desk.lock_screen.switch_button.click()
    try:
        assert asked and DIRECTOR in asked[0] and "1 个" in asked[0] and "丢失" in asked[0]
        assert desk.services is not services and desk.services.account.name == MEDIATOR
        assert desk.services.actor == MEDIATOR
        assert not desk.locker.locked and desk.window is not first
        assert desk.window.open_forms() == 0 and not first.isVisible()
        assert MEDIATOR in desk.window.account_label.text()
        assert desk.window.nav.item(PAGE_SETTINGS).isHidden()  # 设置: a director's page
        assert auth.account_names(path)  # the key file untouched
    finally:
        desk.window.close()
        desk.services.close()
