"""The database file going away under an open desk is noticed before the next write.

Deleted, moved, replaced by another file: the write is refused (``db_gone``) and
``Store.save_copy`` writes everything committed so far, from the open connection,
to a place the user picks. Nothing reported as saved is lost.
"""

from __future__ import annotations

import os
import shutil

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the app's SQLite: one copy per process

from mediation_desk.services.cases import CaseService
from mediation_desk.storage.connection import StorageError
from mediation_desk.storage.store import Store
from tests.conftest import case_input


def register(store: Store, n: int) -> list[str]:
    svc = CaseService(store)
    return [svc.register("测试员", case_input()).id for _ in range(n)]


def case_ids(path) -> set[str]:
    s = Store.open(path, readonly=True)
    try:
        return {r[0] for r in s.db.execute("SELECT id FROM cases")}
    finally:
        s.close()


def assert_refused(store: Store) -> StorageError:
    before = store.db.execute("SELECT count(*) FROM audit").fetchone()[0]
    with pytest.raises(StorageError) as err:
        register(store, 1)
    assert err.value.code == "db_gone"
    assert "没有保存" in err.value.message and "另存副本" in err.value.message
    assert store.db.execute("SELECT count(*) FROM audit").fetchone()[0] == before
    return err.value


def test_deleted_file_refuses_the_next_write_and_a_copy_keeps_everything(store, db_path, tmp_path):
    ids = register(store, 3)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(f"{db_path}{suffix}"):
            os.unlink(f"{db_path}{suffix}")
    assert_refused(store)
    copy = tmp_path / "rescue" / "copy.db"
    copy.parent.mkdir()
    assert store.save_copy(copy) == copy
    assert set(ids) <= case_ids(copy)
    s = Store.open(copy)  # a normal desk file again: writable, checks pass
    try:
        register(s, 1)
        problems, chain = s.check()
        assert problems == [] and chain.ok
    finally:
        s.close()


def test_only_the_main_file_deleted(store, db_path, tmp_path):
    ids = register(store, 2)
    db_path.unlink()  # -wal and -shm stay behind
    assert_refused(store)
    store.save_copy(tmp_path / "copy.db")
    assert set(ids) <= case_ids(tmp_path / "copy.db")


def test_moved_file_is_refused(store, db_path, tmp_path):
    register(store, 1)
    os.rename(db_path, tmp_path / "moved.db")
    assert_refused(store)


def test_file_replaced_by_another_database_is_refused(store, db_path, tmp_path, clock):
    from mediation_desk.services.desk import init_desk

    ids = register(store, 2)
    other = tmp_path / "other.db"
    init_desk(other, code="QT-01", name="其他调解中心", clock=clock).close()
    os.rename(other, db_path)
    assert_refused(store)
    store.save_copy(tmp_path / "copy.db")
    assert set(ids) <= case_ids(tmp_path / "copy.db")


def test_file_copied_back_over_itself_is_refused(store, db_path, tmp_path):
    register(store, 1)
    shutil.copyfile(db_path, tmp_path / "same.db")
    os.replace(tmp_path / "same.db", db_path)  # same name, another file
    assert_refused(store)


def test_untouched_file_still_writes(store):
    register(store, 2)
    assert store.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 2


def test_save_copy_refuses_a_target_with_a_stale_wal(store, db_path, tmp_path):
    register(store, 1)
    target = tmp_path / "t.db"
    (tmp_path / "t.db-wal").write_bytes(b"left over")
    with pytest.raises(StorageError) as err:
        store.save_copy(target)
    assert err.value.code == "copy_target"
    assert not target.exists()


def test_save_copy_refuses_the_open_database_itself(store, db_path):
    with pytest.raises(StorageError) as err:
        store.save_copy(db_path)
    assert err.value.code == "copy_target"


def test_save_copy_of_a_healthy_store_is_consistent(store, db_path, tmp_path):
    ids = register(store, 2)
    target = tmp_path / "copy.db"
    target.write_bytes(b"old")  # replaced, not appended to
    store.save_copy(target)
    assert set(ids) == case_ids(target)
    con = sqlite3.connect(target)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()
    assert not os.path.exists(f"{target}-wal")
