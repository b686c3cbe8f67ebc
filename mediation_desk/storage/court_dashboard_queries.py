"""Queries of the court desk's dashboard: court results of a period, case by case.

Judicial-confirmation applications and confirmations and hand-overs for filing are counted
as events in the period (docs/statistics.md: a case counts in the period of the event,
whatever its status now), each read from ``events_action`` (m014), whose condition the
query repeats so that its partial index serves. The referrals come from
``referral_queries``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import sqlite_utils

from .schema import _M014_ACTIONS

_COUNTED = ", ".join(f"'{a}'" for a in _M014_ACTIONS)
COURT_ACTIONS = ("apply_jc", "jc_confirm", "hand_over")
"""The status changes the court dashboard counts (each one of ``_M014_ACTIONS``)."""


def court_events(db: sqlite_utils.Database, start: date, end: date
                 ) -> list[tuple[str, str, str]]:
    """(center id, action, case id) of every live case's ``COURT_ACTIONS`` event dated from
    ``start`` to ``end`` (both included), oldest first."""
    marks = ",".join("?" * len(COURT_ACTIONS))
    sql = ("SELECT c.center_id, json_extract(e.data, '$.action'), e.case_id"
           " FROM events e JOIN cases c ON c.id = e.case_id"
           f" WHERE e.kind = 'status_change' AND json_extract(e.data, '$.action') IN ({_COUNTED})"
           f" AND json_extract(e.data, '$.action') IN ({marks})"
           " AND e.occurred_at >= ? AND e.occurred_at < ? AND e.deleted = 0 AND c.deleted = 0"
           " ORDER BY e.occurred_at, e.seq")
    params: list[Any] = [*COURT_ACTIONS, start.isoformat(),
                         (end + timedelta(days=1)).isoformat()]
    return [(str(r[0]), str(r[1]), str(r[2])) for r in db.execute(sql, params)]


def court_events_plain(db: sqlite_utils.Database, start: date, end: date
                       ) -> list[tuple[str, str, str]]:
    """The same by reading every event (tests: the oracle), sorted."""
    rows = db.execute("SELECT c.center_id, json_extract(e.data, '$.action'), e.case_id,"
                      " substr(e.occurred_at, 1, 10) FROM events e, cases c"
                      " WHERE c.id = e.case_id AND e.kind = 'status_change'"
                      " AND e.deleted = 0 AND c.deleted = 0").fetchall()
    lo, hi = start.isoformat(), end.isoformat()
    return sorted((str(r[0]), str(r[1]), str(r[2])) for r in rows
                  if r[1] in COURT_ACTIONS and lo <= r[3] <= hi)


class CourtDashboardQueries:
    """What the court dashboard service may ask of the database."""

    __slots__ = ("_db",)

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def court_events(self, start: date, end: date) -> list[tuple[str, str, str]]:
        return court_events(self._db, start, end)


def court_dashboard_of(store: Any) -> CourtDashboardQueries:
    """The court dashboard's queries over ``store``'s connection."""
    return CourtDashboardQueries(store.db)
