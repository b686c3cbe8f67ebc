"""Rows changed outside the program: every record must equal its last audit entry's after-image.

The rule ``check`` applies to every record of the eight record tables (centers,
mediators, cases, parties, events, agreements, attachments, holiday notices):

* **Seals.** Every operation's audit row ends with one ``seal`` entry per table it
  wrote, holding a digest of each written record's complete row as committed
  (:func:`content_sql`: BLAKE2b, 8 bytes, of the row's values ordered by column
  name, ``seq`` left out, as SQLite's ``json_array`` renders them; a migration that
  adds a column to a record table must seal again). The rows written are noticed
  by TEMP triggers on the writer connection (:func:`track_writes`; temporary, so
  not part of the file's schema),
  so every writer is covered: a form's save, an import's batched INSERTs and
  upserts, a conflict resolution. A bulk insert (the demo's batches) pauses the
  insert triggers of its tables and notes the ``seq`` range it appended instead
  (:func:`appending`): the same rows sealed from the same committed content, without
  a trigger and a note per row. A record whose last audit mention is a seal must hash
  to that digest.
* **Older history** (rows written before seals existed) is replayed: an
  ``insert`` entry gives the record's fields (fields not listed were empty), each
  later ``update``/``delete`` entry its changed fields. The record must match the
  replayed fields. Identifiers are recorded masked in the audit trail
  (``audit.mask_value``), so those fields are compared in their masked form.
* **Upgrading** a file (migration ``m008_record_seals``) seals, once, every record
  whose row agrees with its replayed history, and the records the old audit trail
  only counted (old imports and demo batches listed no fields): their content
  could not be checked before and is taken as it is at the upgrade; the audit row
  says so. Records that contradict their history are left unsealed and stay reported.

A record in a table but in no audit entry, or sealed but gone from its table, is
reported too. The digest covers the raw row; it can only be compared, never read
back, and it says nothing about a record that the row itself does not.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

import sqlite_utils

from ..domain.ids import CANONICAL_UUID, uuid_bytes
from . import audit
from .connection import DRIVER_ERRORS
from .records import _comparable

TABLES = ("centers", "mediators", "cases", "parties", "events", "agreements", "attachments",
          "holiday_notices")
SINGULAR = {"centers": "center", "mediators": "mediator", "cases": "case", "parties": "party",
            "events": "event", "agreements": "agreement", "attachments": "attachment",
            "holiday_notices": "holiday_notice"}
LABELS = {"centers": "单位", "mediators": "调解员", "cases": "案件", "parties": "当事人",
          "events": "案件记录", "agreements": "调解协议", "attachments": "附件",
          "holiday_notices": "节假日安排"}
# entity names in audit entries -> table (plural, singular, and the old rstrip("s") names)
ENTITY_TABLE = {**{t: t for t in TABLES}, **{s: t for t, s in SINGULAR.items()},
                **{t.rstrip("s"): t for t in TABLES}}

SEAL = "seal"
SEAL_VERSION = 2  # 1: ``records`` as text; 2: UUID ids and digests packed (seal_entry)
_CHUNK = 500
# columns an old audit entry never carried (bookkeeping and derived columns)
_NOT_REPLAYED = {"seq", "version", "updated_at", "party_names", "mediator_names"}
_WRITTEN = "md_written"
_APPENDED = "md_appended"  # seq ranges a bulk insert appended (per table, inside an operation)


_BLAKE2B = hashlib.blake2b


def content_sql(db: sqlite_utils.Database, table: str, alias: str = "") -> str:
    """SQL rendering a row of ``table`` as the text its seal digest is taken of.

    The values ordered by column name, ``seq`` left out, as SQLite's own
    ``json_array`` renders them (in C: a third of the cost of building each row
    in Python, which matters when an import seals 60,000 records).
    """
    prefix = f"{alias}." if alias else ""
    columns = sorted(r[1] for r in db.execute(f"PRAGMA main.table_info({table})") if r[1] != "seq")
    return "json_array(" + ", ".join(f'{prefix}"{c}"' for c in columns) + ")"


def digest_of(content: str) -> str:
    """The seal digest of a row's content text (see :func:`content_sql`)."""
    return _BLAKE2B(content.encode("utf-8"), digest_size=8).hexdigest()


def _rows(db: sqlite_utils.Database, table: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        cur = db.execute(f"SELECT * FROM main.{table} WHERE id IN ({','.join('?' * len(chunk))})",
                         chunk)
        cols = [d[0] for d in cur.description]
        for values in cur:
            row = dict(zip(cols, values, strict=True))
            out[row["id"]] = row
    return out


_CANONICAL_RUN = re.compile(f"(?:{CANONICAL_UUID.pattern},)*")  # ids each followed by ","


def _uuid_text(raw: str) -> str:
    return f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}"


def seal_entry(table: str, digests: dict[str, str | None]) -> dict[str, Any]:
    """An audit ``changes`` entry sealing records of ``table`` (None: the row is gone).

    Format version 2 packs the records whose id is canonical UUID text: ``ids`` is the
    base64 of their 16-byte ids, ``digests`` the base64 of their 8-byte digests, in the same
    order (24 bytes a record instead of about 58 as text). Any other record (an id that
    is not a canonical UUID, a row that is gone) is listed in ``records`` as in version 1.
    """
    items = sorted(digests.items())
    if _CANONICAL_RUN.fullmatch("".join(f"{rid}," for rid, _d in items)) and all(
            d is not None and len(d) == 16 for _r, d in items):
        # every record packed (a bulk batch): the same bytes, joined and converted once
        ids_hex = "".join(rid for rid, _d in items).replace("-", "")
        digests_hex = "".join(d for _r, d in items if d is not None)
        return {"entity": SINGULAR[table], "id": "", "op": SEAL, "fields": {},
                "v": SEAL_VERSION, "ids": base64.b64encode(bytes.fromhex(ids_hex)).decode("ascii"),
                "digests": base64.b64encode(bytes.fromhex(digests_hex)).decode("ascii"),
                "records": {}}
    ids, packed, named = bytearray(), bytearray(), {}
    for rid, digest in items:
        raw = uuid_bytes(rid) if digest is not None and len(digest) == 16 else None
        if raw is None or digest is None:
            named[rid] = digest
            continue
        ids += raw
        packed += bytes.fromhex(digest)
    return {"entity": SINGULAR[table], "id": "", "op": SEAL, "fields": {}, "v": SEAL_VERSION,
            "ids": base64.b64encode(ids).decode("ascii"),
            "digests": base64.b64encode(packed).decode("ascii"), "records": named}


def entry_records(entry: dict[str, Any]) -> dict[str, str | None]:
    """The records a seal entry seals, ``{id: digest}`` (None: the row is gone).

    Reads format 1 (``records`` only) and 2 (``ids`` and ``digests`` packed, plus
    ``records``); a damaged packing yields no packed records (the chain check reports
    a changed audit row, and the records show as unsealed).
    """
    out: dict[str, str | None] = {}
    try:
        ids = base64.b64decode(str(entry.get("ids") or ""), validate=True)
        digests = base64.b64decode(str(entry.get("digests") or ""), validate=True)
    except ValueError:
        ids = digests = b""
    if len(ids) % 16 == 0 and len(digests) * 2 == len(ids):
        hex_ids, hex_digests = ids.hex(), digests.hex()
        for n in range(len(ids) // 16):
            out[_uuid_text(hex_ids[32 * n:32 * n + 32])] = hex_digests[16 * n:16 * n + 16]
    named = entry.get("records")
    if isinstance(named, dict):
        out.update({str(k): None if v is None else str(v) for k, v in named.items()})
    return out


# -- noticing the rows an operation writes ----------------------------------------------
def track_writes(db: sqlite_utils.Database) -> None:
    """TEMP triggers noting every record row this connection inserts, updates or deletes.

    Temporary objects live in the connection's ``temp`` schema, never in the file.
    """
    db.execute("PRAGMA temp_store = MEMORY")  # the notes never touch the disk
    db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_WRITTEN} (tbl TEXT NOT NULL,"
               " id TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (tbl, id)) WITHOUT ROWID")
    db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_APPENDED} (tbl TEXT NOT NULL,"
               " first INTEGER NOT NULL, last INTEGER NOT NULL)")
    for table in TABLES:
        for event, ref in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            db.execute(_trigger_sql(table, event, ref))


def _trigger_sql(table: str, event: str, ref: str) -> str:
    # Not ``INSERT OR IGNORE``: a trigger's conflict clause gives way to the firing
    # statement's, and an upsert (``ON CONFLICT DO UPDATE``, an import's write) or an
    # ``UPDATE OR ABORT`` of a row already noted would then fail with a UNIQUE error.
    return (f"CREATE TEMP TRIGGER IF NOT EXISTS {_WRITTEN}_{table}_{event.lower()}"
            f" AFTER {event} ON main.{table} BEGIN INSERT INTO {_WRITTEN} (tbl, id, rid)"
            f" SELECT '{table}', {ref}.id, {ref}.seq WHERE NOT EXISTS (SELECT 1 FROM"
            f" {_WRITTEN} WHERE tbl = '{table}' AND id = {ref}.id); END")


def _last_seq(db: sqlite_utils.Database, table: str) -> int:
    return int(db.execute(f"SELECT coalesce(max(seq), 0) FROM main.{table}").fetchone()[0])


@contextmanager
def appending(db: sqlite_utils.Database, tables: Sequence[str]) -> Iterator[None]:
    """Bulk INSERTs of new rows into ``tables`` (inside an operation), sealed by range.

    The tables' insert triggers are paused (a trigger and a note per row cost about as
    much as the row itself in a demo build); each table's rows appended meanwhile are
    those with ``seq`` above its largest before (``seq`` is the rowid: a new row takes
    the largest plus one), noted as one range that :func:`seal_written` seals as it
    seals the noted rows. Updates and deletes stay tracked row by row. Dropping and
    making the TEMP triggers is part of the transaction, so a rollback restores them.
    """
    tracked = db.execute("SELECT 1 FROM temp.sqlite_master WHERE type = 'table'"
                         " AND name = ?", [_APPENDED]).fetchone() is not None
    if not tracked:  # not a tracked connection: nothing to pause, nothing sealed
        yield
        return
    before = {t: _last_seq(db, t) for t in tables}
    for table in tables:
        db.execute(f"DROP TRIGGER IF EXISTS temp.{_WRITTEN}_{table}_insert")
    try:
        yield
    finally:
        for table in tables:
            db.execute(_trigger_sql(table, "INSERT", "NEW"))
    db.conn.executemany(f"INSERT INTO temp.{_APPENDED} (tbl, first, last) VALUES (?, ?, ?)",
                        [(t, before[t] + 1, last) for t in tables
                         if (last := _last_seq(db, t)) > before[t]])


def seal_written(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Seal entries for every row written since the last call (inside the operation).

    Each table's digests are packed as they are read (:class:`_Packer`: 24 bytes a record
    with a canonical UUID id), never gathered as a mapping of texts first, so an import of
    millions of rows holds about its seal entries' own size. The packed records are in the
    order read: the rows appended by :func:`appending` (by ``seq``; those also noted are
    left to the noted rows), then the noted rows (by id) as they are now.
    """
    try:
        tables = {t for (t,) in db.execute(f"SELECT DISTINCT tbl FROM temp.{_WRITTEN}")}
        ranges: dict[str, list[tuple[int, int]]] = {}
        for t, first, last in db.execute(f"SELECT tbl, first, last FROM temp.{_APPENDED}"):
            ranges.setdefault(t, []).append((first, last))
    except DRIVER_ERRORS:
        return []  # not tracked (a read-only or foreign connection)
    entries = []
    for table in TABLES:
        if table not in tables and table not in ranges:
            continue
        content = content_sql(db, table, "t")
        packer = _Packer()
        noted = (f" AND NOT EXISTS (SELECT 1 FROM temp.{_WRITTEN} w WHERE w.tbl = '{table}'"
                 " AND w.id = t.id)") if table in tables else ""
        for first, last in sorted(set(ranges.get(table, ()))):  # appended (see appending)
            packer.add(db.execute(f"SELECT t.id, {content} FROM main.{table} t"
                                  f" WHERE t.seq BETWEEN ? AND ?{noted}", [first, last]))
        if table in tables:  # noted rows: as they are now (an appended row updated later too)
            packer.add(db.execute(f"SELECT w.id, CASE WHEN t.seq IS NULL THEN NULL ELSE"
                                  f" {content} END FROM temp.{_WRITTEN} w"
                                  f" LEFT JOIN main.{table} t ON t.seq = w.rid WHERE w.tbl = ?",
                                  [table]))
        entries.append(packer.entry(table))
    db.execute(f"DELETE FROM temp.{_WRITTEN}")
    db.execute(f"DELETE FROM temp.{_APPENDED}")
    return entries


class _Packer:
    """A seal entry built row by row: canonical UUID ids and their 8-byte digests packed as
    they come (format 2), any other record (another id, a row gone) named."""

    def __init__(self) -> None:
        self.ids = bytearray()
        self.digests = bytearray()
        self.named: dict[str, str | None] = {}

    def add(self, rows: Iterable[Any]) -> None:
        """Pack (id, content text or None) rows."""
        ids, digests, blake, match = self.ids, self.digests, _BLAKE2B, CANONICAL_UUID.fullmatch
        for rid, text in rows:
            if text is None or match(rid) is None:
                self.named[rid] = None if text is None else digest_of(text)
                continue
            ids += bytes.fromhex(rid.replace("-", ""))
            digests += blake(text.encode("utf-8"), digest_size=8).digest()

    def entry(self, table: str) -> dict[str, Any]:
        """The table's seal entry (the packed bytes released as they are encoded)."""
        ids = base64.b64encode(self.ids).decode("ascii")
        self.ids = bytearray()
        digests = base64.b64encode(self.digests).decode("ascii")
        self.digests = bytearray()
        return {"entity": SINGULAR[table], "id": "", "op": SEAL, "fields": {},
                "v": SEAL_VERSION, "ids": ids, "digests": digests,
                "records": dict(sorted(self.named.items()))}


# -- what the audit trail says each record is -------------------------------------------
@dataclass
class _History:
    """Per record: the last seal and/or the fields replayed from diff entries."""

    sealed: dict[tuple[str, str], str | None] = field(default_factory=dict)
    replayed: dict[tuple[str, str], tuple[bool, dict[str, Any]]] = field(default_factory=dict)


def _entries(db: sqlite_utils.Database) -> Iterator[list[dict[str, Any]]]:
    for (changes,) in db.execute("SELECT changes FROM audit ORDER BY seq"):
        try:
            entries = json.loads(changes)
        except ValueError:
            continue  # the chain check reports a damaged row
        if isinstance(entries, list):
            yield [e for e in entries if isinstance(e, dict)]


def history(db: sqlite_utils.Database) -> _History:
    """Replay the audit trail into each record's last known state."""
    h = _History()
    for entries in _entries(db):
        diffed: set[tuple[str, str]] = set()
        for e in entries:
            table = ENTITY_TABLE.get(str(e.get("entity", "")))
            op = e.get("op")
            if table is None or op not in ("insert", "update", "delete"):
                continue
            key = (table, str(e.get("id", "")))
            after = {f: v[1] for f, v in (e.get("fields") or {}).items()
                     if isinstance(v, list) and len(v) == 2}
            if op == "insert":
                h.replayed[key] = (True, after)
            else:
                full, known = h.replayed.get(key, (False, {}))
                h.replayed[key] = (full, {**known, **after})
            diffed.add(key)
        for e in entries:
            table = ENTITY_TABLE.get(str(e.get("entity", "")))
            if table is None or e.get("op") != SEAL:
                continue
            for rid, digest in entry_records(e).items():
                key = (table, rid)
                h.sealed[key] = digest
                if key not in diffed:  # written without field diffs (e.g. imported)
                    h.replayed.pop(key, None)
    return h


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {} or value is False or (
        isinstance(value, int) and value == 0)


def _same(column: str, recorded: Any, value: Any) -> bool:
    if recorded == value or recorded == audit.mask_value(column, value):
        return True
    return _empty(recorded) and _empty(value)


def replay_mismatches(row: dict[str, Any], full: bool, fields: dict[str, Any]) -> list[str]:
    """Columns of ``row`` that differ from the replayed audit fields."""
    comparable = _comparable(row)
    columns = [c for c in comparable if c not in _NOT_REPLAYED] if full else list(fields)
    out = []
    for column in columns:
        if column not in comparable:
            continue
        if column in fields:
            if not _same(column, fields[column], comparable[column]):
                out.append(column)
        elif not _empty(comparable[column]):
            out.append(column)
    return out


# -- the check ----------------------------------------------------------------------------
@dataclass(frozen=True)
class RecordProblem:
    """One record that does not agree with the audit trail."""

    table: str
    record_id: str
    reason: str
    columns: tuple[str, ...] = ()


@dataclass
class RecordCheck:
    """Result of :func:`verify_records`."""

    checked: int = 0
    problems: list[RecordProblem] = field(default_factory=list)


def _scan(db: sqlite_utils.Database, table: str
          ) -> Iterator[tuple[str, Callable[[], dict[str, Any]], str]]:
    """Every row of ``table``: (id, a function reading the row as a dict, its seal digest)."""
    for seq, rid, content in db.execute(
            f"SELECT seq, id, {content_sql(db, table)} FROM main.{table} ORDER BY seq"):
        yield str(rid), partial(_row_at, db, table, int(seq)), digest_of(content)


def _row_at(db: sqlite_utils.Database, table: str, seq: int) -> dict[str, Any]:
    cur = db.execute(f"SELECT * FROM main.{table} WHERE seq = ?", [seq])
    cols = [d[0] for d in cur.description]
    return dict(zip(cols, cur.fetchone(), strict=True))


def verify_records(db: sqlite_utils.Database) -> RecordCheck:
    """Compare every record with what the audit trail says it is (see the module docstring)."""
    h = history(db)
    result = RecordCheck()
    seen: set[tuple[str, str]] = set()
    for table in TABLES:
        for rid, as_dict, row_seal in _scan(db, table):
            result.checked += 1
            key = (table, str(rid))
            seen.add(key)
            replay = h.replayed.get(key)
            if key in h.sealed:
                digest = h.sealed[key]
                if digest is not None and row_seal == digest:
                    continue
                hint = tuple(replay_mismatches(as_dict(), *replay)) if replay else ()
                result.problems.append(
                    RecordProblem(table, key[1], "与最后一次审计记录的校验值不符", hint))
            elif replay is not None:
                columns = replay_mismatches(as_dict(), *replay)
                if columns:
                    result.problems.append(RecordProblem(table, key[1], "与审计记录不符",
                                                         tuple(columns)))
            else:
                result.problems.append(RecordProblem(table, key[1], "审计记录中没有它"))
    for key, digest in h.sealed.items():
        if digest is not None and key not in seen:
            result.problems.append(RecordProblem(key[0], key[1], "审计记录中有它，文件中却没有了"))
    return result


def describe(db: sqlite_utils.Database, problem: RecordProblem) -> str:
    """One line naming the record (by name and case number where it has them) and the finding."""
    row = _rows(db, problem.table, [problem.record_id]).get(problem.record_id, {})
    parts = [LABELS[problem.table]]
    name = row.get("name") or row.get("title") or ""
    if problem.table == "cases":
        name = row.get("number") or name
    elif problem.table == "holiday_notices":
        name = f"{row.get('year', '')}年{row.get('title') or ''}"
    if name:
        parts.append(str(name))
    case_id = row.get("case_id")
    if case_id:
        found = db.execute("SELECT number FROM main.cases WHERE id = ?", [case_id]).fetchone()
        if found:
            parts.append(f"（案件 {found[0]}）")
    text = " ".join(parts) + f"［编号 {problem.record_id}］：{problem.reason}"
    if problem.columns:
        text += f"（{'、'.join(problem.columns)}）"
    return text + "，可能在程序外被改动"


# -- the upgrade --------------------------------------------------------------------------
UPGRADE_ACTOR = "调解工作台（升级）"
UPGRADE_BATCH = 20_000  # records per audit row


def seal_existing(db: sqlite_utils.Database) -> int:
    """Seal, once, every record that agrees with its history or that history only counted.

    For the migration that introduces seals; runs inside its transaction. Records
    that contradict their audit entries are left unsealed (``check`` keeps naming
    them). Returns how many records were sealed.
    """
    h = history(db)
    now = datetime.now(UTC).isoformat(timespec="milliseconds")
    batch: list[tuple[str, str, str]] = []
    sealed = 0

    def flush() -> None:
        nonlocal batch, sealed
        if not batch:
            return
        by_table: dict[str, dict[str, str | None]] = {}
        for table, rid, digest in batch:
            by_table.setdefault(table, {})[rid] = digest
        audit.append(db, at=now, actor=UPGRADE_ACTOR, action="seal_records", case_id=None,
                     summary=f"升级：为已有的 {len(batch)} 条记录建立校验值（此前只有计数的导入和"
                             "批量写入的记录，按升级时的内容记录）",
                     changes=[seal_entry(t, d) for t, d in by_table.items()])
        sealed += len(batch)
        batch = []

    for table in TABLES:
        for rid, as_dict, row_seal in _scan(db, table):
            key = (table, str(rid))
            if key in h.sealed:
                continue
            replay = h.replayed.get(key)
            if replay is not None and replay_mismatches(as_dict(), *replay):
                continue
            batch.append((table, key[1], row_seal))
            if len(batch) >= UPGRADE_BATCH:
                flush()
    flush()
    return sealed
