"""Schema and migrations (sqlite-utils ``Migrations``).

The schema major version lives in ``PRAGMA user_version``; a file written by a
newer major version is refused. Before migrating an existing file, a verified backup
is written to its backup folder (:func:`.backup.migration_backup`).
"""

from __future__ import annotations

from datetime import datetime

import sqlite_utils
from sqlite_utils import Migrations

from .connection import run_script

SCHEMA_MAJOR = 1

migrations = Migrations("mediation_desk")


_RECORD = """
    id TEXT NOT NULL UNIQUE,
    origin TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL DEFAULT '',
    deleted INTEGER NOT NULL DEFAULT 0"""


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    run_script(db, f"""
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE centers (
    seq INTEGER PRIMARY KEY, {_RECORD},
    code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, kind TEXT NOT NULL,
    number_prefix TEXT NOT NULL DEFAULT '', linked_court TEXT NOT NULL DEFAULT '',
    court_code TEXT NOT NULL DEFAULT '', is_self INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE mediators (
    seq INTEGER PRIMARY KEY, {_RECORD},
    center_id TEXT NOT NULL, name TEXT NOT NULL, phone TEXT NOT NULL DEFAULT '',
    full_time INTEGER NOT NULL DEFAULT 1, specialties TEXT NOT NULL DEFAULT '[]',
    villages TEXT NOT NULL DEFAULT '[]', active INTEGER NOT NULL DEFAULT 1,
    relations TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE number_counters (
    center_id TEXT NOT NULL, year INTEGER NOT NULL, last_serial INTEGER NOT NULL,
    PRIMARY KEY (center_id, year)
);
CREATE TABLE cases (
    seq INTEGER PRIMARY KEY, {_RECORD},
    center_id TEXT NOT NULL, number TEXT NOT NULL, year INTEGER NOT NULL,
    serial INTEGER NOT NULL, source TEXT NOT NULL, dispute_type TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '', amount_fen INTEGER, facts TEXT NOT NULL DEFAULT '',
    claims TEXT NOT NULL DEFAULT '', flags TEXT NOT NULL DEFAULT '[]', status TEXT NOT NULL,
    received_on TEXT NOT NULL, accepted_on TEXT, due_on TEXT, base_due_on TEXT,
    suspended_since TEXT, suspended_days INTEGER NOT NULL DEFAULT 0,
    extended_days INTEGER NOT NULL DEFAULT 0, court_case_number TEXT NOT NULL DEFAULT '',
    filing_number TEXT NOT NULL DEFAULT '', jc_due_on TEXT, jc_applied_on TEXT,
    jc_ruling TEXT NOT NULL DEFAULT '', end_reason TEXT, end_note TEXT NOT NULL DEFAULT '',
    closed_on TEXT, follow_up_due_on TEXT,
    party_names TEXT NOT NULL DEFAULT '', mediator_names TEXT NOT NULL DEFAULT '',
    UNIQUE (center_id, year, serial)
);
CREATE INDEX cases_status_due ON cases (status, due_on);
CREATE INDEX cases_received ON cases (received_on);
CREATE INDEX cases_number ON cases (number);
CREATE INDEX cases_jc_due ON cases (status, jc_due_on);
CREATE INDEX cases_follow_up ON cases (status, follow_up_due_on);
CREATE INDEX cases_type ON cases (dispute_type, received_on);
CREATE INDEX cases_source ON cases (source, received_on);
CREATE INDEX cases_court_number ON cases (court_case_number) WHERE court_case_number != '';
CREATE TABLE case_mediators (
    case_id TEXT NOT NULL REFERENCES cases(id), mediator_id TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (case_id, mediator_id)
);
CREATE INDEX case_mediators_mediator ON case_mediators (mediator_id);
CREATE TABLE parties (
    seq INTEGER PRIMARY KEY, {_RECORD},
    case_id TEXT NOT NULL REFERENCES cases(id), kind TEXT NOT NULL, role TEXT NOT NULL,
    name TEXT NOT NULL, sex TEXT, ethnicity TEXT NOT NULL DEFAULT '', birth_date TEXT,
    id_number TEXT NOT NULL DEFAULT '', credit_code TEXT NOT NULL DEFAULT '',
    legal_representative TEXT NOT NULL DEFAULT '', occupation TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '', address TEXT NOT NULL DEFAULT '',
    village TEXT NOT NULL DEFAULT '', agent_name TEXT NOT NULL DEFAULT '',
    agent_phone TEXT NOT NULL DEFAULT '', agent_id_number TEXT NOT NULL DEFAULT '',
    agent_relation TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX parties_case ON parties (case_id, position);
CREATE INDEX parties_id_number ON parties (id_number) WHERE id_number != '';
CREATE INDEX parties_name_phone ON parties (name, phone);
CREATE TABLE events (
    seq INTEGER PRIMARY KEY, {_RECORD},
    case_id TEXT NOT NULL REFERENCES cases(id), kind TEXT NOT NULL, occurred_at TEXT NOT NULL,
    actor TEXT NOT NULL DEFAULT '', place TEXT NOT NULL DEFAULT '',
    participants TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL DEFAULT '{{}}'
);
CREATE INDEX events_case ON events (case_id, occurred_at);
CREATE INDEX events_kind ON events (kind, occurred_at);
CREATE TABLE agreements (
    seq INTEGER PRIMARY KEY, {_RECORD},
    case_id TEXT NOT NULL REFERENCES cases(id), form TEXT NOT NULL, scope TEXT NOT NULL,
    facts TEXT NOT NULL DEFAULT '', clauses TEXT NOT NULL DEFAULT '[]',
    performance_method TEXT NOT NULL DEFAULT '', performance_place TEXT NOT NULL DEFAULT '',
    performance_deadline TEXT, amount_fen INTEGER, signed_on TEXT, effective_on TEXT
);
CREATE INDEX agreements_case ON agreements (case_id);
CREATE INDEX agreements_effective ON agreements (effective_on);
CREATE TABLE attachment_blobs (sha256 TEXT PRIMARY KEY, content BLOB NOT NULL);
CREATE TABLE attachments (
    seq INTEGER PRIMARY KEY, {_RECORD},
    case_id TEXT NOT NULL REFERENCES cases(id), name TEXT NOT NULL,
    media_type TEXT NOT NULL, sha256 TEXT NOT NULL REFERENCES attachment_blobs(sha256),
    size INTEGER NOT NULL, added_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX attachments_case ON attachments (case_id);
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
    case_id TEXT, summary TEXT NOT NULL DEFAULT '', changes TEXT NOT NULL,
    prev_hash TEXT NOT NULL, hash TEXT NOT NULL
);
CREATE INDEX audit_case ON audit (case_id) WHERE case_id IS NOT NULL;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
CREATE VIRTUAL TABLE case_fts USING fts5(body, tokenize = 'trigram');
CREATE VIRTUAL TABLE case_fts_chars USING fts5(body, tokenize = 'unicode61');
""")


# Frozen DDL of the migrations below, copied from the table definitions of their day:
# a migration never imports today's definitions, so later edits cannot change it.
_M002_DOCUMENTS_DDL = """
CREATE TABLE documents (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    case_id TEXT NOT NULL REFERENCES cases(id),
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    verification_code TEXT NOT NULL,
    actor TEXT NOT NULL
);
CREATE INDEX documents_case ON documents (case_id, seq);
CREATE INDEX documents_code ON documents (verification_code);
"""

_M003_EXCHANGE_DDL = """
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

_M005_BASE_ROWID_DDL = """
CREATE TABLE exchange_base_new (
    entity TEXT NOT NULL, record_id TEXT NOT NULL, version INTEGER NOT NULL,
    content TEXT NOT NULL
);
INSERT INTO exchange_base_new SELECT entity, record_id, version, content FROM exchange_base;
DROP TABLE exchange_base;
ALTER TABLE exchange_base_new RENAME TO exchange_base;
CREATE UNIQUE INDEX exchange_base_record ON exchange_base (entity, record_id);
"""


@migrations()
def m002_documents(db: sqlite_utils.Database) -> None:
    """The document register: generated documents with their hash and verification code."""
    run_script(db, _M002_DOCUMENTS_DDL)


@migrations()
def m003_exchange(db: sqlite_utils.Database) -> None:
    """Exchange tables: desk keys, trusted desks, bundle ledger, merge bases, conflicts."""
    run_script(db, _M003_EXCHANGE_DDL)



@migrations()
def m004_tombstone_index(db: sqlite_utils.Database) -> None:
    """Find tombstoned cases without a scan (search counts skip them)."""
    db.execute("CREATE INDEX IF NOT EXISTS cases_deleted ON cases (seq) WHERE deleted = 1")


@migrations()
def m005_exchange_base_rowid(db: sqlite_utils.Database) -> None:
    """Merge bases in a rowid table (large rows; a WITHOUT ROWID b-tree wrote 2x slower)."""
    run_script(db, _M005_BASE_ROWID_DDL)


@migrations()
def m006_exchange_base_blobs(db: sqlite_utils.Database) -> None:
    """Merge bases as compressed JSON Lines blobs with a small index (no JSON row per record).

    Frozen as it ran when written: the DDL, and the old per-record bases moved into one
    zlib blob (tag ``z``) per entity with an index row per record, in record-id order.
    """
    import zlib

    run_script(db, """
CREATE TABLE exchange_base_blobs (
    seq INTEGER PRIMARY KEY, entity TEXT NOT NULL, content BLOB NOT NULL
);
CREATE TABLE exchange_base_index (
    entity TEXT NOT NULL, record_id TEXT NOT NULL, version INTEGER NOT NULL,
    blob INTEGER NOT NULL, line INTEGER NOT NULL, PRIMARY KEY (entity, record_id)
) WITHOUT ROWID;
""")
    old: dict[str, list[tuple[str, int, str]]] = {}
    for entity, rid, version, content in db.execute(
            "SELECT entity, record_id, version, content FROM exchange_base ORDER BY rowid"):
        old.setdefault(entity, []).append((rid, version, content))
    db.execute("DROP TABLE exchange_base")
    db.execute("ALTER TABLE exchange_base_index RENAME TO exchange_base")
    for entity, rows in old.items():
        last = {rid: n for n, (rid, _v, _t) in enumerate(rows)}  # one base per record
        rows = [rows[n] for n in sorted(last.values())]
        packed = b"z" + zlib.compress("\n".join(t for _r, _v, t in rows).encode("utf-8"), 1)
        blob = db.conn.execute("INSERT INTO exchange_base_blobs (entity, content)"
                               " VALUES (?, ?)", [entity, packed]).lastrowid
        index = sorted((rid, v, n) for n, (rid, v, _t) in enumerate(rows))
        db.conn.executemany("INSERT INTO exchange_base VALUES (?, ?, ?, ?, ?)",
                            [(entity, rid, v, blob, n) for rid, v, n in index])


@migrations()
def m007_holiday_notices(db: sqlite_utils.Database) -> None:
    """Holiday notices (节假日安排): State Council notices entered here or sent by a court."""
    run_script(db, f"""
CREATE TABLE holiday_notices (
    seq INTEGER PRIMARY KEY, {_RECORD},
    year INTEGER NOT NULL, title TEXT NOT NULL DEFAULT '', complete INTEGER NOT NULL DEFAULT 1,
    spans TEXT NOT NULL DEFAULT '[]', note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX holiday_notices_year ON holiday_notices (year);
""")
    # the per-date overrides of earlier versions become one partial notice per year
    row = db.execute("SELECT value FROM settings WHERE key = 'holiday_overrides'").fetchone()
    if row is not None:
        db.execute("DELETE FROM settings WHERE key = 'holiday_overrides'")
        _convert_overrides(db, row[0])


@migrations()
def m008_record_seals(db: sqlite_utils.Database) -> None:
    """Seal every existing record once; from now on each operation seals the rows it writes.

    No DDL: one audit row per 20,000 records holds their digests (storage/seals.py,
    seal format version 1, which never changes meaning). Records that contradict their
    audit history are left unsealed, so ``check`` keeps naming them.
    """
    from .seals import seal_existing

    seal_existing(db)


@migrations()
def m009_trust_continuity(db: sqlite_utils.Database) -> None:
    """Revoked keys (never trusted again) and audit-chain anchors exchanged with peers.

    ``revoked_keys`` keeps every key this desk stopped trusting, with the reason;
    ``audit_anchors`` keeps the audit-chain heads peers sent (``received``) and the heads of
    this desk's own chain that a peer confirmed having received (``confirmed``).
    """
    run_script(db, """
CREATE TABLE revoked_keys (
    fingerprint TEXT PRIMARY KEY, code TEXT NOT NULL, signing_public BLOB NOT NULL,
    encryption_public BLOB NOT NULL, revoked_at TEXT NOT NULL, reason TEXT NOT NULL
);
CREATE TABLE audit_anchors (
    peer TEXT NOT NULL, direction TEXT NOT NULL CHECK (direction IN ('received', 'confirmed')),
    seq INTEGER NOT NULL, hash TEXT NOT NULL, bundle_id TEXT NOT NULL, recorded_at TEXT NOT NULL,
    PRIMARY KEY (peer, direction, seq)
) WITHOUT ROWID;
INSERT INTO revoked_keys (fingerprint, code, signing_public, encryption_public, revoked_at,
                          reason)
    SELECT fingerprint, code, signing_public, encryption_public, coalesce(revoked_at, trusted_at),
           '升级前已撤销' FROM trusted_desks WHERE revoked = 1;
""")


@migrations()
def m010_accounts(db: sqlite_utils.Database) -> None:
    """Accounts: the people who log in to this desk (docs/permissions.md).

    Local to the desk, never exchanged. A name is unique for ever (the audit trail names
    accounts by it), so an account is deactivated, never deleted or renamed. The password
    is not here: each account's key slot in the key file beside the database opens it.
    """
    run_script(db, """
CREATE TABLE accounts (
    id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('mediator', 'director', 'liaison', 'readonly')),
    mediator_id TEXT, active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
""")


@migrations()
def m011_statistics_indexes(db: sqlite_utils.Database) -> None:
    """Statistics count acceptances, deadlines, agreements, status changes and follow-ups by
    date, and cases by village (docs/statistics.md, docs/statistics-villages.md).

    The indexes hold every column a report reads, so a report never reads a case's row
    (its facts and claims make rows large): at 100,000 cases that is the difference
    between reading a few megabytes and reading most of the file.
    """
    run_script(db, """
CREATE INDEX cases_received_stats ON cases
    (received_on, id, center_id, dispute_type, source, accepted_on, flags) WHERE deleted = 0;
CREATE INDEX cases_accepted ON cases (accepted_on, id, center_id, dispute_type, source, flags)
    WHERE deleted = 0 AND accepted_on IS NOT NULL;
CREATE INDEX cases_due ON cases (due_on, id, closed_on, status, suspended_since)
    WHERE deleted = 0 AND due_on IS NOT NULL;
CREATE INDEX agreements_effective_stats ON agreements
    (effective_on, id, case_id, amount_fen, scope) WHERE deleted = 0;
CREATE INDEX events_action ON events
    (json_extract(data, '$.action'), occurred_at, case_id, deleted,
     json_extract(data, '$.reason'), json_extract(data, '$.outcome'),
     json_extract(data, '$.applied_on'))
    WHERE kind = 'status_change';
CREATE INDEX events_follow_up ON events
    (occurred_at, case_id, json_extract(data, '$.satisfaction'))
    WHERE kind = 'follow_up' AND deleted = 0;
CREATE INDEX parties_village ON parties (case_id, position, role, village) WHERE deleted = 0;
""")


@migrations()
def m012_document_verification(db: sqlite_utils.Database) -> None:
    """The document register holds what verifying a paper needs, and travels in bundles.

    Each row becomes a record (origin, version, updated_at, deleted) with the issuing
    center, the content hash, the page count and the code's scheme (0: the first version's
    unkeyed code; 1: keyed, docs/document-verification.md); rows written before are this
    desk's own, version 1, unkeyed. The PDF hash is indexed (a file is looked up by it).
    """
    run_script(db, """
ALTER TABLE documents ADD COLUMN origin TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE documents ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN center_id TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN content_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN pages INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN scheme INTEGER NOT NULL DEFAULT 0;
UPDATE documents SET updated_at = created_at,
    origin = coalesce((SELECT code FROM centers WHERE is_self = 1), ''),
    center_id = coalesce((SELECT id FROM centers WHERE is_self = 1), '');
CREATE INDEX documents_sha ON documents (sha256);
""")


def _convert_overrides(db: sqlite_utils.Database, raw: str) -> None:
    import json
    import uuid

    overrides = json.loads(raw) or {}
    origin_row = db.execute("SELECT code FROM centers WHERE is_self = 1").fetchone()
    origin = origin_row[0] if origin_row else ""
    by_year: dict[int, list[dict[str, str]]] = {}
    for day, workday in sorted(overrides.items()):
        by_year.setdefault(int(day[:4]), []).append(
            {"start": day, "end": day, "kind": "work" if workday else "rest", "name": "本地调整"})
    now = datetime.now().astimezone().isoformat(timespec="milliseconds")
    for year, spans in by_year.items():
        db.execute(
            "INSERT INTO holiday_notices (id, origin, version, updated_at, deleted, year, title,"
            " complete, spans, note) VALUES (?, ?, 1, ?, 0, ?, '本地调整', 0, ?, '')",
            [str(uuid.uuid4()), origin, now, year, json.dumps(spans, ensure_ascii=False)])


_M013_FLAGS = ("risk", "reported_to_police", "family", "on_site_circuit", "business_environment",
               "wusong_community", "money_only", "status_or_title", "foreign", "appraisal_needed",
               "party_missing", "counterclaim", "public_interest", "facts_clear", "complex")
"""The case flags of the day (frozen: a later flag gets its index in its own migration)."""


@migrations()
def m013_case_list_indexes(db: sqlite_utils.Database) -> None:
    """The case list pages by keyset over an index for every sort key and filter it offers.

    Each sort key has a narrow partial index of live cases (the row id, ``seq``, ends every
    index, so ``(key, seq)`` is its order); a status is indexed with the date received (the
    default order), a dispute type and a source already are (``cases_type``,
    ``cases_source``), a center with the number by its unique key. Open cases (a small part
    of years of cases, and the newest) have the same orders in partial indexes of their
    own, so 「在办案件」 in any order reads only open cases. The flag filter has one partial
    index per flag, holding only the cases with it, keyed by the date received; the overdue
    and due-soon filters one over the cases whose clock runs. docs/case-list.md tells which
    query each index serves.

    ``case_tally`` holds the number of live cases, kept by triggers (counting a million
    cases reads every page of an index: 130 ms; the dashboard shows the total always).
    """
    flags = "\n".join(
        f"CREATE INDEX cases_flag_{f} ON cases (received_on)"
        f" WHERE deleted = 0 AND instr(flags, '\"{f}\"') > 0;" for f in _M013_FLAGS)
    open_orders = {"number": "year, serial", "status": "status, received_on",
                   "type": "dispute_type, received_on", "source": "source, received_on",
                   "received": "received_on", "due": "due_on", "parties": "party_names",
                   "mediators": "mediator_names", "amount": "amount_fen",
                   "center": "center_id, year, serial"}
    opened = "\n".join(
        f"CREATE INDEX cases_open_{name} ON cases ({columns}) WHERE deleted = 0"
        " AND status IN ('registered', 'accepted', 'mediating', 'suspended');"
        for name, columns in open_orders.items())
    run_script(db, f"""
CREATE INDEX cases_list_number ON cases (year, serial) WHERE deleted = 0;
CREATE INDEX cases_list_status ON cases (status, received_on) WHERE deleted = 0;
CREATE INDEX cases_list_due ON cases (due_on) WHERE deleted = 0;
CREATE INDEX cases_list_parties ON cases (party_names) WHERE deleted = 0;
CREATE INDEX cases_list_mediators ON cases (mediator_names) WHERE deleted = 0;
CREATE INDEX cases_list_amount ON cases (amount_fen) WHERE deleted = 0;
CREATE INDEX cases_list_clock ON cases (status, due_on)
    WHERE deleted = 0 AND status IN ('accepted', 'mediating');
{opened}
{flags}
CREATE TABLE case_tally (id INTEGER PRIMARY KEY CHECK (id = 1), live INTEGER NOT NULL);
INSERT INTO case_tally VALUES (1, (SELECT count(*) FROM cases WHERE deleted = 0));
CREATE TRIGGER case_tally_insert AFTER INSERT ON cases WHEN new.deleted = 0
BEGIN UPDATE case_tally SET live = live + 1 WHERE id = 1; END;
CREATE TRIGGER case_tally_delete AFTER DELETE ON cases WHEN old.deleted = 0
BEGIN UPDATE case_tally SET live = live - 1 WHERE id = 1; END;
CREATE TRIGGER case_tally_tombstone AFTER UPDATE OF deleted ON cases
    WHEN (old.deleted = 0) != (new.deleted = 0)
BEGIN UPDATE case_tally SET live = live + (new.deleted = 0) - (old.deleted = 0) WHERE id = 1;
END;
""")


_M014_ACTIONS = ("apply_jc", "jc_confirm", "jc_reject", "jc_withdraw", "hand_over",
                 "record_filing", "return_to_trial", "not_accept", "terminate", "litigate")
"""The status changes statistics, the village view and the subsidy sheet count (frozen: a
later one gets its own migration; the queries repeat this list, the index's condition)."""

_M014_COMPACT_DDL = """
DROP INDEX events_kind;
CREATE INDEX events_note ON events (occurred_at) WHERE kind = 'note';
DROP INDEX events_case;
CREATE INDEX events_case ON events (case_id);
DROP INDEX events_action;
CREATE INDEX events_action ON events
    (json_extract(data, '$.action'), occurred_at, case_id, deleted,
     json_extract(data, '$.reason'), json_extract(data, '$.outcome'),
     json_extract(data, '$.applied_on'))
    WHERE kind = 'status_change' AND json_extract(data, '$.action') IN ({actions});
CREATE TABLE case_mediators_m014 (
    case_id TEXT NOT NULL REFERENCES cases(id), mediator_id TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (case_id, mediator_id)
) WITHOUT ROWID;
INSERT INTO case_mediators_m014 (case_id, mediator_id, position)
    SELECT case_id, mediator_id, position FROM case_mediators;
DROP TABLE case_mediators;
ALTER TABLE case_mediators_m014 RENAME TO case_mediators;
CREATE INDEX case_mediators_mediator ON case_mediators (mediator_id);
ALTER TABLE case_fts RENAME TO case_fts_m013;
ALTER TABLE case_fts_chars RENAME TO case_fts_chars_m013;
CREATE VIRTUAL TABLE case_fts USING fts5(body, tokenize = 'trigram', content = '',
                                         contentless_delete = 1);
CREATE VIRTUAL TABLE case_fts_chars USING fts5(body, tokenize = 'unicode61', content = '',
                                               contentless_delete = 1);
INSERT INTO case_fts (rowid, body) SELECT rowid, body FROM case_fts_m013 ORDER BY rowid;
INSERT INTO case_fts_chars (rowid, body)
    SELECT rowid, body FROM case_fts_chars_m013 ORDER BY rowid;
DROP TABLE case_fts_m013;
DROP TABLE case_fts_chars_m013;
"""


@migrations()
def m014_compact_store(db: sqlite_utils.Database) -> None:
    """A compacter file (docs/storage-layout.md); sizes below are per case of the demo.

    * ``events_kind`` (kind, occurred_at) served no query but the rare NOTE events by date
      (the written copies of oral agreements): a partial index of those replaces it
      (350 bytes). The planner also took it over ``events_case`` for one case's events.
    * ``events_case`` is the case alone: a case's few events are sorted when read (180 bytes).
    * ``events_action`` holds only the status changes that are counted (statistics, village
      view, subsidy sheet), not every registration, acceptance and assignment: a tenth of
      the rows (about 370 bytes). The queries repeat its condition.
    * ``case_mediators`` is its primary key (WITHOUT ROWID): the table and its key index
      held the same pairs twice (60 bytes net: the mediator index now holds the key).
    * The search indexes keep no copy of the text they index (contentless FTS5 tables that
      accept deletes): the text lives in ``cases`` and ``parties`` only, not twice more in
      the FTS content tables (1,150 bytes). Each case's indexed text is moved over exactly
      as indexed before (the old content tables hold it), so every search answers as before.
    """
    actions = ", ".join(f"'{a}'" for a in _M014_ACTIONS)
    run_script(db, _M014_COMPACT_DDL.replace("{actions}", actions))


@migrations()
def m015_case_tallies(db: sqlite_utils.Database) -> None:
    """The dashboard's figures from tallies kept by triggers, not counted (``case_tallies``).

    At 1,000,000 cases its counts read tens of thousands of index entries each (the cases
    being mediated, awaiting judicial confirmation or a follow-up visit): tens of ms. The
    tallies (per status, and per date for the three clocks the dashboard shows) are filled
    here from the cases as they are and kept by triggers in the same statement as every
    write of a case (storage/case_tallies.py; frozen there).
    """
    from .case_tallies import m015_ddl

    run_script(db, m015_ddl())


_M016_DIGITS_DDL = """CREATE VIRTUAL TABLE case_fts_digits USING fts5(body, tokenize = 'unicode61',
                                                content = '', contentless_delete = 1)"""

_M016_CHUNK = 20_000


@migrations()
def m016_digit_search(db: sqlite_utils.Database) -> None:
    """The digit index (``case_fts_digits``, storage/search.py): a phone, an ID number or its
    ``227X`` tail, a run of 4+ digits, found by phrases of 4-digit grams rather than of
    trigrams of digits, each of which is in a large share of the cases (the phrase of an
    ID number took about 500 ms at 1,000,000 cases). Filled from every live case's text as
    ``storage/cases.py`` indexes it (its digit runs never cross a field, so the fields are
    enough), in row-id order, a chunk of cases at a time, then merged into one segment.
    About 240 bytes per case of the demo (181 of them the index's own blocks).
    """
    from . import search

    db.execute(_M016_DIGITS_DDL)
    top = int(db.execute("SELECT coalesce(max(seq), 0) FROM cases").fetchone()[0])
    for low in range(0, top, _M016_CHUNK):
        parts: dict[str, list[str]] = {}
        seqs: dict[str, int] = {}
        facts: dict[str, str] = {}
        for cid, seq, *fields, fact in db.execute(
                "SELECT id, seq, number, court_case_number, filing_number, title, facts"
                " FROM cases WHERE deleted = 0 AND seq > ? AND seq <= ? ORDER BY seq",
                [low, low + _M016_CHUNK]):
            parts[cid], seqs[cid], facts[cid] = list(fields), seq, fact
        for cid, *fields in db.execute(
                "SELECT p.case_id, p.name, p.phone, p.id_number, p.credit_code, p.address,"
                " p.village, p.agent_name, p.agent_phone, p.legal_representative"
                " FROM cases c JOIN parties p ON p.case_id = c.id"
                " WHERE c.deleted = 0 AND c.seq > ? AND c.seq <= ? AND p.deleted = 0"
                " ORDER BY c.seq, p.position", [low, low + _M016_CHUNK]):
            parts[cid] += fields
        search.index_digits(db, [(seqs[cid], search.body_for([*p, facts[cid]]))
                                 for cid, p in parts.items()])
    # one segment, not the dozens the chunks leave: a phrase's terms are each looked up in
    # every segment (half the CPU time of an ID number's search at 100,000 cases)
    db.execute("INSERT INTO case_fts_digits (case_fts_digits) VALUES ('optimize')")
