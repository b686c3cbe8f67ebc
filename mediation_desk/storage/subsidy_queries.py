"""The facts of the 以案定补 sheet (docs/subsidy.md): the closings of a month's cases.

The same counting rule as the statistics (storage/statistics_queries.py): a success is an
agreement taking effect (``agreements.effective_on``), except the written copy of an oral
agreement (marked by the NOTE event ``record_written_agreement``); a failure is a
``terminate`` status change, dated by ``substr(occurred_at, 1, 10)``. Tombstoned cases,
agreements and events are left out.

The month's closings are found through the date indexes (``agreements_effective``, the
status changes' ``events_action``, the NOTE events' ``events_note``); everything else is
read for those cases only, by case id, in chunks, through the case indexes (``+kind`` /
``+effective_on`` keep the planner off the date indexes there: on 100,000 cases it chose
them and scanned every note and status change).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta

from .statistics_queries import INDEXED_ACTIONS
from .store import Store

_CHUNK = 20_000


@dataclass
class CaseClosings:
    """One case closed in the window: its closings up to the window's end, oldest first
    (``(outcome, day)``, outcome ``succeeded`` or ``failed``), and what the sheet shows."""

    case_id: str
    closings: list[tuple[str, date]] = field(default_factory=list)
    first_session: date | None = None
    mediators: list[tuple[str, str]] = field(default_factory=list)  # (id, name), 主办 first
    number: str = ""
    center_id: str = ""
    dispute_type: str = "other"
    flags: list[str] = field(default_factory=list)
    party_roles: list[str] = field(default_factory=list)  # one per live party


def _chunks(ids: list[str]) -> list[list[str]]:
    return [ids[i:i + _CHUNK] for i in range(0, len(ids), _CHUNK)]


def _copies_since(store: Store, since: str) -> set[str]:
    """Ids of written copies of oral agreements recorded since ``since`` (a copy is recorded
    after it takes effect, so these are all the copies that can take effect from then)."""
    return {r[0] for r in store.db.execute(
        "SELECT json_extract(data, '$.written_agreement_id') FROM events"
        " WHERE kind = 'note' AND occurred_at >= ? AND deleted = 0"
        " AND json_extract(data, '$.action') = 'record_written_agreement'", [since]) if r[0]}


def closings(store: Store, start: date, end: date,
             center_id: str | None = None) -> dict[str, CaseClosings]:
    """Cases with a success or termination dated ``start``..``end``, by case id."""
    db = store.db
    s, e, after = start.isoformat(), end.isoformat(), (end + timedelta(days=1)).isoformat()
    found: dict[str, list[tuple[str, date]]] = {}
    copies = _copies_since(store, s)
    for aid, cid, day in db.execute(
            "SELECT id, case_id, effective_on FROM agreements"
            " WHERE effective_on BETWEEN ? AND ? AND deleted = 0", [s, e]):
        if aid not in copies:
            found.setdefault(cid, []).append(("succeeded", date.fromisoformat(day)))
    for cid, at in db.execute(
            "SELECT case_id, occurred_at FROM events WHERE kind = 'status_change'"
            f" AND {INDEXED_ACTIONS} AND occurred_at >= ? AND occurred_at < ? AND deleted = 0"
            " AND json_extract(data, '$.action') = 'terminate'", [s, after]):
        day = date.fromisoformat(at[:10])
        if start <= day <= end:
            found.setdefault(cid, []).append(("failed", day))
    out: dict[str, CaseClosings] = {}
    ids = list(found)
    for chunk in _chunks(ids):
        param = [json.dumps(chunk)]
        for cid, number, center, dtype, flags in db.execute(
                "SELECT id, number, center_id, dispute_type, flags FROM cases"
                " WHERE deleted = 0 AND id IN (SELECT value FROM json_each(?))", param):
            if center_id is None or center == center_id:
                out[cid] = CaseClosings(cid, list(found[cid]), number=number, center_id=center,
                                        dispute_type=dtype, flags=json.loads(flags or "[]"))
    _earlier(store, out, s)
    for c in out.values():
        c.closings.sort(key=lambda oc: (oc[1], oc[0] != "succeeded"))
    _details(store, out)
    return out


def _earlier(store: Store, out: dict[str, CaseClosings], start: str) -> None:
    """Each case's closings before the window (a case is paid once) and its first session.

    One pass over the cases' events (by case: ``+kind`` keeps the planner on the
    (case_id, occurred_at) index) gives the sessions, the written copies and the
    terminations; then their agreements before the window, copies left out.
    """
    ids = list(out)
    copies: set[str] = set()
    for chunk in _chunks(ids):
        for cid, kind, at, action, written in store.db.execute(
                "SELECT case_id, kind, occurred_at, json_extract(data, '$.action'),"
                " json_extract(data, '$.written_agreement_id') FROM events"
                " WHERE +kind IN ('session', 'note', 'status_change') AND deleted = 0"
                " AND case_id IN (SELECT value FROM json_each(?))", [json.dumps(chunk)]):
            day = date.fromisoformat(at[:10])
            c = out[cid]
            if kind == "session":
                c.first_session = min(day, c.first_session or day)
            elif kind == "note" and action == "record_written_agreement" and written:
                copies.add(written)
            elif kind == "status_change" and action == "terminate" and day.isoformat() < start:
                c.closings.append(("failed", day))
    for chunk in _chunks(ids):
        for aid, cid, day in store.db.execute(
                "SELECT id, case_id, effective_on FROM agreements WHERE deleted = 0"
                " AND case_id IN (SELECT value FROM json_each(?)) AND +effective_on < ?",
                [json.dumps(chunk), start]):
            if aid not in copies:
                out[cid].closings.append(("succeeded", date.fromisoformat(day)))


def _details(store: Store, out: dict[str, CaseClosings]) -> None:
    """Mediators (主办 first) and the parties' roles of each case."""
    for chunk in _chunks(list(out)):
        param = [json.dumps(chunk)]
        for cid, mid, name in store.db.execute(
                "SELECT cm.case_id, cm.mediator_id, coalesce(m.name, '')"
                " FROM case_mediators cm LEFT JOIN mediators m ON m.id = cm.mediator_id"
                " WHERE cm.case_id IN (SELECT value FROM json_each(?))"
                " ORDER BY cm.case_id, cm.position, cm.mediator_id", param):
            out[cid].mediators.append((mid, name))
        for cid, role in store.db.execute(
                "SELECT case_id, role FROM parties WHERE deleted = 0"
                " AND case_id IN (SELECT value FROM json_each(?))", param):
            out[cid].party_roles.append(role)
