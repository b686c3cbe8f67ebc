"""The first-run dialog: problems shown in Chinese next to their fields; nothing created
until the form is valid; then an encrypted desk with the director's account, and the
recovery key shown once."""

from __future__ import annotations

from PySide6.QtCore import Qt
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


def test_first_run_creates_a_court_desk(qtbot, tmp_path):
    from mediation_desk.domain.enums import CenterKind
    from mediation_desk.services import exchange
    from mediation_desk.ui.dialogs.first_run import COURT

    path = tmp_path / "court.db"
    dialog = FirstRunDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose(COURT)
    # a court desk has no case-number prefix or linked court, but its court code
    assert not dialog.edits["number_prefix"].isVisible()
    assert not dialog.edits["linked_court"].isVisible()
    assert dialog.edits["court_code"].isVisible()
    assert dialog.form.labelForField(dialog.edits["name"]).text() == "法院名称(&N)"
    dialog.create_button.click()
    assert dialog.errors["name"].text() == "请填写法院名称"
    assert dialog.errors["code"].text() == "工作台代码应为2到32位字母、数字、下划线或短横线"
    assert dialog.errors["court_code"].text() == "请填写法院代字，例如 鲁0303"
    assert dialog.errors["director"].text() == "请填写法院联络人的姓名"
    assert not path.exists()

    type_text(qtbot, dialog.edits["name"], "张店区人民法院")
    qtbot.keyClicks(dialog.edits["code"], "ZD-FY")
    type_text(qtbot, dialog.edits["court_code"], "鲁0303")
    type_text(qtbot, dialog.edits["director"], "李法官")
    type_text(qtbot, dialog.edits["password"], "court pass 2026")
    type_text(qtbot, dialog.edits["password2"], "court pass 2026")
    dialog.create_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    store = auth.login(path, "李法官", "court pass 2026")
    try:
        center = directory.self_center(store.db)
        assert (center.name, center.code, center.kind, center.court_code) == (
            "张店区人民法院", "ZD-FY", CenterKind.COURT, "鲁0303")
        assert center.number_prefix == "" and exchange.own_card(store).kind == "court"
        assert store.principal.role.value == "director"
    finally:
        store.close()


def test_switching_kinds_keeps_the_center_form(qtbot, tmp_path):
    from mediation_desk.ui.dialogs.first_run import CENTER, COURT, FIELD

    dialog = FirstRunDialog(tmp_path / "x.db", director="王主任")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.kind() == CENTER and dialog.edits["number_prefix"].isVisible()
    assert not dialog.edits["court_code"].isVisible()
    dialog.choose(FIELD)
    assert dialog.field.isVisible() and not dialog.edits["name"].isVisible()
    assert dialog.field.file.isVisible() and not dialog.field.name.isVisible()
    dialog.choose(COURT)
    dialog.choose(CENTER)
    assert dialog.form.labelForField(dialog.edits["name"]).text() == "中心名称(&N)"
    assert dialog.value("director") == "王主任"


def test_a_short_screen_scrolls_the_form_and_keeps_create_in_view(qtbot, tmp_path):
    """At 150 % a 1366x768 laptop is 911x512: the form scrolls, Create and Cancel stay."""
    dialog = FirstRunDialog(tmp_path / "x.db")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.height() <= dialog.screen().availableGeometry().height() - 48
    dialog.resize(660, 280)
    qtbot.waitUntil(lambda: dialog.height() == 280)
    qtbot.waitUntil(dialog.scroll.verticalScrollBar().isVisible)
    for button in (dialog.create_button,
                   dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)):
        assert button.isVisible() and dialog.rect().contains(
            button.mapTo(dialog, button.rect().bottomRight()))
    dialog.edits["password"].setFocus()
    qtbot.keyClick(dialog.edits["password"], Qt.Key.Key_Tab)  # Tab to a field out of view:
    assert dialog.edits["password2"].hasFocus()  # the form scrolls to it
    qtbot.waitUntil(lambda: dialog.scroll.verticalScrollBar().value() > 0)
