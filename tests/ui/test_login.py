"""Logging in like a person: the name offered, a wrong password's sentence beside the field,
throttling after failures, 忘记密码？ with the recovery key, and an old plain database
encrypted by its director before anyone opens it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from mediation_desk.services import auth
from mediation_desk.services.desk import init_desk
from mediation_desk.ui.context import Services
from mediation_desk.ui.dialogs.encrypt_dialog import EncryptDialog
from mediation_desk.ui.dialogs.login_dialog import LoginDialog, RecoveryDialog
from mediation_desk.ui.tasks import TaskRunner
from tests.ui.conftest import DIRECTOR, MEDIATOR, READONLY, TEAM_PASSWORD, type_text

OPENED: list[Services] = []


def opener(path):
    def open_(account_id: str, key: bytes) -> Services:
        OPENED.append(Services.login(path, TaskRunner(synchronous=True), account_id, key))
        return OPENED[-1]
    return open_


def close_opened() -> None:
    while OPENED:
        OPENED.pop().close()


def test_login_shows_the_key_files_sentence_beside_the_field(qtbot, team):
    dialog = LoginDialog(team.path, opener(team.path), name=MEDIATOR)
    qtbot.addWidget(dialog)
    dialog.show()
    assert sorted(dialog.name.itemText(i) for i in range(dialog.name.count())) == sorted(
        [DIRECTOR, MEDIATOR, READONLY])
    assert dialog.name.currentText() == MEDIATOR and dialog.ok.text() == "登录"
    try:
        dialog.ok.click()  # no password
        assert dialog.password_error.text() == "请输入密码"
        qtbot.keyClicks(dialog.password, "wrong password")
        dialog.ok.click()
        assert dialog.password_error.isVisible()
        assert dialog.password_error.text().startswith("密码不正确")
        assert dialog.result() != QDialog.DialogCode.Accepted and not OPENED

        dialog.name.setCurrentText("张三丰")
        dialog.password.setText(TEAM_PASSWORD)
        dialog.ok.click()
        assert "没有名为“张三丰”的账户" in dialog.name_error.text()
        assert not dialog.password_error.isVisible()

        dialog.name.setCurrentText(MEDIATOR)
        dialog.password.setText(TEAM_PASSWORD)
        dialog.ok.click()
        assert dialog.result() == QDialog.DialogCode.Accepted
        services = dialog.opened
        assert services.account.name == MEDIATOR and services.actor == MEDIATOR
        assert services.account.role.label == "调解员"
        assert dialog.password.text() == ""  # not kept in the widget
    finally:
        close_opened()


def test_failures_are_throttled(qtbot, team):
    dialog = LoginDialog(team.path, opener(team.path), name=READONLY)
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(auth.kf.FREE_ATTEMPTS):
        dialog.password.setText("not the password")
        dialog.ok.click()
    dialog.password.setText(TEAM_PASSWORD)  # even the right one waits now
    dialog.ok.click()
    text = dialog.password_error.text()
    assert "秒后再试" in text and "5 次" in text
    assert dialog.result() != QDialog.DialogCode.Accepted and not OPENED


def test_forgot_password_with_the_recovery_key(qtbot, team):
    dialog = RecoveryDialog(team.path, name=DIRECTOR)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.buttons()[0]
    qtbot.keyClicks(dialog.edits["recovery_key"], "ABCD-EFGH")
    qtbot.keyClicks(dialog.edits["password"], "a new director pw")
    qtbot.keyClicks(dialog.edits["password2"], "a new director pw")
    dialog.buttons.accepted.emit()
    assert "14 组" in dialog.errors["recovery_key"].text()
    assert dialog.unlocked is None
    dialog.edits["password2"].setText("something else")
    dialog.edits["recovery_key"].setText(team.recovery_key.lower())
    dialog.buttons.accepted.emit()
    assert dialog.errors["password2"].text() == "两次输入的密码不一致"
    dialog.edits["password2"].setText("a new director pw")
    dialog.buttons.accepted.emit()
    assert ok is not None and dialog.result() == QDialog.DialogCode.Accepted
    account_id, key, name = dialog.unlocked
    assert name == DIRECTOR and key == team.key
    store = auth.login(team.path, DIRECTOR, "a new director pw")
    store.close()


def test_an_old_plain_database_is_encrypted_by_its_director(qtbot, db_path, clock):
    init_desk(db_path, code="ZD-MS", name="马尚街道调解中心", clock=clock).close()
    assert auth.state(db_path) == "plain"
    dialog = EncryptDialog(db_path, runner=TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.edits["name"], "张主任")
    qtbot.keyClicks(dialog.edits["password"], "1234")
    dialog.buttons.accepted.emit()
    assert dialog.errors["password"].text() == "密码至少 8 个字符"
    assert auth.state(db_path) == "plain"  # refused: nothing changed
    dialog.edits["password"].setText("old desk secret")
    dialog.edits["password2"].setText("old desk secret")
    dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert auth.state(db_path) == "encrypted" and len(dialog.recovery_key.split("-")) == 14
    assert auth.account_names(db_path) == ["张主任"]
