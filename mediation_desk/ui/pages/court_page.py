"""法院 Court liaison desk: cases per center and the intake sheet (移送立案登记表).

Shown only when this desk is a court liaison desk (``init --kind court``).
Counts are queried on the worker over the reader connection; clicking a center
asks the main window to show the case list filtered to it. The intake sheet
(XLSX) and each handed-over case's case-file PDF are written into a folder the
person chooses, on the worker behind a progress dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...services import exchange_status
from ...services.court import CourtService, IntakeReport
from .. import errors
from ..context import Services
from ..models.exchange_tables import CenterCountsModel, KeyRole
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
        self.status = QLabel()
        self.status.setObjectName("courtStatus")
        self.status.setWordWrap(True)
        hint = QLabel(self.tr("Court-referred cases of each center, as of the last imported "
                              "exchange files."))
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_cases)
        buttons.addStretch(1)
        buttons.addWidget(self.intake)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("Court liaison desk")))
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.table.selectionModel().currentRowChanged.connect(
            lambda *_: self.show_cases.setEnabled(self.table.currentIndex().isValid()))
        self.show_cases.setEnabled(False)

    def refresh(self) -> None:
        """Counts and center names, queried on the worker."""
        reader = self.services.read_cases.store
        self.services.tasks.submit(
            lambda: (CourtService(reader).center_counts(), exchange_status.center_names(reader)),
            self._loaded)

    def _loaded(self, result) -> None:
        counts, names = result
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
