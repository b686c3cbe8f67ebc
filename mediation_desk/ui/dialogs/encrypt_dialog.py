"""An old, unencrypted database: its director encrypts it before anyone opens it.

``services.encryption.encrypt_database`` copies, verifies, then replaces the file (a crash
leaves a usable database) and creates the director's account; the recovery key it returns
is then shown once (:class:`RecoveryKeyDialog`). Problems with the name or password are
shown under their field; any other refusal (the file open elsewhere, not a desk) in one
Chinese sentence, with the file unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError, ValidationError
from .. import errors
from ..tasks import TaskRunner, run_with_progress
from ..widgets.busy import busy
from ..widgets.field_error import FieldError, show_beside, with_error


class EncryptDialog(QDialog):
    """Encrypt the plain database at ``path``; ``recovery_key`` is set once it is done."""

    FIELDS = ("name", "password", "password2")

    def __init__(self, path: Path, parent: QWidget | None = None, *,
                 runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.runner = runner  # the copy runs off the GUI thread behind a progress dialog
        self.recovery_key = ""
        self.setObjectName("encryptDialog")
        self.setWindowTitle(self.tr("Encrypt this database"))
        intro = QLabel(self.tr(
            "This database was written by an older version and is not encrypted: anyone who "
            "copies the file can read every party's name, ID and phone number. The center's "
            "director encrypts it now and becomes its first account; the other staff get "
            "accounts from the director afterwards. A copy is verified before the old file "
            "is replaced, and plain backups are encrypted too."))
        intro.setWordWrap(True)
        captions = {"name": self.tr("Director's &name"), "password": self.tr("&Password"),
                    "password2": self.tr("Repeat the &password")}
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, FieldError] = {}
        form = QFormLayout()
        for key in self.FIELDS:
            edit = QLineEdit()
            edit.setObjectName(key)
            if key != "name":
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            box, error = with_error(edit)
            error.setObjectName(f"{key}_error")
            self.edits[key], self.errors[key] = edit, error
            form.addRow(captions[key], box)
        self.edits["password"].setPlaceholderText(self.tr("at least 8 characters"))
        where = QLabel(self.tr("Database file: {0}").format(self.path))
        where.setWordWrap(True)
        where.setStyleSheet("color: palette(mid);")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Encrypt"))
        self.buttons.accepted.connect(self.encrypt)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(where)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def value(self, key: str) -> str:
        text = self.edits[key].text()
        return text.strip() if key == "name" else text

    def show_problems(self, problems: dict[str, list[str]]) -> None:
        show_beside(self.edits, self.errors, problems)

    def encrypt(self) -> None:
        from ...services.auth import name_problems, password_problems
        from ...services.encryption import encrypt_database

        problems: dict[str, list[str]] = {}
        if msgs := name_problems(self.value("name")):
            problems["name"] = msgs
        if msgs := password_problems(self.value("password"), self.value("name")):
            problems["password"] = msgs
        elif self.value("password") != self.value("password2"):
            problems["password2"] = [self.tr("The two passwords differ")]
        self.show_problems(problems)
        if problems:
            return
        try:
            self.recovery_key = self._run(lambda report: encrypt_database(
                self.path, self.value("name"), self.value("password"), progress=report))
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        except DomainError as exc:
            errors.report(exc, self)
            return
        self.accept()

    def _run(self, job: Callable[[Callable[[str, int, int], None]], str]) -> str:
        """``job(report)``: here with a wait cursor, or on the runner with a progress bar."""
        if self.runner is None:
            with busy():
                return job(lambda _what, _done, _total: None)
        loop = QEventLoop()
        outcome: dict[str, Any] = {}

        def done(value: str) -> None:
            outcome["value"] = value
            loop.quit()

        def failed(exc: BaseException) -> None:
            outcome["error"] = exc
            loop.quit()

        run_with_progress(self.runner, self, self.tr("Encrypting the database…"),
                          lambda progress: job(lambda _what, d, t: None if progress.report(d, t)
                                               else None),
                          done, failed, cancellable=False)
        if not outcome:
            loop.exec()
        if "error" in outcome:
            raise outcome["error"]
        return str(outcome["value"])
