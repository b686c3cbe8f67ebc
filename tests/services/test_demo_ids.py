"""The demo's records get time-ordered ids (UUIDv7) that a seed reproduces, and every batch
is numbered as if its cases had been registered one by one."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from mediation_desk.services.demo import build_demo, open_demo

TODAY = date(2026, 6, 1)
TABLES = ("mediators", "cases", "parties", "events", "agreements")


def _rows(path, table):
    """The table's rows without what depends on when it was built (the time written, the
    desk's own center id)."""
    store = open_demo(path, readonly=True)
    try:
        cur = store.db.execute(f"SELECT * FROM {table} ORDER BY seq")
        names = [d[0] for d in cur.description]
        keep = [i for i, n in enumerate(names) if n not in ("updated_at", "center_id")]
        return [tuple(row[i] for i in keep) for row in cur]
    finally:
        store.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo_ids")
    paths = [folder / "a.db", folder / "b.db"]
    for p in paths:
        build_demo(p, cases=1100, seed=3, today=TODAY)  # two batches
    return paths


@pytest.mark.parametrize("table", TABLES)
def test_every_record_id_is_uuid7_and_they_ascend_as_written(built, table):
    store = open_demo(built[0], readonly=True)
    try:
        ids = [r[0] for r in store.db.execute(f"SELECT id FROM {table} ORDER BY seq")]
    finally:
        store.close()
    assert ids
    for text in ids:
        u = uuid.UUID(text)
        assert (u.version, u.variant, str(u)) == (7, uuid.RFC_4122, text)
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


def test_a_case_id_tells_the_day_it_was_received(built):
    store = open_demo(built[0], readonly=True)
    try:
        rows = store.db.execute("SELECT id, received_on FROM cases").fetchall()
    finally:
        store.close()
    for cid, received in rows:
        moment = datetime.fromtimestamp((uuid.UUID(cid).int >> 80) / 1000, UTC)
        assert moment.date().isoformat() == received


@pytest.mark.parametrize("table", TABLES)
def test_the_same_seed_gives_the_same_rows(built, table):
    a, b = (_rows(p, table) for p in built)
    assert a == b and a


def test_numbers_follow_the_day_received_without_gaps(built):
    store = open_demo(built[0], readonly=True)
    try:
        rows = store.db.execute("SELECT year, serial, number, received_on FROM cases"
                                " ORDER BY year, serial").fetchall()
        counters = dict(store.db.execute("SELECT year, last_serial FROM number_counters"))
    finally:
        store.close()
    by_year: dict[int, list[tuple]] = {}
    for row in rows:
        by_year.setdefault(row[0], []).append(row)
    for year, group in by_year.items():
        assert [r[1] for r in group] == list(range(1, len(group) + 1))
        assert [r[3] for r in group] == sorted(r[3] for r in group)
        assert all(f"（{year}）" in r[2] and f"第{r[1]}号" in r[2] for r in group)
        assert counters[year] == len(group)
