"""Statutory public holidays (法定节假日) computed from the law itself.

Used for a year that has no official data (the State Council's yearly notice is not in
``chinesecalendar`` yet and none was entered): such a year is *estimated*.

Rules: 《全国年节及纪念日放假办法》 as amended 2024-11 (in force 2025-01-01), Art 2:
元旦 1 day (1/1); 春节 4 days (农历除夕、正月初一至初三); 清明节 1 day (the solar term
清明); 劳动节 2 days (5/1, 5/2); 端午节 1 day (农历五月初五); 中秋节 1 day (农历八月十五);
国庆节 3 days (10/1–10/3). Art 6: a holiday day that falls on a Saturday or Sunday is made
up on working days (补假) — here the first working days after that holiday, one per such day.

What the law does not fix, and so cannot be computed: the yearly notice's bridge days and
调休 working weekends, and how a festival that coincides with another is treated. Years
before 2025 follow the 2013 version (春节 初一至初三, 劳动节 5/1 only); before 2008 the
1999 version (春节 3 days, 劳动节 and 国庆节 3 days each, no 清明/端午/中秋).

Lunar dates and the 清明 solar term come from ``borax`` (1900–2100); outside that range
only the fixed-date holidays are computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from borax.calendars.lunardate import LunarDate, TermUtils

LUNAR_RANGE = (1901, 2100)
"""Years for which the lunar and solar-term holidays can be computed."""


@dataclass(frozen=True)
class Festival:
    """One statutory holiday with its days in order (e.g. 春节: 除夕 .. 初三)."""

    name: str
    days: tuple[date, ...]


# borax puts the new moon of 2089-09-04 23:57 (Beijing time) on the next day, so its
# eighth lunar month of 2089 starts a day late; 寿星天文历 (sxtwl) and lunardate agree on
# 09-04. Checked for every festival of 1901–2099 against both; this is the one difference
# from 2025 on.
_LUNAR_CORRECTIONS = {(2089, 8, 15): date(2089, 9, 18)}


def _lunar(year: int, month: int, day: int) -> date:
    fixed = _LUNAR_CORRECTIONS.get((year, month, day))
    return fixed if fixed is not None else LunarDate(year, month, day).to_solar_date()


def _span(first: date, n: int) -> tuple[date, ...]:
    return tuple(first + timedelta(days=i) for i in range(n))


def statutory_festivals(year: int) -> list[Festival]:
    """The statutory holidays of ``year`` under the version of the rules then in force."""
    lunar = LUNAR_RANGE[0] <= year <= LUNAR_RANGE[1]
    out = [Festival("元旦", (date(year, 1, 1),))]
    if lunar:
        new_year = _lunar(year, 1, 1)
        if year >= 2025:
            out.append(Festival("春节", _span(new_year - timedelta(days=1), 4)))
        else:
            out.append(Festival("春节", _span(new_year, 3)))
        if year >= 2008:
            out.append(Festival("清明节", (TermUtils.nth_term_day(year, term_name="清明"),)))
    if year >= 2025:
        out.append(Festival("劳动节", _span(date(year, 5, 1), 2)))
    elif year >= 2008:
        out.append(Festival("劳动节", (date(year, 5, 1),)))
    else:
        out.append(Festival("劳动节", _span(date(year, 5, 1), 3)))
    if lunar and year >= 2008:
        out.append(Festival("端午节", (_lunar(year, 5, 5),)))
        out.append(Festival("中秋节", (_lunar(year, 8, 15),)))
    out.append(Festival("国庆节", _span(date(year, 10, 1), 3)))
    return sorted(out, key=lambda f: f.days[0])


@cache
def computed_rest_days(year: int) -> dict[date, str]:
    """Every statutory holiday day of ``year`` and its make-up days (补假), with names.

    Weekends are not listed (they are rest days anyway) unless they are holiday days.
    A make-up day is the first Monday–Friday after the holiday that is not already a
    holiday or make-up day; one for each of the holiday's days on a Saturday or Sunday.
    Example 2027: 春节 2027-02-05 (Fri) .. 02-08 (Mon); 初一 and 初二 fall on the weekend,
    so 02-09 and 02-10 are make-up days.
    """
    rest: dict[date, str] = {}
    festivals = statutory_festivals(year)
    for f in festivals:
        for d in f.days:
            rest.setdefault(d, f.name)
    for f in festivals:
        owed = sum(1 for d in f.days if d.weekday() >= 5)
        d = f.days[-1]
        while owed:
            d += timedelta(days=1)
            if d.weekday() < 5 and d not in rest:
                rest[d] = f"{f.name}补假"
                owed -= 1
    return rest
