"""Behaviour shared by every form dialog: dirty tracking, Ctrl+S, Esc (ask before
discarding), errors shown next to the field they belong to, and a size that fits the
screen (at most the available area; ``ui/geometry.py``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

from ...domain.errors import DomainError, NeedsConfirmation, ValidationError
from ..geometry import fit_window
from ..widgets.ask import ask_discard
from ..widgets.field_error import FieldError

translate = QCoreApplication.translate


def watch_changes(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` whenever the user changes ``widget`` (a known input type)."""
    if isinstance(widget, QLineEdit):
        widget.textEdited.connect(callback)
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        widget.textChanged.connect(callback)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(callback)
    elif isinstance(widget, QDateEdit | QDateTimeEdit):
        widget.dateTimeChanged.connect(callback)
    elif isinstance(widget, QSpinBox):
        widget.valueChanged.connect(callback)
    elif isinstance(widget, QCheckBox | QAbstractButton):
        widget.toggled.connect(callback)


class FormDialog(QDialog):
    """A dialog that saves through a service.

    Subclasses build their fields, register error labels with :meth:`add_error` (keyed by
    the service's problem path), call :meth:`track` on inputs and implement :meth:`save`,
    which raises :class:`DomainError` / :class:`ValidationError` on failure.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dirty = False
        self._loading = False
        self.errors: dict[str, FieldError] = {}
        self.general_error = FieldError(self)
        self.general_error.setObjectName("generalError")
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(translate("FormDialog", "Save"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(translate("FormDialog", "Save (Ctrl+S)"))
        self.cancel_button = self.buttons.addButton(translate("FormDialog", "Cancel"),
                                                    QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setObjectName("cancelButton")
        self.save_button.setAutoDefault(False)
        self.save_button.setDefault(False)
        self.cancel_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self.try_save)
        self._fitted = False

    def fit_to_screen(self, preferred: QSize) -> None:
        """``preferred``, as far as the screen allows, centred on it (done once)."""
        self._fitted = True
        fit_window(self, preferred)

    def showEvent(self, event) -> None:
        """On first show, unless fitted already: the size asked for (or the layout's),
        within the screen."""
        if not self._fitted:
            self.fit_to_screen(self.size() if self.testAttribute(Qt.WidgetAttribute.WA_Resized)
                               else self.sizeHint())
        super().showEvent(event)

    # -- dirty state ----------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._dirty

    def mark_dirty(self) -> None:
        if not self._loading:
            self._dirty = True

    def track(self, *widgets: QWidget) -> None:
        for w in widgets:
            watch_changes(w, self.mark_dirty)

    def reject(self) -> None:
        """Esc, Cancel and the close box all land here: ask before losing edits."""
        if self._dirty and not ask_discard(self):
            return
        super().reject()

    # -- errors -----------------------------------------------------------------------
    def add_error(self, path: str, label: FieldError) -> FieldError:
        self.errors[path] = label
        return label

    def error_label_for(self, path: str) -> FieldError | None:
        """The label for ``path``; unknown sub-paths fall back to their parent path."""
        while path:
            if path in self.errors:
                return self.errors[path]
            if "[" in path and path.endswith("]"):
                path = path[: path.rfind("[")]
            elif "." in path:
                path = path[: path.rfind(".")]
            else:
                break
        return None

    def clear_problems(self) -> None:
        for label in self.errors.values():
            label.clear_messages()
        self.general_error.clear_messages()

    def show_problems(self, problems: dict[str, list[str]]) -> None:
        """Put each problem next to its field; the rest in the general area."""
        self.clear_problems()
        grouped: dict[FieldError, list[str]] = {}
        rest: list[str] = []
        for path, messages in problems.items():
            label = self.error_label_for(path)
            if label is None:
                rest += [f"{path}：{m}" for m in messages]
            else:
                grouped.setdefault(label, []).extend(messages)
        for label, messages in grouped.items():
            label.show_messages(messages)
        self.general_error.show_messages(rest)
        self.focus_first_error()

    def focus_first_error(self) -> None:
        for label in self.errors.values():
            if label.isVisibleTo(self) and label.text():
                field = label.parentWidget()
                target = field.focusProxy() or field.findChild(QWidget) if field else None
                if target is not None:
                    target.setFocus()
                return

    def show_domain_error(self, exc: DomainError) -> None:
        if isinstance(exc, ValidationError):
            self.show_problems(exc.problems)
        else:
            self.clear_problems()
            self.general_error.show_messages([exc.message])
            if exc.code == "db_gone":  # the file went away: offer to save a copy now
                from .. import errors

                errors.report(exc, self)

    # -- saving -------------------------------------------------------------------------
    def save(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    confirmed = False
    """True once the user accepted a warning (NeedsConfirmation) for this save."""

    def ask_confirmation(self, message: str) -> bool:
        """Ask whether to go on despite ``message`` (e.g. a deadline on an estimated year)."""
        answer = QMessageBox.question(
            self, self.tr("Please confirm"), message,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def try_save(self) -> bool:
        """Save through the service; keep the dialog open with messages on failure.

        A warning that needs the user's consent (NeedsConfirmation) is asked about once;
        when accepted, the save runs again with ``confirmed`` set, and the service records
        the warning with the operation.
        """
        try:
            self.save()
        except NeedsConfirmation as exc:
            if self.confirmed or not self.ask_confirmation(exc.message):
                self.show_domain_error(exc)
                return False
            self.confirmed = True
            return self.try_save()
        except DomainError as exc:
            self.show_domain_error(exc)
            return False
        self._dirty = False
        self.clear_problems()
        self.accept()
        return True
