"""A date field that Tab leaves: Left/Right move between year, month and day.

Qt's QDateEdit uses Tab to step through its sections, and while it shows its special
value (「从」/「至」 in the case list: no date set) it keeps the focus altogether: a person
working by keyboard is stuck in the filter. Here Tab and Shift+Tab always go to the next
or previous control (as ``party_editor.OptionalDateEdit`` does while its date is blank);
the sections are reached with Left/Right, the value changed with Up/Down or by typing,
and Alt+Down (or F4) opens the calendar.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDateEdit, QWidget


class DateField(QDateEdit):
    """A QDateEdit that Tab leaves (see the module docstring)."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        return QWidget.focusNextPrevChild(self, next)
