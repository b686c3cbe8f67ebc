"""A form whose case was changed elsewhere meanwhile refuses to save over it and keeps
what the user typed."""

from __future__ import annotations

from mediation_desk.domain.enums import CaseStatus
from mediation_desk.domain.state_machine import Action
from mediation_desk.services.cases import CaseService
from mediation_desk.storage.store import Store
from tests.conftest import case_input
from tests.ui.case_helpers import click
from tests.ui.conftest import type_text
from tests.ui.test_case_detail import open_page, start


def test_a_stale_form_is_refused_and_keeps_the_text(qtbot, services):
    c = services.cases.register("测试员", case_input())
    page = open_page(qtbot, services, c.id)
    form = start(qtbot, page, Action.NOT_ACCEPT)
    type_text(qtbot, form.inputs["reason"], "申请人撤回申请")
    # meanwhile another program edits the case (its own connection, its own audit name)
    other = Store.open(services.db_path, key=services.key)
    try:
        CaseService(other).update_details("李调解员", c.id, dict(case_input(), title="别处改过"))
    finally:
        other.close()
    click(qtbot, form.save_button)
    assert form.isVisible()
    shown = form.general_error.text()
    assert "已在别处被修改" in shown and "李调解员" in shown and "请刷新后重做" in shown
    assert form.inputs["reason"].toPlainText() == "申请人撤回申请"
    assert services.cases.get(c.id).status is CaseStatus.REGISTERED
    form._dirty = False  # leave without the "discard your edits?" question
    form.reject()
