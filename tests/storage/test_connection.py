"""Opening files: missing, wrong kind, corrupt, too new — refused, never modified."""

from __future__ import annotations

import hashlib

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the app's SQLite: one copy per process

from mediation_desk.storage.connection import StorageError
from mediation_desk.storage.store import Store


def digest(p):
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_missing_file_is_not_created(tmp_path):
    p = tmp_path / "nope.db"
    with pytest.raises(StorageError) as err:
        Store.open(p, readonly=True)
    assert err.value.code == "db_missing"
    with pytest.raises(StorageError):
        Store.open(p)
    assert not p.exists()


def test_text_file_is_refused_unchanged(tmp_path):
    p = tmp_path / "notes.db"
    p.write_text("这不是数据库", encoding="utf-8")
    before = digest(p)
    for ro in (True, False):
        with pytest.raises(StorageError) as err:
            Store.open(p, readonly=ro)
        assert err.value.code == "db_wrong_kind"
    assert digest(p) == before


def test_other_applications_sqlite_is_refused(tmp_path):
    p = tmp_path / "other.db"
    con = sqlite3.connect(p)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    before = digest(p)
    with pytest.raises(StorageError) as err:
        Store.open(p)
    assert err.value.code == "db_wrong_kind"
    with pytest.raises(StorageError):
        Store.open(p, readonly=True)
    assert digest(p) == before


def test_corrupt_database_is_reported(store, db_path):
    store.close()
    data = bytearray(db_path.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    db_path.write_bytes(bytes(data))
    with pytest.raises(StorageError) as err:
        s = Store.open(db_path, readonly=True)
        s.check()
        from mediation_desk.services.cases import CaseService
        CaseService(s).count()
    assert err.value.code in ("db_corrupt", "db_error")


def test_newer_major_version_is_refused(store, db_path):
    store.db.execute("PRAGMA user_version = 99")
    store.close()
    before = digest(db_path)
    with pytest.raises(StorageError) as err:
        Store.open(db_path)
    assert err.value.code == "db_too_new"
    assert "更新版本" in err.value.message
    assert digest(db_path) == before


def test_pragmas(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_migration_copies_the_file_first(store, db_path):
    from mediation_desk.storage import schema

    @schema.migrations(name="m999_test_extra")
    def _extra(db):
        db.execute("CREATE TABLE extra_test (x)")

    try:
        store.close()
        s = Store.open(db_path)
        s.close()
        from mediation_desk.storage.backup import default_backup_dir, read_record

        backups = list(default_backup_dir().glob("desk-*-migration.mdbak"))
        assert len(backups) == 1
        assert read_record(backups[0]).verified
        con = sqlite3.connect(backups[0])
        assert "extra_test" not in {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
        con.close()
    finally:
        schema.migrations._migrations = [m for m in schema.migrations._migrations
                                         if m.name != "m999_test_extra"]
