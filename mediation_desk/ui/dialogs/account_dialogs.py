"""The account forms: a new account, a role change, a password (new, reset or one's own).

Each form checks what it can before it calls the service (a password typed twice the same)
and shows the service's own refusals (``ValidationError`` problems by field) under the
field they name, in Chinese. The service call runs on the database thread; nothing is
written unless it succeeds (``services/auth.py`` orders the key file and the database).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import Account, Role
from ...domain.errors import DomainError, ValidationError
from .. import errors
from ..context import Services
from ..widgets.busy import busy
from ..widgets.field_error import FieldError, show_beside, with_error


def role_combo() -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("role")
    for role in (Role.MEDIATOR, Role.DIRECTOR, Role.LIAISON, Role.READONLY):
        combo.addItem(role.label, role.value)
    return combo


class AccountForm(QDialog):
    """A form of named fields with an error line under each; ``submit`` does the work."""

    def __init__(self, services: Services, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(title)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, FieldError] = {}
        self.form = QFormLayout()
        self.general = FieldError()
        self.general.setObjectName("general_error")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def add(self, key: str, caption: str, field: QWidget) -> QWidget:
        field.setObjectName(key)
        box, error = with_error(field)
        error.setObjectName(f"{key}_error")
        self.fields[key], self.errors[key] = field, error
        self.form.addRow(caption, box)
        return field

    def add_password(self, key: str, caption: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.add(key, caption, edit)
        return edit

    def text(self, key: str) -> str:
        field = self.fields[key]
        assert isinstance(field, QLineEdit)
        return field.text()

    def show_problems(self, problems: dict[str, list[str]]) -> None:
        general: list[str] = []
        for key, msgs in problems.items():
            if key not in self.errors:
                general.extend(msgs)
        self.general.show_messages(general)
        show_beside(self.fields, self.errors, problems)

    def passwords_differ(self, problems: dict[str, list[str]], key: str = "password") -> None:
        """Add the rules' problems with the new password, or that the two copies differ."""
        from ...services.auth import password_problems

        if msgs := password_problems(self.text(key), self.name_for_rules()):
            problems[key] = msgs
        elif self.text(key) != self.text(f"{key}2"):
            problems[f"{key}2"] = [self.tr("The two passwords differ")]

    def name_for_rules(self) -> str:
        return ""

    def check(self) -> dict[str, list[str]]:
        return {}

    def submit(self) -> Any:
        raise NotImplementedError

    def _ok(self) -> None:
        problems = self.check()
        self.show_problems(problems)
        if problems:
            return
        try:
            with busy():
                self.result_value = self.submit()
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        except DomainError as exc:
            self.show_problems({"": [exc.message]})
            return
        except Exception as exc:  # noqa: BLE001 - shown, never raised into Qt
            errors.report(exc, self)
            return
        self.accept()

    def run_accounts(self, fn: Callable[[Any], Any]) -> Any:
        """``fn(AccountService)`` on the database thread."""
        from ...services.auth import AccountService

        return self.services.run(lambda s: fn(AccountService(s.store)))


class NewAccountDialog(AccountForm):
    """新建账户: name, role, the roster entry of a mediator, the first password twice."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, self.tr("New account"), parent)
        self.name = QLineEdit()
        self.add("name", self.tr("&Name"), self.name)
        self.role = role_combo()
        self.add("role", self.tr("&Role"), self.role)
        self.mediator = QComboBox()
        self.add("mediator", self.tr("&Mediator on the roster"), self.mediator)
        for m in services.read_mediators.mediators(include_inactive=False):
            self.mediator.addItem(m.name, m.id)
        self.add_password("password", self.tr("First &password"))
        self.add_password("password2", self.tr("Repeat the pass&word"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        self.role.currentIndexChanged.connect(self._role_changed)
        self.name.textChanged.connect(self._suggest_mediator)
        self._role_changed()
        self.intro.setText(self.tr("Tell the person their first password in private; they "
                                   "can change it after logging in."))
        self.intro.show()

    def _role_changed(self) -> None:
        self.mediator.setEnabled(self.role.currentData() == Role.MEDIATOR.value)

    def _suggest_mediator(self, text: str) -> None:
        index = self.mediator.findText(text.strip())
        if index >= 0:
            self.mediator.setCurrentIndex(index)

    def name_for_rules(self) -> str:
        return self.name.text().strip()

    def check(self) -> dict[str, list[str]]:
        from ...services.auth import name_problems

        problems: dict[str, list[str]] = {}
        if msgs := name_problems(self.name.text()):
            problems["name"] = msgs
        if self.role.currentData() == Role.MEDIATOR.value and self.mediator.currentData() is None:
            problems["mediator"] = [self.tr("Add the mediator to the roster first (page "
                                            "Mediators)")]
        self.passwords_differ(problems)
        return problems

    def submit(self) -> Account:
        name, role = self.name.text(), Role(self.role.currentData())
        mediator_id = self.mediator.currentData() if role is Role.MEDIATOR else None
        password = self.text("password")
        account: Account = self.run_accounts(lambda a: a.create(name, role, password,
                                                                mediator_id=mediator_id))
        return account


class RoleDialog(AccountForm):
    """修改角色: the account's new role (and, for a mediator, their roster entry)."""

    def __init__(self, services: Services, account: Account,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, self.tr("Change the role of {0}").format(account.name),
                         parent)
        self.account = account
        self.role = role_combo()
        self.role.setCurrentIndex(max(self.role.findData(account.role.value), 0))
        self.add("role", self.tr("&Role"), self.role)
        self.mediator = QComboBox()
        self.add("mediator", self.tr("&Mediator on the roster"), self.mediator)
        for m in services.read_mediators.mediators(include_inactive=False):
            self.mediator.addItem(m.name, m.id)
        wanted = account.mediator_id or ""
        index = self.mediator.findData(wanted) if wanted else self.mediator.findText(
            account.name)
        self.mediator.setCurrentIndex(max(index, 0))
        self.role.currentIndexChanged.connect(
            lambda: self.mediator.setEnabled(self.role.currentData() == Role.MEDIATOR.value))
        self.mediator.setEnabled(account.role is Role.MEDIATOR)

    def submit(self) -> Account:
        role = Role(self.role.currentData())
        mediator_id = self.mediator.currentData() if role is Role.MEDIATOR else None
        account: Account = self.run_accounts(lambda a: a.set_role(self.account.id, role,
                                                                  mediator_id=mediator_id))
        return account


class PasswordDialog(AccountForm):
    """A new password twice: reset by a director, set when reactivating, or one's own
    (then the old password first)."""

    def __init__(self, services: Services, account: Account, mode: str,
                 parent: QWidget | None = None) -> None:
        titles = {"reset": self.tr("Reset the password of {0}"),
                  "activate": self.tr("Reactivate {0} with a new password"),
                  "own": self.tr("Change my password ({0})")}
        super().__init__(services, titles[mode].format(account.name), parent)
        self.account = account
        self.mode = mode
        if mode == "own":
            self.add_password("old_password", self.tr("&Current password"))
        self.add_password("password", self.tr("&New password"))
        self.add_password("password2", self.tr("Repeat the new pass&word"))
        if mode == "reset":
            self.intro.setText(self.tr("The account's lockout is cleared. Tell the person the "
                                       "new password in private."))
            self.intro.show()

    def name_for_rules(self) -> str:
        return self.account.name

    def check(self) -> dict[str, list[str]]:
        problems: dict[str, list[str]] = {}
        if self.mode == "own" and not self.text("old_password"):
            problems["old_password"] = [self.tr("Please enter your current password")]
        self.passwords_differ(problems)
        return problems

    def submit(self) -> Any:
        new = self.text("password")
        if self.mode == "own":
            old = self.text("old_password")
            return self.run_accounts(lambda a: a.change_password(old, new))
        if self.mode == "activate":
            return self.run_accounts(lambda a: a.set_active(self.account.id, True,
                                                            new_password=new))
        return self.run_accounts(lambda a: a.reset_password(self.account.id, new))
