"""The village view's tables (村居, 无讼社区) over the hand-made desk of village_samples."""

from __future__ import annotations

from datetime import date

import pytest

from mediation_desk.domain.models import Center
from mediation_desk.domain.queries import CaseFilter
from mediation_desk.domain.statistics import ReportPeriod, Table
from mediation_desk.services.cases import CaseService
from mediation_desk.services.villages import UNRECORDED, VillageService, village_table
from mediation_desk.storage.village_queries import VillageFacts
from tests.storage.village_samples import (
    NOVEMBER,
    NOVEMBER_ORDER,
    NOVEMBER_WUSONG,
    build,
)

NOV = ReportPeriod.month(2026, 11)
COLUMNS = ("accepted", "repeat", "succeeded", "to_court")


@pytest.fixture
def desk(store, clock):
    d = build(store, clock)
    return VillageService(store), d


def _row(table: Table, label: str):
    return next(r for r in table.rows if r.label == label)


def test_the_november_table(desk):
    svc, d = desk
    t = svc.villages(NOV)
    assert (t.key, t.title, t.columns) == ("villages", "村（社区）纠纷情况", COLUMNS)
    assert tuple(r.label for r in t.rows) == NOVEMBER_ORDER
    for village, measures in NOVEMBER.items():
        row = _row(t, village or UNRECORDED)
        assert row.key == village
        for column, letters in measures.items():
            cell = row.cells[column]
            assert cell.case_ids == d.of(*letters), (village, column)
            assert cell.value == len(cell.case_ids) and cell.label == {
                "accepted": "受理纠纷数", "repeat": "重复纠纷", "succeeded": "调解成功数",
                "to_court": "进入诉讼"}[column]
    total = t.total
    assert (total.key, total.label) == ("", "合计")
    assert [total.cells[c].text() for c in COLUMNS] == ["18", "3", "3", "2"]
    assert total.cells["repeat"].case_ids == d.of("R1", "R5", "R7")
    assert "第一位填写了村（社区）的申请人" in t.note and "12个月" in t.note


def test_the_wusong_candidates(desk):
    svc, d = desk
    w = svc.wusong_candidates(NOV)
    assert (w.key, w.title, w.columns, w.total) == (
        "wusong", "无讼村（社区）候选", ("accepted", "succeeded"), None)
    # 北石村 went to court; （未填写） is no village
    assert tuple(r.label for r in w.rows) == NOVEMBER_WUSONG
    assert _row(w, "西坡村").cells["accepted"].case_ids == d.of("D", "E", "R6", "R7", "R15")
    assert "本期共5个" in w.note
    # December: 西坡村's return to the trial, 湖田村's agreement, nothing accepted: none
    dec = svc.tables(ReportPeriod.month(2026, 12))
    assert [(r.label, [r.cells[c].text() for c in COLUMNS]) for r in dec[0].rows] == [
        ("湖田村", ["0", "0", "1", "0"]), ("西坡村", ["0", "0", "0", "1"])]
    assert dec[1].rows == () and "本期共0个" in dec[1].note


def test_a_quarter_and_a_range(desk):
    svc, d = desk
    q4 = svc.villages(ReportPeriod.parse("quarterly", "2026Q4"))
    assert [q4.total.cells[c].value for c in COLUMNS] == [21, 3, 5, 3]  # + A F R8, B F, D
    day = svc.villages(ReportPeriod.range(date(2026, 11, 10), date(2026, 11, 10)))
    assert day.total.cells["accepted"].case_ids == d.of("R3")  # R1 on 11-11, G on 11-08


def test_every_cell_drills_down_to_its_cases(desk, store):
    svc, _ = desk
    cases = CaseService(store)
    for table in svc.tables(NOV):
        for row in (*table.rows, *([table.total] if table.total else [])):
            for cell in row.cells.values():
                listed = cases.list(CaseFilter(case_ids=cell.case_ids), limit=1000)
                assert sorted(r.id for r in listed) == list(cell.case_ids)
                assert cases.count(CaseFilter(case_ids=cell.case_ids)) == cell.value


def test_published_tables_hide_small_cells_alike(desk):
    svc, _ = desk
    report = svc.report(NOV, public=True)
    assert report.public
    villages, wusong = report.tables
    for table in report.tables:
        for row in (*table.rows, *([table.total] if table.total else [])):
            for cell in row.cells.values():
                assert cell.case_ids == ()
                if isinstance(cell.value, int) and 0 < cell.value < 3:
                    assert cell.suppressed and cell.text() == "<3"
    # no hidden cell is the total less the shown ones: two are hidden, or the total too
    for column in COLUMNS:
        hidden = [r.label for r in villages.rows if r.cells[column].suppressed]
        assert len(hidden) != 1 or villages.total.cells[column].suppressed, column
    assert [r.label for r in villages.rows if r.cells["to_court"].suppressed] == ["北石村"]
    assert villages.total.cells["to_court"].text() == "<3"
    # 马尚村 2 (hidden) and 南定村 2: hidden alike in both tables
    assert _row(villages, "马尚村").cells["accepted"].text() == "<3"
    assert _row(villages, "湖田村").cells["accepted"].text() == "5"
    for row in wusong.rows:
        twin = _row(villages, row.label)
        for column in wusong.columns:
            assert row.cells[column].suppressed == twin.cells[column].suppressed
    internal = svc.report(NOV)
    assert not internal.public and internal.tables[0].total.cells["accepted"].case_ids


def test_the_same_village_under_two_centers_is_two_rows(store):
    with store.operation("测试", "add_center") as work:
        other = Center(code="ZD-HT", name="湖田街道调解中心")
        work.save_center(other)
    me = store.directory.self_center()
    facts = VillageFacts(NOV.start, NOV.end, accepted=["a", "b", "c", "d", "e"],
                         to_court=["b"],
                         places={"a": (me.id, "李家村"), "b": (other.id, "李家村"),
                                 "c": (me.id, "王家店"), "d": (other.id, ""), "e": (me.id, "")})
    svc = VillageService(store)
    table = village_table(facts, svc._places(facts))
    assert [(r.key, r.label) for r in table.rows] == [
        ("ZD-HT/李家村", "李家村（湖田街道调解中心）"),
        ("ZD-MS/李家村", "李家村（马尚街道调解中心）"), ("王家店", "王家店"),
        ("ZD-HT/", "（未填写）（湖田街道调解中心）"), ("ZD-MS/", "（未填写）（马尚街道调解中心）")]
    assert table.total.cells["accepted"].value == 5
    from mediation_desk.services.villages import wusong_table
    unrecorded = {p.key for p in svc._places(facts).values() if not p.village}
    assert [r.key for r in wusong_table(table, unrecorded).rows] == ["ZD-MS/李家村", "王家店"]


def test_an_empty_desk(store):
    t, w = VillageService(store).tables(NOV)
    assert t.rows == () and [t.total.cells[c].value for c in COLUMNS] == [0, 0, 0, 0]
    assert w.rows == ()


def test_publishing_the_published_tables_again_changes_nothing(desk):
    """The lead's report may run published() over every table, ours already published."""
    from dataclasses import replace

    from mediation_desk.domain.statistics import published

    svc, _ = desk
    report = svc.report(NOV, public=True)
    again = published(replace(report, public=False))
    for mine, twice in zip(report.tables, again.tables, strict=True):
        for a, b in zip((*mine.rows, mine.total), (*twice.rows, twice.total), strict=True):
            if a is None:
                assert b is None
                continue
            assert {k: (f.suppressed, f.value) for k, f in a.cells.items()} == \
                {k: (f.suppressed, f.value) for k, f in b.cells.items()}
