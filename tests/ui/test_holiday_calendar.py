"""节假日安排 in the GUI: years shown by source, a notice entered or imported, deadlines
marked 「节假日安排为推算」, and a window check that asks instead of refusing."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, Qt

from mediation_desk.domain.enums import CaseStatus
from mediation_desk.domain.state_machine import Action
from mediation_desk.services.mediation import AgreementInput
from mediation_desk.ui.pages.settings_page import SettingsPage
from tests.conftest import case_input
from tests.ui.case_helpers import add_mediator, click
from tests.ui.conftest import type_text
from tests.ui.test_case_detail import open_page, start

NOTICE = ("年份 2027\n标题 国务院办公厅关于2027年部分节假日安排的通知\n"
          "放假 2027-01-01 2027-01-04 元旦\n")


def rows(box) -> dict[int, tuple[str, str]]:
    t = box.table
    return {int(t.item(r, 0).text()): (t.item(r, 1).text(), t.item(r, 2).text())
            for r in range(t.rowCount())}


def select_year(box, year: int) -> None:
    for r in range(box.table.rowCount()):
        if box.table.item(r, 0).text() == str(year):
            box.table.setCurrentCell(r, 0)
            return
    raise AssertionError(year)


def agreed_case(services, clock):
    clock.now = datetime(2026, 12, 2, 9, 0).astimezone()
    m = add_mediator(services, "周明")
    cs = services.cases
    c = cs.register("测试员", case_input(received_on="2026-12-01"))
    cs.accept("测试员", c.id)
    cs.assign("测试员", c.id, [m.id])
    cs.record_agreement("测试员", c.id, AgreementInput(clauses=["李四赔偿张三500元"],
                                                      effective_on=date(2026, 12, 2)))
    return cs.get(c.id)


def test_settings_show_years_and_import_a_notice(qtbot, services, clock, tmp_path):
    clock.now = datetime(2026, 12, 1, 9, 0).astimezone()
    page = SettingsPage(services)
    qtbot.addWidget(page)
    page.show()
    page.load()
    box = page.holidays
    shown = rows(box)
    assert shown[2026][0] == "官方数据"
    assert shown[2027][0] == "推算：请核对国务院通知"
    path = tmp_path / "2027.txt"
    path.write_text(NOTICE, encoding="utf-8")
    assert box.import_file(str(path))
    assert rows(box)[2027] == ("本机录入", "国务院办公厅关于2027年部分节假日安排的通知")
    assert "已导入" in box.status.text()


def test_enter_a_notice_with_an_error_then_fixed(qtbot, services, clock):
    clock.now = datetime(2026, 12, 1, 9, 0).astimezone()
    c = agreed_case(services, clock)
    assert c.jc_due_on == date(2027, 1, 4)
    page = SettingsPage(services)
    qtbot.addWidget(page)
    page.show()
    page.load()
    box = page.holidays
    select_year(box, 2027)
    dialog = box.edit_selected()
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.year.value() == 2027
    start_edit = dialog.table.cellWidget(0, 0)
    end_edit = dialog.table.cellWidget(0, 1)
    start_edit.setDate(QDate(2027, 1, 4))
    end_edit.setDate(QDate(2027, 1, 1))  # ends before it starts
    type_text(qtbot, dialog.table.cellWidget(0, 3), "元旦")
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert "结束日期早于开始日期" in dialog.errors["spans"].text()
    assert services.cases.get(c.id).jc_due_on == date(2027, 1, 4)  # nothing saved
    start_edit.setDate(QDate(2027, 1, 1))
    end_edit.setDate(QDate(2027, 1, 4))
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    assert rows(box)[2027][0] == "本机录入"
    assert "1件案件" in box.status.text()
    assert services.cases.get(c.id).jc_due_on == date(2027, 1, 5)


def test_case_header_says_estimated_and_apply_jc_asks(qtbot, services, clock):
    c = agreed_case(services, clock)
    page = open_page(qtbot, services, c.id)
    assert page.view.jc_window.isVisible()
    assert "节假日安排为推算" in page.view.jc_window.text()
    assert "2027年1月4日" in page.view.jc_window.text()
    clock.now = datetime(2027, 1, 5, 9, 0).astimezone()
    form = start(qtbot, page, Action.APPLY_JC)
    asked: list[str] = []
    form.ask_confirmation = lambda message: asked.append(message) or False
    click(qtbot, form.save_button)
    assert asked and "推算" in asked[0]
    assert form.isVisible()  # declined: nothing saved, the message stays beside the form
    assert services.cases.get(c.id).status is CaseStatus.AGREED
    form.ask_confirmation = lambda message: True
    click(qtbot, form.save_button)
    assert services.cases.get(c.id).status is CaseStatus.JC_APPLIED


def test_list_marks_estimated_deadlines(qtbot, services, clock):
    from mediation_desk.ui.models.case_table import COL_DEADLINE, CaseTableModel

    clock.now = datetime(2026, 12, 10, 9, 0).astimezone()
    cs = services.cases
    c = cs.register("测试员", case_input(received_on="2026-12-10"))
    cs.accept("测试员", c.id)  # due 2027-01-11 (30 days: 2027-01-09 is a Saturday)
    model = CaseTableModel(services)
    model.refresh()
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    idx = model.index(0, COL_DEADLINE)
    assert "推算" in model.data(idx, Qt.ItemDataRole.DisplayRole)
    assert "节假日安排为推算" in model.data(idx, Qt.ItemDataRole.ToolTipRole)
