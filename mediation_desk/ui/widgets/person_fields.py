"""民族 and 职业 inputs of a person party.

:class:`EthnicityCombo` offers the 56 official names (汉族 first) and accepts nothing else:
what is typed must be on the way to one of them (``回`` → 回族, ``吾尔`` → 维吾尔族), picked
from the pop-up or typed out; :class:`OccupationCombo` is free text with common answers.
Both run the domain's validators (``domain/party_fields.py``), the ones the service uses.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QApplication, QComboBox, QCompleter, QLineEdit, QWidget

from ...domain.party_fields import COMMON_OCCUPATIONS, ETHNIC_GROUPS, validate_ethnicity
from ...domain.validators import InvalidValue

_SPELLINGS = (*ETHNIC_GROUPS, "维族", "蒙族", "哈族", "柯族")


class EthnicityValidator(QValidator):
    """Acceptable: blank or a name (or short form) the domain accepts; Intermediate: part of
    one of the names; anything else cannot be typed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        compact = "".join(text.split())
        if not compact:
            return QValidator.State.Acceptable, text, pos
        try:
            validate_ethnicity(compact)
        except InvalidValue:
            if any(compact in name for name in _SPELLINGS):
                return QValidator.State.Intermediate, text, pos
            return QValidator.State.Invalid, text, pos
        return QValidator.State.Acceptable, text, pos


def _editable_combo(combo: QComboBox, items: tuple[str, ...], placeholder: str) -> None:
    combo.setEditable(True)
    combo.addItems(list(items))
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMaxVisibleItems(15)
    completer = QCompleter(list(items), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    combo.setCurrentIndex(-1)
    edit = _edit(combo)
    edit.setPlaceholderText(placeholder)
    edit.clear()


def _edit(combo: QComboBox) -> QLineEdit:
    edit = combo.lineEdit()
    assert edit is not None  # an editable combo has one
    return edit


class EthnicityCombo(QComboBox):
    """民族: blank or one of the 56 names. ``finished`` when the field loses the focus (the
    line edit's own editingFinished stays silent while the text is only part of a name)."""

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _editable_combo(self, ETHNIC_GROUPS, self.tr("Pick or type, e.g. Han"))
        _edit(self).setValidator(EthnicityValidator(self))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """The focus left the field for another widget of the program. (A FocusOut event
        would not do: the completer swallows it while its list is open.)"""
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        mine = (self, self.lineEdit(), popup)
        if old not in mine or new is None or new in mine:
            return
        if popup is not None:
            popup.hide()
        self.normalise()
        self.finished.emit()

    def normalise(self) -> None:
        """Show a short form or old spelling as the official name (回 → 回族)."""
        try:
            name = validate_ethnicity(self.text())
        except InvalidValue:
            return
        if name != self.currentText():
            self.setEditText(name)

    def text(self) -> str:
        return self.currentText().strip()

    def problem(self) -> str:
        """The Chinese message for what is typed now, or ``""`` when it is fine."""
        try:
            validate_ethnicity(self.text())
        except InvalidValue as exc:
            return exc.message
        return ""


class OccupationCombo(QComboBox):
    """职业或职务: free text; the list holds common answers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _editable_combo(self, COMMON_OCCUPATIONS, self.tr("e.g. farmer, retired"))

    def text(self) -> str:
        return self.currentText().strip()
