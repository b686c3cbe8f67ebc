"""Merge bases stored compactly: one compressed JSON Lines blob per write, plus an index.

A base is the content of a record last held in common with a peer (see
``docs/exchange-format.md`` §7). An import sets tens of thousands at once, so
instead of one row of JSON per record, each call of :func:`set_bases` stores the
records' JSON Lines as one zlib-compressed blob (``exchange_base_blobs``) and a
small index row per record (``exchange_base``: entity, record id, version, blob,
line) in a WITHOUT ROWID b-tree, written in key order. A lower version never
replaces a higher one; blobs no index row points to any more are dropped.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable
from itertools import count, repeat
from operator import itemgetter
from typing import Any

import sqlite_utils

_CHUNK = 500

# m006: bases move from one JSON row per record to blobs with an index.
DDL = """
CREATE TABLE exchange_base_blobs (
    seq INTEGER PRIMARY KEY, entity TEXT NOT NULL, content BLOB NOT NULL
);
CREATE TABLE exchange_base_index (
    entity TEXT NOT NULL, record_id TEXT NOT NULL, version INTEGER NOT NULL,
    blob INTEGER NOT NULL, line INTEGER NOT NULL, PRIMARY KEY (entity, record_id)
) WITHOUT ROWID;
"""


def migrate(db: sqlite_utils.Database) -> None:
    """Create the blob tables and move the old per-record bases into them."""
    db.executescript(DDL)
    old: dict[str, list[tuple[str, int, str]]] = {}
    for entity, rid, version, content in db.execute(
            "SELECT entity, record_id, version, content FROM exchange_base ORDER BY rowid"):
        old.setdefault(entity, []).append((rid, version, content))
    db.execute("DROP TABLE exchange_base")
    db.execute("ALTER TABLE exchange_base_index RENAME TO exchange_base")
    for entity, rows in old.items():
        _store(db, entity, rows)


def _store(db: sqlite_utils.Database, entity: str, rows: list[tuple[str, int, str]]) -> None:
    """One blob of the rows' texts and their index rows (ids unique within ``rows``)."""
    if not rows:
        return
    ids, versions, texts = zip(*rows, strict=True)
    packed = zlib.compress("\n".join(texts).encode("utf-8"), 1)
    cur = db.conn.execute("INSERT INTO exchange_base_blobs (entity, content) VALUES (?, ?)",
                          [entity, packed])
    blob = cur.lastrowid
    # In key order, so the b-tree grows at its edge instead of at random pages.
    index = sorted(zip(repeat(entity), ids, versions, repeat(blob), count()))
    db.conn.executemany(
        "INSERT INTO exchange_base VALUES (?, ?, ?, ?, ?) ON CONFLICT (entity, record_id)"
        " DO UPDATE SET version = excluded.version, blob = excluded.blob, line = excluded.line"
        " WHERE excluded.version >= exchange_base.version", index)
    db.conn.execute("DELETE FROM exchange_base_blobs WHERE entity = ? AND seq NOT IN"
                    " (SELECT blob FROM exchange_base WHERE entity = ?)", [entity, entity])


def set_bases(db: sqlite_utils.Database, entity: str, recs: Iterable[dict[str, Any]],
              texts: Iterable[str] | None = None) -> None:
    """Store merge bases (a lower version never replaces a higher one).

    ``texts`` gives each record's JSON text when it is at hand (the bundle's own
    line), sparing a re-encoding. Within one call the last record of an id wins.
    """
    recs = list(recs)
    if texts is None:
        texts = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in recs]
    rows = list(zip(map(itemgetter("id"), recs), map(itemgetter("version"), recs), texts,
                    strict=True))
    last = {rid: n for n, (rid, _v, _t) in enumerate(rows)}
    if len(last) != len(rows):
        rows = [rows[n] for n in sorted(last.values())]
    _store(db, entity, rows)


def bases(db: sqlite_utils.Database, entity: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Merge bases of records (each blob inflated once)."""
    where: dict[int, list[tuple[str, int]]] = {}
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        for rid, blob, line in db.execute(
                f"SELECT record_id, blob, line FROM exchange_base WHERE entity = ? AND"
                f" record_id IN ({','.join('?' * len(chunk))})", [entity, *chunk]):
            where.setdefault(blob, []).append((rid, line))
    out: dict[str, dict[str, Any]] = {}
    for blob, wanted in where.items():
        packed = db.execute("SELECT content FROM exchange_base_blobs WHERE seq = ?",
                            [blob]).fetchone()[0]
        lines = zlib.decompress(packed).decode("utf-8").split("\n")
        for rid, line in wanted:
            out[rid] = json.loads(lines[line])
    return out
