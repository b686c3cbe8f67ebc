"""我的案件 My cases: the logged-in mediator's sessions today, due soon, overdue, follow-ups.

Four lists, each under its exact count (``services/my_work.py``; today's sessions of a
very busy mediator are a lower bound, shown as 「至少」). Enter or double-click on a row
opens the case; each list's 「在案件列表中查看」 opens the case list with exactly the
cases of its count (:attr:`MyWorkPage.cases_chosen`). A director sees the cases of the
roster entry with their name, or the whole center (the scope box). The page loads each
time it is shown, on the worker.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.deadlines import DeadlineState
from ...domain.queries import CaseFilter, CaseRow
from ...services.my_work import (
    MyWork,
    follow_up_ids,
    may_see_center,
    my_work,
    own_mediator_id,
)
from .. import i18n
from ..context import Services
from ..models.case_table import CaseIdRole
from ..models.my_work_tables import SessionsModel, WorkCasesModel
from .exchange_view import table, title_label

KEYS = ("sessions", "due_soon", "overdue", "follow_ups")
SCOPE_OWN, SCOPE_CENTER = "own", "center"


class MyWorkPage(QWidget):
    """Today's work of one mediator (or, for a director, of the center)."""

    cases_chosen = Signal(object)  # CaseFilter of exactly a list's cases
    loaded = Signal(object)  # MyWork

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.work: MyWork | None = None
        account = services.account
        self.own_id: str | None = services.read(
            lambda s: own_mediator_id(s.reader_store, account))
        self.scope = QComboBox()
        self.scope.setObjectName("myWorkScope")
        self.scope.addItem(self.tr("My own cases"), SCOPE_OWN)
        if may_see_center(account):
            self.scope.addItem(self.tr("The whole center"), SCOPE_CENTER)
        if self.own_id is None and self.scope.count() > 1:
            self.scope.setCurrentIndex(1)
            self.scope.model().item(0).setEnabled(False)  # type: ignore[attr-defined]
            self.scope.setToolTip(self.tr("You are not on the mediators' roster under your "
                                          "name, so no case is assigned to you."))
        self.scope.setVisible(self.scope.count() > 1)
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self.subtitle = QLabel()
        self.subtitle.setObjectName("myWorkSubtitle")
        self.models = {"sessions": SessionsModel(self), "due_soon": WorkCasesModel(self),
                       "overdue": WorkCasesModel(self),
                       "follow_ups": WorkCasesModel(self, follow_ups=True)}
        self.views: dict[str, QTableView] = {}
        self.titles: dict[str, QLabel] = {}
        self.show_all: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setVerticalSpacing(self.fontMetrics().height())
        for i, key in enumerate(KEYS):
            view = table(f"myWork_{key}")
            view.setModel(self.models[key])
            header = view.horizontalHeader()  # the parties (last) take what is left
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
            view.setWordWrap(False)
            view.setToolTip(self.tr("Double-click or press Enter to open the case"))
            view.activated.connect(self._activated)
            button = QPushButton(self.tr("Show in the case list"))
            button.setObjectName(f"myWorkAll_{key}")
            button.clicked.connect(lambda _c=False, k=key: self.choose(k))
            # a caption with its button above the list (no group-box title line: at 150 %
            # on a 1366x768 screen every line counts)
            title = QLabel()
            title.setObjectName(f"myWorkTitle_{key}")
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            title.setBuddy(view)
            box = QWidget()
            box.setObjectName(f"myWorkBox_{key}")
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            row = QHBoxLayout()
            row.addWidget(title, 1)
            row.addWidget(button)
            lay.addLayout(row)
            lay.addWidget(view, 1)
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.views[key], self.titles[key], self.show_all[key] = view, title, button
            grid.addWidget(box, i // 2, i % 2)
        self.hint = QLabel()
        self.hint.setObjectName("myWorkHint")
        self.hint.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(title_label(self.tr("My cases")))
        head.addWidget(self.subtitle, 1)
        head.addWidget(self.scope)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(grid, 1)
        layout.addWidget(self.hint)
        self._set_titles(None)

    # -- loading ----------------------------------------------------------------------
    def mediator_id(self) -> str | None:
        """Whose cases are shown: a roster id, or None for the whole center."""
        return None if self.scope.currentData() == SCOPE_CENTER else self.own_id

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        whole = self.scope.currentData() == SCOPE_CENTER
        mid = self.mediator_id()
        if mid is None and not whole:
            self._set_titles(None)
            self.hint.setText(self.tr("No mediator is linked to this account, so no case is "
                                      "assigned to it."))
            return
        services = self.services

        def load(s) -> tuple[MyWork, dict[str, DeadlineState]]:
            work = my_work(s.reader_store, mid)
            rows = {r.id: r for listing in (work.due_soon, work.overdue, work.follow_ups)
                    for r in listing.rows}
            return work, {cid: s.read_cases.deadline(r) for cid, r in rows.items()}

        services.tasks.submit(lambda: services.read(load), lambda got: self._loaded(*got))

    def _loaded(self, work: MyWork, deadlines: dict[str, DeadlineState]) -> None:
        self.work = work
        self.models["sessions"].set_rows(list(work.sessions))
        for key in ("due_soon", "overdue", "follow_ups"):
            rows: tuple[CaseRow, ...] = getattr(work, key).rows
            self.models[key].set_rows([(r, deadlines[r.id], work.follow_up_due.get(r.id))
                                       for r in rows])
        self._set_titles(work)
        who = (self.tr("the whole center") if work.mediator_id is None
               else self.services.account.name if self.services.account else "")
        self.subtitle.setText(f"{who} · {i18n.format_date(work.today)}")
        self.hint.setText(self.tr("Double-click a case or press Enter to open it. Sessions "
                                  "are those dated today; due soon means within {0} days.")
                          .format(work.due_soon_days))
        if not work.sessions_exact:
            self.hint.setText(self.hint.text() + self.tr(
                " With this many cases only those in mediation or ended today are searched "
                "for today's sessions, hence “at least”."))
        self.loaded.emit(work)

    def _set_titles(self, work: MyWork | None) -> None:
        captions = self.captions()
        for key in KEYS:
            if work is None:
                self.titles[key].setText(captions[key])
                self.show_all[key].setEnabled(False)
                continue
            self.titles[key].setText(f"{captions[key]}（{self.count_text(work, key)}）")
            self.show_all[key].setEnabled(self.count(work, key) > 0)

    def captions(self) -> dict[str, str]:
        return {"sessions": self.tr("Sessions today"), "due_soon": self.tr("Due soon"),
                "overdue": self.tr("Overdue"), "follow_ups": self.tr("Follow-up visits owed")}

    @staticmethod
    def count(work: MyWork, key: str) -> int:
        return len(work.sessions) if key == "sessions" else int(getattr(work, key).count)

    def count_text(self, work: MyWork, key: str) -> str:
        """「59件」, today's sessions 「3次」, or 「至少293次」 when only a lower bound is known."""
        n = self.count(work, key)
        if key != "sessions":
            return self.tr("{0} case(s)").format(n)
        if work.sessions_exact:
            return self.tr("{0} session(s)").format(n)
        return self.tr("at least {0} session(s)").format(n)

    # -- opening ----------------------------------------------------------------------
    def list_filter(self, key: str) -> CaseFilter | None:
        """The case-list filter of exactly the cases a list counts (None: nothing loaded)."""
        work = self.work
        if work is None:
            return None
        caption = f"{self.captions()[key]}（{self.subtitle.text().split(' · ')[0]}）"
        mid = work.mediator_id
        if key == "overdue":
            return CaseFilter(mediator_id=mid, overdue=True, caption=caption)
        if key == "due_soon":
            return CaseFilter(mediator_id=mid, due_within=work.due_soon_days, caption=caption)
        if key == "sessions":
            ids = tuple(dict.fromkeys(s.case.id for s in work.sessions))
        else:
            ids = tuple(r.id for r in work.follow_ups.rows)
        return CaseFilter(case_ids=ids, caption=caption)

    def choose(self, key: str) -> None:
        flt = self.list_filter(key)
        work = self.work
        if flt is None or work is None:
            return
        if key == "follow_ups" and work.follow_ups.count > len(work.follow_ups.rows):
            # more than the list holds: every one's id, on the worker
            mid, n, services = work.mediator_id, work.follow_ups.count, self.services

            services.tasks.submit(
                lambda: services.read(lambda s: follow_up_ids(s.reader_store, mid, n)),
                lambda ids: self.cases_chosen.emit(replace(flt, case_ids=ids)))
            return
        self.cases_chosen.emit(flt)

    def _activated(self, index) -> None:
        case_id = index.data(CaseIdRole)
        if case_id:
            self.services.open_case(case_id)
