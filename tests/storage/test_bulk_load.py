"""Loading a new file with its indexes deferred (storage/bulk.new_file_load) ends with exactly
the schema it began with, a sound file, a normal WAL database, and the indexes answering."""

from __future__ import annotations

import pytest

from mediation_desk.services import demo
from mediation_desk.services.desk import init_desk
from mediation_desk.storage import bulk
from tests.storage.demo_rows import insert_made, make_demo_cases


def _schema(store):
    return sorted(store.db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"
                                   " WHERE name NOT LIKE 'sqlite_%'").fetchall())


def _add(store, n, seed=4):
    center, mediators, made = make_demo_cases(store, n, seed)
    with store.operation("测试", "demo_cases") as work:
        insert_made(store, work, center, mediators, made)
    store.test_mediators = mediators
    return made


@pytest.fixture
def store(tmp_path):
    s = init_desk(tmp_path / "new.db", **demo.DEMO_CENTER)
    yield s
    s.close()


def _indexes(store):
    return {n for (n,) in store.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        " AND tbl_name IN ('cases', 'parties', 'events', 'agreements')")}


def test_the_schema_and_settings_are_as_before_and_the_file_is_sound(store):
    before = _schema(store)
    indexes = _indexes(store)
    assert len(indexes) > 5
    with store.loading_new_file():
        assert _indexes(store) == set()  # deferred (unique keys are not listed: sql IS NULL)
        assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 0
        made = _add(store, 60)
    assert _schema(store) == before
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL again
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    problems, chain = store.check()
    assert problems == [] and chain.ok
    # the rebuilt indexes hold every row: counted through an index and through the table
    n = len(made)
    assert store.db.execute("SELECT count(*) FROM cases INDEXED BY cases_received"
                            " WHERE received_on >= '0'").fetchone()[0] == n
    events = sum(len(e) for _, e, _ in made)
    assert store.db.execute("SELECT count(*) FROM events INDEXED BY events_case"
                            " WHERE case_id >= ''").fetchone()[0] == events


def test_a_failed_load_still_puts_the_indexes_back(store):
    before = _schema(store)
    with pytest.raises(RuntimeError), store.loading_new_file():
        with store.operation("测试", "half") as work:
            work.set_setting("x", 1)
            raise RuntimeError("stopped")
    assert _schema(store) == before
    assert store.directory.setting("x") is None  # the operation rolled back
    assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_unique_keys_are_checked_during_the_load(store):
    with store.loading_new_file():
        made = _add(store, 5)
        case = made[0][0]  # the same case (same id) a second time
        with pytest.raises(Exception, match="UNIQUE"), store.operation("测试", "again") as work:
            store.cases.insert_batch(cases=[case], events=[], agreements=[],
                                     mediators=store.test_mediators, now=work.now,
                                     origin=work.origin)
    assert "cases" in bulk.LOADED_TABLES
    assert store.cases.count_live() == 5
