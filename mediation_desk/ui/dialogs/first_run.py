"""The short first-run dialog: center name, code, case-number prefix, linked court, and the
director's account (name, password twice).

On OK the fields are checked with the same rules the services use (``validate_center``,
``auth.name_problems`` / ``password_problems``) and each problem is shown in Chinese under
its field; the encrypted desk is created (``auth.create_desk``) only when the form is
valid. The recovery key it returns is then shown once (:class:`RecoveryKeyDialog`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import ValidationError
from .. import errors
from ..widgets.busy import busy
from .recovery_key_dialog import RecoveryKeyDialog


class FirstRunDialog(QDialog):
    """Collects the desk's details and creates the database at ``path``."""

    FIELDS = ("name", "code", "number_prefix", "linked_court", "director", "password",
              "password2")

    def __init__(self, path: Path, parent: QWidget | None = None, *,
                 director: str = "") -> None:
        super().__init__(parent)
        self.path = path
        self.recovery_key = ""  # once accepted: shown once, then forgotten
        self.account_id = ""  # once accepted: the director's account and the data key
        self.key = b""
        self.setWindowTitle(self.tr("Welcome to Mediation Desk"))
        intro = QLabel(self.tr("This computer has no mediation database yet. Enter your "
                               "center's details to create one. You can change them later "
                               "in Settings, except the center code."))
        intro.setWordWrap(True)
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        placeholders = {
            "name": self.tr("e.g. 马尚街道矛盾纠纷调解中心"),
            "code": self.tr("letters and digits, e.g. ZD-MS"),
            "number_prefix": self.tr("e.g. 马尚 → （2026）马尚调字第1号"),
            "linked_court": self.tr("e.g. 张店区人民法院"),
            "director": self.tr("the director's account; shown in the audit trail"),
            "password": self.tr("at least 8 characters"),
            "password2": "",
        }
        captions = {
            "name": self.tr("Center &name"),
            "code": self.tr("Center &code"),
            "number_prefix": self.tr("Case number &prefix"),
            "linked_court": self.tr("Linked c&ourt"),
            "director": self.tr("&Director's name"),
            "password": self.tr("&Password"),
            "password2": self.tr("Repeat the pass&word"),
        }
        form = QFormLayout()
        for key in self.FIELDS:
            edit = QLineEdit()
            edit.setObjectName(key)
            edit.setPlaceholderText(placeholders[key])
            if key.startswith("password"):
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            error = QLabel()
            error.setObjectName(f"{key}_error")
            error.setStyleSheet("color: #b3261e;")
            error.setWordWrap(True)
            error.hide()
            self.edits[key], self.errors[key] = edit, error
            form.addRow(captions[key], edit)
            form.addRow("", error)
        self.edits["director"].setText(director)
        where = QLabel(self.tr("Database file: {0}").format(path))
        where.setWordWrap(True)
        where.setStyleSheet("color: palette(mid);")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(where)
        layout.addWidget(self.buttons)

    def value(self, key: str) -> str:
        text = self.edits[key].text()
        return text if key.startswith("password") else text.strip()

    def show_problems(self, problems: dict[str, list[str]]) -> None:
        first = None
        for key, label in self.errors.items():
            msgs = problems.get(key, [])
            label.setText("\n".join(msgs))
            label.setVisible(bool(msgs))
            if msgs and first is None:
                first = key
        if first is not None:
            self.edits[first].setFocus()

    def create(self) -> None:
        from ...services.auth import create_desk, name_problems, password_problems
        from ...services.desk import validate_center

        problems: dict[str, list[str]] = {}
        try:
            validate_center(self.value("code"), self.value("name"), self.value("number_prefix"),
                            linked_court=self.value("linked_court"))
        except ValidationError as exc:
            problems.update(exc.problems)
        if not self.value("director"):
            problems["director"] = [self.tr("Please enter the director's name")]
        elif msgs := name_problems(self.value("director")):
            problems["director"] = msgs
        if msgs := password_problems(self.value("password"), self.value("director")):
            problems["password"] = msgs
        elif self.value("password") != self.value("password2"):
            problems["password2"] = [self.tr("The two passwords differ")]
        self.show_problems(problems)
        if problems:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with busy():
                store, self.recovery_key = create_desk(
                    self.path, director_name=self.value("director"),
                    password=self.value("password"), code=self.value("code"),
                    name=self.value("name"), number_prefix=self.value("number_prefix"),
                    linked_court=self.value("linked_court"))
        except ValidationError as exc:
            self.show_problems({"director" if k == "name" else k: v
                                for k, v in exc.problems.items()})
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user, never raised into Qt
            errors.report(exc, self)
            return
        try:
            assert store.principal is not None and store.key is not None
            self.account_id, self.key = store.principal.id, store.key
        finally:
            store.close()
        self.accept()

    def recovery_key_dialog(self, parent: QWidget | None = None) -> RecoveryKeyDialog:
        """The dialog that shows the new desk's recovery key (once, after :meth:`create`)."""
        from datetime import date

        return RecoveryKeyDialog(self.recovery_key, center_name=self.value("name"),
                                 center_code=self.value("code"),
                                 director_name=self.value("director"), created=date.today(),
                                 parent=parent)
