"""Deadlines: mediation periods, the judicial-confirmation window, overtime warnings.

Counting rules (REFERENCE §7): the start day is not counted (CPL Art 85(2)), so day 1 is
the day after the start; a period whose last day is not a working day ends on the next
working day (CPL Art 85(3), with weekends treated as rest days and adjusted working
Saturdays 调休上班日 as working days).

Holiday data comes from ``chinese_calendar`` (package ``chinesecalendar``), which covers
2004–2026 only. For other years the calendar falls back to Monday–Friday and every
result says that holiday data was missing so the UI can warn.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

import chinese_calendar

from .enums import CaseSource

JC_WINDOW_DAYS = 30
"""司法确认 must be applied for within 30 days of the agreement's effective date (PML Art 33)."""

DEFAULT_MEDIATION_DAYS: dict[CaseSource, int] = {
    **{source: 30 for source in CaseSource},  # MOJ02 Art 33: 一般在一个月内调结
    CaseSource.COURT_DELEGATED: 30,  # 委派调解 (OMR Art 24, SIM Art 27)
    CaseSource.COURT_ENTRUSTED: 15,  # 委托调解, ordinary procedure (OMR Art 24)
}


class HolidayCalendar:
    """Working days of mainland China, with local overrides.

    ``overrides`` maps a date to True (working day) or False (rest day); they win over
    the published data, for ad-hoc announcements. Years without published data fall back
    to Monday–Friday and are remembered in ``missing_years``.
    """

    def __init__(self, overrides: dict[date, bool] | None = None) -> None:
        self.overrides: dict[date, bool] = dict(overrides or {})
        self.missing_years: set[int] = set()

    def has_data(self, year: int) -> bool:
        """Whether published holiday data covers ``year``."""
        try:
            chinese_calendar.is_workday(date(year, 7, 1))
        except NotImplementedError:
            return False
        return True

    def lookup(self, d: date) -> tuple[bool, bool]:
        """``(is_workday, guessed)``; ``guessed`` is True when the Mon–Fri fallback was used."""
        if d in self.overrides:
            return self.overrides[d], False
        try:
            return bool(chinese_calendar.is_workday(d)), False
        except NotImplementedError:
            self.missing_years.add(d.year)
            return d.weekday() < 5, True

    def is_workday(self, d: date) -> bool:
        """Whether ``d`` is a working day (an adjusted working Saturday is one)."""
        return self.lookup(d)[0]


@dataclass(frozen=True)
class DueDate:
    """The last day of a period; ``holiday_data_missing`` means it may be off by a holiday."""

    due: date
    holiday_data_missing: bool


def period_end(start: date, days: int, calendar: HolidayCalendar) -> DueDate:
    """The last day of a period of ``days`` days starting on ``start``.

    Day 1 is the day after ``start``; a last day that is not a working day rolls to the
    next working day. Example: 2025-09-01 + 30 days -> 2025-10-01 (National Day) ->
    2025-10-09, the first working day after the holiday.
    """
    if days < 0:
        raise ValueError(f"period length must not be negative: {days}")
    due = start + timedelta(days=days)
    workday, missing = calendar.lookup(due)
    while not workday:
        due += timedelta(days=1)
        workday, guessed = calendar.lookup(due)
        missing = missing or guessed
    return DueDate(due=due, holiday_data_missing=missing)


def mediation_due(accepted_on: date, days: int, calendar: HolidayCalendar, *,
                  extended_days: int = 0, suspended_days: int = 0) -> DueDate:
    """The last day of the mediation period (调解期限).

    The period runs from acceptance (start day not counted). Consented extensions and
    suspension time (e.g. appraisal, OMR Art 26) add calendar days to the raw period
    before the roll to a working day, so a suspension never double-counts a holiday roll.
    """
    if extended_days < 0 or suspended_days < 0:
        raise ValueError("extension and suspension days must not be negative")
    return period_end(accepted_on, days + extended_days + suspended_days, calendar)


def jc_window_end(effective_on: date, calendar: HolidayCalendar) -> DueDate:
    """Last day to apply for judicial confirmation (司法确认): 30 days from the effective date."""
    return period_end(effective_on, JC_WINDOW_DAYS, calendar)


class DeadlineLevel(StrEnum):
    """How urgent a deadline is."""

    NONE = "none"  # no running deadline
    OK = "ok"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        """Chinese label for screens."""
        return _LEVEL_LABELS[self]


_LEVEL_LABELS = {
    DeadlineLevel.NONE: "无期限",
    DeadlineLevel.OK: "正常",
    DeadlineLevel.DUE_SOON: "即将到期",
    DeadlineLevel.OVERDUE: "已超期",
}


@dataclass(frozen=True)
class DeadlineState:
    """A deadline's level and the days left (negative when overdue; None when not counting)."""

    level: DeadlineLevel
    days_left: int | None


def deadline_state(due_on: date | None, today: date, warn_days: int = 7, *,
                   suspended: bool = False) -> DeadlineState:
    """Classify a deadline for the overtime warning (超期预警).

    - no due date -> ``NONE`` with no days left;
    - suspended (中止, e.g. for appraisal) -> ``OK`` with ``days_left=None``: the clock is
      stopped, so the case is neither due soon nor overdue while suspended; the due date
      is moved by the suspension's length on resumption (see :func:`mediation_due`);
    - past due -> ``OVERDUE`` with negative days left;
    - due within ``warn_days`` days, today included (0 days left) -> ``DUE_SOON``;
    - otherwise ``OK``.
    """
    if due_on is None:
        return DeadlineState(DeadlineLevel.NONE, None)
    if suspended:
        return DeadlineState(DeadlineLevel.OK, None)
    days_left = (due_on - today).days
    if days_left < 0:
        return DeadlineState(DeadlineLevel.OVERDUE, days_left)
    if days_left <= warn_days:
        return DeadlineState(DeadlineLevel.DUE_SOON, days_left)
    return DeadlineState(DeadlineLevel.OK, days_left)
