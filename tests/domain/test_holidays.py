"""Statutory holidays computed from the law (REFERENCE §7), checked against official data."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import lunardate
import pytest

from mediation_desk.domain.holidays import (
    LUNAR_RANGE,
    computed_rest_days,
    statutory_festivals,
)

# The yearly notice placed these make-up days elsewhere than "the next working day":
# 2012 端午 (Sat 06-23) was made up on Friday 06-22; 2015 中秋 (Sun 09-27) was folded into
# the National Day week. Everything else the law fixes agrees with every official year.
NOTICE_PLACED_ELSEWHERE = {date(2012, 6, 25), date(2015, 9, 28)}


def test_2027_worked_examples():
    rest = computed_rest_days(2027)
    assert rest == {
        date(2027, 1, 1): "元旦",
        date(2027, 2, 5): "春节", date(2027, 2, 6): "春节", date(2027, 2, 7): "春节",
        date(2027, 2, 8): "春节", date(2027, 2, 9): "春节补假", date(2027, 2, 10): "春节补假",
        date(2027, 4, 5): "清明节",
        date(2027, 5, 1): "劳动节", date(2027, 5, 2): "劳动节",
        date(2027, 5, 3): "劳动节补假", date(2027, 5, 4): "劳动节补假",
        date(2027, 6, 9): "端午节",
        date(2027, 9, 15): "中秋节",
        date(2027, 10, 1): "国庆节", date(2027, 10, 2): "国庆节", date(2027, 10, 3): "国庆节",
        date(2027, 10, 4): "国庆节补假", date(2027, 10, 5): "国庆节补假",
    }


def test_2024_amendment_rules_from_2025():
    names = {f.name: f.days for f in statutory_festivals(2025)}
    assert names["春节"] == tuple(date(2025, 1, 28) + timedelta(days=i) for i in range(4))
    assert names["劳动节"] == (date(2025, 5, 1), date(2025, 5, 2))
    old = {f.name: f.days for f in statutory_festivals(2024)}
    assert len(old["春节"]) == 3 and old["春节"][0] == date(2024, 2, 10)  # 初一, no 除夕
    assert old["劳动节"] == (date(2024, 5, 1),)
    assert [f.name for f in statutory_festivals(2025)] == [
        "元旦", "春节", "清明节", "劳动节", "端午节", "国庆节", "中秋节"]  # 中秋 10-06 in 2025


@pytest.mark.parametrize("year", range(2008, 2027))
def test_computed_days_are_rest_days_in_every_official_year(year):
    """The oracle: the State Council notices of 2008–2026 as shipped in chinesecalendar."""
    computed = {d for d in computed_rest_days(year) if d.year == year}
    assert computed
    wrong = {d for d in computed if chinese_calendar.is_workday(d)} - NOTICE_PLACED_ELSEWHERE
    assert wrong == set()


def test_make_up_day_skips_days_already_off():
    # 2026: 国庆 10-01 (Thu) .. 10-03 (Sat) -> one make-up day, Monday 10-05
    rest = computed_rest_days(2026)
    assert rest[date(2026, 10, 5)] == "国庆节补假"
    assert date(2026, 10, 4) not in rest  # an ordinary Sunday is not listed
    # 2026: 清明 04-05 is a Sunday -> Monday 04-06
    assert rest[date(2026, 4, 6)] == "清明节补假"


@pytest.mark.parametrize("year", range(2027, 2100))
def test_lunar_dates_agree_with_a_second_implementation(year):
    """borax (used by the app) and lunardate (test only) compute the same festivals."""
    days = {f.name: f.days for f in statutory_festivals(year)}
    assert days["春节"][1] == lunardate.LunarDate(year, 1, 1).to_solar_date()
    assert days["春节"][0] == days["春节"][1] - timedelta(days=1)  # 除夕, whatever the month length
    assert days["端午节"] == (lunardate.LunarDate(year, 5, 5).to_solar_date(),)
    assert days["中秋节"] == (lunardate.LunarDate(year, 8, 15).to_solar_date(),)


@pytest.mark.parametrize("year", range(2027, 2100))
def test_qingming_agrees_with_chinesecalendar_solar_terms(year):
    terms = dict((n, d) for d, n in chinese_calendar.get_solar_terms(
        date(year, 4, 1), date(year, 4, 10)))
    assert {f.name: f.days for f in statutory_festivals(year)}["清明节"] == (terms["清明"],)


def test_beyond_the_lunar_range_only_fixed_dates():
    assert LUNAR_RANGE[1] == 2100
    names = [f.name for f in statutory_festivals(2101)]
    assert names == ["元旦", "劳动节", "国庆节"]
