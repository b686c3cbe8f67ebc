"""A combo box over a labelled enum; the stored value is the member."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QComboBox, QWidget

from ..labels import label


def enum_label(member: Enum | None) -> str:
    """The user-facing, translated label of an enum member."""
    return label(member)


class EnumCombo(QComboBox):
    """Members of ``enum`` in declaration order, with an optional empty first choice."""

    def __init__(self, enum: type[Enum], parent: QWidget | None = None, *,
                 placeholder: str | None = None, members: list[Enum] | None = None) -> None:
        super().__init__(parent)
        self._enum = enum
        self._placeholder = placeholder is not None
        if placeholder is not None:
            self.addItem(placeholder, None)
        for member in members if members is not None else list(enum):
            self.addItem(enum_label(member), str(member.value))

    def value(self) -> Enum | None:
        data = self.currentData()
        return self._enum(data) if data else None

    def set_value(self, member: Enum | None) -> None:
        if member is None:
            index = 0 if self._placeholder else -1
        else:
            index = self.findData(str(member.value))
        if index >= 0:
            self.setCurrentIndex(index)
