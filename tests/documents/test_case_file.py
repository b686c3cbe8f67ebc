"""The 卷宗 (issue 13): cover filled, 备考表, bookmarks, index pages and dates,
the hand-over record, attachments inside the margins, one embedded font subset."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
from datetime import date

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from mediation_desk.documents.case_file_front import RETENTION_CHOICES
from mediation_desk.documents.kinds import CASE_FILE, KINDS
from mediation_desk.documents.layout import MARGIN_B, MARGIN_L, MARGIN_R, MARGIN_T, PAGE_H, PAGE_W
from mediation_desk.domain.enums import EndReason
from mediation_desk.domain.errors import ValidationError
from mediation_desk.services.settings import load_settings, save_settings
from tests.conftest import case_input, party

from .conftest import ACTOR, page_texts, pdf_text


def _tool(name: str) -> str:
    exe = shutil.which(name)
    if exe is None:
        pytest.fail(f"{name} not found: install poppler-utils / qpdf")
    return exe


def _words(pdf: bytes, page: int) -> list[tuple[float, float, float, float, str]]:
    """``(x0, y0, x1, y1, text)`` of every word on ``page`` (from 1; y grows downwards)."""
    out = subprocess.run([_tool("pdftotext"), "-enc", "UTF-8", "-bbox", "-f", str(page), "-l",
                          str(page), "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout.decode("utf-8")
    return [(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                       r'yMax="([\d.]+)">(.*?)</word>', out)]


def _index_rows(pdf: bytes) -> list[tuple[str, str, str]]:
    """``(title, date, pages)`` of each index row, read from the index page's text."""
    rows = []
    for line in subprocess.run([_tool("pdftotext"), "-enc", "UTF-8", "-layout", "-f", "2",
                                "-l", "2", "-", "-"], input=pdf, capture_output=True,
                               check=True).stdout.decode("utf-8").splitlines():
        m = re.match(r"\s*(\d+)\s+(\S+)\s+(\d{4}年\d{1,2}月\d{1,2}日)?\s*(\d+(?:-\d+)?)\b", line)
        if m:
            rows.append((m.group(2), m.group(3) or "", m.group(4)))
    return rows


def _span(pages: str) -> tuple[int, int]:
    first, _, last = pages.partition("-")
    return int(first), int(last or first)


def _receipt_pdf() -> bytes:
    """A one-page A4 PDF without fonts: a black rectangle over the whole page."""
    w = PdfWriter()
    page = w.add_blank_page(595, 842)
    stream = DecodedStreamObject()
    stream.set_data(b"0 0 0 rg 0 0 595 842 re f")
    page[NameObject("/Contents")] = w._add_object(stream)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _black_png(w: int, h: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (w, h), "black").save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture
def filed(docs, svc, agreed_case):
    """The agreed case's 卷宗 with a PDF receipt and a wide photo attached."""
    svc.add_attachment(ACTOR, agreed_case.id, "收条.pdf", _receipt_pdf(), "application/pdf")
    svc.add_attachment(ACTOR, agreed_case.id, "身份证复印件.png", _black_png(3000, 900),
                       "image/png")
    return docs.generate(ACTOR, agreed_case.id, CASE_FILE)


def test_cover_of_twenty_parties_never_overprints(docs, svc, mediator):
    people = [party("applicant", f"申请人甲{i}号") for i in range(10)]
    people += [party("respondent", f"被申请人乙{i}号") for i in range(10)]
    c = svc.register(ACTOR, case_input(parties=people, received_on="2026-02-02"))
    svc.accept(ACTOR, c.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, c.id, [mediator.id])
    pdf = docs.generate(ACTOR, c.id, CASE_FILE).pdf
    words = _words(pdf, 1)
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            overlap_x = min(a[2], b[2]) - max(a[0], b[0])
            overlap_y = min(a[3], b[3]) - max(a[1], b[1])
            assert overlap_x <= 1 or overlap_y <= 1, f"{a[4]} overprints {b[4]}"
    center = next(w for w in words if "马尚街道调解中心" in w[4])
    name = [w for w in words if "申请人甲" in w[4] or "被申请人乙" in w[4]]
    number = next(w for w in words if w[4] == "卷号" and w[1] > center[3])
    assert name and all(center[3] <= w[1] for w in name)  # the 卷名 below the committee
    assert all(w[3] <= number[1] for w in name)  # and above the 卷号 row
    assert len({round(w[1]) for w in name}) > 1  # on several lines of its own row


def test_cover_names_the_compiler_and_retention(docs, store, agreed_case):
    text = pdf_text(docs.generate(ACTOR, agreed_case.id, CASE_FILE).pdf)
    assert f"立卷人{ACTOR}" in text and "立卷日期2026年3月2日" in text  # who made it, today
    assert "保管期限长期" in text
    settings = load_settings(store)
    settings.case_file_retention = "永久"
    save_settings(store, ACTOR, settings)
    pages = page_texts(docs.generate(ACTOR, agreed_case.id, CASE_FILE).pdf)
    assert "保管期限永久" in pages[0]
    assert f"立卷人（签名）：{ACTOR}" in pages[-1] and "检查人（签名）：" in pages[-1]
    assert "2026年3月2日" in pages[-1]


def test_retention_setting_refuses_other_values(store):
    settings = load_settings(store)
    settings.case_file_retention = "五年"
    with pytest.raises(ValidationError) as err:
        save_settings(store, ACTOR, settings)
    assert "case_file_retention" in err.value.problems
    assert load_settings(store).case_file_retention == "长期"
    assert "长期" in RETENTION_CHOICES


def test_index_pages_and_dates_are_the_real_ones(filed):
    pages = page_texts(filed.pdf)
    rows = _index_rows(filed.pdf)
    titles = [r[0] for r in rows]
    assert titles[0] == "人民调解受理登记表" and titles[-1] == "卷内备考表"
    assert "收条.pdf" in titles and "身份证复印件.png" in titles
    dates = dict((r[0], r[1]) for r in rows)
    assert dates["人民调解受理登记表"] == "2026年2月3日"
    assert dates["人民调解协议书"] == "2026年2月20日"
    assert dates["司法确认申请书"] == "2026年2月25日"
    expected = 3
    for title, _when, span in rows:
        first, last = _span(span)
        assert first == expected, (title, span)  # contiguous, nothing left out
        expected = last + 1
        on_first = pages[first - 1]
        assert title in on_first, (title, span)
        if title in KINDS_TITLES:  # a document's own footer counts its pages
            assert f"第1页共{last - first + 1}页" in on_first
            assert f"第{last - first + 1}页共{last - first + 1}页" in pages[last - 1]
    assert expected == len(pages) + 1
    assert f"本卷共{len(pages)}页" in pages[-1]


KINDS_TITLES = {k.title for k in KINDS.values()}


def test_bookmarks_name_every_item_at_its_page(filed):
    reader = PdfReader(io.BytesIO(filed.pdf))
    marks = [(o.title, reader.get_destination_page_number(o) + 1) for o in reader.outline]
    rows = _index_rows(filed.pdf)
    assert marks == [("人民调解卷宗", 1), ("卷内目录", 2),
                     *((title, _span(span)[0]) for title, _w, span in rows)]


def test_attachments_inside_the_margins_with_embedded_fonts_only(filed, tmp_path):
    rows = {r[0]: _span(r[2])[0] for r in _index_rows(filed.pdf)}
    path = tmp_path / "file.pdf"
    path.write_bytes(filed.pdf)
    for title in ("身份证复印件.png", "收条.pdf"):
        page = rows[title]
        subprocess.run([_tool("pdftoppm"), "-r", "72", "-gray", "-f", str(page), "-l", str(page),
                        "-singlefile", str(path), str(tmp_path / "p")], check=True)
        img = Image.open(tmp_path / "p.pgm")
        # the black area is the attachment itself: rows and columns mostly black (not text)
        w, h = img.size
        px = img.load()
        rows_ = [y for y in range(h) if sum(px[x, y] < 40 for x in range(w)) > 100]
        cols = [x for x in range(w) if sum(px[x, y] < 40 for y in range(h)) > 100]
        assert rows_ and cols, title
        x0, y0, x1, y1 = cols[0], rows_[0], cols[-1] + 1, rows_[-1] + 1
        dark = (x0, y0, x1, y1)
        assert x0 >= MARGIN_L - 1 and x1 <= PAGE_W - MARGIN_R + 1, (title, dark)
        assert y0 >= MARGIN_T - 1 and y1 <= PAGE_H - MARGIN_B + 1, (title, dark)
        assert x1 - x0 > 300 or y1 - y0 > 500  # scaled to the frame, not a thumbnail
    listed = subprocess.run([_tool("pdfimages"), "-list", str(path)], capture_output=True,
                            text=True, check=True).stdout.splitlines()[2:]
    assert [int(line.split()[0]) for line in listed] == [rows["身份证复印件.png"]]
    fonts = subprocess.run([_tool("pdffonts"), str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # emb
    names = [line.split()[0] for line in fonts]
    assert len(names) == len(set(names)), names  # one subset, not one per document
    assert "Helvetica" not in " ".join(names)


def test_one_pass_keeps_each_documents_pages(docs, filed, agreed_case):
    """Laid out together, every document takes the pages it takes alone."""
    rows = _index_rows(filed.pdf)
    for kind in ("acceptance", "session_record", "agreement", "jc_application"):
        alone = docs.generate(ACTOR, agreed_case.id, kind)
        first, last = _span(next(r[2] for r in rows if r[0] == KINDS[kind].title))
        assert last - first + 1 == alone.pages, kind


def test_regenerated_file_is_byte_identical_and_qpdf_clean(docs, filed, agreed_case, tmp_path):
    again = docs.generate(ACTOR, agreed_case.id, CASE_FILE)
    assert again.pdf == filed.pdf
    path = tmp_path / "file.pdf"
    path.write_bytes(filed.pdf)
    check = subprocess.run([_tool("qpdf"), "--check", str(path)], capture_output=True,
                           text=True)
    assert check.returncode == 0 and "WARNING" not in check.stdout + check.stderr


def test_handed_over_file_holds_the_hand_over_record(docs, svc, terminated_case):
    before = docs.generate(ACTOR, terminated_case.id, CASE_FILE)
    svc.hand_over(ACTOR, terminated_case.id, notes="随函附起诉状一份。")
    after = docs.generate(ACTOR, terminated_case.id, CASE_FILE)
    titles_before = [r[0] for r in _index_rows(before.pdf)]
    titles_after = [r[0] for r in _index_rows(after.pdf)]
    assert "案件材料移送函" not in titles_before
    assert "案件材料移送函" in titles_after
    pages = page_texts(after.pdf)
    first = _span(next(r[2] for r in _index_rows(after.pdf) if r[0] == "案件材料移送函"))[0]
    assert "案件材料移送函" in pages[first - 1]
    assert "移送张店区人民法院立案" in pages[0]  # the cover's 备注
    assert "本案已于2026年3月2日移送张店区人民法院立案" in pages[-1]
    assert "法院案号" in pages[0] and "（2026）鲁0303民诉前调13号" in pages[0]


def test_back_sheet_says_what_is_lacking(docs, terminated_case):
    pages = page_texts(docs.generate(ACTOR, terminated_case.id, CASE_FILE).pdf)
    back = pages[-1]
    assert "卷内备考表" in back and "说明" in back
    assert "本卷未附当事人身份证明" in back
    assert re.search(r"本卷收入文书\d+件、附件0件", back)


def test_ended_case_file_reports_its_end(docs, svc, terminated_case):
    assert terminated_case.end_reason is EndReason.GAP_TOO_LARGE
    text = pdf_text(docs.generate(ACTOR, terminated_case.id, CASE_FILE).pdf)
    assert "调解结果：" in text and EndReason.GAP_TOO_LARGE.label in text


def test_agreement_pages_keep_their_initials_line_in_the_file(docs, filed, agreed_case):
    from mediation_desk.documents.page import PAGE_INITIALS

    alone = page_texts(docs.generate(ACTOR, agreed_case.id, "agreement").pdf)
    first, last = _span(next(r[2] for r in _index_rows(filed.pdf) if r[0] == "人民调解协议书"))
    inside = page_texts(filed.pdf)[first - 1:last]
    assert len(inside) == len(alone) > 1 and PAGE_INITIALS in alone[0]
    for mine, theirs in zip(inside, alone, strict=True):
        assert (PAGE_INITIALS in mine) == (PAGE_INITIALS in theirs)


def test_photo_is_turned_upright_by_its_exif_orientation(docs, svc, agreed_case, tmp_path):
    img = Image.new("RGB", (300, 100), "black")
    exif = img.getexif()
    exif[0x0112] = 6  # the camera was turned: shown rotated 90° clockwise
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif.tobytes())
    svc.add_attachment(ACTOR, agreed_case.id, "现场照片.jpg", buf.getvalue(), "image/jpeg")
    path = tmp_path / "file.pdf"
    path.write_bytes(docs.generate(ACTOR, agreed_case.id, CASE_FILE).pdf)
    listed = subprocess.run([_tool("pdfimages"), "-list", str(path)], capture_output=True,
                            text=True, check=True).stdout.splitlines()[2:]
    assert [line.split()[3:5] for line in listed] == [["100", "300"]]  # upright: tall


def test_an_index_of_several_pages_still_points_at_the_right_pages(docs, svc, agreed_case):
    for i in range(40):
        svc.add_attachment(ACTOR, agreed_case.id, f"证据照片{i + 1}.png", _black_png(40 + i, 30),
                           "image/png")
    pdf = docs.generate(ACTOR, agreed_case.id, CASE_FILE).pdf
    pages = page_texts(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    marks = [(o.title, reader.get_destination_page_number(o) + 1) for o in reader.outline]
    assert marks[:2] == [("人民调解卷宗", 1), ("卷内目录", 2)]
    first = marks[2][1]
    assert first >= 4  # the index runs over more than one page
    index_text = "".join(pages[1:first - 1])
    assert f"人民调解受理登记表2026年2月3日{first}-" in index_text  # as the pages really run
    assert "证据照片40.png" in index_text and "卷内备考表" in pages[first - 2]
    for title, page in marks[2:]:
        assert title in pages[page - 1], (title, page)
    assert marks[-1] == ("卷内备考表", len(pages))
    assert f"本卷共{len(pages)}页" in pages[-1]
