"""Fast insertion of many new records at once (demo data, large imports).

Rows are written with ``executemany``; the caller's operation writes one audit
row summarising the batch instead of one diff per field.
"""

from __future__ import annotations

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
