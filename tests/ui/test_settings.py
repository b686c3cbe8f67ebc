"""Settings: a change typed into the form is saved and read back."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from mediation_desk.services.settings import load_settings
from mediation_desk.storage import directory
from mediation_desk.storage.store import Store
from mediation_desk.ui.pages.settings_page import SettingsPage
from tests.ui.conftest import type_text


def test_settings_save_round_trip(qtbot, services, db_path):
    page = SettingsPage(services)
    qtbot.addWidget(page)
    page.show()
    page.load()
    assert page.center_name.text() == "马尚街道调解中心"

    page.due_soon.setFocus()
    page.due_soon.selectAll()
    qtbot.keyClicks(page.due_soon, "10")
    page.days["court_delegated"].setValue(20)
    page.avg_wage.clear()
    qtbot.keyClicks(page.avg_wage, "98765")
    page.avg_wage_year.setValue(2025)
    type_text(qtbot, page.avg_wage_province, "山东省")
    page.prefix.clear()
    type_text(qtbot, page.prefix, "湖田")
    assert "湖田调字第1号" in page.number_example.text()
    qtbot.keyClick(page.save_button, Qt.Key.Key_Space)
    assert page.status.text() == "已保存。"

    with_other = Store.open(db_path, key=services.key)
    try:
        s = load_settings(with_other)
        assert s.due_soon_days == 10
        assert s.deadline_days["court_delegated"] == 20
        assert s.avg_wage == Decimal("98765")
        assert (s.avg_wage_year, s.avg_wage_province) == (2025, "山东省")
        assert directory.self_center(with_other.db).number_prefix == "湖田"
    finally:
        with_other.close()
    assert services.cases.settings.due_soon_days == 10  # services picked it up

    page.load()
    assert page.due_soon.value() == 10 and page.prefix.text() == "湖田"
    assert page.avg_wage_province.text() == "山东省" and page.avg_wage_year.value() == 2025


def test_settings_error_shown_next_to_field(qtbot, services):
    page = SettingsPage(services)
    qtbot.addWidget(page)
    page.show()
    page.load()
    page.prefix.clear()
    type_text(qtbot, page.prefix, "第一（号）")
    assert page.save() is False
    assert page.errors["number_prefix"].isVisible()
    assert "编号前缀" in page.errors["number_prefix"].text()
    assert services.run(lambda s: directory.self_center(s.store.db)).number_prefix == "马尚"


def test_language_choice_saved(qtbot, services):
    page = SettingsPage(services)
    qtbot.addWidget(page)
    page.load()
    changed = []
    page.language_changed.connect(changed.append)
    page.language.setCurrentIndex(page.language.findData("en"))
    assert page.save()
    assert changed == ["en"]
    assert services.load_settings().language == "en"


def test_own_wage_without_province_is_refused_next_to_the_field(qtbot, services):
    page = SettingsPage(services)
    qtbot.addWidget(page)
    page.show()
    page.load()
    page.avg_wage.clear()
    qtbot.keyClicks(page.avg_wage, "98765")
    assert page.save() is False
    assert page.errors["avg_wage_province"].isVisible()
    assert "省份" in page.errors["avg_wage_province"].text()
    assert services.load_settings().avg_wage != Decimal("98765")


def test_the_auto_lock_time_is_a_setting(qtbot, services):
    page = SettingsPage(services)
    qtbot.addWidget(page)
    page.show()
    page.load()
    assert page.lock_minutes.value() == 10  # the default
    assert page.lock_minutes.minimum() == 1 and page.lock_minutes.maximum() == 240
    page.lock_minutes.setValue(5)
    assert page.save()
    assert services.load_settings().lock_minutes == 5
