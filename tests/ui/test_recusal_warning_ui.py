"""The case header warns when a mediator was assigned despite a recusal ground (回避), as
the director did it in the assign dialog; a later assignment without one ends the warning."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mediation_desk.domain.enums import RelationKind
from mediation_desk.domain.models import DeclaredRelation
from mediation_desk.domain.state_machine import Action
from tests.conftest import case_input
from tests.ui.case_helpers import add_mediator
from tests.ui.conftest import type_text
from tests.ui.test_case_detail import open_page, save, start


def test_an_overridden_recusal_ground_is_warned_in_the_header(qtbot, services):
    case = services.cases.register(services.actor, case_input())
    services.cases.accept(services.actor, case.id)
    relative = add_mediator(services, "张伟", relations=[
        DeclaredRelation(person_name="张三", kind=RelationKind.NEAR_RELATIVE)])
    other = add_mediator(services, "李华")
    page = open_page(qtbot, services, case.id)
    warning = page.view.recusal_warning
    assert not warning.isVisible()

    assign = start(qtbot, page, Action.ASSIGN)
    assign.table.setFocus()
    assign.table.setCurrentCell(assign.row_of(relative.id), 0)
    qtbot.keyClick(assign.table, Qt.Key.Key_Space)
    type_text(qtbot, assign.override_reason, "双方当事人知情并同意由其调解")
    save(qtbot, assign)
    assert services.cases.get(case.id).mediator_ids == [relative.id]
    assert warning.isVisible()
    text = warning.text()
    assert text.startswith("⚠ 存在回避事由仍予指派")
    assert "与当事人张三系近亲属（回避事由：近亲属）" in text
    assert "调解员：张伟" in text and f"指派人：{services.actor}" in text
    assert "理由：双方当事人知情并同意由其调解" in text
    assert "双方同意" in warning.toolTip()
    assert warning.parentWidget().objectName() == "caseHeader"

    # reassigned to a mediator without a ground: the warning goes
    services.cases.assign(services.actor, case.id, [other.id])
    page.reload()
    assert not warning.isVisible() and warning.text() == ""


def test_no_warning_without_an_override(qtbot, services):
    case = services.cases.register(services.actor, case_input())
    services.cases.accept(services.actor, case.id)
    services.cases.assign(services.actor, case.id, [add_mediator(services).id])
    page = open_page(qtbot, services, case.id)
    assert not page.view.recusal_warning.isVisible()
