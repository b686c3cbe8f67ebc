"""The 法院 page of a court liaison desk: counts per center as the court service has them,
a click on a center filters the case list (with its 中心 column), the intake sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from mediation_desk.domain.models import Mediator
from mediation_desk.services import exchange
from mediation_desk.services.cases import CaseService
from mediation_desk.services.court import CourtService
from mediation_desk.services.desk import MediatorService
from mediation_desk.storage import directory
from mediation_desk.ui.context import Services
from mediation_desk.ui.main_window import PAGE_CASES, PAGE_COURT, PAGE_EXCHANGE, MainWindow
from mediation_desk.ui.models.case_table import COL_CENTER
from mediation_desk.ui.tasks import TaskRunner
from tests.exchange.helpers import ACTOR, make_desk, referral, trust_both


def _send(tmp: Path, frm, to_code: str, to, name: str) -> None:
    path = tmp / f"{name}.mdx"
    exchange.export_bundle(frm, ACTOR, to_code, path)
    exchange.import_bundle(to, ACTOR, path)


@pytest.fixture
def court_services(tmp_path, qapp):
    """A court desk with three referrals to center A (one handed over) and one to B."""
    court = make_desk(tmp_path, "court01", "court")
    a, b = make_desk(tmp_path, "centerA"), make_desk(tmp_path, "centerB")
    trust_both(tmp_path, court, a)
    trust_both(tmp_path, court, b)
    ca = [referral(court, a, n) for n in range(3)]
    referral(court, b, 10)
    _send(tmp_path, court, "centerA", a, "ra")
    m = MediatorService(a).save(ACTOR, Mediator(center_id="", name="赵调解"))
    svc = CaseService(a)
    for c in ca:
        svc.accept(ACTOR, c.id)
        svc.assign(ACTOR, c.id, [m.id])
    from mediation_desk.domain.enums import EndReason
    svc.record_session(ACTOR, ca[0].id, notes="调解未成")
    svc.terminate(ACTOR, ca[0].id, reason=EndReason.GAP_TOO_LARGE, notes="双方分歧较大")
    svc.hand_over(ACTOR, ca[0].id, notes="移送立案")
    _send(tmp_path, a, "court01", court, "back-a")
    ids = {s.origin_code(): directory.self_center(s.db).id for s in (a, b)}
    path = court.path
    for s in (court, a, b):
        s.close()
    services = Services.open(path, TaskRunner(synchronous=True), actor=ACTOR)
    yield services, ids
    for w in QApplication.topLevelWidgets():
        w.close()
    QApplication.processEvents()
    services.close()


def test_court_page_counts_and_center_filter(qtbot, court_services):
    services, ids = court_services
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.start()
    window.show()
    assert window.court is not None
    assert window.nav.item(PAGE_EXCHANGE).text() == "交换"
    assert window.nav.item(PAGE_COURT).text() == "法院"

    window.nav.setCurrentRow(PAGE_COURT)
    page = window.court
    page.tabs.setCurrentIndex(1)  # 各调解组织案件 (the first tab is 委派调解)
    model = page.model
    expected = services.run(lambda s: CourtService(s.store).center_counts())
    assert model.rowCount() == len(expected) == 2
    for row, c in enumerate(expected):
        shown = [model.index(row, col).data() for col in range(8)]
        assert shown == [f"{c.name}（{c.code}）", c.received, c.in_mediation, c.agreed,
                         c.overdue, c.handed_to_filing, c.jc_applied, c.jc_confirmed]
    assert [model.index(0, c).data() for c in (1, 2, 5)] == [3, 2, 1]  # centerA
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)]
    assert headers[1:6] == ["收到", "调解中", "达成协议", "超期", "移送立案"]

    # the case list is a court list: a 中心/调解组织 column and a center filter
    cases = window.cases
    assert cases.model.columnCount() == COL_CENTER + 1
    assert cases.model.headerData(COL_CENTER, Qt.Orientation.Horizontal) == "中心/调解组织"
    assert cases.model.rowCount() == 4
    assert {cases.model.index(r, COL_CENTER).data() for r in range(4)} == \
        {"centerA单位", "centerB单位"}

    # double-click centerB: the case list shows only its case
    view = page.table
    index = model.index(1, 0)
    at = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert window.nav.currentRow() == PAGE_CASES
    assert cases.center.isVisible() and cases.center.currentText() == "centerB单位"
    assert cases.model.rowCount() == 1
    assert cases.model.listed(0).row.center_id == ids["centerB"]
    listed = services.run(lambda s: CourtService(s.store).cases_of_center("centerB"))
    assert [cases.model.case_id(0)] == [r.id for r in listed]

    # back on the court page: select centerA and use the button
    window.nav.setCurrentRow(PAGE_COURT)
    view.selectRow(0)
    page.show_cases.click()
    assert cases.model.rowCount() == 3
    assert {cases.model.listed(r).row.center_id for r in range(3)} == {ids["centerA"]}
    cases.clear.click()
    assert cases.model.rowCount() == 4 and cases.center.currentIndex() == 0


def test_intake_sheet_into_a_folder(qtbot, court_services, tmp_path, monkeypatch):
    services, _ids = court_services
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.start()
    window.nav.setCurrentRow(PAGE_COURT)
    folder = tmp_path / "to-court-intake"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(folder)))
    window.court.intake.click()
    sheets = list(folder.glob("移送立案登记表-*.xlsx"))
    assert len(sheets) == 1
    wb = load_workbook(sheets[0])
    assert wb["移送立案案件"].max_row == 2  # header and the one handed-over case
    pdfs = list(folder.glob("案卷-*/*.pdf"))
    assert len(pdfs) == 1 and pdfs[0].read_bytes().startswith(b"%PDF")
    assert "已导出移送立案登记表" in window.court.status.text()


def test_center_desk_has_no_court_page(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    # 我的案件, 统计, 账户
    assert window.court is None and window.nav.count() == PAGE_EXCHANGE + 4
    assert window.page_my_work == PAGE_EXCHANGE + 1
    assert window.page_statistics == PAGE_EXCHANGE + 2
    assert window.page_accounts == PAGE_EXCHANGE + 3
    assert window.cases.model.columnCount() == COL_CENTER
    assert not window.cases.center.isVisible()
