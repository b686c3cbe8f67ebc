"""Cases built through the services, and helpers to read generated PDFs back."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date, datetime
from decimal import Decimal

import pytest

from mediation_desk.domain.enums import AgreementForm, EndReason, Performance
from mediation_desk.domain.models import Mediator
from mediation_desk.services.cases import CaseService
from mediation_desk.services.desk import MediatorService
from mediation_desk.services.documents import DocumentService
from mediation_desk.services.mediation import AgreementInput
from tests.conftest import case_input, party

ACTOR = "王调解员"
COURT_NO = "（2026）鲁0303民诉前调12号"
APPLICANT_ID = "11010519491231002X"
RESPONDENT_ID = "440524188001010014"


def pdf_text(pdf: bytes) -> str:
    """Text of a PDF via pdftotext (poppler-utils), whitespace removed."""
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.fail("pdftotext not found: install poppler-utils (apt-get install poppler-utils)")
    out = subprocess.run([exe, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout.decode("utf-8")
    return re.sub(r"\s+", "", out)


def page_texts(pdf: bytes) -> list[str]:
    """Text of each page (whitespace removed)."""
    from pypdf import PdfReader

    n = len(PdfReader(io.BytesIO(pdf)).pages)
    exe = shutil.which("pdftotext")
    assert exe
    return [re.sub(r"\s+", "", subprocess.run(
        [exe, "-enc", "UTF-8", "-f", str(i), "-l", str(i), "-", "-"], input=pdf,
        capture_output=True, check=True).stdout.decode("utf-8")) for i in range(1, n + 1)]


@pytest.fixture
def svc(store):
    return CaseService(store)


@pytest.fixture
def docs(store):
    return DocumentService(store)


@pytest.fixture
def mediator(store):
    return MediatorService(store).save(ACTOR, Mediator(center_id="", name="周明"))


def _person(role, name, id_number, phone, **kw):
    return party(role, name, id_number, phone, ethnicity="汉", occupation="农民",
                 address="山东省淄博市张店区马尚街道马尚村8号", **kw)


@pytest.fixture
def agreed_case(svc, mediator):
    """A court-delegated case with investigation, session, written agreement and follow-up."""
    c = svc.register(ACTOR, case_input(
        source="court_delegated", court_case_number=COURT_NO, dispute_type="property_management",
        received_on="2026-02-02", amount="40000",
        facts="申请人称被申请人多收物业费。\n被申请人称费用依合同收取。",
        claims="请求退还多收的物业费40000元。\n请求出具收费明细。",
        parties=[_person("applicant", "张三", APPLICANT_ID, "13812341234",
                         agent={"name": "张小明", "relation": "儿子", "phone": "13700001111"}),
                 _person("respondent", "李四", RESPONDENT_ID, "13900001111")]))
    svc.accept(ACTOR, c.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, c.id, [mediator.id])
    svc.record_investigation(ACTOR, c.id, notes="走访物业公司财务，核对收费台账。",
                             place="物业办公室", participants="物业公司会计赵六",
                             occurred_at=datetime(2026, 2, 5, 9, 0))
    svc.record_session(ACTOR, c.id, notes="申请人陈述：多收费用。\n被申请人陈述：同意核减。",
                       place="马尚街道调解室", participants="村委会主任王五",
                       occurred_at=datetime(2026, 2, 10, 14, 30))
    svc.record_agreement(ACTOR, c.id, AgreementInput(
        clauses=["被申请人于2026年3月31日前退还申请人物业费40000元。", "申请人放弃其他请求。"],
        facts="双方因物业费收取发生争议，经核对台账，被申请人多收费用属实。",
        performance_method="银行转账", performance_place="张店区",
        performance_deadline=date(2026, 3, 31), amount=Decimal("40000"),
        effective_on=date(2026, 2, 20)))
    # follow-up before the JC application: the state machine refuses 回访 in JC_APPLIED
    svc.follow_up(ACTOR, c.id, performance=Performance.IN_PROGRESS, satisfaction=4,
                  notes="已退还20000元，余款月底前付清。", on=date(2026, 3, 1))
    svc.apply_jc(ACTOR, c.id, on=date(2026, 2, 25))
    return svc.get(c.id)


@pytest.fixture
def terminated_case(svc, mediator):
    """A court-delegated case whose mediation failed (gap too large)."""
    c = svc.register(ACTOR, case_input(source="court_delegated",
                                       court_case_number=COURT_NO.replace("12", "13"),
                                       received_on="2026-02-02"))
    svc.accept(ACTOR, c.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, c.id, [mediator.id])
    svc.record_session(ACTOR, c.id, notes="双方各执己见。", occurred_at=datetime(2026, 2, 10, 9, 0))
    svc.terminate(ACTOR, c.id, reason=EndReason.GAP_TOO_LARGE, notes="赔偿数额差距过大。")
    return svc.get(c.id)


@pytest.fixture
def oral_case(svc, mediator):
    """A neighbour dispute settled by oral agreement."""
    c = svc.register(ACTOR, case_input(received_on="2026-02-02"))
    svc.accept(ACTOR, c.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, c.id, [mediator.id])
    svc.record_agreement(ACTOR, c.id, AgreementInput(
        clauses=["被申请人三日内清理通道杂物。"], form=AgreementForm.ORAL,
        effective_on=date(2026, 2, 12)))
    return svc.get(c.id)
