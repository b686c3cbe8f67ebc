"""The structured 笔录 (记录调解), used like a mediator would: participants ticked from the
case's parties and mediators plus others, the recorder shown, 调解经过 and 调解结果; saved in
the background with the form visibly busy; refusals beside their field."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from mediation_desk.domain.enums import EndReason, EventKind
from mediation_desk.domain.state_machine import Action
from mediation_desk.ui.dialogs.session_record_dialog import SessionRecordDialog
from tests.conftest import case_input, party
from tests.documents.conftest import pdf_text
from tests.ui.case_helpers import add_mediator, click
from tests.ui.conftest import type_text
from tests.ui.test_case_detail import open_page, save, start


def _mediating(services):
    case = services.cases.register(services.actor, case_input(parties=[
        party("applicant", "张三", "11010519491231002X", "13812341234",
              agent={"name": "张小明", "relation": "儿子"}),
        party("respondent", "李四", "440524188001010014")]))
    services.cases.accept(services.actor, case.id)
    services.cases.assign(services.actor, case.id, [add_mediator(services, "周明").id])
    return services.cases.get(case.id)


def _sessions(services, case_id):
    return [e for e in services.cases.events(case_id) if e.kind is EventKind.SESSION]


def test_a_session_recorded_with_picked_participants(qtbot, services):
    case = _mediating(services)
    page = open_page(qtbot, services, case.id)
    form = start(qtbot, page, Action.RECORD_SESSION)
    assert isinstance(form, SessionRecordDialog)
    assert form.recorder.text() == services.actor  # shown, not typed
    labels = [check.text() for _name, check in form.attendees.values()]
    assert labels == ["张三（申请人）", "张小明（张三的代理人）", "李四（被申请人）",
                      "周明（调解员）"]
    type_text(qtbot, form.place, "村委会调解室")
    for key in ("party", "agent"):
        click(qtbot, form.attendees[f"{key}:{case.parties[0].id}"][1])
    click(qtbot, form.attendees[f"party:{case.parties[1].id}"][1])
    click(qtbot, form.attendees[f"mediator:{case.mediator_ids[0]}"][1])
    type_text(qtbot, form.others, "村委会主任王五")
    # nothing written yet: the message beside 调解经过, and it goes as soon as one types
    save(qtbot, form)
    error = form.errors["notes"]
    assert form.isVisible() and error.isVisible() and error.text() == "请填写记录内容"
    assert _sessions(services, case.id) == []
    form._dirty = False  # closing without the "discard your edits?" question
    form.reject()
    type_text(qtbot, form.notes, "告知权利义务后双方分别陈述。")
    assert not error.isVisible()
    type_text(qtbot, form.result_edit, "双方同意三日内清理通道杂物。")
    save(qtbot, form)
    assert not form.isVisible()

    [ev] = _sessions(services, case.id)
    assert ev.participants == "张三、张小明、李四、周明、村委会主任王五"
    assert ev.place == "村委会调解室" and ev.actor == services.actor
    assert ev.notes == "告知权利义务后双方分别陈述。"
    assert ev.data["result"] == "双方同意三日内清理通道杂物。"
    timeline = page.view.timeline.table
    rows = ["|".join(timeline.item(r, c).text() for c in range(timeline.columnCount()))
            for r in range(timeline.rowCount())]
    assert any("村委会主任王五" in r and "双方分别陈述" in r for r in rows)
    # the printed 调解记录 carries who took part, the recorder and the result
    tab = page.documents
    page.view.tabs.setCurrentWidget(tab)
    tab.select_kind("session_record")
    click(qtbot, tab.generate_button)
    text = pdf_text(tab.document.pdf)
    assert "张三、张小明、李四、周明、村委会主任王五" in text
    assert f"记录人{services.actor}" in text
    assert "调解结果：双方同意三日内清理通道杂物。" in text


def test_saving_runs_in_the_background_with_the_form_busy(qtbot, services):
    case = _mediating(services)
    page = open_page(qtbot, services, case.id)
    form = start(qtbot, page, Action.RECORD_SESSION)
    type_text(qtbot, form.notes, "双方分别陈述。")
    services.tasks.synchronous = False  # the running application's path: a real queue
    gate = threading.Event()
    services.door.submit(lambda: gate.wait(60), lambda _ok, _v: None)  # the database is busy
    after: list[tuple[bool, bool, bool]] = []
    form.accepted.connect(lambda: after.append((form.busy_row.isVisible(),
                                                form.save_button.isEnabled(),
                                                form.cancel_button.isEnabled())))
    try:
        save(qtbot, form)
        assert form.isVisible() and form.saving
        assert form.busy_row.isVisible() and form.progress_label.text() == "正在保存…"
        assert not form.save_button.isEnabled() and not form.notes.isEnabled()
        assert not form.cancel_button.isEnabled()
        qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(form, Qt.Key.Key_Escape)  # neither saves twice nor hides the outcome
        assert form.isVisible()
        with qtbot.waitSignal(form.accepted):
            gate.set()  # the database is free: the record is written, the form closes
    finally:
        gate.set()
        services.tasks.synchronous = True
    assert after == [(False, True, True)]
    assert len(_sessions(services, case.id)) == 1


def test_a_refusal_comes_back_beside_the_form_and_saving_can_resume(qtbot, services):
    case = _mediating(services)
    page = open_page(qtbot, services, case.id)
    form = start(qtbot, page, Action.RECORD_SESSION)
    type_text(qtbot, form.notes, "双方分别陈述。")
    # the case was ended elsewhere meanwhile (the form's version is out of date)
    services.cases.terminate(services.actor, case.id, reason=EndReason.GAP_TOO_LARGE)
    save(qtbot, form)
    assert form.isVisible() and not form.saving and form.save_button.isEnabled()
    message = form.general_error.text()
    assert form.general_error.isVisible() and "已在别处被修改" in message
    assert "Traceback" not in message
    assert form.notes.toPlainText() == "双方分别陈述。"  # what was typed is kept
    assert _sessions(services, case.id) == []
    form._dirty = False  # closing without the "discard your edits?" question
    form.reject()


def test_the_tab_order_is_the_documented_one(qtbot, services):
    from PySide6.QtWidgets import QApplication

    case = _mediating(services)
    page = open_page(qtbot, services, case.id)
    form = start(qtbot, page, Action.RECORD_SESSION)
    chain = [form.when, form.place, *(check for _n, check in form.attendees.values()),
             form.others, form.notes, form.result_edit, form.save_button, form.cancel_button]
    qtbot.waitUntil(form.isActiveWindow)
    assert QApplication.focusWidget() is form.when  # the form opens at its first field
    seen = [form.when]
    for _ in chain[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert [w.objectName() for w in seen] == [w.objectName() for w in chain]
    assert seen == chain
    # a participant is ticked with the space bar, and Esc closes an untouched form
    form.attendees[f"party:{case.parties[0].id}"][1].setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert form.values()["participants"] == "张三"
    form._dirty = False
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible()
