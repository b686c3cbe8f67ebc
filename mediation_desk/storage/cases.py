"""Loading and saving cases with their parties, mediators and search entries."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from ..domain.models import Case, Party
from . import records, search
from .records import ChangeLog

CASE_EXCLUDE = ("parties", "mediator_ids")


def _party_summary(case: Case) -> str:
    groups: dict[str, list[str]] = {}
    for p in case.parties:
        if not p.deleted:
            groups.setdefault(p.role.label, []).append(p.name)
    return "；".join(f"{role}：{'、'.join(names)}" for role, names in groups.items())


def _search_body(case: Case) -> str:
    parts: list[str] = [case.number, case.court_case_number, case.filing_number, case.title]
    for p in case.parties:
        if p.deleted:
            continue
        parts += [p.name, p.phone, p.id_number, p.credit_code, p.address, p.village,
                  p.agent_name, p.agent_phone, p.legal_representative]
    parts += [case.facts]
    return search.body_for(parts)


def next_serial(db: sqlite_utils.Database, center_id: str, year: int) -> int:
    """Take the next case serial for a center and year (never reused).

    Runs inside the registration transaction, so a crash either keeps both the
    counter and the case or neither; the counter only ever goes up.
    """
    row = db.execute(
        "SELECT last_serial FROM number_counters WHERE center_id = ? AND year = ?",
        [center_id, year],
    ).fetchone()
    used: int = db.execute(
        "SELECT coalesce(max(serial), 0) FROM cases WHERE center_id = ? AND year = ?",
        [center_id, year],
    ).fetchone()[0]
    serial: int = max(row[0] if row else 0, used) + 1
    db.execute(
        "INSERT INTO number_counters (center_id, year, last_serial) VALUES (?, ?, ?)"
        " ON CONFLICT (center_id, year) DO UPDATE SET last_serial = excluded.last_serial",
        [center_id, year, serial],
    )
    return serial


def serial_clashes(db: sqlite_utils.Database, incoming: list[tuple[str, str, int, int]]
                   ) -> list[tuple[str, str]]:
    """Incoming cases whose number (center, year, serial) another case already holds here.

    ``incoming`` is (id, center_id, year, serial) per case; returns (incoming id, the local
    case's number) per clash, also for two incoming cases sharing one number.
    """
    out: list[tuple[str, str]] = []
    seen: dict[tuple[str, int, int], str] = {}
    for cid, center_id, year, serial in incoming:
        key = (center_id, year, serial)
        if key in seen and seen[key] != cid:
            out.append((cid, ""))
        seen.setdefault(key, cid)
    keys = list(seen.items())
    for i in range(0, len(keys), 300):
        chunk = keys[i:i + 300]
        marks = ", ".join("(?, ?, ?)" for _ in chunk)
        params = [v for key, _cid in chunk for v in key]
        for rid, center_id, year, serial, number in db.execute(
                f"SELECT id, center_id, year, serial, number FROM cases"
                f" WHERE (center_id, year, serial) IN (VALUES {marks})", params):
            mine = seen[(center_id, year, serial)]
            if rid != mine:
                out.append((mine, number))
    return out


def mediator_names(db: sqlite_utils.Database, ids: list[str]) -> str:
    """Names of mediators by id, in the given order."""
    if not ids:
        return ""
    marks = ",".join("?" * len(ids))
    names = dict(db.execute(f"SELECT id, name FROM mediators WHERE id IN ({marks})", ids))
    return "、".join(names.get(i, "?") for i in ids)


def save_case(db: sqlite_utils.Database, case: Case, *, log: ChangeLog, now: str,
              origin: str) -> None:
    """Write the case, its parties and mediators, and refresh its search entries."""
    extra = {"party_names": _party_summary(case),
             "mediator_names": mediator_names(db, case.mediator_ids)}
    records.save(db, "cases", case, log=log, now=now, origin=origin, exclude=CASE_EXCLUDE,
                 extra=extra, entity="case")
    for position, party in enumerate(case.parties):
        party.case_id = case.id
        party.position = position
        records.save(db, "parties", party, log=log, now=now, origin=origin, entity="party")
    current = [r[0] for r in db.execute(
        "SELECT mediator_id FROM case_mediators WHERE case_id = ? ORDER BY position", [case.id])]
    if current != case.mediator_ids:
        db.execute("DELETE FROM case_mediators WHERE case_id = ?", [case.id])
        for position, mid in enumerate(case.mediator_ids):
            db.execute("INSERT INTO case_mediators (case_id, mediator_id, position) VALUES (?,?,?)",
                       [case.id, mid, position])
        log.add("case", case.id, "update", {"mediator_ids": [current, list(case.mediator_ids)]})
    rowid = db.execute("SELECT seq FROM cases WHERE id = ?", [case.id]).fetchone()[0]
    if case.deleted:
        search.unindex_case(db, rowid)
    else:
        search.index_case(db, rowid, _search_body(case))


def _hydrate(db: sqlite_utils.Database, row: dict[str, Any]) -> Case:
    case = records.from_row(Case, row, CASE_EXCLUDE)
    case.parties = records.load_where(db, "parties", Party, "case_id = ?", [case.id],
                                      order="position")
    case.mediator_ids = [r[0] for r in db.execute(
        "SELECT mediator_id FROM case_mediators WHERE case_id = ? ORDER BY position", [case.id])]
    return case


def get_case(db: sqlite_utils.Database, key: str, *, include_deleted: bool = False) -> Case | None:
    """A case by UUID or by its number (half- or full-width brackets), or None."""
    row = records.fetch_row(db, "cases", key)
    if row is None:
        normal = key.replace("(", "（").replace(")", "）").strip()
        cur = db.execute("SELECT * FROM cases WHERE number = ? OR court_case_number = ?"
                         " ORDER BY deleted, seq LIMIT 1", [normal, normal])
        values = cur.fetchone()
        if values is not None:
            row = dict(zip([d[0] for d in cur.description], values, strict=True))
    if row is None or (row["deleted"] and not include_deleted):
        return None
    return _hydrate(db, row)


def count_all(db: sqlite_utils.Database) -> int:
    """Number of live cases."""
    return int(db.execute("SELECT count(*) FROM cases WHERE deleted = 0").fetchone()[0])
