"""The 账户 page: a director adds an account, resets a password, changes a role, deactivates
and reactivates; a mediator changes their own password. Errors beside the fields, in
Chinese; a refused form writes nothing."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from mediation_desk.domain.access import Role
from mediation_desk.services import auth
from mediation_desk.ui.dialogs.account_dialogs import NewAccountDialog, PasswordDialog, RoleDialog
from mediation_desk.ui.pages.accounts_page import AccountsPage
from tests.ui.conftest import READONLY, TEAM_PASSWORD, type_text


def when_modal(kind: type, act) -> None:
    def check(tries: int = 0) -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, kind):
            act(w)
        elif tries < 300:
            QTimer.singleShot(10, lambda: check(tries + 1))
    QTimer.singleShot(0, check)


def page_for(qtbot, services) -> AccountsPage:
    page = AccountsPage(services)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    return page


def select(page: AccountsPage, name: str) -> None:
    row = [a.name for a in page.model.rows].index(name)
    page.table.setCurrentIndex(page.model.index(row, 0))


def test_a_director_manages_the_accounts(qtbot, team, director_services):
    page = page_for(qtbot, director_services)
    assert sorted((a.name, a.role) for a in page.model.rows) == sorted([
        ("周明", Role.MEDIATOR), ("检查员", Role.READONLY), ("测试主任", Role.DIRECTOR)])
    row = [a.name for a in page.model.rows].index("周明")
    assert page.model.index(row, 2).data() == "周明"  # the roster entry
    assert page.model.index(row, 3).data() == "在用"

    seen: list[str] = []

    def fill_new(dialog: NewAccountDialog) -> None:
        type_text(qtbot, dialog.name, "孙联络")
        dialog.role.setCurrentIndex(dialog.role.findData(Role.LIAISON.value))
        assert not dialog.mediator.isEnabled()
        dialog.fields["password"].setText("short")
        dialog.buttons.accepted.emit()
        seen.append(dialog.errors["password"].text())
        dialog.fields["password"].setText("liaison pass 1")
        dialog.fields["password2"].setText("liaison pass 2")
        dialog.buttons.accepted.emit()
        seen.append(dialog.errors["password2"].text())
        dialog.fields["password2"].setText("liaison pass 1")
        dialog.buttons.accepted.emit()

    when_modal(NewAccountDialog, fill_new)
    page.add_button.click()
    assert seen == ["密码至少 8 个字符", "两次输入的密码不一致"]
    assert "孙联络" in page.status.text()
    assert "孙联络" in auth.account_names(team.path)
    assert "孙联络" in [a.name for a in page.model.rows]

    # a duplicate name is refused beside the name, nothing written
    dupe: list[str] = []

    def fill_dupe(dialog: NewAccountDialog) -> None:
        type_text(qtbot, dialog.name, "孙联络")
        dialog.role.setCurrentIndex(dialog.role.findData(Role.READONLY.value))
        dialog.fields["password"].setText("another pass 1")
        dialog.fields["password2"].setText("another pass 1")
        dialog.buttons.accepted.emit()
        dupe.append(dialog.errors["name"].text())
        dialog.reject()

    when_modal(NewAccountDialog, fill_dupe)
    page.add_button.click()
    assert dupe and "已有名为“孙联络”的账户" in dupe[0]

    # reset a password: the person logs in with the new one
    select(page, READONLY)

    def fill_reset(dialog: PasswordDialog) -> None:
        dialog.fields["password"].setText("fresh pass 99")
        dialog.fields["password2"].setText("fresh pass 99")
        dialog.buttons.accepted.emit()

    when_modal(PasswordDialog, fill_reset)
    page.reset_button.click()
    auth.login(team.path, READONLY, "fresh pass 99").close()

    # change a role
    select(page, "孙联络")

    def to_readonly(dialog: RoleDialog) -> None:
        dialog.role.setCurrentIndex(dialog.role.findData(Role.READONLY.value))
        dialog.buttons.accepted.emit()

    when_modal(RoleDialog, to_readonly)
    page.role_button.click()
    assert "只读" in page.status.text()

    # deactivate after asking; the key slot goes, the name stays
    select(page, "孙联络")
    assert page.active_button.text() == "停用(&D)"
    when_modal(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    page.active_button.click()
    assert "孙联络" not in auth.account_names(team.path)
    select(page, "孙联络")
    assert page.model.index(page.table.currentIndex().row(), 3).data() == "已停用"
    assert not page.reset_button.isEnabled() and page.active_button.text() == "启用(&A)…"

    # the director cannot deactivate themself
    select(page, "测试主任")
    assert not page.active_button.isEnabled() and page.active_button.toolTip()


def test_a_mediator_changes_their_own_password(qtbot, team, mediator_services):
    page = page_for(qtbot, mediator_services)
    assert [a.name for a in page.model.rows] == ["周明"]
    assert page.add_button.isHidden() and not page.own_button.isHidden()
    shown: list[str] = []

    def fill(dialog: PasswordDialog) -> None:
        dialog.fields["old_password"].setText("not my password")
        dialog.fields["password"].setText("my new pass 7")
        dialog.fields["password2"].setText("my new pass 7")
        dialog.buttons.accepted.emit()
        shown.append(dialog.errors["old_password"].text())
        dialog.fields["old_password"].setText(TEAM_PASSWORD)
        dialog.buttons.accepted.emit()
        shown.append(str(dialog.result() == QDialog.DialogCode.Accepted))

    when_modal(PasswordDialog, fill)
    page.own_button.click()
    assert shown == ["原密码不正确", "True"]
    assert "已修改" in page.status.text()
    auth.login(team.path, "周明", "my new pass 7").close()
