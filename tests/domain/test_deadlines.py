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
    deadline_state,
    jc_window_end,
    mediation_due,
    period_end,
)
from mediation_desk.domain.enums import CaseSource


@pytest.fixture
def cal() -> HolidayCalendar:
    return HolidayCalendar()


# --------------------------------------------------------------------- the calendar

def test_published_data(cal):
    assert not cal.is_workday(date(2025, 10, 1))  # National Day
    assert not cal.is_workday(date(2025, 10, 6))  # Mid-Autumn Festival
    assert cal.is_workday(date(2025, 9, 28))  # Sunday, adjusted working day (调休上班)
    assert cal.is_workday(date(2025, 10, 11))  # Saturday, adjusted working day
    assert not cal.is_workday(date(2025, 9, 27))  # ordinary Saturday
    assert cal.is_workday(date(2025, 9, 29))  # ordinary Monday
    assert cal.missing_years == set()


def test_data_years(cal):
    assert cal.has_data(2004) and cal.has_data(2025) and cal.has_data(2026)
    assert not cal.has_data(2003) and not cal.has_data(2027)
    assert cal.missing_years == set()  # asking is not using


def test_missing_year_falls_back_to_monday_to_friday(cal):
    assert cal.is_workday(date(2027, 1, 1))  # a Friday; New Year's Day unknown without data
    assert not cal.is_workday(date(2027, 1, 2))
    assert not cal.is_workday(date(2003, 1, 5))
    assert cal.missing_years == {2027, 2003}


def test_overrides_win():
    cal = HolidayCalendar({date(2025, 9, 29): False, date(2025, 9, 27): True,
                           date(2027, 1, 1): False})
    assert not cal.is_workday(date(2025, 9, 29))
    assert cal.is_workday(date(2025, 9, 27))
    assert not cal.is_workday(date(2027, 1, 1))
    assert cal.missing_years == set()


def test_overrides_are_copied():
    overrides = {date(2025, 9, 29): False}
    cal = HolidayCalendar(overrides)
    overrides[date(2025, 9, 29)] = True
    assert not cal.is_workday(date(2025, 9, 29))


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
    # 2028 has no holiday data: Tuesday 2028-02-29 is a working day by the fallback
    assert period_end(date(2028, 1, 30), 30, cal) == DueDate(date(2028, 2, 29), True)


def test_year_end_2026_into_2027_without_data(cal):
    assert period_end(date(2026, 12, 1), 30, cal) == DueDate(date(2026, 12, 31), False)
    # 2027-01-01 is a Friday: the fallback calls it a working day and says data is missing
    assert period_end(date(2026, 12, 20), 12, cal) == DueDate(date(2027, 1, 1), True)
    # 2027-01-02 is a Saturday -> Monday 2027-01-04
    assert period_end(date(2026, 12, 26), 7, cal) == DueDate(date(2027, 1, 4), True)
    assert cal.missing_years == {2027}


def test_missing_data_flag_is_per_result(cal):
    assert period_end(date(2026, 12, 20), 12, cal).holiday_data_missing
    assert not period_end(date(2025, 9, 1), 30, cal).holiday_data_missing


def test_override_can_move_a_due_date():
    cal = HolidayCalendar({date(2025, 10, 9): False})
    assert period_end(date(2025, 9, 1), 30, cal).due == date(2025, 10, 10)
    known = HolidayCalendar({date(2027, 1, 1): False})
    assert period_end(date(2026, 12, 20), 12, known) == DueDate(date(2027, 1, 4), True)


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
    assert result.holiday_data_missing == any(
        not cal.has_data(y) for y in range(raw.year, result.due.year + 1))


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


def test_jc_window_into_missing_year(cal):
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
