"""案件 Case list: search as you type, filters, server-side sorting, paged rows.

Typing restarts a 200 ms timer; when it fires the filter is applied and the
query runs on the worker (see ``CaseTableModel``), so typing never stalls.

A drill-down (a statistics figure, a dashboard tile: :meth:`CasesPage.show_drill_down`)
lists exactly the cases of its ``CaseFilter`` under a caption bar 「2026年11月
调解成功数：842件」 until 清除 (or 清除筛选) drops it; the filters above narrow it further.
"""

from __future__ import annotations

from dataclasses import fields, replace

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ...domain.queries import CaseFilter, CaseSort
from ..context import Services
from ..geometry import Layouts
from ..models.case_table import COL_CENTER, COL_PARTIES, SORT_KEYS, CaseIdRole, CaseTableModel
from ..permits import guard
from .cases_view import NO_DATE, CasesPageView
from .dashboard import case_view

DEBOUNCE_MS = 200


_NO_FILTER = CaseFilter()


def narrowed(own: CaseFilter, drill: CaseFilter | None) -> CaseFilter:
    """The page's own filter with every criterion the drill-down sets (its own win)."""
    if drill is None:
        return own
    given = {f.name: getattr(drill, f.name) for f in fields(CaseFilter)
             if getattr(drill, f.name) != getattr(_NO_FILTER, f.name)}
    return replace(own, **given)


def _date(edit) -> object:
    d: QDate = edit.date()
    return None if d == NO_DATE else d.toPython()


class CasesPage(CasesPageView):
    """The case list with its filters."""

    open_case = Signal(str)
    new_case_requested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.build()
        self.model = CaseTableModel(services, self)
        self.table = case_view(self.model)
        self.table.setObjectName("caseTable")
        self.table.setSortingEnabled(False)  # enabled after the first query (no double load)
        header = self.table.horizontalHeader()
        header.setSortIndicator(self.model.column_of("received_on"), Qt.SortOrder.DescendingOrder)
        self.add_table(self.table)
        self.drill: CaseFilter | None = None
        self._build_drill_bar()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.search.returnPressed.connect(self._search_entered)
        self._focus_results_pending = False
        for key, widget, slot in ((Qt.Key.Key_Down, self.search, self.focus_results),
                                  (Qt.Key.Key_Escape, self.table, self.focus_search)):
            shortcut = QShortcut(QKeySequence(key), widget)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # only with the focus there
            shortcut.activated.connect(slot)
        self.model.loaded.connect(self._rows_arrived)
        for combo in (self.status, self.deadline, self.dispute_type, self.source, self.mediator,
                      self.flag):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.center.currentIndexChanged.connect(lambda _i: self.apply_filter())
        for edit in (self.received_from, self.received_to):
            edit.dateChanged.connect(lambda _d: self.apply_filter())
        self.clear.clicked.connect(self.clear_filters)
        self.new_case.clicked.connect(self.new_case_requested)
        guard(services, "register_case", self.new_case)
        from ..dialogs.ledger_dialogs import add_ledger_buttons

        add_ledger_buttons(self)  # 导出台账, 打印, 导入台账 (ui/dialogs/ledger_dialogs.py)
        self.set_tab_order(self.table, *getattr(self, "ledger_buttons", ()))
        self.table.activated.connect(self._activated)
        self.model.total_changed.connect(self._show_total)
        self._started = False

    # -- keyboard: search box <-> results (Down or Enter in, Esc or Shift+Tab out) ---
    def _search_entered(self) -> None:
        """Enter: search now (not after the pause) and go to the first result."""
        self._focus_results_pending = True  # the new rows' first, when they arrive
        self.apply_filter()
        self.focus_results()

    def focus_results(self) -> None:
        """Focus the result list with a row current (the first, once rows are there)."""
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid():
            self._focus_results_pending = True
        self._rows_arrived()

    def _rows_arrived(self) -> None:
        if not self._focus_results_pending or self.model.rowCount() == 0:
            return
        self._focus_results_pending = False
        self.table.selectRow(0)
        self.table.setCurrentIndex(self.model.index(0, 0))

    def remember_layout(self, layouts: Layouts) -> None:
        """Column widths, order and sort as this account left them (``ui/geometry.py``)."""
        header = self.table.horizontalHeader()
        self._spare_to_parties = not layouts.remember_header(header, "caseList")
        column = header.sortIndicatorSection()
        key = "center" if column == COL_CENTER else SORT_KEYS.get(column)
        if key is not None:  # the first query already in the remembered order
            self.model.sort_spec = CaseSort(
                key=key, descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if getattr(self, "_spare_to_parties", False):
            self._spare_to_parties = False
            QTimer.singleShot(0, self._give_spare_width_to_parties)

    def _give_spare_width_to_parties(self) -> None:
        """Nothing remembered yet: the room a wide screen leaves goes to 当事人 (the last
        column, which stretches, would take it and leave the names cut)."""
        header = self.table.horizontalHeader()
        last = header.logicalIndex(header.count() - 1)
        spare = header.sectionSize(last) - max(header.sectionSizeHint(last),
                                               header.defaultSectionSize())
        if spare > 0 and last != COL_PARTIES:
            header.resizeSection(COL_PARTIES, header.sectionSize(COL_PARTIES) + spare)

    def _build_drill_bar(self) -> None:
        """The caption bar of a drill-down, above the count line (hidden without one)."""
        self.drill_bar = QFrame()
        self.drill_bar.setObjectName("drillBar")
        self.drill_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.drill_bar.setStyleSheet("QFrame#drillBar { background: #e7f0fa; }")
        self.drill_caption = QLabel()
        self.drill_caption.setObjectName("drillCaption")
        font = self.drill_caption.font()
        font.setBold(True)
        self.drill_caption.setFont(font)
        self.drill_clear = QPushButton(self.tr("Clear"))
        self.drill_clear.setObjectName("drillClear")
        self.drill_clear.setAutoDefault(False)
        self.drill_clear.setToolTip(self.tr("Show all cases again"))
        self.drill_clear.clicked.connect(self.clear_drill_down)
        bar = QHBoxLayout(self.drill_bar)
        bar.setContentsMargins(8, 4, 8, 4)
        bar.addWidget(self.drill_caption, 1)
        bar.addWidget(self.drill_clear)
        self.layout_.insertWidget(self.layout_.indexOf(self.count), self.drill_bar)
        self.drill_bar.hide()

    # -- drill-down --------------------------------------------------------------
    def show_drill_down(self, flt: CaseFilter) -> None:
        """List exactly the cases of ``flt`` (the other filters cleared) under its caption."""
        self._reset_widgets()
        self.drill = flt
        self.drill_caption.setText(flt.caption)
        self.drill_bar.show()
        if flt.case_ids is not None:
            self._show_drill_count(len(flt.case_ids))
        else:  # a criterion (a dashboard tile): the count of exactly that filter
            self.services.tasks.submit(lambda: self.services.read_cases.count(flt),
                                       lambda n, f=flt: self._show_drill_count(n, f))
        self.apply_filter()

    def _show_drill_count(self, count: int, flt: CaseFilter | None = None) -> None:
        if flt is not None and flt is not self.drill:
            return  # an answer for a drill-down already replaced
        if self.drill is not None:
            self.drill_caption.setText(self.tr("{0}: {1} case(s)").format(self.drill.caption,
                                                                         count))

    def clear_drill_down(self) -> None:
        """清除: back to the list of every case (the filters kept)."""
        had = self.drill is not None
        self.drill = None
        self.drill_bar.hide()
        if had:
            self.apply_filter()

    # -- behaviour ---------------------------------------------------------------
    def start(self) -> None:
        """First load (called once the window shows)."""
        self.apply_filter()
        self.load_mediators()
        self.table.setSortingEnabled(True)  # sorts: calls model.sort with the same indicator
        self._started = True

    def load_mediators(self) -> None:
        """Fill the mediator filter (queried on the worker)."""
        self.services.tasks.submit(
            lambda: [(m.id, m.name, m.active) for m in
                     self.services.read_mediators.mediators(include_inactive=True)],
            self._fill_mediators)

    def _fill_mediators(self, mediators: list[tuple[str, str, bool]]) -> None:
        current = self.mediator.currentData()
        self.mediator.blockSignals(True)
        while self.mediator.count() > 1:
            self.mediator.removeItem(1)
        for mid, name, active in mediators:
            self.mediator.addItem(name if active else self.tr("{0} (inactive)").format(name), mid)
        index = self.mediator.findData(current) if current else 0
        self.mediator.setCurrentIndex(max(index, 0))
        self.mediator.blockSignals(False)

    def current_filter(self) -> CaseFilter:
        """The filters shown, narrowed by the drill-down if there is one."""
        return narrowed(self._own_filter(), self.drill)

    def _own_filter(self) -> CaseFilter:
        status = self.status.currentData()
        deadline = self.deadline.currentData()
        return CaseFilter(
            statuses=(status,) if status not in (None, "open") else (),
            open_only=status == "open",
            dispute_types=((self.dispute_type.currentData(),)
                           if self.dispute_type.currentData() else ()),
            sources=(self.source.currentData(),) if self.source.currentData() else (),
            flags=(self.flag.currentData(),) if self.flag.currentData() else (),
            mediator_id=self.mediator.currentData(),
            center_id=self.center.currentData(),
            received_from=_date(self.received_from), received_to=_date(self.received_to),
            overdue=deadline == "overdue",
            due_within=(self.services.read_cases.settings.due_soon_days
                        if deadline == "due_soon" else None),
            text=self.search.text().strip())

    def apply_filter(self) -> None:
        self.timer.stop()
        flt = self.current_filter()
        self.count.setText(self.tr("Searching…"))
        self.model.set_query(flt)

    def refresh(self) -> None:
        if self._started:
            self.model.refresh()

    def clear_filters(self) -> None:
        """清除筛选: every filter and the drill-down."""
        self._reset_widgets()
        self.drill = None
        self.drill_bar.hide()
        self.apply_filter()

    def _reset_widgets(self) -> None:
        widgets = (self.status, self.deadline, self.dispute_type, self.source, self.mediator,
                   self.flag, self.received_from, self.received_to, self.search)
        for w in widgets:
            w.blockSignals(True)
        for combo in widgets[:6]:
            combo.setCurrentIndex(0)
        self.received_from.setDate(NO_DATE)
        self.received_to.setDate(NO_DATE)
        self.search.clear()
        self.center.blockSignals(True)
        self.center.setCurrentIndex(0)
        self.center.blockSignals(False)
        for w in widgets:
            w.blockSignals(False)

    def show_centers(self, names: dict[str, str]) -> None:
        """Court liaison desk: a 中心/调解组织 column and filter (center id -> name)."""
        self.model.show_centers(names)
        current = self.center.currentData()
        self.center.blockSignals(True)
        while self.center.count() > 1:
            self.center.removeItem(1)
        for cid, name in sorted(names.items(), key=lambda kv: kv[1]):
            self.center.addItem(name, cid)
        self.center.setCurrentIndex(max(self.center.findData(current) if current else 0, 0))
        self.center.blockSignals(False)
        self.center.setVisible(True)

    def filter_center(self, center_id: str) -> None:
        """Show only one center's cases (the court page's click)."""
        self.clear_filters()
        index = self.center.findData(center_id)
        if index < 0:  # a center not listed yet: list it so the filter shows what it is
            self.center.addItem(center_id, center_id)
            index = self.center.count() - 1
        self.center.setCurrentIndex(index)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def show_overdue(self) -> None:
        self.clear_filters()
        self.deadline.setCurrentIndex(self.deadline.findData("overdue"))

    def _show_total(self, total: int) -> None:
        kind = getattr(self.model, "total_kind", "exact")  # storage/case_counts.py
        if kind == "at_least":  # counting stopped: at least that many, maybe more
            self.count.setText(self.tr("At least %n case(s)", "", total))
        elif kind == "about":  # an estimate, never shown as an exact number
            self.count.setText(self.tr("About %n case(s)", "", total))
        else:
            self.count.setText(self.tr("%n case(s)", "", total))

    def _activated(self, index) -> None:
        case_id = index.data(CaseIdRole)
        if case_id:
            self.open_case.emit(case_id)

    def sort_spec(self) -> CaseSort:
        return self.model.sort_spec
