"""Helpers for the registration and case-page tests: answer message boxes like a person."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QMessageBox,
    QScrollArea,
)

from mediation_desk.domain.models import DeclaredRelation, Mediator


def answer_box(qtbot, box_name: str, button_name: str) -> list[str]:
    """When the message box ``box_name`` opens, click its ``button_name``; returns the texts
    the box showed (filled in once it was answered)."""
    seen: list[str] = []

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == box_name:
            seen.append(box.text())
            box.findChild(QAbstractButton, button_name).click()
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    return seen


def add_mediator(services, name: str = "周明", relations: list[DeclaredRelation] | None = None,
                 **kw) -> Mediator:
    return services.mediators.save(services.actor, Mediator(
        center_id="", name=name, relations=relations or [], **kw))


def click(qtbot, widget) -> None:
    """Scroll ``widget`` into view (as a person would) and click it."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
        parent = parent.parentWidget()
    # a check box reacts to its box and its text, not the empty space beside them
    pos = QPoint(8, widget.height() // 2) if isinstance(widget, QCheckBox) else QPoint()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
