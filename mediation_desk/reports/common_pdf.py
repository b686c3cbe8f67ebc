"""The page and pieces the statistics PDFs share (report, assessment).

A4 portrait in the house margins (documents/layout.py), the document font embedded,
``第x页 共y页`` in every footer with the reporting unit and 内部资料 / 对外发布, ruled tables
whose header repeats on every page a long table runs onto, signature lines kept with the
text before them. reportlab runs in invariant mode and the PDF's dates are the report's
``generated_on``, so the same report gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as RLTable

from ..documents.fonts import DocumentFont
from ..documents.layout import MARGIN_B, MARGIN_L, MARGIN_R, MARGIN_T
from ..documents.markup import Markup
from ..documents.page import PageCountCanvas

if TYPE_CHECKING:
    from reportlab.platypus.tables import _TableCommand

PAGE_W, PAGE_H = A4
FRAME_W = PAGE_W - MARGIN_L - MARGIN_R
TITLE, SUBTITLE, HEADING, BODY, CELL, HEAD_CELL, FOOTER = 20, 12, 13, 10.5, 9, 8.5, 8
HEAD_FILL = colors.HexColor("#e7ecf5")
TOTAL_FILL = colors.HexColor("#f2f2f2")
BLANK = "＿＿＿＿＿＿"
BLANK_DATE = "＿＿＿＿年＿＿月＿＿日"


def styles(font: str) -> dict[str, ParagraphStyle]:
    """Paragraph styles of the statistics PDFs, in ``font``."""
    base = ParagraphStyle("s-body", fontName=font, fontSize=BODY, leading=BODY * 1.6,
                          wordWrap="CJK", alignment=TA_JUSTIFY)
    return {
        "title": ParagraphStyle("s-title", parent=base, fontSize=TITLE, leading=TITLE * 1.4,
                                alignment=TA_CENTER, spaceAfter=2),
        "subtitle": ParagraphStyle("s-subtitle", parent=base, fontSize=SUBTITLE,
                                   leading=SUBTITLE * 1.5, alignment=TA_CENTER),
        "heading": ParagraphStyle("s-heading", parent=base, fontSize=HEADING,
                                  leading=HEADING * 1.5, spaceBefore=8, spaceAfter=4,
                                  keepWithNext=1),
        "subheading": ParagraphStyle("s-subheading", parent=base, fontSize=BODY + 0.5,
                                     leading=BODY * 1.6, spaceBefore=6, spaceAfter=3,
                                     keepWithNext=1),
        "body": base,
        "note": ParagraphStyle("s-note", parent=base, fontSize=CELL, leading=CELL * 1.5,
                               textColor=colors.HexColor("#404040")),
        "rule": ParagraphStyle("s-rule", parent=base, fontSize=CELL, leading=CELL * 1.55,
                               leftIndent=2 * CELL, firstLineIndent=-2 * CELL),
        "meta": ParagraphStyle("s-meta", parent=base, alignment=TA_LEFT),
        "head": ParagraphStyle("s-head", parent=base, fontSize=HEAD_CELL,
                               leading=HEAD_CELL * 1.3, alignment=TA_CENTER),
        "label": ParagraphStyle("s-label", parent=base, fontSize=CELL, leading=CELL * 1.3,
                                alignment=TA_LEFT),
        "num": ParagraphStyle("s-num", parent=base, fontSize=CELL, leading=CELL * 1.3,
                              alignment=TA_RIGHT),
        "center": ParagraphStyle("s-center", parent=base, fontSize=CELL, leading=CELL * 1.3,
                                 alignment=TA_CENTER),
        "sign": ParagraphStyle("s-sign", parent=base, fontSize=BODY,
                               leading=BODY * 2.4, alignment=TA_LEFT),
    }


class Kit:
    """The font, its markup and styles: what every piece of a statistics PDF needs."""

    def __init__(self, font: DocumentFont) -> None:
        self.font = font
        self.mk = Markup(font)
        self.st = styles(font.name)

    def p(self, text: str, style: str = "body") -> Paragraph:
        """A paragraph of plain text (escaped; rare characters in a fallback face)."""
        return Paragraph(self.mk(text), self.st[style])

    def plain(self, text: str) -> bool:
        """Whether ``text`` can be drawn as a plain string (no markup is parsed there): one
        line, every character in the main face."""
        return all(self.font.face_for(ch) == self.font.name and ch != "\n" for ch in text)

    def width(self, text: str, size: float = CELL) -> float:
        return stringWidth(text, self.font.name, size)


def ruled_table(kit: Kit, header: Sequence[str], rows: Sequence[Sequence[str]],
                widths: Sequence[float], *, label_cols: int = 1, total_rows: int = 0,
                center_cols: Sequence[int] = ()) -> RLTable:
    """A ruled table: a shaded header repeated on every page, the first ``label_cols``
    columns left-aligned text, the rest right-aligned numbers, the last ``total_rows``
    rows shaded (合计)."""
    def cell(c: int, text: str) -> Paragraph | str:
        if c >= label_cols and len(text) <= 16 and kit.plain(text):
            return text  # a number: no wrapping, far cheaper than a Paragraph on long tables
        style = "center" if c in center_cols else "label" if c < label_cols else "num"
        return kit.p(text, style)

    data: list[list[Any]] = [[kit.p(h, "head") for h in header]]
    data += [[cell(c, t) for c, t in enumerate(r)] for r in rows]
    table = RLTable(data, colWidths=list(widths), repeatRows=1, splitByRow=1, hAlign="CENTER")
    style: list[_TableCommand] = [
        ("FONTSIZE", (0, 0), (-1, -1), CELL), ("LEADING", (0, 0), (-1, -1), CELL * 1.3),
        ("ALIGN", (label_cols, 1), (-1, -1), "RIGHT"),
        *[("ALIGN", (c, 1), (c, -1), "CENTER") for c in center_cols],
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
        ("LINEBELOW", (0, 0), (-1, 0), 1.0, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("FONTNAME", (0, 0), (-1, -1), kit.font.name),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if total_rows:
        style += [("BACKGROUND", (0, -total_rows), (-1, -1), TOTAL_FILL),
                  ("LINEABOVE", (0, -total_rows), (-1, -total_rows), 1.0, colors.black)]
    table.setStyle(TableStyle(style))
    return table


def meta_block(kit: Kit, pairs: Sequence[tuple[str, str]]) -> RLTable:
    """``名称：值`` pairs two to a line, unruled (填报单位, 统计期间, 生成日期...); a pair too
    long for its half takes the whole line."""
    left = FRAME_W * 0.6
    rows: list[list[Any]] = []
    spans: list[_TableCommand] = []
    pending: list[Any] = []
    for k, v in pairs:
        text = f"{k}：{v}"
        if kit.width(text, BODY) > left - 6:
            if pending:
                rows.append(pending + [""])
                pending = []
            spans.append(("SPAN", (0, len(rows)), (1, len(rows))))
            rows.append([kit.p(text, "meta"), ""])
            continue
        pending.append(kit.p(text, "meta"))
        if len(pending) == 2:
            rows.append(pending)
            pending = []
    if pending:
        rows.append(pending + [""])
    table = RLTable(rows, colWidths=[left, FRAME_W - left])
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("FONTNAME", (0, 0), (-1, -1), kit.font.name),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, -1), (-1, -1), 1.2, colors.black),
                               ("BOTTOMPADDING", (0, -1), (-1, -1), 6), *spans]))
    return table


def signature_block(kit: Kit, lines: Sequence[str], *, keep_with: Sequence[Flowable] = (),
                    widths: Sequence[float] = (0.3, 0.3, 0.4)) -> Flowable:
    """Signature lines (``填报人：…``), ``len(widths)`` to a row (fractions of the frame),
    kept on one page with ``keep_with`` before them, so a signature never stands alone on
    a last page."""
    columns = len(widths)
    cells = [kit.p(t, "sign") for t in lines]
    rows = [cells[i:i + columns] + [""] * (columns - len(cells[i:i + columns]))
            for i in range(0, len(cells), columns)]
    table = RLTable(rows, colWidths=[FRAME_W * w for w in widths])
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("FONTNAME", (0, 0), (-1, -1), kit.font.name),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    return KeepTogether([*keep_with, Spacer(1, 14), table])


def signed(label: str, name: str) -> str:
    """``填报人：张三`` or, with no name, a line to sign on."""
    return f"{label}：{name or BLANK}"


def _pdf_date(day: date) -> Any:
    """A PDF date formatter giving midnight (UTC) of ``day`` for CreationDate/ModDate."""
    def fmt(*_ignored: int) -> str:
        return f"D:{day.year:04d}{day.month:02d}{day.day:02d}000000+00'00'"
    return fmt


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut to ``width`` points with an ellipsis (a footer never runs into the
    page number)."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def canvas_class(font: str, left: str, right: str, day: date) -> type[Canvas]:
    """A Canvas that prints ``第x页 共y页`` (once the page count is known), ``left`` and
    ``right`` in the footer, and dates the file ``day``."""

    class StatisticsCanvas(PageCountCanvas):
        font_name = font

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.setDateFormatter(_pdf_date(day))

        def furnish(self, number: int, total: int) -> None:
            self.setFont(font, FOOTER)
            y = 12 * mm
            self.setStrokeColor(colors.grey)
            self.setLineWidth(0.4)
            self.line(MARGIN_L, y + 10, PAGE_W - MARGIN_R, y + 10)
            self.drawCentredString(PAGE_W / 2, y, f"第{number}页 共{total}页")
            self.drawString(MARGIN_L, y, _fit(left, font, FOOTER, PAGE_W / 2 - 40 - MARGIN_L))
            self.drawRightString(PAGE_W - MARGIN_R, y, right)

    return StatisticsCanvas


def build(story: list[Flowable], *, font: str, title: str, subject: str, footer_left: str,
          footer_right: str, day: date) -> bytes:
    """Lay ``story`` out on A4 pages and return the PDF bytes (deterministic)."""
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=MARGIN_L, rightMargin=MARGIN_R,
                            topMargin=MARGIN_T * 0.8, bottomMargin=MARGIN_B, title=title,
                            author="调解工作台", creator="调解工作台 Mediation Desk",
                            subject=subject, invariant=1)
    doc.build(story, canvasmaker=canvas_class(font, footer_left, footer_right, day))
    return buf.getvalue()
