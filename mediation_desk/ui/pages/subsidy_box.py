"""以案定补 on the settings page: the rates in force, their editor and the monthly sheet."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.errors import DomainError
from ...domain.subsidy import SubsidyRates, rates_to_wire
from .. import errors
from ..context import Services
from ..dialogs.subsidy_rates_dialog import SubsidyRatesDialog
from ..dialogs.subsidy_sheet_dialog import SubsidySheetDialog


class SubsidyBox(QGroupBox):
    """A summary of the rate table with Edit rates… and Subsidy sheet… (the director's)."""

    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Per-case subsidy"), parent)
        self.services = services
        self.setObjectName("subsidyBox")
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("subsidySummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("Edit &rates…"))
        self.edit_button.setObjectName("editSubsidyRates")
        self.sheet_button = QPushButton(self.tr("Subsidy &sheet…"))
        self.sheet_button.setObjectName("subsidySheet")
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.sheet_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.edit_button.clicked.connect(lambda: self.edit_rates())
        self.sheet_button.clicked.connect(lambda: self.open_sheet())
        for button, action in ((self.edit_button, "set_subsidy_rates"),
                               (self.sheet_button, "subsidy_sheet")):
            allowed = services.allowed(action)
            button.setEnabled(allowed)
            button.setToolTip("" if allowed else services.why_not(action))

    def _rates(self) -> SubsidyRates | None:
        from ...services.subsidy import load_rates

        try:
            return self.services.run(lambda s: load_rates(s.store))
        except DomainError as exc:
            self.summary.setText(exc.message)
            return None

    def load(self) -> None:
        """Show what the table holds (to the director, who alone sees and sets it)."""
        if not self.services.allowed("set_subsidy_rates"):
            self.summary.setText(self.tr("The per-case subsidy rates and the monthly sheet "
                                         "are kept by the director."))
            return
        rates = self._rates()
        if rates is None:
            return
        if not rates.rules:
            self.summary.setText(self.tr("No rates set yet: the monthly sheet pays nothing "
                                         "until a director sets them."))
            return
        lines = [r.describe() for r in rates.rules[:6]]
        if len(rates.rules) > 6:
            lines.append("…")
        times = rates_to_wire(rates)["complex_multiplier"]
        self.summary.setText(self.tr("%n rule(s); complex cases ×%1:", "", len(rates.rules))
                             .replace("%1", times) + "\n" + "\n".join(lines))

    def edit_rates(self) -> SubsidyRatesDialog | None:
        """Open the rate editor (the service refuses anyone but a director on save)."""
        from ...services.subsidy import save_rates

        rates = self._rates()
        if rates is None:
            return None
        services = self.services

        def submit(wire: dict[str, Any]) -> None:
            services.run(lambda s: save_rates(s.store, services.actor, wire))
            self.load()
            self.changed.emit()

        dialog = SubsidyRatesDialog(rates, submit, parent=self)
        dialog.setModal(True)
        dialog.open()
        return dialog

    def open_sheet(self) -> SubsidySheetDialog | None:
        try:
            dialog = SubsidySheetDialog(self.services, parent=self)
        except Exception as exc:  # noqa: BLE001 - shown, never raised into Qt
            errors.report(exc, self)
            return None
        dialog.setModal(True)
        dialog.open()
        return dialog
