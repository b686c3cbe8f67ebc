"""Storage of the exchange: desk keys, trusted desks, the bundle ledger,
what each peer holds, merge bases, conflicts, and raw writes of merged records.

Raw writes keep a record's version, time and origin exactly as merged (the
generic :func:`records.save` would bump them).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from operator import itemgetter
from typing import Any

import sqlite_utils

from ..domain import codec
from ..domain.models import Case
from . import cases, exchange_bases, search

DDL = """
CREATE TABLE desk_keys (
    id INTEGER PRIMARY KEY CHECK (id = 1), signing_private BLOB NOT NULL,
    encryption_private BLOB NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE trusted_desks (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, center_id TEXT NOT NULL,
    signing_public BLOB NOT NULL, encryption_public BLOB NOT NULL, fingerprint TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0, trusted_at TEXT NOT NULL, revoked_at TEXT
);
CREATE TABLE exchange_ledger (
    bundle_id TEXT PRIMARY KEY, direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    peer TEXT NOT NULL, kind TEXT NOT NULL, sequence INTEGER NOT NULL,
    acknowledged INTEGER NOT NULL, full INTEGER NOT NULL, created_at TEXT NOT NULL,
    recorded_at TEXT NOT NULL, counts TEXT NOT NULL, file_sha256 TEXT NOT NULL
);
CREATE INDEX exchange_ledger_peer ON exchange_ledger (peer, direction, sequence);
CREATE TABLE exchange_sent (
    peer TEXT NOT NULL, sequence INTEGER NOT NULL, entity TEXT NOT NULL,
    record_id TEXT NOT NULL, version INTEGER NOT NULL
);
CREATE INDEX exchange_sent_peer ON exchange_sent (peer, sequence);
CREATE TABLE exchange_known (
    peer TEXT NOT NULL, entity TEXT NOT NULL, record_id TEXT NOT NULL,
    version INTEGER NOT NULL, PRIMARY KEY (peer, entity, record_id)
) WITHOUT ROWID;
CREATE TABLE exchange_base (
    entity TEXT NOT NULL, record_id TEXT NOT NULL, version INTEGER NOT NULL,
    content TEXT NOT NULL, PRIMARY KEY (entity, record_id)
) WITHOUT ROWID;
CREATE TABLE exchange_conflicts (
    seq INTEGER PRIMARY KEY, bundle_id TEXT NOT NULL, entity TEXT NOT NULL,
    record_id TEXT NOT NULL, field TEXT NOT NULL, local_value TEXT, incoming_value TEXT,
    created_at TEXT NOT NULL, resolved_at TEXT, resolution TEXT
);
CREATE INDEX exchange_conflicts_open ON exchange_conflicts (resolved_at, entity, record_id);
"""

# m005: merge bases move to a rowid table with a unique index (rows are whole records).
BASE_ROWID_DDL = """
CREATE TABLE exchange_base_new (
    entity TEXT NOT NULL, record_id TEXT NOT NULL, version INTEGER NOT NULL,
    content TEXT NOT NULL
);
INSERT INTO exchange_base_new SELECT entity, record_id, version, content FROM exchange_base;
DROP TABLE exchange_base;
ALTER TABLE exchange_base_new RENAME TO exchange_base;
CREATE UNIQUE INDEX exchange_base_record ON exchange_base (entity, record_id);
"""

TABLES = {"centers": "centers", "mediators": "mediators", "cases": "cases", "parties": "parties",
          "events": "events", "agreements": "agreements", "attachments": "attachments",
          "holiday_notices": "holiday_notices", "documents": "documents"}
_CHUNK = 500


def _rows(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, v, strict=True)) for v in cur]


# -- keys and trust ---------------------------------------------------------
def load_keys(db: sqlite_utils.Database) -> tuple[bytes, bytes] | None:
    """This desk's private keys (signing, encryption), or None before they exist."""
    row = db.execute("SELECT signing_private, encryption_private FROM desk_keys").fetchone()
    return None if row is None else (bytes(row[0]), bytes(row[1]))


def save_keys(db: sqlite_utils.Database, signing: bytes, encryption: bytes, now: str) -> None:
    """Store the desk's keys once (a second call fails on the primary key)."""
    db.execute("INSERT INTO desk_keys (id, signing_private, encryption_private, created_at)"
               " VALUES (1, ?, ?, ?)", [signing, encryption, now])


def trusted(db: sqlite_utils.Database, code: str | None = None) -> list[dict[str, Any]]:
    """Trusted desks (all, or the one with ``code``)."""
    if code is None:
        return _rows(db.execute("SELECT * FROM trusted_desks ORDER BY code"))
    return _rows(db.execute("SELECT * FROM trusted_desks WHERE code = ?", [code]))


def save_trusted(db: sqlite_utils.Database, row: dict[str, Any]) -> None:
    """Insert or replace a trusted desk."""
    cols = ", ".join(row)
    db.execute(f"INSERT OR REPLACE INTO trusted_desks ({cols}) VALUES"
               f" ({', '.join('?' * len(row))})", list(row.values()))


def set_revoked(db: sqlite_utils.Database, code: str, now: str) -> None:
    """Mark a trusted desk's key revoked."""
    db.execute("UPDATE trusted_desks SET revoked = 1, revoked_at = ? WHERE code = ?", [now, code])


def replace_keys(db: sqlite_utils.Database, signing: bytes, encryption: bytes, now: str) -> None:
    """Replace the desk's own keys (a key change)."""
    db.execute("UPDATE desk_keys SET signing_private = ?, encryption_private = ?,"
               " created_at = ? WHERE id = 1", [signing, encryption, now])


def add_revoked_key(db: sqlite_utils.Database, row: dict[str, Any]) -> None:
    """Remember a key this desk stopped trusting (kept for ever)."""
    db.execute("INSERT OR IGNORE INTO revoked_keys (fingerprint, code, signing_public,"
               " encryption_public, revoked_at, reason) VALUES (:fingerprint, :code,"
               " :signing_public, :encryption_public, :revoked_at, :reason)", row)


def revoked_keys(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every revoked key, newest first."""
    return _rows(db.execute("SELECT * FROM revoked_keys ORDER BY revoked_at DESC, code"))


def key_revoked(db: sqlite_utils.Database, signing: bytes, encryption: bytes) -> str | None:
    """The fingerprint of a revoked key sharing either public key with these, or None."""
    row = db.execute("SELECT fingerprint FROM revoked_keys WHERE signing_public = ?"
                     " OR encryption_public = ?", [signing, encryption]).fetchone()
    return None if row is None else str(row[0])


def add_anchors(db: sqlite_utils.Database, rows: list[tuple[str, str, int, str, str, str]]
                ) -> None:
    """Keep anchors (peer, direction, seq, hash, bundle_id, recorded_at); repeats ignored."""
    db.conn.executemany("INSERT OR IGNORE INTO audit_anchors (peer, direction, seq, hash,"
                        " bundle_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?)", rows)


def anchors(db: sqlite_utils.Database, direction: str, peer: str | None = None,
            limit: int | None = None) -> list[dict[str, Any]]:
    """Anchors of one direction (of one peer), newest first."""
    sql = "SELECT * FROM audit_anchors WHERE direction = ?"
    params: list[Any] = [direction]
    if peer is not None:
        sql += " AND peer = ?"
        params.append(peer)
    sql += " ORDER BY seq DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return _rows(db.execute(sql, params))


def ledger_sequences(db: sqlite_utils.Database, peer: str, direction: str) -> list[int]:
    """Every sequence in the ledger from/to ``peer``, ascending."""
    return [int(r[0]) for r in db.execute(
        "SELECT sequence FROM exchange_ledger WHERE peer = ? AND direction = ?"
        " ORDER BY sequence", [peer, direction])]


# -- ledger, acknowledgements, bases ------------------------------------------
def ledger_entry(db: sqlite_utils.Database, bundle_id: str) -> dict[str, Any] | None:
    """The ledger row of a bundle, or None."""
    found = _rows(db.execute("SELECT * FROM exchange_ledger WHERE bundle_id = ?", [bundle_id]))
    return found[0] if found else None


def last_sequence(db: sqlite_utils.Database, peer: str, direction: str) -> int:
    """Highest sequence sent to (out) or received from (in) ``peer``."""
    return int(db.execute("SELECT coalesce(max(sequence), 0) FROM exchange_ledger"
                          " WHERE peer = ? AND direction = ?", [peer, direction]).fetchone()[0])


def record_ledger(db: sqlite_utils.Database, row: dict[str, Any]) -> None:
    """Add a ledger row."""
    row = {**row, "counts": json.dumps(row["counts"], sort_keys=True), "full": int(row["full"])}
    db.execute(f"INSERT INTO exchange_ledger ({', '.join(row)}) VALUES"
               f" ({', '.join('?' * len(row))})", list(row.values()))


def record_sent(db: sqlite_utils.Database, peer: str, sequence: int,
                items: Iterable[tuple[str, str, int]]) -> None:
    """Remember which record versions went out in a bundle."""
    db.conn.executemany("INSERT INTO exchange_sent VALUES (?, ?, ?, ?, ?)",
                        ((peer, sequence, e, i, v) for e, i, v in items))


def mark_known(db: sqlite_utils.Database, peer: str,
               items: Iterable[tuple[str, str, int]]) -> None:
    """``peer`` holds these record versions (raise only, never lower)."""
    # In key order, so the b-tree grows at its edge: entities in order, then each
    # entity's ids (sorting plain ids is faster than sorting 4-tuples with a common prefix).
    groups: dict[str, list[tuple[str, int]]] = {}
    for e, i, v in items:
        groups.setdefault(e, []).append((i, v))
    rows: list[tuple[str, str, str, int]] = []
    for e in sorted(groups):
        pairs = groups[e]
        pairs.sort(key=itemgetter(0))
        rows += [(peer, e, i, v) for i, v in pairs]
    db.conn.executemany(
        "INSERT INTO exchange_known VALUES (?, ?, ?, ?) ON CONFLICT (peer, entity, record_id)"
        " DO UPDATE SET version = max(version, excluded.version)", rows)


def acknowledge(db: sqlite_utils.Database, peer: str, upto: int) -> None:
    """The peer received our bundles up to ``upto``: what they carried is known to it."""
    db.execute(
        "INSERT INTO exchange_known SELECT peer, entity, record_id, max(version)"
        " FROM exchange_sent WHERE peer = ? AND sequence <= ? GROUP BY entity, record_id"
        " ON CONFLICT (peer, entity, record_id) DO UPDATE SET"
        " version = max(version, excluded.version)", [peer, upto])
    db.execute("DELETE FROM exchange_sent WHERE peer = ? AND sequence <= ?", [peer, upto])


def known_versions(db: sqlite_utils.Database, peer: str, entity: str) -> dict[str, int]:
    """Record id -> version held by ``peer``."""
    return dict(db.execute("SELECT record_id, version FROM exchange_known"
                           " WHERE peer = ? AND entity = ?", [peer, entity]))


def known_versions_of(db: sqlite_utils.Database, peer: str, entity: str, ids: list[str]
                      ) -> dict[str, int]:
    """Record id -> version held by ``peer``, for these ids only."""
    out: dict[str, int] = {}
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        out.update(db.execute("SELECT record_id, version FROM exchange_known WHERE peer = ?"
                              f" AND entity = ? AND record_id IN ({','.join('?' * len(chunk))})",
                              [peer, entity, *chunk]))
    return out


def bases(db: sqlite_utils.Database, entity: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Merge bases of records (stored by :mod:`exchange_bases`)."""
    return exchange_bases.bases(db, entity, ids)


def set_bases(db: sqlite_utils.Database, entity: str, recs: Iterable[dict[str, Any]],
              texts: Iterable[str] | None = None) -> None:
    """Store merge bases (a lower version never replaces a higher one)."""
    exchange_bases.set_bases(db, entity, recs, texts)


def set_bases_packed(db: sqlite_utils.Database, entity: str, member: tuple[int, bytes],
                     rows: list[tuple[str, int, int]]) -> None:
    """Store bases that are lines of a bundle member, kept as stored in its ZIP."""
    exchange_bases.set_bases_packed(db, entity, member, rows)


def add_conflicts(db: sqlite_utils.Database, rows: list[tuple[Any, ...]]) -> None:
    """Rows of (bundle_id, entity, record_id, field, local, incoming, created_at)."""
    db.conn.executemany(
        "INSERT INTO exchange_conflicts (bundle_id, entity, record_id, field, local_value,"
        " incoming_value, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(b, e, r, f, json.dumps(lv, ensure_ascii=False), json.dumps(iv, ensure_ascii=False), t)
         for b, e, r, f, lv, iv, t in rows])


def open_conflicts(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Conflicts waiting for a person's choice."""
    rows = _rows(db.execute("SELECT * FROM exchange_conflicts WHERE resolved_at IS NULL"
                            " ORDER BY seq"))
    for r in rows:
        r["local_value"] = json.loads(r["local_value"])
        r["incoming_value"] = json.loads(r["incoming_value"])
    return rows


def resolve_conflict(db: sqlite_utils.Database, seq: int, choice: str, now: str) -> None:
    """Mark a conflict decided."""
    db.execute("UPDATE exchange_conflicts SET resolved_at = ?, resolution = ? WHERE seq = ?",
               [now, choice, seq])


# -- records on the wire ------------------------------------------------------
def _bool_columns(cls: type) -> set[str]:
    from typing import get_type_hints

    from ..domain import models
    hints = get_type_hints(cls, vars(models))
    return {k for k, v in hints.items() if v is bool}


def to_wire_rows(db: sqlite_utils.Database, entity: str, cls: type, rows: list[dict[str, Any]],
                 fields: list[str]) -> list[dict[str, Any]]:
    """Database rows -> wire dicts (JSON values, real booleans, case mediator ids)."""
    structured = {f for f in fields if codec.is_structured(cls, f)}
    bools = _bool_columns(cls)
    mediators: dict[str, list[str]] = {}
    if entity == "cases" and rows:
        ids = [r["id"] for r in rows]
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            for cid, mid in db.execute(
                    "SELECT case_id, mediator_id FROM case_mediators WHERE case_id IN"
                    f" ({','.join('?' * len(chunk))}) ORDER BY case_id, position", chunk):
                mediators.setdefault(cid, []).append(mid)
    out = []
    for row in rows:
        wire = {}
        for f in fields:
            if f == "mediator_ids":
                wire[f] = mediators.get(row["id"], [])
                continue
            value = row[f]
            if f in structured:
                value = json.loads(value) if isinstance(value, str) else value
            elif f in bools:
                value = bool(value)
            wire[f] = value
        out.append(wire)
    return out


def fetch(db: sqlite_utils.Database, entity: str, ids: list[str]) -> list[dict[str, Any]]:
    """Raw rows of ``entity`` with these ids."""
    out: list[dict[str, Any]] = []
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        out += _rows(db.execute(f"SELECT * FROM {TABLES[entity]} WHERE id IN"
                                f" ({','.join('?' * len(chunk))})", chunk))
    return out


def select(db: sqlite_utils.Database, entity: str, where: str, params: list[Any]
           ) -> list[dict[str, Any]]:
    """Raw rows of ``entity`` (tombstones included) matching ``where``."""
    return _rows(db.execute(f"SELECT * FROM {TABLES[entity]} WHERE {where} ORDER BY seq", params))


def cases_of_mediator(db: sqlite_utils.Database, mediator_id: str, origin: str = ""
                      ) -> list[dict[str, Any]]:
    """Raw case rows (tombstones included) to which ``mediator_id`` is assigned, and those a
    desk with code ``origin`` registered (a field laptop's own cases)."""
    return select(db, "cases", "id IN (SELECT case_id FROM case_mediators WHERE mediator_id = ?)"
                  " OR origin = ?", [mediator_id, origin])


# -- what a bundle carries: the selections an export makes ---------------------
# Each returns raw rows (tombstones included, so a deletion travels) in insertion order.
def all_records(db: sqlite_utils.Database, entity: str) -> list[dict[str, Any]]:
    """Every row of ``entity``."""
    return select(db, entity, "1", [])


_CASE_SELECTIONS = {
    "all": "1", "ids": "id IN ({marks})", "sources": "source IN ({marks})",
    "center": "center_id = ?",
    "mediator": "id IN (SELECT case_id FROM case_mediators WHERE mediator_id = ?) OR origin = ?",
}


def case_ids(db: sqlite_utils.Database, selection: str, values: list[Any]) -> list[str]:
    """Ids of the cases (tombstones included) an export selects, in insertion order.

    ``selection`` is one of ``all``, ``ids`` (these case ids), ``sources`` (cases of these
    sources), ``center`` (of one center id) and ``mediator`` (assigned to a mediator id, or
    registered by a desk code): the same selections as the row-returning functions below.
    """
    where = _CASE_SELECTIONS[selection].format(marks=",".join("?" * len(values)))
    return [str(r[0]) for r in db.execute(f"SELECT id FROM cases WHERE {where} ORDER BY seq",
                                          values)]


def cases_with_ids(db: sqlite_utils.Database, ids: list[str]) -> list[dict[str, Any]]:
    """The case rows with these ids."""
    return select(db, "cases", f"id IN ({','.join('?' * len(ids))})", list(ids))


def cases_from_sources(db: sqlite_utils.Database, sources: Iterable[str]
                       ) -> list[dict[str, Any]]:
    """Case rows whose source is one of ``sources`` (e.g. the court-related ones)."""
    values = list(sources)
    return select(db, "cases", f"source IN ({', '.join('?' * len(values))})", values)


def cases_of_center(db: sqlite_utils.Database, center_id: str) -> list[dict[str, Any]]:
    """Case rows of one center."""
    return select(db, "cases", "center_id = ?", [center_id])


def children_of_cases(db: sqlite_utils.Database, entity: str, case_ids: list[str]
                      ) -> list[dict[str, Any]]:
    """Rows of a case's child entity (parties, events, ...) of these cases, in chunks."""
    out: list[dict[str, Any]] = []
    for i in range(0, len(case_ids), _CHUNK):
        chunk = case_ids[i:i + _CHUNK]
        out += select(db, entity, f"case_id IN ({','.join('?' * len(chunk))})", chunk)
    return out


def mediators_of_center(db: sqlite_utils.Database, center_id: str) -> list[dict[str, Any]]:
    """The whole roster of a center (mediator rows)."""
    return select(db, "mediators", "center_id = ?", [center_id])


def notices_of_origin(db: sqlite_utils.Database, origin: str) -> list[dict[str, Any]]:
    """Holiday notice rows issued by the desk ``origin``."""
    return select(db, "holiday_notices", "origin = ?", [origin])


def case_id_of(db: sqlite_utils.Database, entity: str, record_id: str) -> str:
    """The case a record belongs to (the record itself for a case; '' when unknown)."""
    if entity == "cases":
        return record_id
    rows = fetch(db, entity, [record_id])
    return str(rows[0].get("case_id", "") or "") if rows else ""


def existing_ids(db: sqlite_utils.Database, entity: str, ids: set[str]) -> set[str]:
    """Which of ``ids`` exist in ``entity`` (tombstones included)."""
    return {r["id"] for r in fetch(db, entity, sorted(ids))}


def existing_blobs(db: sqlite_utils.Database, hashes: set[str]) -> set[str]:
    """Which attachment contents are stored."""
    out = set()
    for h in hashes:
        if db.execute("SELECT 1 FROM attachment_blobs WHERE sha256 = ?", [h]).fetchone():
            out.add(h)
    return out


def store_blobs(db: sqlite_utils.Database, blobs: dict[str, bytes]) -> None:
    """Store attachment contents by hash."""
    db.conn.executemany("INSERT OR IGNORE INTO attachment_blobs (sha256, content) VALUES (?, ?)",
                   list(blobs.items()))


def write_rows(db: sqlite_utils.Database, entity: str, wires: list[dict[str, Any]]) -> None:
    """Upsert wire records exactly as given (version and time kept)."""
    if not wires:
        return
    rows = []
    for w in wires:
        row = {}
        for k, v in w.items():
            if k == "mediator_ids":
                continue
            if isinstance(v, (list, dict)):
                v = json.dumps(v, ensure_ascii=False)
            elif isinstance(v, bool):
                v = int(v)
            row[k] = v
        rows.append(row)
    cols = list(rows[0])
    sets = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "id")
    db.conn.executemany(f"INSERT INTO {TABLES[entity]} ({', '.join(cols)}) VALUES"
                   f" ({', '.join(':' + c for c in cols)}) ON CONFLICT (id) DO UPDATE SET {sets}",
                   rows)
    if entity == "cases":
        db.conn.executemany("DELETE FROM case_mediators WHERE case_id = ?",
                            [[w["id"]] for w in wires])
        db.conn.executemany(
            "INSERT INTO case_mediators (case_id, mediator_id, position) VALUES (?, ?, ?)",
            [(w["id"], m, n) for w in wires for n, m in enumerate(w["mediator_ids"])])


def refresh_cases(db: sqlite_utils.Database, case_ids: Iterable[str]) -> None:
    """Recompute party and mediator names and search entries of cases after raw writes.

    Works on light row views (not full domain objects) so a bundle of thousands
    of cases refreshes in bulk; the text is built by the same functions as a save.
    """
    from types import SimpleNamespace

    from ..domain.enums import PartyRole
    ids = list(case_ids)
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        parties: dict[str, list[SimpleNamespace]] = {}
        for row in _rows(db.execute(f"SELECT * FROM parties WHERE case_id IN ({marks})"
                                    " ORDER BY case_id, position", chunk)):
            row["deleted"] = bool(row["deleted"])
            row["role"] = PartyRole(row["role"])
            parties.setdefault(row["case_id"], []).append(SimpleNamespace(**row))
        mediators: dict[str, list[str]] = {}
        for cid, mid in db.execute(f"SELECT case_id, mediator_id FROM case_mediators WHERE"
                                   f" case_id IN ({marks}) ORDER BY case_id, position", chunk):
            mediators.setdefault(cid, []).append(mid)
        updates = []
        for row in _rows(db.execute(f"SELECT * FROM cases WHERE id IN ({marks})", chunk)):
            case = SimpleNamespace(**row)
            case.parties = parties.get(row["id"], [])
            updates.append((cases._party_summary(case),  # type: ignore[arg-type]
                            cases.mediator_names(db, mediators.get(row["id"], [])), row["id"]))
            if row["deleted"]:
                search.unindex_case(db, row["seq"])
            else:
                search.index_case(db, row["seq"], cases._search_body(case))  # type: ignore[arg-type]
        db.conn.executemany("UPDATE cases SET party_names = ?, mediator_names = ? WHERE id = ?",
                            updates)


__all__ = ["DDL", "Case"]


def status_counts_without_sources(db: sqlite_utils.Database, sources: list[str]) -> dict[str, int]:
    """Live cases per status, leaving out the given sources (counts only, no personal data)."""
    marks = ",".join("?" * len(sources))
    cur = db.execute(f"SELECT status, count(*) FROM cases WHERE deleted = 0 AND"
                     f" source NOT IN ({marks}) GROUP BY status", sources)
    return {status: int(n) for status, n in cur}
