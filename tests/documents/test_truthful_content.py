"""Papers say what happened (issue 13, item 5): undisputed facts, the outcome, the joint
judicial-confirmation application and its window, the mediation records' result, recorder
and session numbers. Every check reads the text back from the PDF."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from mediation_desk.domain.enums import AgreementScope, EndReason, EventKind
from mediation_desk.domain.errors import DomainError
from mediation_desk.domain.models import CaseEvent
from mediation_desk.domain.workdays import ESTIMATE_WARNING
from mediation_desk.services.mediation import AgreementInput
from tests.conftest import case_input
from tests.documents.conftest import ACTOR, page_texts, pdf_text

FACTS = "双方确认：2025年6月1日李四向张三借款5000元，已归还2000元。"


def _mediating(svc, mediator, **kw):
    c = svc.register(ACTOR, case_input(received_on=kw.pop("received_on", "2026-02-02"), **kw))
    svc.accept(ACTOR, c.id, on=c.received_on)
    svc.assign(ACTOR, c.id, [mediator.id])
    return svc.get(c.id)


def _every_party(case):
    return [p.id for p in case.parties if not p.deleted]


def _confirm(svc, case, facts=FACTS, when=datetime(2026, 2, 20, 10, 0)):
    return svc.record_undisputed_facts(ACTOR, case.id, facts=facts,
                                       confirming_party_ids=_every_party(case),
                                       occurred_at=when.astimezone())


# -- 无争议事实确认书 ----------------------------------------------------------------

def test_the_confirmation_prints_the_recorded_facts(docs, svc, terminated_case):
    _confirm(svc, terminated_case)
    text = pdf_text(docs.generate(ACTOR, terminated_case.id, "undisputed_facts").pdf)
    assert "李四向张三借款5000元，已归还2000元" in text
    assert "未能达成调解协议" in text
    assert "2026年2月20日" in text  # dated the day the parties confirmed


def test_without_recorded_facts_the_body_is_ruled_lines_and_no_false_outcome(
        docs, svc, mediator):
    case = _mediating(svc, mediator)  # still mediating: nothing has failed yet
    text = pdf_text(docs.generate(ACTOR, case.id, "undisputed_facts").pdf)
    assert "未能达成调解协议" not in text and "调解过程中" in text


def test_a_partial_agreement_says_so(docs, svc, mediator):
    case = _mediating(svc, mediator)
    svc.record_agreement(ACTOR, case.id, AgreementInput(
        clauses=["李四归还张三借款3000元。"], scope=AgreementScope.PARTIAL,
        effective_on=date(2026, 2, 21)))
    _confirm(svc, svc.get(case.id), when=datetime(2026, 2, 21, 11, 0))
    text = pdf_text(docs.generate(ACTOR, case.id, "undisputed_facts").pdf)
    assert "就部分争议事项达成调解协议" in text
    assert "调解中心调解，未能达成调解协议" not in text and "李四向张三借款5000元" in text


def test_a_full_agreement_is_refused_with_the_reason(docs, agreed_case):
    with pytest.raises(DomainError, match="已全部达成调解协议") as caught:
        docs.generate(ACTOR, agreed_case.id, "undisputed_facts")
    assert caught.value.code == "agreement_reached"


def test_the_old_note_shape_is_still_read(docs, svc, store, terminated_case):
    with store.operation(ACTOR, "record_session", case_id=terminated_case.id) as work:
        work.save_event(CaseEvent(case_id=terminated_case.id, kind=EventKind.NOTE,
                                  occurred_at=datetime(2026, 2, 11, 9, 0).astimezone(),
                                  actor=ACTOR, notes="无争议事实",
                                  data={"undisputed_facts": ["合同于2025年签订。", "货款未付。"]}))
    text = pdf_text(docs.generate(ACTOR, terminated_case.id, "undisputed_facts").pdf)
    assert "合同于2025年签订。" in text and "货款未付。" in text


def test_the_court_report_cites_the_confirmation_only_when_it_exists(
        docs, svc, terminated_case):
    before = pdf_text(docs.generate(ACTOR, terminated_case.id, "court_report").pdf)
    assert "见《无争议事实确认书》" not in before
    assert "未书面确认无争议事实" in before
    _confirm(svc, terminated_case)
    after = pdf_text(docs.generate(ACTOR, terminated_case.id, "court_report").pdf)
    assert "见《无争议事实确认书》" in after


def test_the_case_file_carries_the_confirmation(docs, svc, terminated_case):
    _confirm(svc, terminated_case)
    pages = page_texts(docs.generate(ACTOR, terminated_case.id, "case_file").pdf)
    assert any("无争议事实确认书" in p and "已归还2000元" in p for p in pages)


# -- 司法确认申请书 ------------------------------------------------------------------

def test_jc_application_names_nobody_respondent(docs, svc, mediator):
    case = _mediating(svc, mediator, parties=[
        {"role": "applicant", "kind": "person", "name": "张三", "phone": "13812341234"},
        {"role": "respondent", "kind": "organisation", "name": "许福宇商贸有限公司",
         "legal_representative": "许福宇", "agent": {"name": "许小宇", "relation": "员工"}}])
    svc.record_agreement(ACTOR, case.id, AgreementInput(clauses=["退款1000元。"],
                                                        effective_on=date(2026, 2, 25)))
    text = pdf_text(docs.generate(ACTOR, case.id, "jc_application").pdf)
    assert "被申请人" not in text
    assert "申请人一：张三" in text and "申请人二：许福宇商贸有限公司" in text
    assert "申请人许福宇商贸有限公司" in text and "法定代表人签名并加盖单位印章" in text
    assert "委托代理人许小宇（签名）" in text  # an agent who applies signs too


def test_jc_application_refused_after_the_window(docs, svc, mediator):
    case = _mediating(svc, mediator, received_on="2026-01-05")
    svc.record_agreement(ACTOR, case.id, AgreementInput(clauses=["赔偿500元。"],
                                                        effective_on=date(2026, 1, 10)))
    with pytest.raises(DomainError, match="申请司法确认的期限已过") as caught:
        docs.generate(ACTOR, case.id, "jc_application")
    assert caught.value.code == "jc_window_passed"


def test_jc_application_past_an_estimated_deadline_warns_instead(docs, svc, store, clock,
                                                                 mediator):
    clock.now = datetime(2026, 12, 2, 9, 0).astimezone()
    case = _mediating(svc, mediator, received_on="2026-12-01")
    svc.record_agreement(ACTOR, case.id, AgreementInput(clauses=["赔偿500元。"],
                                                        effective_on=date(2026, 12, 2)))
    clock.now = datetime(2027, 1, 6, 9, 0).astimezone()  # past 2027-01-04, an estimated year
    doc = docs.generate(ACTOR, case.id, "jc_application")
    assert ESTIMATE_WARNING in doc.warning and "2027年1月4日" in doc.warning
    assert ESTIMATE_WARNING not in pdf_text(doc.pdf)  # the warning is for the desk, not court


def test_jc_application_refused_for_an_entrusted_case(docs, svc, mediator):
    case = _mediating(svc, mediator, source="court_entrusted",
                      court_case_number="（2026）鲁0303民初12号")
    svc.record_agreement(ACTOR, case.id, AgreementInput(clauses=["赔偿500元。"],
                                                        effective_on=date(2026, 2, 25)))
    with pytest.raises(DomainError, match="委托调解的案件不申请司法确认"):
        docs.generate(ACTOR, case.id, "jc_application")


def test_an_applied_case_prints_its_application_after_the_window(docs, svc, clock,
                                                                 agreed_case):
    clock.now = datetime(2026, 6, 1, 9, 0).astimezone()  # applied 2026-02-25, in time
    text = pdf_text(docs.generate(ACTOR, agreed_case.id, "jc_application").pdf)
    assert "2026年2月25日" in text


# -- 调解记录、调查记录 --------------------------------------------------------------

def test_session_record_prints_result_recorder_and_numbers(docs, svc, mediator):
    case = _mediating(svc, mediator)
    svc.record_session(ACTOR, case.id, notes="双方陈述。", result="双方同意下次再谈。",
                       occurred_at=datetime(2026, 2, 10, 9, 0).astimezone())
    svc.record_session(ACTOR, case.id, notes="再次调解。", result="分歧较大，建议诉讼。",
                       occurred_at=datetime(2026, 2, 17, 9, 0).astimezone())
    pages = page_texts(docs.generate(ACTOR, case.id, "session_record").pdf)
    first = next(i for i, p in enumerate(pages) if "第一次调解" in p)
    second = next(i for i, p in enumerate(pages) if "第二次调解" in p)
    assert first < second
    assert "人民调解记录" in pages[second]  # the later session's page is titled too
    text = "".join(pages)
    assert "调解结果：双方同意下次再谈。" in text and "调解结果：分歧较大，建议诉讼。" in text
    assert text.count(f"记录人{ACTOR}") == 2


def test_session_result_is_validated_like_every_input(svc, mediator):
    from mediation_desk.domain.errors import ValidationError

    case = _mediating(svc, mediator)
    with pytest.raises(ValidationError) as caught:
        svc.record_session(ACTOR, case.id, notes="调解。", result="结果\x00")
    assert "result" in caught.value.problems
    assert not svc.events(case.id) or all(
        e.kind is not EventKind.SESSION for e in svc.events(case.id))


def test_investigation_record_names_its_recorder(docs, agreed_case):
    text = pdf_text(docs.generate(ACTOR, agreed_case.id, "investigation").pdf)
    assert f"记录人{ACTOR}" in text and "第一次调查" in text


def test_terminated_reason_on_a_partial_agreement_report(docs, svc, mediator):
    case = _mediating(svc, mediator, source="court_delegated",
                      court_case_number="（2026）鲁0303民诉前调19号")
    svc.record_agreement(ACTOR, case.id, AgreementInput(
        clauses=["李四归还张三借款3000元。"], scope=AgreementScope.PARTIAL,
        effective_on=date(2026, 2, 21)))
    svc.terminate(ACTOR, case.id, reason=EndReason.GAP_TOO_LARGE)
    text = pdf_text(docs.generate(ACTOR, case.id, "court_report").pdf)
    assert "就部分争议事项达成调解协议" in text and "全部达成的" not in text


def test_an_entrusted_agreement_does_not_promise_judicial_confirmation(docs, svc, mediator):
    case = _mediating(svc, mediator, source="court_entrusted",
                      court_case_number="（2026）鲁0303民初12号")
    svc.record_agreement(ACTOR, case.id, AgreementInput(clauses=["赔偿500元。"],
                                                        effective_on=date(2026, 2, 25)))
    text = pdf_text(docs.generate(ACTOR, case.id, "agreement").pdf)
    assert "申请司法确认" not in text and "备案" not in text
    assert "由人民法院依法出具调解书，或者由原告申请撤诉" in text
    report = pdf_text(docs.generate(ACTOR, case.id, "court_report").pdf)
    assert "申请司法确认" not in report


def test_long_facts_and_results_flow_over_pages(docs, svc, mediator):
    case = _mediating(svc, mediator)
    lines = [f"第{i}项：双方确认{'货物数量与单价' * 8}均无异议。" for i in range(1, 121)]
    svc.record_undisputed_facts(ACTOR, case.id, facts="\n".join(lines),
                                confirming_party_ids=_every_party(case))
    svc.record_session(ACTOR, case.id, notes="调解。", result="\n".join(lines))
    for kind in ("undisputed_facts", "session_record"):
        doc = docs.generate(ACTOR, case.id, kind)
        text = pdf_text(doc.pdf)
        assert doc.pages > 3 and "第120项：双方确认" in text and "第1项：双方确认" in text


def test_mediating_again_after_a_rejected_confirmation_is_under_way(docs, svc, agreed_case):
    svc.record_jc_outcome(ACTOR, agreed_case.id, outcome="rejected")
    svc.remediate(ACTOR, agreed_case.id)
    _confirm(svc, svc.get(agreed_case.id), when=datetime(2026, 3, 1, 9, 0))
    text = pdf_text(docs.generate(ACTOR, agreed_case.id, "undisputed_facts").pdf)
    assert "在调解过程中" in text and "未能达成" not in text and "已归还2000元" in text
