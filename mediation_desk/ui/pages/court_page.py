"""法院 Court liaison desk: referrals (委派调解), cases per center, the intake sheet.

Shown only when this desk is a court liaison desk (``init --kind court``). The first tab
follows the court's referrals by state (sent, accepted, refused, overdue, result) with
counts per state and per center, and the 「委派调解」 button opens the referral dialog;
double-clicking a referral opens its case. The second tab has the court-related cases
per center (clicking a center asks the main window to show the case list filtered to it).
Everything is queried on the worker over the reader connection. The intake sheet (XLSX)
and each handed-over case's case-file PDF are written into a folder the person chooses,
on the worker behind a progress dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...services import exchange_status
from ...services.court import CourtService, IntakeReport
from ...services.referrals import Referral, ReferralService, ReferralState
from .. import errors
from ..context import Services
from ..models.exchange_tables import CenterCountsModel, KeyRole
from ..models.referral_table import STATES, ReferralCountsModel, ReferralsModel, state_label
from ..permits import guard
from ..tasks import run_with_progress
from .exchange_view import table, title_label


class CourtPage(QWidget):
    """Per-center counts, the jump to a center's cases, the intake sheet."""

    center_chosen = Signal(str)  # center id: show its cases
    centers_loaded = Signal(dict)  # center id -> name, for the case list's column and filter

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.model = CenterCountsModel(self)
        self.table = table("centerCounts")
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)  # numbers stay beside their center
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("0" * 8))
        self.table.setToolTip(self.tr("Double-click or press Enter to list the center's cases"))
        self.table.activated.connect(self._activated)
        self.show_cases = QPushButton(self.tr("&Show its cases"))
        self.show_cases.setObjectName("showCenterCases")
        self.show_cases.clicked.connect(lambda: self._activated(self.table.currentIndex()))
        self.intake = QPushButton(self.tr("Write the &intake sheet with case files…"))
        self.intake.setObjectName("intakeSheet")
        self.intake.clicked.connect(self.write_intake_sheet)
        self.verify_button = QPushButton(self.tr("&Verify a center's document…"))
        self.verify_button.setObjectName("courtVerifyDocument")
        self.verify_button.clicked.connect(self.verify_document)
        self.status = QLabel()
        self.status.setObjectName("courtStatus")
        self.status.setWordWrap(True)
        hint = QLabel(self.tr("Court-referred cases of each center, as of the last imported "
                              "exchange files."))
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_cases)
        buttons.addStretch(1)
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.intake)
        centers_tab = QWidget()
        centers_layout = QVBoxLayout(centers_tab)
        centers_layout.addWidget(hint)
        centers_layout.addLayout(buttons)
        centers_layout.addWidget(self.table, 1)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("courtTabs")
        self.tabs.addTab(self._build_referrals_tab(), self.tr("Referrals"))
        self.tabs.addTab(centers_tab, self.tr("Cases per center"))
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("Court liaison desk")))
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self.table.selectionModel().currentRowChanged.connect(
            lambda *_: self.show_cases.setEnabled(self.table.currentIndex().isValid()))
        self.show_cases.setEnabled(False)
        guard(services, "intake_sheet", self.intake)
        guard(services, "verify_document", self.verify_button)
        guard(services, "refer_case", self.refer_button)

    def _build_referrals_tab(self) -> QWidget:
        tab = QWidget()
        self.refer_button = QPushButton(self.tr("&Refer a case…"))
        self.refer_button.setObjectName("referCase")
        self.refer_button.clicked.connect(self.refer)
        self.referral_filter = QButtonGroup(self)
        self.referral_filter.setExclusive(True)
        self.state_buttons: dict[ReferralState | None, QPushButton] = {}
        filters = QHBoxLayout()
        for state in (None, *STATES):
            button = QPushButton()
            button.setCheckable(True)
            button.setObjectName(f"referralState_{state.value if state else 'all'}")
            self.referral_filter.addButton(button)
            self.state_buttons[state] = button
            button.clicked.connect(lambda _c=False, st=state: self._filter(st))
            filters.addWidget(button)
        self.state_buttons[None].setChecked(True)
        filters.addStretch(1)
        filters.addWidget(self.refer_button)
        self.referral_counts = ReferralCountsModel(self)
        self.counts_table = table("referralCounts")
        self.counts_table.setModel(self.referral_counts)
        self.counts_table.horizontalHeader().setStretchLastSection(False)
        self.referrals = ReferralsModel(self)
        self.referral_table = table("referrals")
        self.referral_table.setModel(self.referrals)
        self.referral_table.setToolTip(self.tr("Double-click or press Enter to open the case"))
        self.referral_table.activated.connect(self._referral_activated)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.counts_table)
        split.addWidget(self.referral_table)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 4)
        split.setSizes([110, 440])  # a few centers above, the referrals below
        split.setChildrenCollapsible(False)
        hint = QLabel(self.tr("Referrals this court sent, as of the last exchange file "
                              "imported from each center. A referral travels with the next "
                              "exchange file to its center."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(tab)
        layout.addWidget(hint)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        self._all_referrals: list[Referral] = []
        self._state: ReferralState | None = None
        self._label_states({})
        return tab

    def _label_states(self, counts: dict[ReferralState, int]) -> None:
        total = sum(counts.values())
        self.state_buttons[None].setText(self.tr("All ({0})").format(total))
        for state in STATES:
            self.state_buttons[state].setText(f"{state_label(state)}（{counts.get(state, 0)}）")

    def _filter(self, state: ReferralState | None) -> None:
        self._state = state
        self.referrals.set_rows([r for r in self._all_referrals
                                 if state is None or r.state is state])

    def _referral_activated(self, index) -> None:
        if index.isValid():
            self.services.open_case(index.siblingAtColumn(0).data(KeyRole))

    def refer(self) -> bool:
        """Open the referral dialog; True when a referral was saved."""
        from ..dialogs.referral_dialog import ReferralDialog

        dialog = ReferralDialog(self.services, self)
        saved = dialog.exec() == QDialog.DialogCode.Accepted
        if saved:
            self.status.setText(self.tr("Referral saved; it goes to the center with the next "
                                        "exchange file."))
            self.services.data_changed()
            self.refresh()
        return saved

    def refresh(self) -> None:
        """Counts, referrals and center names, queried on the worker."""
        reader = self.services.read_cases.store

        def load():
            refs = ReferralService(reader)
            rows = refs.referrals()
            return (CourtService(reader).center_counts(), exchange_status.center_names(reader),
                    rows, refs.counts(rows))

        self.services.tasks.submit(load, self._loaded)

    def _loaded(self, result) -> None:
        counts, names, referrals, referral_counts = result
        self._all_referrals = referrals
        self._label_states(dict(referral_counts.total))
        self.referral_counts.set_rows(referral_counts.by_center)
        self._filter(self._state)
        current = self.current_center()
        self.model.set_rows(counts)
        for row, c in enumerate(counts):
            if c.center_id == current:
                self.table.selectRow(row)
        self.centers_loaded.emit(names)

    def current_center(self) -> str | None:
        index = self.table.currentIndex()
        return index.siblingAtColumn(0).data(KeyRole) if index.isValid() else None

    def _activated(self, index) -> None:
        if index.isValid():
            self.center_chosen.emit(index.siblingAtColumn(0).data(KeyRole))

    def verify_document(self) -> None:
        """文书核验 of a center's paper, from the register its bundles brought."""
        from ..dialogs.verify_dialog import VerifyDialog

        VerifyDialog(self.services, self).exec()

    def write_intake_sheet(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the intake sheet and case files"))
        if not folder:
            return
        today = self.services.today()
        out = Path(folder) / f"移送立案登记表-{today:%Y%m%d}.xlsx"
        pdf_dir = Path(folder) / f"案卷-{today:%Y%m%d}"
        store, actor = self.services.store, self.services.actor
        run_with_progress(
            self.services.tasks, self, self.tr("Writing the intake sheet and case files…"),
            lambda _p: CourtService(store).intake_sheet(actor, out, pdf_dir=pdf_dir),
            self._written, lambda exc: errors.report(exc, self), cancellable=False)

    def _written(self, report: IntakeReport) -> None:
        self.status.setText(self.tr("Intake sheet written: {0} ({1} case(s)); {2} case-file "
                                    "PDF(s) in {3}.").format(report.path, report.cases,
                                                            len(report.pdfs),
                                                            report.pdfs[0].parent
                                                            if report.pdfs else "—"))
        self.services.data_changed()
