"""The court's roll-up equals the sum of the centers' own reports for the same period."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from mediation_desk.domain.enums import EndReason
from mediation_desk.domain.models import Mediator
from mediation_desk.domain.statistics import ReportPeriod
from mediation_desk.services.cases import CaseService
from mediation_desk.services.desk import MediatorService
from mediation_desk.services.mediation import AgreementInput
from mediation_desk.services.statistics import StatisticsService
from tests.conftest import case_input

from .helpers import ACTOR, make_desk, referral, send, trust_both

YEAR = ReportPeriod.year(2026)
COUNTS = ("accepted", "succeeded", "overdue", "jc_confirmed", "handed_over")


@pytest.fixture
def world(tmp_path):
    court = make_desk(tmp_path, "court01", "court")
    a, b = make_desk(tmp_path, "centerA"), make_desk(tmp_path, "centerB")
    trust_both(tmp_path, court, a)
    trust_both(tmp_path, court, b)
    yield court, a, b
    for s in (court, a, b):
        s.close()


def _work(center, cases, outcomes):
    """Accept the referred cases on 3 March and give each its outcome."""
    m = MediatorService(center).save(ACTOR, Mediator(center_id="", name="赵调解"))
    svc = CaseService(center)
    for c, outcome in zip(cases, outcomes, strict=True):
        svc.accept(ACTOR, c.id, on=date(2026, 3, 3))
        svc.assign(ACTOR, c.id, [m.id])
        if outcome == "agree":
            svc.record_agreement(ACTOR, c.id, AgreementInput(
                clauses=["支付货款"], effective_on=date(2026, 3, 20), amount=Decimal("1200")))
        elif outcome == "fail":
            svc.terminate(ACTOR, c.id, reason=EndReason.GAP_TOO_LARGE)
            svc.hand_over(ACTOR, c.id)
    # the center's own case (当事人申请) never goes to the court
    own = svc.register(ACTOR, case_input(received_on="2026-03-02"))
    svc.accept(ACTOR, own.id, on=date(2026, 3, 2))
    svc.assign(ACTOR, own.id, [m.id])
    svc.record_agreement(ACTOR, own.id, AgreementInput(clauses=["道歉"],
                                                       effective_on=date(2026, 3, 9)))


def _court_part(report, key, referred):
    """A center's own count over the cases the court referred (what it sends the court)."""
    return len(set(report.figures[key].case_ids) & {c.id for c in referred})


def test_the_roll_up_is_the_sum_of_the_centers(tmp_path, world):
    court, a, b = world
    ca = [referral(court, a, n) for n in range(4)]
    cb = [referral(court, b, 10 + n) for n in range(3)]
    send(tmp_path, court, "centerA", a, "ra")
    send(tmp_path, court, "centerB", b, "rb")
    _work(a, ca, ["agree", "agree", "fail", "open"])
    _work(b, cb, ["agree", "fail", "fail"])
    send(tmp_path, a, "court01", court, "back-a")
    send(tmp_path, b, "court01", court, "back-b")

    rollup = StatisticsService(court).report(YEAR)
    assert rollup.court_desk
    rows = {r.label: r for r in rollup.table("by_center").rows}
    assert set(rows) == {"centerA单位", "centerB单位"}
    for center, name, referred in ((a, "centerA单位", ca), (b, "centerB单位", cb)):
        own = StatisticsService(center).report(YEAR)
        assert not own.court_desk and own.table("by_center") is None
        for key in COUNTS:
            assert rows[name].cells[key].value == _court_part(own, key, referred), (name, key)
            assert set(rows[name].cells[key].case_ids) <= set(own.figures[key].case_ids)
        # the center's own case counts at the center only
        assert own.figures["accepted"].value == rows[name].cells["accepted"].value + 1
    assert rows["centerA单位"].cells["succeeded"].value == 2
    assert rows["centerB单位"].cells["handed_over"].value == 2
    total = rollup.table("by_center").total
    assert total is not None
    for key in COUNTS:
        assert total.cells[key].value == sum(r.cells[key].value for r in rows.values())
        assert rollup.figures[key].value == total.cells[key].value
    # ranked by success rate: A 2 of 4, B 1 of 3
    assert [(r.rank, r.label) for r in rollup.table("by_center").rows] == [
        (1, "centerA单位"), (2, "centerB单位")]
    overdue = rollup.table("overdue_rank")
    assert overdue is not None and [r.rank for r in overdue.rows] == [1, 2]
    rates = [r.cells["overdue_rate"].value for r in overdue.rows]
    assert rates == sorted(rates, key=lambda v: (v is None, v or 0))
    source = {r.label: r for r in rollup.table("litigation_source").rows}
    assert source["centerB单位"].cells["received"].value == 3
    assert source["centerA单位"].cells["succeeded"].value == 2
    # one center at the court desk: its figures only
    one = StatisticsService(court).report(YEAR, center_id=rows["centerB单位"].key)
    assert one.figures["accepted"].value == 3
    march = StatisticsService(court).report(ReportPeriod.month(2026, 3),
                                            center_id=rows["centerA单位"].key)
    assert march.figures["accepted"].value == 4 and march.figures["succeeded"].value == 2
    assert march.trend[-1].accepted.value == 4 and march.trend[-1].succeeded.value == 2
    april = StatisticsService(court).report(ReportPeriod.month(2026, 4),
                                            center_id=rows["centerB单位"].key)
    assert [p.accepted.value for p in april.trend[-2:]] == [3, 0]  # March's, from the trend
    assert april.trend[-2].succeeded.value == 1
