"""The working-day calendar of mainland China, year by year, with where each year comes from.

A year's arrangement is taken, in this order, from:

1. a *complete* holiday notice recorded at this desk (本机录入) — the State Council's
   yearly notice entered in 设置 or imported from a file;
2. a complete notice distributed by a trusted court desk (法院下发);
3. the official data shipped with the program (``chinesecalendar``, 官方数据);
4. otherwise the statutory holidays computed from the law (:mod:`.holidays`), and the
   year is **estimated** (推算): bridge days and 调休 working weekends are unknown.

Then *partial* notices (local adjustments, e.g. an ad-hoc announcement) are applied on
top: a court's first, this desk's own last, so the desk has the final word. Weekends are
rest days unless a notice or the official data makes them working days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import chinese_calendar
from chinese_calendar import constants as _official

from .enums import DayKind, YearSource
from .holidays import computed_rest_days
from .models import HolidayNotice

_OFFICIAL_NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节", "Anti-Fascist 70th Day": "抗战胜利纪念日",
}

ESTIMATE_WARNING = "节假日安排为推算"
"""Shown beside any deadline that depends on an estimated year."""


def official_data_covers(year: int) -> bool:
    """Whether the shipped ``chinesecalendar`` data covers ``year``."""
    try:
        chinese_calendar.is_workday(date(year, 7, 1))
    except NotImplementedError:
        return False
    return True


@dataclass
class YearDays:
    """One year's arrangement: weekday rest days and weekend working days, with names."""

    year: int
    source: YearSource
    rest: dict[date, str] = field(default_factory=dict)
    work: dict[date, str] = field(default_factory=dict)
    notice_title: str = ""

    def apply(self, notice: HolidayNotice) -> None:
        """Lay the spans of ``notice`` over this year (days of other years are ignored)."""
        for span in notice.spans:
            d = span.start
            while d <= span.end:
                if d.year == self.year:
                    target, other = ((self.rest, self.work) if span.kind is DayKind.REST
                                     else (self.work, self.rest))
                    other.pop(d, None)
                    target[d] = span.name
                d += timedelta(days=1)


def _official_year(year: int) -> YearDays:
    y = YearDays(year, YearSource.OFFICIAL)
    for d, name in _official.holidays.items():
        if d.year == year:
            y.rest[d] = _OFFICIAL_NAMES.get(name, name)
    for d, name in _official.workdays.items():
        if d.year == year:
            y.work[d] = f"{_OFFICIAL_NAMES.get(name, name)}调休上班"
    return y


def _computed_year(year: int) -> YearDays:
    y = YearDays(year, YearSource.ESTIMATED)
    for source_year in (year - 1, year):  # a make-up day may spill into the next year
        for d, name in computed_rest_days(source_year).items():
            if d.year == year:
                y.rest[d] = name
    return y


class HolidayCalendar:
    """Working days with the source of every year; see the module docstring for the order.

    ``own_origin`` is this desk's code: notices whose origin it is are this desk's own,
    all others were received from a court.
    """

    def __init__(self, notices: Iterable[HolidayNotice] = (), own_origin: str = "") -> None:
        self.notices = [n for n in notices if not n.deleted]
        self.own_origin = own_origin
        self._years: dict[int, YearDays] = {}

    def _is_own(self, notice: HolidayNotice) -> bool:
        return notice.origin == self.own_origin

    def year(self, year: int) -> YearDays:
        """The arrangement of ``year`` (cached)."""
        found = self._years.get(year)
        if found is None:
            found = self._years[year] = self._build(year)
        return found

    def _build(self, year: int) -> YearDays:
        mine = [n for n in self.notices if n.year == year]
        # newest first within each group, so the choice does not depend on load order
        mine.sort(key=lambda n: (n.updated_at, n.id), reverse=True)
        complete = ([n for n in mine if n.complete and self._is_own(n)]
                    or [n for n in mine if n.complete])
        if complete:
            chosen = complete[0]
            y = YearDays(year, YearSource.ENTERED if self._is_own(chosen) else YearSource.COURT,
                         notice_title=chosen.title)
            y.apply(chosen)
        elif official_data_covers(year):
            y = _official_year(year)
        else:
            y = _computed_year(year)
        partial = [n for n in reversed(mine) if not n.complete]
        for n in sorted(partial, key=self._is_own):  # a court's first, this desk's last
            y.apply(n)
        return y

    def source(self, year: int) -> YearSource:
        """Where the arrangement of ``year`` comes from."""
        return self.year(year).source

    def is_estimated(self, year: int) -> bool:
        """True when ``year`` is computed from the statutory rules (推算)."""
        return self.source(year) is YearSource.ESTIMATED

    def is_workday(self, d: date) -> bool:
        """Whether ``d`` is a working day (an adjusted working weekend day is one)."""
        y = self.year(d.year)
        if d in y.work:
            return True
        if d in y.rest:
            return False
        return d.weekday() < 5

    def day_name(self, d: date) -> str:
        """The holiday or 调休 name of ``d``, or ''."""
        y = self.year(d.year)
        return y.work.get(d) or y.rest.get(d, "")

    def lookup(self, d: date) -> tuple[bool, bool]:
        """``(is_workday, estimated)`` for ``d``."""
        return self.is_workday(d), self.is_estimated(d.year)

    def due_is_estimated(self, due: date, lookback_days: int = 31) -> bool:
        """Whether a period ending on ``due`` may have ended elsewhere with official data.

        A period's last day is rolled forward over rest days, so its end depends on the
        days from the raw last day to ``due``; the raw day lies in the run of rest days just
        before ``due`` (or is ``due`` itself). Conservative: the whole run is looked at.
        """
        if self.is_estimated(due.year):
            return True
        d = due - timedelta(days=1)
        for _ in range(lookback_days):
            if self.is_workday(d):
                return False
            if self.is_estimated(d.year):
                return True
            d -= timedelta(days=1)
        return False

    def special_days(self, year: int) -> list[tuple[date, DayKind, str]]:
        """Holidays on weekdays-or-weekends and working weekends of ``year``, in date order."""
        y = self.year(year)
        out = [(d, DayKind.REST, n) for d, n in y.rest.items()]
        out += [(d, DayKind.WORK, n) for d, n in y.work.items()]
        return sorted(out)
