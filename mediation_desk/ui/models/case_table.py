"""The case list as a Qt table model that pages rows in from the case service.

Rows come ``PAGE`` at a time through ``canFetchMore``/``fetchMore``; each page
is queried on the task runner's worker, so a 1,000,000-case database opens with
one page and the GUI thread never waits on SQL. Pages are read by keyset: each
page hands back a cursor (the last row's sort key) and the next page is the rows
after it, so scrolling deep costs what the first page did. A new filter or sort
bumps the generation number, which makes answers to older queries be dropped.

No ID or phone numbers: :class:`CaseRow` does not carry them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ...domain.deadlines import DeadlineLevel, DeadlineState
from ...domain.formatting import format_yuan
from ...domain.paging import CaseCursor
from ...domain.queries import CaseFilter, CaseRow, CaseSort
from .. import i18n, labels
from ..context import Services

PAGE = 200

COL_NUMBER, COL_DEADLINE, COL_STATUS, COL_PARTIES, COL_TYPE, COL_SOURCE, COL_MEDIATORS, \
    COL_RECEIVED, COL_AMOUNT = range(9)
SORT_KEYS = {COL_NUMBER: "number", COL_DEADLINE: "due_on", COL_STATUS: "status",
             COL_PARTIES: "party_names", COL_TYPE: "dispute_type", COL_SOURCE: "source",
             COL_MEDIATORS: "mediator_names", COL_RECEIVED: "received_on",
             COL_AMOUNT: "amount"}
COL_CENTER = 9  # 中心/调解组织: only on a court liaison desk (see ``show_centers``)

CaseIdRole = Qt.ItemDataRole.UserRole + 1
DeadlineLevelRole = Qt.ItemDataRole.UserRole + 2
RowRole = Qt.ItemDataRole.UserRole + 3

OVERDUE_BG = QColor("#f8d7da")
DUE_SOON_BG = QColor("#fff3cd")
OVERDUE_FG = QColor("#842029")
DUE_SOON_FG = QColor("#664d03")

COUNT_CAP = 500
"""A filter of several criteria is counted exactly up to this; above it the list shows an
estimate (约) or a lower bound (至少): ``storage/case_counts.py``."""


@dataclass(frozen=True)
class ListedCase:
    row: CaseRow
    deadline: DeadlineState


def fetch_page(services: Services, flt: CaseFilter, sort: CaseSort, after: CaseCursor | None,
               limit: int) -> tuple[list[ListedCase], CaseCursor | None]:
    """The page after ``after`` with each row's deadline state, and the cursor of the next
    page (None: no more rows); runs on the worker."""
    svc = services.read_cases
    page = svc.page(flt, sort=sort, after=after, limit=limit)
    return [ListedCase(r, svc.deadline(r)) for r in page.rows], page.next


class CaseTableModel(QAbstractTableModel):
    """Case rows for a filter and sort, paged in from the database."""

    total_changed = Signal(int)  # number of matching cases (arrives after the first page)
    loaded = Signal()  # a page arrived

    def __init__(self, services: Services, parent=None, *, page_size: int = PAGE) -> None:
        super().__init__(parent)
        self.services = services
        self.page_size = page_size
        self.filter = CaseFilter()
        self.sort_spec = CaseSort()
        self._rows: list[ListedCase] = []
        self._next: CaseCursor | None = None  # where the next page starts
        self._more = False
        self._loading = False
        self._generation = 0
        self.total: int | None = None
        self.total_kind = "exact"  # or "about" (约: an estimate), "at_least" (至少)
        self.center_names: dict[str, str] | None = None  # set: the center column shows

    def show_centers(self, names: dict[str, str]) -> None:
        """Add (or refresh) the 中心/调解组织 column: center id -> name (court desk)."""
        if self.center_names is None:
            self.beginInsertColumns(QModelIndex(), COL_CENTER, COL_CENTER)
            self.center_names = dict(names)
            self.endInsertColumns()
            return
        self.center_names = dict(names)
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_CENTER),
                                  self.index(len(self._rows) - 1, COL_CENTER))

    # -- querying -------------------------------------------------------------
    def set_query(self, flt: CaseFilter | None = None, sort: CaseSort | None = None) -> None:
        """Replace the filter and/or sort and load the first page."""
        self.filter = flt if flt is not None else self.filter
        self.sort_spec = sort if sort is not None else self.sort_spec
        self.refresh()

    def refresh(self) -> None:
        """Reload from the first page (after a save, or a new query)."""
        self._generation += 1
        gen = self._generation
        self._loading = True
        flt, sort, n = self.filter, self.sort_spec, self.page_size
        self.services.tasks.submit(lambda: fetch_page(self.services, flt, sort, None, n),
                                   lambda page: self._first_page(gen, *page), self._failed)

    def _count(self, gen: int) -> None:
        from ...services.case_counts import count_for_list  # exact, 约 or 至少

        flt, services = self.filter, self.services
        services.tasks.submit(
            lambda: services.read(lambda s: count_for_list(s.reader_store, flt)),
            lambda c: self._counted(gen, c.n, c.kind), self._failed)

    def _first_page(self, gen: int, rows: list[ListedCase], following: CaseCursor | None
                    ) -> None:
        if gen != self._generation:
            return
        self.beginResetModel()
        self._rows = list(rows)
        self._next = following
        self._more = following is not None
        self._loading = False
        self.endResetModel()
        self.loaded.emit()
        if self._more:  # the count (a full scan) only when more than one page matches
            self._count(gen)
        else:
            self._counted(gen, len(rows))

    def _counted(self, gen: int, total: int, kind: str = "exact") -> None:
        if gen == self._generation:
            self.total, self.total_kind = total, kind
            self.total_changed.emit(total)

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        on_error = self.services.tasks.on_error
        if on_error is None:
            raise exc
        on_error(exc)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008 - Qt signature
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008 - Qt signature
        if not self.canFetchMore(parent):
            return
        self._loading = True
        gen, after = self._generation, self._next
        flt, sort, n = self.filter, self.sort_spec, self.page_size
        self.services.tasks.submit(lambda: fetch_page(self.services, flt, sort, after, n),
                                   lambda page: self._more_rows(gen, *page), self._failed)

    def _more_rows(self, gen: int, rows: list[ListedCase], following: CaseCursor | None
                   ) -> None:
        if gen != self._generation:
            return
        self._loading = False
        self._next = following
        self._more = following is not None
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.loaded.emit()

    @property
    def loading(self) -> bool:
        return self._loading

    # -- Qt model ---------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(SORT_KEYS) + (self.center_names is not None)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Case number"), self.tr("Deadline"), self.tr("Status"),
                self.tr("Parties"), self.tr("Dispute type"), self.tr("Source"),
                self.tr("Mediators"), self.tr("Received"), self.tr("Amount (yuan)"),
                self.tr("Center"))[section]

    def case_id(self, row: int) -> str:
        return self._rows[row].row.id

    def listed(self, row: int) -> ListedCase:
        return self._rows[row]

    def deadline_text(self, state: DeadlineState) -> str:
        """Text beside the colour, so the marking does not rely on colour alone."""
        text = self._deadline_words(state)
        if text and state.estimated:
            text += self.tr(" (est.)")
        return text

    def _deadline_words(self, state: DeadlineState) -> str:
        if state.level is DeadlineLevel.OVERDUE:
            return self.tr("⚠ Overdue {0} d").format(-(state.days_left or 0))
        if state.level is DeadlineLevel.DUE_SOON:
            if state.days_left == 0:
                return self.tr("◔ Due today")
            return self.tr("◔ {0} d left").format(state.days_left)
        if state.level is DeadlineLevel.OK and state.days_left is None:
            return self.tr("Paused")
        if state.level is DeadlineLevel.OK:
            return self.tr("{0} d left").format(state.days_left)
        return ""

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        item = self._rows[index.row()]
        r, col = item.row, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_NUMBER:
                return r.number
            if col == COL_DEADLINE:
                return self.deadline_text(item.deadline)
            if col == COL_STATUS:
                return labels.label(r.status)
            if col == COL_PARTIES:
                return r.party_names
            if col == COL_TYPE:
                return labels.label(r.dispute_type)
            if col == COL_SOURCE:
                return labels.label(r.source)
            if col == COL_MEDIATORS:
                return r.mediator_names
            if col == COL_RECEIVED:
                return i18n.format_date(r.received_on)
            if col == COL_AMOUNT:
                return format_yuan(r.amount) if r.amount is not None else ""
            if col == COL_CENTER and self.center_names is not None:
                return self.center_names.get(r.center_id, "")
            return None
        level = item.deadline.level
        if role == Qt.ItemDataRole.BackgroundRole:
            if level is DeadlineLevel.OVERDUE:
                return QBrush(OVERDUE_BG)
            if level is DeadlineLevel.DUE_SOON:
                return QBrush(DUE_SOON_BG)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_DEADLINE:
            if level is DeadlineLevel.OVERDUE:
                return QBrush(OVERDUE_FG)
            if level is DeadlineLevel.DUE_SOON:
                return QBrush(DUE_SOON_FG)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_NUMBER and r.title:
            return r.title
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_DEADLINE and item.deadline.estimated:
            return self.tr("Holiday arrangement estimated: the deadline was computed from the "
                           "statutory holidays because this year's notice is not entered yet.")
        if role == CaseIdRole:
            return r.id
        if role == DeadlineLevelRole:
            return level.value
        if role == RowRole:
            return r
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Server-side sort: the database orders, the model reloads from the first page."""
        key = "center" if column == COL_CENTER else SORT_KEYS.get(column)
        if key is None:
            return
        new = CaseSort(key=key, descending=order == Qt.SortOrder.DescendingOrder)
        if new != self.sort_spec:
            self.set_query(sort=new)

    @staticmethod
    def column_of(sort_key: str) -> int:
        return next((c for c, k in SORT_KEYS.items() if k == sort_key), COL_RECEIVED)


__all__ = ["CaseTableModel", "ListedCase", "fetch_page", "CaseIdRole"]
