"""The layout the one-page slips share (恢复密钥单, 外出调解笔记本登记单).

Their paragraph styles, the ruled table of facts, the boxed secret, the two signature lines,
and the render that steps the body text down until the story fits on one A4 page (reportlab
in invariant mode: the same input gives the same bytes).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from .layout import CELL_SIZE, MARGIN_L, MARGIN_R, TITLE_SIZE
from .page import footer_canvas

BODY_SIZES = (10.5, 10, 9.5, 9, 8.5)  # the first that keeps the slip on one page
TOP_MARGIN, BOTTOM_MARGIN = 20 * mm, 16 * mm
WHEN = "日期：＿＿＿＿年＿＿月＿＿日"


def styles(font: str, size: float) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=font, fontSize=size, leading=size * 1.55,
                          wordWrap="CJK", firstLineIndent=2 * size)
    return {
        "title": ParagraphStyle("title", parent=body, fontSize=TITLE_SIZE, leading=TITLE_SIZE * 1.4,
                                alignment=1, firstLineIndent=0),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=9.5, leading=14,
                                   alignment=1, firstLineIndent=0, textColor=colors.grey),
        "heading": ParagraphStyle("heading", parent=body, fontSize=12, leading=18,
                                  firstLineIndent=0, spaceBefore=4),
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=CELL_SIZE, leading=CELL_SIZE * 1.4,
                               firstLineIndent=0),
        "label": ParagraphStyle("label", parent=body, fontSize=CELL_SIZE,
                                leading=CELL_SIZE * 1.4, firstLineIndent=0, alignment=1),
        "note": ParagraphStyle("note", parent=body, fontSize=9, leading=13, firstLineIndent=0,
                               textColor=colors.grey),
        "sign": ParagraphStyle("sign", parent=body, fontSize=11.5, leading=26, firstLineIndent=0),
    }


def ruled(cells: list[list[Flowable | str]], widths: list[float], font: str) -> Table:
    table = Table(cells, colWidths=widths)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return table


def key_box(cells: list[list[Flowable | str]], widths: list[float], font: str,
            extra: list[tuple[Any, ...]]) -> Table:
    """The boxed secret: its row first, the note under it; ``extra`` adds style commands."""
    table = Table(cells, colWidths=widths)
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
        *extra,
        ("ALIGN", (0, 0), (0, 0), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, 0), 10), ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
        ("LEFTPADDING", (0, 1), (-1, 1), 10), ("RIGHTPADDING", (0, 1), (-1, 1), 10),
        ("BOTTOMPADDING", (0, 1), (-1, 1), 8),
        ("FONTNAME", (0, 0), (-1, -1), font)]))
    return table


def signatures(p: Callable[[str, str], Paragraph], first: str, second: str, width: float,
               font: str) -> Table:
    """Two signature lines (``first``, ``second``), each with its date line; ``p(text,
    style)`` makes a paragraph."""
    table = Table([[p(first, "sign"), p(WHEN, "sign")], [p(second, "sign"), p(WHEN, "sign")]],
                  colWidths=[0.55 * width, 0.45 * width])
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("FONTNAME", (0, 0), (-1, -1), font)]))
    return table


def render_one_page(story: Callable[[float], list[Flowable]], *, font: str, title: str,
                    subject: str) -> bytes:
    """``story(size)`` at the first body size in BODY_SIZES that fits one page (else the last)."""
    pdf = b""
    for size in BODY_SIZES:  # long names wrap: smaller text until the page holds it all
        buf = io.BytesIO()
        doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=MARGIN_L, rightMargin=MARGIN_R,
                                topMargin=TOP_MARGIN, bottomMargin=BOTTOM_MARGIN, title=title,
                                author="调解工作台", creator="调解工作台 Mediation Desk",
                                subject=subject, invariant=1)
        flowables = story(size)
        canvas: type[Canvas] = footer_canvas(font, "", "", enabled=False)
        doc.build(flowables, canvasmaker=canvas)  # a glyph no face has prints as a red [U+XXXX]
        pdf = buf.getvalue()
        if doc.page == 1:
            break
    return pdf
