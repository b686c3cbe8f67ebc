"""The short first-run dialog: center name, code, case-number prefix, linked court.

On OK the fields are checked with the same rule the service uses
(``validate_center``) and each problem is shown in Chinese under its field;
the database is created only when the form is valid.
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


class FirstRunDialog(QDialog):
    """Collects the desk's details and creates the database at ``path``."""

    FIELDS = ("name", "code", "number_prefix", "linked_court", "actor")

    def __init__(self, path: Path, parent: QWidget | None = None, *, actor: str = "") -> None:
        super().__init__(parent)
        self.path = path
        self.store = None  # the created Store once accepted
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
            "actor": self.tr("shown in the audit trail"),
        }
        captions = {
            "name": self.tr("Center &name"),
            "code": self.tr("Center &code"),
            "number_prefix": self.tr("Case number &prefix"),
            "linked_court": self.tr("Linked c&ourt"),
            "actor": self.tr("&Your name"),
        }
        form = QFormLayout()
        for key in self.FIELDS:
            edit = QLineEdit()
            edit.setObjectName(key)
            edit.setPlaceholderText(placeholders[key])
            error = QLabel()
            error.setObjectName(f"{key}_error")
            error.setStyleSheet("color: #b3261e;")
            error.setWordWrap(True)
            error.hide()
            self.edits[key], self.errors[key] = edit, error
            form.addRow(captions[key], edit)
            form.addRow("", error)
        self.edits["actor"].setText(actor)
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
        return self.edits[key].text().strip()

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
        from ...services.desk import init_desk, validate_center

        problems: dict[str, list[str]] = {}
        try:
            validate_center(self.value("code"), self.value("name"), self.value("number_prefix"),
                            linked_court=self.value("linked_court"))
        except ValidationError as exc:
            problems.update(exc.problems)
        if not self.value("actor"):
            problems["actor"] = [self.tr("Please enter your name")]
        self.show_problems(problems)
        if problems:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.store = init_desk(self.path, code=self.value("code"), name=self.value("name"),
                                   number_prefix=self.value("number_prefix"),
                                   linked_court=self.value("linked_court"),
                                   actor=self.value("actor"))
        except Exception as exc:  # noqa: BLE001 - shown to the user, never raised into Qt
            errors.report(exc, self)
            return
        self.store.close()
        self.accept()
