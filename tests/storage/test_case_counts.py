"""The case list's count: exact for every filter an index answers (equal to plain count(*),
tombstones excluded), an estimate (约) or a lower bound (至少) only above the exact limit,
never a wrong exact number."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mediation_desk.domain.queries import CaseFilter
from mediation_desk.storage.case_counts import (
    ABOUT,
    AT_LEAST,
    EXACT,
    _criteria,
    count_matches,
    single_count,
)
from mediation_desk.storage.case_queries import count_cases
from tests.storage.case_list_samples import FILTERS, TODAY, filled_store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    with filled_store(tmp_path_factory) as (db, _samples):
        yield db


def plain(db, flt: CaseFilter) -> int:
    return count_cases(db, flt, today=TODAY)  # count(*) of exactly the list's condition


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_every_filter_is_exact_up_to_the_limit(db, name):
    flt = replace(FILTERS[name], caption="a caption is no criterion")
    truth = plain(db, flt)
    n, kind = count_matches(db, flt, today=TODAY, exact_up_to=10_000)
    assert (n, kind) == (truth, EXACT), name
    if len(_criteria(flt)) == 1 and flt.case_ids is None and len(flt.flags) < 2:
        # one criterion with its own index: counted there, whatever the limit
        assert single_count(db, flt, TODAY) == truth, name
        assert count_matches(db, flt, today=TODAY, exact_up_to=1) == (truth, EXACT), name
    assert truth > 0, name  # the samples hold cases of every filter


@pytest.mark.parametrize("name", ["open, type, flag", "status, mediator, received",
                                  "center, source, overdue", "two flags"])
def test_above_the_limit_an_estimate_not_an_exact_number(db, name):
    flt = FILTERS[name]
    truth = plain(db, flt)
    limit = truth - 1
    n, kind = count_matches(db, flt, today=TODAY, exact_up_to=limit)
    assert kind == ABOUT, name
    # more than the limit (it was counted that far), at most the criterion it drove from
    drivers = [single_count(db, replace(CaseFilter(), **{c: getattr(flt, c)}), TODAY)
               for c in ("statuses", "open_only", "dispute_types", "sources", "center_id",
                         "mediator_id", "overdue") if getattr(flt, c)]
    if flt.flags:
        drivers.append(single_count(db, CaseFilter(flags=flt.flags[:1]), TODAY))
    assert limit < n <= min(d for d in drivers if d is not None), name


def test_without_an_indexed_criterion_a_lower_bound(db):
    flt = FILTERS["case ids"]
    truth = plain(db, flt)
    assert count_matches(db, flt, today=TODAY, exact_up_to=truth - 1) == (truth - 1, AT_LEAST)
    assert count_matches(db, flt, today=TODAY) == (truth, EXACT)
