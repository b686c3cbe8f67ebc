"""The bulk insert (storage/bulk.insert_batch, the demo's path) stores exactly the rows the
ordinary save path stores for the same records: cases, parties, mediators, events,
agreements and search entries (the oracle: Work.save_case / save_event / save_agreement)."""

from __future__ import annotations

import copy
import random
from datetime import date, datetime, timedelta

import pytest

from mediation_desk.services import demo
from mediation_desk.services.desk import init_desk
from mediation_desk.services.settings import Settings

TODAY = date(2026, 6, 1)
CENTER = {**demo.DEMO_CENTER}
TABLES = {"cases": "seq", "parties": "seq", "case_mediators": "case_id, mediator_id",
          "events": "seq", "agreements": "seq"}


def CLOCK() -> datetime:  # noqa: N802  # both desks' operations at the same moment
    return datetime(2026, 6, 1, 9, 30)


def _made(center_id, n=40):
    rng = random.Random(9)
    maker = demo.CaseMaker(rng, TODAY, [], Settings())
    mediators = demo.demo_mediators(rng, center_id, maker)
    maker.mediators = [m for m in mediators if m.active]
    days = sorted(TODAY - timedelta(days=k * 7 % 400) for k in range(n))
    return mediators, [maker.case(d, center_id) for d in days]


def _desk(path):
    return init_desk(path, **CENTER, clock=CLOCK)


def _rows(store):
    out = {t: store.db.execute(f"SELECT * FROM {t} ORDER BY {o}").fetchall()
           for t, o in TABLES.items()}
    # the search entries as the index holds them (contentless tables keep no text)
    for t in ("case_fts", "case_fts_chars", "case_fts_digits"):
        store.db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{t}_v"
                         f" USING fts5vocab(main, {t}, 'instance')")
        out[t] = store.db.execute(f"SELECT term, doc, col, offset FROM temp.{t}_v"
                                  " ORDER BY doc, term, col, offset").fetchall()
    return out


@pytest.fixture
def pair(tmp_path):
    a, b = _desk(tmp_path / "bulk.db"), _desk(tmp_path / "saved.db")
    # the same center id in both files, so the rows can be compared as they are
    center = a.directory.self_center()
    b.db.execute("UPDATE centers SET id = ? WHERE is_self = 1", [center.id])
    b.db.conn.commit()
    yield a, b, center
    a.close()
    b.close()


def test_bulk_rows_equal_the_saved_rows(pair):
    bulk_store, saved_store, center = pair
    mediators, made = _made(center.id)
    for store in (bulk_store, saved_store):
        with store.operation("测试", "mediators") as work:
            for m in copy.deepcopy(mediators):
                work.save_mediator(m)
    by_id = {m.id: m for m in mediators}
    first = copy.deepcopy(made)
    with bulk_store.operation("测试", "demo_cases") as work:
        demo._number(bulk_store, [c for c, _, _ in first], center.id, center.number_prefix)
        now = work.now
        bulk_store.cases.insert_batch(cases=[c for c, _, _ in first],
                                      events=[e for m in first for e in m[1]],
                                      agreements=[a for m in first for a in m[2]],
                                      mediators=by_id, now=now, origin=work.origin)
    second = copy.deepcopy(made)
    with saved_store.operation("测试", "save_cases") as work:
        demo._number(saved_store, [c for c, _, _ in second], center.id, center.number_prefix)
        assert work.now == now  # the same clock: the same updated_at
        for case, events, agreements in second:
            work.save_case(case)
            for e in events:
                work.save_event(e)
            for a in agreements:
                work.save_agreement(a)
    bulk_rows, saved_rows = _rows(bulk_store), _rows(saved_store)
    assert sum(len(c[1]) for c in made) > len(made) and any(c[2] for c in made)
    for table in bulk_rows:
        assert bulk_rows[table], table
        assert bulk_rows[table] == saved_rows[table], table
