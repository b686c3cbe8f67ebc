"""Period counting, holiday fallback and overtime warnings (REFERENCE §3.2, §7)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediation_desk.domain.deadlines import (
    DEFAULT_MEDIATION_DAYS,
    JC_WINDOW_DAYS,
    DeadlineLevel,
    DeadlineState,
    DueDate,
    HolidayCalendar,
    Period,
    add_months,
    deadline_state,
    jc_window_end,
    mediation_due,
    period_end,
)
from mediation_desk.domain.enums import CaseSource, DayKind, PeriodUnit, YearSource
from mediation_desk.domain.models import HolidayNotice, HolidaySpan
from mediation_desk.domain.workdays import official_data_covers


@pytest.fixture
def cal() -> HolidayCalendar:
    return HolidayCalendar()


# --------------------------------------------------------------------- the calendar

OWN, COURT = "ZD-MS", "FY-ZD"


def notice(year, spans, *, origin=OWN, complete=True, updated_at="2026-11-20T00:00:00",
           title="国务院办公厅关于部分节假日安排的通知", deleted=False):
    return HolidayNotice(year=year, title=title, complete=complete, origin=origin,
                         updated_at=updated_at, deleted=deleted, version=1,
                         spans=[HolidaySpan(start=date.fromisoformat(a), end=date.fromisoformat(b),
                                            kind=DayKind(k), name=n) for a, b, k, n in spans])


def test_published_data(cal):
    assert not cal.is_workday(date(2025, 10, 1))  # National Day
    assert not cal.is_workday(date(2025, 10, 6))  # Mid-Autumn Festival
    assert cal.is_workday(date(2025, 9, 28))  # Sunday, adjusted working day (调休上班)
    assert cal.is_workday(date(2025, 10, 11))  # Saturday, adjusted working day
    assert not cal.is_workday(date(2025, 9, 27))  # ordinary Saturday
    assert cal.is_workday(date(2025, 9, 29))  # ordinary Monday
    assert cal.day_name(date(2025, 10, 1)) == "国庆节"
    assert cal.day_name(date(2025, 9, 28)) == "国庆节调休上班"


def test_year_sources(cal):
    assert official_data_covers(2004) and official_data_covers(2026)
    assert not official_data_covers(2027)
    assert cal.source(2025) is YearSource.OFFICIAL
    assert cal.source(2027) is YearSource.ESTIMATED and cal.is_estimated(2027)
    assert cal.source(2003) is YearSource.ESTIMATED


def test_estimated_year_has_the_statutory_holidays_not_monday_to_friday(cal):
    assert not cal.is_workday(date(2027, 1, 1))  # 元旦, a Friday
    assert not cal.is_workday(date(2027, 2, 9))  # 春节补假 (初一, 初二 on the weekend)
    assert cal.is_workday(date(2027, 2, 11))
    assert not cal.is_workday(date(2027, 10, 5))  # 国庆节补假
    assert cal.day_name(date(2027, 10, 5)) == "国庆节补假"


def test_complete_notice_replaces_the_estimate():
    # a notice with a bridge and a working Sunday that the law alone cannot know
    cal = HolidayCalendar([notice(2027, [("2027-02-05", "2027-02-12", "rest", "春节"),
                                         ("2027-02-14", "2027-02-14", "work", "春节调休上班")])],
                          OWN)
    assert cal.source(2027) is YearSource.ENTERED and not cal.is_estimated(2027)
    assert not cal.is_workday(date(2027, 2, 12))
    assert cal.is_workday(date(2027, 2, 14))
    assert cal.is_workday(date(2027, 1, 1))  # the notice did not list 元旦: only the notice counts
    assert period_end(date(2027, 1, 6), 30, cal) == DueDate(date(2027, 2, 14), False)


def test_court_notice_and_own_notice_precedence():
    court = notice(2027, [("2027-01-01", "2027-01-03", "rest", "元旦")], origin=COURT)
    cal = HolidayCalendar([court], OWN)
    assert cal.source(2027) is YearSource.COURT
    own = notice(2027, [("2027-01-01", "2027-01-01", "rest", "元旦")],
                 updated_at="2026-01-01T00:00:00")
    both = HolidayCalendar([court, own], OWN)
    assert both.source(2027) is YearSource.ENTERED  # this desk's own entry wins, even if older
    assert both.is_workday(date(2027, 1, 4))


def test_partial_notice_adjusts_any_year_and_keeps_its_source():
    local = notice(2025, [("2025-10-09", "2025-10-09", "rest", "台风停工")], complete=False)
    cal = HolidayCalendar([local], OWN)
    assert cal.source(2025) is YearSource.OFFICIAL
    assert period_end(date(2025, 9, 1), 30, cal).due == date(2025, 10, 10)
    estimated = HolidayCalendar([notice(2027, [("2027-01-04", "2027-01-04", "rest", "停电")],
                                        complete=False)], OWN)
    assert estimated.is_estimated(2027)
    assert period_end(date(2026, 12, 2), 30, estimated) == DueDate(date(2027, 1, 5), True)


def test_own_partial_applies_after_the_courts():
    court = notice(2025, [("2025-10-09", "2025-10-09", "rest", "")], origin=COURT, complete=False,
                   updated_at="2026-12-01T00:00:00")
    own = notice(2025, [("2025-10-09", "2025-10-09", "work", "")], complete=False,
                 updated_at="2025-01-01T00:00:00")
    assert HolidayCalendar([own, court], OWN).is_workday(date(2025, 10, 9))


def test_deleted_notices_are_ignored_and_spans_stay_in_their_year():
    gone = notice(2027, [("2027-01-01", "2027-01-01", "rest", "")], deleted=True)
    assert HolidayCalendar([gone], OWN).is_estimated(2027)
    spill = notice(2026, [("2026-12-31", "2027-01-08", "rest", "")])
    cal = HolidayCalendar([spill], OWN)
    assert not cal.is_workday(date(2026, 12, 31))
    assert cal.is_workday(date(2027, 1, 4))  # days of 2027 need a 2027 notice


# ------------------------------------------------------------------- period counting

def test_reference_worked_example(cal):
    # effective 2025-09-01, day 30 = 2025-10-01 (National Day); 10-01..10-08 are rest days
    assert period_end(date(2025, 9, 1), 30, cal) == DueDate(date(2025, 10, 9), False)
    assert jc_window_end(date(2025, 9, 1), cal) == DueDate(date(2025, 10, 9), False)


def test_start_day_is_not_counted(cal):
    # 2025-09-02 (Tuesday) + 1 day = Wednesday
    assert period_end(date(2025, 9, 2), 1, cal).due == date(2025, 9, 3)


def test_weekend_rolls_to_monday(cal):
    assert period_end(date(2025, 9, 5), 1, cal).due == date(2025, 9, 8)  # Sat -> Mon
    assert period_end(date(2025, 9, 5), 2, cal).due == date(2025, 9, 8)  # Sun -> Mon


def test_adjusted_working_days_count(cal):
    assert period_end(date(2025, 9, 27), 1, cal).due == date(2025, 9, 28)  # working Sunday
    assert period_end(date(2026, 2, 13), 1, cal).due == date(2026, 2, 14)  # working Saturday


def test_spring_festival(cal):
    assert period_end(date(2026, 2, 1), 14, cal).due == date(2026, 2, 24)


def test_zero_days_is_the_start_rolled(cal):
    assert period_end(date(2025, 10, 1), 0, cal).due == date(2025, 10, 9)
    assert period_end(date(2025, 9, 29), 0, cal).due == date(2025, 9, 29)


def test_negative_days_rejected(cal):
    with pytest.raises(ValueError):
        period_end(date(2025, 9, 1), -1, cal)


def test_leap_day(cal):
    assert period_end(date(2024, 1, 30), 30, cal).due == date(2024, 2, 29)
    # 2028 is estimated: Tuesday 2028-02-29 is a working day (春节 2028 is in late January)
    assert period_end(date(2028, 1, 30), 30, cal) == DueDate(date(2028, 2, 29), True)


def test_reference_2027_worked_examples(cal):
    """REFERENCE §7: the 2027 periods computed from the statutory rules, marked estimated."""
    assert period_end(date(2026, 12, 2), 30, cal) == DueDate(date(2027, 1, 4), True)  # 元旦
    assert period_end(date(2027, 1, 6), 30, cal) == DueDate(date(2027, 2, 11), True)  # 春节
    assert period_end(date(2027, 9, 1), 30, cal) == DueDate(date(2027, 10, 6), True)  # 国庆
    assert jc_window_end(date(2026, 12, 2), cal) == DueDate(date(2027, 1, 4), True)


def test_year_end_2026_into_2027(cal):
    assert period_end(date(2026, 12, 1), 30, cal) == DueDate(date(2026, 12, 31), False)
    assert period_end(date(2026, 12, 20), 12, cal) == DueDate(date(2027, 1, 4), True)
    assert period_end(date(2026, 12, 26), 7, cal) == DueDate(date(2027, 1, 4), True)


def test_estimated_flag_is_per_result(cal):
    assert period_end(date(2026, 12, 20), 12, cal).estimated
    assert not period_end(date(2025, 9, 1), 30, cal).estimated
    assert not period_end(date(2026, 11, 1), 30, cal).estimated  # 2026-12-01, official


def test_entering_the_notice_clears_the_estimate():
    cal = HolidayCalendar([notice(2027, [("2027-01-01", "2027-01-03", "rest", "元旦")])], OWN)
    assert period_end(date(2026, 12, 2), 30, cal) == DueDate(date(2027, 1, 4), False)
    assert period_end(date(2026, 12, 20), 12, cal) == DueDate(date(2027, 1, 4), False)


# ------------------------------------------------------------------- month periods

@pytest.mark.parametrize("start, months, end", [
    (date(2027, 1, 31), 1, date(2027, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),
    (date(2026, 3, 31), 1, date(2026, 4, 30)),
    (date(2026, 3, 15), 1, date(2026, 4, 15)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)),
    (date(2026, 12, 1), 12, date(2027, 12, 1)),
])
def test_add_months_corresponding_day(start, months, end):
    assert add_months(start, months) == end


def test_month_period_then_rolls(cal):
    # 2026-03-04 + 1 month = 2026-04-04 (清明 weekend 04-04..04-06) -> 2026-04-07
    one_month = Period(1, PeriodUnit.MONTHS)
    assert mediation_due(date(2026, 3, 4), one_month, cal) == DueDate(date(2026, 4, 7), False)
    assert mediation_due(date(2026, 3, 4), 30, cal).due == date(2026, 4, 3)
    assert one_month.label == "1个月" and Period(30).label == "30日"
    # extensions add days after the month arithmetic
    assert mediation_due(date(2027, 1, 31), one_month, cal,
                         extended_days=2) == DueDate(date(2027, 3, 2), True)


@settings(max_examples=300)
@given(st.dates(min_value=date(2004, 1, 1), max_value=date(2030, 12, 31)), st.integers(0, 400))
def test_period_end_is_the_first_working_day_on_or_after_the_raw_end(start, days):
    cal = HolidayCalendar()
    result = period_end(start, days, cal)
    raw = start + timedelta(days=days)
    assert result.due >= raw
    assert cal.is_workday(result.due)
    day = raw
    while day < result.due:
        assert not cal.is_workday(day)
        day += timedelta(days=1)
    assert (result.due - raw).days < 20  # no rest period is that long
    # never claims certainty when a day it rolled over (or ended on) is in an estimated year
    if not result.estimated:
        assert not any(cal.is_estimated(y) for y in range(raw.year, result.due.year + 1))
    # and is only conservative around a year boundary
    if any(cal.is_estimated(y) for y in range(raw.year, result.due.year + 1)):
        assert result.estimated


@given(st.dates(min_value=date(2004, 1, 1), max_value=date(2030, 12, 31)), st.integers(0, 200),
       st.integers(0, 200))
def test_period_end_is_monotonic(start, a, b):
    cal = HolidayCalendar()
    if a <= b:
        assert period_end(start, a, cal).due <= period_end(start, b, cal).due


# -------------------------------------------------------------- mediation periods

def test_default_periods():
    assert DEFAULT_MEDIATION_DAYS[CaseSource.COURT_DELEGATED] == 30
    assert DEFAULT_MEDIATION_DAYS[CaseSource.COURT_ENTRUSTED] == 15
    assert set(DEFAULT_MEDIATION_DAYS) == set(CaseSource)
    others = [d for s, d in DEFAULT_MEDIATION_DAYS.items() if s is not CaseSource.COURT_ENTRUSTED]
    assert set(others) == {30}
    assert JC_WINDOW_DAYS == 30


def test_mediation_due(cal):
    assert mediation_due(date(2026, 3, 2), 30, cal) == DueDate(date(2026, 4, 1), False)
    assert mediation_due(date(2026, 3, 2), 15, cal).due == date(2026, 3, 17)


def test_extension_and_suspension_add_calendar_days_before_the_roll(cal):
    # 2025-08-22 + 30 = 2025-09-21 (Sunday); +10 extension = 2025-10-01 -> 2025-10-09
    assert mediation_due(date(2025, 8, 22), 30, cal).due == date(2025, 9, 22)
    assert mediation_due(date(2025, 8, 22), 30, cal, extended_days=10).due == date(2025, 10, 9)
    assert mediation_due(date(2025, 8, 22), 30, cal, extended_days=5,
                         suspended_days=5).due == date(2025, 10, 9)
    assert mediation_due(date(2026, 3, 2), 30, cal, extended_days=10,
                         suspended_days=5).due == date(2026, 4, 16)


def test_mediation_due_rejects_negative_adjustments(cal):
    with pytest.raises(ValueError):
        mediation_due(date(2026, 3, 2), 30, cal, extended_days=-1)
    with pytest.raises(ValueError):
        mediation_due(date(2026, 3, 2), 30, cal, suspended_days=-1)


def test_jc_window_into_estimated_year(cal):
    assert jc_window_end(date(2026, 12, 15), cal) == DueDate(date(2027, 1, 14), True)


# --------------------------------------------------------------- deadline states

TODAY = date(2026, 3, 2)


@pytest.mark.parametrize("due, level, days_left", [
    (None, DeadlineLevel.NONE, None),
    (date(2026, 4, 1), DeadlineLevel.OK, 30),
    (date(2026, 3, 10), DeadlineLevel.OK, 8),
    (date(2026, 3, 9), DeadlineLevel.DUE_SOON, 7),
    (date(2026, 3, 3), DeadlineLevel.DUE_SOON, 1),
    (date(2026, 3, 2), DeadlineLevel.DUE_SOON, 0),
    (date(2026, 3, 1), DeadlineLevel.OVERDUE, -1),
    (date(2025, 12, 31), DeadlineLevel.OVERDUE, -61),
])
def test_deadline_state(due, level, days_left):
    assert deadline_state(due, TODAY) == DeadlineState(level, days_left)


def test_warn_days_is_configurable():
    assert deadline_state(date(2026, 3, 5), TODAY, warn_days=2).level is DeadlineLevel.OK
    assert deadline_state(date(2026, 3, 4), TODAY, warn_days=2).level is DeadlineLevel.DUE_SOON
    assert deadline_state(date(2026, 3, 2), TODAY, warn_days=0).level is DeadlineLevel.DUE_SOON
    assert deadline_state(date(2026, 3, 3), TODAY, warn_days=0).level is DeadlineLevel.OK


def test_suspended_clock_is_stopped():
    assert deadline_state(date(2026, 3, 1), TODAY, suspended=True) == DeadlineState(
        DeadlineLevel.OK, None)
    assert deadline_state(date(2026, 3, 3), TODAY, suspended=True) == DeadlineState(
        DeadlineLevel.OK, None)
    assert deadline_state(None, TODAY, suspended=True) == DeadlineState(DeadlineLevel.NONE, None)


def test_level_labels():
    assert DeadlineLevel.OVERDUE == "overdue"
    assert [lv.label for lv in DeadlineLevel] == ["无期限", "正常", "即将到期", "已超期"]


@given(st.dates(), st.dates(), st.integers(0, 60))
def test_deadline_state_properties(due, today, warn):
    state = deadline_state(due, today, warn)
    assert state.days_left == (due - today).days
    assert (state.level is DeadlineLevel.OVERDUE) == (state.days_left < 0)
    assert (state.level is DeadlineLevel.DUE_SOON) == (0 <= state.days_left <= warn)
