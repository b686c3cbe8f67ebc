"""Two kinds of database error, told apart by SQLite's result code (never by message text).

Known conditions (busy, locked, full, read-only, not a database, corrupt,
cannot open, I/O error, permission) become one Chinese sentence saying what
to do; anything else is a bug and is raised as :class:`InternalDatabaseError`.
"""

from __future__ import annotations

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the app's SQLite: one copy per process

from mediation_desk.domain.errors import DomainError
from mediation_desk.storage import connection
from mediation_desk.storage.connection import StorageError, translate_error


def fake(code: int, name: str, message: str = "whatever") -> sqlite3.Error:
    exc = sqlite3.OperationalError(message)
    exc.sqlite_errorcode = code
    exc.sqlite_errorname = name
    return exc


def raised(fn) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as err:
        fn()
    return err.value


def test_busy_from_a_writer_holding_the_lock(store, db_path):
    holder = sqlite3.connect(db_path)
    holder.execute("BEGIN IMMEDIATE")
    store.db.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(StorageError) as err, store.operation("测试员", "test"):
            pass
    finally:
        holder.rollback()
        holder.close()
    assert err.value.code == "db_locked"
    assert "其他程序" in err.value.message and "重试" in err.value.message


def test_locked_table_within_one_connection(tmp_path):
    con = sqlite3.connect(tmp_path / "l.db")
    con.execute("CREATE TABLE t (x)")
    con.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(10)])
    con.commit()
    cur = con.execute("SELECT x FROM t")
    cur.fetchone()
    exc = raised(lambda: con.execute("DROP TABLE t"))
    assert exc.sqlite_errorname == "SQLITE_LOCKED"
    assert translate_error(exc, "l.db").code == "db_locked"
    con.close()


def test_disk_full(tmp_path):
    con = sqlite3.connect(tmp_path / "f.db")
    con.execute("CREATE TABLE t (x)")
    con.execute("PRAGMA max_page_count = 3")
    exc = raised(lambda: con.execute("INSERT INTO t VALUES (?)", [b"x" * 100_000]))
    assert exc.sqlite_errorname == "SQLITE_FULL"
    err = translate_error(exc, "f.db")
    assert err.code == "disk_full" and "没有保存" in err.message
    con.close()


def test_readonly(store, db_path):
    db = connection.open_database(db_path, readonly=True)
    try:
        exc = raised(lambda: db.execute("DELETE FROM settings"))
    finally:
        db.close()
    assert exc.sqlite_errorname.startswith("SQLITE_READONLY")
    err = translate_error(exc, db_path)
    assert err.code == "db_readonly" and "只读" in err.message


def test_not_a_database(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all, just some bytes" * 100)
    con = sqlite3.connect(junk)
    exc = raised(lambda: con.execute("SELECT * FROM sqlite_master").fetchall())
    con.close()
    assert exc.sqlite_errorname == "SQLITE_NOTADB"
    assert translate_error(exc, junk).code == "db_wrong_kind"


def test_corrupt(store, db_path):
    exc = fake(11, "SQLITE_CORRUPT", "database disk image is malformed")
    err = translate_error(exc, db_path)
    assert err.code == "db_corrupt" and "备份" in err.message


def test_cannot_open(tmp_path):
    exc = raised(lambda: sqlite3.connect(tmp_path / "no" / "such" / "dir.db"))
    assert exc.sqlite_errorname == "SQLITE_CANTOPEN"
    err = translate_error(exc, tmp_path / "no" / "such" / "dir.db")
    assert err.code == "db_unreadable" and "文件夹" in err.message


@pytest.mark.parametrize("code, name", [(10, "SQLITE_IOERR"), (1034, "SQLITE_IOERR_FSYNC"),
                                        (522, "SQLITE_IOERR_SHORT_READ")])
def test_io_error(code, name):
    err = translate_error(fake(code, name), "x.db")
    assert err.code == "db_io" and "没有保存" in err.message


def test_file_moved_while_open_is_db_gone():
    err = translate_error(fake(1032, "SQLITE_READONLY_DBMOVED"), "x.db")
    assert err.code == "db_gone" and "另存副本" in err.message


def test_permission():
    err = translate_error(fake(3, "SQLITE_PERM"), "x.db")
    assert err.code == "db_unreadable" and "权限" in err.message


@pytest.mark.parametrize("message", ["database is locked", "disk I/O error", "readonly",
                                     "not a database", "unable to open database file"])
def test_message_text_does_not_decide(message):
    """An unexpected error whose text happens to look like a known one is still a bug."""
    err = translate_error(fake(1, "SQLITE_ERROR", message), "x.db")
    assert not isinstance(err, DomainError)
    assert isinstance(err, connection.InternalDatabaseError)


def test_unknown_error_inside_an_operation_is_a_bug(store):
    with pytest.raises(connection.InternalDatabaseError) as err, \
            store.operation("测试员", "test") as work:
        work.db.execute("SELECT * FROM no_such_table")
    assert not isinstance(err.value, DomainError)
    assert isinstance(err.value.__cause__, sqlite3.OperationalError)
    assert not store.db.conn.in_transaction


def test_constraint_violation_is_a_bug(store):
    with pytest.raises(connection.InternalDatabaseError), store.operation("测试员", "t") as w:
        w.db.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
        w.db.execute("INSERT INTO settings (key, value) VALUES ('a', '2')")


def test_error_without_a_code_is_a_bug(store):
    store.close()
    exc = raised(lambda: store.db.execute("SELECT 1"))
    assert isinstance(translate_error(exc, "x.db"), connection.InternalDatabaseError)
