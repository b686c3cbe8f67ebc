"""The blocks of a :class:`DocSpec` as reportlab flowables, in official-document style.

Title large and centred, body in the document font, signature blocks kept
together, every table cell a wrapped Paragraph, and the Chinese line-breaking
rules. Page furniture and the render entry point are in :mod:`page`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from reportlab.lib import colors
from reportlab.lib import textsplit as _rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import paragraph as _rl_paragraph

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

# Chinese typesetting (避头): reportlab's CJK wrapping knows the Japanese marks
# that may not start a line but not the Chinese full-width ones, so a line could
# begin with "，". Teach it the Chinese set (a process-wide list, only extended).
# paragraph.py holds its own copy of the name, so both copies are extended.
_CHINESE_CANNOT_START = "，。、；：？！）》」』】〕〉”’…—％·"


def _with_chinese_marks(marks: str) -> str:
    return marks + "".join(ch for ch in _CHINESE_CANNOT_START if ch not in marks)


# Final in the stubs, though reportlab reads it as a module setting:
_rl_textsplit.ALL_CANNOT_START = _with_chinese_marks(  # type: ignore[misc]
    _rl_textsplit.ALL_CANNOT_START)
# paragraph.py's copy (imported from textsplit) is missing from the stubs:
_rl_paragraph.ALL_CANNOT_START = _with_chinese_marks(  # type: ignore[attr-defined]
    _rl_paragraph.ALL_CANNOT_START)  # type: ignore[attr-defined]

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
    }


def _para(text: str, style: ParagraphStyle, mk: Markup) -> Paragraph:
    return Paragraph(mk(text), style)


def _grid(block: Grid, st: dict[str, ParagraphStyle], mk: Markup) -> Table:
    data = [[_para(cell, st["label"] if c in block.labels else st["cell"], mk)
             for c, cell in enumerate(row)] for row in block.rows]
    widths = [w * FRAME_W for w in block.widths]
    heights = [block.min_height or None] * len(data)
    table = Table(data, colWidths=widths, rowHeights=None if not block.min_height else heights,
                  repeatRows=0, splitByRow=1)
    style: list[_TableCommand] = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), mk.font.name),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    style += [("SPAN", (c0, r0), (c1, r1)) for c0, r0, c1, r1 in block.spans]
    table.setStyle(TableStyle(style))
    return table


def _lines(block: Lines, font: str) -> Table:
    table = Table([[""]] * block.count, colWidths=[FRAME_W],
                  rowHeights=[BODY_SIZE * 1.9] * block.count)
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.grey),
                               ("FONTNAME", (0, 0), (-1, -1), font)]))
    return table


def _signatures(block: Signatures, st: dict[str, ParagraphStyle], mk: Markup) -> Flowable:
    cols = max(1, block.columns)
    cells = [_para(line, st["sign"], mk) for line in block.lines]
    rows = [cells[i:i + cols] + [""] * (cols - len(cells[i:i + cols]))
            for i in range(0, len(cells), cols)]
    parts: list[Flowable] = [Spacer(1, BODY_SIZE)]
    if rows:
        table = Table(rows, colWidths=[FRAME_W / cols] * cols)
        table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 12),
                                   ("FONTNAME", (0, 0), (-1, -1), mk.font.name),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        parts.append(table)
    for text in (block.seal, block.date):
        if text:
            parts.append(_para(text, st["right"], mk))
    return KeepTogether(parts)


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
                                   leading=(b.size or style.fontSize) * 1.75)
            story.append(_para(b.text, style, mk))
        elif isinstance(b, Heading):
            story.append(_para(b.text, st["heading"], mk))
        elif isinstance(b, Grid):
            story += [_grid(b, st, mk), Spacer(1, 6)]
        elif isinstance(b, Lines):
            story.append(_lines(b, mk.font.name))
        elif isinstance(b, Signatures):
            story.append(_signatures(b, st, mk))
        elif isinstance(b, PageBreak):
            story.append(RLPageBreak())
    return story
