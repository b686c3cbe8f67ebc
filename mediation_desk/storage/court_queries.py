"""Queries of the court liaison desk (法院联络台): counts per center, intake rows."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlite_utils

from .case_queries import CLOCK_STATUSES
from .corrections import not_superseded

COURT_SOURCES = ("court_delegated", "court_entrusted")
IN_MEDIATION = ("accepted", "mediating", "suspended")
HANDED = ("handed_to_filing", "filed")


_EVER = """EXISTS (SELECT 1 FROM events e WHERE e.case_id = c.id AND e.deleted = 0
                  AND e.kind = 'status_change'
                  AND json_extract(e.data, '$.action') = '{action}')"""
"""The case was ever handed over / confirmed, whatever its status now (archived, ...)."""


def center_counts(db: sqlite_utils.Database, *, today: date) -> list[dict[str, Any]]:
    """Per center (not this desk): received, in mediation (now), agreed, overdue (now), ever
    handed over for filing, judicial-confirmation applications and confirmations, of court
    cases. A case handed over or confirmed counts so after it was archived
    (docs/statistics.md: events, not current statuses; the 统计 page counts by period)."""
    def marks(xs: tuple[str, ...]) -> str:
        return ",".join("?" * len(xs))

    sql = f"""
        SELECT ce.id, ce.code, ce.name,
          count(c.id),
          count(CASE WHEN c.status IN ({marks(IN_MEDIATION)}) THEN 1 END),
          count(CASE WHEN EXISTS (SELECT 1 FROM agreements a WHERE a.case_id = c.id
                                  AND a.deleted = 0) THEN 1 END),
          count(CASE WHEN c.status IN ({marks(CLOCK_STATUSES)}) AND c.due_on < ? THEN 1 END),
          count(CASE WHEN {_EVER.format(action="hand_over")} THEN 1 END),
          count(CASE WHEN c.jc_applied_on IS NOT NULL THEN 1 END),
          count(CASE WHEN {_EVER.format(action="jc_confirm")} THEN 1 END)
        FROM centers ce
        LEFT JOIN cases c ON c.center_id = ce.id AND c.deleted = 0
             AND c.source IN ({marks(COURT_SOURCES)})
        WHERE ce.deleted = 0 AND ce.is_self = 0 AND ce.kind = 'center'
        GROUP BY ce.id ORDER BY ce.code"""
    params = [*IN_MEDIATION, *CLOCK_STATUSES, today.isoformat(), *COURT_SOURCES]
    keys = ("center_id", "code", "name", "received", "in_mediation", "agreed", "overdue",
            "handed_to_filing", "jc_applied", "jc_confirmed")
    return [dict(zip(keys, row, strict=True)) for row in db.execute(sql, params)]


def handed_to_filing(db: sqlite_utils.Database, center_id: str | None = None) -> list[str]:
    """Ids of live cases handed over for filing (移送立案), oldest first."""
    where = "deleted = 0 AND status IN (?, ?)"
    params: list[Any] = list(HANDED)
    if center_id:
        where += " AND center_id = ?"
        params.append(center_id)
    return [r[0] for r in db.execute(
        f"SELECT id FROM cases WHERE {where} ORDER BY received_on, seq", params)]


def session_dates(db: sqlite_utils.Database, case_id: str) -> list[str]:
    """Dates (YYYY-MM-DD) of mediation sessions recorded for a case."""
    return [r[0] for r in db.execute(
        "SELECT DISTINCT substr(occurred_at, 1, 10) FROM events e WHERE case_id = ?"
        f" AND deleted = 0 AND kind = 'session' AND {not_superseded('e')} ORDER BY 1",
        [case_id])]
