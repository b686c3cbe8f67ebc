"""The case page's recording forms, used like a mediator would: a session with its result,
the undisputed facts every party confirms (refused once the case is fully agreed)."""

from __future__ import annotations

from mediation_desk.domain.enums import EndReason, EventKind
from mediation_desk.domain.state_machine import Action
from mediation_desk.services.mediation import AgreementInput
from tests.conftest import case_input
from tests.ui.case_helpers import add_mediator, click
from tests.ui.conftest import type_text
from tests.ui.test_case_detail import open_page, save, start


def _mediating(services):
    case = services.cases.register(services.actor, case_input())
    services.cases.accept(services.actor, case.id)
    services.cases.assign(services.actor, case.id, [add_mediator(services).id])
    return case


def test_a_session_records_its_result(qtbot, services):
    case = _mediating(services)
    page = open_page(qtbot, services, case.id)
    form = start(qtbot, page, Action.RECORD_SESSION)
    type_text(qtbot, form.inputs["notes"], "双方分别陈述。")
    type_text(qtbot, form.inputs["result"], "同意三日内清理杂物。")
    save(qtbot, form)
    [ev] = [e for e in services.cases.events(case.id) if e.kind is EventKind.SESSION]
    assert ev.data["result"] == "同意三日内清理杂物。" and ev.actor == services.actor


def test_undisputed_facts_need_every_party_then_show_on_the_timeline(qtbot, services):
    case = _mediating(services)
    services.cases.terminate(services.actor, case.id, reason=EndReason.GAP_TOO_LARGE)
    page = open_page(qtbot, services, case.id)
    form = start(qtbot, page, Action.RECORD_UNDISPUTED_FACTS)
    type_text(qtbot, form.inputs["facts"], "通道宽1.2米，杂物系李四堆放。")
    boxes = list(form.inputs["confirming_party_ids"].values())
    assert len(boxes) == 2
    click(qtbot, boxes[0])
    save(qtbot, form)
    assert form.isVisible() and "李四" in form.errors["confirming_party_ids"].text()
    assert not [e for e in services.cases.events(case.id)
                if e.kind is EventKind.UNDISPUTED_FACTS]
    click(qtbot, boxes[1])
    save(qtbot, form)
    [ev] = [e for e in services.cases.events(case.id) if e.kind is EventKind.UNDISPUTED_FACTS]
    assert ev.notes == "通道宽1.2米，杂物系李四堆放。"
    timeline = page.view.timeline.table
    rows = ["|".join(timeline.item(r, c).text() for c in range(timeline.columnCount()))
            for r in range(timeline.rowCount())]
    assert any("无争议事实" in r and "杂物系李四堆放" in r for r in rows)


def test_a_fully_agreed_case_offers_no_undisputed_facts(qtbot, services):
    case = _mediating(services)
    services.cases.record_agreement(services.actor, case.id, AgreementInput(
        clauses=["李四清理杂物。"]))
    page = open_page(qtbot, services, case.id)
    button = page.view.action_buttons[Action.RECORD_UNDISPUTED_FACTS]
    assert not button.isEnabled() and "已全部达成调解协议" in button.toolTip()
