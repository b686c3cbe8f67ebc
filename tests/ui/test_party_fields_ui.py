"""民族 and 职业 on the registration form, used like a mediator would: typed and picked,
refused beside the field when not one of the 56 names, saved, shown on the case page and
printed on the 协议书."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from mediation_desk.domain.party_fields import ETHNIC_GROUPS
from mediation_desk.services.mediation import AgreementInput
from tests.documents.conftest import pdf_text
from tests.ui.case_helpers import add_mediator, click
from tests.ui.conftest import type_text
from tests.ui.test_case_detail import open_page
from tests.ui.test_register_case import fill_case, open_dialog


def test_registration_with_ethnicity_and_occupation_saved_shown_and_printed(qtbot, services):
    dialog = open_dialog(qtbot, services)
    fill_case(qtbot, dialog)
    first, second = dialog.parties
    combo = first.ethnicity
    assert [combo.itemText(i) for i in range(combo.count())] == list(ETHNIC_GROUPS)
    assert combo.itemText(0) == "汉族" and combo.currentText() == ""
    # part of a name, then the field is left: the error beside it, in Chinese
    type_text(qtbot, combo.lineEdit(), "维吾")
    qtbot.keyClick(combo, Qt.Key.Key_Tab)
    error = first.errors["ethnicity"]
    assert error.isVisible() and "“维吾”不是我国56个民族的名称之一" in error.text()
    # typing on to a valid name clears it at once (no stale message)
    type_text(qtbot, combo.lineEdit(), "尔")
    assert combo.currentText() == "维吾尔" and not error.isVisible()
    # what is not on the way to any of the 56 names cannot be typed at all
    type_text(qtbot, combo.lineEdit(), "火星")
    assert combo.currentText() == "维吾尔"
    qtbot.keyClick(combo, Qt.Key.Key_Tab)
    assert combo.currentText() == "维吾尔族"  # the short form shown as the official name
    type_text(qtbot, first.occupation.lineEdit(), "农民")
    # the second party picks from the lists (回族, 个体工商户)
    second.ethnicity.setFocus()
    second.ethnicity.setCurrentIndex(second.ethnicity.findText("回族"))
    second.occupation.setCurrentIndex(second.occupation.findText("个体工商户"))
    assert first.focus_chain().index(first.ethnicity) == first.focus_chain().index(
        first.birth_date) + 1

    click(qtbot, dialog.save_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    case = services.cases.get(dialog.created_case_id)
    stored = {p.name: (p.ethnicity, p.occupation) for p in case.parties}
    assert stored == {"张三": ("维吾尔族", "农民"), "李四": ("回族", "个体工商户")}

    services.cases.accept(services.actor, case.id)
    services.cases.assign(services.actor, case.id, [add_mediator(services).id])
    services.cases.record_agreement(services.actor, case.id,
                                    AgreementInput(clauses=["李四清理通道杂物。"]))
    page = open_page(qtbot, services, case.id)
    table = page.view.parties.table
    names = [table.item(r, 2).text() for r in range(table.rowCount())]
    assert names == ["张三（维吾尔族，农民）", "李四（回族，个体工商户）"]
    tab = page.documents
    page.view.tabs.setCurrentWidget(tab)
    tab.select_kind("agreement")
    click(qtbot, tab.generate_button)
    assert tab.document is not None
    text = pdf_text(tab.document.pdf)
    assert "张三，女，维吾尔族" in text and "农民" in text
    assert "李四，男，回族" in text and "个体工商户" in text


def test_an_organisation_has_no_ethnicity_row(qtbot, services):
    from mediation_desk.domain.enums import PartyKind

    dialog = open_dialog(qtbot, services)
    editor = dialog.parties[1]
    assert editor.ethnicity.isVisibleTo(dialog)
    editor.kind.setCurrentIndex(editor.kind.findData(PartyKind.ORGANISATION.value))
    assert not editor.ethnicity.isVisibleTo(dialog)
    assert not editor.occupation.isVisibleTo(dialog)
    assert "ethnicity" not in editor.data()
