"""Every order and filter of the cases page is read through an index (EXPLAIN QUERY PLAN),
and the dashboard's counts equal plain count(*) queries.

Walking a sort key's index, SQLite neither sorts (no temporary b-tree) nor reads the table
whole. Driving from a filter's index is chosen only when fewer than sqrt(page * cases)
match: those are sorted (bounded), and no table or index is read whole but a flag's, which
holds only the cases with the flag.
"""

from __future__ import annotations

import random

import pytest

from mediation_desk.domain.queries import CaseSort
from mediation_desk.storage import case_queries
from tests.storage.case_list_samples import FILTERS, TODAY, fill, filled_store
from tests.storage.test_case_list_paging import KEYS


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    with filled_store(tmp_path_factory) as (db, _samples):
        yield db


def _plans(db, name: str, sort: CaseSort, drive: bool) -> list[list[str]]:
    """The plan of a first page and of a page after a cursor."""
    flt = FILTERS[name]
    first = case_queries.page_cases(db, flt, today=TODAY, sort=sort, limit=3, drive=drive)
    assert first.next is not None, name
    return [case_queries.page_plan(db, flt, today=TODAY, sort=sort, limit=3, drive=drive),
            case_queries.page_plan(db, flt, today=TODAY, sort=sort, after=first.next,
                                   limit=3)]


WALKED = [n for n in FILTERS if n != "case ids"]  # a list of cases is always read as it is


@pytest.mark.parametrize("name", WALKED)
def test_walking_an_order_never_sorts_nor_scans_the_table(db, name):
    for key in KEYS:
        for descending in (False, True):
            for plan in _plans(db, name, CaseSort(key, descending), drive=False):
                text = " ; ".join(plan)
                assert "TEMP B-TREE" not in text, (key, descending, text)
                assert not any(p.startswith("SCAN cases") and "INDEX" not in p
                               for p in plan), (key, descending, text)
                assert "USING INDEX" in plan[0], (key, descending, text)


@pytest.mark.parametrize("name", [n for n in FILTERS if n != "every case"])
def test_driving_from_a_filter_reads_only_its_matches(db, name):
    for key in KEYS:
        for descending in (False, True):
            for plan in _plans(db, name, CaseSort(key, descending), drive=True):
                text = " ; ".join(plan)
                scans = [p for p in plan if p.startswith("SCAN cases")]
                assert all("USING INDEX cases_flag_" in p for p in scans), (key, text)


def test_open_cases_walk_their_own_indexes(db):
    for key in KEYS:
        plan = _plans(db, "open", CaseSort(key), drive=False)[1]
        assert "INDEX cases_open_" in plan[0], (key, plan)


def test_dashboard_counts_equal_plain_counts(store):
    db = store.db
    samples = fill(db, n=400, seed=5)
    rng = random.Random(3)
    for s in samples:  # judicial-confirmation and follow-up dates around today
        db.execute("UPDATE cases SET jc_due_on = ?, follow_up_due_on = ? WHERE seq = ?",
                   [rng.choice([None, "2026-11-20", "2026-12-01", "2026-12-09"]),
                    rng.choice([None, "2026-11-20", "2026-12-01", "2026-12-09"]), s.seq])

    def plain(where: str, *params: str) -> int:
        return int(db.execute(f"SELECT count(*) FROM cases WHERE deleted = 0 AND {where}",
                              list(params)).fetchone()[0])

    live = next(s.seq for s in samples if not s.deleted)
    gone = next(s.seq for s in samples if s.deleted)
    for step in (f"DELETE FROM case_mediators WHERE case_id IN"  # a row gone for good
                 f" (SELECT id FROM cases WHERE seq = {live})",
                 f"DELETE FROM cases WHERE seq = {live}",
                 f"DELETE FROM cases WHERE seq = {gone}",  # a tombstone purged
                 "UPDATE cases SET deleted = 1 WHERE seq IN (SELECT seq FROM cases"
                 " WHERE deleted = 0 LIMIT 2)",  # tombstoned
                 "UPDATE cases SET deleted = 0 WHERE seq = (SELECT min(seq) FROM cases"
                 " WHERE deleted = 1)",  # a tombstone restored
                 "UPDATE cases SET deleted = 1, party_names = '' WHERE deleted = 1"):  # again
        db.execute(step)
        db.conn.commit()
        total = case_queries.dashboard_counts(db, today=TODAY, warn_days=7).total
        assert total == plain("1"), step

    counts = case_queries.dashboard_counts(db, today=TODAY, warn_days=7)
    t, soon = "2026-12-01", "2026-12-08"
    assert counts.new == plain("status = 'registered'") > 0
    assert counts.in_mediation == plain("status IN ('accepted', 'mediating', 'suspended')") > 0
    assert counts.due_soon == plain("status IN ('accepted', 'mediating') AND due_on >= ?"
                                    " AND due_on <= ?", t, soon) > 0
    assert counts.overdue == plain("status IN ('accepted', 'mediating') AND due_on < ?", t) > 0
    assert counts.awaiting_jc == plain("status = 'agreed' AND jc_due_on >= ?", t) > 0
    assert counts.follow_ups_due == plain("status IN ('agreed', 'jc_confirmed', 'jc_withdrawn')"
                                          " AND follow_up_due_on <= ?", t) > 0
    # one purged, two tombstoned, one restored
    assert counts.total == plain("1") == sum(not s.deleted for s in samples) - 1 - 2 + 1
