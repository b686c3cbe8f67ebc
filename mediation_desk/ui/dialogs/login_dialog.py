"""登录: the account's name and password; 忘记密码？ opens the recovery dialog.

The key file's refusals (no such account, wrong password, throttled, locked, a key file of
another database) are one Chinese sentence each (``services/auth.py``); the dialog shows it
under the field it is about. A successful unlock hands ``(account_id, key)`` to ``opener``,
which opens the desk (an account deactivated since its slot was written is refused there,
and shown the same way); the dialog keeps what ``opener`` returned in :attr:`opened` (None:
the opener asked something and the user declined; the dialog is then rejected).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError, ValidationError
from ..widgets.busy import busy
from ..widgets.field_error import FieldError, show_beside, with_error

Opener = Callable[[str, bytes], Any]

NAME_CODES = frozenset({"no_account", "account_inactive"})
"""Refusals about the name (shown under it); every other one goes under the password."""


class LoginDialog(QDialog):
    """Log in to the desk at ``path``; ``opened`` holds ``opener(account_id, key)``."""

    def __init__(self, path: Path, opener: Opener, parent: QWidget | None = None, *,
                 name: str = "", intro: str = "") -> None:
        from ...services.auth import account_names

        super().__init__(parent)
        self.path = Path(path)
        self.opener = opener
        self.opened: Any = None
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Log in to Mediation Desk"))
        heading = QLabel(intro or self.tr("Please log in. Every change you make is recorded "
                                          "under your name."))
        heading.setWordWrap(True)
        self.name = QComboBox()
        self.name.setObjectName("name")
        self.name.setEditable(True)
        self.name.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.name.addItems(account_names(self.path))
        self.name.setCurrentText(name or (self.name.itemText(0) if self.name.count() else ""))
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        name_box, self.name_error = with_error(self.name)
        password_box, self.password_error = with_error(self.password)
        self.name_error.setObjectName("name_error")
        self.password_error.setObjectName("password_error")
        form = QFormLayout()
        form.addRow(self.tr("&Name"), name_box)
        form.addRow(self.tr("&Password"), password_box)
        self.forgot = QPushButton(self.tr("Forgot password?"))
        self.forgot.setObjectName("forgot")
        self.forgot.setFlat(True)
        self.forgot.setCursor(Qt.CursorShape.PointingHandCursor)
        self.forgot.clicked.connect(self.recover)
        where = QLabel(self.tr("Database file: {0}").format(self.path))
        where.setWordWrap(True)
        where.setStyleSheet("color: palette(mid);")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Log in"))
        self.buttons.accepted.connect(self.log_in)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.forgot, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(where)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        (self.password if self.name.currentText() else self.name).setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        (self.password if self.name.currentText() else self.name).setFocus()

    def _show(self, name: list[str], password: list[str]) -> None:
        self.name_error.show_messages(name)
        self.password_error.show_messages(password)
        if name:
            self.name.setFocus()
        elif password:
            self.password.selectAll()
            self.password.setFocus()

    def log_in(self) -> None:
        """Unlock with the name and password, then open the desk; refusals beside the field."""
        from ...services.auth import unlock

        name = self.name.currentText().strip()
        if not name:
            self._show([self.tr("Please choose or enter your name")], [])
            return
        if not self.password.text():
            self._show([], [self.tr("Please enter your password")])
            return
        try:
            with busy():
                account_id, key = unlock(self.path, name, self.password.text())
                self.opened = self.opener(account_id, key)
        except DomainError as exc:
            self._refused(exc)
            return
        self.password.clear()
        if self.opened is None:  # the opener asked and the user declined
            self.reject()
        else:
            self.accept()

    def _refused(self, exc: DomainError) -> None:
        if exc.code in NAME_CODES:
            self._show([exc.message], [])
        else:
            self._show([], [exc.message])

    def recover(self) -> None:
        """忘记密码？: the recovery key gives a director a new password and logs them in."""
        dialog = RecoveryDialog(self.path, self, name=self.name.currentText().strip())
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.unlocked is None:
            return
        account_id, key, name = dialog.unlocked
        self.name.setCurrentText(name)
        try:
            with busy():
                self.opened = self.opener(account_id, key)
        except DomainError as exc:
            self._refused(exc)
            return
        self.accept()


class RecoveryDialog(QDialog):
    """The recovery key (恢复密钥单), a director's name and a new password twice."""

    def __init__(self, path: Path, parent: QWidget | None = None, *, name: str = "") -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.unlocked: tuple[str, bytes, str] | None = None
        self.setObjectName("recoveryDialog")
        self.setWindowTitle(self.tr("Forgot password: use the recovery key"))
        intro = QLabel(self.tr("Type the recovery key from the recovery key sheet kept in the "
                               "center's safe. It gives a director's account a new password; "
                               "the other accounts keep theirs."))
        intro.setWordWrap(True)
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, FieldError] = {}
        form = QFormLayout()
        captions = {"recovery_key": self.tr("&Recovery key"),
                    "name": self.tr("&Director's name"),
                    "password": self.tr("&New password"),
                    "password2": self.tr("Repeat the new &password")}
        for key, caption in captions.items():
            edit = QLineEdit()
            edit.setObjectName(key)
            if key.startswith("password"):
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            box, error = with_error(edit)
            error.setObjectName(f"{key}_error")
            self.edits[key], self.errors[key] = edit, error
            form.addRow(caption, box)
        self.edits["recovery_key"].setPlaceholderText("XXXX-XXXX-XXXX-…")
        self.edits["recovery_key"].setMinimumWidth(
            self.fontMetrics().horizontalAdvance("XXXX-" * 14))
        self.edits["name"].setText(name)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Set the new password"))
        self.buttons.accepted.connect(self.recover)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def value(self, key: str) -> str:
        text = self.edits[key].text()
        return text if key.startswith("password") else text.strip()

    def show_problems(self, problems: dict[str, list[str]]) -> None:
        show_beside(self.edits, self.errors, problems)

    def recover(self) -> None:
        from ...services.auth import password_problems, recover

        problems: dict[str, list[str]] = {}
        if not self.value("recovery_key"):
            problems["recovery_key"] = [self.tr("Please enter the recovery key")]
        if not self.value("name"):
            problems["name"] = [self.tr("Please enter the director's name")]
        if msgs := password_problems(self.value("password"), self.value("name")):
            problems["password"] = msgs
        elif self.value("password") != self.value("password2"):
            problems["password2"] = [self.tr("The two passwords differ")]
        self.show_problems(problems)
        if problems:
            return
        try:
            with busy():
                store = recover(self.path, self.value("recovery_key"), self.value("name"),
                                self.value("password"))
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        except DomainError as exc:
            field = "name" if exc.code == "no_account" else "recovery_key"
            self.show_problems({field: [exc.message]})
            return
        try:
            account, key = store.principal, store.key
            assert account is not None and key is not None
            self.unlocked = (account.id, key, account.name)
        finally:
            store.close()
        self.accept()
