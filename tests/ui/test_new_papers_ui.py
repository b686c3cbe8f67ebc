"""The papers issue 13 added (送达地址确认书 … 调解终结报告) in the 文书 tab and the blank forms."""

from __future__ import annotations

from tests.ui.case_helpers import add_mediator, click
from tests.ui.helpers import register
from tests.ui.test_documents import open_documents

NEW = {"service_address": "送达地址确认书", "service_receipt": "送达回证",
       "power_of_attorney": "授权委托书", "extension_consent": "延期调解同意书",
       "recusal_decision": "人民调解员回避决定书", "transfer_letter": "案件材料移送函",
       "closing_report": "调解终结报告"}


def _listed(combo) -> dict[str, str]:
    return {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}


def test_the_case_documents_list_the_new_papers(qtbot, services):
    case = register(services, "张三", "李四")
    _page, tab = open_documents(qtbot, services, case.id)
    listed = _listed(tab.kind)
    for kind, title in NEW.items():
        assert listed.get(kind) == title


def test_the_blank_forms_list_the_new_papers_and_print_one(qtbot, services):
    from mediation_desk.ui.dialogs.blank_forms import BlankFormsDialog

    dialog = BlankFormsDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    forms = dialog.forms
    listed = _listed(forms.kind)
    assert all(listed.get(k) == t for k, t in NEW.items())
    forms.select_kind("extension_consent")
    click(qtbot, forms.generate_button)
    assert forms.document is not None
    assert forms.document.filename == "延期调解同意书（空白）.pdf"
    assert not forms.error.isVisible()


def test_a_paper_the_case_cannot_have_is_refused_naming_the_parties(qtbot, services):
    case = register(services, "王五", "赵六")
    _page, tab = open_documents(qtbot, services, case.id)
    tab.select_kind("power_of_attorney")
    click(qtbot, tab.generate_button)
    assert tab.document is None and tab.error.isVisible()
    message = tab.error.text()
    assert "王五" in message and "赵六" in message and "委托代理人" in message
    assert "Traceback" not in message
    assert tab.register.rowCount() == 0


def test_a_new_paper_is_generated_and_registered(qtbot, services):
    cs = services.cases
    case = register(services, "张三", "李四")
    cs.accept(services.actor, case.id)
    cs.assign(services.actor, case.id, [add_mediator(services).id])
    case = cs.get(case.id)
    cs.extend(services.actor, case.id, days=10, consenting_party_ids=[p.id for p in case.parties])
    _page, tab = open_documents(qtbot, services, case.id)
    tab.select_kind("extension_consent")
    click(qtbot, tab.generate_button)
    doc = tab.document
    assert doc is not None and doc.kind == "extension_consent" and not tab.error.isVisible()
    assert tab.register.rowCount() == 1
    assert tab.register.item(0, 0).text() == "延期调解同意书"
