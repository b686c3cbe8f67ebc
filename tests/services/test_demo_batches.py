"""A new demo's batches made in a second process (services/demo_batches.py) are the rows the
same seed gives when made in this process, the file passes the integrity check, and a
stopped build leaves no process behind."""

from __future__ import annotations

import multiprocessing
from datetime import date

import pytest

from mediation_desk.services import demo_batches
from mediation_desk.services.demo import (
    BATCH,
    _take_reserved,
    build_demo,
    demo_login,
    open_demo,
)
from mediation_desk.storage.bulk import BatchRows
from mediation_desk.storage.store import Store

TODAY = date(2026, 6, 1)
TABLES = ("mediators", "cases", "parties", "case_mediators", "events", "agreements",
          "number_counters")

needs_fork = pytest.mark.skipif(not demo_batches.fork_available(), reason="no fork here")


def _content(path):
    """Every record row (without the time written and the desk's own center id) and every
    search entry as the indexes hold them."""
    store = open_demo(path, readonly=True)
    try:
        out = {}
        for table in TABLES:
            cur = store.db.execute(f"SELECT * FROM {table} ORDER BY 1, 2")
            names = [d[0] for d in cur.description]
            keep = [i for i, n in enumerate(names) if n not in ("updated_at", "center_id")]
            out[table] = [tuple(row[i] for i in keep) for row in cur]
        for t in ("case_fts", "case_fts_chars", "case_fts_digits"):
            store.db.execute(f"CREATE VIRTUAL TABLE temp.{t}_v USING fts5vocab(main, {t},"
                             " 'instance')")
            out[t] = store.db.execute(f"SELECT term, doc, col, offset FROM temp.{t}_v"
                                      " ORDER BY doc, term, col, offset").fetchall()
        problems, chain = store.check()
        return out, problems, chain.ok
    finally:
        store.close()


@needs_fork
def test_batches_made_ahead_are_the_rows_made_here(tmp_path):
    cases = 2 * BATCH + 300  # a last batch shorter than the others
    here = build_demo(tmp_path / "here.db", cases=cases, seed=3, today=TODAY, parallel=False)
    ahead = build_demo(tmp_path / "ahead.db", cases=cases, seed=3, today=TODAY, parallel=True)
    assert here.cases_added == ahead.cases_added == here.total_cases == cases
    a, a_problems, a_chain = _content(tmp_path / "here.db")
    b, b_problems, b_chain = _content(tmp_path / "ahead.db")
    assert a_problems == b_problems == [] and a_chain and b_chain
    assert all(a[t] for t in a)
    for table in a:
        assert a[table] == b[table], table


@needs_fork
def test_a_stopped_build_ends_the_second_process(tmp_path):
    result = build_demo(tmp_path / "demo.db", cases=4 * BATCH, seed=1, today=TODAY,
                        parallel=True, progress=lambda done, total: False)
    assert result.cases_added == BATCH == result.total_cases
    assert multiprocessing.active_children() == []


def test_a_batch_numbered_from_serials_taken_meanwhile_is_refused(tmp_path):
    path = tmp_path / "demo.db"
    build_demo(path, cases=30, seed=1, today=TODAY)
    store = Store.open(path, key=demo_login(path)[1])  # the program itself, as build_demo
    try:
        center = store.directory.self_center()
        year = store.db.execute("SELECT max(year) FROM cases").fetchone()[0]
        with pytest.raises(RuntimeError, match="案号已被占用"):
            with store.operation("测试", "demo_cases") as _work:
                _take_reserved(store, BatchRows(first_seq=31, reserved=[(year, 1, 5)]),
                               center.id)
        with store.operation("测试", "demo_cases") as _work:  # the next serials: taken
            last = store.db.execute("SELECT last_serial FROM number_counters"
                                    " WHERE year = ?", [year]).fetchone()[0]
            _take_reserved(store, BatchRows(first_seq=31, reserved=[(year, last + 1, 5)]),
                           center.id)
    finally:
        store.close()


def test_no_fork_beside_other_threads_or_qt():
    """A fork copies only the calling thread: a lock another one held stays locked in the
    child, so the build forks only from a lone thread without Qt (the GUI's --demo builds on
    a worker thread: in one process)."""
    import threading

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not demo_batches.can_fork()
    finally:
        stop.set()
        other.join()
    import PySide6.QtCore  # noqa: F401 - loaded, as in the application

    assert not demo_batches.can_fork()
