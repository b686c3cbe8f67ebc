"""Fast writes of an import: plain batched INSERTs for records that are new here.

A record that does not exist locally cannot collide, so it is written with a
plain ``INSERT`` (no upsert); a new case gets its derived columns (party and
mediator names) and its two search entries computed from the incoming records
and written in batches, instead of being read back and indexed one by one.
Everything else goes through :func:`exchange.write_rows` / ``refresh_cases``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from operator import itemgetter
from types import SimpleNamespace
from typing import Any

import sqlite_utils

from ..domain import codec
from ..domain.enums import PartyRole
from . import cases, search
from .exchange import _CHUNK, TABLES, _bool_columns

CASE_DERIVED = ("party_names", "mediator_names")
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_ROLES = {r.value: r for r in PartyRole}


@cache
def _layout(entity: str) -> tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]]:
    from ..domain.entities import ENTITIES, fields_of
    cls = ENTITIES[entity][0]
    cols = tuple(f for f in fields_of(entity) if f != "mediator_ids")
    structured = tuple(i for i, c in enumerate(cols) if codec.is_structured(cls, c))
    bools = _bool_columns(cls)
    return cols, structured, tuple(i for i, c in enumerate(cols) if c in bools)


def insert_new(db: sqlite_utils.Database, entity: str, wires: list[dict[str, Any]],
               derived: dict[str, tuple[str, str]] | None = None) -> None:
    """INSERT wire records that do not exist locally (version and time kept)."""
    if not wires:
        return
    cols, structured, bools = _layout(entity)
    get = itemgetter(*cols)
    dumps = _ENCODE  # json.dumps(v, ensure_ascii=False) without building an encoder per call
    rows = []
    for w in wires:
        row = list(get(w))
        for i in structured:
            row[i] = dumps(row[i])
        for i in bools:
            row[i] = int(row[i])
        if derived is not None:
            row += derived[w["id"]]
        rows.append(row)
    names = cols + (CASE_DERIVED if derived is not None else ())
    db.conn.executemany(f"INSERT INTO {TABLES[entity]} ({', '.join(names)}) VALUES"
                        f" ({', '.join('?' * len(names))})", rows)
    if entity == "cases":
        db.conn.executemany(
            "INSERT INTO case_mediators (case_id, mediator_id, position) VALUES (?, ?, ?)",
            [(w["id"], m, n) for w in wires for n, m in enumerate(w["mediator_ids"])])


def _mediator_names(db: sqlite_utils.Database, ids: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    wanted = sorted(ids)
    for i in range(0, len(wanted), _CHUNK):
        chunk = wanted[i:i + _CHUNK]
        out.update(db.execute(f"SELECT id, name FROM mediators WHERE id IN"
                              f" ({','.join('?' * len(chunk))})", chunk))
    return out


def new_case_texts(db: sqlite_utils.Database, new_cases: list[dict[str, Any]],
                   parties: Iterable[dict[str, Any]]
                   ) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """Derived columns and search text of new cases from their incoming records.

    Built by the same functions as a save (``cases._party_summary`` and
    ``cases._search_body``) over light views of the records. Mediators must
    already be written.
    """
    by_case: dict[str, list[SimpleNamespace]] = {c["id"]: [] for c in new_cases}
    for p in parties:
        if p["case_id"] in by_case:
            view = SimpleNamespace(**p)
            view.role = _ROLES[p["role"]]
            by_case[p["case_id"]].append(view)
    names = _mediator_names(db, {m for c in new_cases for m in c["mediator_ids"]})
    derived: dict[str, tuple[str, str]] = {}
    bodies: dict[str, str] = {}
    for c in new_cases:
        case = SimpleNamespace(**c)
        case.parties = sorted(by_case[c["id"]], key=lambda v: v.position)
        derived[c["id"]] = (cases._party_summary(case),  # type: ignore[arg-type]
                            "、".join(names.get(m, "?") for m in c["mediator_ids"]))
        if not c["deleted"]:
            bodies[c["id"]] = cases._search_body(case)  # type: ignore[arg-type]
    return derived, bodies


def index_new_cases(db: sqlite_utils.Database, bodies: dict[str, str]) -> None:
    """Add the search entries of newly inserted cases in two batched INSERTs."""
    ids = list(bodies)
    seqs: dict[str, int] = {}
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        seqs.update(db.execute(f"SELECT id, seq FROM cases WHERE id IN"
                               f" ({','.join('?' * len(chunk))})", chunk))
    rows = [(seqs[i], bodies[i]) for i in ids]
    db.conn.executemany("INSERT INTO case_fts (rowid, body) VALUES (?, ?)", rows)
    db.conn.executemany("INSERT INTO case_fts_chars (rowid, body) VALUES (?, ?)",
                        [(r, search.char_split(b)) for r, b in rows])
    search.index_digits(db, rows)
