"""The 统计 page: the period picker, the figures shown, charts, and drill-down to the cases.

A person picks 上月, reads the figures (本期, 环比, 同比), double-clicks a number or clicks a
bar, and the case list shows exactly the cases that number counts, under its caption.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QPointF, Qt

from mediation_desk.domain.enums import DisputeType
from mediation_desk.domain.statistics import (
    Figure,
    MonthPoint,
    PeriodKind,
    Report,
    ReportPeriod,
    Row,
    Table,
    published,
)
from mediation_desk.ui.main_window import MainWindow
from mediation_desk.ui.models.report_tables import HeadlineModel, change_text
from mediation_desk.ui.pages.statistics_page import StatisticsPage, export_name
from tests.reports.report_samples import sample_report
from tests.ui.helpers import register


def sample_source(court_desk: bool = False):
    asked: list[tuple[ReportPeriod, bool]] = []

    def source(period: ReportPeriod, public: bool) -> Report:
        asked.append((period, public))
        return sample_report(public=public, court_desk=court_desk, period=period)

    return source, asked


def make_page(qtbot, services, source) -> StatisticsPage:
    page = StatisticsPage(services, source=source)
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    page.refresh()
    return page


def shown_headline(page: StatisticsPage) -> dict[str, tuple[str, str, str]]:
    model = page.headline_model
    return {model.figure(r).key: tuple(model.index(r, c).data() for c in (1, 2, 3))
            for r in range(model.rowCount())}


def test_last_month_shows_the_reports_figures(qtbot, services):
    source, asked = sample_source()
    page = make_page(qtbot, services, source)
    assert asked[-1] == (ReportPeriod.month(2026, 3), False)  # today is 2026-03-02

    qtbot.mouseClick(page.last_month, Qt.MouseButton.LeftButton)
    assert asked[-1] == (ReportPeriod.month(2026, 2), False)
    assert len(asked) == 2  # one query for the click, not one per widget changed
    assert page.kind.currentData() == PeriodKind.MONTH
    assert page.part.currentText() == "2月" and page.year.value() == 2026
    report = page.report
    assert report is not None and report.period == ReportPeriod.month(2026, 2)
    assert page.title.text() == "人民调解工作月报（2026年2月）"
    assert "城关镇人民调解委员会" in page.subtitle.text()
    assert "2026年2月1日" in page.subtitle.text() and "2026年2月28日" in page.subtitle.text()

    shown = shown_headline(page)
    assert list(shown) == list(report.figures)  # every headline figure, in order
    assert shown["accepted"][0] == "842"
    assert shown["succeeded"][0] == "809"
    assert shown["success_rate"][0] == "96.1"
    assert shown["amount"][0] == "1235.40"
    for key, figure in report.figures.items():
        assert shown[key] == (figure.text(), change_text(figure.previous_change),
                              change_text(figure.year_change)), key
    accepted = report.figures["accepted"]
    change = accepted.previous_change
    assert change is not None
    arrow = "↑" if change > 0 else "↓" if change < 0 else "→"
    assert shown["accepted"][1] == f"{arrow} {abs(change)}%"
    row = page.headline_model.row_of("accepted")
    assert page.headline_model.index(row, 0).data() == "受理纠纷数（件）"

    # each report table in its tab, with the report's own numbers
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())
              if page.tabs.isTabVisible(i)]
    assert titles == ["主要指标", "图表", "按纠纷类型", "按案件来源", "按调解员", "按村（社区）",
                      "终止原因", "满意度分布"]
    by_type = report.table("by_type")
    assert by_type is not None
    model = page.table_models["by_type"]
    assert model.rowCount() == len(by_type.rows) + 1  # and the total
    for r, row_ in enumerate(by_type.rows):
        assert model.index(r, 0).data() == row_.label
        for c, key in enumerate(by_type.columns, start=1):
            assert model.index(r, c).data() == row_.cells[key].text(), (row_.label, key)
    assert model.index(len(by_type.rows), 1).data() == "842"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "受理纠纷数\n（件）"

    # the charts get this report's values when they are shown (the first row at the top)
    page.tabs.setCurrentWidget(page.charts_page)
    bars = page.type_chart.sets["accepted"]
    assert [bars.at(i) for i in range(bars.count())] == [
        float(r.cells["accepted"].value or 0) for r in reversed(by_type.rows)]
    trend = page.trend_chart
    assert trend.accepted.count() == 12
    assert [trend.accepted.at(i).y() for i in range(12)] == [
        float(p.accepted.value or 0) for p in report.trend]
    assert trend.months.titleText() == "2025年3月—2026年2月"


def test_picker_kinds_and_a_backwards_range(qtbot, services):
    source, asked = sample_source()
    page = make_page(qtbot, services, source)
    qtbot.mouseClick(page.this_quarter, Qt.MouseButton.LeftButton)
    assert asked[-1][0] == ReportPeriod.quarter(2026, 1)
    assert page.title.text() == "人民调解工作季度通报（2026年第一季度）"
    qtbot.mouseClick(page.this_year, Qt.MouseButton.LeftButton)
    assert asked[-1][0] == ReportPeriod.year(2026)
    assert not page.part.isVisible()
    page.year.setValue(2025)
    assert asked[-1][0] == ReportPeriod.year(2025)
    assert page.title.text() == "人民调解工作年度报告（2025年度）"
    count = len(asked)  # typing a year asks once, when it is entered
    page.year.setFocus()
    page.year.selectAll()
    qtbot.keyClicks(page.year, "2024")
    qtbot.keyClick(page.year, Qt.Key.Key_Return)
    assert asked[count:] == [(ReportPeriod.year(2024), False)]

    page.kind.setCurrentIndex(page.kind.findData(PeriodKind.RANGE))
    assert page.range_from.isVisible() and not page.year.isVisible()
    count = len(asked)
    page.range_from.setDate(page.range_to.date().addDays(5))  # after the end
    assert len(asked) == count  # not asked
    assert page.hint.text() == "统计期间的结束日期不能早于开始日期"
    page.range_from.setDate(page.range_to.date().addDays(-9))
    assert asked[-1][0].kind is PeriodKind.RANGE and asked[-1][0].days == 10


def test_publication_view_hides_small_cells_and_does_not_drill_down(qtbot, services):
    source, asked = sample_source()
    page = make_page(qtbot, services, source)
    page.public.setChecked(True)
    assert asked[-1][1] is True
    assert page.report is not None and page.report.public
    shown = shown_headline(page)
    assert shown["prevented_mass"][0] == "<3"
    assert shown["prevented_mass"][1] == "—"  # no change of a hidden cell

    opened = []
    page.drill_down.connect(opened.append)
    view = page.headline
    index = page.headline_model.index(page.headline_model.row_of("accepted"), 1)
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened == []
    assert "不列出" in page.hint.text() or "对外发布" in page.hint.text()
    # the bar of a suppressed village count is drawn as 0, not its true value
    villages = page.report.table("by_village")
    assert villages is not None and villages.rows[0].cells["accepted"].suppressed


def test_publication_view_hides_a_small_count_of_last_month_and_its_change(qtbot, services):
    internal = sample_report()
    figures = dict(internal.figures)
    figures["jc_rejected"] = Figure("jc_rejected", 5, tuple("abcde"), previous=1, year_before=4)
    report = replace(internal, figures=figures)
    page = make_page(qtbot, services, lambda p, public: published(report) if public else report)
    row = page.headline_model.row_of("jc_rejected")
    shown = shown_headline(page)["jc_rejected"]
    assert shown == ("5", "↑ 400.0%", "↑ 25.0%")  # the internal report shows everything
    page.public.setChecked(True)
    shown = shown_headline(page)["jc_rejected"]
    assert shown == ("5", "—", "↑ 25.0%")  # +400% would give back last month's 1
    tip = page.headline_model.index(row, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "上期：<3"
    assert page.headline_model.index(row, 3).data(Qt.ItemDataRole.ToolTipRole) == "上年同期：4"


def test_court_desk_shows_centers_ranked_and_litigation_source(qtbot, services):
    source, _asked = sample_source(court_desk=True)
    page = make_page(qtbot, services, source)
    visible = {page.tabs.tabText(i) for i in range(page.tabs.count()) if page.tabs.isTabVisible(i)}
    assert {"按调解组织", "诉源治理（法院委派调解）"} <= visible
    model = page.table_models["by_center"]
    assert model.ranked and model.headerData(0, Qt.Orientation.Horizontal) == "名次"
    table = page.report.table("by_center") if page.report else None
    assert table is not None
    assert [model.index(r, 0).data() for r in range(len(table.rows))] == [
        str(r.rank) for r in table.rows]
    assert page.table_notes["by_center"].text() == table.note


def visible_tabs(page: StatisticsPage) -> list[str]:
    return [page.tabs.tabText(i) for i in range(page.tabs.count()) if page.tabs.isTabVisible(i)]


def test_every_table_of_the_report_gets_a_tab_in_its_order(qtbot, services):
    base = sample_report(period=ReportPeriod.month(2026, 1))
    wusong = Table("wusong", "无讼村（社区）候选", ("accepted",),
                   (Row("v1", "东风村", {"accepted": Figure("accepted", 4, tuple("abcd"))}),),
                   None, "本期受理且无案件进入诉讼的村（社区）：1个")
    by_month = {1: replace(base, tables=(*base.tables, wusong)),
                2: replace(base, period=ReportPeriod.month(2026, 2),
                           tables=(base.tables[1], base.tables[0]))}
    page = make_page(qtbot, services, lambda p, public: by_month.get(p.start.month, base))
    page.set_period(ReportPeriod.month(2026, 1))
    assert visible_tabs(page) == ["主要指标", "图表", *(t.title for t in base.tables),
                                  "无讼村（社区）候选"]
    page.tabs.setCurrentWidget(page.table_pages["wusong"])
    model = page.table_models["wusong"]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "村（社区）"
    assert (model.index(0, 0).data(), model.index(0, 1).data()) == ("东风村", "4")
    assert page.table_notes["wusong"].text() == "本期受理且无案件进入诉讼的村（社区）：1个"

    page.set_period(ReportPeriod.month(2026, 2))  # fewer tables, another order
    assert visible_tabs(page) == ["主要指标", "图表", "按案件来源", "按纠纷类型"]
    assert page.tabs.currentIndex() == 0  # its tab is gone: back to 主要指标
    page.set_period(ReportPeriod.month(2026, 1))
    assert visible_tabs(page)[2:4] == ["按纠纷类型", "按案件来源"]


# -- drill-down over real cases ---------------------------------------------------------

def hand_report(period: ReportPeriod, accepted: list[str], succeeded: list[str],
                family: list[str]) -> Report:
    """A report over real case ids (what the statistics service will give)."""
    acc = Figure("accepted", len(accepted), tuple(accepted), previous=2, year_before=4)
    suc = Figure("succeeded", len(succeeded), tuple(succeeded), previous=1, year_before=3)
    rate = Figure("success_rate", Decimal(100 * len(succeeded)) / len(accepted),
                  tuple(succeeded))
    other = [c for c in accepted if c not in family]
    rows = (Row(DisputeType.MARRIAGE_FAMILY.value, DisputeType.MARRIAGE_FAMILY.label,
                {"accepted": Figure("accepted", len(family), tuple(family)),
                 "succeeded": Figure("succeeded", 0, ())}),
            Row(DisputeType.NEIGHBOUR.value, DisputeType.NEIGHBOUR.label,
                {"accepted": Figure("accepted", len(other), tuple(other)),
                 "succeeded": Figure("succeeded", len(succeeded), tuple(succeeded))}))
    by_type = Table("by_type", "按纠纷类型", ("accepted", "succeeded"), rows,
                    Row("", "合计", {"accepted": acc, "succeeded": suc}))
    trend = tuple(MonthPoint(m, Figure("accepted", len(accepted) if m == period else 0,
                                       tuple(accepted) if m == period else ()),
                             Figure("succeeded", 0), Figure("success_rate", None))
                  for m in period.months_to(12))
    return Report(period, "马尚街道调解中心", {"accepted": acc, "succeeded": suc,
                                          "success_rate": rate},
                  (by_type,), trend, generated_on=period.end + timedelta(days=1))


@pytest.fixture
def window_with_cases(qtbot, services):
    cases = [register(services, f"申请人{i}", f"被申请人{i}") for i in range(7)]
    ids = [c.id for c in cases]
    accepted, succeeded, family = ids[:5], ids[3:5], ids[:2]
    period = ReportPeriod.month(2026, 2)
    report = hand_report(period, accepted, succeeded, family)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.start()
    window.nav.setCurrentRow(window.page_statistics)
    page = window.statistics
    page.source = lambda p, public: published(report) if public else report
    qtbot.mouseClick(page.last_month, Qt.MouseButton.LeftButton)
    assert page.report is report
    return window, report


def double_click(qtbot, view, index) -> None:
    """Double-click a cell as a mouse does: a click, then the double-click."""
    pos = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def listed_ids(window: MainWindow) -> set[str]:
    model = window.cases.model
    return {model.case_id(r) for r in range(model.rowCount())}


def test_double_click_a_figure_lists_exactly_its_cases(qtbot, window_with_cases):
    window, report = window_with_cases
    page = window.statistics
    for key in ("accepted", "succeeded", "success_rate"):
        window.nav.setCurrentRow(window.page_statistics)
        figure = report.figures[key]
        index = page.headline_model.index(page.headline_model.row_of(key), 1)
        double_click(qtbot, page.headline, index)
        assert window.stack.currentIndex() == 1 and window.case_tabs.currentIndex() == 0
        cases = window.cases
        assert cases.drill_bar.isVisible()
        assert cases.model.rowCount() == len(figure.case_ids)
        assert listed_ids(window) == set(figure.case_ids)
        if key == "accepted":
            assert figure.value == 5
            assert cases.drill_caption.text() == "2026年2月 受理纠纷数：5件"
        if key == "success_rate":
            assert cases.drill_caption.text() == "2026年2月 调解成功率 40.0% 所涉案件：2件"
    # a cell of a table: 婚姻家庭纠纷 受理
    window.nav.setCurrentRow(window.page_statistics)
    model = page.table_models["by_type"]
    view = page.table_views["by_type"]
    page.tabs.setCurrentWidget(page.table_pages["by_type"])
    index = model.index(0, model.column_of("accepted"))
    double_click(qtbot, view, index)
    family = report.tables[0].rows[0].cells["accepted"]
    assert listed_ids(window) == set(family.case_ids) and len(family.case_ids) == 2
    assert window.cases.drill_caption.text() == "2026年2月 婚姻家庭纠纷 受理纠纷数：2件"

    # 清除: every case again
    qtbot.mouseClick(window.cases.drill_clear, Qt.MouseButton.LeftButton)
    assert not window.cases.drill_bar.isVisible()
    assert window.cases.model.rowCount() == 7


def click_bar(qtbot, chart, index: int, key: str) -> None:
    """Click the middle of bar ``index`` of measure ``key`` as a person would."""
    chart.resize(700, 420)
    qtbot.wait(10)
    sets = list(chart.sets)
    value = chart.sets[key].at(index)
    group = index  # categories are 0..n-1; the sets of a group sit side by side
    width = 0.5 / len(sets)  # Qt's default bar width 0.5 of the category
    offset = -0.25 + width * (sets.index(key) + 0.5)
    point = (QPointF(value / 2, group + offset) if chart.horizontal
             else QPointF(group + offset, value / 2))
    pos = chart.chart().mapToPosition(point, chart.series)
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton,
                     pos=chart.mapFromScene(pos))


def test_click_a_bar_lists_exactly_its_cases(qtbot, window_with_cases):
    window, report = window_with_cases
    page = window.statistics
    page.tabs.setCurrentIndex(1)  # 图表
    chart = page.type_chart
    # horizontal bars: the first row at the top, so category 1 is 婚姻家庭(纠纷)
    assert [chart.categories.at(i) for i in range(chart.categories.count())] == [
        "邻里", "婚姻家庭"]
    seen = []
    window.cases.model.loaded.connect(lambda: seen.append(1))
    click_bar(qtbot, chart, 0, "succeeded")  # 邻里纠纷 调解成功
    neighbour = report.tables[0].rows[1].cells["succeeded"]
    assert window.stack.currentIndex() == 1
    assert listed_ids(window) == set(neighbour.case_ids)
    assert window.cases.model.rowCount() == neighbour.value == 2
    assert window.cases.drill_caption.text() == "2026年2月 邻里纠纷 调解成功数：2件"

    window.nav.setCurrentRow(window.page_statistics)
    trend = page.trend_chart
    trend.resize(700, 420)
    qtbot.wait(10)
    last = len(trend.points) - 1
    pos = trend.chart().mapToPosition(QPointF(last, trend.accepted.at(last).y()),
                                      trend.accepted)
    qtbot.mouseClick(trend.viewport(), Qt.MouseButton.LeftButton,
                     pos=trend.mapFromScene(pos))
    assert listed_ids(window) == set(report.figures["accepted"].case_ids)
    assert window.cases.drill_caption.text() == "2026年2月 受理纠纷数：5件"


def test_statistics_shortcut_and_navigation(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    assert window.nav.item(window.page_statistics).text() == "统计"
    assert window.statistics_action.shortcut().toString() == "Ctrl+5"
    window.statistics.source = lambda p, public: sample_report(period=p, public=public)
    window.statistics_action.trigger()
    assert window.stack.currentIndex() == window.page_statistics
    assert window.statistics.report is not None


def test_export_writes_the_file_the_person_chose(qtbot, services, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    import mediation_desk.ui.pages.statistics_page as module

    source, _asked = sample_source()
    page = make_page(qtbot, services, source)
    assert page.report is not None
    proposed = []

    def fake_save(_parent, _title, name, _pattern):
        proposed.append(name)
        return str(tmp_path / "月报"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    monkeypatch.setattr(module, "render_xlsx",
                        lambda report, by: b"PK" + (report.title + by).encode())
    qtbot.mouseClick(page.export_xlsx, Qt.MouseButton.LeftButton)
    assert proposed[0].endswith("人民调解工作月报-2026-03.xlsx")
    written = tmp_path / "月报.xlsx"
    assert written.read_bytes() == "PK人民调解工作月报测试主任".encode()  # 填报人: who is logged in
    assert str(written) in page.hint.text()
    assert export_name(published(page.report), ".pdf") == "人民调解工作月报（对外发布）-2026-03.pdf"


def test_headline_model_without_report_is_empty():
    model = HeadlineModel()
    assert model.rowCount() == 0
    assert model.index(0, 0).data() is None


# -- the page over the statistics service itself ------------------------------------------

def test_real_report_last_month_drills_down_to_its_cases(qtbot, services):
    """Cases accepted in February and one agreed: 上月 counts them, the lists agree."""
    from mediation_desk.services.mediation import AgreementInput
    from tests.ui.case_helpers import add_mediator

    feb = [register(services, f"王{i}", f"李{i}", received_on=f"2026-02-0{i + 1}")
           for i in range(4)]
    march = register(services, "赵一", "钱二", received_on="2026-03-01")
    mediator = add_mediator(services)
    cs = services.cases
    for i, c in enumerate(feb):
        cs.accept(services.actor, c.id, on=date(2026, 2, 2 + i))
    cs.accept(services.actor, march.id, on=date(2026, 3, 1))
    cs.assign(services.actor, feb[0].id, [mediator.id])
    cs.record_agreement(services.actor, feb[0].id, AgreementInput(
        clauses=["李0赔偿王0损失2000元"], amount=Decimal("2000"),
        effective_on=date(2026, 2, 20)))

    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.start()
    window.nav.setCurrentRow(window.page_statistics)
    page = window.statistics
    qtbot.mouseClick(page.last_month, Qt.MouseButton.LeftButton)
    report = page.report
    assert report is not None and report.period == ReportPeriod.month(2026, 2)
    shown = shown_headline(page)
    assert shown["accepted"][0] == "4" and shown["succeeded"][0] == "1"
    assert set(report.figures["accepted"].case_ids) == {c.id for c in feb}
    assert report.figures["succeeded"].case_ids == (feb[0].id,)
    for key in ("received", "accepted", "succeeded", "amount"):
        window.nav.setCurrentRow(window.page_statistics)
        figure = report.figures[key]
        double_click(qtbot, page.headline,
                     page.headline_model.index(page.headline_model.row_of(key), 1))
        assert window.stack.currentIndex() == 1
        assert window.cases.model.rowCount() == len(figure.case_ids), key
        assert listed_ids(window) == set(figure.case_ids), key
    assert window.cases.drill_caption.text() == "2026年2月 协议涉及金额 0.20万元 所涉案件：1件"

    # 本月: the March case only
    window.nav.setCurrentRow(window.page_statistics)
    qtbot.mouseClick(page.this_month, Qt.MouseButton.LeftButton)
    assert shown_headline(page)["accepted"][0] == "1"
    assert page.report is not None and page.report.figures["accepted"].case_ids == (march.id,)


class QueuedTasks:
    """A task runner whose work waits until ``run_all`` (the database thread busy)."""

    def __init__(self) -> None:
        self.queue: list = []

    def submit(self, fn, done=None, failed=None) -> None:
        self.queue.append((fn, done))

    def run_all(self) -> None:
        while self.queue:
            fn, done = self.queue.pop(0)
            result = fn()
            if done is not None:
                done(result)


class QueuedServices:
    account = None

    def __init__(self) -> None:
        self.tasks = QueuedTasks()

    def why_not(self, action: str) -> str:
        return ""


def test_periods_picked_while_one_is_counted_are_not_all_counted(qtbot):
    source, asked = sample_source()
    services = QueuedServices()
    page = StatisticsPage(services, source=source, today=date(2026, 3, 2))  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    for button in (page.last_month, page.this_year, page.this_quarter):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.subtitle.text() == "正在统计2026年第一季度…"
    services.tasks.run_all()
    assert asked == [(ReportPeriod.quarter(2026, 1), False)]  # only the last one asked for
    assert page.report is not None and page.report.period == ReportPeriod.quarter(2026, 1)


def test_the_director_exports_the_assessment(qtbot, services, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    source, _asked = sample_source()
    page = make_page(qtbot, services, source)
    assert page.assessment.isEnabled() and page.subsidy.isEnabled()
    proposed = []

    def fake_save(_parent, _title, name, _pattern):
        proposed.append(name)
        return str(tmp_path / "考评"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    qtbot.mouseClick(page.assessment, Qt.MouseButton.LeftButton)
    written = tmp_path / "考评.pdf"
    qtbot.waitUntil(written.exists)
    assert proposed[0].endswith("调解员考评-2026-03.pdf")
    assert written.read_bytes().startswith(b"%PDF")
    page.public.setChecked(True)
    qtbot.waitUntil(lambda: page.report is not None and page.report.public)
    assert not page.assessment.isEnabled()  # no assessment of the published figures


def test_a_mediator_has_no_assessment_nor_subsidy_sheet(qtbot, mediator_services):
    source, _asked = sample_source()
    page = make_page(qtbot, mediator_services, source)
    assert page.export_pdf.isEnabled()  # the desk's report, yes
    assert not page.assessment.isEnabled() and not page.subsidy.isEnabled()
    assert page.assessment.toolTip()  # says why
