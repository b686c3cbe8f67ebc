"""Screenshots of every page and the registration dialog on the screens a township has
(issue 15, "fits every laptop"): 1366×768 at 100 % and 150 % and 1920×1080, under Xvfb.

    .venv/bin/python docs/screenshots/shoot_fit.py DB        # e.g. the 100k demo database

DB is copied (with its .keys file) into a temporary folder first: the original is never
written. For each screen the script runs itself under ``xvfb-run`` with that screen size
(and ``QT_SCALE_FACTOR=1.5`` for 150 %), logs in as the demo's director, lets the main
window size itself (a fresh user data folder: nothing remembered), and grabs the whole
screen - so each picture shows where the window and the dialog sit on it - for every page
in the navigation, a case tab, the 笔录 (记录调解) and 调解协议 dialogs of a case being
mediated, and 登记案件 empty and after a save attempt with 「abc」 as the amount. Files: ``fit-<screen>-<what>.png`` (256-colour PNG to keep them small).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

SCREENS = {"1366x768": (1366, 768, "1"), "1366x768-150": (1366, 768, "1.5"),
           "1920x1080": (1920, 1080, "1")}


def main() -> None:
    if len(sys.argv) >= 4 and sys.argv[1] == "--child":
        shoot(Path(sys.argv[2]), sys.argv[3])
        return
    source = Path(sys.argv[1])
    with tempfile.TemporaryDirectory(prefix="shoot-fit-") as tmp:
        db = Path(tmp) / "desk.db"
        shutil.copyfile(source, db)
        shutil.copyfile(f"{source}.keys", f"{db}.keys")
        for name, (width, height, scale) in SCREENS.items():
            home = Path(tmp) / f"home-{name}"
            env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "QT_SCALE_FACTOR": scale,
                   "MEDIATION_DESK_HOME": str(home)}
            done = subprocess.run(["xvfb-run", "-a", "-s", f"-screen 0 {width}x{height}x24",
                                   sys.executable, "-X", "faulthandler", __file__, "--child",
                                   str(db), name], env=env, check=False)
            if done.returncode:
                print(f"{name}: the shooting process ended with {done.returncode}", flush=True)


def settle(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QApplication.processEvents()


def save(app, screen_name: str, what: str) -> None:
    from PIL import Image

    path = OUT / f"fit-{screen_name}-{what}.png"
    raw = path.with_suffix(".raw.png")
    app.primaryScreen().grabWindow(0).save(str(raw))
    with Image.open(raw) as image:
        image.convert("RGB").quantize(colors=256).save(path, optimize=True)
    raw.unlink()
    print("saved", path.name, flush=True)


def shoot_modal(app, button, screen_name: str, what: str) -> None:
    """Click ``button`` (it opens a modal dialog), grab the screen once it shows, close it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    def grab(tries: int = 0) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            if tries < 50:
                QTimer.singleShot(100, lambda: grab(tries + 1))
            return
        settle(1000)
        save(app, screen_name, what)
        dialog._dirty = False  # type: ignore[attr-defined]  # a FormDialog: no question
        dialog.reject()

    QTimer.singleShot(100, grab)
    button.click()


def shoot_case_dialogs(app, window, screen_name: str) -> None:
    """笔录 (记录调解) and 登记调解协议 of a case being mediated, from its case tab."""
    from mediation_desk.domain.enums import CaseStatus
    from mediation_desk.domain.state_machine import Action
    from mediation_desk.ui.main_window import PAGE_CASES

    window.nav.setCurrentRow(PAGE_CASES)
    window.case_tabs.setCurrentIndex(0)
    model = window.cases.model
    mediating = next((model.listed(r).row.id for r in range(model.rowCount())
                      if model.listed(r).row.status is CaseStatus.MEDIATING), None)
    if mediating is None:
        print("no case being mediated on the first page: no case dialogs", flush=True)
        return
    window.open_case(mediating)
    settle(1500)
    detail = window.case_detail(window.case_tabs.currentIndex())
    for action, what in ((Action.RECORD_SESSION, "session-record"),
                         (Action.RECORD_AGREEMENT, "agreement")):
        button = detail.view.action_buttons[action]
        if button.isEnabled():
            shoot_modal(app, button, screen_name, what)
            settle(500)
        else:
            print(f"{what}: {button.toolTip()}", flush=True)


def shoot(db: Path, screen_name: str) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from mediation_desk.ui.garbage import GarbageCollector

    # as the application does: cycles collected on the GUI thread only, never on the
    # database door's (a Qt object destroyed there crashes at random)
    collector = GarbageCollector(app).start()
    from mediation_desk.services.demo import demo_login
    from mediation_desk.ui import i18n
    from mediation_desk.ui.context import Services
    from mediation_desk.ui.dialogs.register_case import RegisterCaseDialog
    from mediation_desk.ui.main_window import (
        PAGE_CASES,
        PAGE_COURT,
        PAGE_DASHBOARD,
        PAGE_EXCHANGE,
        PAGE_MEDIATORS,
        PAGE_SETTINGS,
        MainWindow,
    )
    from mediation_desk.ui.tasks import TaskRunner

    i18n.install(app, "zh_CN")
    services = Services.login(db, TaskRunner(), *demo_login(db))  # as 演示主任
    window = MainWindow(services)
    window.start()
    window.show()
    settle(3000)
    names = {PAGE_DASHBOARD: "dashboard", PAGE_CASES: "cases", PAGE_MEDIATORS: "mediators",
             PAGE_SETTINGS: "settings", PAGE_EXCHANGE: "exchange",
             window.page_statistics: "statistics", window.page_accounts: "accounts",
             window.page_my_work: "my-cases"}
    if window.court is not None:
        names[PAGE_COURT] = "court"
    for row in range(window.nav.count()):
        if window.nav.item(row).isHidden() or row not in names:
            continue
        window.nav.setCurrentRow(row)
        settle(4000 if row == window.page_statistics else 1500)
        save(app, screen_name, names[row])

    window.nav.setCurrentRow(PAGE_CASES)
    settle(800)
    if window.cases.model.rowCount():
        window.cases.table.selectRow(0)
        window.cases.table.setCurrentIndex(window.cases.model.index(0, 0))
        window.cases._activated(window.cases.table.currentIndex())
        settle(2000)
        save(app, screen_name, "case")

    shoot_case_dialogs(app, window, screen_name)

    dialog = RegisterCaseDialog(services, window)
    dialog.show()
    settle(800)
    save(app, screen_name, "register")
    dialog.view.amount.edit.setText("abc")
    dialog.save_button.click()  # nothing else filled in: every error beside its field
    settle(800)
    save(app, screen_name, "register-errors")
    dialog._dirty = False
    dialog.reject()
    window.discard_forms()
    window.close()
    services.close()
    collector.stop()


if __name__ == "__main__":
    main()
