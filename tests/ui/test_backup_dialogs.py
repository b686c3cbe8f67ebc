"""文件 → 备份 / 恢复 / 演练恢复, the automatic backups and the backup settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from mediation_desk.services import backup as backups
from mediation_desk.services.settings import load_settings
from mediation_desk.storage.backup import default_backup_dir
from mediation_desk.storage.connection import connect
from mediation_desk.storage.store import Store
from mediation_desk.ui.dialogs.backup_dialogs import AutoBackup, BackupsDialog
from mediation_desk.ui.main_window import MainWindow
from mediation_desk.ui.pages.settings_page import SettingsPage
from tests.conftest import case_input
from tests.ui.conftest import type_text


def on_modal(kind: type, act, seen: list) -> None:
    """When the next modal window of ``kind`` opens, do ``act(window)`` (like a person would)."""
    def check(tries: int = 0) -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, kind):
            seen.append(w)
            act(w)
        elif tries < 200:
            QTimer.singleShot(10, lambda: check(tries + 1))
    QTimer.singleShot(0, check)


def _ok(box: QMessageBox) -> None:
    button = box.button(QMessageBox.StandardButton.Ok) or box.button(
        QMessageBox.StandardButton.Yes)
    button.click()


def _register(services) -> str:
    return services.cases.register("测试员", case_input()).id


def _cases(db: Path, key: bytes) -> int:
    con = connect(db, key=key, readonly=True)
    try:
        return con.execute("SELECT count(*) FROM cases").fetchone()[0]
    finally:
        con.close()


def test_file_menu_has_the_backup_actions(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    assert [window.backup_action.text(), window.restore_action.text(),
            window.practice_action.text()] == ["备份(&U)…", "恢复(&R)…", "演练恢复(&P)…"]


def test_back_up_now_then_practice_restore(qtbot, services, db_path):
    _register(services)
    dialog = BackupsDialog(services, "backup")
    qtbot.addWidget(dialog)
    dialog.show()
    assert str(default_backup_dir()) in dialog.folder_label.text()
    assert dialog.table.rowCount() == 0
    seen: list = []
    on_modal(QMessageBox, lambda box: (seen.append(box.text()), _ok(box)), [])
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "手动"
    assert dialog.table.item(0, 3).text() == "1"
    assert dialog.table.item(0, 4).text() == "是"
    assert seen and "已备份并校验通过" in seen[0]

    practice = BackupsDialog(services, "practice")
    qtbot.addWidget(practice)
    practice.show()
    assert practice.selected() is not None
    shown: list = []
    on_modal(QMessageBox, lambda box: (shown.append(box.text()), _ok(box)), [])
    qtbot.mouseClick(practice.action_button, Qt.MouseButton.LeftButton)
    assert practice.last_report is not None and practice.last_report.verified
    assert "案件 1 件" in shown[0] and "正在使用的数据库没有改动" in shown[0]
    assert _cases(db_path, services.key) == 1


def test_restore_from_the_menu_reopens_the_database(qtbot, services, db_path, clock):
    from mediation_desk.app import Application, parse_args

    first = _register(services)
    record = backups.take_backup(db_path, "manual", key=services.key)
    _register(services)
    desk = Application(QApplication.instance(), services, parse_args([]))
    desk.clock = clock
    desk.show_window()
    old_window = desk.window  # deleted when the database is reopened
    messages: list = []
    # the list dialog: pick the backup and confirm; then the message after the restore
    on_modal(BackupsDialog, lambda d: (
        on_modal(QMessageBox, lambda box: (
            on_modal(QMessageBox, lambda done: (messages.append(done.text()), _ok(done)), []),
            _ok(box)), []),
        d.use(record.path)), [])
    old_window.backups("restore")
    qtbot.waitUntil(lambda: bool(messages), timeout=5000)
    try:
        assert desk.services is not services and desk.window is not old_window
        assert "已从" in messages[0] and "另存" in messages[0]
        assert _cases(db_path, services.key) == 1
        assert desk.services.cases.get(first).id == first
        asides = list(db_path.parent.glob("desk.db.before-restore-*"))
        assert len(asides) == 1 and _cases(asides[0], services.key) == 2
        action = desk.services.run(lambda s: s.store.db.execute(
            "SELECT action FROM audit ORDER BY seq DESC LIMIT 1").fetchone()[0])
        assert action == "restore_backup"
        assert QApplication.instance().quitOnLastWindowClosed()
    finally:
        desk.window.close()
        desk.services.close()


def test_automatic_daily_and_closing_backups(qtbot, services, db_path):
    from mediation_desk.ui.context import Services

    window = MainWindow(services)
    qtbot.addWidget(window)
    auto = AutoBackup(lambda: services, lambda: window)
    auto.daily()
    [daily] = backups.list_backups(db_path)
    assert daily.reason == "daily" and daily.verified
    assert "已自动备份" in window.statusBar().currentMessage()
    auto.daily()  # one a day
    assert len(backups.list_backups(db_path)) == 1
    # nothing written since the daily backup: closing repeats nothing (closing after writing
    # backs up: tests/services/test_backup.py::test_closing_backup_only_when_something_was_written)
    assert auto.on_close(services) is None
    assert [r.reason for r in backups.list_backups(db_path)] == ["daily"]
    assert isinstance(services, Services)


def test_backup_settings_on_the_settings_page(qtbot, services, db_path, tmp_path):
    page = SettingsPage(services)
    qtbot.addWidget(page)
    page.show()
    page.load()
    assert page.backup_dir.text() == ""
    assert page.backup_keep["backup_keep_daily"].value() == 7
    type_text(qtbot, page.backup_dir, "相对路径")
    page.save()
    assert page.errors["backup_dir"].isVisible() and "完整路径" in page.errors["backup_dir"].text()
    page.backup_dir.clear()
    stick = tmp_path / "u盘"
    stick.mkdir()
    type_text(qtbot, page.backup_dir, str(stick))
    page.backup_keep["backup_keep_monthly"].setValue(24)
    assert page.save()
    other = Store.open(db_path, readonly=True, key=services.key)
    try:
        s = load_settings(other)
    finally:
        other.close()
    assert s.backup_dir == str(stick) and s.backup_keep_monthly == 24
    record = backups.take_backup(db_path, "manual", key=services.key)
    assert record.path.parent == stick


def test_a_refused_restore_reopens_the_database_as_it_was(qtbot, services, db_path, clock):
    from mediation_desk.app import Application, parse_args

    _register(services)
    record = backups.take_backup(db_path, "manual", key=services.key)
    _register(services)
    desk = Application(QApplication.instance(), services, parse_args([]))
    desk.clock = clock
    desk.show_window()
    holder = connect(db_path, key=services.key)  # e.g. a command still running on the file
    holder.execute("SELECT count(*) FROM cases").fetchone()
    shown: list = []
    on_modal(QMessageBox, lambda box: (shown.append(box.text()), _ok(box)), [])
    try:
        desk.restore(str(record.path))
        qtbot.waitUntil(lambda: bool(shown), timeout=5000)
        assert "正被其他程序使用" in shown[0] and "未改动" in shown[0]
        assert desk.window is not None and desk.window.isVisible()
        assert _cases(db_path, services.key) == 2
        assert not list(db_path.parent.glob("desk.db.before-restore-*"))
    finally:
        holder.close()
        desk.window.close()
        desk.services.close()
