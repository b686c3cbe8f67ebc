"""The case page, used like a mediator would: a case from registration to agreement."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from PySide6.QtCore import Qt

from mediation_desk.domain.enums import CaseStatus, EndReason, RelationKind
from mediation_desk.domain.models import DeclaredRelation
from mediation_desk.domain.state_machine import Action
from mediation_desk.storage import audit
from mediation_desk.ui.dialogs.register_case import RegisterCaseDialog
from mediation_desk.ui.pages.case_detail import CaseDetailWidget
from tests.attachment_samples import pdf_bytes
from tests.conftest import case_input
from tests.ui.case_helpers import add_mediator, answer_box, click
from tests.ui.conftest import type_text
from tests.ui.test_register_case import fill_case


def open_page(qtbot, services, case_id: str) -> CaseDetailWidget:
    page = CaseDetailWidget(services, case_id)
    qtbot.addWidget(page, before_close_func=lambda p: setattr(p.view.overview, "dirty", False))
    page.resize(1200, 800)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def start(qtbot, page: CaseDetailWidget, action: Action):
    button = page.view.action_buttons[action]
    assert button.isEnabled(), button.toolTip()
    click(qtbot, button)
    dialog = page.active_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def save(qtbot, dialog) -> None:
    click(qtbot, dialog.save_button)


def test_register_accept_assign_session_agreement(qtbot, services):
    changed: list[str] = []
    mediator = add_mediator(services, "周明")
    # register through the form
    dialog = RegisterCaseDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_case(qtbot, dialog)
    click(qtbot, dialog.save_button)
    page = open_page(qtbot, services, dialog.created_case_id)
    page.changed.connect(changed.append)
    assert page.view.number.text() == "（2026）马尚调字第1号"
    assert page.view.status.text() == "已登记"

    form = start(qtbot, page, Action.ACCEPT)
    save(qtbot, form)
    assert services.cases.get(page.case_id).status is CaseStatus.ACCEPTED
    assert page.view.status.text() == "已受理"
    assert page.view.deadline.property("level") == "ok"
    assert changed == [page.case_id]

    assign = start(qtbot, page, Action.ASSIGN)
    table = assign.table
    table.setFocus()
    table.setCurrentCell(assign.row_of(mediator.id), 0)
    qtbot.keyClick(table, Qt.Key.Key_Space)  # tick the suggested mediator
    assert assign.selected_ids() == [mediator.id]
    save(qtbot, assign)
    case = services.cases.get(page.case_id)
    assert case.status is CaseStatus.MEDIATING and case.mediator_ids == [mediator.id]
    assert "周明" in page.view.overview.info["mediators"].text()

    session = start(qtbot, page, Action.RECORD_SESSION)
    type_text(qtbot, session.inputs["place"], "村委会调解室")
    type_text(qtbot, session.inputs["participants"], "张三、李四、周明")
    type_text(qtbot, session.inputs["notes"], "告知权利义务后双方分别陈述，同意清理杂物。")
    save(qtbot, session)
    timeline = page.view.timeline.table
    rows = ["|".join(timeline.item(r, c).text() for c in range(4))
            for r in range(timeline.rowCount())]
    assert any("村委会调解室" in r and "同意清理杂物" in r and services.actor in r for r in rows)

    agreement = start(qtbot, page, Action.RECORD_AGREEMENT)
    type_text(qtbot, agreement.clauses.edits[0], "李四于2026年3月10日前清理通道杂物。")
    click(qtbot, agreement.clauses.add_button)
    type_text(qtbot, agreement.clauses.edits[1], "李四赔偿张三损失人民币4000元。")
    type_text(qtbot, agreement.method, "现金一次性支付")
    type_text(qtbot, agreement.amount.edit, "4000")
    save(qtbot, agreement)
    stored = services.cases.agreement(page.case_id)
    assert stored.clauses == ["李四于2026年3月10日前清理通道杂物。",
                              "李四赔偿张三损失人民币4000元。"]
    assert services.cases.get(page.case_id).status is CaseStatus.AGREED
    text = page.view.agreement.text()
    assert "一、李四于2026年3月10日前清理通道杂物。" in text
    assert "二、李四赔偿张三损失人民币4000元。" in text
    assert "肆仟元整" in text and "¥4,000.00" in text
    assert "现金一次性支付" in text
    assert page.view.jc_window.isVisible()
    assert len(changed) == 4


def test_forbidden_action_is_disabled_with_the_reason(qtbot, services):
    case = services.cases.register(services.actor, case_input())
    page = open_page(qtbot, services, case.id)
    button = page.view.action_buttons[Action.RECORD_SESSION]
    assert not button.isEnabled()
    assert "不能执行“记录调解”" in button.toolTip()
    assert "已登记" in button.toolTip()
    archive = page.view.action_buttons[Action.ARCHIVE]
    assert not archive.isEnabled() and archive.toolTip()
    assert page.view.action_buttons[Action.ACCEPT].isEnabled()


def test_recusal_ground_is_flagged_and_needs_a_reason(qtbot, services):
    case = services.cases.register(services.actor, case_input())
    services.cases.accept(services.actor, case.id)
    relative = add_mediator(services, "张伟", relations=[
        DeclaredRelation(person_name="张三", kind=RelationKind.NEAR_RELATIVE)])
    page = open_page(qtbot, services, case.id)
    assign = start(qtbot, page, Action.ASSIGN)
    row = assign.row_of(relative.id)
    assert assign.table.item(row, 0).text().startswith("⚠")
    assert "近亲属" in assign.table.item(row, assign.GROUNDS_COLUMN).text()
    assert not assign.override_reason.isVisible()
    assign.table.setFocus()
    assign.table.setCurrentCell(row, 0)
    qtbot.keyClick(assign.table, Qt.Key.Key_Space)
    assert assign.override_reason.isVisible()
    save(qtbot, assign)
    assert assign.isVisible()
    assert assign.reason_error.isVisible() and "回避" in assign.reason_error.text()
    assert services.cases.get(case.id).mediator_ids == []
    type_text(qtbot, assign.override_reason, "双方当事人知情并同意由其调解")
    save(qtbot, assign)
    assert services.cases.get(case.id).mediator_ids == [relative.id]


def test_extension_needs_every_partys_consent(qtbot, services):
    case = services.cases.register(services.actor, case_input())
    services.cases.accept(services.actor, case.id)
    services.cases.assign(services.actor, case.id, [add_mediator(services).id])
    page = open_page(qtbot, services, case.id)
    form = start(qtbot, page, Action.EXTEND)
    boxes = list(form.inputs["consent"].values())
    assert len(boxes) == 2
    click(qtbot, boxes[0])
    save(qtbot, form)
    assert form.isVisible()
    assert "李四" in form.errors["consent"].text()
    click(qtbot, boxes[1])
    save(qtbot, form)
    assert services.cases.get(case.id).extended_days == 15


def test_terminate_with_a_reason_from_the_list(qtbot, services):
    case = services.cases.register(services.actor, case_input())
    services.cases.accept(services.actor, case.id)
    services.cases.assign(services.actor, case.id, [add_mediator(services).id])
    page = open_page(qtbot, services, case.id)
    form = start(qtbot, page, Action.TERMINATE)
    combo = form.inputs["reason"]
    assert combo.findData(EndReason.AGREEMENT_REACHED.value) == -1
    combo.setCurrentIndex(combo.findData(EndReason.GAP_TOO_LARGE.value))
    save(qtbot, form)
    c = services.cases.get(case.id)
    assert c.status is CaseStatus.TERMINATED and c.end_reason is EndReason.GAP_TOO_LARGE
    assert page.view.action_buttons[Action.ARCHIVE].isEnabled()


def test_identifiers_are_masked_until_revealed_and_the_reveal_is_logged(qtbot, services):
    case = services.cases.register(services.actor, case_input())
    page = open_page(qtbot, services, case.id)
    table = page.view.parties.table
    assert table.item(0, 3).text() == "110***********002X"
    assert table.item(0, 4).text() == "138****1234"
    click(qtbot, table.cellWidget(0, 7))
    assert table.item(0, 3).text() == "11010519491231002X"
    assert table.item(0, 4).text() == "13812341234"
    assert any(row["action"] == "reveal_identifiers"
               for row in services.run(lambda s: audit.case_history(s.store.db, case.id)))


def test_overdue_case_is_marked_in_the_header(qtbot, services, clock):
    case = services.cases.register(services.actor, case_input())
    services.cases.accept(services.actor, case.id)
    clock.now += timedelta(days=60)
    page = open_page(qtbot, services, case.id)
    assert page.view.deadline.property("level") == "overdue"
    assert "#b3261e" in page.view.deadline.styleSheet()


def test_attach_a_scan(qtbot, services, tmp_path):
    case = services.cases.register(services.actor, case_input())
    page = open_page(qtbot, services, case.id)
    scan = tmp_path / "申请书.pdf"
    content = pdf_bytes()
    scan.write_bytes(content)
    assert page.add_attachment(scan)
    table = page.view.attachments.table
    assert table.rowCount() == 1 and table.item(0, 0).text() == "申请书.pdf"
    stored = services.cases.attachments(case.id)[0]
    assert stored.sha256 == hashlib.sha256(content).hexdigest()
    table.selectRow(0)
    copy = tmp_path / "copy.pdf"
    page.view.attachments.save_to(page.view.attachments.selected(), copy)
    assert copy.read_bytes() == content


def test_edited_details_ask_before_closing_and_save_with_ctrl_s(qtbot, services):
    case = services.cases.register(services.actor, case_input())
    page = open_page(qtbot, services, case.id)
    overview = page.view.overview
    assert page.maybe_close()  # nothing edited
    type_text(qtbot, overview.claims, "另请求赔礼道歉。")
    answered = answer_box(qtbot, "discardChangesBox", "keepEditingButton")
    assert not page.maybe_close()
    assert answered
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    overview.claims.setFocus()
    qtbot.keyClick(overview.claims, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "另请求赔礼道歉。" in services.cases.get(case.id).claims
    assert page.maybe_close()


def test_action_dialog_errors_show_next_to_the_field(qtbot, services):
    case = services.cases.register(services.actor, case_input())
    page = open_page(qtbot, services, case.id)
    form = start(qtbot, page, Action.NOT_ACCEPT)
    save(qtbot, form)
    assert form.isVisible()
    assert form.errors["reason"].text() == "请填写不予受理的理由"
    answered = answer_box(qtbot, "discardChangesBox", "discardButton")
    type_text(qtbot, form.inputs["reason"], "一方明确拒绝调解")
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert answered and not form.isVisible()
    assert services.cases.get(case.id).status is CaseStatus.REGISTERED
