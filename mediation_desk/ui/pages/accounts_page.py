"""账户 Accounts: a director manages the desk's accounts; everyone changes their own password.

A director sees every account (name, role, the roster entry of a mediator, active) and can
add one, reset a password, change a role, deactivate and reactivate
(``services.auth.AccountService``). Every other role sees only their own account and
「修改我的密码」. The buttons follow the same permission table the service enforces, and the
service refuses anyway.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import Account
from ...services.session import DeskSession
from .. import errors
from ..context import Services

COL_NAME, COL_ROLE, COL_MEDIATOR, COL_ACTIVE = range(4)
Index = QModelIndex | QPersistentModelIndex


class AccountTable(QAbstractTableModel):
    """The accounts with the roster name of each mediator's entry."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Account] = []
        self.mediator_names: dict[str, str] = {}
        self.states: dict[str, str] = {}  # locked / mistyped lately (services/auth.py)
        self.headers = [self.tr("Name"), self.tr("Role"), self.tr("Mediator on the roster"),
                        self.tr("Status")]

    def set_rows(self, rows: list[Account], mediator_names: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows, self.mediator_names = rows, mediator_names
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        account = self.rows[index.row()]
        column = index.column()
        if column == COL_NAME:
            return account.name
        if column == COL_ROLE:
            return account.role.label
        if column == COL_MEDIATOR:
            return self.mediator_names.get(account.mediator_id or "", "")
        state = self.tr("active") if account.active else self.tr("deactivated")
        sign_in = self.states.get(account.id, "")
        return f"{state}（{sign_in}）" if sign_in else state


class AccountsPage(QWidget):
    """The accounts list (directors) and 修改我的密码 (everyone)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        title = QLabel(self.tr("Accounts"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        title.setFont(font)
        account = services.account
        self.me = QLabel(self.tr("Logged in as {0}").format(account.label) if account else "")
        self.me.setObjectName("loggedInAs")
        self.model = AccountTable(self)
        self.table = QTableView()
        self.table.setObjectName("accounts")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("&New account…"))
        self.reset_button = QPushButton(self.tr("&Reset password…"))
        self.role_button = QPushButton(self.tr("Change r&ole…"))
        self.active_button = QPushButton(self.tr("&Deactivate"))
        self.own_button = QPushButton(self.tr("Change &my password…"))
        for name, button in (("newAccount", self.add_button), ("resetPassword",
                                                               self.reset_button),
                             ("changeRole", self.role_button),
                             ("toggleActive", self.active_button),
                             ("changeOwnPassword", self.own_button)):
            button.setObjectName(name)
        self.add_button.clicked.connect(self.add)
        self.reset_button.clicked.connect(self.reset_password)
        self.role_button.clicked.connect(self.change_role)
        self.active_button.clicked.connect(self.toggle_active)
        self.own_button.clicked.connect(self.change_own_password)
        self.status = QLabel()
        self.status.setObjectName("accountsStatus")
        buttons = QHBoxLayout()
        for b in (self.add_button, self.reset_button, self.role_button, self.active_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.own_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.me)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.manages = services.allowed("create_account")
        for button, action in ((self.add_button, "create_account"),
                               (self.reset_button, "reset_password"),
                               (self.role_button, "update_account"),
                               (self.active_button, "update_account")):
            button.setVisible(services.allowed(action))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())

    def refresh(self) -> None:
        """Reload the list (a director: every account; anyone else: their own)."""
        from ...services.auth import AccountService

        def load(s: DeskSession) -> tuple[list[Account], dict[str, str], dict[str, str]]:
            service = AccountService(s.store)
            rows = service.accounts() if self.manages else []
            states = service.sign_in_states() if self.manages else {}
            names = {m.id: m.name for m in s.mediators.mediators()}
            return rows, names, states

        try:
            rows, names, states = self.services.run(load)
        except Exception as exc:  # noqa: BLE001 - shown, never raised into Qt
            errors.report(exc, self)
            return
        if not self.manages and self.services.account is not None:
            rows = [self.services.account]
        self.model.states = states
        self.model.set_rows(rows, names)
        self._update_buttons()

    def current(self) -> Account | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def _update_buttons(self) -> None:
        account = self.current()
        me = self.services.account
        for b in (self.reset_button, self.role_button, self.active_button):
            b.setEnabled(account is not None)
        if account is not None:
            self.reset_button.setEnabled(account.active)
            self.active_button.setText(self.tr("&Deactivate") if account.active
                                       else self.tr("&Activate…"))
            itself = me is not None and me.id == account.id
            self.active_button.setEnabled(not (itself and account.active))
            self.active_button.setToolTip(self.tr("You cannot deactivate the account you are "
                                                  "logged in with") if itself else "")

    def _done(self, text: str) -> None:
        self.status.setText(text)
        self.refresh()

    def add(self) -> None:
        from ..dialogs.account_dialogs import NewAccountDialog

        dialog = NewAccountDialog(self.services, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._done(self.tr("Account {0} created.").format(dialog.result_value.label))

    def reset_password(self) -> None:
        from ..dialogs.account_dialogs import PasswordDialog

        account = self.current()
        if account is None:
            return
        dialog = PasswordDialog(self.services, account, "reset", self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._done(self.tr("The password of {0} was reset.").format(account.name))

    def change_role(self) -> None:
        from ..dialogs.account_dialogs import RoleDialog

        account = self.current()
        if account is None:
            return
        dialog = RoleDialog(self.services, account, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._done(self.tr("{0} is now {1}.").format(account.name,
                                                         dialog.result_value.role.label))

    def toggle_active(self) -> None:
        from ...services.auth import AccountService
        from ..dialogs.account_dialogs import PasswordDialog

        account = self.current()
        if account is None:
            return
        if not account.active:
            dialog = PasswordDialog(self.services, account, "activate", self)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self._done(self.tr("{0} was reactivated.").format(account.name))
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Deactivate an account"),
                          self.tr("Deactivate {0}? They can no longer log in; their name "
                                  "stays in the audit trail. A director can reactivate the "
                                  "account with a new password.").format(account.label),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self)
        box.setObjectName("deactivateBox")
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.run(lambda s: AccountService(s.store).set_active(account.id, False))
        except Exception as exc:  # noqa: BLE001 - shown, never raised into Qt
            errors.report(exc, self)
            return
        self._done(self.tr("{0} was deactivated.").format(account.name))

    def change_own_password(self) -> None:
        from ..dialogs.account_dialogs import PasswordDialog

        me = self.services.account
        if me is None:
            return
        dialog = PasswordDialog(self.services, me, "own", self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._done(self.tr("Your password was changed."))
