"""The blocks of a :class:`DocSpec` as reportlab flowables, in official-document style.

Title large and centred, body in the document font, signature blocks kept
together, every table cell a wrapped Paragraph, and the Chinese line-breaking
rules. Page furniture and the render entry point are in :mod:`page`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import PageBreak as RLPageBreak

from .keeping import KeepWithTail
from .linebreak import CNParagraph
from .markup import Markup
from .spec import (
    Align,
    DocSpec,
    Grid,
    Heading,
    Lines,
    PageBreak,
    Para,
    Signatures,
)

if TYPE_CHECKING:
    from reportlab.platypus.tables import _TableCommand

PAGE_W, PAGE_H = A4
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 28 * mm, 26 * mm, 28 * mm, 24 * mm
FRAME_W = PAGE_W - MARGIN_L - MARGIN_R
TITLE_SIZE, BODY_SIZE, CELL_SIZE, FOOTER_SIZE = 22, 14, 12, 9
_ALIGN: dict[Align, Literal[0, 1, 2, 4]] = {
    "left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}


def styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=font, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.75,
                          wordWrap="CJK", alignment=TA_JUSTIFY, firstLineIndent=2 * BODY_SIZE)
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=TITLE_SIZE,
                                leading=TITLE_SIZE * 1.5, alignment=TA_CENTER,
                                firstLineIndent=0, spaceAfter=4),
        "number": ParagraphStyle("number", parent=base, fontSize=CELL_SIZE,
                                 leading=CELL_SIZE * 1.6, alignment=TA_RIGHT, firstLineIndent=0),
        "body": base,
        "plain": ParagraphStyle("plain", parent=base, firstLineIndent=0),
        "heading": ParagraphStyle("heading", parent=base, firstLineIndent=0, spaceBefore=4),
        "cell": ParagraphStyle("cell", parent=base, fontSize=CELL_SIZE, leading=CELL_SIZE * 1.45,
                               firstLineIndent=0, alignment=TA_LEFT),
        "label": ParagraphStyle("label", parent=base, fontSize=CELL_SIZE, leading=CELL_SIZE * 1.45,
                                firstLineIndent=0, alignment=TA_CENTER),
        "sign": ParagraphStyle("sign", parent=base, firstLineIndent=0, alignment=TA_LEFT,
                               leading=BODY_SIZE * 2.2),
        "right": ParagraphStyle("right", parent=base, firstLineIndent=0, alignment=TA_RIGHT,
                                leading=BODY_SIZE * 2.0),
        "endmark": ParagraphStyle("endmark", parent=base, firstLineIndent=0,
                                  alignment=TA_CENTER),
        "prompt": ParagraphStyle("prompt", parent=base, firstLineIndent=0, fontSize=CELL_SIZE,
                                 leading=CELL_SIZE * 1.6, alignment=TA_LEFT),
    }


END_MARK = "（以下无正文）"
END_MARK_KINDS = frozenset({"agreement", "oral_agreement", "application", "jc_application",
                            "investigation", "session_record", "followup", "undisputed_facts"})
"""Kinds whose signature block follows 「（以下无正文）」 unless the block says otherwise."""
SIGN_ROOM = 6
"""Characters of room to sign and fingerprint after a prompt's 「：」."""
LABEL_MIN_SIZE = 9.5
_PAD_X, _PAD_TOP, _PAD_BOTTOM = 4, 3, 4


def _para(text: str, style: ParagraphStyle, mk: Markup) -> Paragraph:
    return CNParagraph(mk(text), style)


def _label_text(text: str, width: float, font: str, size: float) -> tuple[str, float]:
    """A label that fits its column: one line (shrunk down to LABEL_MIN_SIZE) or balanced lines.

    Never leaves one character alone on a line (「公民身份号 / 码」).
    """
    if "\n" in text or not text:
        return text, size
    w = stringWidth(text, font, size)
    if w <= width:
        return text, size
    fit = size * width / w
    if fit >= LABEL_MIN_SIZE:
        return text, max(LABEL_MIN_SIZE, int(fit * 2) / 2)
    per_line = max(1, int(width // size))
    k = text.find("（")
    if 0 < k <= per_line and len(text) - k <= per_line:  # 「被申请人姓名 / （名称）」
        return text[:k] + "\n" + text[k:], size
    n_lines = -(-len(text) // per_line)
    per = -(-len(text) // n_lines)
    out, start = [], 0
    while len(text) - start > per:
        k = start + per
        for back in range(0, per // 2 + 1):  # not after an opening bracket, not before 「）」
            j = k - back
            if text[j] not in "，。、；：）》」" and text[j - 1] not in "（《「":
                k = j
                break
        out.append(text[start:k])
        start = k
    out.append(text[start:])
    return "\n".join(out), size


TALL_ROW = 150
"""Rows taller than this (points) are cut into rows of CHUNK_LINES lines, so they can split."""
CHUNK_LINES = 3


def _cell_widths(widths: list[float], block: Grid) -> tuple[dict[tuple[int, int], float],
                                                             set[tuple[int, int]], set[int]]:
    """Width of each visible cell (spans counted whole), the hidden cells, multi-row spans."""
    span_w: dict[tuple[int, int], float] = {}
    hidden: set[tuple[int, int]] = set()
    tall: set[int] = set()
    for c0, r0, c1, r1 in block.spans:
        span_w[(c0, r0)] = sum(widths[c0:c1 + 1])
        hidden |= {(c, r) for c in range(c0, c1 + 1) for r in range(r0, r1 + 1)} - {(c0, r0)}
        if r1 > r0:
            tall |= set(range(r0, r1 + 1))
    return span_w, hidden, tall


def _chunks(para: Paragraph, width: float) -> list[Paragraph]:
    """``para`` cut into paragraphs of CHUNK_LINES lines (the last may be longer by half)."""
    step = para.style.leading * CHUNK_LINES + 0.5
    out: list[Paragraph] = []
    while True:
        _, h = para.wrap(width, 1e6)
        if h <= step * 1.5:
            out.append(para)
            return out
        parts = para.split(width, step)
        if len(parts) < 2:
            out.append(para)
            return out
        out.append(parts[0])  # type: ignore[arg-type]
        para = parts[1]  # type: ignore[assignment]


def _grid(block: Grid, st: dict[str, ParagraphStyle], mk: Markup) -> Table:
    """A ruled table whose rows are at least ``min_height`` and grow with their content.

    A tall row becomes several rows without rules between them, so the table can
    break inside it (reportlab's own in-row split mislays spanned cells).
    """
    widths = [w * FRAME_W for w in block.widths]
    font = mk.font.name
    span_w, hidden, multi = _cell_widths(widths, block)
    row_spans: dict[int, list[tuple[int, int]]] = {}
    for c0, r0, c1, r1 in block.spans:
        if r0 == r1:
            row_spans.setdefault(r0, []).append((c0, c1))
    rows: list[list[Paragraph | str]] = []
    heights: list[float | None] = []
    commands: list[_TableCommand] = [
        ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
        ("LINEAFTER", (0, 0), (-2, -1), 0.6, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD_X), ("RIGHTPADDING", (0, 0), (-1, -1), _PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), _PAD_TOP),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD_BOTTOM)]
    for r, row in enumerate(block.rows):
        cells: list[Paragraph] = []
        natural = 0.0
        for c, cell in enumerate(row):
            if c in block.labels:
                text, size = _label_text(cell, widths[c] - 2 * _PAD_X - 1, font, CELL_SIZE)
                style = st["label"] if size == CELL_SIZE else ParagraphStyle(
                    f"label{size}", parent=st["label"], fontSize=size, leading=size * 1.45)
                cells.append(_para(text, style, mk))
            else:
                cells.append(_para(cell, st["cell"], mk))
            if (c, r) not in hidden:
                w = span_w.get((c, r), widths[c]) - 2 * _PAD_X
                natural = max(natural, cells[-1].wrap(w, 1e6)[1] + _PAD_TOP + _PAD_BOTTOM)
        first = len(rows)
        if natural > TALL_ROW and r not in multi:
            pieces = [[cell] if (c in block.labels or (c, r) in hidden) else
                      _chunks(cell, span_w.get((c, r), widths[c]) - 2 * _PAD_X)
                      for c, cell in enumerate(cells)]
            for i in range(max(len(p) for p in pieces)):
                rows.append([p[i] if i < len(p) else "" for p in pieces])
                heights.append(None)
            last = len(rows) - 1
            commands += [("VALIGN", (0, first), (-1, last), "TOP"),
                         ("TOPPADDING", (0, first + 1), (-1, last), 0),
                         ("BOTTOMPADDING", (0, first), (-1, last - 1), 0)]
        else:
            rows.append(list(cells))
            heights.append(block.min_height if natural < block.min_height else None)
        for c0, c1 in row_spans.get(r, []):
            commands += [("SPAN", (c0, i), (c1, i)) for i in range(first, len(rows))]
        if r < len(block.rows) - 1:
            commands.append(("LINEBELOW", (0, len(rows) - 1), (-1, len(rows) - 1), 0.6,
                             colors.black))
    for c0, r0, c1, r1 in block.spans:
        if r1 > r0:  # multi-row spans are never cut, so their rows map one to one
            commands.append(("SPAN", (c0, r0), (c1, r1)))
    table = Table(rows, colWidths=widths, rowHeights=heights, repeatRows=0, splitByRow=1)
    table.setStyle(TableStyle(commands))
    return table


def _lines(block: Lines, st: dict[str, ParagraphStyle], mk: Markup) -> Flowable:
    table = Table([[""]] * block.count, colWidths=[FRAME_W],
                  rowHeights=[BODY_SIZE * 1.9] * block.count)
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.grey),
                               ("FONTNAME", (0, 0), (-1, -1), mk.font.name)]))
    if not block.prompt:
        return table
    return KeepTogether([_para(block.prompt, st["prompt"], mk), table])


def _needs_row(line: str, width: float, font: str) -> bool:
    """Whether a prompt leaves less than SIGN_ROOM characters to sign in after it."""
    room = SIGN_ROOM * BODY_SIZE if line.endswith("：") else 0
    return stringWidth(line, font, BODY_SIZE) + room > width


def _stack(parts: list[Flowable]) -> Flowable:
    return KeepWithTail(None, parts, 0)


def _sign_table(cells: list[Flowable | str], widths: list[float], font: str) -> Table:
    table = Table([cells], colWidths=widths)
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                               ("TOPPADDING", (0, 0), (-1, -1), 2),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
                               ("FONTNAME", (0, 0), (-1, -1), font),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _sign_block(block: Signatures, st: dict[str, ParagraphStyle], mk: Markup,
                end_mark: bool) -> list[Flowable]:
    """The block as a list: its first part, rows, and the last row with seal and date.

    Prompts share a row ``columns`` at a time when each leaves room to sign and
    fingerprint after its 「：」; a longer prompt gets a row of its own.
    """
    cols = max(1, block.columns)
    col_w = FRAME_W / cols
    font = mk.font.name
    rows: list[Flowable] = []
    pending: list[Flowable | str] = []

    def flush() -> None:
        if pending:
            rows.append(_sign_table(pending + [""] * (cols - len(pending)), [col_w] * cols,
                                    font))
            pending.clear()

    for line in block.lines:
        cell = _para(line, st["sign"], mk)
        if cols > 1 and _needs_row(line, col_w - 4, font):
            flush()
            rows.append(_sign_table([cell], [FRAME_W], font))
            continue
        pending.append(cell)
        if len(pending) == cols:
            flush()
    flush()
    lead: list[Flowable] = [Spacer(1, BODY_SIZE * 0.5)]
    if end_mark:
        lead.append(_para(END_MARK, st["endmark"], mk))
    lead.append(Spacer(1, BODY_SIZE * 0.5))
    tail: list[Flowable] = [_para(t, st["right"], mk) for t in (block.seal, block.date) if t]
    if not rows:
        return [_stack(lead + tail)]
    if len(rows) == 1:
        return [_stack([*lead, rows[0], *tail])]
    return [_stack([*lead, rows[0]]), *rows[1:-1], _stack([rows[-1], *tail])]


def _signed(story: list[Flowable], block: Signatures, st: dict[str, ParagraphStyle],
            mk: Markup, end_mark: bool) -> None:
    """Append the block, taking the text before it along (never alone on a page)."""
    head: Flowable | None = None
    spacers: list[Flowable] = []
    while story and isinstance(story[-1], Spacer) and not isinstance(story[-1], RLPageBreak):
        spacers.insert(0, story.pop())
    if story and isinstance(story[-1], (Paragraph, Table, KeepTogether, KeepWithTail)) \
            and len(story) > 1:
        head = story.pop()
    items = _sign_block(block, st, mk, end_mark)
    story.append(KeepWithTail(head, [*spacers, *items] if spacers else items,
                              min_tail=2 * BODY_SIZE * 1.75))


def flowables(spec: DocSpec, st: dict[str, ParagraphStyle], mk: Markup) -> list[Flowable]:
    """The platypus story of a spec."""
    story: list[Flowable] = [_para(spec.title, st["title"], mk)]
    for line in (spec.number, *spec.subnumbers):
        if line:
            story.append(_para(line, st["number"], mk))
    story.append(Spacer(1, 6))
    for b in spec.blocks:
        if isinstance(b, Para):
            style = st["body"] if b.indent else st["plain"]
            style = ParagraphStyle(f"p{id(b)}", parent=style, alignment=_ALIGN[b.align],
                                   fontSize=b.size or style.fontSize,
                                   leading=(b.size or style.fontSize) * 1.75,
                                   keepWithNext=int(b.keep_with_next or b.text.strip() == "此致"))
            story.append(_para(b.text, style, mk))
        elif isinstance(b, Heading):
            story.append(_para(b.text, st["heading"], mk))
        elif isinstance(b, Grid):
            story += [_grid(b, st, mk), Spacer(1, 6)]
        elif isinstance(b, Lines):
            story.append(_lines(b, st, mk))
        elif isinstance(b, Signatures):
            end_mark = b.end_mark if b.end_mark is not None else spec.kind in END_MARK_KINDS
            _signed(story, b, st, mk, end_mark)
        elif isinstance(b, PageBreak):
            _drop_trailing_spacers(story)
            story.append(RLPageBreak())
    _drop_trailing_spacers(story)
    return story


def _drop_trailing_spacers(story: list[Flowable]) -> None:
    """A gap after the last block of a page would, when the block ends at the page's foot,
    start an empty page of its own (a 26-row table did)."""
    while story and isinstance(story[-1], Spacer) and not isinstance(story[-1], RLPageBreak):
        story.pop()
