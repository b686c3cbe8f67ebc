"""A message shown next to a form field: red for an error, amber for a warning."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

ERROR_STYLE = "color: #b3261e;"
WARNING_STYLE = "color: #8a5300;"


class FieldError(QLabel):
    """Hidden while empty; shows one message per line."""

    def __init__(self, parent: QWidget | None = None, *, warning: bool = False) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(WARNING_STYLE if warning else ERROR_STYLE)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def show_messages(self, messages: list[str] | tuple[str, ...]) -> None:
        """Show ``messages`` (hide when there are none)."""
        text = "\n".join(m for m in messages if m)
        self.setText(text)
        self.setVisible(bool(text))

    def clear_messages(self) -> None:
        self.show_messages([])

    @property
    def messages(self) -> list[str]:
        return self.text().splitlines() if self.isVisible() or self.text() else []


def with_error(field: QWidget, *, warning: bool = False,
               extra: QWidget | None = None) -> tuple[QWidget, FieldError]:
    """Wrap ``field`` (and an optional ``extra`` line under it) with its error label."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    if extra is not None:
        layout.addWidget(extra)
    error = FieldError(box, warning=warning)
    layout.addWidget(error)
    return box, error


def show_beside(fields: Mapping[str, QWidget], errors: Mapping[str, FieldError],
                problems: Mapping[str, list[str]]) -> None:
    """Each field's problems under it (the others cleared); focus the first field with one."""
    first = None
    for key, error in errors.items():
        error.show_messages(problems.get(key, []))
        if problems.get(key) and first is None:
            first = key
    if first is not None:
        fields[first].setFocus()
