"""The mediator roster: add one through the dialog, then deactivate them."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from mediation_desk.domain.enums import DisputeType
from mediation_desk.ui.dialogs.mediator_dialog import MediatorDialog
from mediation_desk.ui.pages.mediators_page import MediatorsPage
from tests.ui.conftest import type_text


def fill_dialog(qtbot, done: list) -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, MediatorDialog)
    type_text(qtbot, dialog.name, "刘洋")
    qtbot.keyClicks(dialog.phone, "13912345678")
    item = dialog.specialties.item(list(DisputeType).index(DisputeType.NEIGHBOUR))
    item.setCheckState(Qt.CheckState.Checked)
    type_text(qtbot, dialog.villages, "马尚村、湖田村")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    done.append(True)


def test_add_then_deactivate_mediator(qtbot, services):
    page = MediatorsPage(services)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.model.rowCount() == 0

    done: list = []
    QTimer.singleShot(0, lambda: fill_dialog(qtbot, done))
    page.add.click()
    assert done
    roster = services.mediators.roster()
    assert [m.name for m, _ in roster] == ["刘洋"]
    m = roster[0][0]
    assert m.specialties == [DisputeType.NEIGHBOUR] and m.villages == ["马尚村", "湖田村"]
    assert page.model.rowCount() == 1
    assert page.model.index(0, 1).data() == "在岗"
    assert page.current() is not None and page.current().id == m.id

    assert page.toggle.text() == "停用(&D)"
    page.toggle.click()
    assert services.mediators.get(m.id).active is False
    assert page.model.index(0, 1).data() == "已停用"
    assert page.toggle.text() == "启用(&A)"


def test_mediator_name_required(qtbot, services):
    dialog = MediatorDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.name_error.isVisible() and dialog.name_error.text() == "请填写姓名"
    assert services.mediators.roster() == []
