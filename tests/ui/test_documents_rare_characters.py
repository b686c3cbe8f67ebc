"""文书 tab: a name no installed face can draw is refused, the character named, nothing
registered; 𠮷 (with the Extension B face CI installs) is generated as usual."""

from __future__ import annotations

import pytest

from mediation_desk.documents.fonts import document_font
from tests.ui.case_helpers import click
from tests.ui.helpers import register
from tests.ui.test_documents import open_documents

NO_FACE = "\U00031350"  # CJK Extension H: no installed face has it


def test_an_unprintable_name_is_refused_naming_the_character(qtbot, services):
    if document_font().face_for(NO_FACE) is not None:
        pytest.skip("an installed face has Extension H")
    case = register(services, f"张{NO_FACE}", "李四")
    _page, tab = open_documents(qtbot, services, case.id)
    tab.select_kind("application")
    click(qtbot, tab.generate_button)
    assert tab.document is None and tab.error.isVisible()
    message = tab.error.text()
    assert message.startswith("当事人姓名"), message
    assert f"中的“{NO_FACE}”（U+31350）无法用已安装的字体打印" in message, message
    assert "fonts-hanazono" in message and "Traceback" not in message
    assert tab.register.rowCount() == 0 and not tab.save_button.isEnabled()


def test_a_name_with_ji_is_generated(qtbot, services):
    if document_font().face_for("𠮷") is None:
        pytest.fail("no Extension B font: install fonts-hanazono")
    case = register(services, "𠮷祥", "李四")
    _page, tab = open_documents(qtbot, services, case.id)
    tab.select_kind("application")
    click(qtbot, tab.generate_button)
    assert tab.document is not None and not tab.error.isVisible()
    assert tab.register.rowCount() == 1
