"""GUI start-up: choose the database, build the services, show the main window.

``mediation-desk``            the database in the user data folder (first-run dialog if new)
``mediation-desk --db PATH``  a given database file
``mediation-desk --demo``     a freshly generated demo database (``--demo-cases N``, default 2000)
``--lang en|zh_CN``           interface language for this run (default: the saved setting)
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

# The storage and service layers are imported before Qt, on purpose: once PySide6
# is loaded it inspects every module imported after it (it reads the module's
# source looking for ``__feature__``), which made these imports about a third
# slower. Measured with benchmarks/bench_startup.py.
from .logs import data_dir, setup_logging
from .services import cases as _cases
from .services import desk as _desk
from .storage import store as _store

_LOADED_BEFORE_QT = (_cases, _desk, _store)

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox  # noqa: E402

from .ui import errors, i18n, temp_folder  # noqa: E402
from .ui.context import Services, default_actor  # noqa: E402
from .ui.single_instance import SingleInstance  # noqa: E402
from .ui.tasks import TaskRunner, run_with_progress  # noqa: E402

log = logging.getLogger(__name__)
DB_NAME = "mediation-desk.db"
PROFILE = "desk.json"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="mediation-desk", description="调解工作台")
    p.add_argument("--db", type=Path, help="open this database file")
    p.add_argument("--demo", action="store_true", help="open a freshly generated demo database")
    p.add_argument("--demo-cases", type=int, default=2000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--lang", choices=i18n.LANGUAGES)
    p.add_argument("--exit-after-first-rows", action="store_true", help=argparse.SUPPRESS)
    return p.parse_args(list(argv))


def load_profile() -> dict:
    try:
        return json.loads((data_dir() / PROFILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def save_profile(**values: str) -> None:
    profile = load_profile() | values
    try:
        (data_dir() / PROFILE).write_text(json.dumps(profile, ensure_ascii=False), "utf-8")
    except OSError:
        log.warning("could not save the profile")


def generate_demo(runner: TaskRunner, cases: int, seed: int) -> Path | None:
    """Build a fresh demo database off the GUI thread behind a progress dialog."""
    from .services.demo import build_demo

    folder = data_dir() / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"demo-{time.strftime('%Y%m%d-%H%M%S')}.db"
    loop = QEventLoop()
    outcome: dict = {}

    def done(result) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(exc: BaseException) -> None:
        outcome["error"] = exc
        loop.quit()

    run_with_progress(runner, None, QDialog.tr("Generating demo cases…"),
                      lambda progress: build_demo(path, cases=cases, seed=seed,
                                                  progress=progress.report), done, failed)
    if not outcome:
        loop.exec()
    if "error" in outcome:
        errors.report(outcome["error"])
        return None
    return path


def choose_database(args: argparse.Namespace, runner: TaskRunner) -> Path | None:
    """The database to open (None: the user cancelled)."""
    if args.demo:
        return generate_demo(runner, args.demo_cases, args.seed)
    if args.db is not None:
        return args.db
    path = data_dir() / DB_NAME
    if path.exists():
        return path
    from .ui.dialogs.first_run import FirstRunDialog

    dialog = FirstRunDialog(path, actor=load_profile().get("actor") or default_actor())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    save_profile(actor=dialog.value("actor"))
    return path


class Application:
    """Holds the services and the (re-creatable) main window."""

    def __init__(self, app: QApplication, services: Services, args: argparse.Namespace) -> None:
        self.app = app
        self.services = services
        self.args = args
        self.window = None
        self.clock = None  # tests pass the store's clock, used when the database is reopened
        from .ui.dialogs.backup_dialogs import AutoBackup

        self.auto_backup = AutoBackup(lambda: self.services, lambda: self.window)

    def show_window(self) -> None:
        from .ui.main_window import MainWindow

        old = self.window
        self.window = MainWindow(self.services)
        self.window.language_changed.connect(self.switch_language)
        self.window.restore_requested.connect(self.restore)
        self.services.tasks.on_error = lambda exc: errors.report(exc, self.window)
        if old is not None:
            self.window.setGeometry(old.geometry())
            old.deleteLater()
        if self.args.exit_after_first_rows:
            self.window.first_rows_shown.connect(self._first_rows)
        self.window.start()  # queries go to the worker and run while the window paints
        self.window.show()

    def restore(self, backup: str) -> None:
        """File → Restore: close the window and the database, restore, open both again."""
        from .ui.dialogs.backup_dialogs import restore_and_reopen

        if self.window is not None and not self.window.close():
            return  # an unsaved case edit was kept
        quit_on_close = self.app.quitOnLastWindowClosed()
        self.app.setQuitOnLastWindowClosed(False)  # no window while the restore runs

        def reopen(message: str, error: BaseException | None) -> None:
            try:
                self.services = Services.open(self.services.db_path, self.services.tasks,
                                              actor=self.services.actor, clock=self.clock)
            except Exception as exc:  # noqa: BLE001 - shown, then the program ends
                errors.report(exc)
                self.app.quit()
                return
            finally:
                self.app.setQuitOnLastWindowClosed(quit_on_close)
            self.show_window()
            if error is not None:
                errors.report(error, self.window)
            else:
                QMessageBox.information(self.window, QDialog.tr("Restore from a backup"), message)

        restore_and_reopen(self.services, Path(backup), reopen)

    def close(self) -> None:
        """Close the database and take the closing backup."""
        self.auto_backup.on_close(self.services)

    def raise_window(self) -> str:
        """Bring the window to the front (a second start asked); return its title."""
        window = self.window
        if window is None:
            return ""
        window.showNormal()
        window.raise_()
        window.activateWindow()
        return f"{window.windowTitle() or '调解工作台'}，{self.services.db_path}"

    def switch_language(self, language: str) -> None:
        """Re-create the window in the new language (unsaved case edits are asked about)."""
        old = self.window
        if old is not None and not old.close():
            return
        i18n.install(self.app, language)
        self.show_window()
        self.window.nav.setCurrentRow(3)

    def _first_rows(self) -> None:
        self.app.processEvents()  # paint them
        print(f"FIRST_ROWS {time.time():.6f}", flush=True)
        QTimer.singleShot(0, self.app.quit)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    setup_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("MediationDesk")
    app.setApplicationDisplayName("调解工作台")
    hook = errors.ExceptionHook().install()
    i18n.install(app, args.lang or i18n.DEFAULT_LANGUAGE)
    temp_folder.remove_stale()  # private temporary folders a crashed run left behind
    runner = TaskRunner(on_error=errors.report)
    try:
        path = choose_database(args, runner)
        if path is None:
            return 0
        holder: dict[str, Application] = {}
        instance = SingleInstance(path, lambda: holder["desk"].raise_window()
                                  if "desk" in holder else "")
        running = instance.claim()
        if running is not None:
            QMessageBox.information(
                None, QDialog.tr("Mediation Desk"),
                QDialog.tr("This database is already open in another window ({0}); that "
                           "window was brought to the front.").format(running))
            return 0
        try:
            services = Services.open(path, runner, actor=load_profile().get("actor"))
        except Exception as exc:  # noqa: BLE001 - shown, then exit
            errors.report(exc)
            return 1
        language = args.lang or services.load_settings().language
        if language != i18n.current_language():
            i18n.install(app, language)
        desk = holder["desk"] = Application(app, services, args)
        desk.show_window()
        desk.auto_backup.start()
        code = app.exec()
        instance.release()
        desk.close()  # closes the database (a restore may have reopened it) and backs it up
        return code
    finally:
        runner.shutdown()
        hook.uninstall()
