"""Statistics by the counting rule, checked against hand-computed figures (statistics_world)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from mediation_desk.domain.enums import CaseSource
from mediation_desk.domain.queries import CaseFilter
from mediation_desk.domain.statistics import HEADLINE, ReportPeriod
from mediation_desk.services.cases import CaseService
from mediation_desk.services.statistics import StatisticsService
from tests.services.statistics_world import TODAY, Autumn, build_autumn

NOV = ReportPeriod.month(2026, 11)
DEC = ReportPeriod.month(2026, 12)


@pytest.fixture
def world(store, clock) -> Autumn:
    return build_autumn(store, clock)


def report(world: Autumn, period: ReportPeriod = NOV, **kw):
    return StatisticsService(world.store).report(period, today=TODAY, **kw)


# every measure of November 2026, with the cases each counts
NOVEMBER = {
    "received": ("BCDE", 4), "accepted": ("BCE", 3), "succeeded": ("ABEH", 4),
    "partial": ("", 0), "success_rate": ("ABEH", Decimal("133.3")),
    "amount": ("ABEH", Decimal("1.89")), "jc_applied": ("B", 1), "jc_confirmed": ("", 0),
    "jc_rejected": ("", 0), "jc_withdrawn": ("", 0), "handed_over": ("", 0), "filed": ("", 0),
    "returned_to_trial": ("", 0), "not_accepted": ("D", 1), "terminated": ("C", 1),
    "due": ("AGH", 3), "overdue": ("G", 1), "overdue_rate": ("G", Decimal("33.3")),
    "closed": ("ABCEH", 5), "avg_days": ("ABCEH", Decimal("11.0")),
    "median_days": ("ABCEH", Decimal("8.0")), "follow_ups": ("H", 1),
    "satisfaction": ("H", Decimal("4.0")), "prevented_criminal": ("E", 1),
    "prevented_criminal_persons": ("E", 2), "prevented_mass": ("", 0),
    "prevented_mass_persons": ("", 0),
}
DECEMBER = {
    "received": 0, "accepted": 0, "succeeded": 0, "jc_applied": 0, "jc_confirmed": 1,
    "handed_over": 1, "filed": 1, "terminated": 0, "due": 2, "overdue": 0,
    "follow_ups": 1, "satisfaction": Decimal("5.0"), "closed": 0,
}


def test_every_measure_of_a_month_is_the_hand_count(world):
    r = report(world)
    assert list(r.figures) == list(HEADLINE)
    for key, (letters, value) in NOVEMBER.items():
        f = r.figures[key]
        assert f.value == value, key
        assert f.case_ids == world.of(letters), key


def test_events_count_in_their_own_month_whatever_happened_since(world):
    r = report(world, DEC)
    for key, value in DECEMBER.items():
        assert r.figures[key].value == value, key
    # B was confirmed in December and is 已履行 now: still November's success and application
    assert report(world).figures["jc_applied"].case_ids == world.of("B")
    assert r.figures["jc_confirmed"].case_ids == world.of("B")
    # C, handed over, filed and archived since, is still November's termination
    assert world.store.cases.get(world.ids["C"]).status.value == "archived"
    assert report(world).figures["terminated"].case_ids == world.of("C")
    assert r.figures["handed_over"].case_ids == world.of("C")
    assert r.figures["filed"].case_ids == world.of("C")


def test_comparisons_are_the_month_before_and_the_year_before(world):
    r = report(world)
    accepted, succeeded = r.figures["accepted"], r.figures["succeeded"]
    assert accepted.previous == 3  # October: G, H, A
    assert accepted.year_before == 1  # November 2025: F
    assert succeeded.previous == 0 and succeeded.year_before == 1
    assert accepted.previous_change == Decimal("0.0")
    assert accepted.year_change == Decimal("200.0")
    assert r.figures["amount"].year_before == Decimal("2.00")


def test_a_quarter_and_a_year_count_each_case_once(world):
    q4 = report(world, ReportPeriod.quarter(2026, 4))
    assert q4.figures["accepted"].case_ids == world.of("ABCEGH")
    assert q4.figures["succeeded"].case_ids == world.of("ABEH")
    assert q4.figures["follow_ups"].value == 2  # H in November, B in December
    assert q4.figures["satisfaction"].value == Decimal("4.5")
    assert q4.figures["due"].case_ids == world.of("ABCGH")
    y = report(world, ReportPeriod.year(2026))
    assert y.figures["accepted"].value == 6
    assert y.figures["accepted"].year_before == 1


def test_tables_split_the_figures_by_type_source_and_mediator(world):
    r = report(world)
    by_source = {row.key: row for row in r.table("by_source").rows}
    court = by_source[CaseSource.COURT_DELEGATED.value]
    assert court.cells["accepted"].case_ids == world.of("C")
    assert court.cells["succeeded"].value == 0
    assert court.cells["share"].value == Decimal("33.3")
    mediators = {row.label: row for row in r.table("by_mediator").rows}
    zhou, wu = mediators["周明"], mediators["吴刚"]
    assert zhou.cells["accepted"].case_ids == world.of("B")
    assert zhou.cells["succeeded"].case_ids == world.of("ABH")
    assert wu.cells["accepted"].case_ids == world.of("BCE")
    assert wu.cells["succeeded"].case_ids == world.of("BE")
    assert wu.cells["overdue"].case_ids == world.of("G")
    total = r.table("by_mediator").total
    assert total is not None and total.cells["succeeded"].value == 4  # B counted once
    reasons = {row.key: row.cells["terminated"].value for row in r.table("by_end_reason").rows}
    assert reasons["gap_too_large"] == 1 and sum(reasons.values()) == 1
    scores = {row.key: row.cells["follow_ups"].value for row in r.table("satisfaction").rows}
    assert scores == {"5": 0, "4": 1, "3": 0, "2": 0, "1": 0}
    types = r.table("by_type")
    assert len(types.rows) == 15  # every type of REFERENCE §5.1, even with no case


def test_the_trend_is_twelve_months_to_the_period(world):
    r = report(world)
    assert [p.period.code for p in r.trend][-3:] == ["2026-09", "2026-10", "2026-11"]
    assert len(r.trend) == 12
    assert r.trend[-2].accepted.value == 3 and r.trend[-1].succeeded.value == 4
    assert r.trend[0].period.code == "2025-12"


def test_every_figure_drills_down_to_exactly_its_cases(world):
    r = report(world, ReportPeriod.quarter(2026, 4))
    cases = CaseService(world.store)
    figures = list(r.figures.values())
    for t in r.tables:
        for row in (*t.rows, *([t.total] if t.total else [])):
            figures.extend(row.cells.values())
    checked = 0
    for f in figures:
        flt = StatisticsService.drill_down(r, f)
        assert flt.caption.startswith("2026年第四季度")
        listed = cases.list(flt, limit=1000)
        assert sorted(c.id for c in listed) == sorted(f.case_ids), f.key
        assert cases.count(flt) == len(f.case_ids)
        if f.unit.value in ("件",) and not f.suppressed:
            assert cases.count(flt) == f.value, f.key
        checked += 1
    assert checked > 100
    assert cases.count(CaseFilter(case_ids=())) == 0


def test_a_tombstoned_case_is_not_counted(world):
    with world.store.operation("系统", "test_tombstone") as work:
        work.db.execute("UPDATE cases SET deleted = 1 WHERE id = ?", [world.ids["A"]])
    r = report(world)
    assert r.figures["succeeded"].case_ids == world.of("BEH")


def test_a_published_report_hides_small_cells_and_ids(world):
    r = report(world, public=True)
    assert r.public
    assert r.figures["jc_applied"].text() == "<3"
    assert r.figures["accepted"].text() == "3"
    assert all(not f.case_ids for f in r.figures.values())
    zhou = next(row for row in r.table("by_mediator").rows if row.label == "周明")
    assert zhou.cells["accepted"].suppressed  # 1 case
    assert zhou.cells["success_rate"].suppressed  # computed from it


def test_period_text_is_parsed_or_refused_in_chinese():
    assert ReportPeriod.parse("monthly", "2026-11") == NOV
    assert ReportPeriod.parse("quarterly", "2026Q4").label == "2026年第四季度"
    assert ReportPeriod.parse("yearly", "2026").end == date(2026, 12, 31)
    assert NOV.previous().code == "2026-10" and NOV.year_before().code == "2025-11"
    assert ReportPeriod.month(2026, 1).previous().code == "2025-12"
    assert ReportPeriod.quarter(2026, 1).previous().code == "2025Q4"
    r = ReportPeriod.range(date(2026, 11, 3), date(2026, 11, 9))
    assert r.previous() == ReportPeriod.range(date(2026, 10, 27), date(2026, 11, 2))
    leap = ReportPeriod.range(date(2028, 2, 29), date(2028, 3, 1))
    assert leap.year_before().start == date(2027, 2, 28)
    from mediation_desk.domain.validators import InvalidValue
    for kind, text in (("monthly", "2026-13"), ("quarterly", "2026Q5"), ("yearly", "26"),
                       ("monthly", "11月")):
        with pytest.raises(InvalidValue):
            ReportPeriod.parse(kind, text)
    with pytest.raises(InvalidValue):
        ReportPeriod.range(date(2026, 11, 2), date(2026, 11, 1))


def test_a_range_ending_mid_month_has_its_trend(world):
    r = report(world, ReportPeriod.range(date(2026, 11, 1), date(2026, 11, 10)))
    assert r.figures["accepted"].case_ids == world.of("BCE")
    assert r.trend[-1].period.code == "2026-11" and r.trend[-1].accepted.value == 3


def test_no_hidden_cell_can_be_worked_back_in_a_published_table(world):
    r = report(world, ReportPeriod.quarter(2026, 4), public=True)
    checked = 0
    for t in r.tables:
        for col in t.columns:
            hidden = [row for row in t.rows if row.cells[col].suppressed]
            # one hidden alone would follow from the total, unless the total is hidden too
            assert len(hidden) != 1 or t.total is None or t.total.cells[col].suppressed, \
                (t.key, col)
        for row in t.rows:
            for base, derived in (("accepted", ("share", "success_rate")),
                                  ("succeeded", ("amount", "success_rate"))):
                if base in row.cells and row.cells[base].suppressed:
                    for d in derived:
                        if d in row.cells:
                            assert row.cells[d].suppressed, (t.key, row.label, d)
                            checked += 1
    assert checked
    for point in r.trend:
        for f in (point.accepted, point.succeeded):
            assert f.suppressed or not (0 < int(f.value or 0) < 3)
