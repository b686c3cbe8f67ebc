"""Settings: the small-claims wage carries its year and province (REFERENCE §4.1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from mediation_desk.domain.errors import ValidationError
from mediation_desk.services.cases import CaseService
from mediation_desk.services.settings import (
    DEFAULT_AVG_WAGE,
    Settings,
    load_settings,
    save_settings,
    wage_problems,
    wage_warning,
)
from tests.conftest import case_input

ACTOR = "主任"


def test_wage_year_and_province_saved_and_read_back(store):
    s = load_settings(store)
    assert s.avg_wage_province == ""  # the built-in default is no province's figure
    s.avg_wage, s.avg_wage_year, s.avg_wage_province = Decimal("98765"), 2025, " 山东省 "
    save_settings(store, ACTOR, s)
    back = load_settings(store)
    assert (back.avg_wage, back.avg_wage_year, back.avg_wage_province) == (
        Decimal("98765"), 2025, "山东省")


@pytest.mark.parametrize("year", [1999, 2027, 2100])  # the store's clock reads 2026-03-02
def test_wage_year_must_be_sane(store, year):
    s = load_settings(store)
    s.avg_wage_year, s.avg_wage_province = year, "山东省"
    with pytest.raises(ValidationError) as err:
        save_settings(store, ACTOR, s)
    assert "2000年到2026年" in err.value.problems["avg_wage_year"][0]


def test_own_wage_figure_needs_its_province(store):
    s = load_settings(store)
    s.avg_wage = Decimal("98765")
    with pytest.raises(ValidationError) as err:
        save_settings(store, ACTOR, s)
    assert "省份" in err.value.problems["avg_wage_province"][0]
    assert load_settings(store).avg_wage == DEFAULT_AVG_WAGE  # nothing saved


def test_default_wage_may_stay_without_province():
    assert wage_problems(Settings(), date(2026, 12, 1)) == {}


def test_province_name_not_too_long():
    s = Settings(avg_wage_province="省" * 21)
    assert "avg_wage_province" in wage_problems(s, date(2026, 12, 1))


@pytest.mark.parametrize("today, year, warned", [
    (date(2026, 12, 1), 2023, True),
    (date(2026, 12, 1), 2024, True),  # two years before today's year: more than a year old
    (date(2026, 12, 1), 2025, False),  # last year's figure: the latest normally published
    (date(2026, 1, 1), 2025, False),
    (date(2026, 12, 1), 2026, False),
])
def test_stale_wage_warning(today, year, warned):
    message = wage_warning(Settings(avg_wage_year=year), today)
    if warned:
        assert message == f"小额诉讼标准所用平均工资为{year}年数据，请更新"
    else:
        assert message is None


def test_triage_names_the_wage_province_and_year(store):
    s = load_settings(store)
    s.avg_wage, s.avg_wage_year, s.avg_wage_province = Decimal("90000"), 2025, "山东省"
    save_settings(store, ACTOR, s)
    preview = CaseService(store).preview(case_input(flags=["money_only", "facts_clear"]))
    assert preview.triage is not None
    assert "山东省2025年度就业人员年平均工资的50%（¥45,000.00）" in preview.triage.reasons[-1]


def test_triage_says_when_no_province_is_set(store):
    preview = CaseService(store).preview(case_input(flags=["money_only", "facts_clear"]))
    assert "2023年度就业人员年平均工资（未设置省份）" in preview.triage.reasons[-1]
