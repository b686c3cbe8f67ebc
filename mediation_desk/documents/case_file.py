"""The electronic case file (电子卷宗): cover, index, documents and attachments as one PDF.

Order follows REFERENCE §2.1. The generated pages are laid out in one reportlab
pass (:mod:`case_file_pass`: one embedded subset of the font for the whole
file); the pages of PDF attachments are then laid, scaled inside the margins,
into the placeholder pages the pass left for them. Every page carries
「卷宗第n页 共N页」 and the file's verification code in the top-right corner,
each document its own 「第x页 共y页」 at the foot; the index gives every item's
date and pages (起止页), and the PDF's bookmarks name the same items.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date

from PIL import Image, ImageOps
from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.errors import PyPdfError
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, PageBreakIfNotEmpty, Paragraph
from reportlab.platypus import PageBreak as RLPageBreak

from ..domain import corrections as rules
from ..domain.enums import AgreementForm, CaseSource, CaseStatus, EndReason, EventKind
from ..domain.errors import DomainError
from ..domain.models import Attachment
from .case_file_front import (
    BACK_TITLE,
    COVER_TITLE,
    INDEX_TITLE,
    Entry,
    FileRecord,
    back,
    cover,
    handed_over_on,
    index,
)
from .case_file_pass import Box, Deferred, Furniture, Mark, Plan, Slot, pages_of, run_pass
from .data import CaseBundle
from .fonts import DocumentFont
from .kinds import KINDS
from .layout import flowables, styles
from .markup import Markup
from .page import Rendered, Stamp, Stamper, unkeyed_stamp, wants_initials
from .spec import DocSpec, Para

__all__ = ["FileRecord", "attachment_slot", "build_case_file"]


@dataclass
class Piece:
    """One item of the file: its index position (§2.1), title, what prints it.

    Exactly one of ``spec`` (a generated document or a notice), ``image`` and
    ``pdf`` (an attachment's pages) is set. ``pages`` are its page indexes in the
    one pass, filled in by the layout.
    """

    slot: int
    title: str
    digest: str
    on: date | None = None
    note: str = ""
    spec: DocSpec | None = None
    image: ImageReader | None = None
    pdf: PdfReader | None = None
    problem: str = ""  # why an attachment is not in the file as it is
    pages: list[int] = field(default_factory=list)


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


def _first(b: CaseBundle, kind: EventKind) -> date | None:
    found = b.events_of(kind)
    return min(e.occurred_at for e in found).date() if found else None


def _agreed_on(b: CaseBundle, form: AgreementForm) -> date | None:
    for a in reversed(b.agreements or ([b.agreement] if b.agreement else [])):
        if a.form is form and not a.deleted:
            return a.effective_on or a.signed_on
    return None


def _wanted(b: CaseBundle) -> list[tuple[int, str, date | None]]:
    """``(slot, kind, date)`` of every generated document the case's file holds."""
    c = b.case
    assert c is not None
    out: list[tuple[int, str, date | None]] = []
    if c.source is CaseSource.PARTY_APPLICATION:
        out.append((1, "application", c.received_on))
    out += [(1, "acceptance", c.accepted_on or c.received_on),
            (2, "rights_notice", c.accepted_on or c.received_on)]
    recusals = [e for e in b.events_of(EventKind.ASSIGNMENT) if e.data.get("recusal_grounds")]
    if recusals:
        out.append((2, "recusal_decision", recusals[0].occurred_at.date()))
    if any(p.agent_name for p in b.parties):
        out.append((4, "power_of_attorney", None))
    if b.events_of(EventKind.INVESTIGATION):
        out.append((5, "investigation", _first(b, EventKind.INVESTIGATION)))
    if b.events_of(EventKind.SESSION):
        out.append((7, "session_record", _first(b, EventKind.SESSION)))
    if b.events_of(EventKind.EXTENSION):
        out.append((7, "extension_consent", _first(b, EventKind.EXTENSION)))
    kept = b.agreements or ([b.agreement] if b.agreement is not None else [])
    forms = {a.form for a in kept if not a.deleted}
    if AgreementForm.ORAL in forms:  # kept when written down later
        out.append((8, "oral_agreement", _agreed_on(b, AgreementForm.ORAL)))
    if AgreementForm.WRITTEN in forms:
        out.append((8, "agreement", _agreed_on(b, AgreementForm.WRITTEN)))
    fixes = b.corrections()  # after the agreement: its 补充协议 and the 更正说明 on file
    supplements = [x for x in fixes if x.action == rules.SUPPLEMENTARY_AGREEMENT]
    if supplements:
        out.append((8, "supplementary_agreement", supplements[0].event.occurred_at.date()))
    notes = [x for x in fixes if x.action == rules.CORRECTION_NOTE]
    if notes:
        out.append((12, "correction_note", notes[0].event.occurred_at.date()))
    if c.end_reason is not None and c.end_reason is not EndReason.AGREEMENT_REACHED:
        out.append((8, "termination", c.closed_on))
        if b.undisputed_facts():
            out.append((8, "undisputed_facts", c.closed_on))
    if b.events_of(EventKind.FOLLOW_UP):
        out.append((10, "followup", _first(b, EventKind.FOLLOW_UP)))
    handed = handed_over_on(b)
    returned = [e for e in b.events_of(EventKind.STATUS_CHANGE)
                if e.data.get("to") == CaseStatus.RETURNED_TO_TRIAL.value]
    if c.jc_applied_on is not None:
        out.append((11, "jc_application", c.jc_applied_on))
    if c.jc_applied_on is not None or handed is not None:
        out.append((11, "service_address", c.jc_applied_on or handed))
    if c.source.court_related and c.closed_on is not None:
        out.append((12, "court_report", c.closed_on))
    if handed is not None or returned:  # the hand-over record (材料移送函)
        out.append((12, "transfer_letter", handed or returned[-1].occurred_at.date()))
    if c.end_reason is not None or forms:
        out.append((12, "closing_report", c.closed_on))
    return [w for w in out if w[1] in KINDS]  # kinds another version may lack


def _image(content: bytes) -> ImageReader:
    """The image upright (a photo's EXIF orientation applied); OSError/ValueError if unreadable."""
    with Image.open(io.BytesIO(content)) as img:
        img.verify()  # a truncated or damaged file is refused here (OSError), not mid-layout
    with Image.open(io.BytesIO(content)) as img:
        orientation = img.getexif().get(0x0112, 1)
        if orientation in (1, None):
            return ImageReader(io.BytesIO(content))
        upright = ImageOps.exif_transpose(img)
    return ImageReader(upright)


def _notice(title: str, text: str) -> DocSpec:
    return DocSpec(kind="attachment", title=title, page_footer=False).add(Para(text))


def _attachment_piece(att: Attachment, content: bytes) -> Piece:
    digest = hashlib.sha256(content).hexdigest()
    on = date.fromisoformat(att.added_at[:10]) if att.added_at[:10] else None
    piece = Piece(attachment_slot(att.name), att.name, digest, on=on, note="附件")
    if att.media_type == "application/pdf" or att.name.lower().endswith(".pdf"):
        try:
            reader = PdfReader(io.BytesIO(content))
            if reader.is_encrypted or not reader.pages:
                raise PyPdfError("encrypted or empty")
            for page in reader.pages:  # every page readable, with an area to scale into place
                x0, y0, x1, y1 = (float(v) for v in page.mediabox)
                if x1 - x0 < 1 or y1 - y0 < 1:
                    raise PyPdfError("a page without area")
                page.get_contents()
            piece.pdf = reader
        except (PyPdfError, ValueError, OSError, KeyError):
            piece.problem = "该 PDF 附件已加密或已损坏，未能并入卷宗，请另行打印附卷。"
    elif att.media_type.startswith("image/"):
        try:
            piece.image = _image(content)
        except (OSError, ValueError, Image.DecompressionBombError):
            piece.problem = "该图片附件无法读取，未能并入卷宗，请另行打印附卷。"
    else:
        piece.problem = (f"该附件（{att.media_type}）不是 PDF 或图片，未并入卷宗，"
                         "请另行打印附卷。")
    if piece.problem:
        piece.spec = _notice(att.name, piece.problem)
    return piece


def _pieces(b: CaseBundle) -> tuple[list[Piece], list[str]]:
    pieces: list[Piece] = []
    notes: list[str] = []
    for slot, kind, on in _wanted(b):
        try:
            spec = KINDS[kind].build(b)
        except DomainError as exc:  # noted on the 备考表, the rest of the file still made
            notes.append(f"《{KINDS[kind].title}》未能生成：{exc.message}")
            continue
        pieces.append(Piece(slot, KINDS[kind].title, spec.content_hash(), on=on, spec=spec))
    for att, content in b.attachments:
        pieces.append(_attachment_piece(att, content))
    pieces.sort(key=lambda p: p.slot)  # stable: generated documents before attachments
    return pieces, notes


def _lacking(pieces: list[Piece]) -> list[str]:
    """Notes for the 备考表 on what the file lacks (REFERENCE §2.1 'must' items)."""
    notes = []
    if not any(p.slot == 3 for p in pieces):
        notes.append("本卷未附当事人身份证明（身份证、营业执照等复印件），请补充附卷。")
    if not any(p.spec is not None and p.spec.kind == "session_record" for p in pieces):
        notes.append("本卷无人民调解记录。")
    for p in pieces:
        if p.problem:
            notes.append(f"附件《{p.title}》：{p.problem}")
    return notes


def _summary(pieces: list[Piece], b: CaseBundle) -> list[str]:
    docs = [p for p in pieces if p.note != "附件"]
    atts = [p for p in pieces if p.note == "附件"]
    out = [f"本卷收入文书{len(docs)}件、附件{len(atts)}件，详见卷内目录。"]
    handed = handed_over_on(b)
    if handed is not None:
        out.append(f"本案已于{handed.year}年{handed.month}月{handed.day}日移送{b.court_name}"
                   "立案，移送的材料以案件材料移送函所列为准。")
    return out


class _Layout:
    """One case file being laid out: its pieces, front matter, page plan and stamp."""

    def __init__(self, b: CaseBundle, font: DocumentFont, stamp: Stamper,
                 record: FileRecord) -> None:
        self.b, self.font, self.stamper, self.record = b, font, stamp, record
        self.mk = Markup(font)
        self.st = styles(font.name)
        self.pieces, self.notes = _pieces(b)
        self.notes += _lacking(self.pieces)
        self.specs: dict[str, DocSpec] = {}
        self.entries: list[Entry] = []
        self.stamp = Stamp("")
        self.order: list[int] = []  # pass page index of every final page
        self.furniture = Furniture(font.name, self.plan)

    # the story ------------------------------------------------------------------------
    def _items(self) -> list[Flowable]:
        story: list[Flowable] = []
        for i, p in enumerate(self.pieces):
            story.append(Mark(i))
            if p.spec is not None:
                story += flowables(p.spec, self.st, self.mk)
            elif p.image is not None:
                story += [self._caption(p.title), Slot(image=p.image)]
            elif p.pdf is not None:
                n = len(p.pdf.pages)
                for k in range(n):
                    if k:
                        story.append(RLPageBreak())
                    story += [self._caption(f"{p.title}（第{k + 1}页 共{n}页）"), Slot(key=(i, k))]
            story.append(PageBreakIfNotEmpty())
        story.append(Deferred(self._front_and_back))
        return story

    def _caption(self, text: str) -> Paragraph:
        return Paragraph(self.mk(f"附件：{text}"), self.st["cell"])

    def _entries(self, page_items: list[int], offset: int) -> list[Entry]:
        where: dict[int, list[int]] = {}
        for n, item in enumerate(page_items):
            where.setdefault(item, []).append(n)
        out = []
        for i, p in enumerate(self.pieces):
            p.pages = where.get(i, [])
            first, last = p.pages[0] + 1 + offset, p.pages[-1] + 1 + offset
            out.append(Entry(p.title, p.on, first, last, p.note))
        return out

    def _front_and_back(self) -> list[Flowable]:
        """Cover, index and 备考表 once every body page is known (each measured first)."""
        body = list(self.furniture.page_items)
        pieces, st, mk = self.pieces, self.st, self.mk
        self.entries = self._entries(body, 2)
        cover_spec = cover(self.b, self.record)
        cover_f = flowables(cover_spec, st, mk)
        index_f = flowables(self._index(len(body), 2), st, mk)
        offset = pages_of(cover_f) + pages_of(index_f)
        if offset != 2:  # a long index (or cover): its page numbers move on
            self.entries = self._entries(body, offset)
            cover_f = flowables(cover_spec, st, mk)
            index_f = flowables(self._index(len(body), offset), st, mk)
        total = offset + len(body) + 1
        back_spec = back(self.b, self.record, self._back_notes(), total)
        back_f = flowables(back_spec, st, mk)
        n_back = pages_of(back_f)
        if n_back != 1:
            back_spec = back(self.b, self.record, self._back_notes(), total - 1 + n_back)
            back_f = flowables(back_spec, st, mk)
        self.specs = {"cover": cover_spec, "index": self._index(len(body), offset),
                      "back": back_spec}
        n = len(pieces)
        return [Mark(n), *cover_f, PageBreakIfNotEmpty(), Mark(n + 1), *index_f,
                PageBreakIfNotEmpty(), Mark(n + 2), *back_f]

    def _index(self, n_body: int, offset: int) -> DocSpec:
        back_first = offset + n_body + 1
        return index(self.b, [*self.entries, Entry(BACK_TITLE, None, back_first, back_first)])

    def _back_notes(self) -> list[str]:
        return [*_summary(self.pieces, self.b), *self.notes]

    # the furniture --------------------------------------------------------------------
    def content_hash(self) -> str:
        parts = [self.specs["cover"].content_hash(), self.specs["index"].content_hash(),
                 self.specs["back"].content_hash(), *(p.digest for p in self.pieces)]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()

    def plan(self, page_items: list[int]) -> Plan:
        """Front matter first, then the items in index order, the 备考表 last."""
        n = len(self.pieces)
        by_item: dict[int, list[int]] = {}
        for k, item in enumerate(page_items):
            by_item.setdefault(item, []).append(k)
        self.order = [*by_item.get(n, []), *by_item.get(n + 1, []),
                      *(k for k, item in enumerate(page_items) if item < n),
                      *by_item.get(n + 2, [])]
        self.stamp = self.stamper(self.content_hash())
        footers: dict[int, tuple[int, int, str, bool]] = {}
        for i, p in enumerate(self.pieces):
            mine = by_item.get(i, [])
            if p.spec is not None and p.spec.page_footer:
                initials = len(mine) > 1 and wants_initials(p.spec)
                for j, k in enumerate(mine):
                    footers[k] = (j + 1, len(mine), p.spec.footer_left, initials)
        titles = [COVER_TITLE, INDEX_TITLE, BACK_TITLE]
        bookmarks: dict[int, list[str]] = {}
        for item, title in [*((n + j, t) for j, t in enumerate(titles[:2])),
                            *((i, p.title) for i, p in enumerate(self.pieces)),
                            (n + 2, titles[2])]:
            if by_item.get(item):
                bookmarks.setdefault(by_item[item][0], []).append(title)
        return Plan(self.order, footers, bookmarks, self.stamp)

    def build(self) -> tuple[bytes, dict[int, tuple[tuple[int, int], Box]]]:
        c = self.b.case
        assert c is not None
        return run_pass(self._items(), self.furniture, title=f"人民调解卷宗 {c.number}")


def _lay_in(page: PageObject, att: PageObject, box: Box) -> None:
    """Put ``att`` under ``page``, upright (its /Rotate applied), fitted into ``box``."""
    x0, y0, x1, y1 = (float(v) for v in att.mediabox)
    turn = Transformation().rotate(-(att.rotation % 360))  # /Rotate turns clockwise
    corners = [turn.apply_on((x, y)) for x in (x0, x1) for y in (y0, y1)]
    left, bottom = min(c[0] for c in corners), min(c[1] for c in corners)
    w = max(c[0] for c in corners) - left
    h = max(c[1] for c in corners) - bottom
    bx, by, bw, bh = box
    scale = min(bw / w, bh / h)
    tx, ty = bx + (bw - w * scale) / 2, by + bh - h * scale  # top-centred
    ctm = turn.translate(-left, -bottom).scale(scale, scale).translate(tx, ty)
    page.merge_transformed_page(att, ctm, over=False)


def build_case_file(b: CaseBundle, font: DocumentFont, stamp: Stamper = unkeyed_stamp,
                    record: FileRecord | None = None) -> Rendered:
    """Render the whole case file; missing glyphs of every part are reported together.

    ``stamp`` gives the file's code (every page's header) and QR (the last page); the
    documents inside carry no code of their own, so every page names the one registered.
    ``record`` names the compiler (立卷人), the day and the retention term for the cover.
    """
    if b.case is None:
        raise DomainError("卷宗必须针对具体案件生成，没有空白卷宗。", code="blank_case_file")
    lay = _Layout(b, font, stamp, record or FileRecord())
    pdf, slots = lay.build()
    if slots:  # PDF attachments: their pages laid into their places
        writer = PdfWriter(clone_from=io.BytesIO(pdf))
        final = {k: no for no, k in enumerate(lay.order)}
        for k, (key, box) in sorted(slots.items()):
            i, page_no = key
            src = lay.pieces[i].pdf
            assert src is not None
            _lay_in(writer.pages[final[k]], src.pages[page_no], box)
        out = io.BytesIO()
        writer.write(out)
        pdf = out.getvalue()
    return Rendered(pdf, lay.content_hash(), lay.stamp.code, tuple(lay.mk.missing),
                    len(lay.order))
