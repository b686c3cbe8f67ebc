"""法院工作台 The court liaison desk's dashboard: referrals and court results per center.

For a period (本月 / 上月 / 本季 / 本年, or any two dates): referrals sent, accepted and
refused in it, the referrals overdue today, and the judicial-confirmation applications,
confirmations and hand-overs for filing dated in it (``services/court_dashboard.py``).
The totals are tiles, the centers a table with a 合计 row; a tile (click, or Enter on it)
or a cell (double-click, or Enter) opens the case list with exactly the cases it counts.
Shown on a court desk in place of a center's 工作台 (``DashboardPage``).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.queries import CaseFilter
from ...domain.statistics import PeriodKind, ReportPeriod
from ...services.court_dashboard import CourtDashboard, court_dashboard
from .. import i18n
from ..context import Services
from ..models.exchange_tables import CasesRole, CourtFiguresModel
from .exchange_view import table, title_label


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class CourtDashboardPage(QWidget):
    """Totals as tiles, the centers in a table, for the chosen period."""

    cases_chosen = Signal(object)  # CaseFilter of exactly a figure's cases
    loaded = Signal(object)  # CourtDashboard

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        from .dashboard import CountTile  # the center dashboard's tile, one kind of button

        super().__init__(parent)
        self.services = services
        self.figures: CourtDashboard | None = None
        self.today = services.today()
        self.range_from, self.range_to = QDateEdit(), QDateEdit()
        for edit, name, obj in ((self.range_from, self.tr("From"), "courtFrom"),
                                (self.range_to, self.tr("To"), "courtTo")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMinimumDate(QDate(2000, 1, 1))
            edit.setAccessibleName(name)
            edit.setObjectName(obj)
        self.presets: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        period = QLabel(self.tr("&Period"))
        period.setBuddy(self.range_from)
        bar.addWidget(period)
        bar.addWidget(self.range_from)
        bar.addWidget(QLabel("—"))
        bar.addWidget(self.range_to)
        bar.addSpacing(8)
        for key, text in (("this_month", self.tr("This month")),
                          ("last_month", self.tr("Last month")),
                          ("this_quarter", self.tr("This quarter")),
                          ("this_year", self.tr("This year"))):
            button = QPushButton(text)
            button.setObjectName(f"court_{key}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, k=key: self.set_preset(k))
            self.presets[key] = button
            bar.addWidget(button)
        bar.addStretch(1)

        self.captions = {
            "sent": self.tr("Referred"), "accepted": self.tr("Accepted"),
            "refused": self.tr("Refused"), "overdue": self.tr("Overdue now"),
            "jc_applied": self.tr("JC applied"), "jc_confirmed": self.tr("JC confirmed"),
            "handed_over": self.tr("Handed to filing")}
        self.tiles = {k: CountTile(text, alert=k == "overdue")
                      for k, text in self.captions.items()}
        tiles = QGridLayout()
        for i, (key, tile) in enumerate(self.tiles.items()):
            tile.setObjectName(f"courtTile_{key}")
            tile.clicked.connect(lambda k=key: self.choose(None, k))
            tiles.addWidget(tile, 0, i)
        self.model = CourtFiguresModel(self)
        self.table = table("courtFigures")
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()  # the centers' names take what is left
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("0" * 9))
        self.table.activated.connect(self._activated)
        self.hint = QLabel(self.tr("Referrals count in the period they were sent, accepted or "
                                   "refused; overdue is as of today; confirmations and hand-overs "
                                   "count in the period they happened. Click a number to list "
                                   "its cases."))
        self.hint.setWordWrap(True)
        self.hint.setObjectName("courtDashboardHint")
        self.period_label = QLabel()
        self.period_label.setObjectName("courtPeriod")
        head = QHBoxLayout()
        head.addWidget(title_label(self.tr("Court desk today")))
        head.addWidget(self.period_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(bar)
        layout.addLayout(tiles)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self._set_range(ReportPeriod.containing(PeriodKind.YEAR, self.today))
        self.range_from.dateChanged.connect(lambda _d: self.refresh())
        self.range_to.dateChanged.connect(lambda _d: self.refresh())

    # -- the period ------------------------------------------------------------------
    def _set_range(self, period: ReportPeriod) -> None:
        for edit in (self.range_from, self.range_to):
            edit.blockSignals(True)
        self.range_from.setDate(_qdate(period.start))
        self.range_to.setDate(_qdate(period.end))
        for edit in (self.range_from, self.range_to):
            edit.blockSignals(False)

    def set_preset(self, key: str) -> None:
        kind = {"this_month": PeriodKind.MONTH, "last_month": PeriodKind.MONTH,
                "this_quarter": PeriodKind.QUARTER, "this_year": PeriodKind.YEAR}[key]
        period = ReportPeriod.containing(kind, self.today)
        if key == "last_month":
            period = period.previous()
        self._set_range(period)
        self.refresh()

    def period(self) -> tuple[date, date]:
        start, end = _pydate(self.range_from.date()), _pydate(self.range_to.date())
        return (start, end) if start <= end else (end, start)

    # -- loading ---------------------------------------------------------------------
    def refresh(self) -> None:
        start, end = self.period()
        services = self.services
        services.tasks.submit(
            lambda: services.read(lambda s: court_dashboard(s.reader_store, start, end)),
            self._loaded)

    def _loaded(self, figures: CourtDashboard) -> None:
        self.figures = figures
        for key, tile in self.tiles.items():
            tile.set_value(figures.total.count(key))
        self.model.set_figures(figures.centers, figures.total)
        self.period_label.setText(self.tr("{0} to {1}").format(
            i18n.format_date(figures.start), i18n.format_date(figures.end)))
        self.loaded.emit(figures)

    # -- opening ---------------------------------------------------------------------
    def figure_filter(self, row: int | None, key: str) -> CaseFilter | None:
        """The case-list filter of one figure: a center's (``row``) or the total's."""
        figures = self.figures
        if figures is None:
            return None
        which = figures.total if row is None else self.model.rows[row]
        center = "" if which is figures.total else f"{self.model.center_text(which)} "
        start, end = figures.start, figures.end
        when = "" if key == "overdue" else \
            f"（{i18n.format_date(start)}—{i18n.format_date(end)}）"
        return CaseFilter(case_ids=which.ids(key),
                          caption=f"{center}{self.captions[key]}{when}")

    def choose(self, row: int | None, key: str) -> None:
        flt = self.figure_filter(row, key)
        if flt is not None:
            self.cases_chosen.emit(flt)

    def _activated(self, index) -> None:
        if not index.isValid() or index.column() == 0 or index.data(CasesRole) is None:
            return
        key = CourtFiguresModel.FIELDS[index.column() - 1]
        row = index.row()
        self.choose(None if self.model.rows[row] is self.model.total else row, key)
