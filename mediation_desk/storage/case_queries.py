"""Case lists, counts and look-ups for screens, the CLI and statistics.

Every query is indexed; list pages use LIMIT/OFFSET over a stable order
(sort key, then ``seq``) so a table model can page rows in.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import sqlite_utils

from ..domain.codec import fen_to_yuan
from ..domain.enums import CaseFlag, CaseSource, CaseStatus, DisputeType
from ..domain.models import Party
from ..domain.queries import CaseFilter, CaseRow, CaseSort, DashboardCounts
from ..domain.state_machine import OPEN_STATUSES
from . import records, search

CLOCK_STATUSES = (CaseStatus.ACCEPTED.value, CaseStatus.MEDIATING.value)
"""Statuses whose deadline clock runs (suspended cases have a stopped clock)."""

AWAITING_JC = (CaseStatus.AGREED.value,)
AWAITING_FOLLOW_UP = (CaseStatus.AGREED.value, CaseStatus.JC_CONFIRMED.value,
                      CaseStatus.JC_WITHDRAWN.value)

_SORT_COLUMNS = {
    "number": "cases.year {d}, cases.serial {d}",
    "status": "cases.status {d}",
    "dispute_type": "cases.dispute_type {d}",
    "source": "cases.source {d}",
    "received_on": "cases.received_on {d}",
    "due_on": "cases.due_on IS NULL, cases.due_on {d}",
    "party_names": "cases.party_names {d}",
    "mediator_names": "cases.mediator_names {d}",
    "amount": "cases.amount_fen {d}",
    "center": "cases.center_id {d}",
}

_ROW_COLUMNS = ("id, number, status, dispute_type, source, received_on, accepted_on, due_on,"
                " suspended_since, title, party_names, mediator_names, amount_fen, center_id,"
                " court_case_number, flags")


def _in(column: str, values: tuple[Any, ...], params: list[Any]) -> str:
    params.extend(v.value if hasattr(v, "value") else v for v in values)
    return f"{column} IN ({','.join('?' * len(values))})"


def where_clause(db: sqlite_utils.Database, flt: CaseFilter,
                 today: date) -> tuple[str, list[Any]]:
    """SQL WHERE (without the keyword) and parameters for a filter."""
    where, params, _ = _where(db, flt, today)
    return where, params


def _where(db: sqlite_utils.Database, flt: CaseFilter,
           today: date) -> tuple[str, list[Any], search.Match | None]:
    parts = ["cases.deleted = 0"]
    params: list[Any] = []
    if flt.statuses:
        parts.append(_in("cases.status", flt.statuses, params))
    if flt.open_only:
        parts.append(_in("cases.status", tuple(s.value for s in OPEN_STATUSES), params))
    if flt.dispute_types:
        parts.append(_in("cases.dispute_type", flt.dispute_types, params))
    if flt.sources:
        parts.append(_in("cases.source", flt.sources, params))
    if flt.case_ids is not None:
        parts.append("cases.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(flt.case_ids)))
    if flt.center_id:
        parts.append("cases.center_id = ?")
        params.append(flt.center_id)
    if flt.mediator_id:
        parts.append("cases.id IN (SELECT case_id FROM case_mediators WHERE mediator_id = ?)")
        params.append(flt.mediator_id)
    for flag in flt.flags:
        parts.append("EXISTS (SELECT 1 FROM json_each(cases.flags) WHERE value = ?)")
        params.append(flag.value)
    if flt.received_from:
        parts.append("cases.received_on >= ?")
        params.append(flt.received_from.isoformat())
    if flt.received_to:
        parts.append("cases.received_on <= ?")
        params.append(flt.received_to.isoformat())
    if flt.overdue or flt.due_within is not None:
        parts.append(_in("cases.status", CLOCK_STATUSES, params))
    if flt.overdue:
        parts.append("cases.due_on < ?")
        params.append(today.isoformat())
    if flt.due_within is not None:
        parts.append("cases.due_on >= ? AND cases.due_on <= ?")
        params += [today.isoformat(), (today + timedelta(days=flt.due_within)).isoformat()]
    match = None
    if flt.text.strip():
        match = search.match_clause(db, flt.text)
        if match is None:
            parts.append("0")
        else:
            parts.append(match.sql)
            params += match.params
    return " AND ".join(parts), params, match


def _to_row(values: tuple[Any, ...]) -> CaseRow:
    (cid, number, status, dtype, source, received, accepted, due, suspended, title, pnames,
     mnames, amount, center, court_no, flags) = values
    return CaseRow(
        id=cid, number=number, status=CaseStatus(status), dispute_type=DisputeType(dtype),
        source=CaseSource(source), received_on=date.fromisoformat(received),
        accepted_on=date.fromisoformat(accepted) if accepted else None,
        due_on=date.fromisoformat(due) if due else None, suspended=bool(suspended),
        title=title, party_names=pnames, mediator_names=mnames, amount=fen_to_yuan(amount),
        center_id=center, court_case_number=court_no,
        flags=frozenset(CaseFlag(f) for f in json.loads(flags or "[]")),
    )


_DEFAULT_SORT = CaseSort()


def list_cases(db: sqlite_utils.Database, flt: CaseFilter, *, today: date,
               sort: CaseSort = _DEFAULT_SORT, offset: int = 0, limit: int = 100) -> list[CaseRow]:
    """One page of case rows matching ``flt``, ordered by ``sort``."""
    where, params = where_clause(db, flt, today)
    order = _SORT_COLUMNS.get(sort.key, _SORT_COLUMNS["received_on"])
    d = "DESC" if sort.descending else "ASC"
    sql = (f"SELECT {_ROW_COLUMNS} FROM cases WHERE {where}"
           f" ORDER BY {order.format(d=d)}, cases.seq {d} LIMIT ? OFFSET ?")
    return [_to_row(v) for v in db.execute(sql, [*params, int(limit), int(offset)])]


def count_cases(db: sqlite_utils.Database, flt: CaseFilter, *, today: date,
                cap: int | None = None) -> int:
    """Number of cases matching ``flt`` (at most ``cap`` when given: counting stops there)."""
    where, params, match = _where(db, flt, today)
    if match is not None and replace(flt, text="", caption="") == CaseFilter():
        return match.count(db, cap)  # only a text search: counted from the index
    if cap is None:
        return int(db.execute(f"SELECT count(*) FROM cases WHERE {where}", params).fetchone()[0])
    return int(db.execute(f"SELECT count(*) FROM (SELECT 1 FROM cases WHERE {where} LIMIT ?)",
                          [*params, int(cap)]).fetchone()[0])


def parties_of(db: sqlite_utils.Database, case_ids: list[str]) -> dict[str, list[Party]]:
    """Live parties of several cases, keyed by case id, in case order."""
    out: dict[str, list[Party]] = {cid: [] for cid in case_ids}
    for start in range(0, len(case_ids), 500):
        chunk = case_ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for p in records.load_where(db, "parties", Party, f"case_id IN ({marks})", chunk,
                                    order="case_id, position"):
            out[p.case_id].append(p)
    return out


def dashboard_counts(db: sqlite_utils.Database, *, today: date, warn_days: int) -> DashboardCounts:
    """Counts for the dashboard (one indexed query each)."""
    t = today.isoformat()
    soon = (today + timedelta(days=warn_days)).isoformat()

    def one(sql: str, params: list[Any]) -> int:
        return int(db.execute(sql, params).fetchone()[0])

    clock = ",".join("?" * len(CLOCK_STATUSES))
    jc = ",".join("?" * len(AWAITING_JC))
    fu = ",".join("?" * len(AWAITING_FOLLOW_UP))
    return DashboardCounts(
        new=one("SELECT count(*) FROM cases WHERE status = 'registered' AND deleted = 0", []),
        in_mediation=one("SELECT count(*) FROM cases WHERE status IN ('accepted','mediating',"
                         "'suspended') AND deleted = 0", []),
        due_soon=one(f"SELECT count(*) FROM cases WHERE status IN ({clock}) AND deleted = 0"
                     " AND due_on >= ? AND due_on <= ?", [*CLOCK_STATUSES, t, soon]),
        overdue=one(f"SELECT count(*) FROM cases WHERE status IN ({clock}) AND deleted = 0"
                    " AND due_on < ?", [*CLOCK_STATUSES, t]),
        awaiting_jc=one(f"SELECT count(*) FROM cases WHERE status IN ({jc}) AND deleted = 0"
                        " AND jc_due_on >= ?", [*AWAITING_JC, t]),
        follow_ups_due=one(f"SELECT count(*) FROM cases WHERE status IN ({fu}) AND deleted = 0"
                           " AND follow_up_due_on <= ?", [*AWAITING_FOLLOW_UP, t]),
        total=one("SELECT count(*) FROM cases WHERE deleted = 0", []),
    )


def follow_ups_due(db: sqlite_utils.Database, *, today: date, limit: int = 100) -> list[CaseRow]:
    """Cases whose follow-up visit is due, oldest due first."""
    fu = ",".join("?" * len(AWAITING_FOLLOW_UP))
    sql = (f"SELECT {_ROW_COLUMNS} FROM cases WHERE status IN ({fu}) AND deleted = 0"
           " AND follow_up_due_on <= ? ORDER BY follow_up_due_on LIMIT ?")
    return [_to_row(v) for v in db.execute(sql, [*AWAITING_FOLLOW_UP, today.isoformat(), limit])]


def awaiting_jc(db: sqlite_utils.Database, *, today: date, limit: int = 100) -> list[CaseRow]:
    """Agreed cases still inside their judicial-confirmation window, nearest end first."""
    sql = (f"SELECT {_ROW_COLUMNS} FROM cases WHERE status = 'agreed' AND deleted = 0"
           " AND jc_due_on >= ? ORDER BY jc_due_on LIMIT ?")
    return [_to_row(v) for v in db.execute(sql, [today.isoformat(), limit])]


def open_workloads(db: sqlite_utils.Database) -> dict[str, int]:
    """Open cases per mediator id."""
    statuses = tuple(s.value for s in OPEN_STATUSES)
    marks = ",".join("?" * len(statuses))
    cur = db.execute(
        "SELECT cm.mediator_id, count(*) FROM case_mediators cm JOIN cases c ON c.id = cm.case_id"
        f" WHERE c.deleted = 0 AND c.status IN ({marks}) GROUP BY cm.mediator_id", statuses)
    return {mid: n for mid, n in cur}


def related_open_cases(db: sqlite_utils.Database, parties: list[Party], *,
                       exclude_case_id: str | None = None) -> list[tuple[CaseRow, str]]:
    """Other open cases sharing a party (same ID number, or same name and phone).

    Returns each case once, with the reason in Chinese.
    """
    statuses = tuple(s.value for s in OPEN_STATUSES) + (CaseStatus.AGREED.value,)
    marks = ",".join("?" * len(statuses))
    found: dict[str, tuple[CaseRow, str]] = {}
    for p in parties:
        probes: list[tuple[str, list[Any], str]] = []
        if p.id_number:
            probes.append(("p.id_number = ?", [p.id_number], f"当事人{p.name}身份证号相同"))
        if p.name and p.phone:
            probes.append(("p.name = ? AND p.phone = ?", [p.name, p.phone],
                           f"当事人{p.name}姓名和电话相同"))
        for cond, params, reason in probes:
            sql = (f"SELECT {', '.join('c.' + c.strip() for c in _ROW_COLUMNS.split(','))}"
                   f" FROM parties p JOIN cases c ON c.id = p.case_id WHERE {cond}"
                   f" AND p.deleted = 0 AND c.deleted = 0 AND c.status IN ({marks})")
            for values in db.execute(sql, [*params, *statuses]):
                row = _to_row(values)
                if row.id != exclude_case_id and row.id not in found:
                    found[row.id] = (row, reason)
    return list(found.values())
