"""The forms apply the same rules as ``add --json`` and the import (record_rules): a hostile
value pasted into a field is refused with a Chinese message beside that field, nothing saved."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from mediation_desk.ui.dialogs.mediator_dialog import MediatorDialog
from tests.ui.case_helpers import click
from tests.ui.conftest import type_text
from tests.ui.test_register_case import fill_case, open_dialog


@pytest.mark.parametrize(("name", "message"), [
    ("张\x00三", "U+0000"),
    ("张三\u202egpj.exe", "改变文字方向的隐藏字符（U+202E）"),
    ("张\u200b三", "零宽度的隐藏字符（U+200B）"),
    ("\x1b[31m张三", "终端转义序列"),
])
def test_hidden_characters_in_a_name_are_shown_beside_it(qtbot, services, name, message):
    dialog = open_dialog(qtbot, services)
    fill_case(qtbot, dialog)
    first = dialog.parties[0]
    first.name.clear()
    type_text(qtbot, first.name, name)  # as an input method (or a paste) commits it
    click(qtbot, dialog.save_button)
    assert dialog.result() != QDialog.DialogCode.Accepted
    error = first.errors["name"]
    assert error.isVisible() and message in error.text()
    assert services.cases.count() == 0


def test_facts_beyond_the_limit_are_shown_beside_the_facts(qtbot, services):
    dialog = open_dialog(qtbot, services)
    fill_case(qtbot, dialog)
    dialog.view.facts.setPlainText("事" * 100_000)  # pasted
    click(qtbot, dialog.save_button)
    assert dialog.result() != QDialog.DialogCode.Accepted
    error = dialog.errors["facts"]
    assert error.isVisible() and "不能超过20,000个字" in error.text()
    assert services.cases.count() == 0


def test_a_script_as_phone_is_shown_beside_the_phone(qtbot, services):
    dialog = open_dialog(qtbot, services)
    fill_case(qtbot, dialog)
    first = dialog.parties[0]
    first.phone.clear()
    type_text(qtbot, first.phone, "<script>")
    click(qtbot, dialog.save_button)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert first.errors["phone"].isVisible() and "联系电话" in first.errors["phone"].text()
    assert services.cases.count() == 0


def test_the_mediator_form_refuses_hidden_characters(qtbot, services):
    dialog = MediatorDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.name, "王\u202e调解")
    type_text(qtbot, dialog.villages, "马尚村\u200b")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.name_error.isVisible() and "U+202E" in dialog.name_error.text()
    assert dialog.villages_error.isVisible() and "U+200B" in dialog.villages_error.text()
    assert services.mediators.roster() == []
