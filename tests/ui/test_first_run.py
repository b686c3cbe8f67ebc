"""The first-run dialog: problems shown in Chinese next to their fields; nothing created."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from mediation_desk.storage import directory
from mediation_desk.storage.store import Store
from mediation_desk.ui.dialogs.first_run import FirstRunDialog
from tests.ui.conftest import type_text


def test_first_run_validation_then_create(qtbot, tmp_path):
    path = tmp_path / "data" / "desk.db"
    dialog = FirstRunDialog(path, actor="")
    qtbot.addWidget(dialog)
    dialog.show()
    create = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert create.text() == "创建"
    qtbot.keyClicks(dialog.edits["code"], "x")
    create.click()

    assert dialog.errors["name"].isVisible()
    assert dialog.errors["name"].text() == "请填写中心名称"
    assert "中心代码" in dialog.errors["code"].text()
    assert dialog.errors["actor"].text() == "请填写您的姓名"
    assert not dialog.errors["linked_court"].isVisible()
    assert not path.exists()
    assert dialog.result() != QDialog.DialogCode.Accepted

    type_text(qtbot, dialog.edits["name"], "湖田镇调解委员会")
    dialog.edits["code"].clear()
    qtbot.keyClicks(dialog.edits["code"], "ZD-HT")
    type_text(qtbot, dialog.edits["number_prefix"], "湖田")
    type_text(qtbot, dialog.edits["actor"], "张主任")
    create.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    store = Store.open(path)
    try:
        center = directory.self_center(store.db)
        assert (center.name, center.code, center.number_prefix) == ("湖田镇调解委员会", "ZD-HT",
                                                                    "湖田")
    finally:
        store.close()
