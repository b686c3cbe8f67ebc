"""Settings: the committee's registered name (人民调解委员会名称) typed on the settings page
is saved, read back, and refused with a message when too long."""

from __future__ import annotations

from mediation_desk.services.settings import load_settings
from mediation_desk.ui.pages.settings_page import SettingsPage

NAME = "淄博市张店区马尚街道人民调解委员会"


def test_committee_name_typed_saved_and_read_back(qtbot, services):
    page = SettingsPage(services)
    qtbot.addWidget(page)
    page.show()
    page.load()
    assert page.committee_name.text() == ""
    page.committee_name.setText(f"  {NAME} ")  # (keyClicks cannot type Chinese offscreen)
    assert page.save()
    assert services.run(lambda s: load_settings(s.store)).committee_name == NAME
    page.load()
    assert page.committee_name.text() == NAME


def test_committee_name_too_long_shows_the_problem(qtbot, services):
    page = SettingsPage(services)
    qtbot.addWidget(page)
    page.show()
    page.load()
    page.committee_name.setText("委" * 61)
    assert not page.save()
    assert "人民调解委员会名称" in page.errors["committee_name"].text()
    assert services.run(lambda s: load_settings(s.store)).committee_name == ""
