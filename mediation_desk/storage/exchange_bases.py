"""Merge bases stored compactly: one compressed JSON Lines blob per write, plus an index.

A base is the content of a record last held in common with a peer (see
``docs/exchange-format.md`` §7). An import sets tens of thousands at once, so
instead of one row of JSON per record, each write stores one blob of JSON Lines
(``exchange_base_blobs``) and a small index row per record (``exchange_base``:
entity, record id, version, blob, line) in a WITHOUT ROWID b-tree, written in
key order. An import keeps the bundle's own JSON Lines member exactly as its
ZIP stored it (no second compression); other writes (exports, enrollment)
compress their records' JSON with zlib. A lower version never replaces a
higher one; blobs no index row points to any more are dropped.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable
from itertools import count
from operator import itemgetter
from typing import Any

import sqlite_utils

_CHUNK = 500

# A blob is a one-byte tag and its payload: zlib, raw deflate (a bundle's own
# ZIP member, kept as it came) or stored text. The first blobs had no tag (zlib).
_ZLIB, _DEFLATE, _STORED = b"z", b"d", b"s"
_ZIP_METHODS = {8: _DEFLATE, 0: _STORED}  # ZIP_DEFLATED, ZIP_STORED


def _inflate(content: bytes) -> list[str]:
    tag, body = content[:1], content[1:]
    if tag == _DEFLATE:
        text = zlib.decompress(body, -15)
    elif tag == _STORED:
        text = body
    elif tag == _ZLIB:
        text = zlib.decompress(body)
    else:
        text = zlib.decompress(content)
    return bytes(text).decode("utf-8").split("\n")


def _store(db: sqlite_utils.Database, entity: str, content: bytes | bytearray,
           rows: Iterable[tuple[str, int, int]]) -> None:
    """One blob and the index rows (id, version, line) pointing into it (ids unique)."""
    blob = _insert_blob(db, entity, content)
    _point(db, entity, blob, rows)
    _prune(db, entity)


def _insert_blob(db: sqlite_utils.Database, entity: str, content: bytes | bytearray) -> int:
    cur = db.conn.execute("INSERT INTO exchange_base_blobs (entity, content) VALUES (?, ?)",
                          [entity, content])
    return int(cur.lastrowid or 0)


def _point(db: sqlite_utils.Database, entity: str, blob: int,
           rows: Iterable[tuple[str, int, int]]) -> None:
    """Index rows (id, version, line) pointing into ``blob``, a newer version winning."""
    # In key order, so the b-tree grows at its edge instead of at random pages.
    # Sorted by id alone (one entity; faster than whole tuples). A repeated id keeps
    # its input (line) order; the upsert's version rule leaves the same winner.
    index = ((entity, rid, v, blob, n) for rid, v, n in sorted(rows, key=itemgetter(0)))
    db.conn.executemany(
        "INSERT INTO exchange_base VALUES (?, ?, ?, ?, ?) ON CONFLICT (entity, record_id)"
        " DO UPDATE SET version = excluded.version, blob = excluded.blob, line = excluded.line"
        " WHERE excluded.version >= exchange_base.version", index)


def _prune(db: sqlite_utils.Database, entity: str) -> None:
    """Drop the blobs of ``entity`` no index row points to any more."""
    db.conn.execute("DELETE FROM exchange_base_blobs WHERE entity = ? AND seq NOT IN"
                    " (SELECT blob FROM exchange_base WHERE entity = ?)", [entity, entity])


class PackedBases:
    """Bases that are lines of one bundle member, stored batch by batch (an import).

    The member is stored once, as its ZIP stored it, when the first base is added; each
    :meth:`add` writes the index rows of one batch (in id order within the batch: a
    bundle's lines come in the sender's order, close to id order for time-ordered ids), so
    no list of every record's (id, version, line) is held. :meth:`close` drops blobs no
    index row points to any more (the rule of :func:`_store`).
    """

    def __init__(self, db: sqlite_utils.Database, entity: str,
                 member: tuple[int, bytes | memoryview | list[bytes]]) -> None:
        self._db, self._entity, self._member = db, entity, member
        self._blob: int | None = None

    def add(self, rows: list[tuple[str, int, int]]) -> None:
        """Bases of (record id, version, line number); ids unique within the member."""
        if not rows:
            return
        if self._blob is None:
            method, stored = self._member
            content = bytearray(_ZIP_METHODS[method])  # one copy of the member, not two
            for part in stored if isinstance(stored, list) else (stored,):
                content += part
            self._blob = _insert_blob(self._db, self._entity, content)
            del content
        _point(self._db, self._entity, self._blob, rows)

    def close(self) -> None:
        """Drop the blobs of this entity that no base points to any more."""
        if self._blob is not None:
            _prune(self._db, self._entity)


def _store_texts(db: sqlite_utils.Database, entity: str,
                 rows: list[tuple[str, int, str]]) -> None:
    if rows:
        ids, versions, texts = zip(*rows, strict=True)
        packed = _ZLIB + zlib.compress("\n".join(texts).encode("utf-8"), 1)
        _store(db, entity, packed, zip(ids, versions, count()))


def set_bases_packed(db: sqlite_utils.Database, entity: str, member: tuple[int, bytes],
                     rows: list[tuple[str, int, int]]) -> None:
    """Bases from a bundle's JSON Lines member as stored in its ZIP (method, bytes).

    ``rows`` are (record id, version, line number) of the records whose base
    becomes their line; the member is kept without compressing it again.
    """
    if rows:
        _store(db, entity, _ZIP_METHODS[member[0]] + member[1], rows)


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
    _store_texts(db, entity, rows)


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
        lines = _inflate(packed)
        for rid, line in wanted:
            out[rid] = json.loads(lines[line])
    return out
