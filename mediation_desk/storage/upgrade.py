"""Opening a file brings its schema up to date (the migrations themselves: :mod:`.schema`).

Refuses a file that is not ours or was written by a newer major version, takes the
verified migration backup of an existing file first, then applies what is pending.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from .connection import (
    StorageError,
    application_id,
    set_application_id,
    set_user_version,
    user_version,
)
from .schema import SCHEMA_MAJOR, migrations


def _has_tables(db: sqlite_utils.Database) -> bool:
    return bool(db.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0])


def ensure_schema(db: sqlite_utils.Database, path: Path | None) -> list[str]:
    """Bring the schema up to date; return the names of migrations applied.

    Refuses a file written by a newer major version, or a SQLite file that is
    not ours. Copies an existing file before changing its schema.
    """
    existing = _has_tables(db)
    app = application_id(db)
    if existing and app == 0:
        raise StorageError("该 SQLite 文件不是调解工作台数据库。", code="db_wrong_kind")
    major = user_version(db)
    if major > SCHEMA_MAJOR:
        raise StorageError(
            f"此数据库由更新版本的调解工作台创建（结构版本 {major}，本程序支持 {SCHEMA_MAJOR}）。"
            "请升级程序后再打开，文件未被修改。",
            code="db_too_new",
        )
    pending = migrations.pending(db)
    if not pending:
        return []
    if existing and path is not None:
        from .backup import migration_backup  # verified, in the backup folder, never rotated

        migration_backup(db, path, pending[0].name)
    if not existing:
        set_application_id(db)
    # Each migration commits on its own; in WAL mode with synchronous NORMAL those commits are
    # not fsynced one by one (about 45 fsyncs for a new file: most of its wall time on a
    # slow disk), yet never leave the file inconsistent: a crash keeps the migrations whose
    # frames reached the disk and the next open applies the rest. The checkpoint at the end
    # syncs the WAL and then the file (and the first operation's FULL commit syncs the WAL).
    wal = str(db.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal"
    sync = int(db.execute("PRAGMA synchronous").fetchone()[0])
    if wal:
        db.execute("PRAGMA synchronous = NORMAL")
    try:
        migrations.apply(db)
        set_user_version(db, SCHEMA_MAJOR)
    finally:
        if wal:
            db.execute(f"PRAGMA synchronous = {sync}")
    if wal:  # PASSIVE: never waits for another connection's readers (the next commit syncs)
        db.execute("PRAGMA wal_checkpoint(PASSIVE)")
    return [m.name for m in pending]


def needs_migration(db: sqlite_utils.Database) -> bool:
    """True when migrations are pending (a read-only open cannot serve such a file)."""
    return bool(migrations.pending(db))
