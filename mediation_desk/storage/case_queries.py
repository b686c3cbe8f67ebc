"""Case lists, counts and look-ups for screens, the CLI and statistics.

Every query is indexed; list pages use LIMIT/OFFSET over a stable order
(sort key, then ``seq``) so a table model can page rows in.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from math import sqrt
from typing import Any

import sqlite_utils

from ..domain.codec import fen_to_yuan
from ..domain.enums import CaseFlag, CaseSource, CaseStatus, DisputeType
from ..domain.models import Party
from ..domain.paging import CaseCursor, CasePage
from ..domain.queries import CaseFilter, CaseRow, CaseSort, DashboardCounts
from ..domain.state_machine import OPEN_STATUSES
from . import case_tallies, records, search

CLOCK_STATUSES = (CaseStatus.ACCEPTED.value, CaseStatus.MEDIATING.value)
"""Statuses whose deadline clock runs (suspended cases have a stopped clock)."""

_CLOCK_LITERAL = ", ".join(f"'{s}'" for s in CLOCK_STATUSES)
_OPEN_STATUSES = ("registered", "accepted", "mediating", "suspended")
"""OPEN_STATUSES in the order of the open cases' partial indexes (m013)."""
_OPEN_LITERAL = ", ".join(f"'{s}'" for s in _OPEN_STATUSES)

AWAITING_JC = (CaseStatus.AGREED.value,)
AWAITING_FOLLOW_UP = (CaseStatus.AGREED.value, CaseStatus.JC_CONFIRMED.value,
                      CaseStatus.JC_WITHDRAWN.value)
IN_MEDIATION = (CaseStatus.ACCEPTED.value, CaseStatus.MEDIATING.value,
                CaseStatus.SUSPENDED.value)
"""The statuses of the dashboard's 调解中 count."""

_SORT_KEYS: dict[str, tuple[str, ...]] = {
    "number": ("cases.year", "cases.serial"),
    "status": ("cases.status", "cases.received_on"),
    "dispute_type": ("cases.dispute_type", "cases.received_on"),
    "source": ("cases.source", "cases.received_on"),
    "received_on": ("cases.received_on",),
    "due_on": ("cases.due_on",),
    "party_names": ("cases.party_names",),
    "mediator_names": ("cases.mediator_names",),
    "amount": ("cases.amount_fen",),
    "center": ("cases.center_id", "cases.year", "cases.serial"),
}
"""The columns each sort key orders by (then ``seq``, in the same direction); each order is
an index's (m013; ``cases_type`` and ``cases_source`` with the date received, the unique key
for a center with the number), and open cases have each order in an index of their own."""

_OPEN_ORDERS = {"number": "number", "status": "status", "dispute_type": "type",
                "source": "source", "received_on": "received", "due_on": "due",
                "party_names": "parties", "mediator_names": "mediators", "amount": "amount",
                "center": "center"}
"""The index of open cases in each order (``cases_open_<name>``, m013)."""

_SORT_COLUMNS = {key: ", ".join(f"{c} {{d}}" for c in cols) for key, cols in _SORT_KEYS.items()}
_SORT_COLUMNS["due_on"] = "cases.due_on IS NULL, cases.due_on {d}"  # no deadline: last

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


def _where(db: sqlite_utils.Database, flt: CaseFilter, today: date, *,
           walk: str | None = None) -> tuple[str, list[Any], search.Match | None]:
    """The filter's condition. ``walk``: the leading column of the sort index the page walks;
    the other criteria are then written so that no index serves them (``+column``) and are
    checked on the rows the walk meets, and the mediator's is a lookup per row."""
    parts = ["cases.deleted = 0"]
    params: list[Any] = []

    def col(name: str) -> str:  # a column as a criterion: indexed unless walking another
        return name if walk is None or walk == name else f"+{name}"

    if flt.statuses:
        parts.append(_in(col("cases.status"), flt.statuses, params))
    if flt.open_only:
        # literal: the condition of the open cases' partial indexes (m013), served walking too
        parts.append(f"cases.status IN ({_OPEN_LITERAL})")
    if flt.dispute_types:
        parts.append(_in(col("cases.dispute_type"), flt.dispute_types, params))
    if flt.sources:
        parts.append(_in(col("cases.source"), flt.sources, params))
    if flt.case_ids is not None:
        parts.append("cases.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(flt.case_ids)))
    if flt.center_id:
        parts.append(f"{col('cases.center_id')} = ?")
        params.append(flt.center_id)
    if flt.mediator_id:
        parts.append("cases.id IN (SELECT case_id FROM case_mediators WHERE mediator_id = ?)"
                     if walk is None else "EXISTS (SELECT 1 FROM case_mediators"
                     " WHERE case_id = cases.id AND mediator_id = ?)")
        params.append(flt.mediator_id)
    for flag in flt.flags:
        # flags is the JSON list the codec writes; the literal form matches the flag's
        # partial index (m013), keyed by the date received
        needle = json.dumps(CaseFlag(flag).value)
        if col("cases.received_on") == "cases.received_on":
            parts.append(f"instr(cases.flags, '{needle}') > 0")
        else:
            parts.append("instr(cases.flags, ?) > 0")
            params.append(needle)
    if flt.received_from:
        parts.append(f"{col('cases.received_on')} >= ?")
        params.append(flt.received_from.isoformat())
    if flt.received_to:
        parts.append(f"{col('cases.received_on')} <= ?")
        params.append(flt.received_to.isoformat())
    if flt.overdue or flt.due_within is not None:
        # literal statuses: the condition of the running clocks' partial index (m013)
        parts.append(f"{col('cases.status')} IN ({_CLOCK_LITERAL})")
    if flt.overdue:
        parts.append(f"{col('cases.due_on')} < ?")
        params.append(today.isoformat())
    if flt.due_within is not None:
        parts.append(f"{col('cases.due_on')} >= ? AND {col('cases.due_on')} <= ?")
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


_STATUS = {s.value: s for s in CaseStatus}
_TYPE = {t.value: t for t in DisputeType}
_SOURCE = {s.value: s for s in CaseSource}


@lru_cache(maxsize=8192)
def _day(text: str) -> date:  # a list's dates repeat: each is parsed once
    return date.fromisoformat(text)


@lru_cache(maxsize=1024)
def _flags(text: str) -> frozenset[CaseFlag]:  # a few combinations of flags
    return frozenset(CaseFlag(f) for f in json.loads(text or "[]"))


def _to_row(values: tuple[Any, ...]) -> CaseRow:
    (cid, number, status, dtype, source, received, accepted, due, suspended, title, pnames,
     mnames, amount, center, court_no, flags) = values
    return CaseRow(
        id=cid, number=number, status=_STATUS.get(status) or CaseStatus(status),
        dispute_type=_TYPE.get(dtype) or DisputeType(dtype),
        source=_SOURCE.get(source) or CaseSource(source), received_on=_day(received),
        accepted_on=_day(accepted) if accepted else None,
        due_on=_day(due) if due else None, suspended=bool(suspended),
        title=title, party_names=pnames, mediator_names=mnames,
        amount=fen_to_yuan(amount) if amount is not None else None,
        center_id=center, court_case_number=court_no, flags=_flags(flags or "[]"),
    )


_DEFAULT_SORT = CaseSort()


def _sort_key(sort: CaseSort) -> str:
    return sort.key if sort.key in _SORT_KEYS else "received_on"


def list_cases(db: sqlite_utils.Database, flt: CaseFilter, *, today: date,
               sort: CaseSort = _DEFAULT_SORT, offset: int = 0, limit: int = 100) -> list[CaseRow]:
    """Rows ``offset`` to ``offset + limit`` of the case list matching ``flt``, ordered by
    ``sort`` (then ``seq``). Deep offsets cost their depth: screens page with
    :func:`page_cases`, which returns the same rows."""
    where, params = where_clause(db, flt, today)
    d = "DESC" if sort.descending else "ASC"
    sql = (f"SELECT {_ROW_COLUMNS} FROM cases WHERE {where}"
           f" ORDER BY {_SORT_COLUMNS[_sort_key(sort)].format(d=d)}, cases.seq {d}"
           " LIMIT ? OFFSET ?")
    return [_to_row(v) for v in db.execute(sql, [*params, int(limit), int(offset)])]


def _segments(key: str, descending: bool) -> list[tuple[str, tuple[str, ...]]]:
    """The order of a sort key as consecutive parts, each a condition and the columns it is
    ordered by: a NULL has no place in a row-value comparison, so cases without a deadline
    (last in either direction) or an amount (first ascending, last descending: SQLite's
    order) are a part of their own, ordered by ``seq`` alone."""
    cols = _SORT_KEYS[key]
    if key == "due_on":
        return [("cases.due_on IS NOT NULL", cols), ("cases.due_on IS NULL", ())]
    if key == "amount":
        parts = [("cases.amount_fen IS NULL", ()), ("cases.amount_fen IS NOT NULL", cols)]
        return parts[::-1] if descending else parts
    return [("", cols)]


def _drives(db: sqlite_utils.Database, flt: CaseFilter, today: date, limit: int,
            key: str) -> bool:
    """Whether to read the page from the filter's index and sort its matches (few matches)
    rather than walk the sort key's index checking each row (many matches).

    Walking meets about ``limit * live / matches`` rows, driving reads every match: they cost
    the same at ``sqrt(limit * live)`` matches, so the filter drives below that (counting
    stops there, which bounds what the choice costs)."""
    if flt.case_ids is not None or flt.text.strip():
        # a list of cases (a statistic's drill-down) is read as it is; a search's matches
        # come from its own indexes (storage/search.py chooses how), then sorted
        return True
    if replace(flt, caption="") == CaseFilter() or _composite(db, flt, key) is not None:
        return False
    top = int(db.execute("SELECT coalesce(max(seq), 0) FROM cases").fetchone()[0])
    threshold = max(int(sqrt(max(limit, 1) * top)), limit)
    if flt.mediator_id:
        # a mediator's cases, counted in case_mediators (counting them through cases reads
        # every one of them first): few, they drive; else the other criteria decide
        mine = db.execute("SELECT count(*) FROM (SELECT 1 FROM case_mediators"
                          " WHERE mediator_id = ? LIMIT ?)",
                          [flt.mediator_id, threshold]).fetchone()[0]
        if int(mine) < threshold:
            return True
        flt = replace(flt, mediator_id=None)
        if replace(flt, caption="") == CaseFilter():
            return False
    where, params, _ = _where(db, flt, today)
    if not (flt.flags or flt.open_only or flt.overdue or flt.due_within is not None):
        # an estimate: tombstones counted too (few), so a whole index serves it alone
        where = where.removeprefix("cases.deleted = 0 AND ")
    forced = _forced_index(db, flt, key, True)  # a flag alone: its index, not a scan
    table = f"cases INDEXED BY {forced}" if forced else "cases"
    return int(db.execute(f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {where}"
                          " LIMIT ?)", [*params, threshold]).fetchone()[0]) < threshold


_COMPOSITES = {("received_on", "statuses"): ("cases.status", ("status", "received_on")),
               ("received_on", "dispute_types"): ("cases.dispute_type",
                                                  ("dispute_type", "received_on")),
               ("received_on", "sources"): ("cases.source", ("source", "received_on")),
               ("number", "center_id"): ("cases.center_id", ("center_id", "year", "serial"))}
"""Filters of one value with an index of (that column, the order): such a page walks that
index, its rows already filtered and in order (a status with the date received, ...)."""


def _composite(db: sqlite_utils.Database, flt: CaseFilter, key: str
               ) -> tuple[str, str] | None:
    """The criterion column and index serving ``flt`` in ``key``'s order together, if any."""
    for (order, field), (column, columns) in _COMPOSITES.items():
        value = getattr(flt, field)
        single = bool(value) and (isinstance(value, str) or len(value) == 1)
        if order == key and single and not flt.open_only:
            name = _index_of(db, columns)
            if name is not None:
                return column, name
    return None


def page_cases(db: sqlite_utils.Database, flt: CaseFilter, *, today: date,
               sort: CaseSort = _DEFAULT_SORT, after: CaseCursor | None = None,
               limit: int = 100, drive: bool | None = None) -> CasePage:
    """The page of the case list after ``after`` (the first page without it), by keyset.

    Rows and order are those of :func:`list_cases` at the matching offset: every page is a
    range of the sort key's index after the last row's key, so a deep page costs what the
    first does. A case edited between two pages moves to its new place: if that place is
    before the cursor it is not listed again (nor counted twice), if after it the case shows
    (again) there; no other case is skipped or repeated.

    ``drive`` chooses the plan of a first page (tests and benchmarks); None: by the number
    of matches (:func:`_drives`). The next pages keep the first page's."""
    if after is not None and after.sort != sort:
        raise ValueError("cursor of another sort order")
    if after is not None:
        drive = after.drive
    elif drive is None:
        drive = _drives(db, flt, today, limit, _sort_key(sort))
    rows: list[CaseRow] = []
    last: tuple[int, tuple[Any, ...]] | None = None
    for number, width, sql, params in _page_queries(db, flt, today, sort, after, drive):
        for values in db.execute(sql, [*params, limit - len(rows)]):
            rows.append(_to_row(values[width:]))
            last = (number, tuple(values[:width]))
        if len(rows) >= limit:
            break
    following = None
    if last is not None and len(rows) >= limit:
        following = CaseCursor(sort=sort, segment=last[0], key=last[1], drive=drive)
    return CasePage(rows=tuple(rows), next=following)


def cursor_at(db: sqlite_utils.Database, flt: CaseFilter, *, today: date,
              sort: CaseSort = _DEFAULT_SORT, offset: int, limit: int = 100
              ) -> CaseCursor | None:
    """The cursor of the page that starts at row ``offset`` (a jump, e.g. to the last page;
    one OFFSET query): None at row 0 (the first page), and past the end."""
    if offset <= 0:
        return None
    where, params = where_clause(db, flt, today)
    d = "DESC" if sort.descending else "ASC"
    key = _sort_key(sort)
    row = db.execute(f"SELECT seq FROM cases WHERE {where}"
                     f" ORDER BY {_SORT_COLUMNS[key].format(d=d)}, cases.seq {d}"
                     " LIMIT 1 OFFSET ?", [*params, int(offset) - 1]).fetchone()
    if row is None:
        return None
    for number, (cond, seg_cols) in enumerate(_segments(key, sort.descending)):
        keys = [*seg_cols, "cases.seq"]
        values = db.execute(f"SELECT {', '.join(keys)} FROM cases WHERE seq = ?"
                            f"{f' AND {cond}' if cond else ''}", [row[0]]).fetchone()
        if values is not None:
            return CaseCursor(sort=sort, segment=number, key=tuple(values),
                              drive=_drives(db, flt, today, limit, key))
    return None


def _page_queries(db: sqlite_utils.Database, flt: CaseFilter, today: date, sort: CaseSort,
                  after: CaseCursor | None, drive: bool
                  ) -> list[tuple[int, int, str, list[Any]]]:
    """Per part of the order from the cursor's on: its number, how many key columns lead
    each row, the SQL (its last parameter the number of rows wanted) and the parameters."""
    key = _sort_key(sort)
    cols = _SORT_KEYS[key]
    composite = None if drive else _composite(db, flt, key)
    walk = None if drive else composite[0] if composite else cols[0]
    where, params, _ = _where(db, flt, today, walk=walk)
    d, op = ("DESC", "<") if sort.descending else ("ASC", ">")
    segments = _segments(key, sort.descending)
    forced = composite[1] if composite else _forced_index(db, flt, key, drive)
    table = f"cases INDEXED BY {forced}" if forced else "cases"
    out = []
    for number in range(after.segment if after is not None else 0, len(segments)):
        cond, seg_cols = segments[number]
        keys = [*seg_cols, "cases.seq"]
        sql_parts, sql_params = [where], list(params)
        if cond:
            sql_parts.append(cond)
        if after is not None and number == after.segment:
            sql_parts.append(f"({', '.join(keys)}) {op} ({', '.join('?' * len(keys))})")
            sql_params += list(after.key[-len(keys):])
        out.append((number, len(keys),
                    f"SELECT {', '.join(keys)}, {_ROW_COLUMNS} FROM {table}"
                    f" WHERE {' AND '.join(sql_parts)}"
                    f" ORDER BY {', '.join(f'{c} {d}' for c in keys)} LIMIT ?", sql_params))
    return out


def _forced_index(db: sqlite_utils.Database, flt: CaseFilter, key: str,
                  drive: bool) -> str | None:
    """The index a page reads, where the planner (without statistics, and weighing a small
    LIMIT) could take another and sort.

    Walking: the open cases' own index of the order for open cases; a flag's index (keyed
    by the date received) in that order; else the order's index of live cases, found by its
    columns. Driving from a flag alone: the flag's index (nothing else limits the rows)."""
    first_flag = f"cases_flag_{CaseFlag(flt.flags[0]).value}" if flt.flags else None
    if not drive:
        if flt.open_only:
            return f"cases_open_{_OPEN_ORDERS[key]}"
        if key == "received_on" and first_flag:
            return first_flag
        return _order_index(db, key)
    others = (flt.statuses, flt.open_only, flt.dispute_types, flt.sources, flt.center_id,
              flt.mediator_id, flt.received_from, flt.received_to, flt.overdue,
              flt.due_within is not None, flt.case_ids is not None, flt.text.strip())
    return first_flag if not any(others) else None


_INDEXES: dict[tuple[int, int], dict[tuple[str, ...], str]] = {}


def _order_index(db: sqlite_utils.Database, key: str) -> str | None:
    """The index of ``key``'s order (its columns, then the row id ``seq``)."""
    return _index_of(db, tuple(c.removeprefix("cases.") for c in _SORT_KEYS[key]))


def _index_of(db: sqlite_utils.Database, columns: tuple[str, ...]) -> str | None:
    """The index on ``cases`` of exactly these columns (then the row id), partial to live
    cases or whole, found in the schema by its columns (some are m001's, one is the unique
    key's); None if there is none (the planner then chooses)."""
    version = int(db.execute("PRAGMA schema_version").fetchone()[0])
    found = _INDEXES.get((id(db.conn), version))
    if found is None:
        found = {}
        indexes = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                             " AND tbl_name = 'cases'").fetchall()
        # whole indexes last: a partial one of live cases is smaller
        for name, sql in sorted(indexes, key=lambda i: " WHERE " not in (i[1] or "")):
            where = " ".join((sql or "").split(" WHERE ", 1)[1:]).split()
            cols = tuple(r[2] for r in db.execute(f"PRAGMA index_info('{name}')"))
            if where in ([], ["deleted", "=", "0"]):
                found.setdefault(cols, name)
        _INDEXES[id(db.conn), version] = found
    return found.get(columns)


def page_plan(db: sqlite_utils.Database, flt: CaseFilter, *, today: date,
              sort: CaseSort = _DEFAULT_SORT, after: CaseCursor | None = None,
              limit: int = 100, drive: bool | None = None) -> list[str]:
    """How SQLite reads each part of such a page (EXPLAIN QUERY PLAN details, in order)."""
    if after is not None:
        drive = after.drive
    elif drive is None:
        drive = _drives(db, flt, today, limit, _sort_key(sort))
    plan = []
    for _n, _w, sql, params in _page_queries(db, flt, today, sort, after, drive):
        plan += [row[-1] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", [*params, limit])]
    return plan


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
    """Counts for the dashboard, each a sum over a few rows of the tallies (m015).

    ``case_tallies`` holds the live cases per status and per date of the three clocks the
    dashboard shows, kept by triggers with every write of a case (storage/case_tallies.py);
    the total is the live-case tally (m013). The same figures as ``count(*)`` over the cases
    (a test compares them), without reading the cases they count."""
    t = today.isoformat()
    soon = (today + timedelta(days=warn_days)).isoformat()
    return DashboardCounts(
        new=case_tallies.in_statuses(db, [CaseStatus.REGISTERED.value]),
        in_mediation=case_tallies.in_statuses(db, IN_MEDIATION),
        due_soon=case_tallies.in_range(db, "due", low=t, high=soon),
        overdue=case_tallies.in_range(db, "due", below=t),
        awaiting_jc=case_tallies.in_range(db, "jc", low=t),
        follow_ups_due=case_tallies.in_range(db, "follow_up", high=t),
        total=int(db.execute("SELECT live FROM case_tally").fetchone()[0]),
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
