"""Layout at any length (issue 13, item 1-3): long cells split, rows grow, signatures stay
with their text, blanks keep their width. Each test failed before the layout fix."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from mediation_desk.domain.enums import AgreementForm
from mediation_desk.services.mediation import AgreementInput
from tests.conftest import case_input, party
from tests.documents.conftest import ACTOR, page_texts, pdf_text
from tests.documents.layout_tools import overlaps, words


def _long_facts(n: int) -> str:
    unit = "双方因宅基地边界及通道使用多次发生争执，村委会调解未果。"
    text = (unit * (n // len(unit) + 1))[:n - 3] + "结束。"
    return text


def _agreed(svc, mediator, *, form=AgreementForm.WRITTEN, facts="双方因通道堆放杂物发生争议。",
            parties=None, session="", **kw):
    c = svc.register(ACTOR, case_input(received_on="2026-02-02", facts=facts, **(
        {"parties": parties} if parties else {}), **kw))
    svc.accept(ACTOR, c.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, c.id, [mediator.id])
    if session:
        svc.record_session(ACTOR, c.id, notes=session, occurred_at=datetime(2026, 2, 10, 9))
    svc.record_agreement(ACTOR, c.id, AgreementInput(
        clauses=["被申请人三日内清理通道杂物。", "申请人放弃其他请求。"], form=form, facts=facts,
        effective_on=date(2026, 2, 12)))
    return svc.get(c.id)


@pytest.mark.parametrize("n", [1300, 20000])
def test_oral_agreement_with_long_facts_renders_and_reads_back(docs, svc, mediator, n):
    facts = _long_facts(n)
    c = _agreed(svc, mediator, form=AgreementForm.ORAL, facts=facts)
    pdf = docs.generate(ACTOR, c.id, "oral_agreement").pdf
    text = "".join(_body(t) for t in page_texts(pdf))
    assert facts in text
    assert "被申请人三日内清理通道杂物" in text
    assert not overlaps(pdf)


def _body(page: str) -> str:
    """A page's text without its footer (case number, 第x页 共y页, code)."""
    return re.sub(r"（\d{4}）\S{0,12}?调字第\d+号第\d+页共\d+页(校验码[\w-]+)?$", "", page)


def _twenty():
    return [party("applicant" if i < 11 else "respondent", f"当事人{i:02d}",
                  address="山东省淄博市张店区马尚街道马尚村一组八号") for i in range(20)]


def test_twenty_parties_numbered_in_chinese(docs, svc, mediator):
    c = _agreed(svc, mediator, parties=_twenty())
    text = pdf_text(docs.generate(ACTOR, c.id, "agreement").pdf)
    assert "申请人十一：当事人10" in text
    assert "申请人11" not in text


def test_twenty_parties_cover_has_no_overprint(docs, svc, mediator):
    c = _agreed(svc, mediator, parties=_twenty())
    pdf = docs.generate(ACTOR, c.id, "case_file").pdf
    assert not overlaps(pdf)


@pytest.mark.parametrize("kind", ["application", "acceptance", "agreement", "oral_agreement",
                                  "session_record", "investigation", "followup"])
def test_blank_forms_have_no_overprint_and_whole_labels(docs, kind):
    pdf = docs.generate(ACTOR, None, kind, blank=True).pdf
    assert not overlaps(pdf)
    ws = words(pdf)
    # a field label never wraps leaving a character alone on its line
    for w in ws:
        if w.text in ("码", "度", "式", "称）"):
            raise AssertionError(f"label broken: {w}")


def _sign_block_page(pages: list[str], first_sign: str) -> int:
    return next(i for i, t in enumerate(pages) if first_sign in t)


@pytest.mark.parametrize("kind,first_sign,body_end", [
    ("acceptance", "申请人张三（签名）", "纠纷简要情况"),
    ("session_record", "申请人张三（签名）", "与所述一致"),
    ("agreement", "申请人张三（签名并按指印）", "申请司法确认"),
    ("oral_agreement", "申请人张三（签名或按指印）", "具有法律约束力"),
])
def test_signature_block_never_alone_on_a_page(docs, svc, mediator, kind, first_sign, body_end):
    """Whatever the length of the text before it, the block shares a page with its end."""
    for n in range(200, 2600, 150):
        facts = _long_facts(n)
        form = AgreementForm.ORAL if kind == "oral_agreement" else AgreementForm.WRITTEN
        c = _agreed(svc, mediator, form=form, facts=facts,
                    session=facts if kind == "session_record" else "")
        pages = page_texts(docs.generate(ACTOR, c.id, kind).pdf)
        i = _sign_block_page(pages, first_sign)
        before = pages[i].split(first_sign)[0]
        assert len(before) >= 10, (n, pages[i][:80])  # the end of the text is on its page
        assert "（印）" in pages[i] or kind in ("session_record",), n


def test_twenty_party_signature_block_stays_together(docs, svc, mediator):
    """Taller than a page, the block may continue, but starts beside the text it signs,
    never cuts a signature line from its prompt, and ends with the seal and date."""
    c = _agreed(svc, mediator, parties=_twenty())
    pages = page_texts(docs.generate(ACTOR, c.id, "agreement").pdf)
    i = _sign_block_page(pages, "申请人当事人00")
    assert "申请司法确认" in pages[i].split("申请人当事人00")[0]
    tail = "".join(pages[i:])
    for k in range(20):
        assert re.search(f"当事人{k:02d}(当事人\\d\\d)?（签名并按指印）", tail), k
    last = pages[-1]
    assert "记录人（签名）" in last and "（印）" in last and "2026年2月12日" in last
    assert "当事人19" in last  # the last party's line travels with the seal


def test_page_initials_on_every_page_of_a_long_agreement(docs, svc, mediator):
    c = _agreed(svc, mediator, parties=_twenty())
    pages = page_texts(docs.generate(ACTOR, c.id, "agreement").pdf)
    assert len(pages) > 1
    assert all("当事人签名：" in p for p in pages)
    short = page_texts(docs.generate(ACTOR, _agreed(svc, mediator).id, "agreement").pdf)
    if len(short) == 1:
        assert "当事人签名：" not in short[0]


def test_jc_application_keeps_court_with_zhici(docs, agreed_case, svc):
    pages = page_texts(docs.generate(ACTOR, agreed_case.id, "jc_application").pdf)
    i = next(i for i, t in enumerate(pages) if "此致" in t)
    assert "张店区人民法院" in pages[i].split("此致")[1]


def test_agents_sign_too(docs, agreed_case):
    text = pdf_text(docs.generate(ACTOR, agreed_case.id, "agreement").pdf)
    assert "委托代理人张小明（签名并按指印）" in text


def test_end_mark_after_body(docs, agreed_case):
    for kind in ("agreement", "application", "session_record"):
        text = pdf_text(docs.generate(ACTOR, agreed_case.id, kind).pdf)
        assert "（以下无正文）" in text, kind


def _blank_after(ws, label: str) -> float:
    """Width (points) of the run of blank 「＿」 right after ``label`` on its line."""
    for w in ws:
        if label in w.text:
            cw = (w.x1 - w.x0) / len(w.text)  # full-width characters: one em each
            rest = w.text[w.text.index(label) + len(label):]
            run = len(rest) - len(rest.lstrip("＿"))
            if run:
                return run * cw
            later = [v for v in ws if v.page == w.page and abs(v.y0 - w.y0) < 2 and v.x0 > w.x0]
            if later:  # a run of full-width spaces comes out as the gap between words
                return min(later, key=lambda v: v.x0).x0 - w.x1
    raise AssertionError(f"{label} not found")


def test_blanks_keep_their_width(docs):
    """年 月 日, 一式 份 and the number's blanks stay as wide as written."""
    ws = words(docs.generate(ACTOR, None, "agreement", blank=True).pdf)
    assert _blank_after(ws, "编号：（") >= 4 * 12 - 1
    assert _blank_after(ws, "调字第") >= 3 * 12 - 1
    assert _blank_after(ws, "一式") >= 2 * 14 - 1
    assert _blank_after(ws, "年") >= 2 * 14 - 1
    assert _blank_after(ws, "月") >= 2 * 14 - 1
    assert _blank_after(ws, "姓名") >= 5 * 14 - 1


def test_full_width_spaces_keep_their_width(docs, font):
    from mediation_desk.documents.page import render
    from mediation_desk.documents.spec import DocSpec, Para

    spec = DocSpec(kind="x", title="测试").add(Para("甲　　　　乙", indent=False))
    ws = words(render(spec, font, stamp=None).pdf)
    a = next(w for w in ws if w.text == "甲")
    b = next(w for w in ws if w.text == "乙")
    assert b.x0 - a.x1 >= 4 * 14 - 1


@pytest.fixture
def font():
    from mediation_desk.documents.fonts import document_font

    return document_font()


def test_a_table_ending_at_the_foot_of_a_page_starts_no_empty_page():
    """The gap after a table that fills its page exactly made an empty page (26 rows)."""
    import io

    from pypdf import PdfReader

    from mediation_desk.documents.fonts import document_font
    from mediation_desk.documents.page import render
    from mediation_desk.documents.spec import DocSpec, Grid

    font = document_font(None)
    for n in range(20, 36):
        rows = tuple((f"第{i}行", "内容") for i in range(n))
        pdf = render(DocSpec(kind="t", title="测试").add(Grid(rows=rows, widths=(0.3, 0.7))),
                     font).pdf
        texts = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
        assert all("行" in text for text in texts), (n, len(texts))
