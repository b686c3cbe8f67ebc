"""End to end: cases recorded through the services, the statistics service's report of the
month, rendered to PDF and read back (the figures the counting rule gives, by hand)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from mediation_desk.domain.enums import EndReason
from mediation_desk.domain.models import Mediator
from mediation_desk.domain.statistics import ReportPeriod
from mediation_desk.reports.assessment_pdf import render_assessment
from mediation_desk.reports.statistics_pdf import render_report
from mediation_desk.services.cases import CaseService
from mediation_desk.services.desk import MediatorService
from mediation_desk.services.mediation import AgreementInput
from mediation_desk.services.statistics import StatisticsService
from tests.conftest import case_input
from tests.reports import pdf_tools

ACTOR = "王调解员"
FEBRUARY = ReportPeriod.month(2026, 2)


@pytest.fixture
def desk(store):
    """February 2026: three cases accepted, one agreed (40000 yuan), one ended in March,
    one received in January and accepted in February; a March case outside the period."""
    svc = CaseService(store)
    mediator = MediatorService(store).save(ACTOR, Mediator(center_id="", name="周明"))
    agreed = svc.register(ACTOR, case_input(received_on="2026-02-02", amount="40000"))
    svc.accept(ACTOR, agreed.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, agreed.id, [mediator.id])
    svc.record_agreement(ACTOR, agreed.id, AgreementInput(
        clauses=["被申请人于2026年3月31日前赔偿申请人40000元。"], amount=Decimal("40000"),
        effective_on=date(2026, 2, 20)))
    ended = svc.register(ACTOR, case_input(received_on="2026-02-05",
                                           dispute_type="marriage_family"))
    svc.accept(ACTOR, ended.id, on=date(2026, 2, 6))
    svc.assign(ACTOR, ended.id, [mediator.id])
    svc.terminate(ACTOR, ended.id, reason=EndReason.GAP_TOO_LARGE, notes="差距过大。")
    january = svc.register(ACTOR, case_input(received_on="2026-01-30"))
    svc.accept(ACTOR, january.id, on=date(2026, 2, 2))
    march = svc.register(ACTOR, case_input(received_on="2026-03-01"))
    svc.accept(ACTOR, march.id, on=date(2026, 3, 1))
    return store, mediator, (agreed, ended, january)


def test_real_monthly_report_as_pdf(desk, tmp_path):
    store, mediator, (agreed, ended, january) = desk
    report = StatisticsService(store).report(FEBRUARY, today=date(2026, 3, 2))
    assert set(report.figures["accepted"].case_ids) == {agreed.id, ended.id, january.id}
    pdf = render_report(report, prepared_by="王调解员")
    text = pdf_tools.text(pdf)
    assert text.startswith("人民调解工作月报填报单位：马尚街道调解中心")
    assert "统计期间：2026年2月" in text and "生成日期：2026年3月2日" in text
    lines = pdf_tools.lines(pdf)

    def row(label):
        return next(line for line in lines if line and line[0] == label)

    # 收案: two received in February (the January one counts in January, the March one in March)
    assert row("收案数")[:2] == ["收案数", "2"]
    assert row("受理纠纷数")[:2] == ["受理纠纷数", "3"]
    assert row("调解成功数")[:2] == ["调解成功数", "1"]
    assert row("调解成功率")[:2] == ["调解成功率", "33.3"]  # 1 ÷ 3
    assert row("协议涉及金额")[:2] == ["协议涉及金额", "4.00"]  # 40000 yuan in 万元
    assert row("终止调解")[:2] == ["终止调解", "0"]  # ended on 2 March: not February's
    for f in report.figures.values():
        assert row(f.label)[1] == f.text(), f.key
    by_mediator = report.table("by_mediator")
    assert by_mediator is not None
    zhou = next(r for r in by_mediator.rows if r.key == mediator.id)
    assert [zhou.label] + [zhou.cells[c].text() for c in by_mediator.columns] in lines
    assert pdf_tools.qpdf_check(pdf, tmp_path).returncode == 0
    assert all(emb == "yes" for _n, emb in pdf_tools.fonts(pdf))
    assert render_report(report, prepared_by="王调解员") == pdf

    public = StatisticsService(store).report(FEBRUARY, public=True, today=date(2026, 3, 2))
    lines = pdf_tools.lines(render_report(public))
    assert ["调解成功数", "<3"] == next(line for line in lines if line[:1] == ["调解成功数"])[:2]
    assert ["受理纠纷数", "3"] == next(line for line in lines if line[:1] == ["受理纠纷数"])[:2]

    form = render_assessment(StatisticsService(store).report(
        ReportPeriod.year(2026), today=date(2026, 3, 2)), mediator.id)
    text = pdf_tools.text(form)
    assert "调解员年度考评表调解员：周明" in text
    form_lines = pdf_tools.lines(form)
    assert next(line for line in form_lines if line[:1] == ["受理纠纷数"])[1] == "2"
