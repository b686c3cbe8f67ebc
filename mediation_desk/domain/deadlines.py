"""Deadlines: mediation periods, the judicial-confirmation window, overtime warnings.

Counting rules (REFERENCE §7): the start day is not counted (CPL Art 85(2)), so day 1 is
the day after the start; a period whose last day is not a working day ends on the next
working day (CPL Art 85(3), with weekends treated as rest days and adjusted working
Saturdays 调休上班日 as working days).

The calendar (:mod:`.workdays`) takes each year from a recorded State Council notice, the
shipped official data or, failing both, the statutory holidays computed from the law; a
result that depends on a computed year says so (``estimated``) so that screens warn and
window checks warn instead of refusing.

Periods written in months (「一个月」) end on the corresponding day of the last month, or
on that month's last day when it has no such day (民法典 Art 202–203: 01-31 + 1 month ->
02-28), before the roll to a working day.
"""

from __future__ import annotations

import calendar as _month_calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .enums import CaseSource, PeriodUnit
from .workdays import ESTIMATE_WARNING as ESTIMATE_WARNING
from .workdays import HolidayCalendar as HolidayCalendar

JC_WINDOW_DAYS = 30
"""司法确认 must be applied for within 30 days of the agreement's effective date (PML Art 33)."""

DEFAULT_MEDIATION_DAYS: dict[CaseSource, int] = {
    **{source: 30 for source in CaseSource},  # MOJ02 Art 33: 一般在一个月内调结
    CaseSource.COURT_DELEGATED: 30,  # 委派调解 (OMR Art 24, SIM Art 27)
    CaseSource.COURT_ENTRUSTED: 15,  # 委托调解, ordinary procedure (OMR Art 24)
}


@dataclass(frozen=True)
class Period:
    """A period's length and unit, e.g. 30 days or 1 month."""

    length: int
    unit: PeriodUnit = PeriodUnit.DAYS

    @property
    def label(self) -> str:
        return f"{self.length}{self.unit.label}"


@dataclass(frozen=True)
class DueDate:
    """The last day of a period; ``estimated`` means it depends on an estimated year."""

    due: date
    estimated: bool


def add_months(start: date, months: int) -> date:
    """The corresponding day ``months`` later; the month's last day when there is none."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last = _month_calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last))


def roll_to_workday(raw: date, calendar: HolidayCalendar) -> DueDate:
    """``raw`` or the first working day after it (CPL Art 85(3))."""
    due = raw
    while not calendar.is_workday(due):
        due += timedelta(days=1)
    return DueDate(due=due, estimated=calendar.due_is_estimated(due))


def period_end(start: date, days: int, calendar: HolidayCalendar) -> DueDate:
    """The last day of a period of ``days`` days starting on ``start``.

    Day 1 is the day after ``start``; a last day that is not a working day rolls to the
    next working day. Example: 2025-09-01 + 30 days -> 2025-10-01 (National Day) ->
    2025-10-09, the first working day after the holiday.
    """
    if days < 0:
        raise ValueError(f"period length must not be negative: {days}")
    return roll_to_workday(start + timedelta(days=days), calendar)


def mediation_due(accepted_on: date, period: int | Period, calendar: HolidayCalendar, *,
                  extended_days: int = 0, suspended_days: int = 0) -> DueDate:
    """The last day of the mediation period (调解期限).

    The period runs from acceptance (start day not counted); ``period`` is a number of
    days or a :class:`Period` (e.g. 1 month). Consented extensions and suspension time
    (e.g. appraisal, OMR Art 26) add calendar days to the raw last day before the roll to
    a working day, so a suspension never double-counts a holiday roll.
    """
    if extended_days < 0 or suspended_days < 0:
        raise ValueError("extension and suspension days must not be negative")
    if isinstance(period, int):
        period = Period(period)
    if period.length < 0:
        raise ValueError(f"period length must not be negative: {period.length}")
    if period.unit is PeriodUnit.MONTHS:
        raw = add_months(accepted_on, period.length)
    else:
        raw = accepted_on + timedelta(days=period.length)
    return roll_to_workday(raw + timedelta(days=extended_days + suspended_days), calendar)


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
    """A deadline's level and the days left (negative when overdue; None when not counting).

    ``estimated`` means the due date depends on an estimated holiday year (节假日安排为推算).
    """

    level: DeadlineLevel
    days_left: int | None
    estimated: bool = False


def deadline_state(due_on: date | None, today: date, warn_days: int = 7, *,
                   suspended: bool = False, estimated: bool = False) -> DeadlineState:
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
        return DeadlineState(DeadlineLevel.OK, None, estimated)
    days_left = (due_on - today).days
    if days_left < 0:
        return DeadlineState(DeadlineLevel.OVERDUE, days_left, estimated)
    if days_left <= warn_days:
        return DeadlineState(DeadlineLevel.DUE_SOON, days_left, estimated)
    return DeadlineState(DeadlineLevel.OK, days_left, estimated)
