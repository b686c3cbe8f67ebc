"""工作台 Dashboard: today's counts and the overdue / due-soon lists.

Counts come from ``CaseService.dashboard()`` on the worker; both lists reuse
the paged case table model with an overdue / due-within filter. Double-click
or Enter on a row opens the case.

Each count tile is a button (click, or Tab to it and press Enter or Space):
:attr:`DashboardPage.cases_chosen` emits the ``CaseFilter`` that gives exactly that
count, and the main window opens the case list filtered by it.

A court liaison desk has its own dashboard in its place (``court_dashboard.py``: referrals
and court results per center for a period); the center's counts still load beneath it
(the status bar's overdue count and the start-up signal use them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import CaseStatus
from ...domain.queries import CaseFilter, CaseSort, DashboardCounts
from ...services.exchange_status import desk_kind
from ...services.settings import wage_warning
from ..context import Services
from ..models.case_table import (
    COL_AMOUNT,
    COL_DEADLINE,
    COL_NUMBER,
    COL_PARTIES,
    COL_RECEIVED,
    COL_SOURCE,
    COL_STATUS,
    CaseIdRole,
    CaseTableModel,
)

if TYPE_CHECKING:
    from .court_dashboard import CourtDashboardPage

# sample texts that set the column widths (scale with the font, so with the display)
COLUMN_SAMPLES = {COL_NUMBER: "（2026）马尚调字第00000号", COL_DEADLINE: "⚠ 超期000天",
                  COL_STATUS: "司法确认撤回", COL_PARTIES: "申请人：张三三；被申请人：李四",
                  COL_RECEIVED: "2026年11月27日"}

COUNT_KEYS = ("new", "in_mediation", "due_soon", "overdue", "awaiting_jc", "follow_ups_due",
              "total")

IN_MEDIATION = (CaseStatus.ACCEPTED, CaseStatus.MEDIATING, CaseStatus.SUSPENDED)
"""The statuses the 调解中 count takes (``storage/case_queries.dashboard_counts``)."""

ALL_ROWS = 1_000_000
"""No limit: a tile's list holds every case it counts."""


class CountTile(QFrame):
    """A big number with its caption; a button that opens the cases it counts."""

    clicked = Signal()

    def __init__(self, caption: str, parent: QWidget | None = None, *,
                 alert: bool = False) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("tile")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet("QFrame#tile:hover { background: palette(alternate-base); }"
                           "QFrame#tile:focus { border: 2px solid palette(highlight); }")
        layout = QVBoxLayout(self)
        self.number = QLabel("…")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.number.setFont(font)
        if alert:
            self.number.setStyleSheet("color: #b02a37;")
        self.caption = QLabel(caption)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)

    def set_value(self, value: int) -> None:
        self.number.setText(str(value))
        self.setAccessibleName(f"{self.caption.text()} {value}")
        self.setToolTip(self.tr("Show these cases"))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.clicked.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def case_view(model: CaseTableModel, parent: QWidget | None = None) -> QTableView:
    """A read-only, row-selecting table over ``model`` (shared by the dashboard and list)."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab moves to the next control, arrows move in the table
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.setWordWrap(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.setAlternatingRowColors(False)
    metrics = view.fontMetrics()
    for column, sample in COLUMN_SAMPLES.items():
        view.setColumnWidth(column, metrics.horizontalAdvance(sample) + 20)
    return view




class DashboardPage(QWidget):
    """Counts and the two urgent lists."""

    open_case = Signal(str)
    counts_loaded = Signal(object)
    cases_chosen = Signal(object)  # a tile: the CaseFilter of exactly the cases it counts

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.counts: DashboardCounts | None = None
        captions = {
            "new": self.tr("New (not yet accepted)"),
            "in_mediation": self.tr("In mediation"),
            "due_soon": self.tr("Due within {0} days"),
            "overdue": self.tr("Overdue"),
            "awaiting_jc": self.tr("Awaiting judicial confirmation"),
            "follow_ups_due": self.tr("Follow-up visits due"),
            "total": self.tr("All cases"),
        }
        self.tiles = {k: CountTile(captions[k], alert=k == "overdue") for k in COUNT_KEYS}
        grid = QGridLayout()
        for i, key in enumerate(COUNT_KEYS):
            grid.addWidget(self.tiles[key], 0, i)
            self.tiles[key].setObjectName(f"tile_{key}")
            self.tiles[key].clicked.connect(lambda k=key: self.choose(k))

        self.overdue_model = CaseTableModel(services, self, page_size=100)
        self.due_soon_model = CaseTableModel(services, self, page_size=100)
        self.overdue_view = case_view(self.overdue_model)
        self.due_soon_view = case_view(self.due_soon_model)
        self.overdue_view.setObjectName("overdueList")
        self.due_soon_view.setObjectName("dueSoonList")
        self.overdue_box = QGroupBox(self.tr("Overdue cases"))
        self.due_soon_box = QGroupBox(self.tr("Cases due soon"))
        for box, view in ((self.overdue_box, self.overdue_view),
                          (self.due_soon_box, self.due_soon_view)):
            lay = QVBoxLayout(box)
            lay.addWidget(view)
            for col in (COL_STATUS, COL_SOURCE, COL_RECEIVED, COL_AMOUNT):
                view.hideColumn(col)
            view.activated.connect(self._activated)  # Enter or double-click

        lists = QHBoxLayout()
        lists.addWidget(self.overdue_box)
        lists.addWidget(self.due_soon_box)
        self.hint = QLabel(self.tr("Double-click a case or press Enter to open it; "
                                   "click a count above to list its cases."))
        self.hint.setStyleSheet("color: palette(mid);")
        self.center_part = QWidget()  # a center's dashboard (hidden on a court desk)
        layout = QVBoxLayout(self.center_part)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Today"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        title.setFont(font)
        layout.addWidget(title)
        # the small-claims threshold rests on a yearly figure; say when it is stale
        self.wage_warning = QLabel()
        self.wage_warning.setObjectName("wageWarning")
        self.wage_warning.setWordWrap(True)
        self.wage_warning.setStyleSheet("color: #8a5300;")
        self.wage_warning.hide()
        layout.addWidget(self.wage_warning)
        layout.addLayout(grid)
        layout.addLayout(lists, 1)
        layout.addWidget(self.hint)
        self._due_caption = captions["due_soon"]
        outer = QVBoxLayout(self)
        outer.addWidget(self.center_part)
        self.court: CourtDashboardPage | None = None
        if services.run(lambda s: desk_kind(s.store)) == "court":
            from .court_dashboard import CourtDashboardPage

            self.court = CourtDashboardPage(services)
            self.court.cases_chosen.connect(self.cases_chosen)
            outer.addWidget(self.court)
            self.center_part.hide()

    def refresh(self) -> None:
        """Reload the counts and both lists (after start-up or a save)."""
        days = self.services.read_cases.settings.due_soon_days
        warning = wage_warning(self.services.read_cases.settings,
                               self.services.read_cases.today())
        self.wage_warning.setText("⚠ " + warning if warning else "")
        self.wage_warning.setVisible(bool(warning))
        self.tiles["due_soon"].caption.setText(self._due_caption.format(days))
        by_due = CaseSort(key="due_on", descending=False)
        self.overdue_model.set_query(CaseFilter(overdue=True), by_due)
        self.due_soon_model.set_query(CaseFilter(due_within=days), by_due)
        self.services.tasks.submit(self.services.read_cases.dashboard, self._show_counts)
        if self.court is not None:
            self.court.refresh()

    def _show_counts(self, counts: DashboardCounts) -> None:
        self.counts = counts
        for key in COUNT_KEYS:
            self.tiles[key].set_value(getattr(counts, key))
        self.overdue_box.setTitle(self.tr("Overdue cases ({0})").format(counts.overdue))
        self.due_soon_box.setTitle(self.tr("Cases due soon ({0})").format(counts.due_soon))
        self.counts_loaded.emit(counts)

    # -- the tiles ---------------------------------------------------------------
    def tile_filter(self, key: str) -> CaseFilter | None:
        """The filter giving exactly tile ``key``'s count (None: a list of ids is needed)."""
        caption = self.tiles[key].caption.text()
        if key == "new":
            return CaseFilter(statuses=(CaseStatus.REGISTERED,), caption=caption)
        if key == "in_mediation":
            return CaseFilter(statuses=IN_MEDIATION, caption=caption)
        if key == "due_soon":
            return CaseFilter(due_within=self.services.read_cases.settings.due_soon_days,
                              caption=caption)
        if key == "overdue":
            return CaseFilter(overdue=True, caption=caption)
        if key == "total":
            return CaseFilter(caption=caption)
        return None

    def choose(self, key: str) -> None:
        """A tile was pressed: emit the filter of its cases (ids queried on the worker)."""
        flt = self.tile_filter(key)
        if flt is not None:
            self.cases_chosen.emit(flt)
            return
        caption = self.tiles[key].caption.text()
        read = self.services.read_cases
        listing = read.awaiting_jc if key == "awaiting_jc" else read.follow_ups_due
        self.services.tasks.submit(
            lambda: tuple(r.id for r in listing(limit=ALL_ROWS)),
            lambda ids: self.cases_chosen.emit(CaseFilter(case_ids=ids, caption=caption)))

    def _activated(self, index) -> None:
        case_id = index.data(CaseIdRole)
        if case_id:
            self.open_case.emit(case_id)
