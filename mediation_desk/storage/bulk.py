"""Fast insertion of many new records at once (demo data, large imports).

Rows are written with ``executemany``; the caller's operation writes one audit
row summarising the batch instead of one diff per field.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from ..domain.models import Agreement, Case, CaseEvent, Mediator, Party
from . import seals, search
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
SEALED_TABLES = ("cases", "parties", "events", "agreements")  # record tables (seals.TABLES)


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


@dataclass
class BatchRows:
    """One batch's rows as :func:`write_rows` inserts them, made apart from the database.

    Made by :func:`batch_rows` from records (in this process, or in the demo's generator
    process: plain tuples travel cheaply). Record rows are in their row writer's column
    order without ``updated_at``, which :func:`write_rows` adds (the operation's time);
    the cases' rows end with ``seq``, ``party_names`` and ``mediator_names``.
    ``reserved`` lists the serial reservations the cases' numbers took, (year, first,
    count), for the writer to take again and compare (empty: numbered by the caller).
    """

    first_seq: int
    cases: list[tuple[Any, ...]] = field(default_factory=list)
    parties: list[tuple[Any, ...]] = field(default_factory=list)
    case_mediators: list[tuple[str, str, int]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    agreements: list[tuple[Any, ...]] = field(default_factory=list)
    search: list[tuple[int, str]] = field(default_factory=list)
    search_chars: list[tuple[int, str]] = field(default_factory=list)
    reserved: list[tuple[int, int, int]] = field(default_factory=list)


_CASE_EXTRA = ("seq", "party_names", "mediator_names")
_NO_STAMP = ("updated_at",)


def _columns(cls: type, exclude: tuple[str, ...] = (), extra: tuple[str, ...] = ()
             ) -> tuple[str, ...]:
    columns, _write = row_writer(cls, (*exclude, *_NO_STAMP))
    return (*columns, *extra, "updated_at")


def batch_rows(*, cases: list[Case], events: list[CaseEvent], agreements: list[Agreement],
               mediator_names: dict[str, str], origin: str, first_seq: int) -> BatchRows:
    """The rows of new, numbered cases (with parties and mediators), events and agreements.

    Pure Python, no database: the cases take the row ids (``seq``, the search entries'
    rowid) from ``first_seq`` on. Records get their bookkeeping as an insert gives it
    (version at least 1, ``origin`` if empty; ``updated_at`` is the writer's).
    """
    out = BatchRows(first_seq=first_seq)
    parties: list[Party] = []
    cm_rows = out.case_mediators
    for case in cases:
        for pos, p in enumerate(case.parties):
            p.case_id, p.position = case.id, pos
        parties += case.parties
        cm_rows += [(case.id, m, i) for i, m in enumerate(case.mediator_ids)]
    for group in (cases, parties, events, agreements):
        _stamp(group, origin)
    _c, write_case = row_writer(Case, (*CASE_EXCLUDE, *_NO_STAMP))
    out.cases = [write_case(c) + (seq, _party_summary(c),
                                  "、".join(mediator_names[m] for m in c.mediator_ids))
                 for seq, c in enumerate(cases, first_seq)]
    for rows, cls, records in ((out.parties, Party, parties), (out.events, CaseEvent, events),
                               (out.agreements, Agreement, agreements)):
        _c, write = row_writer(cls, _NO_STAMP)
        rows += map(write, records)
    out.search = [(seq, _search_body(c)) for seq, c in enumerate(cases, first_seq)]
    out.search_chars = [(r, search.char_split(b)) for r, b in out.search]
    return out


def _stamp(records: list[Any], origin: str) -> None:
    for record in records:
        record.version = max(record.version, 1)
        record.origin = record.origin or origin


def _insert(db: sqlite_utils.Database, table: str, columns: tuple[str, ...],
            rows: list[tuple[Any, ...]], now: str) -> None:
    if not rows:
        return
    stamp = (now,)
    sql = (f"INSERT INTO {table} ({', '.join(columns)})"
           f" VALUES ({', '.join('?' * len(columns))})")
    db.conn.executemany(sql, (row + stamp for row in rows))


def write_rows(db: sqlite_utils.Database, rows: BatchRows, now: str) -> None:
    """Insert one batch's rows (inside an operation, its serials reserved; ``now``: the
    operation's time, each record's ``updated_at``). The operation seals them by the
    ranges of ``seq`` appended (``seals.appending``), not row by row."""
    first: int = db.execute("SELECT coalesce(max(seq), 0) + 1 FROM cases").fetchone()[0]
    if rows.cases and first != rows.first_seq:
        raise ValueError(f"batch made for row ids from {rows.first_seq}, the next is {first}")
    with seals.appending(db, SEALED_TABLES):
        _insert(db, "cases", _columns(Case, CASE_EXCLUDE, _CASE_EXTRA), rows.cases, now)
        _insert(db, "parties", _columns(Party), rows.parties, now)
        db.conn.executemany("INSERT INTO case_mediators (case_id, mediator_id, position)"
                            " VALUES (?, ?, ?)", rows.case_mediators)
        _insert(db, "events", _columns(CaseEvent), rows.events, now)
        _insert(db, "agreements", _columns(Agreement), rows.agreements, now)
    db.conn.executemany("INSERT INTO case_fts (rowid, body) VALUES (?, ?)", rows.search)
    db.conn.executemany("INSERT INTO case_fts_chars (rowid, body) VALUES (?, ?)",
                        rows.search_chars)
    search.index_digits(db, rows.search)


def insert_batch(db: sqlite_utils.Database, *, cases: list[Case], events: list[CaseEvent],
                 agreements: list[Agreement], mediators: dict[str, Mediator], now: str,
                 origin: str) -> None:
    """Insert new cases (with parties and mediators), events and agreements.

    Must run inside an operation; numbers must already be reserved. Each table gets one
    ``executemany`` of row tuples made by the per-class row writer (:func:`batch_rows`,
    :func:`write_rows`); every record's ``updated_at`` becomes ``now``.
    """
    first: int = db.execute("SELECT coalesce(max(seq), 0) + 1 FROM cases").fetchone()[0]
    names = {key: m.name for key, m in mediators.items()}
    rows = batch_rows(cases=cases, events=events, agreements=agreements, mediator_names=names,
                      origin=origin, first_seq=first)
    for case in cases:
        case.updated_at = now
        for p in case.parties:
            p.updated_at = now
    for record in (*events, *agreements):
        record.updated_at = now
    write_rows(db, rows, now)


def reserve_serials(db: sqlite_utils.Database, center_id: str, year: int, count: int) -> int:
    """Reserve ``count`` consecutive serials; return the first."""
    from .cases import next_serial

    first = next_serial(db, center_id, year)
    if count > 1:
        db.execute("UPDATE number_counters SET last_serial = ? WHERE center_id = ? AND year = ?",
                   [first + count - 1, center_id, year])
    return first
