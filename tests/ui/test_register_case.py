"""The registration form, used like a mediator would: type, tick, click, read the screen."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialog

from mediation_desk.domain.enums import CaseSource, DisputeType, PartyKind, PartyRole, Sex
from mediation_desk.ui.dialogs.register_case import RegisterCaseDialog
from tests.ui.case_helpers import answer_box, click
from tests.ui.conftest import type_text
from tests.ui.helpers import register

GOOD_ID_A = "11010519491231002X"  # female, born 1949-12-31
GOOD_ID_B = "440524188001010014"  # male, born 1880-01-01
BAD_CHECK_ID = "110105194912310021"


def choose(combo, member) -> None:
    combo.setFocus()
    combo.setCurrentIndex(combo.findData(str(member.value)))


def open_dialog(qtbot, services) -> RegisterCaseDialog:
    dialog = RegisterCaseDialog(services)
    # a failing test must not leave a dirty form asking questions during teardown
    qtbot.addWidget(dialog, before_close_func=lambda d: setattr(d, "_dirty", False))
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def fill_case(qtbot, dialog: RegisterCaseDialog) -> None:
    v = dialog.view
    choose(v.dispute_type, DisputeType.NEIGHBOUR)
    type_text(qtbot, v.facts, "双方因通道堆放杂物发生争议。")
    type_text(qtbot, v.claims, "请求清理杂物。")
    type_text(qtbot, v.amount.edit, "4万")
    first, second = dialog.parties
    type_text(qtbot, first.name, "张三")
    type_text(qtbot, first.id_number, GOOD_ID_A)
    type_text(qtbot, first.phone, "13812341234")
    type_text(qtbot, second.name, "李四")
    type_text(qtbot, second.id_number, GOOD_ID_B)


def test_register_a_case_with_two_parties(qtbot, services):
    dialog = open_dialog(qtbot, services)
    fill_case(qtbot, dialog)
    first = dialog.parties[0]
    # the ID number filled birth date and sex, and locked them
    assert first.sex.value() is Sex.FEMALE
    assert first.birth_date.date() == QDate(1949, 12, 31)
    assert not first.sex.isEnabled()
    assert "1949年12月31日" in first.id_info.text()
    assert "肆万元整" in dialog.view.amount.capital.text()
    click(qtbot, dialog.view.flags[next(iter(dialog.view.flags))])

    click(qtbot, dialog.save_button)

    assert dialog.result() == QDialog.DialogCode.Accepted
    case = services.cases.get(dialog.created_case_id)
    assert case.number == "（2026）马尚调字第1号"
    assert [(p.name, p.role, p.sex) for p in case.parties] == [
        ("张三", PartyRole.APPLICANT, Sex.FEMALE), ("李四", PartyRole.RESPONDENT, Sex.MALE)]
    assert str(case.amount) == "40000.00"
    assert case.dispute_type is DisputeType.NEIGHBOUR
    assert case.flags


def test_invalid_id_number_blocks_saving_with_message_next_to_field(qtbot, services):
    dialog = open_dialog(qtbot, services)
    fill_case(qtbot, dialog)
    first = dialog.parties[0]
    first.id_number.clear()
    type_text(qtbot, first.id_number, BAD_CHECK_ID)
    # checked as typed
    assert "校验位错误" in first.errors["id_number"].text()
    assert first.errors["id_number"].isVisible()

    click(qtbot, dialog.save_button)

    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.created_case_id is None
    assert services.cases.count() == 0
    label = first.errors["id_number"]
    assert label.isVisible()
    assert "身份证号码校验位错误，应为X" in label.text()
    # the message sits in the same box as the field
    assert label.parentWidget() is first.id_number.parentWidget()


def test_missing_fields_are_shown_next_to_each_field(qtbot, services):
    dialog = open_dialog(qtbot, services)
    click(qtbot, dialog.save_button)
    assert services.cases.count() == 0
    assert dialog.view.errors["dispute_type"].text() == "必须选择"
    assert dialog.view.errors["facts"].text() == "不能为空"
    assert dialog.parties[1].errors["name"].text() == "不能为空"


def test_court_number_appears_and_is_required_for_court_referrals(qtbot, services):
    dialog = open_dialog(qtbot, services)
    fill_case(qtbot, dialog)
    v = dialog.view
    assert not v.court_case_number.isVisible()
    choose(v.source, CaseSource.COURT_DELEGATED)
    assert v.court_case_number.isVisible()
    click(qtbot, dialog.save_button)
    assert services.cases.count() == 0
    assert "必须填写法院案号" in v.errors["court_case_number"].text()
    type_text(qtbot, v.court_case_number, "(2026)鲁0303民诉前调12号")
    click(qtbot, dialog.save_button)
    case = services.cases.get(dialog.created_case_id)
    assert case.court_case_number == "（2026）鲁0303民诉前调12号"


def test_triage_and_related_open_cases_are_shown_before_saving(qtbot, services):
    earlier = register(services, "张三", "王五")
    services.cases.update_details(services.actor, earlier.id, {
        "facts": earlier.facts, "parties": [
            {"role": "applicant", "name": "张三", "id_number": GOOD_ID_A},
            {"role": "respondent", "name": "王五"}]})
    dialog = open_dialog(qtbot, services)
    fill_case(qtbot, dialog)
    click(qtbot, dialog.view.check_button)
    assert dialog.view.triage.text()
    assert earlier.number in dialog.view.related.text()
    assert services.cases.count() == 1  # nothing saved by checking


def test_parties_can_be_added_and_removed_and_organisations_use_credit_codes(qtbot, services):
    dialog = open_dialog(qtbot, services)
    fill_case(qtbot, dialog)
    click(qtbot, dialog.view.add_party_button)
    third = dialog.parties[2]
    assert third.role.value() is PartyRole.THIRD_PARTY
    choose(third.kind, PartyKind.ORGANISATION)
    assert not third.id_number.isVisible() and third.credit_code.isVisible()
    type_text(qtbot, third.name, "某某物业公司")
    type_text(qtbot, third.credit_code, "91350100M000100Y44")  # wrong check character
    assert "校验位不符" in third.errors["credit_code#warning"].text()
    assert not third.errors["credit_code"].text()
    click(qtbot, third.has_agent)
    type_text(qtbot, third.agent_name, "赵律师")
    # remove the second party and add it back as a respondent
    click(qtbot, dialog.parties[1].remove_button)
    assert len(dialog.parties) == 2 and dialog.parties[1] is third
    click(qtbot, dialog.view.add_party_button)
    new = dialog.parties[2]
    choose(new.role, PartyRole.RESPONDENT)
    type_text(qtbot, new.name, "李四")
    click(qtbot, dialog.save_button)  # warning does not block
    case = services.cases.get(dialog.created_case_id)
    org = next(p for p in case.parties if p.kind is PartyKind.ORGANISATION)
    assert org.credit_code == "91350100M000100Y44" and org.agent_name == "赵律师"
    assert [p.name for p in case.parties] == ["张三", "某某物业公司", "李四"]


def test_closing_a_changed_form_asks_first(qtbot, services):
    dialog = open_dialog(qtbot, services)
    type_text(qtbot, dialog.view.facts, "邻里纠纷")
    assert dialog.dirty
    answered = answer_box(qtbot, "discardChangesBox", "keepEditingButton")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert answered and dialog.isVisible()
    answered = answer_box(qtbot, "discardChangesBox", "discardButton")
    dialog.close()
    assert answered and not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_an_untouched_form_closes_without_asking(qtbot, services):
    dialog = open_dialog(qtbot, services)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_ctrl_s_saves(qtbot, services):
    dialog = open_dialog(qtbot, services)
    fill_case(qtbot, dialog)
    qtbot.keyClick(dialog.view.claims, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert services.cases.count() == 1


def test_tab_order_follows_the_form(qtbot, services):
    dialog = open_dialog(qtbot, services)
    dialog.view.source.setFocus()
    seen = []
    for _ in range(60):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        name = QApplication.focusWidget().objectName()
        if not seen or seen[-1] != name:  # a date field takes one Tab per section
            seen.append(name)
    assert seen[:8] == ["dispute_type", "received_on", "title", "amount", "facts", "claims",
                        "flag_risk", "flag_reported_to_police"]
    assert seen.index("name") < seen.index("id_number") < seen.index("phone")


def test_court_number_type_code_warned_next_to_the_field_without_blocking(qtbot, services):
    dialog = open_dialog(qtbot, services)
    fill_case(qtbot, dialog)
    v = dialog.view
    choose(v.source, CaseSource.COURT_DELEGATED)
    type_text(qtbot, v.court_case_number, "(2026)鲁0303民初12号")  # a filed case's number
    dialog.refresh_preview()
    assert v.court_warning.isVisible()
    assert "民诉前调" in v.court_warning.text() and "可以继续保存" in v.court_warning.text()
    assert not v.errors["court_case_number"].isVisible()
    click(qtbot, dialog.save_button)  # a warning does not block
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert services.cases.get(dialog.created_case_id).court_case_number == "（2026）鲁0303民初12号"


def test_court_number_without_court_code_is_an_error(qtbot, services):
    dialog = open_dialog(qtbot, services)
    fill_case(qtbot, dialog)
    v = dialog.view
    choose(v.source, CaseSource.COURT_DELEGATED)
    type_text(qtbot, v.court_case_number, "（2026）民诉前调12号")
    click(qtbot, dialog.save_button)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "法院代字" in v.errors["court_case_number"].text()
    assert services.cases.count() == 0


def test_unknown_id_region_code_warned_next_to_the_id_field(qtbot, services):
    from mediation_desk.domain.validators import id_check_char

    odd = "99010519491231002"
    odd += id_check_char(odd)
    dialog = open_dialog(qtbot, services)
    fill_case(qtbot, dialog)
    first = dialog.parties[0]
    first.id_number.clear()
    type_text(qtbot, first.id_number, odd)
    warning = first.errors["id_number#warning"]
    assert warning.isVisible() and "990105" in warning.text()
    assert not first.errors["id_number"].isVisible()
    click(qtbot, dialog.save_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert services.cases.get(dialog.created_case_id).parties[0].id_number == odd
