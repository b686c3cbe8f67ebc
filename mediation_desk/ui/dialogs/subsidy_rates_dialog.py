"""以案定补标准: the director edits the per-case subsidy rates as a table.

Every cell is handed to the service as typed (``services.subsidy.save_rates`` with the
table's JSON form), so the settings page, ``subsidy-rates --set`` and a stored table are
checked by the same parser and validator; the problems come back by row and are shown
beside the table (an overlap names both rows).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import DisputeType
from ...domain.subsidy import (
    ALL_TYPES,
    SubsidyOutcome,
    SubsidyRates,
    rates_to_wire,
    rule_to_wire,
)
from .. import labels
from ..widgets.field_error import with_error
from .form_dialog import FormDialog

COL_TYPE, COL_OUTCOME, COL_AMOUNT, COL_FROM, COL_TO, COL_TIMES, COL_NOTE = range(7)


class SubsidyRatesDialog(FormDialog):
    """The rate table with add and remove; saved through ``submit`` (the wire form)."""

    def __init__(self, rates: SubsidyRates, submit: Callable[[dict[str, Any]], None], *,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.submit = submit
        self.setWindowTitle(self.tr("Per-case subsidy rates"))
        self.setMinimumWidth(860)
        layout = QVBoxLayout(self)
        explain = QLabel(self.tr(
            "Each rule pays an amount per case closed in the month: by dispute type (or all "
            "types), for a successful mediation, a failed one (terminated after at least one "
            "mediation session), or both. A case gets the rule of its own type before a rule "
            "for all types, in force on the day the agreement took effect or the mediation was "
            "terminated. A complex case (marked 疑难复杂) is paid the amount times the "
            "multiplier."))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        layout.addWidget(self.general_error)
        form = QFormLayout()
        self.multiplier = QLineEdit(rates_to_wire(rates)["complex_multiplier"])
        self.multiplier.setObjectName("complexMultiplier")
        self.multiplier.setPlaceholderText(self.tr("e.g. 2"))
        box, err = with_error(self.multiplier)
        self.add_error("complex_multiplier", err)
        form.addRow(self.tr("Complex case &multiplier"), box)
        layout.addLayout(form)

        self.table = QTableWidget(0, 7)
        self.table.setObjectName("subsidyRules")
        self.table.setHorizontalHeaderLabels([
            self.tr("Dispute type"), self.tr("Outcome"), self.tr("Yuan per case"),
            self.tr("From"), self.tr("To (empty: no end)"), self.tr("Own multiplier"),
            self.tr("Note")])
        header = self.table.horizontalHeader()
        for col in range(COL_NOTE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Stretch)
        box, err = with_error(self.table)
        self.table_error = self.add_error("rules", err)
        self.table_error.setObjectName("rulesError")
        layout.addWidget(box, 1)
        row_buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add rule"))
        self.add_button.setObjectName("addRule")
        self.remove_button = QPushButton(self.tr("&Remove selected"))
        self.remove_button.setObjectName("removeRule")
        row_buttons.addWidget(self.add_button)
        row_buttons.addWidget(self.remove_button)
        row_buttons.addStretch(1)
        layout.addLayout(row_buttons)
        layout.addWidget(self.buttons)
        self.add_button.clicked.connect(lambda: self.add_rule())
        self.remove_button.clicked.connect(self.remove_selected)
        self._loading = True
        for rule in rates.rules:
            self.add_rule(rule_to_wire(rule))
        self._loading = False
        self._dirty = False
        self.track(self.multiplier)

    # -- rows ---------------------------------------------------------------------------
    def add_rule(self, wire: dict[str, Any] | None = None) -> int:
        """Append a row (a new one: all types, success, the amount and dates to fill in)."""
        wire = wire or {"dispute_type": ALL_TYPES, "outcome": SubsidyOutcome.SUCCEEDED.value,
                        "amount": "", "effective_from": "", "effective_to": None,
                        "complex_multiplier": None, "note": ""}
        row = self.table.rowCount()
        self.table.insertRow(row)
        kind = QComboBox()
        kind.addItem(self.tr("All types"), ALL_TYPES)
        for member, text in labels.choices(DisputeType):
            kind.addItem(text, member.value)
        kind.setCurrentIndex(max(kind.findData(wire["dispute_type"]), 0))
        outcome = QComboBox()
        for member, text in ((SubsidyOutcome.SUCCEEDED, self.tr("Successful")),
                             (SubsidyOutcome.FAILED, self.tr("Failed")),
                             (SubsidyOutcome.ANY, self.tr("Either"))):
            outcome.addItem(text, member.value)
        outcome.setCurrentIndex(max(outcome.findData(wire["outcome"]), 0))
        self.table.setCellWidget(row, COL_TYPE, kind)
        self.table.setCellWidget(row, COL_OUTCOME, outcome)
        texts = {COL_AMOUNT: (wire["amount"], self.tr("e.g. 100")),
                 COL_FROM: (wire["effective_from"], "2026-01-01"),
                 COL_TO: (wire["effective_to"] or "", self.tr("no end")),
                 COL_TIMES: (wire["complex_multiplier"] or "", self.tr("table's")),
                 COL_NOTE: (wire["note"], "")}
        for col, (text, hint) in texts.items():
            edit = QLineEdit(str(text))
            edit.setPlaceholderText(hint)
            edit.setFrame(False)
            self.table.setCellWidget(row, col, edit)
            self.track(edit)
        self.track(kind, outcome)
        self.mark_dirty()
        return row

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)
        self.mark_dirty()

    def cell(self, row: int, col: int) -> QWidget:
        widget = self.table.cellWidget(row, col)
        assert widget is not None
        return widget

    def wire(self) -> dict[str, Any]:
        """The table as typed, in the JSON form the service parses and checks."""
        rules = []
        for row in range(self.table.rowCount()):
            kind, outcome = self.cell(row, COL_TYPE), self.cell(row, COL_OUTCOME)
            assert isinstance(kind, QComboBox) and isinstance(outcome, QComboBox)
            text = {}
            for col, key in ((COL_AMOUNT, "amount"), (COL_FROM, "effective_from"),
                             (COL_TO, "effective_to"), (COL_TIMES, "complex_multiplier"),
                             (COL_NOTE, "note")):
                edit = self.cell(row, col)
                assert isinstance(edit, QLineEdit)
                text[key] = edit.text().strip()
            rules.append({"dispute_type": kind.currentData(), "outcome": outcome.currentData(),
                          **text})
        return {"complex_multiplier": self.multiplier.text().strip(), "rules": rules}

    # -- saving -------------------------------------------------------------------------
    def save(self) -> None:
        self.submit(self.wire())

    def show_problems(self, problems: dict[str, list[str]]) -> None:
        # every rule's problem ("rules.3.amount") is shown under the table: it names its row
        merged: dict[str, list[str]] = {}
        for path, messages in problems.items():
            merged.setdefault("rules" if path.startswith("rules") else path, []).extend(messages)
        super().show_problems(merged)
