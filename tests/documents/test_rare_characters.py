"""Rare characters (issue 13, item 4): 𠮷 printed by an Extension B face, read back as 𠮷,
and a character no installed face has refused at generation with the character named."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import ttfonts

from mediation_desk.documents import fonts
from mediation_desk.documents.data import CaseBundle
from mediation_desk.documents.page import render
from mediation_desk.documents.printable import refuse_unprintable, unprintable_message
from mediation_desk.documents.spec import DocSpec, Para
from mediation_desk.documents.tounicode import fix_cmap, utf16_hex
from mediation_desk.domain.errors import DomainError
from mediation_desk.services.documents import DocumentService
from mediation_desk.services.mediation import AgreementInput
from tests.conftest import case_input, party
from tests.documents.conftest import ACTOR, pdf_text

JI = "𠮷"  # U+20BB7, CJK Extension B: the usual test of a rare-character setup
NO_FACE = "\U00031350"  # CJK Extension H (Unicode 15): no installed face has it
HANAZONO = Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf")


def ext_b_font() -> fonts.DocumentFont:
    """The document font, which must draw 𠮷 through a fallback (CI installs fonts-hanazono)."""
    font = fonts.document_font()
    if font.face_for(JI) is None:
        pytest.fail("no Extension B font: install fonts-hanazono (apt-get install fonts-hanazono)"
                    " or put simsunb.ttf into mediation_desk/resources/fonts/")
    return font


def no_fallback_font() -> fonts.DocumentFont:
    """The main face alone: what a desk without any rare-character font has."""
    font = fonts.document_font(fallbacks=[])
    assert font.face_for(JI) is None, "the main face draws 𠮷 itself: pick another test character"
    return font


def pypdf_text(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


# --- the fallback face -------------------------------------------------------------------

@pytest.mark.skipif(not HANAZONO.is_file(), reason="fonts-hanazono not installed")
def test_an_extension_b_face_is_accepted_as_fallback_on_its_own():
    # HanaMinB has no common characters: the main probe refuses it, the fallback check not
    with pytest.raises(DomainError, match="不含中文字形"):
        fonts.check_font(HANAZONO)
    assert ord(JI) in fonts.check_font(HANAZONO, fallback=True).face.charToGlyph
    main = fonts.document_font().file.path
    font = fonts.document_font(fallbacks=[HANAZONO])
    assert font.face_for(JI) not in (None, font.name)
    assert HANAZONO in fonts.fallback_candidates(main)


def test_a_font_without_rare_characters_is_no_fallback(tmp_path: Path):
    main = fonts.document_font()
    # DejaVu: TrueType, neither Chinese nor beyond the BMP
    dejavu = next(Path("/usr/share/fonts/truetype/dejavu").glob("DejaVuSans.ttf"), None)
    if dejavu is None:
        pytest.skip("DejaVu not installed")
    with pytest.raises(DomainError, match="不含中文字形"):
        fonts.check_font(dejavu, fallback=True)
    font = fonts.document_font(fallbacks=[dejavu])
    assert font.fallbacks() == [] and font.face_for(JI) in (None, main.name)


def test_fallback_from_resources_comes_first_and_symlinks_once(tmp_path: Path):
    main = fonts.document_font().file.path
    (tmp_path / "simsunb.ttf").write_bytes(b"\0\1\0\0")
    (tmp_path / "again.ttf").symlink_to(main)  # the main face under another name
    found = fonts.fallback_candidates(main, {}, resource_dirs=[tmp_path], use_fc_list=False)
    assert found[0] == tmp_path / "simsunb.ttf"
    assert tmp_path / "again.ttf" not in found and main not in found
    assert len({p.resolve() for p in found}) == len(found)


# --- the text layer ------------------------------------------------------------------------

def test_cmap_destinations_beyond_the_bmp_are_surrogate_pairs():
    assert utf16_hex(0x20BB7) == "D842DFB7" and utf16_hex(0x5802) == "5802"
    cmap = "2 beginbfchar\n<00> <0000>\n<01> <20BB7>\n<02> <5802>\nendbfchar"
    assert fix_cmap(cmap) == "2 beginbfchar\n<00> <0000>\n<01> <D842DFB7>\n<02> <5802>\nendbfchar"


def test_ji_is_extracted_back_from_the_text_layer():
    font = ext_b_font()
    spec = DocSpec("t", "人民调解协议书").add(Para(f"申请人{JI}祥，住马尚村。"), Para(f"{JI}{JI}"))
    pdf = render(spec, font).pdf
    assert f"申请人{JI}祥" in pdf_text(pdf) and f"{JI}{JI}" in pdf_text(pdf)
    assert f"申请人{JI}祥" in pypdf_text(pdf)
    assert "\u20bb" not in pdf_text(pdf) + pypdf_text(pdf)


def test_reportlab_alone_truncates_and_the_fix_replaces_just_that():
    # what reportlab writes (and the desk printed before): <20BB7>, read back as ₻ (U+20BB)
    cmap = ttfonts.makeToUnicodeCMap("X", [0, 0x5F20, 0x20BB7])
    assert "<02> <20BB7>" in cmap
    fixed = fix_cmap(cmap)
    assert "<02> <D842DFB7>" in fixed and "<01> <5F20>" in fixed
    assert fixed.replace("D842DFB7", "20BB7") == cmap


def test_ji_round_trip_through_a_generated_agreement(docs, svc, mediator):
    ext_b_font()
    c = svc.register(ACTOR, case_input(
        received_on="2026-02-02", facts=f"{JI}家与邻居因通道发生争议。",
        parties=[party("applicant", f"{JI}祥"), party("respondent", "李四")]))
    svc.accept(ACTOR, c.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, c.id, [mediator.id])
    svc.record_agreement(ACTOR, c.id, AgreementInput(
        clauses=["被申请人三日内清理通道杂物。"], effective_on=date(2026, 2, 20)))
    doc = docs.generate(ACTOR, c.id, "agreement")
    assert "[U+" not in pdf_text(doc.pdf)
    assert f"{JI}祥" in pdf_text(doc.pdf) and f"{JI}祥" in pypdf_text(doc.pdf)


def test_pdffonts_lists_the_fallback_embedded(tmp_path: Path):
    exe = shutil.which("pdffonts")
    if exe is None:
        pytest.skip("pdffonts not installed")
    pdf = render(DocSpec("t", "标题").add(Para(f"{JI}祥")), ext_b_font()).pdf
    out = subprocess.run([exe, "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    rows = [line for line in out.splitlines()[2:] if line.strip()]
    assert len(rows) >= 2 and all(" yes " in line for line in rows)  # emb, sub


# --- refused at generation -------------------------------------------------------------------

@pytest.fixture
def bare_docs(store):
    """Documents of a desk whose only font is the main face (no rare-character face)."""
    return DocumentService(store, font=no_fallback_font())


def _rare_case(svc, mediator, name: str, facts: str = "双方因通道发生争议。"):
    c = svc.register(ACTOR, case_input(received_on="2026-02-02", facts=facts, parties=[
        party("applicant", name), party("respondent", "李四")]))
    svc.accept(ACTOR, c.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, c.id, [mediator.id])
    return c


def test_a_name_no_face_can_draw_is_refused_with_the_character_named(
        bare_docs, svc, mediator, store):
    c = _rare_case(svc, mediator, f"{JI}祥", facts=f"{JI}祥称邻居堆放杂物。")
    history = store.audit.case_history(c.id)
    with pytest.raises(DomainError) as err:
        bare_docs.generate(ACTOR, c.id, "application")
    message = err.value.message
    # the character once, with every field that holds it
    where, _, rest = message.partition("中的“𠮷”（U+20BB7）")
    assert where.startswith("当事人姓名、") and "纠纷事实" in where, message
    assert rest.startswith("无法用已安装的字体打印"), message
    assert message.count("𠮷") == 1
    assert "fonts-hanazono" in message and "SimSun-ExtB" in message and message.endswith("后重试。")
    assert err.value.code == "unprintable_characters"
    # nothing registered, nothing audited for the case
    assert bare_docs.register(c.id) == [] and store.audit.case_history(c.id) == history


def test_a_character_only_in_another_papers_field_does_not_refuse(bare_docs, svc, mediator):
    c = _rare_case(svc, mediator, "张三")
    svc.record_investigation(ACTOR, c.id, notes=f"走访{JI}家。")
    # the application does not print the investigation's notes
    assert "张三" in pdf_text(bare_docs.generate(ACTOR, c.id, "application").pdf)
    with pytest.raises(DomainError, match="^调查记录中的“𠮷”"):
        bare_docs.generate(ACTOR, c.id, "investigation")


def test_a_character_beyond_every_face_is_refused_and_extension_b_is_not(
        docs, svc, mediator, store):
    ext_b_font()
    if docs.font().face_for(NO_FACE) is not None:
        pytest.skip("an installed face has Extension H")
    c = _rare_case(svc, mediator, f"{JI}{NO_FACE}", facts=f"{NO_FACE}{NO_FACE}")
    history = store.audit.case_history(c.id)
    with pytest.raises(DomainError) as err:
        docs.generate(ACTOR, c.id, "application")
    message = err.value.message
    where, _, rest = message.partition(f"中的“{NO_FACE}”（U+31350）")
    assert where.startswith("当事人姓名、") and "纠纷事实" in where and rest, message
    assert "U+20BB7" not in message  # 𠮷 has its face
    assert docs.register(c.id) == [] and store.audit.case_history(c.id) == history


def test_a_blank_form_with_an_unprintable_center_name_is_refused(store):
    center = store.directory.self_center()
    bare = DocumentService(store, font=no_fallback_font())
    with pytest.raises(DomainError, match="^调解组织名称中的“𠮷”"):
        refuse_unprintable((JI,), CaseBundle(center=replace(center, name=f"{JI}村人民调解委员会")))
    assert bare.generate(ACTOR, None, "application", blank=True).pdf


def test_unknown_origin_and_many_characters():
    many = [chr(0x31350 + i) for i in range(15)]
    message = unprintable_message(many, CaseBundle())
    assert message.startswith("文书中的“\U00031350”（U+31350），") and "等15个字符" in message
    assert chr(0x31350 + 14) not in message


def test_the_case_file_is_refused_too(bare_docs, svc, mediator, store):
    c = _rare_case(svc, mediator, f"{JI}祥")
    with pytest.raises(DomainError, match=r"^当事人姓名.*中的“𠮷”（U\+20BB7）"):
        bare_docs.generate(ACTOR, c.id, "case_file")
    assert bare_docs.register(c.id) == []
