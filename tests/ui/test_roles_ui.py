"""What a role may not do it cannot see or press: a mediator has no assigning, settings,
account management, trusting, exporting, importing or restoring; a read-only account presses
nothing that writes. The services refuse anyway (the same rules, docs/permissions.md)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton

from mediation_desk.domain.errors import DomainError
from mediation_desk.domain.state_machine import Action
from mediation_desk.ui.main_window import PAGE_EXCHANGE, PAGE_MEDIATORS, PAGE_SETTINGS, MainWindow
from mediation_desk.ui.permits import REFUSED
from tests.conftest import case_input


def window_for(qtbot, services) -> MainWindow:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    return window


def pressable(button) -> bool:
    return not button.isHidden() and button.isEnabled()


def test_a_mediator_cannot_see_or_press_what_a_director_can(qtbot, team_services):
    director = team_services("测试主任")
    mediator = team_services("周明")
    case = director.cases.register(director.actor, case_input())
    director.cases.accept(director.actor, case.id)
    views = {}
    for name, services in (("director", director), ("mediator", mediator)):
        window = window_for(qtbot, services)
        window.nav.setCurrentRow(PAGE_EXCHANGE)
        window.nav.setCurrentRow(window.page_accounts)
        window.nav.setCurrentRow(PAGE_MEDIATORS)
        window.open_case(case.id)
        detail = window.case_detail(window.case_tabs.count() - 1)
        views[name] = window, detail

    window, detail = views["director"]
    assert not window.nav.item(PAGE_SETTINGS).isHidden()
    assert window.restore_action.isEnabled()
    assert pressable(window.exchange.trust) and window.exchange.import_bundle.isEnabled()
    assert window.mediators.add.isEnabled()
    assert pressable(window.accounts.add_button)
    assert detail.view.action_buttons[Action.ASSIGN].isEnabled()

    window, detail = views["mediator"]
    assert window.nav.item(PAGE_SETTINGS).isHidden()
    assert not window.page_actions[PAGE_SETTINGS].isEnabled()
    assert not window.restore_action.isEnabled()
    assert "中心主任" in window.restore_action.toolTip()
    ex = window.exchange
    for button in (ex.trust, ex.import_bundle, ex.new_own_keys):
        assert not button.isEnabled() and button.property(REFUSED)
    for button in (ex.revoke, ex.change_key_button, ex.export_bundle, ex.keep_local):
        assert button.isHidden()
    assert not window.mediators.add.isEnabled() and window.mediators.edit.isHidden()
    accounts = window.accounts
    assert accounts.add_button.isHidden() and accounts.reset_button.isHidden()
    assert pressable(accounts.own_button)  # everyone changes their own password
    assert [a.name for a in accounts.model.rows] == ["周明"]
    assign = detail.view.action_buttons[Action.ASSIGN]
    assert not assign.isEnabled() and "中心主任" in assign.toolTip()
    assert window.new_case_action.isEnabled()  # a mediator registers new cases

    # the services refuse anyway
    with pytest.raises(DomainError, match="中心主任"):
        mediator.cases.assign(mediator.actor, case.id, [mediator.account.mediator_id])
    with pytest.raises(DomainError):
        mediator.save_settings(mediator.load_settings())


def test_a_read_only_account_presses_nothing_that_writes(qtbot, team_services):
    director = team_services("测试主任")
    readonly = team_services("检查员")
    case = director.cases.register(director.actor, case_input())
    director.cases.accept(director.actor, case.id)
    window = window_for(qtbot, readonly)
    assert not window.new_case_action.isEnabled() and not window.cases.new_case.isEnabled()
    assert "只读" in window.cases.new_case.toolTip()
    assert window.nav.item(PAGE_SETTINGS).isHidden()
    window.open_case(case.id)
    detail = window.case_detail(window.case_tabs.count() - 1)
    assert not any(b.isEnabled() for b in detail.view.action_buttons.values())
    assert detail.view.overview.save_button.isHidden()
    assert not detail.view.attachments.add_button.isEnabled()
    assert detail.documents.generate_button.isHidden()
    table = detail.view.parties.table
    reveals = [table.cellWidget(r, detail.view.parties.COL_REVEAL) for r in range(table.rowCount())]
    assert reveals and all(isinstance(b, QPushButton) and not b.isEnabled() for b in reveals)
    window.nav.setCurrentRow(PAGE_EXCHANGE)
    ex = window.exchange
    assert not any(pressable(b) for b in (ex.trust, ex.import_bundle, ex.new_own_keys, ex.revoke,
                                          ex.export_bundle, ex.change_key_button))
    with pytest.raises(DomainError, match="只读"):
        readonly.cases.register(readonly.actor, case_input())
