"""以案定补 in the GUI: the director types a rate table (a bad cell and an overlap shown
beside the table, nothing saved), saves it, and makes the month's sheet; others may not."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from mediation_desk.domain.subsidy import SETTING_KEY
from mediation_desk.ui.dialogs.subsidy_rates_dialog import (
    COL_AMOUNT,
    COL_FROM,
    COL_OUTCOME,
    COL_TO,
    COL_TYPE,
)
from mediation_desk.ui.dialogs.subsidy_sheet_dialog import SubsidySheetDialog
from mediation_desk.ui.pages.settings_page import SettingsPage
from tests.services.subsidy_world import build_november
from tests.ui.conftest import type_text


def _page(qtbot, services) -> SettingsPage:
    page = SettingsPage(services)
    qtbot.addWidget(page)
    page.show()
    page.load()
    return page


def _fill(qtbot, dialog, row: int, *, kind: str, outcome: str, amount: str, start: str,
          end: str = "") -> None:
    combo = dialog.cell(row, COL_TYPE)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findText(kind))
    combo = dialog.cell(row, COL_OUTCOME)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findText(outcome))
    for col, text in ((COL_AMOUNT, amount), (COL_FROM, start), (COL_TO, end)):
        edit = dialog.cell(row, col)
        assert isinstance(edit, QLineEdit)
        edit.clear()
        type_text(qtbot, edit, text)


def _last_audit(services) -> tuple[str, str]:
    return services.run(lambda s: tuple(s.store.db.execute(
        "SELECT actor, action FROM audit ORDER BY seq DESC LIMIT 1").fetchone()))


def _stored(services):
    return services.run(lambda s: s.store.directory.setting(SETTING_KEY))


def test_the_director_types_rates_sees_the_problems_beside_the_table_then_saves(
        qtbot, services):
    page = _page(qtbot, services)
    box = page.subsidy
    assert box.title() == "以案定补"
    assert "尚未设置" in box.summary.text()
    dialog = box.edit_rates()
    assert dialog is not None
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    _fill(qtbot, dialog, 0, kind="邻里纠纷", outcome="调解成功", amount="五十",
          start="2026-01-01", end="2026-06-30")
    assert dialog.try_save() is False
    assert dialog.table_error.isVisible()
    assert dialog.table_error.text() == "第1条：补贴金额应为数字，例如 100 或 12.5"
    assert _stored(services) is None

    _fill(qtbot, dialog, 0, kind="邻里纠纷", outcome="调解成功", amount="50",
          start="2026-01-01", end="2026-06-30")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    _fill(qtbot, dialog, 1, kind="邻里纠纷", outcome="成功或不成", amount="80",
          start="2026-06-01")
    assert dialog.try_save() is False
    assert dialog.table_error.text().startswith("第1条与第2条重叠：同为“邻里纠纷”")
    assert _stored(services) is None  # refused: nothing saved, nothing audited

    _fill(qtbot, dialog, 1, kind="邻里纠纷", outcome="成功或不成", amount="80",
          start="2026-07-01")
    dialog.multiplier.clear()
    type_text(qtbot, dialog.multiplier, "2")
    assert dialog.try_save() is True
    stored = _stored(services)
    assert stored["complex_multiplier"] == "2"
    assert [(r["dispute_type"], r["outcome"], r["amount"], r["effective_from"],
             r["effective_to"]) for r in stored["rules"]] == [
        ("neighbour", "succeeded", "50", "2026-01-01", "2026-06-30"),
        ("neighbour", "any", "80", "2026-07-01", None)]
    assert box.summary.text().startswith("共2条标准；疑难复杂案件×2：")
    assert "邻里纠纷·调解成功 50元/件（2026-01-01至2026-06-30）" in box.summary.text()
    assert _last_audit(services) == ("测试主任", "set_subsidy_rates")


def test_a_mediator_or_reader_cannot_open_either(qtbot, mediator_services, readonly_services):
    for services in (mediator_services, readonly_services):
        page = _page(qtbot, services)
        box = page.subsidy
        assert not box.edit_button.isEnabled() and not box.sheet_button.isEnabled()
        assert "中心主任" in box.edit_button.toolTip()
        assert "制作以案定补补贴发放表" in box.sheet_button.toolTip()
        assert box.summary.text() == "以案定补标准和每月补贴发放表由中心主任设置和制作。"


def test_the_sheet_dialog_shows_the_month_and_saves_the_pdf(qtbot, services, clock, tmp_path):
    services.run(lambda s: build_november(s.store, clock))
    clock.now = datetime(2026, 12, 3, 9, 0).astimezone()
    dialog = SubsidySheetDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.period().start == date(2026, 11, 1)  # the month before today's
    t = dialog.table
    shown = {t.item(r, 0).text(): (t.item(r, 1).text(), t.item(r, 2).text(), t.item(r, 3).text())
             for r in range(t.rowCount())}
    assert shown == {"周明": ("4", "3", "163.34"), "吴刚": ("3", "3", "413.33"),
                     "李华": ("3", "2", "63.33")}
    assert dialog.total.text() == ("2026年11月以案定补补贴发放表：办结8件，合计640.00元"
                                   "（陆佰肆拾元整）")
    out = tmp_path / "以案定补.pdf"
    assert dialog.write("pdf", out) is True
    assert out.read_bytes().startswith(b"%PDF")
    assert dialog.status.text() == f"已保存 {out}。"
    assert _last_audit(services) == ("测试主任", "subsidy_sheet")
    dialog.month.setDate(QDate(2026, 12, 1))
    assert [t.item(r, 0).text() for r in range(t.rowCount())] == ["吴刚"]  # G on 12-01
