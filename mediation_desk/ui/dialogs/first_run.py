"""The first-run dialog: what this computer becomes, then its details.

Three kinds, chosen at the top:

- a mediation center (调解中心): name, code, case-number prefix, linked court, and the
  director's account (name, password twice);
- a court desk (法院工作台): the court's name, the desk code, the court code (法院代字, e.g.
  鲁0303), and the court liaison's account;
- a field laptop (外出调解笔记本) from the center's enrollment file: the file and its
  one-time passphrase, the center's fingerprint to compare with the enrollment slip, and the
  mediator's password (ui/dialogs/enrollment_dialogs.py, services/enrollment.py).

On Create the fields are checked with the same rules the services use (``validate_center``,
``auth.name_problems`` / ``password_problems``) and each problem is shown in Chinese under
its field; the encrypted desk is created (``auth.create_desk`` or
``enrollment.create_field_desk``) only when the form is valid. The recovery key it returns
is then shown once (:class:`RecoveryKeyDialog`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import CenterKind
from ...domain.errors import ValidationError
from .. import errors
from ..widgets.busy import busy
from .enrollment_dialogs import FieldLaptopForm
from .recovery_key_dialog import RecoveryKeyDialog

if TYPE_CHECKING:
    from ...storage.store import Store

CENTER, COURT, FIELD = "center", "court", "field"
KINDS = (CENTER, COURT, FIELD)


class FirstRunDialog(QDialog):
    """Collects the desk's details and creates the database at ``path``."""

    FIELDS = ("name", "code", "number_prefix", "linked_court", "court_code", "director",
              "password", "password2")
    ROWS = {CENTER: {"name", "code", "number_prefix", "linked_court", "director", "password",
                     "password2"},
            COURT: {"name", "code", "court_code", "director", "password", "password2"}}

    def __init__(self, path: Path, parent: QWidget | None = None, *,
                 director: str = "") -> None:
        super().__init__(parent)
        self.path = path
        self.recovery_key = ""  # once accepted: shown once, then forgotten
        self.account_id = ""  # once accepted: the account and the data key
        self.key = b""
        self.created_kind = ""
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(self.tr("Welcome to Mediation Desk"))
        intro = QLabel(self.tr("This computer has no mediation database yet. Choose what it "
                               "will be, then enter the details to create it."))
        intro.setWordWrap(True)

        self.kind_buttons: dict[str, QRadioButton] = {
            CENTER: QRadioButton(self.tr("A mediation c&enter")),
            COURT: QRadioButton(self.tr("A co&urt desk (court liaison)")),
            FIELD: QRadioButton(self.tr("A &field laptop, from the center's enrollment file")),
        }
        self.kind_group = QButtonGroup(self)
        kinds = QGroupBox(self.tr("This computer will be"))
        kinds_layout = QVBoxLayout(kinds)
        for i, (name, button) in enumerate(self.kind_buttons.items()):
            button.setObjectName(f"kind_{name}")
            self.kind_group.addButton(button, i)
            kinds_layout.addWidget(button)

        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.form = QFormLayout()
        for key in self.FIELDS:
            edit = QLineEdit()
            edit.setObjectName(key)
            if key.startswith("password"):
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            error = QLabel()
            error.setObjectName(f"{key}_error")
            error.setStyleSheet("color: #b3261e;")
            error.setWordWrap(True)
            error.hide()
            self.edits[key], self.errors[key] = edit, error
            self.form.addRow(key, edit)
            self.form.addRow("", error)
        self.edits["director"].setText(director)
        desk_page = QWidget()
        desk_layout = QVBoxLayout(desk_page)
        desk_layout.setContentsMargins(0, 0, 0, 0)
        self.desk_note = QLabel()
        self.desk_note.setWordWrap(True)
        desk_layout.addWidget(self.desk_note)
        desk_layout.addLayout(self.form)
        desk_layout.addStretch(1)
        self.field = FieldLaptopForm()
        self.pages = QStackedWidget()
        self.pages.addWidget(desk_page)
        self.pages.addWidget(self.field)

        where = QLabel(self.tr("Database file: {0}").format(path))
        where.setWordWrap(True)
        where.setStyleSheet("color: palette(mid);")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(self.tr("Create"))
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(intro)
        body_layout.addWidget(kinds)
        body_layout.addWidget(self.pages, 1)
        body_layout.addWidget(where)
        self.scroll = QScrollArea()  # at 150 % a 1366x768 screen is 911x512: the form scrolls,
        self.scroll.setObjectName("firstRunScroll")  # Create and Cancel stay in view
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)
        self.kind_group.idToggled.connect(lambda _id, on: on and self._show_kind())
        self.kind_buttons[CENTER].setChecked(True)
        self.fit_screen()

    def fit_screen(self) -> None:
        """As tall as the field laptop's form needs, but never taller than the screen."""
        screen = self.screen().availableGeometry()
        want = QSize(max(self.minimumWidth(), 660), 560)
        self.resize(want.boundedTo(QSize(screen.width() - 16, screen.height() - 48)))

    # -- the kind ------------------------------------------------------------------------
    def kind(self) -> str:
        return KINDS[max(self.kind_group.checkedId(), 0)]

    def choose(self, kind: str) -> None:
        """Pick the kind (as clicking its button does)."""
        self.kind_buttons[kind].setChecked(True)

    def _show_kind(self) -> None:
        kind = self.kind()
        self.pages.setCurrentIndex(1 if kind == FIELD else 0)
        self.show_problems({})
        self.field.show_problems({})
        if kind == FIELD:
            self.desk_note.clear()
            self.field.file.setFocus()
            return
        court = kind == COURT
        captions = {
            "name": self.tr("Court &name") if court else self.tr("Center &name"),
            "code": self.tr("Desk &code") if court else self.tr("Center &code"),
            "number_prefix": self.tr("Case number &prefix"),
            "linked_court": self.tr("Linked c&ourt"),
            "court_code": self.tr("Court c&ode (法院代字)"),
            "director": (self.tr("Court liaison's &name") if court
                         else self.tr("&Director's name")),
            "password": self.tr("&Password"),
            "password2": self.tr("Repeat the pass&word"),
        }
        placeholders = {
            "name": self.tr("e.g. 张店区人民法院") if court
            else self.tr("e.g. 马尚街道矛盾纠纷调解中心"),
            "code": self.tr("letters and digits, e.g. ZD-FY") if court
            else self.tr("letters and digits, e.g. ZD-MS"),
            "number_prefix": self.tr("e.g. 马尚 → （2026）马尚调字第1号"),
            "linked_court": self.tr("e.g. 张店区人民法院"),
            "court_code": self.tr("as in the court's case numbers, e.g. 鲁0303"),
            "director": self.tr("the account of the person in charge; shown in the audit "
                                "trail"),
            "password": self.tr("at least 8 characters"),
            "password2": "",
        }
        rows = self.ROWS[kind]
        for key, edit in self.edits.items():
            label = self.form.labelForField(edit)
            if isinstance(label, QLabel):
                label.setText(captions[key])
            edit.setPlaceholderText(placeholders[key])
            self.form.setRowVisible(edit, key in rows)
            self.form.setRowVisible(self.errors[key], key in rows)
            self.errors[key].hide()
        self.desk_note.setText(
            self.tr("The court desk sends 委派 cases to the centers and follows them; it has "
                    "no mediators of its own. You can change the details later in Settings, "
                    "except the desk code.") if court else
            self.tr("Enter your center's details. You can change them later in Settings, "
                    "except the center code."))
        self.edits["name"].setFocus()

    # -- values and problems -------------------------------------------------------------
    def value(self, key: str) -> str:
        """A field's value; for a field laptop, ``director`` is the mediator's account."""
        if self.kind() == FIELD and key == "director":
            return self.field.name.text().strip()
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
        if self.kind() == FIELD:
            self.create_field_laptop()
        else:
            self.create_desk()

    def _desk_problems(self, court: bool) -> dict[str, list[str]]:
        from ...services.auth import name_problems, password_problems
        from ...services.desk import validate_center

        problems: dict[str, list[str]] = {}
        try:
            validate_center(self.value("code"), self.value("name"),
                            "" if court else self.value("number_prefix"),
                            linked_court="" if court else self.value("linked_court"),
                            court_code=self.value("court_code") if court else "")
        except ValidationError as exc:
            problems.update(exc.problems)
        if court:  # the center's wording of the same two rules, said of a court
            said = {"请填写中心名称": self.tr("Please enter the court's name"),
                    "中心代码应为2到32位字母、数字、下划线或短横线": self.tr(
                        "The desk code is 2 to 32 letters, digits, underscores or hyphens")}
            problems = {k: [said.get(m, m) for m in v] for k, v in problems.items()}
            if not self.value("court_code"):
                problems["court_code"] = [self.tr("Please enter the court code, e.g. 鲁0303")]
        who = self.tr("Please enter the court liaison's name") if court \
            else self.tr("Please enter the director's name")
        if not self.value("director"):
            problems["director"] = [who]
        elif msgs := name_problems(self.value("director")):
            problems["director"] = msgs
        if msgs := password_problems(self.value("password"), self.value("director")):
            problems["password"] = msgs
        elif self.value("password") != self.value("password2"):
            problems["password2"] = [self.tr("The two passwords differ")]
        return problems

    def create_desk(self) -> None:
        from ...services.auth import create_desk

        court = self.kind() == COURT
        problems = self._desk_problems(court)
        self.show_problems(problems)
        if problems:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with busy():
                store, self.recovery_key = create_desk(
                    self.path, director_name=self.value("director"),
                    password=self.value("password"), code=self.value("code"),
                    name=self.value("name"),
                    kind=CenterKind.COURT if court else CenterKind.CENTER,
                    number_prefix="" if court else self.value("number_prefix"),
                    linked_court="" if court else self.value("linked_court"),
                    court_code=self.value("court_code") if court else "")
        except ValidationError as exc:
            self.show_problems({"director" if k == "name" else k: v
                                for k, v in exc.problems.items()})
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user, never raised into Qt
            errors.report(exc, self)
            return
        self._created(store, self.kind())

    def create_field_laptop(self) -> None:
        from ...services.auth import password_problems
        from ...services.enrollment import create_field_desk

        form = self.field
        if form.checked is None or form.checked_for != form.key():
            form.check()  # the person compares the fingerprint before going on
            return
        problems: dict[str, list[str]] = {}
        if not form.compared.isChecked():
            problems["compared"] = [self.tr("Compare the fingerprint with the enrollment slip "
                                            "first; if it differs, do not go on and tell the "
                                            "center's director")]
        name = form.name.text().strip()
        if not name:
            problems["name"] = [self.tr("Please enter the mediator's account name")]
        if msgs := password_problems(form.password.text(), name):
            problems["password"] = msgs
        elif form.password.text() != form.password2.text():
            problems["password2"] = [self.tr("The two passwords differ")]
        first = form.show_problems(problems)
        if first is not None:
            {"compared": form.compared, "name": form.name, "password": form.password,
             "password2": form.password2}.get(first, form.name).setFocus()
            return
        file, passphrase = form.key()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with busy():
                store, self.recovery_key = create_field_desk(
                    self.path, file, passphrase, password=form.password.text(), name=name,
                    enrollment=form.checked)
        except ValidationError as exc:
            form.show_problems(exc.problems)
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user, never raised into Qt
            errors.report(exc, self)
            return
        self._created(store, FIELD)

    def _created(self, store: Store, kind: str) -> None:
        try:
            assert store.principal is not None and store.key is not None
            self.account_id, self.key = store.principal.id, store.key
        finally:
            store.close()
        self.created_kind = kind
        self.accept()

    def recovery_key_dialog(self, parent: QWidget | None = None) -> RecoveryKeyDialog:
        """The dialog that shows the new desk's recovery key (once, after :meth:`create`).

        A field laptop's key goes to the center's director, copied by hand: its printed
        sheet is the center's (the command line refuses ``--recovery-sheet`` there too)."""
        from datetime import date

        if self.created_kind == FIELD and self.field.checked is not None:
            info = self.field.checked[1]
            dialog = RecoveryKeyDialog(self.recovery_key, center_name=info.field_name,
                                       center_code=info.field_code,
                                       director_name=self.value("director"),
                                       created=date.today(), parent=parent)
            dialog.print_button.hide()
            return dialog
        return RecoveryKeyDialog(self.recovery_key, center_name=self.value("name"),
                                 center_code=self.value("code"),
                                 director_name=self.value("director"), created=date.today(),
                                 parent=parent)
