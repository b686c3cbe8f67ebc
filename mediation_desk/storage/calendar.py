"""Holiday notices (节假日安排) and the cases whose deadlines depend on the calendar."""

from __future__ import annotations

from datetime import date

import sqlite_utils

from ..domain.models import Case, HolidayNotice
from . import cases, records
from .records import ChangeLog

TABLE = "holiday_notices"


def notices(db: sqlite_utils.Database) -> list[HolidayNotice]:
    """Every live holiday notice, by year."""
    return records.load_where(db, TABLE, HolidayNotice, "1", [], order="year, seq")


def notice(db: sqlite_utils.Database, notice_id: str) -> HolidayNotice | None:
    """A notice by id (tombstoned included)."""
    return records.load(db, TABLE, HolidayNotice, notice_id)


def save_notice(db: sqlite_utils.Database, n: HolidayNotice, *, log: ChangeLog, now: str,
                origin: str) -> bool:
    """Insert or update a notice; True when something changed."""
    return records.save(db, TABLE, n, log=log, now=now, origin=origin, entity="holiday_notice")


def cases_with_deadlines_from(db: sqlite_utils.Database, center_id: str,
                              since: date) -> list[Case]:
    """This center's cases with a mediation or confirmation deadline on or after ``since``.

    These are the deadlines a change of the calendar from ``since`` on can move.
    """
    day = since.isoformat()
    ids = [r[0] for r in db.execute(
        "SELECT id FROM cases WHERE deleted = 0 AND center_id = ? AND"
        " (due_on >= ? OR base_due_on >= ? OR jc_due_on >= ?) ORDER BY seq",
        [center_id, day, day, day])]
    out = []
    for case_id in ids:
        case = cases.get_case(db, case_id)
        if case is not None:
            out.append(case)
    return out
