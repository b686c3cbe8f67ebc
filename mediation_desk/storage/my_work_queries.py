"""Queries of 我的案件 (a mediator's own work today): exact counts and the lists behind them.

Every list is driven from a small, indexed part of the cases, never from all of a
mediator's cases (the busiest demo mediator has 12,000 of 100,000 cases; at a million,
reading each of theirs costs seconds):

* overdue and due soon: the running clocks' partial index (``cases_list_clock``:
  受理/调解中 by due date), then the mediator's pair in ``case_mediators`` (its key);
* follow-ups owed: ``cases_follow_up`` (status, follow-up due date), then the pair;
* sessions dated today: no index holds the events by kind and date (m014 dropped it to
  keep the file small), so up to ``EXACT_SESSIONS_UP_TO`` cases in scope every case's
  events are read (``events_case``: exact). Above that, only the cases that can have a
  session today: the state machine records one only while a case is 调解中, so it is now
  调解中 or 中止 (``cases_open_status``) or left mediation today (its agreement takes
  effect today, ``agreements_effective``, or it was terminated today, ``events_action``).
  That is a lower bound, shown as 「至少」: a session dated after its case closed (the demo
  makes some; an import or a typed date can) is not found.

``mediator_id`` None: the whole desk (a director's view of the center).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import sqlite_utils

from ..domain.queries import CaseRow
from .case_queries import _CLOCK_LITERAL, _ROW_COLUMNS, AWAITING_FOLLOW_UP, _to_row
from .corrections import not_superseded
from .schema import _M014_ACTIONS

_COUNTED_ACTIONS = ", ".join(f"'{a}'" for a in _M014_ACTIONS)

_MINE = ("EXISTS (SELECT 1 FROM case_mediators cm WHERE cm.case_id = cases.id"
         " AND cm.mediator_id = ?)")
_COLUMNS = ", ".join(f"cases.{c.strip()}" for c in _ROW_COLUMNS.split(","))

Where = tuple[str, list[Any]]


def _clock(today: date, days: int | None) -> Where:
    """Running clocks past due (``days`` None) or due within ``days`` days from today."""
    t = today.isoformat()
    if days is None:
        return f"cases.status IN ({_CLOCK_LITERAL}) AND cases.due_on < ?", [t]
    return (f"cases.status IN ({_CLOCK_LITERAL}) AND cases.due_on >= ? AND cases.due_on <= ?",
            [t, (today + timedelta(days=days)).isoformat()])


def _follow_up(today: date) -> Where:
    marks = ",".join("?" * len(AWAITING_FOLLOW_UP))
    return (f"cases.status IN ({marks}) AND cases.follow_up_due_on <= ?",
            [*AWAITING_FOLLOW_UP, today.isoformat()])


def _scoped(where: Where, mediator_id: str | None) -> Where:
    cond, params = where
    cond = f"cases.deleted = 0 AND {cond}"
    if mediator_id is None:
        return cond, params
    return f"{cond} AND {_MINE}", [*params, mediator_id]


def _count(db: sqlite_utils.Database, where: Where) -> int:
    cond, params = where
    return int(db.execute(f"SELECT count(*) FROM cases WHERE {cond}", params).fetchone()[0])


def _rows(db: sqlite_utils.Database, where: Where, order: str, limit: int) -> list[CaseRow]:
    cond, params = where
    sql = f"SELECT {_COLUMNS} FROM cases WHERE {cond} ORDER BY {order}, cases.seq LIMIT ?"
    return [_to_row(v) for v in db.execute(sql, [*params, limit])]


def overdue(db: sqlite_utils.Database, mediator_id: str | None, *, today: date,
            limit: int) -> tuple[int, list[CaseRow]]:
    """Running clocks past their due date: (how many, the first ``limit`` by due date)."""
    where = _scoped(_clock(today, None), mediator_id)
    return _count(db, where), _rows(db, where, "cases.due_on", limit)


def due_soon(db: sqlite_utils.Database, mediator_id: str | None, *, today: date, days: int,
             limit: int) -> tuple[int, list[CaseRow]]:
    """Running clocks due today up to ``days`` days ahead (overdue excluded)."""
    where = _scoped(_clock(today, days), mediator_id)
    return _count(db, where), _rows(db, where, "cases.due_on", limit)


def follow_ups(db: sqlite_utils.Database, mediator_id: str | None, *, today: date,
               limit: int) -> tuple[int, list[CaseRow]]:
    """Agreed or confirmed cases whose follow-up visit (回访) is due, oldest due first."""
    where = _scoped(_follow_up(today), mediator_id)
    return _count(db, where), _rows(db, where, "cases.follow_up_due_on", limit)


def follow_up_dates(db: sqlite_utils.Database, case_ids: list[str]) -> dict[str, date]:
    """When each case's follow-up visit is due (cases without one left out)."""
    out: dict[str, date] = {}
    for start in range(0, len(case_ids), 500):
        chunk = case_ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for cid, due in db.execute(f"SELECT id, follow_up_due_on FROM cases WHERE id IN ({marks})"
                                   " AND follow_up_due_on IS NOT NULL", chunk):
            out[str(cid)] = date.fromisoformat(due)
    return out


def _left_mediation_today(db: sqlite_utils.Database, today: date) -> set[str]:
    """Cases whose agreement takes effect today or that were terminated today."""
    t, tomorrow = today.isoformat(), (today + timedelta(days=1)).isoformat()
    agreed = db.execute("SELECT case_id FROM agreements WHERE effective_on = ? AND deleted = 0",
                        [t])
    # the condition of events_action (m014) repeated, so that its partial index serves
    ended = db.execute(
        "SELECT case_id FROM events WHERE kind = 'status_change'"
        f" AND json_extract(data, '$.action') IN ({_COUNTED_ACTIONS})"
        " AND json_extract(data, '$.action') = 'terminate'"
        " AND occurred_at >= ? AND occurred_at < ? AND deleted = 0", [t, tomorrow])
    return {r[0] for r in agreed} | {r[0] for r in ended}


EXACT_SESSIONS_UP_TO = 3000
"""Up to this many cases in scope, today's sessions are found among all of them (exact);
above it, among the cases that can have one (a lower bound: see the module's text)."""


def _candidate_cases(db: sqlite_utils.Database, mediator_id: str | None, today: date
                     ) -> list[str]:
    """Cases that can have a session today: in mediation now, or left mediation today."""
    mine = f" AND {_MINE}" if mediator_id else ""
    scope = [mediator_id] if mediator_id else []
    found = [r[0] for r in db.execute(
        "SELECT cases.id FROM cases WHERE cases.deleted = 0"
        f" AND cases.status IN ('mediating', 'suspended'){mine}", scope)]
    left = sorted(_left_mediation_today(db, today))
    if left:
        marks = ",".join("?" * len(left))
        found += [r[0] for r in db.execute(
            f"SELECT cases.id FROM cases WHERE cases.id IN ({marks}) AND cases.deleted = 0"
            f" AND cases.status NOT IN ('mediating', 'suspended'){mine}", [*left, *scope])]
    return found


def _cases_in_scope(db: sqlite_utils.Database, mediator_id: str | None) -> int:
    if mediator_id is None:
        return int(db.execute("SELECT live FROM case_tally").fetchone()[0])
    return int(db.execute("SELECT count(*) FROM case_mediators WHERE mediator_id = ?",
                          [mediator_id]).fetchone()[0])


def sessions_today(db: sqlite_utils.Database, mediator_id: str | None, *, today: date,
                   exact_up_to: int | None = None
                   ) -> tuple[list[tuple[CaseRow, str, str]], bool]:
    """Sessions (调解) dated today: ((case row, time HH:MM, place) by time then number,
    exact?). Exact when at most ``exact_up_to`` (default ``EXACT_SESSIONS_UP_TO``) cases
    are in scope (every one's events read); else the sessions of the cases that can have
    one (a lower bound)."""
    t, tomorrow = today.isoformat(), (today + timedelta(days=1)).isoformat()
    limit = EXACT_SESSIONS_UP_TO if exact_up_to is None else exact_up_to
    exact = _cases_in_scope(db, mediator_id) <= limit
    chunks: list[tuple[str, list[Any]]]
    if exact and mediator_id is None:
        chunks = [("SELECT id FROM cases WHERE deleted = 0", [])]
    elif exact:
        chunks = [("SELECT case_id FROM case_mediators WHERE mediator_id = ?", [mediator_id])]
    else:
        candidates = _candidate_cases(db, mediator_id, today)
        chunks = [("SELECT value FROM json_each(?)", [json.dumps(candidates[i:i + 500])])
                  for i in range(0, len(candidates), 500)]
    out: list[tuple[CaseRow, str, str]] = []
    for ids, id_params in chunks:
        sql = (f"SELECT e.occurred_at, e.place, {_COLUMNS} FROM events e INDEXED BY events_case"
               " JOIN cases ON cases.id = e.case_id"
               f" WHERE e.case_id IN ({ids}) AND e.kind = 'session' AND e.deleted = 0"
               " AND cases.deleted = 0 AND e.occurred_at >= ? AND e.occurred_at < ?"
               f" AND {not_superseded('e')}")  # a corrected record counts once
        for values in db.execute(sql, [*id_params, t, tomorrow]):
            out.append((_to_row(values[2:]), str(values[0])[11:16], str(values[1] or "")))
    out.sort(key=lambda s: (s[1], s[0].number))
    return out, exact


def sessions_today_plain(db: sqlite_utils.Database, mediator_id: str | None, *,
                         today: date) -> list[tuple[str, str]]:
    """The same sessions by reading every session event (tests and benchmarks: the oracle).
    (case id, occurred_at), by time."""
    t, tomorrow = today.isoformat(), (today + timedelta(days=1)).isoformat()
    sql = ("SELECT e.case_id, e.occurred_at FROM events e JOIN cases c ON c.id = e.case_id"
           " WHERE e.kind = 'session' AND e.deleted = 0 AND c.deleted = 0"
           f" AND e.occurred_at >= ? AND e.occurred_at < ? AND {not_superseded('e')}")
    params: list[Any] = [t, tomorrow]
    if mediator_id:
        sql += (" AND EXISTS (SELECT 1 FROM case_mediators cm WHERE cm.case_id = c.id"
                " AND cm.mediator_id = ?)")
        params.append(mediator_id)
    return sorted((str(r[0]), str(r[1])) for r in db.execute(sql, params))


def roster_ids_named(db: sqlite_utils.Database, name: str) -> list[str]:
    """Live, active mediators of this desk's roster with exactly this name."""
    return [r[0] for r in db.execute(
        "SELECT id FROM mediators WHERE deleted = 0 AND active = 1 AND name = ?"
        " ORDER BY seq", [name])]


class MyWorkQueries:
    """What the 我的案件 service may ask of the database (``my_work_of(store)``)."""

    __slots__ = ("_db",)

    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def overdue(self, mediator_id: str | None, *, today: date, limit: int
                ) -> tuple[int, list[CaseRow]]:
        return overdue(self._db, mediator_id, today=today, limit=limit)

    def due_soon(self, mediator_id: str | None, *, today: date, days: int, limit: int
                 ) -> tuple[int, list[CaseRow]]:
        return due_soon(self._db, mediator_id, today=today, days=days, limit=limit)

    def follow_ups(self, mediator_id: str | None, *, today: date, limit: int
                   ) -> tuple[int, list[CaseRow]]:
        return follow_ups(self._db, mediator_id, today=today, limit=limit)

    def sessions_today(self, mediator_id: str | None, *, today: date,
                       exact_up_to: int | None = None
                       ) -> tuple[list[tuple[CaseRow, str, str]], bool]:
        return sessions_today(self._db, mediator_id, today=today, exact_up_to=exact_up_to)

    def roster_ids_named(self, name: str) -> list[str]:
        return roster_ids_named(self._db, name)

    def follow_up_dates(self, case_ids: list[str]) -> dict[str, date]:
        return follow_up_dates(self._db, case_ids)


def my_work_of(store: Any) -> MyWorkQueries:
    """The 我的案件 queries over ``store``'s connection."""
    return MyWorkQueries(store.db)
