"""Keyboard-first (issue 15, item 2): the Tab order of the registration form, Tab leaving the
date filters, the search box to the results and back, a shortcut for every page, Esc, and a
case registered from the main window without touching the mouse (docs/keyboard.md)."""

from __future__ import annotations

from PySide6.QtCore import Qt as QtNs
from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from mediation_desk.domain.enums import DisputeType, PartyRole
from mediation_desk.ui.dialogs.register_case import RegisterCaseDialog
from tests.ui.case_helpers import answer_box
from tests.ui.conftest import type_text
from tests.ui.helpers import register

Key = QtNs.Key
CTRL = QtNs.KeyboardModifier.ControlModifier
SHIFT = QtNs.KeyboardModifier.ShiftModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot, key, modifier=QtNs.KeyboardModifier.NoModifier) -> QWidget:
    """One key on whatever has the focus (as the keyboard sends it); the new focus."""
    qtbot.keyClick(focused(), key, modifier)
    return focused()


def tab_to(qtbot, target: QWidget, limit: int = 80) -> int:
    """Press Tab until ``target`` has the focus (fails after ``limit``); the presses."""
    for presses in range(1, limit + 1):
        if press(qtbot, Key.Key_Tab) is target:
            return presses
    raise AssertionError(f"Tab never reached {target.objectName()!r}")


def open_dialog(qtbot, services) -> RegisterCaseDialog:
    dialog = RegisterCaseDialog(services)
    qtbot.addWidget(dialog, before_close_func=lambda d: setattr(d, "_dirty", False))
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def shown_window(qtbot, services):
    from mediation_desk.ui.main_window import MainWindow

    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.start()
    return window


def expected_chain(dialog: RegisterCaseDialog) -> list[QWidget]:
    """The documented order (register_case_view.py's docstring): the case fields, each
    party's fields, 添加当事人, 检查, 保存, 取消 - only what is shown and enabled."""
    v = dialog.view
    chain: list[QWidget] = [v.source, v.court_case_number, v.dispute_type, v.received_on,
                            v.title, v.amount.edit, v.facts, v.claims, *v.flags.values()]
    for editor in dialog.parties:
        chain += editor.focus_chain()
    chain += [v.add_party_button, v.check_button, dialog.save_button, dialog.cancel_button]
    return [w for w in chain if w.isVisibleTo(dialog) and w.isEnabled()
            and w.focusPolicy() & QtNs.FocusPolicy.TabFocus]


def test_registration_tab_order_is_the_documented_one_both_ways(qtbot, services):
    dialog = open_dialog(qtbot, services)
    chain = expected_chain(dialog)
    assert chain[0] is dialog.view.source and dialog.view.court_case_number not in chain
    dialog.view.source.setFocus()
    forward = [focused()] + [press(qtbot, Key.Key_Tab) for _ in chain[1:]]
    assert [w.objectName() for w in forward] == [w.objectName() for w in chain]
    assert forward == chain  # one Tab per field: the date takes one, not one per section
    backward = [focused()] + [press(qtbot, Key.Key_Backtab) for _ in chain[1:]]
    assert backward == chain[::-1]


def test_registration_tab_order_includes_the_court_number_for_court_sources(qtbot, services):
    dialog = open_dialog(qtbot, services)
    v = dialog.view
    v.source.setFocus()
    while not (v.source.value() and v.source.value().court_related):
        press(qtbot, Key.Key_Down)  # the combo's next source, no popup, no mouse
    assert press(qtbot, Key.Key_Tab) is v.court_case_number
    assert press(qtbot, Key.Key_Tab) is v.dispute_type
    # an added party joins the chain before 添加当事人
    v.add_party_button.setFocus()
    press(qtbot, Key.Key_Space)
    assert len(dialog.parties) == 3
    assert focused() is dialog.parties[2].name
    assert expected_chain(dialog).index(dialog.parties[2].name) < \
        expected_chain(dialog).index(v.add_party_button)


def test_date_filters_do_not_trap_tab(qtbot, services):
    window = shown_window(qtbot, services)
    press(qtbot, Key.Key_2, CTRL)
    cases = window.cases
    cases.received_from.setFocus()
    assert press(qtbot, Key.Key_Tab) is cases.received_to  # blank (「从」): leaves at once
    assert press(qtbot, Key.Key_Tab) is cases.clear
    assert press(qtbot, Key.Key_Backtab) is cases.received_to
    assert press(qtbot, Key.Key_Backtab) is cases.received_from
    press(qtbot, Key.Key_Up)  # a date is set now: still one Tab, the sections by Left/Right
    assert cases.received_from.date() != cases.received_from.minimumDate()
    assert press(qtbot, Key.Key_Tab) is cases.received_to
    assert press(qtbot, Key.Key_Backtab) is cases.received_from


def test_case_list_tab_order_is_the_documented_one(qtbot, services):
    window = shown_window(qtbot, services)
    press(qtbot, Key.Key_2, CTRL)
    c = window.cases
    chain = [c.search, c.table, c.new_case, *c.ledger_buttons, c.status, c.deadline,
             c.dispute_type, c.source, c.mediator, c.flag, c.received_from, c.received_to,
             c.clear]  # 中心 only on a court desk
    c.search.setFocus()
    assert [focused()] + [press(qtbot, Key.Key_Tab) for _ in chain[1:]] == chain
    assert [focused()] + [press(qtbot, Key.Key_Backtab) for _ in chain[1:]] == chain[::-1]


def test_search_box_to_results_and_back(qtbot, services):
    a = register(services, "王芳", "李强")
    register(services, "赵敏", "钱进")
    window = shown_window(qtbot, services)
    cases = window.cases
    press(qtbot, Key.Key_F, CTRL)
    assert focused() is cases.search
    # Down: into the results, the first row current
    assert press(qtbot, Key.Key_Down) is cases.table
    assert cases.table.currentIndex().row() == 0
    # Esc: back to the search box, its text selected for retyping
    assert press(qtbot, Key.Key_Escape) is cases.search
    type_text(qtbot, cases.search, "王芳")
    # Enter: searches now and goes to the first result; Enter there opens it
    assert press(qtbot, Key.Key_Return) is cases.table
    assert cases.model.rowCount() == 1
    assert cases.table.currentIndex().row() == 0
    # Shift+Tab goes back too; Tab from the search enters the results
    assert press(qtbot, Key.Key_Backtab) is cases.search
    assert press(qtbot, Key.Key_Tab) is cases.table
    press(qtbot, Key.Key_Return)
    assert window.case_tabs.count() == 2
    assert window.case_tabs.tabText(1) == a.number


def check_page_shortcuts(qtbot, window, pages: dict) -> None:
    shown = [row for row in range(window.nav.count()) if not window.nav.item(row).isHidden()]
    assert sorted(pages.values()) == shown  # every page in the navigation, once
    for key, page in [*pages.items(), (Key.Key_1, 0)]:
        press(qtbot, key, CTRL)
        assert window.stack.currentIndex() == page, key
        assert window.nav.currentRow() == page
    # each shortcut is written in the View menu beside its page's name
    in_menu = {a.shortcut().toString() for a in window.view_menu.actions() if a.isEnabled()}
    assert {QKeySequence(CTRL | key).toString() for key in pages} <= in_menu
    # and in the tooltip of the page's entry in the navigation
    native = QKeySequence.SequenceFormat.NativeText
    assert {window.nav.item(page).toolTip(): page for page in pages.values()} == {
        QKeySequence(CTRL | key).toString(native): page for key, page in pages.items()}


def test_every_page_has_a_shortcut(qtbot, services):
    from mediation_desk.ui import main_window as mw

    window = shown_window(qtbot, services)
    check_page_shortcuts(qtbot, window, {
        Key.Key_1: mw.PAGE_DASHBOARD, Key.Key_2: mw.PAGE_CASES, Key.Key_3: mw.PAGE_MEDIATORS,
        Key.Key_4: mw.PAGE_SETTINGS, Key.Key_5: window.page_statistics,
        Key.Key_6: mw.PAGE_EXCHANGE, Key.Key_7: window.page_accounts,
        Key.Key_9: window.page_my_work})


def test_court_desk_has_ctrl_8_for_the_court_page(qtbot, tmp_path, qapp):
    from mediation_desk.ui import main_window as mw
    from mediation_desk.ui.context import Services
    from mediation_desk.ui.tasks import TaskRunner
    from tests.exchange.helpers import ACTOR, make_desk

    court = make_desk(tmp_path, "court01", "court")
    path = court.path
    court.close()
    services = Services.open(path, TaskRunner(synchronous=True), actor=ACTOR)
    try:
        window = shown_window(qtbot, services)
        assert window.court is not None
        check_page_shortcuts(qtbot, window, {
            Key.Key_1: mw.PAGE_DASHBOARD, Key.Key_2: mw.PAGE_CASES,
            Key.Key_4: mw.PAGE_SETTINGS, Key.Key_5: window.page_statistics,
            Key.Key_6: mw.PAGE_EXCHANGE, Key.Key_7: window.page_accounts,
            Key.Key_8: mw.PAGE_COURT})  # no 调解员 page on a court desk
    finally:
        for w in QApplication.topLevelWidgets():
            w.close()
        QApplication.processEvents()
        services.close()


def test_esc_closes_dialogs_and_asks_first_when_edited(qtbot, services):
    dialog = open_dialog(qtbot, services)
    qtbot.keyClick(focused(), Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()

    dialog = open_dialog(qtbot, services)
    type_text(qtbot, dialog.view.title, "xyz")
    seen = answer_box(qtbot, "discardChangesBox", "keepEditingButton")
    qtbot.keyClick(dialog.view.title, Key.Key_Escape)
    qtbot.waitUntil(lambda: bool(seen))
    assert dialog.isVisible()  # kept: the typing is not lost to a stray Esc
    seen = answer_box(qtbot, "discardChangesBox", "discardButton")
    qtbot.keyClick(dialog.view.title, Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_keyboard_only_registration_journey(qtbot, services):
    """Ctrl+N, Tab/arrows/typing only, Ctrl+S: the case is saved and opens in its tab."""
    window = shown_window(qtbot, services)
    journey: list[str] = []
    failed: list[BaseException] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RegisterCaseDialog) or not dialog.isActiveWindow():
            QTimer.singleShot(20, fill)
            return
        try:
            fill_in(dialog)
        except BaseException as exc:  # the dialog's exec() must end for the test to report
            failed.append(exc)
            dialog._dirty = False
            dialog.reject()

    def fill_in(dialog: RegisterCaseDialog) -> None:
        v = dialog.view
        journey.append("opened")
        assert focused() is v.source
        tab_to(qtbot, v.dispute_type)
        while v.dispute_type.value() is not DisputeType.NEIGHBOUR:
            press(qtbot, Key.Key_Down)
        tab_to(qtbot, v.amount.edit)
        qtbot.keyClicks(focused(), "abc")
        assert v.errors["amount"].text() and not v.amount.capital.isVisible()  # said once
        for _ in range(3):
            press(qtbot, Key.Key_Backspace)
        qtbot.keyClicks(focused(), "30000")
        assert "叁万元整" in v.amount.capital.text() and not v.errors["amount"].isVisible()
        tab_to(qtbot, v.facts)
        type_text(qtbot, focused(), "邻居在通道堆放杂物，双方发生争执。")
        first_flag = next(iter(v.flags.values()))
        tab_to(qtbot, first_flag)
        press(qtbot, Key.Key_Space)
        applicant, respondent = dialog.parties
        tab_to(qtbot, applicant.name)
        type_text(qtbot, focused(), "张三")
        tab_to(qtbot, applicant.id_number)
        qtbot.keyClicks(focused(), "11010519491231002X")
        tab_to(qtbot, applicant.phone)
        qtbot.keyClicks(focused(), "13812341234")
        tab_to(qtbot, respondent.name)
        type_text(qtbot, focused(), "李四")
        tab_to(qtbot, dialog.save_button)
        journey.append("saving")
        qtbot.keyClick(dialog.save_button, Key.Key_S, CTRL)

    QTimer.singleShot(0, fill)
    qtbot.keyClick(focused(), Key.Key_N, CTRL)  # exec(): returns once the dialog is done
    if failed:
        raise failed[0]
    assert journey == ["opened", "saving"]
    assert services.cases.count() == 1
    case = services.cases.get(window.case_tabs.widget(1).property("case_id"))
    assert case.dispute_type is DisputeType.NEIGHBOUR and str(case.amount) == "30000.00"
    assert case.flags
    assert [(p.name, p.role) for p in case.parties] == [("张三", PartyRole.APPLICANT),
                                                        ("李四", PartyRole.RESPONDENT)]
    assert window.case_tabs.currentIndex() == 1  # the new case is open in its tab


def visible_texts_with(dialog: QWidget, fragment: str) -> list[str]:
    from PySide6.QtWidgets import QLabel

    return [w.text() for w in dialog.findChildren(QLabel)
            if w.isVisibleTo(dialog) and fragment in w.text()]


def test_registration_errors_said_once_no_jumps_focus_kept(qtbot, services, monkeypatch):
    from mediation_desk.domain.errors import ValidationError

    dialog = open_dialog(qtbot, services)
    v = dialog.view
    type_text(qtbot, v.amount.edit, "abc")
    message = v.errors["amount"].text()
    assert message and len(visible_texts_with(dialog, message)) == 1  # once, under the field
    assert not v.amount.capital.isVisible()
    dialog.save_button.click()  # missing fields: every error beside its field
    assert v.errors["facts"].isVisible() and v.errors["dispute_type"].isVisible()
    assert len(visible_texts_with(dialog, message)) == 1  # still once after the attempt
    QApplication.processEvents()  # the layout settles
    below = v.claims.mapTo(dialog, v.claims.rect().topLeft())
    # correcting: errors clear as typed, the form does not move under the pen
    type_text(qtbot, v.facts, "双方因通道堆放杂物发生争议。")
    dialog.refresh_preview()  # what the typing pause fires
    assert not v.errors["facts"].isVisible()
    v.amount.edit.clear()
    type_text(qtbot, v.amount.edit, "500")
    dialog.refresh_preview()
    assert not v.errors["amount"].isVisible() and "伍佰元整" in v.amount.capital.text()
    QApplication.processEvents()
    assert v.claims.mapTo(dialog, v.claims.rect().topLeft()) == below
    # a check that fails while typing shows its message but leaves the focus where it is
    v.title.setFocus()
    monkeypatch.setattr(services.cases, "preview", lambda data: (_ for _ in ()).throw(
        ValidationError({"amount": ["金额过大"]})))
    type_text(qtbot, v.title, "x")
    dialog.refresh_preview()
    assert "金额过大" in v.errors["amount"].text()
    assert focused() is v.title
