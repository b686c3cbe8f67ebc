"""The case table pages in by keyset: scrolling to the end shows exactly the oracle's rows.

The model (page size 13) is filled by ``fetchMore`` as a view scrolling down would, after a
header click or a filter, on generated rows with ties and NULLs (tests/storage).
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from mediation_desk.domain.enums import CaseFlag
from mediation_desk.domain.queries import CaseFilter, CaseSort
from mediation_desk.ui.models.case_table import COL_AMOUNT, COL_DEADLINE, CaseTableModel
from tests.storage.case_list_samples import fill, oracle


def _scroll_to_end(model: CaseTableModel) -> list[str]:
    fetches = 0
    while model.canFetchMore():
        model.fetchMore()
        fetches += 1
    assert fetches >= 2  # it really paged
    return [model.case_id(r) for r in range(model.rowCount())]


def test_scrolling_shows_every_case_once_in_order(services):
    door = services.door  # the database thread owns the connections
    rows = door.call(lambda: fill(door.session.store.db, n=240))
    model = CaseTableModel(services, page_size=13)
    model.refresh()
    assert model.rowCount() == 13
    assert _scroll_to_end(model) == oracle(rows, CaseFilter(), CaseSort())

    model.sort(COL_DEADLINE, Qt.SortOrder.DescendingOrder)  # a header click: from the top
    assert model.rowCount() == 13
    assert _scroll_to_end(model) == oracle(rows, CaseFilter(), CaseSort("due_on", True))

    model.sort(COL_AMOUNT, Qt.SortOrder.AscendingOrder)
    assert _scroll_to_end(model) == oracle(rows, CaseFilter(), CaseSort("amount", False))

    for flt in (CaseFilter(open_only=True), CaseFilter(flags=(CaseFlag.FAMILY,)),
                CaseFilter(mediator_id="mediator-1")):
        model.set_query(flt)
        assert _scroll_to_end(model) == oracle(rows, flt, CaseSort("amount", False))
