"""统计 Statistics: the report of a period as tables and charts; every number opens its cases.

The period picker (月 / 季 / 年 / 自定义, with 本月 / 上月 / 本季 / 本年) asks the
statistics service for a :class:`Report` on the worker; the page shows its headline
figures (本期, 环比, 同比), each of its tables in a tab and four charts. Double-click (or
Enter on) a number, or click a bar or a point, and :attr:`StatisticsPage.drill_down` emits a
``CaseFilter(case_ids=figure.case_ids, caption=...)``: the case list then shows exactly the
cases that number counts. The 对外发布 view (published: small cells as <3) has no case ids,
so it does not drill down. 导出PDF / 导出Excel render the report shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QTableView, QWidget

from ...domain.errors import DomainError
from ...domain.queries import CaseFilter
from ...domain.statistics import Figure, PeriodKind, Report, ReportPeriod
from ...domain.validators import InvalidValue
from .. import errors, i18n
from ..context import Services
from ..models.report_tables import CaptionRole, FigureRole, caption
from ..permits import guard
from .statistics_view import FIXED_TABS, StatisticsPageView

ReportSource = Callable[[ReportPeriod, bool], Report]
"""``source(period, public)``: the report (runs on the worker, may touch the database)."""


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


def documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


def export_name(report: Report, suffix: str) -> str:
    """人民调解工作月报-2026-11.pdf; the published version says so."""
    code = report.period.code.replace("..", "至")
    public = "（对外发布）" if report.public else ""
    return f"{report.title}{public}-{code}{suffix}"


def render_pdf(report: Report, prepared_by: str) -> bytes:
    from ...reports.statistics_pdf import render_report

    return bytes(render_report(report, prepared_by=prepared_by))


def render_assessment_pdf(report: Report, _prepared_by: str) -> bytes:
    from ...reports.assessment_pdf import render_assessment

    return bytes(render_assessment(report))


def render_xlsx(report: Report, prepared_by: str) -> bytes:
    from ...reports.statistics_xlsx import render_report_xlsx

    return bytes(render_report_xlsx(report, prepared_by=prepared_by))


class StatisticsPage(StatisticsPageView):
    """The statistics of a period; drill-down to the case list."""

    drill_down = Signal(object)  # CaseFilter of exactly the cases behind a number
    report_shown = Signal(object)  # the Report now on screen
    exported = Signal(str)  # the path of a file written

    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 source: ReportSource | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.source: ReportSource = source or self._service_report
        self._fixed_today = today
        self.today = today or services.read_cases.today()
        self.report: Report | None = None
        self._charts_shown: Report | None = None  # the report the charts show
        self._mediators_shown: Report | None = None
        self._generation = 0
        self.build()
        self.year.setValue(self.today.year)
        self.range_from.setDate(QDate(self.today.year, self.today.month, 1))
        self.range_to.setDate(qdate(self.today))
        self._fill_parts(PeriodKind.MONTH, self.today.month - 1)
        self._show_kind_widgets(PeriodKind.MONTH)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.year.valueChanged.connect(lambda _v: self.load())
        self.part.currentIndexChanged.connect(lambda _i: self.load())
        self.range_from.dateChanged.connect(lambda _d: self.load())
        self.range_to.dateChanged.connect(lambda _d: self.load())
        self.this_month.clicked.connect(
            lambda: self.set_period(ReportPeriod.containing(PeriodKind.MONTH, self.today)))
        self.last_month.clicked.connect(
            lambda: self.set_period(
                ReportPeriod.containing(PeriodKind.MONTH, self.today).previous()))
        self.this_quarter.clicked.connect(
            lambda: self.set_period(ReportPeriod.containing(PeriodKind.QUARTER, self.today)))
        self.this_year.clicked.connect(
            lambda: self.set_period(ReportPeriod.containing(PeriodKind.YEAR, self.today)))
        self.public.toggled.connect(lambda _c: self.load())
        self.export_pdf.clicked.connect(lambda: self.export("pdf"))
        self.export_xlsx.clicked.connect(lambda: self.export("xlsx"))
        self.assessment.clicked.connect(lambda: self.export("assessment"))
        self.subsidy.clicked.connect(self.subsidy_sheet)
        self.headline.activated.connect(self._activated)
        for chart in self.charts:
            chart.figure_clicked.connect(self._chart_clicked)
        self.tabs.currentChanged.connect(self._update_charts)
        self._may_export = guard(services, "write_report", self.export_pdf, self.export_xlsx)
        self._may_assess = guard(services, "write_assessment", self.assessment)
        guard(services, "subsidy_sheet", self.subsidy)
        self._set_export_enabled(False)

    # -- the service -------------------------------------------------------------------
    def _service_report(self, period: ReportPeriod, public: bool) -> Report:
        report: Report = self.services.statistics.report(period, public=public)
        return report

    # -- the period --------------------------------------------------------------------
    def _fill_parts(self, kind: PeriodKind, index: int) -> None:
        self.part.blockSignals(True)
        self.part.clear()
        self.part.addItems(self.months if kind is PeriodKind.MONTH else self.quarters)
        self.part.setCurrentIndex(index)
        self.part.blockSignals(False)

    def _show_kind_widgets(self, kind: PeriodKind) -> None:
        ranged = kind is PeriodKind.RANGE
        self.year.setVisible(not ranged)
        self.part.setVisible(kind in (PeriodKind.MONTH, PeriodKind.QUARTER))
        for w in (self.range_from, self.range_dash, self.range_to):
            w.setVisible(ranged)

    def _kind_changed(self, _index: int) -> None:
        kind = PeriodKind(self.kind.currentData())
        if kind is PeriodKind.MONTH:
            self._fill_parts(kind, self.today.month - 1 if self.year.value() == self.today.year
                             else 0)
        elif kind is PeriodKind.QUARTER:
            self._fill_parts(kind, (self.today.month - 1) // 3
                             if self.year.value() == self.today.year else 0)
        self._show_kind_widgets(kind)
        self.load()

    def current_period(self) -> ReportPeriod:
        """The period the picker shows (InvalidValue when a custom range is backwards)."""
        kind = PeriodKind(self.kind.currentData())
        year = self.year.value()
        if kind is PeriodKind.MONTH:
            return ReportPeriod.month(year, self.part.currentIndex() + 1)
        if kind is PeriodKind.QUARTER:
            return ReportPeriod.quarter(year, self.part.currentIndex() + 1)
        if kind is PeriodKind.YEAR:
            return ReportPeriod.year(year)
        return ReportPeriod.range(pydate(self.range_from.date()), pydate(self.range_to.date()))

    def set_period(self, period: ReportPeriod) -> None:
        """Show ``period`` in the picker and load its report (once)."""
        widgets = (self.kind, self.year, self.part, self.range_from, self.range_to)
        for w in widgets:
            w.blockSignals(True)
        try:
            self.kind.setCurrentIndex(self.kind.findData(period.kind))
            if period.kind is PeriodKind.RANGE:
                self.range_from.setDate(qdate(period.start))
                self.range_to.setDate(qdate(period.end))
            else:
                self.year.setValue(period.start.year)
                if period.kind is PeriodKind.MONTH:
                    self._fill_parts(period.kind, period.start.month - 1)
                elif period.kind is PeriodKind.QUARTER:
                    self._fill_parts(period.kind, (period.start.month - 1) // 3)
            self._show_kind_widgets(period.kind)
        finally:
            for w in widgets:
                w.blockSignals(False)
        self.load()

    # -- loading -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Load the period shown (the first time the page is shown, or after a change)."""
        self.today = self._fixed_today or self.services.read_cases.today()  # past midnight
        self.load()

    def load(self) -> None:
        """Ask for the report of the period shown, on the worker."""
        try:
            period = self.current_period()
        except InvalidValue as exc:
            self._say(exc.message, error=True)
            return
        self._generation += 1
        gen, public = self._generation, self.public.isChecked()
        self.subtitle.setText(self.tr("Counting {0}…").format(period.label))
        def count() -> Report | None:
            # a period picked again before this one's turn came: not counted at all (a
            # report of 100,000 cases takes a while, and the database waits for it)
            return None if gen != self._generation else self.source(period, public)

        self.services.tasks.submit(count, lambda report: self._show(gen, report),
                                   lambda exc: self._failed(gen, exc))

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen != self._generation:
            return
        self.subtitle.setText("")
        errors.report(exc, self)

    def _say(self, text: str, *, error: bool = False) -> None:
        style = "color: #b02a37;" if error else "color: palette(mid);"
        if self.hint.styleSheet() != style:  # a new style sheet restyles the label
            self.hint.setStyleSheet(style)
        self.hint.setText(text)

    def _show(self, gen: int, report: Report | None) -> None:
        if gen != self._generation or report is None:
            return  # an answer to an older period
        self.report = report
        p = report.period
        self.title.setText(f"{report.title}（{p.label}）")
        self.subtitle.setText(self.tr("Reporting unit: {0}    Period: {1} to {2}    "
                                      "Produced: {3}").format(
            report.unit_name, i18n.format_date(p.start), i18n.format_date(p.end),
            i18n.format_date(report.generated_on)))
        self.headline_model.set_report(report)
        self._show_tables(report)
        self._charts_shown = self._mediators_shown = None
        self._update_charts()
        if report.public:
            self._say(self.tr("For publication: counts of 1 or 2 cases are shown as <3; the "
                              "cases behind the figures are not listed."))
        else:
            self._say(self.tr("Double-click a number or click a bar to list exactly the cases "
                              "it counts."))
        self._set_export_enabled(True)
        self.report_shown.emit(report)

    def table_view_made(self, view: QTableView) -> None:
        view.activated.connect(self._activated)

    def _show_tables(self, report: Report) -> None:
        """A tab per table of ``report``, in its order; tabs of tables it lacks hidden."""
        tabs = self.tabs
        current = tabs.currentWidget()
        tabs.blockSignals(True)  # the charts are updated once, below
        try:
            for i, table in enumerate(report.tables):
                page = self.table_page(table.key, table.title)
                index = tabs.indexOf(page)
                if index != FIXED_TABS + i:
                    tabs.removeTab(index)
                    tabs.insertTab(FIXED_TABS + i, page, table.title)
                elif tabs.tabText(index) != table.title:
                    tabs.setTabText(index, table.title)
                tabs.setTabVisible(FIXED_TABS + i, True)
                self.table_models[table.key].set_table(table, report.period)
                self.table_notes[table.key].setText(table.note)
                self.table_notes[table.key].setVisible(bool(table.note))
            shown = {t.key for t in report.tables}
            for key, page in self.table_pages.items():
                if key not in shown:
                    tabs.setTabVisible(tabs.indexOf(page), False)
                    self.table_models[key].set_table(None, report.period)
            visible = tabs.indexOf(current)
            tabs.setCurrentIndex(visible if visible >= 0 and tabs.isTabVisible(visible) else 0)
        finally:
            tabs.blockSignals(False)

    def _update_charts(self, _index: int = -1) -> None:
        """Give the charts on screen the report's values (hidden ones wait to be shown)."""
        report = self.report
        if report is None:
            return
        current = self.tabs.currentWidget()
        if current is self.charts_page and self._charts_shown is not report:
            self._charts_shown = report
            self.type_chart.set_table(report.table("by_type"), report.period)
            self.source_chart.set_table(report.table("by_source"), report.period)
            self.trend_chart.set_trend(report.trend)
        if current is self.table_pages.get("by_mediator") and self._mediators_shown is not report:
            self._mediators_shown = report
            self.mediator_chart.set_table(report.table("by_mediator"), report.period)

    def _set_export_enabled(self, enabled: bool) -> None:
        for button in (self.export_pdf, self.export_xlsx):
            button.setEnabled(enabled and self._may_export)
        public = self.report is not None and self.report.public
        self.assessment.setEnabled(enabled and self._may_assess and not public)

    # -- drill-down --------------------------------------------------------------------
    def _activated(self, index: QModelIndex) -> None:
        figure = index.data(FigureRole)
        if isinstance(figure, Figure):
            self.open_figure(figure, index.data(CaptionRole) or "")

    def _chart_clicked(self, figure: Figure, period: ReportPeriod | None, label: str) -> None:
        if period is not None:
            self.open_figure(figure, caption(period, figure, label))

    def open_figure(self, figure: Figure, text: str) -> None:
        """List exactly the cases behind ``figure`` (not in the published view)."""
        if self.report is None or self.report.public or figure.suppressed:
            self._say(self.tr("The version for publication does not list cases; untick "
                              "“For publication” to see them."), error=True)
            return
        self.drill_down.emit(CaseFilter(case_ids=tuple(figure.case_ids), caption=text))

    # -- export ------------------------------------------------------------------------
    def export(self, kind: str) -> None:
        """导出PDF / 导出Excel: ask where (Documents), render and write on the worker."""
        report = self.report
        if report is None:
            return
        action = "write_assessment" if kind == "assessment" else "write_report"
        why = self.services.why_not(action)  # the service's own rule
        if why:
            self._say(why, error=True)
            return
        account = self.services.account
        prepared_by = account.name if account is not None else ""
        suffix, render, pattern = ((".xlsx", render_xlsx, self.tr("Excel files (*.xlsx)"))
                                   if kind == "xlsx" else
                                   (".pdf", render_assessment_pdf if kind == "assessment"
                                    else render_pdf, self.tr("PDF files (*.pdf)")))
        name = (f"调解员考评-{report.period.code.replace('..', '至')}{suffix}"
                if kind == "assessment" else export_name(report, suffix))
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the report"), str(documents_folder() / name), pattern)
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)

        def write() -> Path:
            from ...storage.connection import refuse_database_file

            refuse_database_file(path)
            data = render(report, prepared_by)
            try:
                path.write_bytes(data)
            except OSError as exc:
                raise DomainError(f"不能写入文件“{path}”：{exc.strerror or exc}。请换一个文件夹"
                                  "或文件名再试。", code="export_failed") from exc
            return path

        self._say(self.tr("Exporting…"))
        self.services.tasks.submit(write, self._exported, self._export_failed)

    def subsidy_sheet(self) -> None:
        """以案定补: the sheet of the month shown (or of last month)."""
        from ..dialogs.subsidy_sheet_dialog import SubsidySheetDialog

        period = self.report.period if self.report is not None else None
        month = period if period is not None and period.kind is PeriodKind.MONTH else None
        SubsidySheetDialog(self.services, month=month, parent=self).open()

    def _exported(self, path: Path) -> None:
        self._say(self.tr("Saved: {0}").format(path))
        self.exported.emit(str(path))

    def _export_failed(self, exc: BaseException) -> None:
        self._say("")
        errors.report(exc, self)
