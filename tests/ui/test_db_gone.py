"""The database file deleted under the open desk: the save is refused and a copy offered.

A person types a mediator, the file has gone (USB stick pulled, deleted by
someone else), Save says nothing was saved and offers 「另存副本…」; the copy
they pick holds everything saved before.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
)

from mediation_desk.storage.store import Store
from mediation_desk.ui.dialogs.mediator_dialog import MediatorDialog
from tests.ui.conftest import type_text
from tests.ui.helpers import register


def delete_database(db_path) -> None:
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(f"{db_path}{suffix}"):
            os.unlink(f"{db_path}{suffix}")


def test_save_after_the_file_was_deleted_offers_a_copy(qtbot, services, db_path, tmp_path,
                                                       monkeypatch):
    saved = register(services, "张三", "李四")
    delete_database(db_path)
    target = tmp_path / "rescued.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    seen: dict[str, str] = {}

    def confirm_copy() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen["confirmation"] = f"{box.objectName()}: {box.text()}"
            box.accept()

    def answer_error() -> None:  # records what it saw; never leaves a modal box open
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return
        seen["error"] = box.text()
        button = box.findChild(QPushButton, "saveCopyButton")
        if button is None:
            box.reject()
            return
        seen["button"] = button.text()
        QTimer.singleShot(0, confirm_copy)
        button.click()

    dialog = MediatorDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.name, "刘洋")
    QTimer.singleShot(0, answer_error)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    assert "已被移动、删除或替换" in seen["error"] and "没有保存" in seen["error"]
    assert seen.get("button") == "另存副本…"
    assert seen["confirmation"].startswith("copySavedBox") and str(target) in seen["confirmation"]
    assert dialog.isVisible()  # the form keeps what was typed
    copy = Store.open(target, readonly=True, key=services.key)
    try:
        numbers = [r[0] for r in copy.db.execute("SELECT number FROM cases")]
        mediators = [r[0] for r in copy.db.execute("SELECT name FROM mediators")]
    finally:
        copy.close()
    assert numbers == [saved.number] and mediators == []


def test_other_storage_errors_offer_no_copy(qtbot, services):
    from mediation_desk.storage.connection import StorageError
    from mediation_desk.ui import errors

    dialog = MediatorDialog(services)
    qtbot.addWidget(dialog)
    found: list = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        found.append(box.findChild(QPushButton, "saveCopyButton"))
        box.accept()

    QTimer.singleShot(0, look)
    errors.report(StorageError("磁盘空间已满，刚才的操作没有保存。", code="disk_full"), dialog)
    assert found == [None]
