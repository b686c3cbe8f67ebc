"""Corrections from the case page, as a mediator would: a session record corrected with its
reason and the old version still in the timeline, marked 已更正; after the agreement took
effect the dialog refuses an edit with the reason and offers a 补充协议 or a 更正说明."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from mediation_desk.domain import corrections as rules
from mediation_desk.domain.enums import EventKind
from mediation_desk.services.mediation import AgreementInput
from mediation_desk.storage import audit
from mediation_desk.ui.dialogs.correction_dialog import CorrectionDialog
from tests.conftest import case_input
from tests.ui.case_helpers import add_mediator, click
from tests.ui.conftest import type_text
from tests.ui.test_case_detail import open_page, save

OLD_NOTES = "双方到场，张三要求赔偿五千元，李四不同意。"
NEW_NOTES = "双方到场，张三要求赔偿三千元，李四不同意。"


def _mediating(services) -> str:
    m = add_mediator(services, "周明")
    cs, who = services.cases, services.actor
    case = cs.register(who, case_input(received_on="2026-02-02"))
    cs.accept(who, case.id, on=date(2026, 2, 3))
    cs.assign(who, case.id, [m.id])
    cs.record_session(who, case.id, notes=OLD_NOTES, place="调解室", result="未达成",
                      occurred_at=datetime(2026, 2, 10, 9, 0).astimezone())
    return case.id


def _rows(page) -> list[str]:
    t = page.view.timeline.table
    return ["|".join(t.item(r, c).text() for c in range(t.columnCount()))
            for r in range(t.rowCount())]


def _select_session(qtbot, page, notes: str) -> None:
    timeline = page.view.timeline
    page.view.tabs.setCurrentWidget(timeline)
    row = next(r for r, e in enumerate(timeline.events)
               if e.kind is EventKind.SESSION and e.notes == notes)
    timeline.table.setFocus()
    timeline.table.selectRow(row)
    assert timeline.correct_button.isEnabled()


def _open_correction(qtbot, page, button) -> CorrectionDialog:
    click(qtbot, button)
    dialog = page.active_dialog
    assert isinstance(dialog, CorrectionDialog) and dialog.isVisible()
    return dialog


def test_a_session_record_corrected_and_the_old_version_kept(qtbot, services):
    key = _mediating(services)
    page = open_page(qtbot, services, key)
    _select_session(qtbot, page, OLD_NOTES)
    dialog = _open_correction(qtbot, page, page.view.timeline.correct_button)
    assert not dialog.refusal.isVisible()
    assert dialog.modes["edit"].isChecked() and set(dialog.modes) == {"edit", "note"}
    assert dialog.notes.toPlainText() == OLD_NOTES  # the old record, to edit
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.reason)  # keyboard: the reason
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.when
    save(qtbot, dialog)  # nothing typed: the reason is asked for beside its field
    assert dialog.isVisible() and "请填写更正原因" in dialog.errors["reason"].text()
    type_text(qtbot, dialog.reason, "赔偿金额记错")
    dialog.notes.selectAll()
    type_text(qtbot, dialog.notes, NEW_NOTES)
    save(qtbot, dialog)
    assert not dialog.isVisible()

    events = services.cases.events(key)
    old, new = [e for e in events if e.kind is EventKind.SESSION]
    assert (old.notes, new.notes) == (OLD_NOTES, NEW_NOTES)  # the old one never overwritten
    assert new.data["version"] == 2 and new.place == "调解室"
    rows = _rows(page)
    old_row = next(r for r in rows if OLD_NOTES in r)
    assert "已更正" in old_row and "赔偿金额记错" in old_row and "第2版" in old_row
    assert any(NEW_NOTES in r and "第2版" in r for r in rows)
    summaries = [r["summary"] for r in services.run(
        lambda s: audit.case_history(s.store.db, key))]
    assert any("更正调解记录（第2版）：赔偿金额记错" in s for s in summaries)


def test_after_the_agreement_took_effect_only_a_supplement_or_a_note(qtbot, services):
    key = _mediating(services)
    cs, who = services.cases, services.actor
    cs.record_agreement(who, key, AgreementInput(clauses=["李四赔偿三千元。"],
                                                 effective_on=date(2026, 2, 20)))
    page = open_page(qtbot, services, key)
    # the session record is final now: the reason, and only a 更正说明
    _select_session(qtbot, page, OLD_NOTES)
    dialog = _open_correction(qtbot, page, page.view.timeline.correct_button)
    assert dialog.refusal.isVisible() and "更正说明" in dialog.refusal.text()
    assert set(dialog.modes) == {"note"}
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    qtbot.keyClick(page.view.timeline.table, Qt.Key.Key_Return)  # keyboard: Enter opens it
    again = page.active_dialog
    assert isinstance(again, CorrectionDialog) and again.isVisible() and again is not dialog
    qtbot.keyClick(again, Qt.Key.Key_Escape)
    assert not again.isVisible()

    # the agreement: refused with its effective date, 补充协议 or 更正说明 offered
    assert page.view.timeline.correct_agreement_button.isEnabled()
    dialog = _open_correction(qtbot, page, page.view.timeline.correct_agreement_button)
    assert "2026年2月20日生效" in dialog.refusal.text()
    assert "补充协议" in dialog.refusal.text() and set(dialog.modes) == {"supplement", "note"}
    assert dialog.modes["supplement"].isChecked()
    type_text(qtbot, dialog.reason, "履行方式变更")
    type_text(qtbot, dialog.clauses.edits[0], "三千元分两期支付，每期一千五百元。")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    [fix] = rules.corrections(cs.events(key))
    assert fix.action == rules.SUPPLEMENTARY_AGREEMENT
    assert fix.event.data["clauses"] == ["三千元分两期支付，每期一千五百元。"]
    assert cs.agreement(key).clauses == ["李四赔偿三千元。"]  # the agreement itself unchanged
    assert any("补充协议" in r and "三千元分两期支付" in r for r in _rows(page))

    dialog = _open_correction(qtbot, page, page.view.timeline.correct_agreement_button)
    note = dialog.modes["note"]  # a person clicks the choice's circle or its words
    qtbot.mouseClick(note, Qt.MouseButton.LeftButton, pos=QPoint(8, note.height() // 2))
    assert dialog.pages.currentWidget() is dialog.page_of["note"]
    type_text(qtbot, dialog.reason, "登记时笔误")
    type_text(qtbot, dialog.note_text, "履行地点“马尚村”应为“马尚村二组”。")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    assert any("更正说明" in r and "登记时笔误" in r for r in _rows(page))
    shown = page.view.agreement.text()  # the 调解协议 tab: the agreement, then what was added
    order = [shown.index(t) for t in ("李四赔偿三千元。", "补充协议", "三千元分两期支付")]
    assert order == sorted(order)
    assert "更正说明" in shown and "马尚村二组" in shown


def test_a_read_only_account_may_not_correct(qtbot, team_services):
    from tests.ui.conftest import DIRECTOR, READONLY

    director = team_services(DIRECTOR)
    key = _mediating(director)
    director.cases.record_agreement(director.actor, key, AgreementInput(
        clauses=["李四赔偿三千元。"], effective_on=date(2026, 2, 20)))
    page = open_page(qtbot, team_services(READONLY), key)
    timeline = page.view.timeline
    timeline.table.selectRow(next(r for r, e in enumerate(timeline.events)
                                  if e.kind is EventKind.SESSION))
    for button in (timeline.correct_button, timeline.correct_agreement_button,
                   page.view.agreement.correct_button):
        assert not button.isEnabled() and "只读" in button.toolTip()
