"""Keyset paging of the case list equals one full ORDER BY (the oracle), page by page.

Every sort key, both directions, every filter of the cases page and combinations, both
plans (walking the sort key's index, or driving from the filter's), on generated rows with
ties and NULLs; and what a case edited between two pages does.
"""

from __future__ import annotations

import pytest

from mediation_desk.domain.queries import CaseFilter, CaseSort
from mediation_desk.storage import case_queries
from tests.storage.case_list_samples import FILTERS, TODAY, fill, filled_store, oracle

KEYS = ("number", "status", "dispute_type", "source", "received_on", "due_on", "party_names",
        "mediator_names", "amount", "center")


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One generated database for the read-only tests (a desk takes seconds to set up)."""
    with filled_store(tmp_path_factory) as shared:
        yield shared


@pytest.fixture
def samples(shared):
    return shared


@pytest.fixture
def own_samples(store):
    return store.db, fill(store.db)


def _walk(db, flt: CaseFilter, sort: CaseSort, limit: int, drive: bool | None) -> list[str]:
    page = case_queries.page_cases(db, flt, today=TODAY, sort=sort, limit=limit, drive=drive)
    ids = [r.id for r in page.rows]
    while page.next is not None:
        assert len(page.rows) == limit
        page = case_queries.page_cases(db, flt, today=TODAY, sort=sort, after=page.next,
                                       limit=limit)
        ids += [r.id for r in page.rows]
    assert len(page.rows) <= limit
    return ids


@pytest.mark.parametrize("name", list(FILTERS))
def test_every_page_of_every_order_equals_the_oracle(samples, name):
    db, rows = samples
    flt = FILTERS[name]
    for key in KEYS:
        for descending in (False, True):
            sort = CaseSort(key, descending)
            expected = oracle(rows, flt, sort)
            offset_rows = case_queries.list_cases(db, flt, today=TODAY, sort=sort,
                                                  limit=10_000)
            assert [r.id for r in offset_rows] == expected, (key, descending)
            for drive in (False, True, None):
                assert _walk(db, flt, sort, 13, drive) == expected, (key, descending, drive)


def test_pages_equal_offset_pages(samples):
    db, _rows = samples
    sort = CaseSort("due_on", True)
    page = case_queries.page_cases(db, CaseFilter(), today=TODAY, sort=sort, limit=50)
    offset = 0
    while page.rows:
        assert list(page.rows) == case_queries.list_cases(db, CaseFilter(), today=TODAY,
                                                          sort=sort, offset=offset, limit=50)
        if page.next is None:
            break
        offset += 50
        page = case_queries.page_cases(db, CaseFilter(), today=TODAY, sort=sort,
                                       after=page.next, limit=50)


def test_samples_have_ties_and_nulls(samples):
    _db, rows = samples
    assert any(s.due_on is None for s in rows) and any(s.amount_fen is None for s in rows)
    assert len({s.received_on for s in rows}) < 20 and len({s.party_names for s in rows}) < 10
    assert any(s.deleted for s in rows)
    for flt in FILTERS.values():  # each filter keeps some cases and drops some
        n = len(oracle(rows, flt, CaseSort()))
        assert 0 < n < len(rows) or flt == CaseFilter()


def test_both_plans_are_chosen(samples):
    db, _rows = samples
    by_name = CaseSort("party_names")
    many = case_queries.page_cases(db, FILTERS["source"], today=TODAY, sort=by_name, limit=13)
    few = case_queries.page_cases(db, FILTERS["registered"], today=TODAY, sort=by_name,
                                  limit=13)
    assert many.next is not None and not many.next.drive
    assert few.next is not None and few.next.drive
    # a status in the default order: its (status, date received) index, no counting
    newest = case_queries.page_cases(db, FILTERS["registered"], today=TODAY, limit=13)
    assert newest.next is not None and not newest.next.drive
    plan = case_queries.page_plan(db, FILTERS["registered"], today=TODAY, after=newest.next,
                                  limit=13)
    assert plan == ["SEARCH cases USING INDEX cases_list_status (status=? AND received_on<?)"]


def test_cursor_of_another_order_is_refused(samples):
    db, _rows = samples
    page = case_queries.page_cases(db, CaseFilter(), today=TODAY, limit=10)
    with pytest.raises(ValueError):
        case_queries.page_cases(db, CaseFilter(), today=TODAY, sort=CaseSort("number"),
                                after=page.next, limit=10)


@pytest.mark.parametrize("move", ["before", "after"])
def test_a_case_edited_between_pages(own_samples, move):
    """The edited case goes to its new place: moved before the cursor it is not listed
    again, moved after it shows there (a second time if it was on the first page); every
    other case is listed exactly once, in order."""
    db, rows = own_samples
    sort = CaseSort("party_names", True)
    first = case_queries.page_cases(db, CaseFilter(), today=TODAY, sort=sort, limit=100)
    shown = [r.id for r in first.rows]
    edited = shown[10] if move == "after" else oracle(rows, CaseFilter(), sort)[-1]
    name = "" if move == "after" else "\U0010ffff"  # among the last / the very first
    db.execute("UPDATE cases SET party_names = ? WHERE id = ?", [name, edited])
    db.conn.commit()
    for s in rows:
        if s.id == edited:
            s.party_names = name
    page = first
    while page.next is not None:
        page = case_queries.page_cases(db, CaseFilter(), today=TODAY, sort=sort,
                                       after=page.next, limit=100)
        shown += [r.id for r in page.rows]
    others = [i for i in shown if i != edited]
    before_edit = [i for i in oracle(rows, CaseFilter(), sort) if i != edited]
    assert others == before_edit  # nobody else skipped, repeated or out of order
    assert shown.count(edited) == (2 if move == "after" else 0)
    position = oracle(rows, CaseFilter(), sort).index(edited)  # its new place
    assert (position >= 100) if move == "after" else (position == 0)


@pytest.mark.parametrize("key", ["due_on", "amount", "number"])
def test_a_jump_to_any_page_equals_offset_paging(samples, key):
    db, _rows = samples
    flt = FILTERS["every case"]
    for descending in (False, True):
        sort = CaseSort(key, descending)
        for offset in (0, 13, 260, 546):
            cursor = case_queries.cursor_at(db, flt, today=TODAY, sort=sort, offset=offset,
                                            limit=13)
            assert (cursor is None) == (offset == 0)
            page = case_queries.page_cases(db, flt, today=TODAY, sort=sort, after=cursor,
                                           limit=13)
            assert list(page.rows) == case_queries.list_cases(db, flt, today=TODAY, sort=sort,
                                                              offset=offset, limit=13)
