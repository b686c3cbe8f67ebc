"""The database door: one thread owns the connections; everyone else asks it."""

from __future__ import annotations

import threading
import time

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the app's SQLite: one copy per process

from mediation_desk.services.door import Bound, Door, DoorClosed
from mediation_desk.services.session import DeskSession
from tests.conftest import case_input


@pytest.fixture
def door(store, db_path):
    store.close()  # the fixture's store made the file; the door opens its own
    d: Door[DeskSession] = Door(lambda: DeskSession.open(db_path), lambda s: s.close())
    yield d
    d.close()


def test_calls_run_on_the_door_thread_and_return_results(door):
    names = door.call(lambda: threading.current_thread().name)
    assert names == "db-door" and threading.current_thread().name != "db-door"
    c = door.call(lambda: door.session.cases.register("测试员", case_input()))
    assert door.call(lambda: door.session.cases.get(c.id)).number == c.number


def test_errors_come_back_to_the_caller(door):
    from mediation_desk.domain.errors import NotFoundError

    with pytest.raises(NotFoundError):
        door.call(lambda: door.session.cases.get("nope"))
    assert door.call(lambda: 1 + 1) == 2  # the door keeps serving after an error


def test_the_connections_refuse_any_other_thread(door):
    """The GUI thread cannot touch SQLite even by mistake."""
    with pytest.raises(sqlite3.ProgrammingError):
        door.session.store.db.execute("SELECT 1")
    with pytest.raises(sqlite3.ProgrammingError):
        door.session.reader_store.db.execute("SELECT 1")


def test_calls_from_the_door_thread_run_directly(door):
    inner = door.call(lambda: door.call(lambda: threading.current_thread().name))
    assert inner == "db-door"


def test_work_is_serialised_a_write_waits_for_a_long_transaction(door):
    """A form saved while an import's transaction is open waits, then succeeds."""
    s = door.session
    started = threading.Event()

    finished = threading.Event()

    def long_import():
        with s.store.operation("导入", "import_bundle"):
            started.set()
            time.sleep(0.5)
        finished.set()
        return "imported"

    def register():  # runs only once the import's transaction is over (no "within a transaction")
        return finished.is_set(), s.cases.register("测试员", case_input())

    results: list = []
    door.submit(long_import, lambda ok, v: results.append(("import", ok, v)))
    assert started.wait(30)
    after_import, c = door.call(register)
    assert results == [("import", True, "imported")]
    assert c.number and after_import  # an order, not a duration (a loaded machine is slower)


def test_bound_services_and_snapshots(door):
    cases = Bound(door, door.session.cases)
    read = Bound(door, door.session.read_cases,
                 around=lambda fn: door.session.read(lambda _s: fn()))
    c = cases.register("测试员", case_input())
    assert read.count() == 1 and read.list()[0].id == c.id
    assert cases.settings.due_soon_days == 7  # a property, read on the door thread


def test_a_snapshot_sees_one_state(door, db_path):
    s = door.session
    door.call(lambda: s.cases.register("测试员", case_input()))

    def two_counts(_session):
        first = s.read_cases.count()
        other = sqlite3.connect(db_path)  # another process's writer, meanwhile
        other.execute("UPDATE cases SET title = 'x'")  # a write without our door
        other.commit()
        other.close()
        return first, s.read_cases.count(), s.reader_store.db.execute(
            "SELECT title FROM cases").fetchone()[0]

    first, second, title = door.call(lambda: s.read(two_counts))
    assert first == second == 1 and title != "x"  # the snapshot did not move
    assert door.call(lambda: s.reader_store.db.execute(
        "SELECT title FROM cases").fetchone()[0]) == "x"


def test_close_finishes_queued_work_then_refuses(store, db_path):
    store.close()
    d: Door[DeskSession] = Door(lambda: DeskSession.open(db_path), lambda s: s.close())
    done: list = []
    for i in range(3):
        d.submit(lambda i=i: (time.sleep(0.05), i)[1], lambda ok, v: done.append(v))
    d.close()
    assert done == [0, 1, 2]
    with pytest.raises(DoorClosed):
        d.submit(lambda: None, lambda ok, v: None)


def test_open_errors_reach_the_opener(tmp_path):
    from mediation_desk.storage.connection import StorageError

    with pytest.raises(StorageError):
        Door(lambda: DeskSession.open(tmp_path / "missing.db"), lambda s: s.close())
