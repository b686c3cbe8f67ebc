"""Screenshots of the login, the lock screen, the first-run recovery key and the 账户 page
(Xvfb, 1366×768).

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/shoot_login.py

Builds a 200-case demo database in a temporary folder (MEDIATION_DESK_HOME there too) and
writes login.png, login-error.png, lock-screen.png, recovery-key.png, accounts.png and
accounts-new.png. The lock screen is taken from the whole screen: the covered main window
with an open case behind the lock card.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

TMP = Path(tempfile.mkdtemp())
os.environ["MEDIATION_DESK_HOME"] = str(TMP / "home")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from shots import OUT, settle, shoot  # noqa: E402 - puts the repository on sys.path

from mediation_desk.app import Application, parse_args  # noqa: E402
from mediation_desk.security.keyfile import format_recovery_key, new_recovery_secret  # noqa: E402
from mediation_desk.services.demo import build_demo, demo_login  # noqa: E402
from mediation_desk.ui import i18n  # noqa: E402
from mediation_desk.ui.context import Services  # noqa: E402
from mediation_desk.ui.dialogs.account_dialogs import NewAccountDialog  # noqa: E402
from mediation_desk.ui.dialogs.login_dialog import LoginDialog  # noqa: E402
from mediation_desk.ui.dialogs.recovery_key_dialog import RecoveryKeyDialog  # noqa: E402
from mediation_desk.ui.tasks import TaskRunner  # noqa: E402


def centre(app: QApplication, widget: QWidget) -> None:
    widget.adjustSize()
    screen = app.primaryScreen().availableGeometry()
    frame = widget.frameGeometry()
    frame.moveCenter(screen.center())
    widget.move(frame.topLeft())


def shoot_screen(app: QApplication, name: str) -> None:
    settle(app, 600)
    app.primaryScreen().grabWindow(0).save(str(OUT / name))


def main() -> None:
    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    db = TMP / "mediation-desk.db"
    build_demo(db, cases=200, seed=3)
    runner = TaskRunner()

    # 登录: the demo's director filled in; then a wrong password's sentence
    login = LoginDialog(db, lambda account_id, key: Services.login(db, runner, account_id, key),
                        name="演示主任")
    centre(app, login)
    shoot(app, login, "login.png")
    login.password.setText("wrong-password")
    login.log_in()
    shoot(app, login, "login-error.png")
    login.close()

    # the main window as 演示主任, a case open, then locked
    account_id, key = demo_login(db)
    services = Services.login(db, runner, account_id, key)
    desk = Application(app, services, parse_args([]))
    desk.show_window()
    window = desk.window
    assert window is not None
    window.setGeometry(app.primaryScreen().availableGeometry())
    window.show()
    settle(app, 1500)
    window.open_case(window.cases.model.case_id(0))
    settle(app, 800)
    desk.lock()
    centre(app, desk.lock_screen)
    shoot_screen(app, "lock-screen.png")
    desk.lock_screen.password.setText("demo")
    desk.lock_screen.try_unlock()
    settle(app)

    # 账户: the director's list, then the new-account form with an error beside a field
    window.nav.setCurrentRow(window.page_accounts)
    settle(app, 800)
    window.grab().save(str(OUT / "accounts.png"))
    form = NewAccountDialog(services, window)
    form.name.setText("孙晓雯")
    form.fields["password"].setText("1234")
    form._ok()
    centre(app, form)
    shoot(app, form, "accounts-new.png")
    form.reject()

    # the first run's recovery key (a fresh key, shown once)
    center = services.center()
    shown = RecoveryKeyDialog(format_recovery_key(new_recovery_secret()),
                              center_name=center.name if center else "",
                              center_code=center.code if center else "",
                              director_name="演示主任", created=date.today())
    centre(app, shown)
    shoot(app, shown, "recovery-key.png")
    shown.confirm.setChecked(True)
    shown.accept()

    window.discard_forms()
    window.close()
    services.close()
    runner.shutdown()


if __name__ == "__main__":
    main()
