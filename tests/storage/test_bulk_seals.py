"""A bulk insert is sealed by the seq ranges it appended (seals.appending): every row it
wrote, as committed, and no other; an appended row changed later in the same operation is
sealed as it ends; the insert triggers are back afterwards, also after a failure."""

from __future__ import annotations

import pytest

from mediation_desk.services import demo
from mediation_desk.services.desk import init_desk
from mediation_desk.storage import seals
from tests.storage.demo_rows import insert_made, make_demo_cases


@pytest.fixture
def store(tmp_path):
    s = init_desk(tmp_path / "new.db", **demo.DEMO_CENTER)
    yield s
    s.close()


def _triggers(store):
    return sorted(n for (n,) in store.db.execute(
        "SELECT name FROM temp.sqlite_master WHERE type = 'trigger'"))


def _last_seals(store):
    (changes,) = store.db.execute("SELECT changes FROM audit ORDER BY seq DESC LIMIT 1"
                                  ).fetchone()
    import json

    return {e["entity"]: seals.entry_records(e) for e in json.loads(changes)
            if e.get("op") == seals.SEAL}


def test_every_appended_row_is_sealed_and_nothing_else(store):
    center, mediators, made = make_demo_cases(store, 25)
    triggers = _triggers(store)
    with store.operation("测试", "demo_cases") as work:
        insert_made(store, work, center, mediators, made)
    assert _triggers(store) == triggers
    sealed = _last_seals(store)
    for table, entity in (("cases", "case"), ("parties", "party"), ("events", "event"),
                          ("agreements", "agreement")):
        rows = dict(store.db.execute(
            f"SELECT id, {seals.content_sql(store.db, table)} FROM {table}"))
        assert sealed[entity] == {rid: seals.digest_of(text) for rid, text in rows.items()}
    assert "mediator" not in sealed  # written by the operation before
    problems, chain = store.check()
    assert problems == [] and chain.ok


def test_an_appended_row_changed_in_the_same_operation_is_sealed_as_it_ends(store):
    center, mediators, made = make_demo_cases(store, 5)
    case = made[2][0]
    with store.operation("测试", "demo_cases") as work:
        insert_made(store, work, center, mediators, made)
        store.db.execute("UPDATE cases SET title = '改过的标题' WHERE id = ?", [case.id])
    (text,) = store.db.execute(f"SELECT {seals.content_sql(store.db, 'cases')} FROM cases"
                               " WHERE id = ?", [case.id]).fetchone()
    assert "改过的标题" in text
    assert _last_seals(store)["case"][case.id] == seals.digest_of(text)
    problems, _chain = store.check()
    assert problems == []


def test_a_failed_bulk_insert_leaves_the_triggers_and_no_ranges(store):
    center, mediators, made = make_demo_cases(store, 5)
    triggers = _triggers(store)
    made[3][0].parties[0].id = made[1][0].parties[0].id  # a duplicate id: the insert fails
    with pytest.raises(Exception, match="UNIQUE"):
        with store.operation("测试", "demo_cases") as work:
            insert_made(store, work, center, mediators, made)
    assert _triggers(store) == triggers
    assert store.db.execute("SELECT count(*) FROM temp.md_appended").fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 0
    # the next ordinary write is noticed by the triggers again
    _c, _m, more = make_demo_cases(store, 1)
    with store.operation("测试", "save") as work:
        work.save_case(more[0][0])
    problems, _chain = store.check()
    assert problems == []


def test_the_packed_fast_path_equals_the_general_one():
    ids = [f"0190a0b0-c0d0-7e0f-8a0b-{n:012x}" for n in range(40)]
    digests: dict[str, str | None] = {i: f"{n:016x}" for n, i in enumerate(ids)}
    fast = seals.seal_entry("events", digests)
    mixed = {**digests, "not-a-uuid": "00000000000000ff"}
    slow = seals.seal_entry("events", mixed)
    assert fast["records"] == {} and slow["records"] == {"not-a-uuid": "00000000000000ff"}
    assert (fast["ids"], fast["digests"]) == (slow["ids"], slow["digests"])
    assert seals.entry_records(fast) == digests
