"""The first-run dialog: problems shown in Chinese next to their fields; nothing created
until the form is valid; then an encrypted desk with the director's account, and the
recovery key shown once."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from mediation_desk.security.keyfile import parse_recovery_key
from mediation_desk.services import auth
from mediation_desk.storage import directory
from mediation_desk.ui.dialogs.first_run import FirstRunDialog
from tests.ui.conftest import type_text


def test_first_run_validation_then_create(qtbot, tmp_path):
    path = tmp_path / "data" / "desk.db"
    dialog = FirstRunDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    create = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert create.text() == "创建"
    qtbot.keyClicks(dialog.edits["code"], "x")
    qtbot.keyClicks(dialog.edits["password"], "short")
    create.click()

    assert dialog.errors["name"].isVisible()
    assert dialog.errors["name"].text() == "请填写中心名称"
    assert "中心代码" in dialog.errors["code"].text()
    assert dialog.errors["director"].text() == "请填写主任的姓名"
    assert dialog.errors["password"].text() == "密码至少 8 个字符"
    assert not dialog.errors["linked_court"].isVisible()
    assert not path.exists() and auth.state(path) == "missing"
    assert dialog.result() != QDialog.DialogCode.Accepted

    type_text(qtbot, dialog.edits["name"], "湖田镇调解委员会")
    dialog.edits["code"].clear()
    qtbot.keyClicks(dialog.edits["code"], "ZD-HT")
    type_text(qtbot, dialog.edits["number_prefix"], "湖田")
    type_text(qtbot, dialog.edits["director"], "张主任")
    dialog.edits["password"].clear()
    type_text(qtbot, dialog.edits["password"], "湖田 mediation")
    type_text(qtbot, dialog.edits["password2"], "湖田 mediatio")
    create.click()
    assert dialog.errors["password2"].text() == "两次输入的密码不一致"
    assert not path.exists()
    qtbot.keyClicks(dialog.edits["password2"], "n")
    create.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert auth.state(path) == "encrypted" and auth.account_names(path) == ["张主任"]

    store = auth.login(path, "张主任", "湖田 mediation")
    try:
        center = directory.self_center(store.db)
        assert (center.name, center.code, center.number_prefix) == ("湖田镇调解委员会", "ZD-HT",
                                                                    "湖田")
        assert store.principal.name == "张主任" and store.key == dialog.key
    finally:
        store.close()

    shown = dialog.recovery_key_dialog()
    qtbot.addWidget(shown)
    shown.show()
    text = shown.key_label.text()
    assert len(text.split()) == 14 and all(len(g) == 4 for g in text.split())
    assert parse_recovery_key(text) == parse_recovery_key(dialog.recovery_key)
    assert not shown.ok.isEnabled()
    shown.reject()  # Esc: the key is never shown again, so it stays until it was copied
    assert shown.isVisible()
    sheet = tmp_path / "恢复密钥单.pdf"
    assert shown.save_sheet(sheet)
    assert sheet.read_bytes().startswith(b"%PDF") and shown.saved_label.isVisible()
    shown.confirm.setChecked(True)
    assert shown.ok.isEnabled()
    shown.ok.click()
    assert shown.result() == QDialog.DialogCode.Accepted
