"""A small declarative form for case actions: fields in, values dict out, errors by path."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..widgets.date_field import DateField
from ..widgets.enum_combo import EnumCombo
from ..widgets.field_error import FieldError, with_error
from .form_dialog import FormDialog, watch_changes


@dataclass
class Field:
    """One input. ``key`` is both the values-dict key and the service's problem path."""

    key: str
    label: str
    kind: str = "line"  # line | text | date | datetime | enum | spin | checks
    required: bool = False
    enum: type[Enum] | None = None
    members: list[Enum] | None = None
    minimum: int = 0
    maximum: int = 100
    default: Any = None
    options: list[tuple[str, str]] = field(default_factory=list)  # checks: (id, label)
    placeholder: str = ""
    aliases: tuple[str, ...] = ()  # further problem paths shown at this field
    # line fields: warnings for the typed text (shown amber under the field, never blocking)
    warn: Callable[[str], list[str]] | None = None


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class DateTimeField(QDateTimeEdit):
    """A date and time that Tab leaves (as ``widgets.date_field.DateField``): Left/Right move
    between the sections, Up/Down or typing change them, Alt+Down opens the calendar."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        return QWidget.focusNextPrevChild(self, next)


class ActionForm(FormDialog):
    """A dialog built from :class:`Field` specs; ``submit(values)`` saves via a service."""

    def __init__(self, title: str, fields: list[Field], submit: Callable[[dict[str, Any]], None],
                 *, today: date, intro: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.specs = fields
        self.submit = submit
        self.today = today
        self.inputs: dict[str, Any] = {}
        self.warnings: dict[str, FieldError] = {}
        layout = QVBoxLayout(self)
        if intro:
            text = QLabel(intro)
            text.setWordWrap(True)
            layout.addWidget(text)
        layout.addWidget(self.general_error)
        form = QFormLayout()
        layout.addLayout(form)
        chain: list[QWidget] = []
        for spec in fields:
            widget, focusable = self._make(spec)
            box, error = with_error(widget)
            box.setFocusProxy(focusable[0] if focusable else widget)
            self.add_error(spec.key, error)
            for alias in spec.aliases:
                self.add_error(alias, error)
            if spec.warn is not None and spec.kind == "line":
                self._add_warning(spec, widget, box)
            if spec.required:
                self._clear_when_filled(spec)
            form.addRow(spec.label + (" *" if spec.required else ""), box)
            chain += focusable
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        chain += [self.save_button, self.cancel_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)
        if chain:
            chain[0].setFocus()

    def _add_warning(self, spec: Field, edit: QLineEdit, box: QWidget) -> None:
        label = FieldError(box, warning=True)
        label.setObjectName(f"{spec.key}Warning")
        box.layout().addWidget(label)
        self.warnings[spec.key] = label
        check = spec.warn
        assert check is not None
        edit.textChanged.connect(lambda text: label.show_messages(check(text.strip())))

    def _clear_when_filled(self, spec: Field) -> None:
        """A required field's message goes as soon as it is filled in (no stale
        「请填写…」 while the user types)."""
        error = self.errors[spec.key]

        def changed(*_args: Any) -> None:
            value = self.values().get(spec.key)
            if value not in (None, "", []):
                error.clear_messages()

        inputs = self.inputs[spec.key]
        for widget in inputs.values() if isinstance(inputs, dict) else [inputs]:
            watch_changes(widget, changed)

    def _make(self, spec: Field) -> tuple[QWidget, list[QWidget]]:
        kind = spec.kind
        if kind == "line":
            w: Any = QLineEdit(str(spec.default or ""))
            w.setPlaceholderText(spec.placeholder)
        elif kind == "text":
            w = QPlainTextEdit(str(spec.default or ""))
            w.setTabChangesFocus(True)
            w.setPlaceholderText(spec.placeholder)
            w.setFixedHeight(110)
        elif kind == "date":
            w = DateField(qdate(spec.default or self.today))
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
        elif kind == "datetime":
            now = spec.default or datetime.combine(self.today, datetime.now().time())
            w = DateTimeField(QDateTime(qdate(now.date()), QTime(now.hour, now.minute)))
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd HH:mm")
        elif kind == "enum":
            assert spec.enum is not None
            w = EnumCombo(spec.enum, members=spec.members)
            if spec.default is not None:
                w.set_value(spec.default)
        elif kind == "spin":
            w = QSpinBox()
            w.setRange(spec.minimum, spec.maximum)
            w.setValue(int(spec.default if spec.default is not None else spec.minimum))
        elif kind == "checks":
            w = QWidget()
            box_layout = QVBoxLayout(w)
            box_layout.setContentsMargins(0, 0, 0, 0)
            boxes = {}
            for oid, text in spec.options:
                cb = QCheckBox(text)
                cb.setObjectName(f"{spec.key}_{oid}")
                box_layout.addWidget(cb)
                boxes[oid] = cb
            self.inputs[spec.key] = boxes
            self.track(*boxes.values())
            return w, list(boxes.values())
        else:  # pragma: no cover - programming error
            raise ValueError(kind)
        w.setObjectName(spec.key)
        self.inputs[spec.key] = w
        self.track(w)
        return w, [w]

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for spec in self.specs:
            w = self.inputs[spec.key]
            if spec.kind == "line":
                out[spec.key] = w.text().strip()
            elif spec.kind == "text":
                out[spec.key] = w.toPlainText().strip()
            elif spec.kind == "date":
                out[spec.key] = w.date().toPython()
            elif spec.kind == "datetime":
                out[spec.key] = w.dateTime().toPython().replace(second=0, microsecond=0)
            elif spec.kind == "enum":
                out[spec.key] = w.value()
            elif spec.kind == "spin":
                out[spec.key] = w.value()
            elif spec.kind == "checks":
                out[spec.key] = [oid for oid, cb in w.items() if cb.isChecked()]
        out["_confirmed"] = self.confirmed
        return out

    def save(self) -> None:
        self.submit(self.values())
