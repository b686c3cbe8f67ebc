"""The dashboard shows the service's counts and opens a case from its lists."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from PySide6.QtCore import Qt

from mediation_desk.ui.pages.dashboard import COUNT_KEYS, DashboardPage
from tests.ui.helpers import register


def test_dashboard_counts_match_services(qtbot, services, clock):
    # one overdue case, one due soon, one new
    today = clock.now.date()
    overdue = register(services, "王芳", "李强", received_on=str(today - timedelta(days=90)))
    services.cases.accept(services.actor, overdue.id, on=today - timedelta(days=80))
    soon = register(services, "赵敏", "钱进", received_on=str(today - timedelta(days=30)))
    services.cases.accept(services.actor, soon.id, on=today - timedelta(days=27))
    register(services, "孙丽", "周杰")

    page = DashboardPage(services)
    qtbot.addWidget(page)
    page.show()
    page.refresh()

    expected = services.cases.dashboard()
    assert expected.overdue == 1 and expected.due_soon == 1 and expected.new == 1
    for key in COUNT_KEYS:
        assert page.tiles[key].number.text() == str(getattr(expected, key)), key
    assert page.overdue_view.model().rowCount() == 1
    assert page.due_soon_view.model().rowCount() == 1
    # the overdue row says so in words, not only in colour
    text = page.overdue_view.model().index(0, 1).data()
    assert "超期" in text
    assert "◔" in page.due_soon_view.model().index(0, 1).data() or "今天" in \
        page.due_soon_view.model().index(0, 1).data()

    opened = []
    page.open_case.connect(opened.append)
    view = page.overdue_view
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened == [overdue.id]


def test_dashboard_warns_when_the_wage_figure_is_old(qtbot, services, clock):
    page = DashboardPage(services)
    qtbot.addWidget(page)
    page.show()
    page.refresh()  # today 2026-03-02, the default figure is for 2023
    assert page.wage_warning.isVisible()
    assert "小额诉讼标准所用平均工资为2023年数据，请更新" in page.wage_warning.text()

    s = services.load_settings()
    s.avg_wage, s.avg_wage_year, s.avg_wage_province = Decimal("98765"), 2025, "山东省"
    services.save_settings(s)
    page.refresh()
    assert not page.wage_warning.isVisible()
