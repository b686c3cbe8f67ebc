"""Widgets of the 统计 page (layout only; behaviour is in statistics_page.py)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.statistics import PeriodKind
from ..models.report_tables import HeadlineModel, ReportTableModel
from ..widgets.charts import TableBarChart, TrendChart

FIXED_TABS = 2
"""主要指标 and 图表; every table of the report follows in a tab of its own, in its order."""


def short_type(label: str) -> str:
    """A dispute type on a chart's axis: 婚姻家庭纠纷 -> 婚姻家庭 (the title says 纠纷)."""
    return label[:-2] if label.endswith("纠纷") and len(label) > 2 else label


def report_view(model: QAbstractItemModel, name: str) -> QTableView:
    """A read-only table of figures: a cell is selected, double-click / Enter drills down."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setStretchLastSection(False)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
    return view


class StatisticsPageView(QWidget):
    """The period picker, the tool buttons, the title, and the tabs of tables and charts."""

    def build(self) -> None:
        # -- the period --------------------------------------------------------------
        self.kind = QComboBox()
        self.kind.setObjectName("periodKind")
        self.kind.setAccessibleName(self.tr("Kind of period"))
        for text, kind in ((self.tr("Month"), PeriodKind.MONTH),
                           (self.tr("Quarter"), PeriodKind.QUARTER),
                           (self.tr("Year"), PeriodKind.YEAR),
                           (self.tr("Custom"), PeriodKind.RANGE)):
            self.kind.addItem(text, kind)
        self.year = QSpinBox()
        self.year.setObjectName("periodYear")
        self.year.setAccessibleName(self.tr("Year"))
        self.year.setRange(2000, 2100)
        self.year.setKeyboardTracking(False)  # typing 2025 asks once, not for 2, 20, 202
        self.year.setSuffix(self.tr(" (year)"))
        self.part = QComboBox()  # the month or the quarter of the year
        self.part.setObjectName("periodPart")
        self.part.setAccessibleName(self.tr("Month or quarter"))
        self.months = [self.tr("January"), self.tr("February"), self.tr("March"),
                       self.tr("April"), self.tr("May"), self.tr("June"), self.tr("July"),
                       self.tr("August"), self.tr("September"), self.tr("October"),
                       self.tr("November"), self.tr("December")]
        self.quarters = [self.tr("First quarter"), self.tr("Second quarter"),
                         self.tr("Third quarter"), self.tr("Fourth quarter")]
        self.range_from = QDateEdit()
        self.range_to = QDateEdit()
        for edit, name in ((self.range_from, self.tr("From")), (self.range_to, self.tr("To"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMinimumDate(QDate(2000, 1, 1))
            edit.setAccessibleName(name)
        self.range_from.setObjectName("rangeFrom")
        self.range_to.setObjectName("rangeTo")
        self.range_dash = QLabel("—")
        self.this_month = QPushButton(self.tr("This month"))
        self.last_month = QPushButton(self.tr("Last month"))
        self.this_quarter = QPushButton(self.tr("This quarter"))
        self.this_year = QPushButton(self.tr("This year"))
        for button, name in ((self.this_month, "thisMonth"), (self.last_month, "lastMonth"),
                             (self.this_quarter, "thisQuarter"), (self.this_year, "thisYear")):
            button.setObjectName(name)
            button.setAutoDefault(False)
        self.public = QCheckBox(self.tr("For publication"))
        self.public.setObjectName("publicView")
        self.public.setToolTip(self.tr("The version for publication: counts of 1 or 2 cases are "
                                  "shown as <3 and the cases cannot be listed."))
        self.export_pdf = QPushButton(self.tr("Export PDF…"))
        self.export_pdf.setObjectName("exportPdf")
        self.export_xlsx = QPushButton(self.tr("Export Excel…"))
        self.export_xlsx.setObjectName("exportXlsx")
        self.assessment = QPushButton(self.tr("Mediator assessment…"))
        self.assessment.setObjectName("exportAssessment")
        self.assessment.setToolTip(self.tr("The mediators of this period ranked by success "
                                           "rate, as a PDF for the director (考评)"))
        self.subsidy = QPushButton(self.tr("Per-case subsidy…"))
        self.subsidy.setObjectName("subsidySheet")

        bar = QHBoxLayout()
        period_label = QLabel(self.tr("Period"))
        period_label.setBuddy(self.kind)
        for w in (period_label, self.kind, self.year, self.part, self.range_from,
                  self.range_dash, self.range_to):
            bar.addWidget(w)
        bar.addSpacing(8)
        for button in (self.this_month, self.last_month, self.this_quarter, self.this_year):
            bar.addWidget(button)
        bar.addStretch(1)
        # the outputs on a line of their own: with the period controls they made the page
        # wider than a 1366×768 laptop once the texts ran longer (tests/ui/test_fit.py)
        actions = QHBoxLayout()
        actions.addStretch(1)
        for button in (self.public, self.export_pdf, self.export_xlsx, self.assessment,
                       self.subsidy):
            actions.addWidget(button)

        # -- what is shown -----------------------------------------------------------
        self.title = QLabel()
        self.title.setObjectName("reportTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("reportSubtitle")
        self.subtitle.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setObjectName("drillHint")
        self.hint.setStyleSheet("color: palette(mid);")
        self.hint.setWordWrap(True)

        self.headline_model = HeadlineModel(self)
        self.headline = report_view(self.headline_model, "headlineTable")
        header = self.headline.horizontalHeader()
        metrics = self.headline.fontMetrics()
        widest = metrics.horizontalAdvance("防止群体性事件涉及人数（人）")
        self.headline.setColumnWidth(0, widest + 24)
        for col in (1, 2, 3):
            self.headline.setColumnWidth(col, metrics.horizontalAdvance("↓ 1000.0%") + 28)
        header.setStretchLastSection(True)  # 统计口径

        self.type_chart = TableBarChart(self.tr("Disputes by type"), ("accepted", "succeeded"),
                                        horizontal=True, short=short_type)
        self.type_chart.setObjectName("typeChart")
        self.source_chart = TableBarChart(self.tr("Disputes by source"), ("accepted", "succeeded"),
                                          horizontal=True)
        self.source_chart.setObjectName("sourceChart")
        self.trend_chart = TrendChart(self.tr("Last 12 months: accepted and success rate"))
        self.trend_chart.setObjectName("trendChart")
        self.mediator_chart = TableBarChart(self.tr("Mediators compared"),
                                            ("accepted", "succeeded", "closed"), limit=12)
        self.mediator_chart.setObjectName("mediatorChart")
        self.charts = (self.type_chart, self.source_chart, self.trend_chart,
                       self.mediator_chart)
        # 15 dispute types need the height; the mediator comparison sits with its table
        charts = self.charts_page = QWidget()
        grid = QGridLayout(charts)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.addWidget(self.type_chart, 0, 0, 2, 1)
        grid.addWidget(self.source_chart, 0, 1)
        grid.addWidget(self.trend_chart, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("statisticsTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.headline, self.tr("Main figures"))
        self.tabs.addTab(charts, self.tr("Charts"))
        self.table_models: dict[str, ReportTableModel] = {}
        self.table_views: dict[str, QTableView] = {}
        self.table_pages: dict[str, QWidget] = {}
        self.table_notes: dict[str, QLabel] = {}

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(actions)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.hint)
        order = [self.kind, self.year, self.part, self.range_from, self.range_to,
                 self.this_month, self.last_month, self.this_quarter, self.this_year,
                 self.public, self.export_pdf, self.export_xlsx, self.assessment, self.subsidy,
                 self.tabs]
        for a, b in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def table_page(self, key: str, title: str) -> QWidget:
        """The tab of report table ``key`` (made the first time a report has it)."""
        page = self.table_pages.get(key)
        if page is not None:
            return page
        model = ReportTableModel(self)
        view = report_view(model, f"table_{key}")
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        note = QLabel()
        note.setWordWrap(True)
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.addWidget(view, 1)
        if key == "by_mediator":  # the comparison beside its numbers
            self.mediator_chart.setMinimumHeight(240)
            lay.addWidget(self.mediator_chart, 1)
        lay.addWidget(note)
        self.table_models[key], self.table_views[key] = model, view
        self.table_pages[key], self.table_notes[key] = page, note
        self.tabs.addTab(page, title)
        self.table_view_made(view)
        return page

    def table_view_made(self, view: QTableView) -> None:
        """A new table view (the page connects its drill-down)."""
