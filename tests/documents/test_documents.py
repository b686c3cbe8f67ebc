"""Every document kind generated from cases built through the services, read back as text."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from mediation_desk.documents.kinds import ALL_KINDS, CASE_FILE, KINDS
from mediation_desk.domain.errors import DomainError
from mediation_desk.services.mediation import AgreementInput
from mediation_desk.storage import audit
from tests.documents.conftest import (
    ACTOR,
    APPLICANT_ID,
    COURT_NO,
    RESPONDENT_ID,
    page_texts,
    pdf_text,
)

A4 = (595.2756, 841.8898)
# a fully agreed case has no 无争议事实确认书 (nothing left in dispute: test_truthful_content)
# the 延期/回避/移送 papers need a record the agreed case lacks (test_new_papers), and so do
# the 补充协议 and 更正说明 (test_correction_papers_need_their_record; printed in
# tests/services/test_corrections.py and tests/documents/test_every_kind.py)
NEED_A_RECORD = ("supplementary_agreement", "correction_note")
FOR_AGREED = [k for k in ALL_KINDS if k not in ("oral_agreement", "termination",
                                                "undisputed_facts", "extension_consent",
                                                "recusal_decision", "transfer_letter",
                                                *NEED_A_RECORD)]


def assert_a4_and_embedded(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    fonts = {}
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4, abs=0.1)
        res = page["/Resources"]
        for ref in (res.get("/Font") or {}).values():
            f = ref.get_object()
            fonts[f["/BaseFont"]] = f
    assert fonts, "no fonts"
    for name, f in fonts.items():
        desc = f.get("/FontDescriptor")
        assert desc is not None and "/FontFile2" in desc.get_object(), f"{name} not embedded"


@pytest.mark.parametrize("kind", FOR_AGREED)
def test_kind_from_agreed_case(docs, agreed_case, kind):
    doc = docs.generate(ACTOR, agreed_case.number, kind)
    text = pdf_text(doc.pdf)
    assert doc.title in text
    assert "张三" in text and "李四" in text
    assert agreed_case.number in text or kind == "case_file"
    assert_a4_and_embedded(doc.pdf)
    assert doc.verification_code in text
    assert "第1页共" in text
    assert doc.filename.endswith(".pdf") and "/" not in doc.filename


@pytest.mark.parametrize("kind", NEED_A_RECORD)
def test_correction_papers_need_their_record(docs, agreed_case, kind):
    """An agreed case without a 补充协议 or 更正说明 is refused that paper, with the reason."""
    with pytest.raises(DomainError, match="没有"):
        docs.generate(ACTOR, agreed_case.number, kind)


def test_agreement_content(docs, agreed_case):
    text = pdf_text(docs.generate(ACTOR, agreed_case.id, "agreement").pdf)
    for expected in (
        "人民调解协议书", "编号：（2026）马尚调字第1号", f"法院案号：{COURT_NO}",
        f"公民身份号码{APPLICANT_ID}", f"公民身份号码{RESPONDENT_ID}",
        "委托代理人：张小明，系张三的儿子",
        "一、被申请人于2026年3月31日前退还申请人物业费40000元。", "二、申请人放弃其他请求。",
        "本协议涉及金额：肆万元整（¥40,000.00）。",
        "履行方式：银行转账；履行期限：2026年3月31日前；履行地点：张店区。",
        "本协议一式3份，当事人各执一份，人民调解委员会留存一份。",
        "人民调解员签名并加盖人民调解委员会印章之日起生效",
        "共同向人民法院申请司法确认", "张店区人民法院委派调解的案件",
        "马尚街道调解中心（印）", "2026年2月20日",
    ):
        assert expected in text, expected


def test_signature_block_is_not_split(docs, agreed_case):
    pages = page_texts(docs.generate(ACTOR, agreed_case.id, "agreement").pdf)
    last = pages[-1]
    for line in ("申请人张三（签名并按指印）", "被申请人李四（签名并按指印）", "人民调解员（签名）",
                 "记录人（签名）", "（印）", "2026年2月20日"):
        assert line in last


def test_records_and_court_papers(docs, agreed_case):
    inv = pdf_text(docs.generate(ACTOR, agreed_case.id, "investigation").pdf)
    assert "2026年2月5日09时00分" in inv and "物业公司会计赵六" in inv and "核对收费台账" in inv
    ses = pdf_text(docs.generate(ACTOR, agreed_case.id, "session_record").pdf)
    assert "2026年2月10日14时30分" in ses and "马尚街道调解室" in ses and "同意核减" in ses
    fol = pdf_text(docs.generate(ACTOR, agreed_case.id, "followup").pdf)
    assert "正在履行" in fol and "4分（满意）" in fol and "已退还20000元" in fol
    jc = pdf_text(docs.generate(ACTOR, agreed_case.id, "jc_application").pdf)
    assert "请求人民法院依法确认申请人于2026年2月20日" in jc and "提交材料清单" in jc
    assert "授权委托书" in jc and APPLICANT_ID in jc and "2026年2月25日" in jc
    app = pdf_text(docs.generate(ACTOR, agreed_case.id, "application").pdf)
    assert "一、请求退还多收的物业费40000元。" in app and "现自愿申请马尚街道调解中心调解" in app
    rep = pdf_text(docs.generate(ACTOR, agreed_case.id, "court_report").pdf)
    assert COURT_NO in rep and "共组织调解1次" in rep and "报送贵院备案" in rep


def test_termination_papers(docs, terminated_case):
    text = pdf_text(docs.generate(ACTOR, terminated_case.id, "termination").pdf)
    assert "终止原因：各方分歧较大难以达成一致。" in text and "赔偿数额差距过大" in text
    assert "移送人民法院登记立案" in text
    rep = pdf_text(docs.generate(ACTOR, terminated_case.id, "court_report").pdf)
    assert "调解不成（终止调解）的原因：各方分歧较大难以达成一致。" in rep
    assert "无争议事实确认书" in pdf_text(
        docs.generate(ACTOR, terminated_case.id, "undisputed_facts").pdf)


def test_oral_agreement(docs, oral_case):
    text = pdf_text(docs.generate(ACTOR, oral_case.id, "oral_agreement").pdf)
    assert "一、被申请人三日内清理通道杂物。" in text and "2026年2月12日" in text
    assert f"张三（{APPLICANT_ID}）" in text
    with pytest.raises(DomainError, match="口头协议"):
        docs.generate(ACTOR, oral_case.id, "agreement")


def test_refusals_give_chinese_reasons(docs, svc, terminated_case, agreed_case):
    with pytest.raises(DomainError, match="尚未登记调解协议"):
        docs.generate(ACTOR, terminated_case.id, "agreement")
    with pytest.raises(DomainError, match="尚未终止调解"):
        docs.generate(ACTOR, agreed_case.id, "termination")
    plain = svc.register(ACTOR, __import__("tests.conftest").conftest.case_input())
    with pytest.raises(DomainError, match="不是法院委派或委托"):
        docs.generate(ACTOR, plain.id, "court_report")
    with pytest.raises(DomainError, match="未知的文书类型"):
        docs.generate(ACTOR, plain.id, "letter")


def test_same_data_same_bytes_and_register(docs, store, agreed_case):
    a = docs.generate(ACTOR, agreed_case.id, "agreement")
    b = docs.generate(ACTOR, agreed_case.id, "agreement")
    assert a.pdf == b.pdf and a.sha256 == b.sha256
    reg = docs.register(agreed_case.id)
    assert [(r.kind, r.sha256, r.verification_code) for r in reg] == [
        ("agreement", a.sha256, a.verification_code)] * 2
    assert docs.find_by_code(a.verification_code.lower())[0].case_id == agreed_case.id
    rows = [r for r in audit.case_history(store.db, agreed_case.id)
            if r["action"] == "generate_document"]
    assert len(rows) == 2 and rows[0]["changes"][0]["fields"]["sha256"][1] == a.sha256
    assert audit.verify_chain(store.db).ok


@pytest.mark.parametrize("kind", list(KINDS))
def test_blank_forms(docs, store, kind):
    doc = docs.generate("", None, kind, blank=True)
    text = pdf_text(doc.pdf)
    assert doc.title in text
    assert "调字第" in text or kind in ("termination",)
    assert_a4_and_embedded(doc.pdf)
    assert "（空白）" in doc.filename
    assert store.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_case_file(docs, svc, agreed_case):
    from reportlab.pdfgen.canvas import Canvas  # a one-page PDF attachment

    buf = io.BytesIO()
    cv = Canvas(buf)
    cv.drawString(100, 700, "receipt")
    cv.showPage()
    cv.save()
    svc.add_attachment(ACTOR, agreed_case.id, "收条.pdf", buf.getvalue(), "application/pdf")
    png = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (40, 30), "white").save(png, "PNG")
    svc.add_attachment(ACTOR, agreed_case.id, "身份证复印件.png", png.getvalue(), "image/png")
    doc = docs.generate(ACTOR, agreed_case.id, CASE_FILE)
    pages = page_texts(doc.pdf)
    total = len(pages)
    assert doc.pages == total
    for n, t in enumerate(pages, start=1):
        assert f"卷宗第{n}页共{total}页" in t
    assert "卷内目录" in pages[1] or "卷内目录" in pages[0]
    assert "收条.pdf" in pages[1] and "身份证复印件.png" in pages[1]
    body = "".join(pages[2:])  # after the cover and the index
    order = [body.index(x) for x in ("人民调解受理登记表", "权利义务告知书",
                                     "人民调解调查记录", "人民调解记录", "人民调解协议书",
                                     "receipt", "人民调解回访记录", "司法确认申请书",
                                     "调解情况报告", "卷内备考表")]
    assert order == sorted(order)
    assert f"本卷共{total}页" in pages[-1]
    assert docs.generate(ACTOR, agreed_case.id, CASE_FILE).pdf == doc.pdf


def test_jc_application_prints_both_sides_as_applicants(docs, agreed_case):
    # a joint application (CPL Art 205, CPLI Art 351): nobody is 被申请人 on it
    jc = pdf_text(docs.generate(ACTOR, agreed_case.id, "jc_application").pdf)
    assert "申请人一：张三" in jc and "申请人二：李四" in jc
    assert "申请人张三（签名并按指印）" in jc and "申请人李四（签名并按指印）" in jc
    assert "被申请人：" not in jc and "被申请人李四" not in jc and "被申请人二" not in jc
    assert RESPONDENT_ID in jc  # the respondent's full identity, as an applicant
    blank = pdf_text(docs.generate(ACTOR, None, "jc_application", blank=True).pdf)
    assert "被申请人" not in blank and blank.count("申请人（签名并按指印）") == 2


def test_jc_application_refused_for_an_oral_agreement(docs, oral_case):
    with pytest.raises(DomainError, match="口头协议"):
        docs.generate(ACTOR, oral_case.id, "jc_application")


def test_oral_agreement_written_down_keeps_both_papers(docs, svc, oral_case):
    svc.record_written_agreement(ACTOR, oral_case.id, AgreementInput(
        clauses=["被申请人三日内清理通道杂物。"], effective_on=date(2026, 2, 13)))
    oral = pdf_text(docs.generate(ACTOR, oral_case.id, "oral_agreement").pdf)
    assert "2026年2月12日" in oral  # the oral agreement as reached
    written = pdf_text(docs.generate(ACTOR, oral_case.id, "agreement").pdf)
    assert "人民调解协议书" in written and "2026年2月13日" in written
    jc = pdf_text(docs.generate(ACTOR, oral_case.id, "jc_application").pdf)
    assert "请求人民法院依法确认申请人于2026年2月13日" in jc


def test_case_file_notes_an_estimated_deadline_internally(docs, svc, store, clock):
    """「节假日安排为推算」 goes on the file's 卷内备考表, not on the papers for parties."""
    from datetime import datetime

    from mediation_desk.domain.models import Mediator
    from mediation_desk.services.desk import MediatorService
    from tests.conftest import case_input

    clock.now = datetime(2026, 12, 2, 9, 0).astimezone()
    m = MediatorService(store).save(ACTOR, Mediator(center_id="", name="周明"))
    c = svc.register(ACTOR, case_input(received_on="2026-12-01"))
    svc.accept(ACTOR, c.id)
    svc.assign(ACTOR, c.id, [m.id])
    svc.record_agreement(ACTOR, c.id, AgreementInput(clauses=["李四赔偿张三500元"],
                                                     effective_on=date(2026, 12, 2)))
    pages = page_texts(docs.generate(ACTOR, c.id, CASE_FILE).pdf)
    assert "申请司法确认的期限截至2027年1月4日（节假日安排为推算" in pages[-1]
    assert "调解期限" not in pages[-1]  # the mediation period ended with the agreement
    assert not any("推算" in p for p in pages[:-1])
    assert "推算" not in pdf_text(docs.generate(ACTOR, c.id, "agreement").pdf)


def test_case_file_has_no_estimate_note_for_official_years(docs, agreed_case):
    pages = page_texts(docs.generate(ACTOR, agreed_case.id, CASE_FILE).pdf)
    assert "推算" not in pages[-1]
