"""The facts statistics count (docs/statistics.md): events of a window of dates.

Each list holds the events whose **business date** falls in the window: acceptance by
``cases.accepted_on``, success by the agreement's ``effective_on``, a judicial-confirmation
application by the date applied for, other status changes, follow-up visits and
deadlines by their own dates. Tombstoned cases, agreements and events are left out. Every
query is indexed (``cases_accepted``, ``cases_due``, ``cases_received``,
``agreements_effective_stats``, ``events_action``, ``events_follow_up``).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import cache
from typing import Any

import sqlite_utils

from ..domain.statistics import (
    CaseInfo,
    Deadline,
    FollowUp,
    StatFacts,
    Success,
    Transition,
)

COUNTED_ACTIONS = ("apply_jc", "jc_confirm", "jc_reject", "jc_withdraw", "hand_over",
                   "record_filing", "return_to_trial", "not_accept", "terminate", "litigate")
"""Status changes a measure counts (the others are counted by their own dates)."""

INDEXED_ACTIONS = ("json_extract(data, '$.action') IN ("
                   + ", ".join(f"'{a}'" for a in COUNTED_ACTIONS) + ")")
"""The condition of the partial index ``events_action`` (m014_compact_store), which holds the
counted status changes only: a query through the index repeats it word for word (SQLite
uses a partial index only for a query whose WHERE contains the index's own terms)."""

_CHUNK = 20_000


def _day(text: str) -> date:
    return _date(text[:10])


@cache
def _flags(text: str) -> frozenset[str]:
    return frozenset(json.loads(text))


@cache
def _date(text: str) -> date:
    return date.fromisoformat(text)


_CASE = "id, center_id, dispute_type, source, accepted_on, flags"


def facts(db: sqlite_utils.Database, start: date, end: date, *,
          trend_only: bool = False, center_id: str | None = None,
          with_mediators: bool = True) -> StatFacts:
    """Every counted event dated ``start``..``end`` (inclusive) and the cases behind them.

    Each list is sorted by date, so a period inside the window is a slice of it.
    ``trend_only``: only acceptances and successes (the 12-month trend), of ``center_id``'s
    cases if given, and no case details (``cases`` stays empty). ``with_mediators=False``:
    the cases' ``mediator_ids`` are left empty (a window read only for 环比 / 同比, whose
    figures no mediator table splits).
    """
    s, e = start.isoformat(), end.isoformat()
    after = (end + timedelta(days=1)).isoformat()
    out = StatFacts(start=start, end=end)
    if trend_only:
        return _trend(db, out, center_id)
    rows: dict[str, tuple[Any, ...]] = {}  # case rows read on the way
    for row in db.execute(f"SELECT {_CASE} FROM cases"
                          " WHERE accepted_on BETWEEN ? AND ? AND deleted = 0", [s, e]):
        rows[row[0]] = row
        out.accepted.append((row[0], _day(row[4])))
    for row in db.execute(f"SELECT {_CASE}, received_on FROM cases"
                          " WHERE received_on BETWEEN ? AND ? AND deleted = 0", [s, e]):
        rows[row[0]] = row[:6]
        out.received.append((row[0], _day(row[6])))
    for cid, due, closed, status, since in db.execute(
            "SELECT id, due_on, closed_on, status, suspended_since FROM cases"
            " WHERE due_on BETWEEN ? AND ? AND deleted = 0", [s, e]):
        stopped = status == "suspended" and since is not None and since <= due
        out.deadlines.append(Deadline(cid, _day(due), _day(closed) if closed else None,
                                      stopped))
    out.successes = _successes(db, s, e)
    # apply_jc is dated the day applied (data.applied_on); older versions dated the event
    # the day recorded, a day on or after it: those recorded after the window are missed
    for cid, at, action, reason, outcome, applied in db.execute(
            "SELECT case_id, occurred_at, json_extract(data, '$.action'),"
            " json_extract(data, '$.reason'), json_extract(data, '$.outcome'),"
            " json_extract(data, '$.applied_on') FROM events INDEXED BY events_action"
            f" WHERE kind = 'status_change' AND {INDEXED_ACTIONS}"
            " AND json_extract(data, '$.action') IN"
            f" ({','.join('?' * len(COUNTED_ACTIONS))}) AND occurred_at >= ?"
            " AND occurred_at < ? AND deleted = 0", [*COUNTED_ACTIONS, s, after]):
        on = _day(applied) if action == "apply_jc" and applied else _day(at)
        if start <= on <= end:
            out.transitions.append(Transition(cid, on, action, reason or "", outcome or ""))
    out.follow_ups = [FollowUp(cid, _day(at), int(score or 0)) for at, cid, score in db.execute(
        "SELECT occurred_at, case_id, json_extract(data, '$.satisfaction')"
        " FROM events INDEXED BY events_follow_up WHERE kind = 'follow_up' AND deleted = 0"
        " AND occurred_at >= ? AND occurred_at < ?",
        [s, after])]
    return _finish(db, out, rows, with_mediators=with_mediators)


def _trend(db: sqlite_utils.Database, out: StatFacts, center_id: str | None) -> StatFacts:
    """Acceptances and successes only, without the cases' details (the trend's months):
    of the accepted cases only their ids and dates (and centers) are read."""
    out.trend_only, out.trend_of = True, center_id
    s, e = out.start.isoformat(), out.end.isoformat()
    out.accepted = [(cid, _day(on)) for cid, center, on in db.execute(
        "SELECT id, center_id, accepted_on FROM cases"
        " WHERE accepted_on BETWEEN ? AND ? AND deleted = 0", [s, e])
        if center_id is None or center == center_id]
    successes = _successes(db, s, e)
    tombstoned = {r[0] for r in db.execute("SELECT id FROM cases WHERE deleted = 1")}
    if center_id is not None:
        ids = sorted({x.case_id for x in successes})
        theirs: set[str] = set()
        for chunk in _chunks(ids):
            theirs.update(r[0] for r in db.execute(
                "SELECT id FROM cases WHERE center_id = ? AND deleted = 0"
                " AND id IN (SELECT value FROM json_each(?))", [center_id, json.dumps(chunk)]))
        successes = [x for x in successes if x.case_id in theirs]
    out.successes = sorted((x for x in successes if x.case_id not in tombstoned), key=_on)
    out.accepted.sort(key=_second)
    return out


def _finish(db: sqlite_utils.Database, out: StatFacts, rows: dict[str, tuple[Any, ...]], *,
            with_mediators: bool) -> StatFacts:
    """The cases behind the events (tombstoned ones dropped), the lists sorted by date."""
    ids = set(rows) | {x.case_id for x in out.successes} | {x.case_id for x in out.transitions}
    ids |= {x.case_id for x in out.follow_ups} | {x.case_id for x in out.deadlines}
    missing = sorted(ids - rows.keys())
    for chunk in _chunks(missing):
        for row in db.execute(f"SELECT {_CASE} FROM cases WHERE deleted = 0"
                              " AND id IN (SELECT value FROM json_each(?))", [json.dumps(chunk)]):
            rows[row[0]] = row
    out.cases = _infos(db, rows, with_mediators)
    live = out.cases.keys()  # an event of a tombstoned case does not count
    out.successes = [x for x in out.successes if x.case_id in live]
    out.transitions = [x for x in out.transitions if x.case_id in live]
    out.follow_ups = [x for x in out.follow_ups if x.case_id in live]
    out.deadlines = [x for x in out.deadlines if x.case_id in live]
    flagged = [c for c, i in out.cases.items()
               if i.flags & {"prevented_criminal", "prevented_mass"}]
    out.persons = persons(db, flagged)
    out.received.sort(key=_second)
    out.accepted.sort(key=_second)
    for lst in (out.successes, out.transitions, out.follow_ups):
        lst.sort(key=_on)
    out.deadlines.sort(key=_due)
    out.mediators = dict(db.execute("SELECT id, name FROM mediators"))
    out.centers = {cid: (code, name) for cid, code, name in db.execute(
        "SELECT id, code, name FROM centers WHERE deleted = 0")}
    return out


def _second(x: tuple[str, date]) -> date:
    return x[1]


def _on(x: Success | Transition | FollowUp) -> date:
    return x.on


def _due(x: Deadline) -> date:
    return x.due_on


def _infos(db: sqlite_utils.Database, rows: dict[str, tuple[Any, ...]],
           with_mediators: bool) -> dict[str, CaseInfo]:
    mediators: dict[str, list[str]] = {}
    for chunk in _chunks(sorted(rows) if with_mediators else []):
        for cid, mid in db.execute(
                "SELECT case_id, mediator_id FROM case_mediators"
                " WHERE case_id IN (SELECT value FROM json_each(?))", [json.dumps(chunk)]):
            mediators.setdefault(cid, []).append(mid)
    none: tuple[str, ...] = ()
    sorted_ids = {cid: tuple(sorted(ids)) for cid, ids in mediators.items()}
    day, flagged, of = _day, _flags, sorted_ids.get
    # positional: a NamedTuple built by keyword costs twice as much, for every counted case
    return {cid: CaseInfo(cid, center, dtype, source, day(accepted) if accepted else None,
                          flagged(flags or "[]"), of(cid, none))
            for cid, center, dtype, source, accepted, flags in rows.values()}


def persons(db: sqlite_utils.Database, case_ids: list[str]) -> dict[str, int]:
    """Live parties per case."""
    out: dict[str, int] = {}
    for chunk in _chunks(case_ids):
        out.update(db.execute(
            "SELECT case_id, count(*) FROM parties WHERE deleted = 0"
            " AND case_id IN (SELECT value FROM json_each(?)) GROUP BY case_id",
            [json.dumps(chunk)]))
    return out


def _successes(db: sqlite_utils.Database, s: str, e: str) -> list[Success]:
    """Agreements taking effect ``s``..``e``; a written-down oral one is not a new success.

    The written copy (人民调解协议书 made from an oral agreement) is marked by the NOTE
    event ``record_written_agreement``, recorded after the oral agreement took effect; the
    success keeps the oral agreement's date and takes the written copy's amount.
    """
    copies: dict[str, str] = {}  # oral agreement id -> its written copy
    for oral, written in db.execute(
            "SELECT json_extract(data, '$.oral_agreement_id'),"
            " json_extract(data, '$.written_agreement_id') FROM events"
            " WHERE kind = 'note' AND occurred_at >= ? AND deleted = 0"
            " AND json_extract(data, '$.action') = 'record_written_agreement'", [s]):
        if oral and written:
            copies[oral] = written
    written_ids = set(copies.values())
    rows = [r for r in db.execute(
        "SELECT id, case_id, effective_on, amount_fen, scope FROM agreements"
        " WHERE effective_on BETWEEN ? AND ? AND deleted = 0", [s, e]) if r[0] not in written_ids]
    amounts: dict[str, Any] = {}
    wanted = [copies[r[0]] for r in rows if r[0] in copies]
    for chunk in _chunks(wanted):
        amounts.update(db.execute(
            "SELECT id, amount_fen FROM agreements WHERE deleted = 0"
            " AND id IN (SELECT value FROM json_each(?))", [json.dumps(chunk)]))
    out = []
    for aid, cid, on, amount, scope in rows:
        if aid in copies and copies[aid] in amounts:
            amount = amounts[copies[aid]]
        out.append(Success(cid, _day(on), amount, scope == "partial"))
    return out


def _chunks(ids: list[str]) -> list[list[str]]:
    return [ids[i:i + _CHUNK] for i in range(0, len(ids), _CHUNK)]
