"""The facts of the 以案定补 sheet (docs/subsidy.md): the closings of a month's cases.

The same counting rule as the statistics (storage/statistics_queries.py): a success is an
agreement taking effect (``agreements.effective_on``), except the written copy of an oral
agreement (marked by the NOTE event ``record_written_agreement``); a failure is a
``terminate`` status change, dated by ``substr(occurred_at, 1, 10)``. Tombstoned cases,
agreements and events are left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from .store import Store

_CHUNK = 20_000

_CLOSINGS = """
WITH copies AS (
    SELECT json_extract(data, '$.written_agreement_id') AS id FROM events
    WHERE kind = 'note' AND deleted = 0
      AND json_extract(data, '$.action') = 'record_written_agreement'),
closings AS (
    SELECT case_id, 'succeeded' AS outcome, effective_on AS day FROM agreements
    WHERE deleted = 0 AND effective_on IS NOT NULL
      AND id NOT IN (SELECT id FROM copies WHERE id IS NOT NULL)
    UNION ALL
    SELECT case_id, 'failed', substr(occurred_at, 1, 10) FROM events
    WHERE kind = 'status_change' AND deleted = 0
      AND json_extract(data, '$.action') = 'terminate')
SELECT cl.case_id, cl.outcome, cl.day FROM closings cl
JOIN cases c ON c.id = cl.case_id AND c.deleted = 0
WHERE cl.day <= :end
  AND cl.case_id IN (SELECT case_id FROM closings WHERE day BETWEEN :start AND :end)
ORDER BY cl.case_id, cl.day, cl.outcome DESC
"""


@dataclass
class CaseClosings:
    """One case closed in the window: its closings up to the window's end, oldest first
    (``(outcome, day)``, outcome ``succeeded`` or ``failed``), and what the sheet shows."""

    case_id: str
    closings: list[tuple[str, date]] = field(default_factory=list)
    first_session: date | None = None
    mediators: list[tuple[str, str]] = field(default_factory=list)  # (id, name), 主办 first


def closings(store: Store, start: date, end: date,
             center_id: str | None = None) -> dict[str, CaseClosings]:
    """Cases with a success or termination dated ``start``..``end``, by case id."""
    db = store.db
    out: dict[str, CaseClosings] = {}
    for cid, outcome, day in db.execute(_CLOSINGS, {"start": start.isoformat(),
                                                    "end": end.isoformat()}):
        out.setdefault(cid, CaseClosings(cid)).closings.append((outcome, date.fromisoformat(day)))
    if center_id is not None:
        keep = _in_center(store, list(out), center_id)
        out = {k: v for k, v in out.items() if k in keep}
    ids = list(out)
    for chunk in (ids[i:i + _CHUNK] for i in range(0, len(ids), _CHUNK)):
        param = [json.dumps(chunk)]
        for cid, first in db.execute(
                "SELECT case_id, min(substr(occurred_at, 1, 10)) FROM events"
                " WHERE kind = 'session' AND deleted = 0"
                " AND case_id IN (SELECT value FROM json_each(?)) GROUP BY case_id", param):
            out[cid].first_session = date.fromisoformat(first)
        for cid, mid, name in db.execute(
                "SELECT cm.case_id, cm.mediator_id, coalesce(m.name, '')"
                " FROM case_mediators cm LEFT JOIN mediators m ON m.id = cm.mediator_id"
                " WHERE cm.case_id IN (SELECT value FROM json_each(?))"
                " ORDER BY cm.case_id, cm.position, cm.rowid", param):
            out[cid].mediators.append((mid, name))
    return out


def _in_center(store: Store, ids: list[str], center_id: str) -> set[str]:
    return {cid for (cid,) in store.db.execute(
        "SELECT id FROM cases WHERE center_id = ? AND id IN (SELECT value FROM json_each(?))",
        [center_id, json.dumps(ids)])}
