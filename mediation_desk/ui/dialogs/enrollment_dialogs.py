"""Field laptops (外出调解笔记本) from the GUI: enrolling one at the center, setting one up.

At the center (the 交换 page): :class:`EnrollDialog` picks the mediator; after the
enrollment file is written, :class:`PassphraseDialog` shows the one-time passphrase once,
with the center's fingerprint, and saves the printable 登记单 (documents/enrollment_slip.py).

On the new laptop (the first-run dialog): :class:`FieldLaptopForm` takes the enrollment
file and its passphrase, shows whose center sent it (name and fingerprint, to compare with
the slip) and for whom, and the mediator's new password. The services decide everything
(services/enrollment.py); nothing is written before the file is verified.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.models import Mediator
from ...exchange.bundle import Opened
from ...exchange.errors import BundleRejected
from ...services.enrollment import EnrollmentInfo, EnrollReport
from .. import errors
from .exchange_dialogs import fingerprint_label, fingerprint_text
from .shown_once import ShownOnceDialog, heading_label, secret_label, write_pdf

ERROR_STYLE = "color: #b3261e;"


def error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, messages: list[str]) -> None:
    label.setText("\n".join(messages))
    label.setVisible(bool(messages))


# -- at the center -------------------------------------------------------------------------
class EnrollDialog(QDialog):
    """Which mediator the new field laptop is for."""

    def __init__(self, mediators: list[Mediator], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("enrollDialog")
        self.setWindowTitle(self.tr("Enroll a field laptop"))
        intro = QLabel(self.tr(
            "A field laptop works away from the center with one mediator's cases and "
            "exchanges them with the center by file. Choose the mediator: an enrollment file "
            "is written with the center's details, its roster and that mediator's open cases, "
            "locked with a one-time passphrase shown on the next screen."))
        intro.setWordWrap(True)
        self.mediator = QComboBox()
        self.mediator.setObjectName("enrollMediator")
        for m in mediators:
            self.mediator.addItem(m.name, m.id)
        form = QFormLayout()
        form.addRow(self.tr("&Mediator"), self.mediator)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Write the enrollment file…"))
        self.ok.setObjectName("enrollButton")
        self.ok.setEnabled(bool(mediators))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.mediator.setFocus()

    def mediator_id(self) -> str:
        return str(self.mediator.currentData() or "")

    def mediator_name(self) -> str:
        return self.mediator.currentText()


class PassphraseDialog(ShownOnceDialog):
    """The enrollment's passphrase, shown once; Continue after the box is ticked."""

    def __init__(self, report: EnrollReport, *, director_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.director_name = director_name
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(self.tr("Enrollment passphrase"))
        heading = heading_label(self.tr("Give this passphrase to {0} in person").format(
            report.mediator_name))
        intro = QLabel(self.tr(
            "The enrollment file opens only with this passphrase, once. It is shown only "
            "now and kept nowhere: print the enrollment slip (it also says what to do on the "
            "laptop) or copy the passphrase by hand. Carry the file and the slip separately."))
        intro.setWordWrap(True)
        self.passphrase = secret_label(report.passphrase, "enrollPassphrase", 1.8)
        details = QFormLayout()
        details.addRow(self.tr("Mediator"), QLabel(report.mediator_name))
        laptop = QLabel(f"{report.field_name}（{report.field_code}）")
        laptop.setWordWrap(True)
        details.addRow(self.tr("Laptop"), laptop)
        where = QLabel(str(report.path))
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        details.addRow(self.tr("Enrollment file"), where)
        details.addRow(self.tr("Center fingerprint"), fingerprint_label(report.fingerprint))
        self.save_button = QPushButton(self.tr("Save the enrollment slip (PDF)…"))
        self.save_button.setObjectName("saveSlip")
        self.save_button.clicked.connect(self.choose_slip_file)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("slipSaved")
        self.saved_label.setWordWrap(True)
        self.saved_label.hide()
        confirm = QCheckBox(self.tr("I have printed the slip or written down the passphrase"))
        confirm.setObjectName("confirmPassphrase")
        self.gate(confirm, self.tr("Continue"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.passphrase)
        layout.addLayout(details)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.saved_label)
        layout.addWidget(self.confirm)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)

    def accept(self) -> None:
        if self.confirm.isChecked():
            self.passphrase.clear()
            super().accept()

    def slip_pdf(self) -> bytes:
        from ...services.enrollment import enrollment_slip

        return enrollment_slip(self.report, director_name=self.director_name)

    def choose_slip_file(self) -> None:
        from ..pages.documents_tab import save_folder

        folder = save_folder()
        name = self.tr("enrollment slip {0}.pdf").format(self.report.mediator_name)
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the enrollment slip"), str(folder / name) if folder else name,
            self.tr("PDF (*.pdf)"))
        if target:
            path = Path(target)
            self.save_slip(path if path.suffix.lower() == ".pdf"
                           else path.with_name(path.name + ".pdf"))

    def save_slip(self, target: Path) -> bool:
        """Write the slip to ``target`` (to print it; then delete the file)."""
        return write_pdf(
            self, target, self.slip_pdf, title=self.tr("Save the enrollment slip"),
            failed=self.tr("Could not write {0}: {1}. Choose another folder."),
            saved_label=self.saved_label, saved=self.tr(
                "Saved to {0}. Print it and hand it to the mediator, then delete the file "
                "(with the enrollment file it opens the laptop's set-up)."))


# -- on the new laptop -----------------------------------------------------------------------
class FieldLaptopForm(QWidget):
    """The enrollment file, its passphrase, the check of the center, the mediator's password.

    :meth:`check` reads and verifies the file (nothing written) and shows the sender; the
    first-run dialog then creates the laptop's desk with :meth:`values`.
    """

    FIELDS = ("file", "passphrase", "compared", "name", "password", "password2")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checked: tuple[Opened, EnrollmentInfo] | None = None  # read_enrollment's answer
        self.checked_for: tuple[str, str] = ("", "")  # (file, passphrase) it answered
        self.mediator_name = ""
        self.file = QLineEdit()
        self.file.setObjectName("enrollmentFile")
        self.file.setPlaceholderText(self.tr("the .mdx file the center gave you"))
        self.browse = QPushButton(self.tr("&Browse…"))
        self.browse.setObjectName("browseEnrollment")
        self.browse.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.file, 1)
        row.addWidget(self.browse)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("enrollmentPassphrase")
        self.passphrase.setPlaceholderText(self.tr("as printed on the enrollment slip, e.g. "
                                                   "7KQ2-M9XD-…"))
        self.check_button = QPushButton(self.tr("Open and &check the file"))
        self.check_button.setObjectName("checkEnrollment")
        self.check_button.clicked.connect(self.check)
        self.sender_label = QLabel()
        self.sender_label.setObjectName("enrollmentSender")
        self.sender_label.setWordWrap(True)
        self.fingerprint = fingerprint_label("")
        self.fingerprint.setObjectName("enrollmentFingerprint")
        self.compared = QCheckBox(self.tr("The fingerprint is the same as on the enrollment "
                                          "slip"))
        self.compared.setObjectName("fingerprintCompared")
        self.name = QLineEdit()
        self.name.setObjectName("fieldAccount")
        self.password = QLineEdit()
        self.password.setObjectName("fieldPassword")
        self.password.setPlaceholderText(self.tr("at least 8 characters"))
        self.password2 = QLineEdit()
        self.password2.setObjectName("fieldPassword2")
        for edit in (self.password, self.password2):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors = {k: error_label(f"field_{k}_error") for k in self.FIELDS}
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        file_label = QLabel(self.tr("Enrollment fi&le"))
        file_label.setBuddy(self.file)  # the row is a layout: name its edit for the shortcut
        self.form.addRow(file_label, row)
        self.form.addRow("", self.errors["file"])
        self.form.addRow(self.tr("&Passphrase"), self.passphrase)
        self.form.addRow("", self.errors["passphrase"])
        self.form.addRow("", self.check_button)
        self.form.addRow(self.tr("From"), self.sender_label)
        self.form.addRow(self.tr("Center fingerprint"), self.fingerprint)
        self.form.addRow("", self.compared)
        self.form.addRow("", self.errors["compared"])
        self.form.addRow(self.tr("Mediator's &account"), self.name)
        self.form.addRow("", self.errors["name"])
        self.form.addRow(self.tr("Pass&word"), self.password)
        self.form.addRow("", self.errors["password"])
        self.form.addRow(self.tr("Repeat the passw&ord"), self.password2)
        self.form.addRow("", self.errors["password2"])
        self._show_checked(None)
        self.file.textChanged.connect(self._changed)
        self.passphrase.textChanged.connect(self._changed)

    def _changed(self) -> None:
        if self.checked is not None and self.checked_for != self.key():
            self._show_checked(None)

    def key(self) -> tuple[str, str]:
        return self.file.text().strip(), self.passphrase.text().strip()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("The enrollment file"), "",
            self.tr("Exchange files (*.mdx);;All files (*)"))
        if path:
            self.file.setText(path)
            self.passphrase.setFocus()

    def _show_checked(self, enrollment: tuple[Opened, EnrollmentInfo] | None) -> None:
        self.checked = enrollment
        self.checked_for = self.key() if enrollment is not None else ("", "")
        known = enrollment is not None
        for w in (self.sender_label, self.fingerprint, self.compared, self.name, self.password,
                  self.password2):
            self.form.setRowVisible(w, known)
        self.compared.setChecked(False)
        if enrollment is None:
            return
        from ...services.enrollment import enrolled_mediator_name

        opened, info = enrollment
        self.mediator_name = enrolled_mediator_name(opened, info)
        self.sender_label.setText(self.tr("{0} (code {1}), for mediator {2}; this laptop "
                                          "becomes {3} ({4})").format(
            info.center.name, info.center.code, self.mediator_name, info.field_name,
            info.field_code))
        self.fingerprint.setText(fingerprint_text(info.center.fingerprint))
        self.fingerprint.setAccessibleName(info.center.fingerprint)
        if not self.name.text().strip():
            self.name.setText(self.mediator_name)
        self.compared.setFocus()

    def show_problems(self, problems: dict[str, list[str]]) -> str | None:
        """Each problem under its field; the first field with one (to focus) or None."""
        first = None
        for key, label in self.errors.items():
            msgs = problems.get(key, [])
            show_error(label, msgs)
            if msgs and first is None:
                first = key
        return first

    def check(self) -> bool:
        """Decrypt and verify the file with the passphrase (nothing is written)."""
        from ...services.enrollment import read_enrollment
        from ..widgets.busy import busy

        path, phrase = self.key()
        problems: dict[str, list[str]] = {}
        if not path:
            problems["file"] = [self.tr("Choose the enrollment file the center gave you")]
        elif not Path(path).is_file():
            problems["file"] = [self.tr("There is no file {0}").format(path)]
        if not phrase:
            problems["passphrase"] = [self.tr("Type the passphrase printed on the slip")]
        if problems:
            self.show_problems(problems)
            self._show_checked(None)
            return False
        try:
            with busy():
                enrollment = read_enrollment(path, phrase)
        except BundleRejected as exc:
            field = "passphrase" if exc.reason_code == "bad_passphrase" else "file"
            self.show_problems({field: [exc.message_zh]})
            self._show_checked(None)
            return False
        except Exception as exc:  # noqa: BLE001 - shown, never raised into Qt
            self.show_problems({})
            errors.report(exc, self)
            self._show_checked(None)
            return False
        self.show_problems({})
        self._show_checked(enrollment)
        return True
