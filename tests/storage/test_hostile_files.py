"""Untrusted database files: trusted_schema off, and a schema that is not ours is refused.

A file with a planted trigger or view, or an altered table or index, is refused on
open with the object named, before anything is written (the file is unchanged);
``check`` reports the same.
"""

from __future__ import annotations

import hashlib

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the app's SQLite: one copy per process

from mediation_desk.services.cases import CaseService
from mediation_desk.storage.connection import StorageError
from mediation_desk.storage.store import Store
from tests.conftest import case_input

STEAL_IDS = """
CREATE TABLE stolen (id_number TEXT);
CREATE TRIGGER steal_ids AFTER INSERT ON parties
BEGIN INSERT INTO stolen VALUES (NEW.id_number); END;
"""
ONE_FEN = """
CREATE TRIGGER one_fen AFTER INSERT ON cases
BEGIN UPDATE cases SET amount_fen = 1 WHERE id = NEW.id; END;
"""


def digest(p) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def plant(db_path, sql: str) -> None:
    con = sqlite3.connect(db_path)
    con.executescript(sql)
    con.commit()
    con.close()


def test_trusted_schema_is_off_on_every_connection(store, db_path):
    assert store.db.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    reader = Store.open(db_path, readonly=True)
    try:
        assert reader.db.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    finally:
        reader.close()


def test_clean_file_opens(store, db_path):
    store.close()
    for ro in (False, True):
        Store.open(db_path, readonly=ro).close()


@pytest.mark.parametrize("sql, names", [
    (STEAL_IDS, ["触发器 steal_ids", "表 stolen"]),
    (ONE_FEN, ["触发器 one_fen"]),
    ("CREATE VIEW everyone AS SELECT name, id_number FROM parties;", ["视图 everyone"]),
    ("DROP INDEX parties_id_number;", ["缺少索引 parties_id_number"]),
    ("ALTER TABLE parties ADD COLUMN note TEXT;", ["表 parties 的定义被改动"]),
    ("DROP TRIGGER audit_no_update;", ["缺少触发器 audit_no_update"]),
])
def test_planted_or_altered_objects_are_refused_unchanged(store, db_path, sql, names):
    CaseService(store).register("测试员", case_input())
    store.close()
    plant(db_path, sql)
    before = digest(db_path)
    for ro in (False, True):
        with pytest.raises(StorageError) as err:
            Store.open(db_path, readonly=ro)
        assert err.value.code == "db_schema_mismatch"
        for name in names:
            assert name in err.value.message
        assert "文件未被修改" in err.value.message
    assert digest(db_path) == before


def test_planted_trigger_passes_nothing(store, db_path):
    store.close()
    plant(db_path, STEAL_IDS)
    with pytest.raises(StorageError):
        s = Store.open(db_path)
        CaseService(s).register("测试员", case_input())
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM stolen").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM parties").fetchone()[0] == 0
    con.close()


def test_migration_unknown_to_this_version_is_too_new(store, db_path):
    store.db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                     " VALUES ('mediation_desk', 'm999_from_the_future', '2030-01-01')")
    store.close()
    with pytest.raises(StorageError) as err:
        Store.open(db_path)
    assert err.value.code == "db_too_new" and "m999_from_the_future" in err.value.message


def test_analyze_statistics_are_allowed(store, db_path):
    store.db.execute("ANALYZE")
    store.close()
    Store.open(db_path).close()


def test_schema_of_an_older_migration_state_is_judged_by_that_state(store, db_path):
    """A file at an older migration state is compared with that state, then migrated."""
    from mediation_desk.storage import schema
    from mediation_desk.storage.integrity import schema_differences

    @schema.migrations(name="m999_test_extra_table")
    def _extra(db):
        db.execute("CREATE TABLE extra_test (x)")

    try:
        store.close()
        s = Store.open(db_path)  # migrates: compared with the state before m999
        assert schema_differences(s.db) == []
        s.close()
    finally:
        schema.migrations._migrations = [m for m in schema.migrations._migrations
                                         if m.name != "m999_test_extra_table"]
