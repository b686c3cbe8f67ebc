"""The electronic case file (电子卷宗): cover, index, documents and attachments as one PDF.

Order follows REFERENCE §2.1. Every page gets a stamp in the top-right corner
(``卷宗第n页 共N页`` and the file's verification code); the index gives each
item's first page.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from ..domain.enums import AgreementForm, CaseSource, EndReason, EventKind
from ..domain.errors import DomainError
from ..domain.models import Attachment
from .common import FOUR
from .data import CaseBundle, cn_date
from .ending_docs import _undisputed
from .fonts import DocumentFont
from .kinds import KINDS
from .layout import MARGIN_R
from .page import Rendered, Stamp, Stamper, draw_qr, render, unkeyed_stamp
from .spec import DocSpec, Grid, PageBreak, Para, Signatures


@dataclass
class Piece:
    """One item of the file: its index position (§2.1), title and PDF."""

    slot: int
    title: str
    pdf: bytes
    digest: str
    note: str = ""
    pages: int = 0
    start: int = 0


_ATTACH_SLOTS = ((re.compile("身份证|身份证明|户口|营业执照"), 3),
                 (re.compile("委托"), 4),
                 (re.compile("收条|收据|汇款|转账|履行|回单"), 9),
                 (re.compile("司法确认|裁定"), 11))


def attachment_slot(name: str) -> int:
    """Index position of an attachment, guessed from its name (default: 6 证据材料)."""
    for pattern, slot in _ATTACH_SLOTS:
        if pattern.search(name):
            return slot
    return 6


def _wanted(b: CaseBundle) -> list[tuple[int, str]]:
    c = b.case
    assert c is not None
    out = []
    if c.source is CaseSource.PARTY_APPLICATION:
        out.append((1, "application"))
    out += [(1, "acceptance"), (2, "rights_notice")]
    if b.events_of(EventKind.INVESTIGATION):
        out.append((5, "investigation"))
    if b.events_of(EventKind.SESSION):
        out.append((7, "session_record"))
    kept = b.agreements or ([b.agreement] if b.agreement is not None else [])
    forms = {a.form for a in kept if not a.deleted}
    if AgreementForm.ORAL in forms:  # kept when written down later
        out.append((8, "oral_agreement"))
    if AgreementForm.WRITTEN in forms:
        out.append((8, "agreement"))
    if c.end_reason is not None and c.end_reason is not EndReason.AGREEMENT_REACHED:
        out.append((8, "termination"))
        if _undisputed(b):
            out.append((8, "undisputed_facts"))
    if b.events_of(EventKind.FOLLOW_UP):
        out.append((10, "followup"))
    if c.jc_applied_on is not None:
        out.append((11, "jc_application"))
    if c.source.court_related and c.closed_on is not None:
        out.append((12, "court_report"))
    return out


def _image_pdf(att: Attachment, content: bytes) -> bytes:
    img = ImageReader(io.BytesIO(content))
    w, h = img.getSize()
    buf = io.BytesIO()
    cv = Canvas(buf, pagesize=A4, invariant=1)
    box_w, box_h = A4[0] - 40 * mm, A4[1] - 50 * mm
    scale = min(box_w / w, box_h / h)
    dw, dh = w * scale, h * scale
    cv.drawImage(img, (A4[0] - dw) / 2, (A4[1] - dh) / 2, dw, dh)
    cv.showPage()
    cv.save()
    return buf.getvalue()


def _notice_pdf(font: DocumentFont, title: str, text: str) -> bytes:
    spec = DocSpec(kind="attachment", title=title, page_footer=False).add(Para(text))
    return render(spec, font).pdf


def _attachment_piece(att: Attachment, content: bytes, font: DocumentFont) -> Piece:
    digest = hashlib.sha256(content).hexdigest()
    pdf = b""
    if att.media_type == "application/pdf" or att.name.lower().endswith(".pdf"):
        try:
            reader = PdfReader(io.BytesIO(content))
            if reader.is_encrypted or not reader.pages:
                raise PyPdfError("encrypted or empty")
            pdf = content
        except (PyPdfError, ValueError, OSError):
            pdf = _notice_pdf(font, att.name,
                              "该 PDF 附件已加密或已损坏，未能并入卷宗，请另行打印附卷。")
    elif att.media_type.startswith("image/"):
        try:
            pdf = _image_pdf(att, content)
        except (OSError, ValueError):
            pdf = _notice_pdf(font, att.name, "该图片附件无法读取，未能并入卷宗，请另行打印附卷。")
    else:
        pdf = _notice_pdf(font, att.name, f"该附件（{att.media_type}）不是 PDF 或图片，未并入卷宗，"
                          "请另行打印附卷。")
    return Piece(attachment_slot(att.name), att.name, pdf, digest, note="附件")


def _front(b: CaseBundle, pieces: list[Piece], offset: int) -> DocSpec:
    c = b.case
    assert c is not None
    spec = DocSpec(kind="case_file", title="人民调解卷宗", number=f"卷号：{c.number}",
                   page_footer=False)
    period = f"{cn_date(c.accepted_on or c.received_on)}至{cn_date(c.closed_on)}"
    rows = [("调解组织", b.center_name, "", ""), ("卷名", f"{b.dispute()}", "", ""),
            ("卷号", c.number, "法院案号", c.court_case_number or "—"),
            ("人民调解员", b.mediator_names, "调解日期", period),
            ("立卷人", "", "立卷日期", cn_date(c.closed_on)),
            ("保管期限", "", "备注", "")]
    spans = tuple((1, i, 3, i) for i, r in enumerate(rows) if r[2] == "")
    spec.add(Grid(rows=tuple(rows), widths=FOUR, spans=spans, labels=(0, 2), min_height=34))
    spec.add(PageBreak(), Para("卷内目录", indent=False, align="center", size=18))
    index = [("序号", "文件名称", "页号", "备注")]
    for i, p in enumerate(pieces, start=1):
        index.append((str(i), p.title, str(p.start + offset), p.note))
    back_page = sum(x.pages for x in pieces) + offset + 1
    index.append((str(len(pieces) + 1), "卷内备考表（封底）", str(back_page), ""))
    spec.add(Grid(rows=tuple(index), widths=(0.1, 0.6, 0.12, 0.18), labels=(0, 2, 3)))
    return spec


def _back(b: CaseBundle, total: int) -> DocSpec:
    spec = DocSpec(kind="case_file_back", title="卷内备考表", page_footer=False)
    spec.add(Para(f"本卷共{total}页（含封面、卷内目录及本表）。"))
    for note in b.internal_notes:
        spec.add(Para(f"说明：{note}"))
    spec.add(Signatures(lines=("立卷人（签名）：", "检查人（签名）："), date=cn_date(None),
                        columns=2))
    return spec


def _stamp(font: DocumentFont, sizes: list[tuple[float, float]], issued: Stamp) -> PdfReader:
    buf = io.BytesIO()
    # the stubs type initialFontName as a number; reportlab takes a font name
    cv = Canvas(buf, invariant=1, initialFontName=font.name)  # type: ignore[arg-type]
    total = len(sizes)
    for n, (w, h) in enumerate(sizes, start=1):
        cv.setPageSize((w, h))
        cv.setFont(font.name, 9)
        cv.drawRightString(w - MARGIN_R * (w / A4[0]), h - 12 * mm,
                           f"卷宗第{n}页 共{total}页  校验码 {issued.code}")
        if issued.qr and n == total:
            draw_qr(cv, issued.qr, font.name)
        cv.showPage()
    cv.save()
    return PdfReader(io.BytesIO(buf.getvalue()))


def build_case_file(b: CaseBundle, font: DocumentFont,
                    stamp: Stamper = unkeyed_stamp) -> Rendered:
    """Render the whole case file; missing glyphs of every part are reported together.

    ``stamp`` gives the file's code (every page's header) and QR (the last page); the
    documents inside carry no code of their own, so every page names the one registered.
    """
    if b.case is None:
        raise DomainError("卷宗必须针对具体案件生成，没有空白卷宗。", code="blank_case_file")
    missing: dict[str, None] = {}
    pieces: list[Piece] = []
    for slot, kind in _wanted(b):
        r = render(KINDS[kind].build(b), font, None)
        missing.update(dict.fromkeys(r.missing_glyphs))
        pieces.append(Piece(slot, KINDS[kind].title, r.pdf, r.content_hash))
    for att, content in b.attachments:
        pieces.append(_attachment_piece(att, content, font))
    pieces.sort(key=lambda p: p.slot)  # stable: generated documents before attachments
    for p in pieces:
        p.pages = len(PdfReader(io.BytesIO(p.pdf)).pages)
    start = 1
    for p in pieces:
        p.start, start = start, start + p.pages
    offset, front = 0, None
    for _ in range(4):  # the index's own length shifts the page numbers
        front = render(_front(b, pieces, offset), font)
        if front.pages == offset:
            break
        offset = front.pages
    assert front is not None
    total = offset + sum(p.pages for p in pieces) + 1
    back = render(_back(b, total), font)
    missing.update(dict.fromkeys(front.missing_glyphs))
    content_hash = hashlib.sha256("|".join(
        [front.content_hash, back.content_hash, *(p.digest for p in pieces)]).encode()).hexdigest()
    issued = stamp(content_hash)
    code = issued.code
    writer = PdfWriter()
    for pdf in (front.pdf, *(p.pdf for p in pieces), back.pdf):
        writer.append(PdfReader(io.BytesIO(pdf)))
    sizes = [(float(pg.mediabox.width), float(pg.mediabox.height)) for pg in writer.pages]
    overlay_pdf = _stamp(font, sizes, issued)
    for page, overlay in zip(writer.pages, overlay_pdf.pages, strict=True):
        page.merge_page(overlay)
    writer.add_metadata({"/Title": f"人民调解卷宗 {b.case.number}", "/Producer": "调解工作台",
                         "/Subject": code})
    out = io.BytesIO()
    writer.write(out)
    return Rendered(out.getvalue(), content_hash, code, tuple(missing), len(writer.pages))
