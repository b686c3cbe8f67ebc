"""GUI start-up: choose the database, log in, build the services, show the main window.

``mediation-desk``            the database in the user data folder (first-run dialog if new)
``mediation-desk --db PATH``  a given database file
``mediation-desk --demo``     a freshly generated demo database (``--demo-cases N``, default
                              2000), at the login screen with 演示主任 filled in
``--lang en|zh_CN``           interface language for this run (default: the saved setting)
``mediation-desk FILE.mdx``   an exchange file (a double click on it in Windows): the desk
                              logs in as usual, then shows the 交换 page's import preview of
                              it; if the desk is already open, that window shows it instead

Every way in logs in (ui/dialogs/login_dialog.py): a new file gets the first-run dialog
(center and director's account, then the recovery key once), an old unencrypted file is
encrypted by its director first (ui/dialogs/encrypt_dialog.py). Scripts (the start-up
benchmark) may log in with MEDIATION_DESK_USER and MEDIATION_DESK_PASSWORD, as for the CLI.
Idle time locks the program (ui/lock.py); another account may log in at the lock screen.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
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

from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, QTimer  # noqa: E402
from PySide6.QtGui import QIcon, QImageReader, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget  # noqa: E402

from .ui import errors, i18n, temp_folder  # noqa: E402
from .ui.context import Services  # noqa: E402
from .ui.garbage import GarbageCollector  # noqa: E402
from .ui.lock import IdleWatcher  # noqa: E402
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
    p.add_argument("--user", help="the account name the login screen offers first")
    p.add_argument("--exit-after-first-rows", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("bundle", nargs="?", type=Path, metavar="FILE.mdx",
                   help="an exchange file to preview for import (a double click on it)")
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


def generate_demo(runner: TaskRunner, cases: int, seed: int,
                  report: Callable[[BaseException], object] = errors.report) -> Path | None:
    """Build a fresh demo database off the GUI thread behind a progress dialog; older demo
    databases are removed there too (services/demo_cleanup.py)."""
    from .services.demo import build_demo
    from .services.demo_cleanup import remove_old_demos

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

    def build(progress):
        result = build_demo(path, cases=cases, seed=seed, progress=progress.report)
        try:  # the older demos go (this one and the newest two stay); never fails the demo
            remove_old_demos(folder, keep=path)
        except Exception:  # noqa: BLE001 - logged; the demo opens anyway
            log.warning("old demo databases were not cleaned up", exc_info=True)
        return result

    run_with_progress(runner, None, QDialog.tr("Generating demo cases…"), build, done, failed)
    if not outcome:
        loop.exec()
    if "error" in outcome:
        report(outcome["error"])
        return None
    return path


DEMO_DIRECTOR = "演示主任"


def choose_database(args: argparse.Namespace, runner: TaskRunner,
                    report: Callable[[BaseException], object] = errors.report) -> Path | None:
    """The database to open (None: the user cancelled)."""
    if args.demo:
        return generate_demo(runner, args.demo_cases, args.seed, report)
    if args.db is not None:
        return args.db
    return data_dir() / DB_NAME


def report_on_stderr(exc: BaseException, parent: QWidget | None = None) -> None:
    """An error of an unattended start (``--exit-after-first-rows``): logged and written to
    stderr in Chinese, no message box waiting for a click that never comes."""
    title, text = errors.report(exc, parent, show=False)
    print(f"{title}：{text}", file=sys.stderr, flush=True)


def unattended_problem(path: Path | None) -> str | None:
    """Why an unattended start (a smoke test) would have to wait for a person: no login
    from MEDIATION_DESK_USER / MEDIATION_DESK_PASSWORD, or a database that needs the first-run
    or encryption dialog. None: it can log in and show the first rows on its own."""
    if not os.environ.get("MEDIATION_DESK_USER") or \
            os.environ.get("MEDIATION_DESK_PASSWORD") is None:
        return ("--exit-after-first-rows 不弹出登录窗口：请用环境变量 MEDIATION_DESK_USER 和 "
                "MEDIATION_DESK_PASSWORD 给出账户和密码（演示数据库：演示主任 / demo）。")
    if path is not None:
        from .services.auth import state

        if state(path) != "encrypted":
            return (f"--exit-after-first-rows 只打开已建立的加密数据库，{path} 还需要首次运行"
                    "或加密窗口。请先用 mediation-desk init 建立它。")
    return None


def first_run(path: Path, runner: TaskRunner) -> Services | None:
    """No database yet: the first-run dialog creates it with the director's account, the
    recovery key is shown once, and the director is logged in."""
    from .ui.dialogs.first_run import FirstRunDialog

    dialog = FirstRunDialog(path, director=load_profile().get("user", ""))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    save_profile(user=dialog.value("director"))
    dialog.recovery_key_dialog().exec()
    dialog.recovery_key = ""
    return Services.login(path, runner, dialog.account_id, dialog.key)


def encrypt_first(path: Path, runner: TaskRunner) -> Services | None:
    """An old plain database: its director encrypts it, sees the recovery key, logs in."""
    from datetime import date

    from .services.auth import unlock
    from .ui.dialogs.encrypt_dialog import EncryptDialog
    from .ui.dialogs.recovery_key_dialog import RecoveryKeyDialog

    dialog = EncryptDialog(path, runner=runner)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    name = dialog.value("name")
    account_id, key = unlock(path, name, dialog.value("password"))
    services = Services.login(path, runner, account_id, key)
    center = services.center()
    RecoveryKeyDialog(dialog.recovery_key, center_name=center.name if center else "",
                      center_code=center.code if center else "", director_name=name,
                      created=date.today()).exec()
    dialog.recovery_key = ""
    save_profile(user=name)
    return services


def log_in(path: Path, runner: TaskRunner, *, name: str = "") -> Services | None:
    """The login for ``path`` (first run and encryption included); None: cancelled."""
    from .services.auth import state, unlock
    from .ui.dialogs.login_dialog import LoginDialog

    kind = state(path)
    if kind == "missing":
        return first_run(path, runner)
    if kind == "plain":
        return encrypt_first(path, runner)
    user, password = os.environ.get("MEDIATION_DESK_USER"), \
        os.environ.get("MEDIATION_DESK_PASSWORD")
    if user and password is not None:  # a script (the start-up benchmark), as for the CLI
        account_id, key = unlock(path, user, password)
        return Services.login(path, runner, account_id, key)
    dialog = LoginDialog(path, lambda account_id, key: Services.login(path, runner,
                                                                       account_id, key),
                         name=name or load_profile().get("user", ""))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    services: Services = dialog.opened
    if services.account is not None:
        save_profile(user=services.account.name)
    return services


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
        self.idle: IdleWatcher | None = None
        from .ui.lock import Locker, LockScreen

        self.lock_screen = LockScreen(self._account_name(), self._check_password)
        self.lock_screen.switch_requested.connect(self.other_user)
        self.locker = Locker(app, self.lock_screen)

    # -- locking and switching user -------------------------------------------------
    def _account_name(self) -> str:
        account = self.services.account
        return account.name if account is not None else ""

    def _check_password(self, password: str) -> bool:
        from .services.auth import check_password

        return self.services.run(lambda s: check_password(s.store, password))

    def start_idle_lock(self) -> None:
        """Lock after the settings' idle minutes without input (only for a logged-in desk)."""
        from .ui.lock import IdleWatcher

        if self.services.account is None:
            return
        minutes = self.services.load_settings().lock_minutes
        if self.idle is None:
            self.idle = IdleWatcher(self.app, minutes)
            self.idle.idle.connect(self.lock)
        else:
            self.idle.set_minutes(minutes)

    def lock(self) -> None:
        """Cover every window and show the lock screen (idle time, or 账户 → 锁定)."""
        if self.services.account is None:
            return
        self.lock_screen.set_name(self._account_name())
        self.locker.lock()

    def switch_user(self) -> None:
        """账户 → 切换用户: lock, then the login of another account."""
        self.lock()
        if self.locker.locked:
            self.other_user()

    def other_user(self) -> None:
        """At the lock screen: log in as another account (or the same one, which unlocks)."""
        from .ui.dialogs.login_dialog import LoginDialog

        path = self.services.db_path
        if path is None:
            return
        dialog = LoginDialog(path, self._open_other, self.lock_screen, name="",
                             intro=QDialog.tr("Log in as another user. The open forms of "
                                              "{0} are closed first.").format(
                                                  self._account_name()))
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.opened is None:
            return
        if dialog.opened is self.services:
            self.locker.unlock()
            return
        self.switch_to(dialog.opened)

    def _open_forms(self) -> list[QWidget]:
        return [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QDialog) and w.isVisible() and not self.locker.exempt(w)]

    def _open_other(self, account_id: str, key: bytes) -> Services | None:
        """The login dialog's opener at the lock screen: ask before closing the forms."""
        from .ui.tasks import TaskRunner

        current = self.services.account
        if current is not None and current.id == account_id:
            return self.services  # the same person: just unlock
        forms = len(self._open_forms()) + (self.window.open_forms() if self.window else 0)
        if forms:
            box = QMessageBox(QMessageBox.Icon.Question, QDialog.tr("Switch user"),
                              QDialog.tr("{0} has {1} open form(s) or case tab(s). They will "
                                         "be closed and unsaved changes in them are lost. "
                                         "Continue?").format(self._account_name(), forms),
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                              QApplication.activeModalWidget())
            box.setObjectName("closeFormsBox")
            if box.exec() != QMessageBox.StandardButton.Yes:
                return None
        return Services.login(self.services.db_path or Path(), TaskRunner(
            on_error=self.services.tasks.on_error,
            synchronous=self.services.tasks.synchronous), account_id, key, clock=self.clock)

    def switch_to(self, services: Services) -> None:
        """Another account logged in: close the first one's forms and window, show theirs."""
        for form in self._open_forms():
            form.reject()
        self.locker.forget()
        old, old_services = self.window, self.services
        geometry = old.geometry() if old is not None else None
        if old is not None:
            old.discard_forms()
            old.hide()
            old.deleteLater()
            self.window = None
        old_services.close()
        self.services = services
        self.show_window()
        if geometry is not None and self.window is not None and not self.window.layout_restored:
            self.window.setGeometry(geometry)  # where the last one was, unless theirs is known
        self.locker.unlock()
        self.lock_screen.set_name(self._account_name())
        self.start_idle_lock()

    def show_window(self) -> None:
        from .ui.main_window import MainWindow

        old = self.window
        self.window = MainWindow(self.services)
        self.window.language_changed.connect(self.switch_language)
        self.window.restore_requested.connect(self.restore)
        self.window.lock_requested.connect(self.lock)
        self.window.switch_user_requested.connect(self.switch_user)
        self.window.settings_saved.connect(self.start_idle_lock)
        report = report_on_stderr if self.args.exit_after_first_rows else errors.report
        self.services.tasks.on_error = lambda exc: report(exc, self.window)
        if old is not None:
            self.window.setGeometry(old.geometry())
            old.deleteLater()
        if self.args.exit_after_first_rows:
            self.window.first_rows_shown.connect(self._first_rows)
        self.window.start()  # queries go to the worker and run while the window paints
        self.window.show()

    def open_exchange_file(self, path: Path) -> None:
        """An exchange file given at start or by a second start (a double click on an .mdx):
        the 交换 page shows the import preview of it, exactly as its 导入 button would,
        refusals included; nothing is imported without the person's 导入."""
        from .ui.main_window import PAGE_EXCHANGE

        window = self.window
        if window is None or self.locker.locked:
            return  # locked: only the lock screen comes forward; 导入 is there after it
        window.nav.setCurrentRow(PAGE_EXCHANGE)
        window.exchange.preview(path)

    def restore(self, backup: str) -> None:
        """File → Restore: close the window and the database, restore, open both again."""
        from .ui.dialogs.backup_dialogs import restore_and_reopen

        if self.window is not None and not self.window.close():
            return  # an unsaved case edit was kept
        quit_on_close = self.app.quitOnLastWindowClosed()
        self.app.setQuitOnLastWindowClosed(False)  # no window while the restore runs
        key, account = self.services.key, self.services.account

        def reopen(message: str, error: BaseException | None) -> None:
            try:
                self.services = Services.open(self.services.db_path, self.services.tasks,
                                              key=key, account=account,
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
        model = self.window.cases.model if self.window is not None else None
        if model is not None and model.rowCount():
            print(f"ROWS {model.rowCount()} {model.listed(0).row.number}", flush=True)
        print(f"FIRST_ROWS {time.time():.6f}", flush=True)
        QTimer.singleShot(0, self.app.quit)


QT_PLATFORM_VARIABLE = "MEDIATION_DESK_QT_PLATFORM"


def qt_platform_from_environment() -> None:
    """Copy MEDIATION_DESK_QT_PLATFORM to QT_QPA_PLATFORM before Qt starts: Wine drops the
    QT_* variables it passes to a Windows program, so its smoke test uses another name."""
    platform = os.environ.get(QT_PLATFORM_VARIABLE)
    if platform:
        os.environ["QT_QPA_PLATFORM"] = platform


def app_icon() -> QIcon:
    """The application icon: every size in mediation_desk/resources/icons/app.ico (read from
    its bytes, so it works the same from a wheel, a zip or a frozen app)."""
    from .resources import resource

    data = QByteArray(resource("icons", "app.ico").read_bytes())
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, b"ico")
    icon = QIcon()
    for _ in range(max(1, reader.imageCount())):
        image = reader.read()
        if image.isNull():
            break
        icon.addPixmap(QPixmap.fromImage(image))
        if not reader.jumpToNextImage():
            break
    if icon.isNull():
        log.warning("the application icon could not be read")
    return icon


def main(argv: Sequence[str] | None = None) -> int:
    from .console import use_utf8

    use_utf8()  # stderr (and the smoke test's stdout lines) in UTF-8 on any console
    args = parse_args(sys.argv[1:] if argv is None else argv)
    setup_logging()
    qt_platform_from_environment()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("MediationDesk")
    app.setApplicationDisplayName("调解工作台")
    app.setWindowIcon(app_icon())
    # unattended (a smoke test): an unexpected error is logged, not shown, and fails the run
    hook = errors.ExceptionHook(show=not args.exit_after_first_rows).install()
    # cycles are collected on this (the GUI) thread only, never on the database door's
    collector = GarbageCollector(app).start()
    i18n.install(app, args.lang or i18n.DEFAULT_LANGUAGE)
    temp_folder.remove_stale()  # private temporary folders a crashed run left behind
    unattended = args.exit_after_first_rows  # a smoke test: nobody to click a dialog
    report = report_on_stderr if unattended else errors.report
    runner = TaskRunner(on_error=report)
    try:
        problem = unattended_problem(None) if unattended else None
        path = None if problem else choose_database(args, runner, report)
        if path is not None and unattended:
            problem = unattended_problem(path)
        if problem:
            print(problem, file=sys.stderr, flush=True)
            return 2
        if path is None:
            return 1 if unattended else 0
        holder: dict[str, Application] = {}
        instance = SingleInstance(path, lambda: holder["desk"].raise_window()
                                  if "desk" in holder else "",
                                  open_file=lambda bundle: holder["desk"].open_exchange_file(
                                      bundle) if "desk" in holder else None)
        running = instance.claim(open_file=args.bundle)
        if running is not None and args.bundle is not None:
            return 0  # the open window came forward and shows the file's import preview
        if running is not None and unattended:
            print(f"数据库已在另一个窗口打开（{running}）。", file=sys.stderr, flush=True)
            return 1
        if running is not None:
            QMessageBox.information(
                None, QDialog.tr("Mediation Desk"),
                QDialog.tr("This database is already open in another window ({0}); that "
                           "window was brought to the front.").format(running))
            return 0
        try:
            services = log_in(path, runner, name=args.user or (DEMO_DIRECTOR if args.demo
                                                               else ""))
        except Exception as exc:  # noqa: BLE001 - shown, then exit
            report(exc)
            return 1
        if services is None:
            return 0
        language = args.lang or services.load_settings().language
        if language != i18n.current_language():
            i18n.install(app, language)
        desk = holder["desk"] = Application(app, services, args)
        desk.show_window()
        desk.start_idle_lock()
        desk.auto_backup.start()
        if args.bundle is not None:  # once the window is up and the event loop runs
            QTimer.singleShot(0, lambda: desk.open_exchange_file(args.bundle))
        code = app.exec()
        instance.release()
        desk.close()  # closes the database (a restore may have reopened it) and backs it up
        if unattended and hook.shown:
            for title, text in hook.shown:
                print(f"{title}：{text}", file=sys.stderr, flush=True)
            return code or 1
        return code
    finally:
        runner.shutdown()
        collector.stop()
        hook.uninstall()
