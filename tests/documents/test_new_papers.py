"""The papers issue 13 found missing (item 6): each from a case's record, as a blank form,
and refused when the case lacks what it needs. Text is read back with pdftotext."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from mediation_desk.documents.kinds import ALL_KINDS, KINDS, title_of
from mediation_desk.domain.enums import EndReason, RelationKind
from mediation_desk.domain.errors import DomainError
from mediation_desk.domain.formatting import numeral
from mediation_desk.domain.models import DeclaredRelation, Mediator
from mediation_desk.services.desk import MediatorService
from tests.conftest import case_input, party
from tests.documents.conftest import ACTOR, APPLICANT_ID, COURT_NO, RESPONDENT_ID

NEW = {"service_address": "送达地址确认书", "service_receipt": "送达回证",
       "power_of_attorney": "授权委托书", "extension_consent": "延期调解同意书",
       "recusal_decision": "人民调解员回避决定书", "transfer_letter": "案件材料移送函",
       "closing_report": "调解终结报告"}


def _keep(name: str, pdf: bytes) -> None:
    """Write the PDF to $NEW_PAPERS_DIR when set (to look at the pages with pdftoppm)."""
    folder = os.environ.get("NEW_PAPERS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"{name}.pdf").write_bytes(pdf)


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text in reading order of the page (``pdftotext -layout``: a table row
    reads label then value), whitespace and blanks removed."""
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext not found: install poppler-utils"
    out = subprocess.run([exe, "-layout", "-enc", "UTF-8", "-", "-"], input=pdf,
                         capture_output=True, check=True).stdout.decode("utf-8")
    # blanks to fill by hand may read as spaces or as ＿: neither is content here
    return [re.sub(r"[\s＿]+", "", page) for page in out.split("\f") if page.strip()]


def pdf_text(pdf: bytes) -> str:
    return "".join(page_texts(pdf))


def _documents(store) -> int:
    return store.db.execute("SELECT count(*) FROM documents").fetchone()[0]


@pytest.fixture
def extended_case(svc, mediator):
    """A mediating case whose period was extended 15 days with both parties' consent."""
    c = svc.register(ACTOR, case_input(received_on="2026-02-02"))
    svc.accept(ACTOR, c.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, c.id, [mediator.id])
    before = svc.get(c.id).due_on
    c = svc.extend(ACTOR, c.id, days=15, consenting_party_ids=[p.id for p in c.parties],
                   notes="需等待伤情鉴定结论，双方同意延期。")
    return c, before


@pytest.fixture
def recused_case(svc, store):
    """A case assigned to 赵红, 张三's cousin, because both parties agreed in writing."""
    m = MediatorService(store).save(ACTOR, Mediator(center_id="", name="赵红", relations=[
        DeclaredRelation(person_name="张三", kind=RelationKind.NEAR_RELATIVE, note="表哥")]))
    c = svc.register(ACTOR, case_input(received_on="2026-02-02"))
    svc.accept(ACTOR, c.id, on=date(2026, 2, 3))
    return svc.assign(ACTOR, c.id, [m.id], override_reason="双方当事人书面同意由赵红调解。")


# -- every new kind is registered, for the GUI list and the command line -----------------

def test_the_new_kinds_are_registered():
    for kind, title in NEW.items():
        assert kind in KINDS and kind in ALL_KINDS and title_of(kind) == title


# -- 送达地址确认书 --------------------------------------------------------------------

def test_service_address_one_page_per_party(docs, agreed_case):
    doc = docs.generate(ACTOR, agreed_case.id, "service_address")
    _keep("service_address", doc.pdf)
    pages = page_texts(doc.pdf)
    assert len(pages) == 2
    first, second = pages
    for text in ("送达地址确认书", "案由物业纠纷", "受送达人申请人张三", APPLICANT_ID,
                 "13812341234",
                 "山东省淄博市张店区马尚街道马尚村8号", "指定代收人张小明（13700001111）",
                 "□同意□不同意", f"法院案号：{COURT_NO}"):
        assert text in first, text
    signs = first.split("受送达人确认：")[1]  # the party and its agent sign side by side
    assert "申请人张三" in signs and "委托代理人张小明" in signs
    assert signs.count("（签名并按指印）") == 2
    assert "李四" not in first.split("受送达人")[1].split("告知事项")[0]
    assert "受送达人被申请人李四" in second and RESPONDENT_ID in second
    assert "被申请人李四（签名并按指印）" in second and "张三（签名" not in second


# -- 送达回证 -------------------------------------------------------------------------

def test_service_receipt_lists_the_papers_served(docs, agreed_case):
    doc = docs.generate(ACTOR, agreed_case.id, "service_receipt")
    _keep("service_receipt", doc.pdf)
    pages = page_texts(doc.pdf)
    assert len(pages) == 2
    for page, who in zip(pages, ("申请人张三", "被申请人李四"), strict=True):
        assert f"受送达人{who}" in page
        assert "《人民调解当事人权利义务告知书》（编号：（2026）马尚调字第1号）一份" in page
        assert "《人民调解协议书》（编号：（2026）马尚调字第1号）一份" in page
        assert "终止人民调解告知书" not in page
        assert "送达单位马尚街道调解中心" in page and "年月日" in page


def test_service_receipt_of_a_terminated_case(docs, terminated_case):
    text = pdf_text(docs.generate(ACTOR, terminated_case.id, "service_receipt").pdf)
    assert "《终止人民调解告知书》" in text and "《人民调解协议书》" not in text


def test_service_receipt_refused_before_acceptance(docs, svc, store):
    c = svc.register(ACTOR, case_input())
    with pytest.raises(DomainError) as err:
        docs.generate(ACTOR, c.id, "service_receipt")
    assert "尚未受理" in err.value.message and c.number in err.value.message
    assert _documents(store) == 0


# -- 授权委托书 -----------------------------------------------------------------------

def test_power_of_attorney_from_the_agent_fields(docs, svc, mediator):
    c = svc.register(ACTOR, case_input(parties=[
        party("applicant", "张三", APPLICANT_ID, "13812341234"),
        party("respondent", "李四", RESPONDENT_ID, "13900001111",
              agent={"name": "李小红", "relation": "女儿", "phone": "13700002222",
                     "id_number": "110105201001010010"})]))
    doc = docs.generate(ACTOR, c.id, "power_of_attorney")
    _keep("power_of_attorney", doc.pdf)
    pages = page_texts(doc.pdf)
    assert len(pages) == 1  # only 李四 has an agent
    text = pages[0]
    principal = text.split("委托人：")[1].split("受委托人：")[0]
    assert "李四" in principal and RESPONDENT_ID in principal and "13900001111" in principal
    assert "张三" not in principal and "李小红" not in principal
    for expected in ("授权委托书", "受委托人：姓名李小红与委托人关系女儿",
                     "公民身份号码110105201001010010联系电话13700002222",
                     "在张三与李四之间的邻里纠纷一案（编号：（2026）马尚调字第1号）中，作为李四的委托代理人",
                     "□一般授权", "□特别授权",
                     "委托人李四（签名并按指印）", "受委托人李小红（签名）"):
        assert expected in text, expected
    assert "委托人张三" not in text and "委托代理人李小红（" not in text  # she signs once


def test_power_of_attorney_refused_without_an_agent(docs, terminated_case, store):
    with pytest.raises(DomainError) as err:
        docs.generate(ACTOR, terminated_case.id, "power_of_attorney")
    assert err.value.code == "no_agent"
    assert "申请人张三" in err.value.message and "被申请人李四" in err.value.message
    assert _documents(store) == 0


# -- 延期调解同意书 --------------------------------------------------------------------

def test_extension_consent_prints_who_agreed_and_both_deadlines(docs, extended_case):
    case, before = extended_case
    doc = docs.generate(ACTOR, case.id, "extension_consent")
    _keep("extension_consent", doc.pdf)
    text = pdf_text(doc.pdf)
    old = f"{before.year}年{before.month}月{before.day}日"
    new = f"{case.due_on.year}年{case.due_on.month}月{case.due_on.day}日"
    assert before != case.due_on
    for expected in ("延期调解同意书", f"原调解期限届满日{old}", "延长天数15日",
                     f"延长后调解期限届满日{new}", "同意延长的当事人申请人张三、被申请人李四",
                     "需等待伤情鉴定结论，双方同意延期。", f"由{old}延长15日至{new}",
                     "人民调解员（签名）"):
        assert expected in text, expected
    signs = text.split("本人自愿同意延长调解期限。")[1]  # the lines stand in two columns
    assert "申请人张三" in signs and "被申请人李四" in signs
    assert signs.count("（签名并按指印）") == 2


def test_extension_consent_refused_without_an_extension(docs, agreed_case, store):
    with pytest.raises(DomainError) as err:
        docs.generate(ACTOR, agreed_case.id, "extension_consent")
    assert err.value.code == "no_extension" and "延长调解期限" in err.value.message
    assert _documents(store) == 0


# -- 人民调解员回避决定书 -------------------------------------------------------------

def test_recusal_decision_prints_the_ground_and_the_decision(docs, recused_case):
    doc = docs.generate(ACTOR, recused_case.id, "recusal_decision")
    _keep("recusal_decision", doc.pdf)
    text = pdf_text(doc.pdf)
    for expected in ("人民调解员回避决定书", "拟指派人民调解员赵红主持本案调解",
                     "一、人民调解员赵红与当事人张三系近亲属（回避事由：近亲属；说明：表哥）",
                     "审查意见及理由：双方当事人书面同意由赵红调解。",
                     "本委员会决定：人民调解员赵红不予回避，继续主持本案调解。",
                     "当事人是否同意由其继续主持调解签名（按指印）",
                     "申请人张三□同意□不同意，申请更换",
                     "被申请人李四□同意□不同意，申请更换", "人民调解委员会主任（签名）"):
        assert expected in text, expected


def test_recusal_decision_refused_without_a_ground(docs, agreed_case, store):
    with pytest.raises(DomainError) as err:
        docs.generate(ACTOR, agreed_case.id, "recusal_decision")
    assert err.value.code == "no_recusal" and agreed_case.number in err.value.message
    assert _documents(store) == 0


# -- 案件材料移送函 -------------------------------------------------------------------

def test_transfer_letter_after_hand_over(docs, svc, terminated_case, store):
    with pytest.raises(DomainError) as err:
        docs.generate(ACTOR, terminated_case.id, "transfer_letter")
    assert err.value.code == "not_handed_over"
    assert _documents(store) == 0
    svc.hand_over(ACTOR, terminated_case.id, notes="随函附起诉状一份。")
    doc = docs.generate(ACTOR, terminated_case.id, "transfer_letter")
    _keep("transfer_letter", doc.pdf)
    text = pdf_text(doc.pdf)
    court_no = COURT_NO.replace("12", "13")
    for expected in ("案件材料移送函", "张店区人民法院：", f"法院案号：{court_no}",
                     "贵院委派本委员会调解的", "因各方分歧较大难以达成一致，调解不成",
                     "现将本案材料移送贵院，请依法登记立案。", "移送说明：随函附起诉状一份。",
                     "1《人民调解受理登记表》1", "《人民调解当事人权利义务告知书》1",
                     "《人民调解记录》1", "《终止人民调解告知书》1", "《调解情况报告》1",
                     "人民法院签收", "接收人（签名）"):
        assert expected in text, expected
    for absent in ("人民调解协议书", "授权委托书", "人民调解申请书", "人民调解调查记录"):
        assert absent not in text, absent


# -- 调解终结报告 ---------------------------------------------------------------------

def test_closing_report_of_an_agreed_case(docs, agreed_case):
    doc = docs.generate(ACTOR, agreed_case.id, "closing_report")
    _keep("closing_report", doc.pdf)
    text = pdf_text(doc.pdf)
    for expected in ("调解终结报告", "案件来源法院委派", "纠纷类型物业纠纷",
                     "申请人：张三；被申请人：李四", "受理日期2026年2月3日",
                     "终结日期2026年2月20日",
                     "共开展调查1次（2026年2月5日，物业办公室）",
                     "组织调解1次（2026年2月10日，马尚街道调解室）",
                     "各方当事人于2026年2月20日就全部争议事项达成书面协议，主要内容如下：",
                     "一、被申请人于2026年3月31日前退还",
                     "协议涉及金额：肆万元整（¥40,000.00）", "2026年2月25日共同申请司法确认",
                     "2026年3月1日回访，履行情况：正在履行", "报告人（签名）",
                     "审核人（主任签名）"):
        assert expected in text, expected
    assert "终止原因" not in text


def test_closing_report_of_a_terminated_case(docs, terminated_case):
    text = pdf_text(docs.generate(ACTOR, terminated_case.id, "closing_report").pdf)
    assert "终止原因：各方分歧较大难以达成一致。具体情况：赔偿数额差距过大。" in text
    assert "组织调解1次（2026年2月10日）" in text and "各方当事人于" not in text


def test_closing_report_refused_while_mediating(docs, extended_case, store):
    case, _ = extended_case
    with pytest.raises(DomainError) as err:
        docs.generate(ACTOR, case.id, "closing_report")
    assert err.value.code == "not_ended" and "尚未终结" in err.value.message
    assert _documents(store) == 0


# -- blank forms ----------------------------------------------------------------------

@pytest.mark.parametrize("kind", list(NEW))
def test_blank_form(docs, store, kind):
    doc = docs.generate("", None, kind, blank=True)
    _keep(f"{kind}-blank", doc.pdf)
    text = pdf_text(doc.pdf)
    assert NEW[kind] in text and "调字第" in text and "年月日" in text
    for name in ("张三", "李四", "周明", "马尚调字第1号"):
        assert name not in text
    assert doc.filename == f"{NEW[kind]}（空白）.pdf"
    assert _documents(store) == 0


def test_blank_forms_keep_boxes_to_tick(docs):
    text = pdf_text(docs.generate("", None, "power_of_attorney", blank=True).pdf)
    assert "□一般授权" in text and "□特别授权" in text
    text = pdf_text(docs.generate("", None, "recusal_decision", blank=True).pdf)
    assert "□准予回避" in text and "□不予回避" in text
    text = pdf_text(docs.generate("", None, "transfer_letter", blank=True).pdf)
    assert "□移送贵院" in text and "□退回贵院" in text


def test_terminated_before_session_has_no_course_dates(docs, svc, mediator):
    c = svc.register(ACTOR, case_input(received_on="2026-02-02"))
    svc.accept(ACTOR, c.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, c.id, [mediator.id])
    svc.record_session(ACTOR, c.id, notes="x", occurred_at=datetime(2026, 2, 4, 9, 0))
    svc.terminate(ACTOR, c.id, reason=EndReason.UNWILLING)
    text = pdf_text(docs.generate(ACTOR, c.id, "closing_report").pdf)
    assert "共开展调查0次，组织调解1次（2026年2月4日）" in text


def test_the_command_line_offers_the_new_kinds():
    import argparse

    from mediation_desk.cli.documents import add_document_command

    p = argparse.ArgumentParser()
    add_document_command(p.add_subparsers(dest="verb"))
    for kind in NEW:
        args = p.parse_args(["document", "--db", "d", "--kind", kind, "--blank", "--out", "x"])
        assert args.kind == kind
    help_text = p._subparsers._group_actions[0].choices["document"].description
    assert all(f"{k}={t}" in help_text for k, t in NEW.items())


def test_many_parties_one_sheet_each_and_a_short_report(docs, svc, mediator):
    people = [party("applicant" if i < 6 else "respondent", f"当事人{numeral(i)}",
                    phone=f"138{i:08d}") for i in range(12)]
    facts = "。".join(f"第{i}段：双方就宅基地边界、通道使用多次协商未果" for i in range(300)) + "。"
    c = svc.register(ACTOR, case_input(parties=people, facts=facts, received_on="2026-02-02"))
    svc.accept(ACTOR, c.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, c.id, [mediator.id])
    svc.terminate(ACTOR, c.id, reason=EndReason.UNWILLING)
    pages = page_texts(docs.generate(ACTOR, c.id, "service_address").pdf)
    assert len(pages) == 12
    for i, page in enumerate(pages):
        assert page.startswith("送达地址确认书") and "受送达人" in page
        assert f"当事人{numeral(i)}（签名并按指印）" in page
        assert f"138{i:08d}" in page
    report = docs.generate(ACTOR, c.id, "closing_report")
    _keep("closing_report-long-facts", report.pdf)
    text = pdf_text(report.pdf)
    assert f"纠纷情况全文共{len(facts)}字，见《人民调解受理登记表》。" in text
    assert "第299段" not in text and report.pages <= 2
    letter = pdf_text(docs.generate(ACTOR, c.id, "service_receipt").pdf)
    assert "当事人一等12名当事人" not in letter  # 案由 is the dispute, not every name
    assert letter.count("案由邻里纠纷") == 12


def test_recusal_decision_with_thirty_parties(docs, svc, store):
    """The opinions table of 30 parties runs over a page; the signatures still follow it."""
    m = MediatorService(store).save(ACTOR, Mediator(center_id="", name="赵红", relations=[
        DeclaredRelation(person_name="当事人一", kind=RelationKind.INTEREST)]))
    people = [party("applicant" if i < 15 else "respondent", f"当事人{numeral(i)}")
              for i in range(30)]
    c = svc.register(ACTOR, case_input(parties=people, received_on="2026-02-02"))
    svc.accept(ACTOR, c.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, c.id, [m.id], override_reason="各方当事人书面同意。")
    doc = docs.generate(ACTOR, c.id, "recusal_decision")
    text = pdf_text(doc.pdf)
    assert all(f"当事人{numeral(i)}□同意" in text for i in range(30))
    assert "当事人一等30名当事人之间的邻里纠纷" in text
    assert "人民调解委员会主任（签名）" in page_texts(doc.pdf)[-1]


def test_power_of_attorney_of_an_organisation(docs, svc):
    from tests.documents.every_kind_cases import CREDIT_CODE

    c = svc.register(ACTOR, case_input(parties=[
        party("applicant", "张三", APPLICANT_ID, "13812341234"),
        {"kind": "organisation", "role": "respondent", "name": "淄博鑫源物业服务有限公司",
         "credit_code": CREDIT_CODE, "legal_representative": "王总", "phone": "05332222222",
         "agent": {"name": "刘律师", "relation": "律师", "phone": "13700003333"}}]))
    text = pdf_text(docs.generate(ACTOR, c.id, "power_of_attorney").pdf)
    assert CREDIT_CODE in text and "王总" in text
    assert "委托人淄博鑫源物业服务有限公司（法定代表人签名并加盖单位印章）" in text
    assert "受委托人刘律师（签名）" in text and "与委托人关系律师" in text


def test_blank_power_of_attorney_is_for_either_side(docs):
    text = pdf_text(docs.generate("", None, "power_of_attorney", blank=True).pdf)
    assert "委托人：委托人姓名" in text and "申请人" not in text.split("受委托人")[0]


def test_an_extension_record_without_days_prints_no_made_up_number(docs, extended_case):
    """An event from another desk may lack a field: it is left out, never printed as None."""
    from dataclasses import replace

    from mediation_desk.documents.kinds import build_spec
    from mediation_desk.domain.enums import EventKind

    case, _ = extended_case
    bundle = docs.bundle(case.id)
    bundle.events = [replace(e, data={k: v for k, v in e.data.items() if k != "days"})
                     if e.kind is EventKind.EXTENSION else e for e in bundle.events]
    for kind in ("extension_consent", "closing_report"):
        if kind == "closing_report":
            bundle.case.closed_on, bundle.case.end_reason = date(2026, 3, 10), EndReason.UNWILLING
        text = build_spec(kind, bundle).all_text()
        assert "None" not in text and "延长" in text
