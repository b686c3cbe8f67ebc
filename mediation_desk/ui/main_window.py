"""The main window: navigation 工作台 / 案件 / 调解员 / 设置, case tabs, status bar.

Open cases are tabs beside the case list (several can be open); each is the
other screens' ``CaseDetailWidget``. Keyboard (docs/keyboard.md): Ctrl+N new case,
Ctrl+F search, Ctrl+W close the case tab, Ctrl+1 工作台, Ctrl+2 案件, Ctrl+3 调解员,
Ctrl+4 设置, Ctrl+5 统计, Ctrl+6 交换, Ctrl+7 账户, Ctrl+8 法院 (court desk), Ctrl+9 我的案件
(center desk), F5 refresh.

The window opens at its remembered size and place for the logged-in account, or fitted
to the screen's available area (``ui/geometry.py``); both are saved when it is hidden.

Start-up shows the dashboard and the case list first: the other pages (调解员,
设置, 交换, 统计, 账户) and their imports are built the first time they are shown.

A number on the 统计 page or a dashboard tile opens the case list filtered to exactly
the cases it counts (``CasesPage.show_drill_down``).

What the logged-in account's role may not do is hidden or disabled with the reason as its
tooltip (``ui/permits.py``, the services' own rules); 账户 → 锁定 / 切换用户 ask the
application to lock (``ui/lock.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from ..domain.queries import DashboardCounts
from . import errors
from .context import Services
from .geometry import Layouts, available_rect, fit_window, screen_share
from .pages.cases_page import CasesPage
from .pages.dashboard import DashboardPage

if TYPE_CHECKING:  # imported lazily at run time
    from .dialogs.register_case import RegisterCaseDialog
    from .pages.case_detail import CaseDetailWidget

PAGE_DASHBOARD, PAGE_CASES, PAGE_MEDIATORS, PAGE_SETTINGS = range(4)
PAGE_EXCHANGE, PAGE_COURT = 4, 5  # 法院 only on a court liaison desk


def _case_detail_class() -> type[CaseDetailWidget]:
    """The case detail widget (imported on first use: start-up does not need it)."""
    from .pages.case_detail import CaseDetailWidget

    return CaseDetailWidget


def _register_dialog_class() -> type[RegisterCaseDialog]:
    """The registration dialog (imported on first use: start-up does not need it)."""
    from .dialogs.register_case import RegisterCaseDialog

    return RegisterCaseDialog


class MainWindow(QMainWindow):
    """Navigation on the left, pages on the right."""

    language_changed = Signal(str)
    first_rows_shown = Signal()
    restore_requested = Signal(str)  # a backup's path: the application restores and reopens
    lock_requested = Signal()
    settings_saved = Signal()  # the auto-lock time may have changed
    switch_user_requested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        services.open_case = self.open_case
        services.data_changed = self.refresh_all
        self.setWindowTitle(self.tr("Mediation Desk"))
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        for text in (self.tr("Dashboard"), self.tr("Cases"), self.tr("Mediators"),
                     self.tr("Settings")):
            QListWidgetItem(text, self.nav)
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 8px 6px; }")
        self.nav.setFixedWidth(max(self.nav.sizeHintForColumn(0) + 32,
                                   self.fontMetrics().horizontalAdvance("M" * 9)))
        self.dashboard = DashboardPage(services)
        self.cases = CasesPage(services)
        self._builders = {PAGE_MEDIATORS: self._build_mediators,
                          PAGE_SETTINGS: self._build_settings}
        self._built: dict[int, QWidget] = {}  # the pages built so far, by stack index
        self.case_tabs = QTabWidget()
        self.case_tabs.setObjectName("caseTabs")
        self.case_tabs.setTabsClosable(True)
        self.case_tabs.setDocumentMode(True)
        self.case_tabs.addTab(self.cases, self.tr("Case list"))
        self.case_tabs.tabBar().setTabButton(0, self.case_tabs.tabBar().ButtonPosition.RightSide,
                                             None)
        self.case_tabs.tabCloseRequested.connect(self.close_case_tab)
        self.stack = QStackedWidget()
        for page in (self.dashboard, self.case_tabs, QWidget(), QWidget()):
            self.stack.addWidget(page)  # placeholders until the page is first shown
        self.nav.currentRowChanged.connect(self.show_page)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.center_label = QLabel()
        self.db_label = QLabel()
        self.overdue_label = QLabel()
        self.overdue_label.setObjectName("overdueStatus")
        bar = self.statusBar()
        bar.addWidget(self.center_label)
        bar.addWidget(self.db_label, 1)
        bar.addPermanentWidget(self.overdue_label)

        self.dashboard.open_case.connect(self.open_case)
        self.dashboard.counts_loaded.connect(self._show_counts)
        self.dashboard.cases_chosen.connect(self.show_cases)
        self.cases.open_case.connect(self.open_case)
        self.cases.new_case_requested.connect(self.new_case)
        self._waiting = {self.cases.model, self.dashboard.overdue_model}
        for model in self._waiting:
            model.loaded.connect(lambda m=model: self._rows_loaded(m))
        self.account_label = QLabel()
        self.account_label.setObjectName("accountStatus")
        account = services.account
        self.account_label.setText(account.label if account is not None else "")
        bar.addPermanentWidget(self.account_label)
        self._build_actions()
        self._add_exchange_pages()
        self.page_my_work = -1  # 我的案件 (ui/pages/my_work.py): a center's mediators and director
        if self.court is None and (services.account is None
                                   or services.account.role.value in ("mediator", "director")):
            self.page_my_work = self.stack.count()
            QListWidgetItem(self.tr("My cases"), self.nav)
            self.stack.addWidget(QWidget())
            self._builders[self.page_my_work] = self._build_my_work
            self.my_work_action = my_work = QAction(self.tr("M&y cases"), self)
            my_work.setObjectName("myWorkPage")
            my_work.setShortcut(QKeySequence("Ctrl+9"))
            my_work.triggered.connect(lambda: self.nav.setCurrentRow(self.page_my_work))
            self.view_menu.insertAction(self._view_end, my_work)
        self.page_statistics = self.stack.count()
        QListWidgetItem(self.tr("Statistics"), self.nav)
        self.stack.addWidget(QWidget())
        self._builders[self.page_statistics] = self._build_statistics
        self._statistics_stale = True
        self.statistics_action.triggered.connect(
            lambda: self.nav.setCurrentRow(self.page_statistics))
        self.page_accounts = self.stack.count()
        QListWidgetItem(self.tr("Accounts"), self.nav)
        self.stack.addWidget(QWidget())
        self._builders[self.page_accounts] = self._build_accounts
        self._apply_permissions()
        self._label_page_shortcuts()
        self._first_rows = False
        self.nav.setCurrentRow(PAGE_DASHBOARD)
        self.layouts = Layouts(services.account.id if services.account is not None else None)
        self.cases.remember_layout(self.layouts)
        self.layout_restored = self.layouts.restore_window(self, "mainWindow")
        if not self.layout_restored:  # this account's first start on this computer
            fit_window(self, screen_share(available_rect(self)))

    def hideEvent(self, event) -> None:  # closed, user switched, locked: keep the layout
        self.layouts.save_window(self, "mainWindow")
        self.layouts.sync()  # written now: the program may be about to end
        super().hideEvent(event)

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        account_menu = self.menuBar().addMenu(self.tr("&Account"))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))

        def action(menu, text, shortcut, slot, name=""):
            a = QAction(text, self)
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            a.triggered.connect(slot)
            a.setObjectName(name)
            menu.addAction(a)
            return a

        self.new_case_action = action(file_menu, self.tr("&New case…"), "Ctrl+N", self.new_case,
                                      "newCase")
        self.find_action = action(file_menu, self.tr("&Find case…"), "Ctrl+F", self.find,
                                  "findCase")
        self.close_tab_action = action(file_menu, self.tr("&Close case tab"), "Ctrl+W",
                                       lambda: self.close_case_tab(self.case_tabs.currentIndex()))
        self.blank_forms_action = action(file_menu, self.tr("Print &blank forms…"), "",
                                         self.blank_forms, "blankForms")
        self.verify_action = action(file_menu, self.tr("&Verify a document…"), "",
                                    self.verify_document, "verifyDocument")
        file_menu.addSeparator()
        self.backup_action = action(file_menu, self.tr("Back &up…"), "",
                                    lambda: self.backups("backup"), "backup")
        self.restore_action = action(file_menu, self.tr("&Restore…"), "",
                                     lambda: self.backups("restore"), "restore")
        self.practice_action = action(file_menu, self.tr("&Practice restore…"), "",
                                      lambda: self.backups("practice"), "practiceRestore")
        file_menu.addSeparator()
        action(file_menu, self.tr("&Quit"), "Ctrl+Q", self.close)
        self.page_actions = [
            action(view_menu, text, f"Ctrl+{i + 1}",
                   lambda _c=False, i=i: self.nav.setCurrentRow(i))
            for i, text in enumerate((self.tr("&Dashboard"), self.tr("&Cases"),
                                      self.tr("&Mediators"), self.tr("&Settings")))]
        self.statistics_action = action(view_menu, self.tr("S&tatistics"), "Ctrl+5",
                                        lambda: None, "statistics")
        self.exchange_action = action(view_menu, self.tr("E&xchange"), "Ctrl+6",
                                      lambda: self.nav.setCurrentRow(PAGE_EXCHANGE),
                                      "exchangePage")
        self.accounts_page_action = action(view_menu, self.tr("&Accounts"), "Ctrl+7",
                                           lambda: self.nav.setCurrentRow(self.page_accounts),
                                           "accountsPage")
        self.view_menu = view_menu
        self._view_end = view_menu.addSeparator()
        action(view_menu, self.tr("&Refresh"), "F5", self.refresh_all)
        action(help_menu, self.tr("Where is the &log file?"), "", self._show_log_location)
        self.lock_action = action(account_menu, self.tr("&Lock"), "Ctrl+L",
                                  self.lock_requested.emit, "lock")
        self.switch_user_action = action(account_menu, self.tr("&Switch user…"), "",
                                         self.switch_user_requested.emit, "switchUser")
        account_menu.addSeparator()
        self.accounts_action = action(account_menu, self.tr("&Accounts and passwords"), "",
                                      lambda: self.nav.setCurrentRow(self.page_accounts),
                                      "accounts")

    def _label_page_shortcuts(self) -> None:
        """Each page's entry in the navigation names its shortcut (Ctrl+1…) as a tooltip."""
        actions = {**dict(enumerate(self.page_actions)),
                   self.page_statistics: self.statistics_action,
                   PAGE_EXCHANGE: self.exchange_action,
                   self.page_accounts: self.accounts_page_action}
        for name, row in (("court_action", PAGE_COURT), ("my_work_action", self.page_my_work)):
            extra = getattr(self, name, None)  # on a court desk / a center desk only
            if extra is not None:
                actions[row] = extra
        for row, action in actions.items():
            self.nav.item(row).setToolTip(
                action.shortcut().toString(QKeySequence.SequenceFormat.NativeText))

    def _apply_permissions(self) -> None:
        """Hide or disable what the account's role may not use (the services' rules)."""
        from .permits import guard

        s = self.services
        if not guard(s, "update_settings", self.page_actions[PAGE_SETTINGS]):
            self.nav.item(PAGE_SETTINGS).setHidden(True)
        guard(s, "register_case", self.new_case_action)
        guard(s, "blank_form", self.blank_forms_action)
        guard(s, "verify_document", self.verify_action)
        guard(s, "restore_backup", self.restore_action)

    @property
    def accounts(self):
        """The 账户 page (AccountsPage)."""
        return self.page(self.page_accounts)

    @property
    def statistics(self):
        """The 统计 page (StatisticsPage)."""
        return self.page(self.page_statistics)

    def _build_statistics(self) -> QWidget:
        from .pages.statistics_page import StatisticsPage

        page = StatisticsPage(self.services)
        page.drill_down.connect(self.show_cases)
        return page

    def show_cases(self, flt) -> None:
        """The case list showing exactly the cases of a drill-down filter (CaseFilter)."""
        self.nav.setCurrentRow(PAGE_CASES)
        self.case_tabs.setCurrentIndex(0)
        self.cases.show_drill_down(flt)

    def _build_my_work(self) -> QWidget:
        from .pages.my_work import MyWorkPage

        page = MyWorkPage(self.services)
        page.cases_chosen.connect(self.show_cases)
        return page

    def _build_accounts(self) -> QWidget:
        from .pages.accounts_page import AccountsPage

        return AccountsPage(self.services)

    # -- pages built when first shown ------------------------------------------------
    def page(self, index: int) -> QWidget:
        """The page at ``index`` of the stack, built now if it has not been shown yet.

        It sits in a scroll area: a page taller or wider than a small screen scrolls
        instead of pushing the window (and its status bar) past the screen's edge.
        """
        build = self._builders.pop(index, None)
        if build is not None:
            placeholder = self.stack.widget(index)
            page = build()
            self._built[index] = page
            self.stack.insertWidget(index, self._scrolling(page))  # keeps the current page
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        return self._built.get(index) or self.stack.widget(index)

    @property
    def mediators(self):
        """The 调解员 page (MediatorsPage)."""
        return self.page(PAGE_MEDIATORS)

    @property
    def settings(self):
        """The 设置 page (SettingsPage)."""
        return self.page(PAGE_SETTINGS)

    @property
    def exchange(self):
        """The 交换 page (ExchangePage)."""
        return self.page(PAGE_EXCHANGE)

    def _build_mediators(self) -> QWidget:
        from .pages.mediators_page import MediatorsPage

        return MediatorsPage(self.services)

    def _build_settings(self) -> QWidget:
        from .pages.settings_page import SettingsPage

        page = SettingsPage(self.services)
        page.language_changed.connect(self.language_changed)
        page.saved.connect(self._update_center)
        page.saved.connect(self.settings_saved)
        return page

    def _build_exchange(self) -> QWidget:
        from .pages.exchange_page import ExchangePage  # cryptography and friends

        return ExchangePage(self.services)

    def _add_exchange_pages(self) -> None:
        """交换 for every desk; 法院 (per-center counts, intake sheet) on a court desk."""
        from ..services.exchange_status import desk_kind

        QListWidgetItem(self.tr("Exchange"), self.nav)
        self.stack.addWidget(QWidget())
        self._builders[PAGE_EXCHANGE] = self._build_exchange
        self.court = None
        if self.services.run(lambda s: desk_kind(s.store)) == "court":
            from .pages.court_page import CourtPage

            self.court = CourtPage(self.services)
            # a court desk has no mediators of its own: no 调解员 page (nor its Ctrl+3)
            self.nav.item(PAGE_MEDIATORS).setHidden(True)
            self.page_actions[PAGE_MEDIATORS].setEnabled(False)
            QListWidgetItem(self.tr("Court"), self.nav)
            self.court_action = court_action = QAction(self.tr("C&ourt"), self)
            court_action.setObjectName("courtPage")
            court_action.setShortcut(QKeySequence("Ctrl+8"))
            court_action.triggered.connect(lambda: self.nav.setCurrentRow(PAGE_COURT))
            self.view_menu.insertAction(self._view_end, court_action)
            self.stack.addWidget(self.court)
            self.court.centers_loaded.connect(self.cases.show_centers)
            self.court.center_chosen.connect(self._show_center_cases)
            self.first_rows_shown.connect(self.court.refresh)
        self.nav.currentRowChanged.connect(self._exchange_page_shown)

    def _exchange_page_shown(self, index: int) -> None:
        if index == PAGE_EXCHANGE:
            self.exchange.refresh()
        elif index == PAGE_COURT and self.court is not None:
            self.court.refresh()

    def _show_center_cases(self, center_id: str) -> None:
        self.nav.setCurrentRow(PAGE_CASES)
        self.case_tabs.setCurrentIndex(0)
        self.cases.filter_center(center_id)

    # -- start-up -------------------------------------------------------------------
    def start(self) -> None:
        """Load everything (queries run on the worker); then watch for outside changes."""
        self.cases.start()
        self.dashboard.refresh()
        self._update_center()
        self._watch_outside_changes()

    # -- changes made by other programs ----------------------------------------------
    OUTSIDE_POLL_MS = 2000

    def _watch_outside_changes(self) -> None:
        """Poll PRAGMA data_version (cheap) so a write by the CLI or another program shows."""
        from PySide6.QtCore import QTimer

        self._data_version: int | None = None
        self._outside_timer = QTimer(self)
        self._outside_timer.setInterval(self.OUTSIDE_POLL_MS)
        self._outside_timer.timeout.connect(self.check_outside_changes)
        self.check_outside_changes()
        self._outside_timer.start()

    def check_outside_changes(self) -> None:
        services = self.services
        services.tasks.submit(lambda: services.run(lambda s: s.data_version()),
                              self._seen_data_version,
                              lambda exc: None)  # a gone file is reported on the next save

    def _seen_data_version(self, version: int) -> None:
        previous, self._data_version = self._data_version, version
        if previous is None or previous == version:
            return
        self.services.run(lambda s: s.reload_settings())
        self.refresh_all()
        self.statusBar().showMessage(
            self.tr("The database was changed by another program; the lists were refreshed."),
            8000)

    def _update_center(self) -> None:
        center = self.services.center()
        self.center_label.setText(center.name if center else "")
        path = str(self.services.db_path)  # a long folder shortened in the middle (a laptop)
        metrics = self.db_label.fontMetrics()
        short = metrics.elidedText(path, Qt.TextElideMode.ElideMiddle,
                                   metrics.horizontalAdvance("M" * 24))
        self.db_label.setText(self.tr("Database: {0}").format(short))
        self.db_label.setToolTip(path)

    def _show_counts(self, counts: DashboardCounts) -> None:
        self.overdue_label.setText(self.tr("⚠ Overdue cases: {0}").format(counts.overdue))

    def _rows_loaded(self, model) -> None:
        # start-up is over when the case list and the dashboard's list have rows
        self._waiting.discard(model)
        if not self._waiting and not self._first_rows:
            self._first_rows = True
            self.first_rows_shown.emit()

    # -- navigation ------------------------------------------------------------------
    def show_page(self, index: int) -> None:
        self.page(index)  # built before it becomes current
        self.stack.setCurrentIndex(index)
        if index == PAGE_SETTINGS:
            self.settings.load()
        elif index == self.page_accounts:
            self.accounts.refresh()
        elif index == PAGE_MEDIATORS:  # loaded when shown, not at start-up
            self.mediators.refresh()
        elif index == self.page_statistics and self._statistics_stale:
            self._statistics_stale = False
            self.statistics.refresh()

    def find(self) -> None:
        self.nav.setCurrentRow(PAGE_CASES)
        self.case_tabs.setCurrentIndex(0)
        self.cases.focus_search()

    def refresh_all(self) -> None:
        self.dashboard.refresh()
        self.cases.refresh()
        self.cases.load_mediators()
        self._update_center()
        # the statistics are counted again when seen (now, if they are on screen)
        self._statistics_stale = True
        if self.stack.currentIndex() == getattr(self, "page_statistics", -1):
            self._statistics_stale = False
            self.statistics.refresh()

    # -- cases ----------------------------------------------------------------------
    def new_case(self) -> None:
        dialog = _register_dialog_class()(self.services, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh_all()
            case_id = getattr(dialog, "created_case_id", None)
            if case_id:
                self.open_case(case_id)

    def open_case(self, case_id: str) -> None:
        """Show a case in its own tab (reusing the tab if it is already open)."""
        for i in range(1, self.case_tabs.count()):
            if self.case_tabs.widget(i).property("case_id") == case_id:
                self._focus_tab(i)
                return
        try:
            case = self.services.cases.get(case_id)
            widget = _case_detail_class()(self.services, case_id)
            widget.changed.connect(lambda _cid: self.refresh_all())
        except Exception as exc:  # noqa: BLE001 - shown, never raised into Qt
            errors.report(exc, self)
            return
        tab = self._scrolling(widget)  # wider than 1366×768 at 150 %: it scrolls there
        tab.setProperty("case_id", case_id)
        index = self.case_tabs.addTab(tab, case.number or self.tr("New case"))
        self.case_tabs.setTabToolTip(index, case.title)
        self._focus_tab(index)

    @staticmethod
    def _scrolling(widget: QWidget) -> QScrollArea:
        """``widget`` in a frameless scroll area: shown whole where there is room, scrolled
        where the screen is smaller than it needs (instead of the window growing past it)."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(widget)
        return scroll

    def case_detail(self, index: int) -> QWidget:
        """The case page (CaseDetailWidget) in case tab ``index`` (inside its scroll area)."""
        tab = self.case_tabs.widget(index)
        return tab.widget() if isinstance(tab, QScrollArea) else tab

    def _focus_tab(self, index: int) -> None:
        self.nav.setCurrentRow(PAGE_CASES)
        self.case_tabs.setCurrentIndex(index)
        self.case_detail(index).setFocus()

    def close_case_tab(self, index: int) -> bool:
        if index <= 0:
            return False
        widget = self.case_tabs.widget(index)
        maybe_close = getattr(self.case_detail(index), "maybe_close", None)
        if maybe_close is not None and not maybe_close():
            return False
        self.case_tabs.removeTab(index)
        widget.deleteLater()
        return True

    def open_forms(self) -> int:
        """How many case tabs are open (their unsaved edits would be lost on a user switch)."""
        return self.case_tabs.count() - 1

    def discard_forms(self) -> None:
        """Close every case tab without asking (another user logged in, after asking)."""
        for i in range(self.case_tabs.count() - 1, 0, -1):
            widget = self.case_tabs.widget(i)
            self.case_tabs.removeTab(i)
            widget.deleteLater()

    def closeEvent(self, event) -> None:
        for i in range(self.case_tabs.count() - 1, 0, -1):
            if not self.close_case_tab(i):
                event.ignore()
                return
        event.accept()

    def blank_forms(self) -> None:
        """File → Print blank forms: empty forms of any kind for work in the villages."""
        from .dialogs.blank_forms import BlankFormsDialog

        BlankFormsDialog(self.services, self).exec()

    def verify_document(self) -> None:
        """File → Verify a document (文书核验): a PDF or a printed code against the register."""
        from .dialogs.verify_dialog import VerifyDialog

        VerifyDialog(self.services, self).exec()

    def backups(self, mode: str) -> None:
        """File → Back up / Restore / Practice restore (ui/dialogs/backup_dialogs.py)."""
        from .dialogs.backup_dialogs import BackupsDialog

        try:
            dialog = BackupsDialog(self.services, mode, self)
        except Exception as exc:  # noqa: BLE001 - shown, never raised into Qt
            errors.report(exc, self)
            return
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen is not None:
            self.restore_requested.emit(str(dialog.chosen))

    def _show_log_location(self) -> None:
        from ..logs import log_file

        QMessageBox.information(self, self.tr("Log file"),
                                self.tr("The log file is at:\n{0}").format(log_file()))
