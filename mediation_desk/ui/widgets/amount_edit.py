"""An amount field that shows the Chinese capital form (大写金额) as the user types."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QStackedLayout, QVBoxLayout, QWidget

from ...domain.formatting import chinese_capital, format_yuan, parse_amount
from ...domain.validators import InvalidValue
from .field_error import FieldError


class AmountEdit(QWidget):
    """``edit`` for the figures, ``capital`` under it; ``amount()`` is None when empty/bad."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QLineEdit()
        self.edit.setObjectName("amount")
        self.edit.setPlaceholderText(self.tr("Yuan, e.g. 40000, 4万 or 40,000.50"))
        self.capital = QLabel()
        self.capital.setObjectName("amountCapital")
        self.capital.setStyleSheet("color: #555;")
        layout.addWidget(self.edit)
        layout.addWidget(self.capital)
        self.error_label: FieldError | None = None  # see say_errors_in
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._update)
        self.edit.textEdited.connect(lambda _t: self.edited.emit())
        self._update("")

    def say_errors_in(self, error: FieldError) -> None:
        """A bad amount's message goes to ``error`` (the form's error line for this field),
        not also into the capitals line: said once. Both share one line's place under the
        figures, which stays reserved, so the form does not move as either comes and goes.
        """
        self.error_label = error
        slot = QWidget()
        slot.setFocusProxy(self.edit)  # a form focusing the field of this error
        stack = QStackedLayout(slot)
        stack.setStackingMode(QStackedLayout.StackingMode.StackAll)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)  # built in __init__
        layout.removeWidget(self.capital)
        stack.addWidget(self.capital)
        stack.addWidget(error)
        one_line = QLabel("国")
        one_line.setFont(self.capital.font())
        slot.setMinimumHeight(one_line.sizeHint().height())
        layout.addWidget(slot)
        self._update(self.edit.text())

    def _update(self, text: str) -> None:
        capital = error = ""
        if text.strip():
            try:
                value = parse_amount(text)
                capital = (self.tr("In capitals: %1 (%2)")
                           .replace("%1", chinese_capital(value))
                           .replace("%2", format_yuan(value)))
            except InvalidValue as exc:
                error = exc.message
        if self.error_label is not None:
            self.error_label.show_messages([error])
        else:
            capital = capital or error
        self.capital.setText(capital)
        self.capital.setVisible(bool(capital))

    def text(self) -> str:
        return self.edit.text().strip()

    def set_amount(self, value: Decimal | None) -> None:
        self.edit.setText("" if value is None else f"{value:f}")

    def amount(self) -> Decimal | None:
        try:
            return parse_amount(self.edit.text()) if self.edit.text().strip() else None
        except InvalidValue:
            return None
