"""Settings: the 卷宗's 保管期限 picked on the settings page reaches the cover."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mediation_desk.services.settings import load_settings
from mediation_desk.ui.pages.settings_page import SettingsPage


def test_retention_picked_saved_and_read_back(qtbot, services):
    page = SettingsPage(services)
    qtbot.addWidget(page)
    page.show()
    page.load()
    assert page.retention.currentText() == "长期"  # the default
    page.retention.setFocus()
    for _ in range(page.retention.findText("定期30年") - page.retention.currentIndex()):
        qtbot.keyClick(page.retention, Qt.Key.Key_Down)
    assert page.retention.currentText() == "定期30年"
    assert page.save()
    assert services.run(lambda s: load_settings(s.store)).case_file_retention == "定期30年"
    page.load()
    assert page.retention.currentText() == "定期30年"
