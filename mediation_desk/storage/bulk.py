"""Fast insertion of many new records at once (demo data, large imports).

Rows are written with ``executemany``; the caller's operation writes one audit
row summarising the batch instead of one diff per field.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlite_utils

from ..domain.models import Agreement, Case, CaseEvent, Mediator, Party
from . import search
from .cases import CASE_EXCLUDE, _party_summary, _search_body
from .records import row_writer


def widen_cache(db: sqlite_utils.Database, mebibytes: int) -> None:
    """Keep up to ``mebibytes`` of pages in this connection's memory during a long bulk load.

    New records go into indexes keyed by random ids, all over a large file; every page read
    back from an encrypted file is decrypted and authenticated again (SQLCipher). With the
    default 2 MiB cache the 100,000-case demo took 53% more CPU encrypted than plain; with
    256 MiB about 20%.
    """
    db.execute(f"PRAGMA cache_size = {-int(mebibytes) * 1024}")


# tables a demo build fills; their secondary indexes wait until the rows are in (new_file_load)
LOADED_TABLES = ("cases", "parties", "case_mediators", "events", "agreements")


@contextmanager
def new_file_load(db: sqlite_utils.Database) -> Iterator[None]:
    """Settings for filling a database file that nobody else has open yet (a demo being made).

    * The loaded tables' secondary indexes are dropped for the load and made again from
      their own ``CREATE INDEX`` text at the end (the schema is then exactly as before):
      built once from sorted rows instead of updated row by row, dozens of them per case.
      Unique indexes and primary keys stay, so every constraint is still checked as rows go
      in. Queries during the load only use those (numbers, ids, row ids).
    * ``synchronous = OFF``: no fsync per commit. In WAL mode a crash of the program loses
      nothing committed; a crash of the whole machine may leave the new file damaged, and a
      new demo is simply made again. Nobody else has the file open, so nobody can have
      read anything that is then lost.

    At the end the indexes are back, the WAL is checkpointed into the file and the
    connection is back to ``synchronous = FULL``: a normal WAL database.
    """
    sync = db.execute("PRAGMA synchronous").fetchone()[0]
    marks = ", ".join("?" * len(LOADED_TABLES))
    saved = db.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        f" AND tbl_name IN ({marks}) AND upper(sql) NOT LIKE 'CREATE UNIQUE%' ORDER BY rowid",
        list(LOADED_TABLES)).fetchall()
    db.execute("PRAGMA synchronous = OFF")
    db.execute("BEGIN IMMEDIATE")
    for name, _sql in saved:
        db.execute(f'DROP INDEX "{name}"')
    db.execute("COMMIT")
    try:
        yield
    finally:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        db.execute("BEGIN IMMEDIATE")
        for _name, sql in saved:
            db.execute(sql)
        db.execute("COMMIT")
        db.execute(f"PRAGMA synchronous = {int(sync)}")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _insert_records(db: sqlite_utils.Database, table: str, cls: type, records: list[Any],
                    exclude: tuple[str, ...] = (),
                    extra: tuple[tuple[str, list[Any]], ...] = ()) -> None:
    """INSERT ``records`` of ``cls`` (the columns of records.row_writer), one prepared
    statement for the batch; ``extra`` adds columns that are not record fields."""
    if not records:
        return
    columns, write = row_writer(cls, exclude)
    names = [*columns, *(name for name, _values in extra)]
    rows: Any = map(write, records)
    if extra:
        rows = (row + tuple(values[i] for _name, values in extra)
                for i, row in enumerate(rows))
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    db.conn.executemany(sql, rows)


def _stamp(records: list[Any], now: str, origin: str) -> None:
    for record in records:
        record.version = max(record.version, 1)
        record.updated_at = record.updated_at or now
        record.origin = record.origin or origin


def insert_batch(db: sqlite_utils.Database, *, cases: list[Case], events: list[CaseEvent],
                 agreements: list[Agreement], mediators: dict[str, Mediator], now: str,
                 origin: str) -> None:
    """Insert new cases (with parties and mediators), events and agreements.

    Must run inside an operation; numbers must already be reserved. Each table gets one
    ``executemany`` of row tuples made by the per-class row writer; the cases' row ids
    (``seq``, the search entries' rowid) are given, not read back.
    """
    parties: list[Party] = []
    cm_rows: list[tuple[str, str, int]] = []
    for case in cases:
        for pos, p in enumerate(case.parties):
            p.case_id, p.position = case.id, pos
        parties += case.parties
        cm_rows += [(case.id, m, i) for i, m in enumerate(case.mediator_ids)]
    for group in (cases, parties, events, agreements):
        _stamp(group, now, origin)
    first: int = db.execute("SELECT coalesce(max(seq), 0) + 1 FROM cases").fetchone()[0]
    seqs = list(range(first, first + len(cases)))
    _insert_records(db, "cases", Case, cases, CASE_EXCLUDE, extra=(
        ("seq", seqs),
        ("party_names", [_party_summary(c) for c in cases]),
        ("mediator_names", ["、".join(mediators[m].name for m in c.mediator_ids)
                            for c in cases])))
    _insert_records(db, "parties", Party, parties)
    db.conn.executemany("INSERT INTO case_mediators (case_id, mediator_id, position)"
                        " VALUES (?, ?, ?)", cm_rows)
    _insert_records(db, "events", CaseEvent, events)
    _insert_records(db, "agreements", Agreement, agreements)
    bodies = [(seq, _search_body(c)) for seq, c in zip(seqs, cases, strict=True)]
    db.conn.executemany("INSERT INTO case_fts (rowid, body) VALUES (?, ?)", bodies)
    db.conn.executemany("INSERT INTO case_fts_chars (rowid, body) VALUES (?, ?)",
                        [(r, search.char_split(b)) for r, b in bodies])


def reserve_serials(db: sqlite_utils.Database, center_id: str, year: int, count: int) -> int:
    """Reserve ``count`` consecutive serials; return the first."""
    from .cases import next_serial

    first = next_serial(db, center_id, year)
    if count > 1:
        db.execute("UPDATE number_counters SET last_serial = ? WHERE center_id = ? AND year = ?",
                   [first + count - 1, center_id, year])
    return first
