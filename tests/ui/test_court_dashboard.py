"""The court desk's own 工作台: referrals and court results per center for a period (checked
against the referrals and every event read plainly), a tile or a cell opens the case list
of exactly its cases, and a court desk has no 调解员 page."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from mediation_desk.services.court_dashboard import FIGURES
from mediation_desk.services.referrals import ReferralService, ReferralState
from mediation_desk.storage.court_dashboard_queries import court_events_plain
from mediation_desk.ui.main_window import PAGE_CASES, PAGE_DASHBOARD, PAGE_MEDIATORS, MainWindow
from tests.ui.test_court_page import court_services  # noqa: F401 - the court desk fixture

ACTION_FIGURE = {"apply_jc": "jc_applied", "jc_confirm": "jc_confirmed",
                 "hand_over": "handed_over"}


def plain_figures(services, start: date, end: date) -> dict[tuple[str, str], set[str]]:
    """(center code, figure) -> case ids, from the referrals and every event."""
    def read(s):
        refs = ReferralService(s.store).referrals()
        codes = {c.id: c.code for c in s.store.directory.centers()}
        return refs, codes, court_events_plain(s.store.db, start, end)

    refs, codes, events = services.run(read)
    out: dict[tuple[str, str], set[str]] = {}

    def add(code: str, key: str, case_id: str) -> None:
        out.setdefault((code, key), set()).add(case_id)

    for r in refs:
        if start <= r.referred_on <= end:
            add(r.center_code, "sent", r.case_id)
        if r.accepted_on and start <= r.accepted_on <= end:
            add(r.center_code, "accepted", r.case_id)
        if r.state is ReferralState.REFUSED and start <= (r.closed_on or r.referred_on) <= end:
            add(r.center_code, "refused", r.case_id)
        if r.state is ReferralState.OVERDUE:
            add(r.center_code, "overdue", r.case_id)
    for center_id, action, case_id in events:
        add(codes[center_id], ACTION_FIGURE[action], case_id)
    return out


def shown_figures(page) -> dict[tuple[str, str], set[str]]:
    from mediation_desk.ui.models.exchange_tables import CasesRole

    model = page.model
    out: dict[tuple[str, str], set[str]] = {}
    for row in range(model.rowCount() - 1):  # the last row is 合计
        code = model.rows[row].code
        for col, key in enumerate(FIGURES, 1):
            ids = set(model.index(row, col).data(CasesRole))
            assert model.index(row, col).data() == len(ids)
            if ids:
                out[(code, key)] = ids
    return out


def test_court_dashboard_per_center(qtbot, court_services):  # noqa: F811
    services, _ids = court_services
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.start()
    assert window.nav.item(PAGE_MEDIATORS).isHidden()
    assert window.page_my_work == -1  # no 我的案件 on a court desk
    window.nav.setCurrentRow(PAGE_DASHBOARD)
    dashboard = window.dashboard
    page = dashboard.court
    assert page is not None and page.isVisible() and not dashboard.center_part.isVisible()
    figures = page.figures
    assert figures is not None
    expected = plain_figures(services, figures.start, figures.end)
    assert shown_figures(page) == expected
    assert len(expected[("centerA", "sent")]) == 3 and len(expected[("centerB", "sent")]) == 1
    assert len(expected[("centerA", "handed_over")]) == 1
    assert page.model.index(page.model.rowCount() - 1, 0).data() == "合计"
    for key in FIGURES:
        total = set().union(*(v for (_c, k), v in expected.items() if k == key))
        assert page.tiles[key].number.text() == str(len(total)), key

    # a tile opens the case list of exactly its cases
    qtbot.mouseClick(page.tiles["sent"], Qt.MouseButton.LeftButton)
    assert window.stack.currentIndex() == PAGE_CASES
    model = window.cases.model
    qtbot.waitUntil(lambda: not model.loading)
    sent = expected[("centerA", "sent")] | expected[("centerB", "sent")]
    assert {model.case_id(r) for r in range(model.rowCount())} == sent
    assert window.cases.drill_caption.text().endswith("：4件")

    # Enter on centerA's 移送立案 cell: that one case
    window.nav.setCurrentRow(PAGE_DASHBOARD)
    row = next(r for r in range(page.model.rowCount()) if page.model.rows[r].code == "centerA")
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(row, 1 + FIGURES.index("handed_over")))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.stack.currentIndex() == PAGE_CASES
    qtbot.waitUntil(lambda: not model.loading)
    assert {model.case_id(r) for r in range(model.rowCount())} == \
        expected[("centerA", "handed_over")]

    # a period before any referral: nothing but today's overdue
    window.nav.setCurrentRow(PAGE_DASHBOARD)
    page.range_from.setDate(QDate(2020, 1, 1))
    page.range_to.setDate(QDate(2020, 12, 31))
    assert page.figures.start == date(2020, 1, 1)
    assert shown_figures(page) == plain_figures(services, date(2020, 1, 1), date(2020, 12, 31))
    assert page.tiles["sent"].number.text() == "0"
    page.set_preset("this_year")
    assert page.figures.start == date(page.today.year, 1, 1)
