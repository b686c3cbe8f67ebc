"""Is this file what this version of the program wrote? The schema, compared object by object.

A database file may come from anywhere: a USB stick, an e-mail, a colleague's
laptop. SQLite runs whatever triggers and views a file carries, so a file with a
planted trigger (copying ID numbers into a hidden table, setting every new amount
to 1 fen) would do its work with every save. Before anything is written, the
file's schema (``sqlite_master``: type, name, table, SQL with whitespace
normalised) is compared with the one this version expects *for the migrations
the file says it has applied*: the expected schema is built by applying those
migrations to an in-memory database (cached). An extra, missing or altered table,
index, trigger or view refuses the file, naming the object; the file is not
changed. ``check`` reports the same differences (see :func:`schema_differences`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import sqlite_utils

from . import audit, seals
from .connection import StorageError, connect, integrity_check
from .schema import migrations

KINDS = {"table": "表", "index": "索引", "trigger": "触发器", "view": "视图"}
MIGRATIONS_TABLE = migrations.migrations_table

# Objects SQLite itself may add to any file: statistics tables (ANALYZE), with their fixed SQL.
OPTIONAL = {
    ("table", "sqlite_stat1"): ("sqlite_stat1", "CREATE TABLE sqlite_stat1(tbl,idx,stat)"),
    ("table", "sqlite_stat4"): ("sqlite_stat4",
                                "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)"),
}

Schema = dict[tuple[str, str], tuple[str, str | None]]  # (type, name) -> (tbl_name, sql)


def _normalise(sql: str | None) -> str | None:
    return None if sql is None else " ".join(sql.split())


def schema_of(db: sqlite_utils.Database) -> Schema:
    """The file's schema objects: (type, name) -> (table, SQL with whitespace normalised)."""
    return {(kind, name): (table, _normalise(sql)) for kind, name, table, sql in db.execute(
        "SELECT type, name, tbl_name, sql FROM main.sqlite_master")}


def applied_migrations(db: sqlite_utils.Database) -> tuple[str, ...]:
    """Names of the migrations the file records as applied, in the order applied."""
    return tuple(m.name for m in migrations.applied(db))


@cache
def _expected(applied: frozenset[str], registered: tuple[str, ...],
              with_table: bool) -> Schema:
    # the driver's SQLite (sqlcipher3), as the file is read with: Python's own copy may be
    # older and not know an option a migration uses (contentless_delete, SQLite 3.43)
    mem = sqlite_utils.Database(connect(":memory:"))
    try:
        if applied or with_table:
            migrations.ensure_migrations_table(mem)
        for m in migrations._migrations:  # registration order, as ``apply`` runs them
            if m.name in applied:
                m.fn(mem)
        return schema_of(mem)
    finally:
        mem.close()


def expected_schema(applied: tuple[str, ...], *, with_migrations_table: bool = True) -> Schema:
    """The schema this version writes for the given applied migrations (built once, cached)."""
    registered = tuple(m.name for m in migrations._migrations)
    return _expected(frozenset(applied), registered, with_migrations_table or bool(applied))


def _label(kind: str, name: str) -> str:
    return f"{KINDS.get(kind, kind)} {name}"


@dataclass(frozen=True)
class Difference:
    """One schema object that is not as expected: ``extra``, ``missing`` or ``altered``."""

    what: str
    kind: str
    name: str

    def __str__(self) -> str:
        if self.what == "extra":
            return f"多出{_label(self.kind, self.name)}"
        if self.what == "missing":
            return f"缺少{_label(self.kind, self.name)}"
        if self.what == "unknown_migration":
            return f"含本程序不认识的结构升级 {self.name}（由更新版本的调解工作台写入）"
        return f"{_label(self.kind, self.name)} 的定义被改动"


def differences(db: sqlite_utils.Database) -> list[Difference]:
    """Schema objects that differ from what this version expects (empty: none).

    A file naming a migration this version does not know was upgraded by a newer
    version; that is reported instead (its schema cannot be judged).
    """
    applied = applied_migrations(db)
    known = {m.name for m in migrations._migrations}
    unknown = [n for n in applied if n not in known]
    if unknown:
        return [Difference("unknown_migration", "", unknown[0])]
    actual = schema_of(db)
    expected = expected_schema(applied, with_migrations_table=("table", MIGRATIONS_TABLE) in actual)
    out = [Difference("extra", *key) for key in sorted(actual.keys() - expected.keys())
           if OPTIONAL.get(key) != actual[key]]
    out += [Difference("missing", *key) for key in sorted(expected.keys() - actual.keys())]
    out += [Difference("altered", *key) for key in sorted(actual.keys() & expected.keys())
            if actual[key] != expected[key]]
    return out


def schema_differences(db: sqlite_utils.Database) -> list[str]:
    """:func:`differences` as Chinese phrases, e.g. 「多出触发器 steal_ids」."""
    return [str(d) for d in differences(db)]


def verify_schema(db: sqlite_utils.Database, path: Path | str = "") -> None:
    """Refuse a file whose schema is not exactly this version's (call before any write)."""
    found = differences(db)
    if not found:
        return
    problems = [str(d) for d in found]
    if found[0].what == "unknown_migration":
        raise StorageError(f"此数据库由更新版本的调解工作台升级过：{path}（{problems[0]}）。"
                           "请升级程序后再打开，文件未被修改。", code="db_too_new")
    shown = "；".join(problems[:5]) + ("……" if len(problems) > 5 else "")
    from .backup import restore_hint  # backup imports this module's checks

    raise StorageError(
        f"数据库结构与本程序不一致：{shown}。这个文件可能被其他程序改动过（{path}），"
        "调解工作台不会使用它，文件未被修改。请从备份恢复（"
        f"{restore_hint(path)}），或请技术支持检查这个文件。",
        code="db_schema_mismatch")


# -- the whole check ------------------------------------------------------------------------
@dataclass
class CheckReport:
    """Everything ``check`` looks at; ``ok`` when nothing was found."""

    integrity: list[str] = field(default_factory=list)
    schema: list[str] = field(default_factory=list)
    records: list[str] = field(default_factory=list)
    records_checked: int = 0
    blobs: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # history a peer saw, since rewritten
    chain: audit.ChainCheck = field(default_factory=lambda: audit.ChainCheck(True, 0))

    @property
    def ok(self) -> bool:
        return not self.problems() and self.chain.ok

    def problems(self) -> list[str]:
        """Every finding except the audit chain's, as Chinese lines."""
        return self.integrity + self.schema + self.records + self.blobs + self.anchors


def _blob_problems(db: sqlite_utils.Database) -> list[str]:
    out = []
    for sha256, content in db.execute("SELECT sha256, content FROM main.attachment_blobs"):
        if hashlib.sha256(bytes(content)).hexdigest() != sha256:
            out.append(f"附件内容 {sha256[:12]}… 与其校验值不符，可能在程序外被改动")
    return out


def full_check(db: sqlite_utils.Database) -> CheckReport:
    """SQLite's integrity check, the schema, every record against the audit trail,
    attachment contents against their hashes, and the audit chain."""
    report = CheckReport(integrity=integrity_check(db))
    if report.integrity:
        return report  # a damaged file: nothing else can be trusted to read
    found = differences(db)
    report.schema = [str(d) for d in found]
    report.chain = audit.verify_chain(db)
    if not any(d.kind == "table" and d.name == "audit_anchors" for d in found) and \
            db.execute("SELECT 1 FROM sqlite_master WHERE name = 'audit_anchors'").fetchone():
        report.anchors = audit.anchor_problems(db)
    tables = set(seals.TABLES) | {"audit", "attachment_blobs"}
    if any(d.kind == "table" and d.name in tables or d.what == "unknown_migration"
           for d in found):
        report.records = ["记录未核对：记录表的结构与本程序不一致"]
        return report
    checked = seals.verify_records(db)
    report.records_checked = checked.checked
    report.records = [seals.describe(db, p) for p in checked.problems]
    report.blobs = _blob_problems(db)
    report.records += _tally_problems(db)
    return report


def _tally_problems(db: sqlite_utils.Database) -> list[str]:
    """The dashboard's tallies (m015) against the cases counted afresh."""
    from . import case_tallies

    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'case_tallies'").fetchone():
        return []
    if case_tallies.stored(db) == case_tallies.recounted(db):
        return []
    return ["工作台的案件计数与案件记录不符（数据库曾在程序外被改动）"]
