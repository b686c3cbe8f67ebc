"""以案定补补贴发放表: the monthly subsidy sheet as PDF (A4 landscape), XLSX and JSON.

The PDF is for the director's signature: the title, 填报单位 and the month; a line per
mediator (cases, of which successes and failures, cases paid, amount, a column to sign for
receipt); the cases behind each line; the grand total in figures and in capitals; the
制表人 / 审核人（主任）/ 日期 lines. The XLSX holds the same as real numbers and dates, one
sheet each for the lines, the cases and the rates applied, printed A4 landscape to the
page width, header frozen, with an autofilter. reportlab runs in invariant mode: the same
sheet gives the same bytes.
"""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ..documents.fonts import DocumentFont
from ..documents.markup import Markup
from ..documents.page import PageCountCanvas
from ..domain.formatting import format_yuan
from ..domain.subsidy import (
    SubsidyItem,
    SubsidyOutcome,
    SubsidySheet,
    rates_to_wire,
    rule_to_wire,
)

PAGE_W, PAGE_H = landscape(A4)
MARGIN = 15 * mm
FRAME_W = PAGE_W - 2 * MARGIN
TITLE_SIZE, BODY_SIZE, CELL_SIZE, FOOTER_SIZE = 18, 11, 9.5, 8

SUMMARY_COLUMNS = ("序号", "调解员", "办结件数", "其中调解成功", "其中调解不成", "计补件数",
                   "补贴金额（元）", "领取人签名")
SUMMARY_WIDTHS = (0.06, 0.16, 0.10, 0.12, 0.12, 0.10, 0.14, 0.20)
DETAIL_COLUMNS = ("序号", "案号", "纠纷类型", "结果", "办结日期", "疑难复杂", "适用标准",
                  "标准（元/件）", "倍数", "本案金额（元）", "本人金额（元）", "说明")
DETAIL_WIDTHS = (0.04, 0.19, 0.09, 0.06, 0.075, 0.05, 0.11, 0.065, 0.04, 0.07, 0.07, 0.14)


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def _times(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _remark(i: SubsidyItem) -> str:
    """说明: why it is complex, how it was shared, why nothing is paid."""
    return "；".join(x for x in (i.complex_reason, i.note) if x)


def _detail_row(n: int, i: SubsidyItem) -> list[str]:
    return [str(n), i.number, i.dispute_type.label, i.outcome.label, i.closed_on.isoformat(),
            "是" if i.complex else "", i.rule.short_label if i.rule else "无",
            _money(i.rate) if i.rule else "", _times(i.multiplier) if i.complex else "",
            _money(i.case_amount), _money(i.share), _remark(i)]


# -- PDF ----------------------------------------------------------------------------------
def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=font, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.6,
                          wordWrap="CJK", alignment=TA_LEFT)
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=TITLE_SIZE,
                                leading=TITLE_SIZE * 1.5, alignment=TA_CENTER, spaceAfter=2),
        "body": base,
        "heading": ParagraphStyle("heading", parent=base, spaceBefore=8, spaceAfter=3),
        "cell": ParagraphStyle("cell", parent=base, fontSize=CELL_SIZE, leading=CELL_SIZE * 1.35),
        "head": ParagraphStyle("head", parent=base, fontSize=CELL_SIZE, leading=CELL_SIZE * 1.35,
                               alignment=TA_CENTER),
        "num": ParagraphStyle("num", parent=base, fontSize=CELL_SIZE, leading=CELL_SIZE * 1.35,
                              alignment=TA_RIGHT),
        "note": ParagraphStyle("note", parent=base, fontSize=CELL_SIZE, leading=CELL_SIZE * 1.5),
        "sign": ParagraphStyle("sign", parent=base, leading=BODY_SIZE * 2.4),
    }


CHUNK_ROWS = 40
"""A long detail is drawn as tables of this many rows (each with its header): reportlab
splits one long table across pages in time that grows with its length."""


def _table(header: tuple[str, ...], rows: list[list[str]], widths: tuple[float, ...],
           numeric: set[int], st: dict[str, ParagraphStyle], mk: Markup, *,
           wrap: set[int] | None = None, total_row: bool = False,
           row_height: float | None = None) -> Table:
    """A ruled table; the columns in ``wrap`` (all by default) are wrapped paragraphs, the
    others plain text in the document font (fast for long lists of dates and numbers)."""
    def cell(c: int, v: str) -> Paragraph | str:
        if wrap is None or c in wrap:
            return Paragraph(mk(v), st["num"] if c in numeric else st["cell"])
        return v

    data: list[list[Paragraph | str]] = [[Paragraph(mk(h), st["head"]) for h in header]]
    data += [[cell(c, v) for c, v in enumerate(row)] for row in rows]
    heights = None if row_height is None else [None] + [row_height] * len(rows)
    table = Table(data, colWidths=[w * FRAME_W for w in widths], repeatRows=1,
                  rowHeights=heights)
    style: list[Any] = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), mk.font.name),
        ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    style += [("ALIGN", (c, 1), (c, -1), "RIGHT") for c in numeric]
    if total_row:
        style.append(("SPAN", (0, len(data) - 1), (1, len(data) - 1)))
    table.setStyle(TableStyle(style))
    return table


DETAIL_WRAP = {1, 2, 6, 11}  # 案号, 纠纷类型, 适用标准, 说明: may need two lines


def _details(rows: list[list[str]], st: dict[str, ParagraphStyle], mk: Markup) -> list[Table]:
    """The case detail as tables of :data:`CHUNK_ROWS` rows."""
    return [_table(DETAIL_COLUMNS, rows[i:i + CHUNK_ROWS], DETAIL_WIDTHS, {7, 8, 9, 10}, st,
                   mk, wrap=DETAIL_WRAP) for i in range(0, max(len(rows), 1), CHUNK_ROWS)]


def _footer(font: str, left: str) -> type[Canvas]:
    class FooterCanvas(PageCountCanvas):
        font_name = font

        def furnish(self, number: int, total: int) -> None:
            self.setFont(font, FOOTER_SIZE)
            self.drawCentredString(PAGE_W / 2, 8 * mm, f"第{number}页 共{total}页")
            self.drawString(MARGIN, 8 * mm, left)

    return FooterCanvas


def _story(sheet: SubsidySheet, st: dict[str, ParagraphStyle], mk: Markup) -> list[Flowable]:
    p = sheet.period
    story: list[Flowable] = [Paragraph(mk(sheet.title), st["title"])]
    head = Table([[Paragraph(mk(f"填报单位：{sheet.unit_name}"), st["body"]),
                   Paragraph(mk(f"统计期间：{p.start.year}年{p.start.month}月{p.start.day}日至"
                                f"{p.end.month}月{p.end.day}日"), st["body"]),
                   Paragraph(mk("金额单位：元"), ParagraphStyle("r", parent=st["body"],
                                                          alignment=TA_RIGHT))]],
                 colWidths=[FRAME_W * 0.4, FRAME_W * 0.4, FRAME_W * 0.2])
    head.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    story += [head, Spacer(1, 3)]

    rows = [[str(n), line.mediator_name, str(line.count), str(line.succeeded), str(line.failed),
             str(line.paid_count), _money(line.total), ""]
            for n, line in enumerate(sheet.lines, 1)]
    rows.append(["合计", *(str(n) for n in _totals(sheet)), _money(sheet.total), ""])
    story.append(_table(SUMMARY_COLUMNS, rows, SUMMARY_WIDTHS, {2, 3, 4, 5, 6}, st, mk,
                        total_row=True, row_height=9 * mm))
    story.append(Paragraph(mk("合计“办结件数”按案件计，一案多名调解员的只计一次；"
                              "各调解员的件数按其参与的案件计。"), st["note"]))

    story.append(Paragraph(mk("案件明细"), st["heading"]))
    if not sheet.lines and not sheet.unassigned:
        story.append(Paragraph(mk("本月没有办结的案件。"), st["body"]))
    for n, line in enumerate(sheet.lines, 1):
        title = (f"{n}. {line.mediator_name}：办结{line.count}件，计补{line.paid_count}件，"
                 f"补贴{format_yuan(line.total)}")
        tables = _details([_detail_row(k, i) for k, i in enumerate(line.items, 1)], st, mk)
        heading = Paragraph(mk(title), st["heading"])
        # a short list stays with its heading; a long one may start on the same page
        story += ([KeepTogether([heading, *tables])] if len(line.items) <= 8
                  else [heading, *tables])
    if sheet.unassigned:
        story.append(Paragraph(mk(f"未指派调解员的办结案件（{len(sheet.unassigned)}件，不计补贴）"),
                               st["heading"]))
        story += _details([_detail_row(k, i) for k, i in enumerate(sheet.unassigned, 1)],
                          st, mk)

    story.append(Paragraph(mk("说明"), st["heading"]))
    for note in sheet.notes:
        story.append(Paragraph(mk(note), st["note"]))
    standards = "；".join(r.describe() for r in sheet.rates.rules) or "（未设置）"
    story.append(Paragraph(mk(f"适用的以案定补标准：{standards}；疑难复杂案件倍数"
                              f"{_times(sheet.rates.complex_multiplier)}（规则另有规定的从其规定）。"),
                           st["note"]))

    total = Table([[Paragraph(mk(f"合计补贴金额（大写）：{sheet.total_capital}"), st["body"]),
                    Paragraph(mk(f"（小写）：{format_yuan(sheet.total)}"), st["body"])]],
                  colWidths=[FRAME_W * 0.65, FRAME_W * 0.35])
    total.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                               ("TOPPADDING", (0, 0), (-1, -1), 6),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    signs = Table([[Paragraph(mk("制表人：____________"), st["sign"]),
                    Paragraph(mk("审核人（主任）：____________"), st["sign"]),
                    Paragraph(mk("日期：______年____月____日"), st["sign"])]],
                  colWidths=[FRAME_W / 3] * 3)
    signs.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story.append(KeepTogether([Spacer(1, 8), total, Spacer(1, 10), signs,
                               Paragraph(mk(f"（本表由调解工作台于{sheet.generated_on.isoformat()}"
                                            "生成，签字后存档）"), st["note"])]))
    return story


def _totals(sheet: SubsidySheet) -> tuple[str, int, int, int, int]:
    """The 合计 row: ('', cases, succeeded, failed, paid), each case counted once."""
    items = _cases(sheet)
    paid = {i.case_id for line in sheet.lines for i in line.items if i.share > 0}
    return ("", len(items), sum(1 for i in items if i.outcome is SubsidyOutcome.SUCCEEDED),
            sum(1 for i in items if i.outcome is SubsidyOutcome.FAILED), len(paid))


def _cases(sheet: SubsidySheet) -> list[SubsidyItem]:
    """One item per case (the first mediator's), for the totals."""
    seen: dict[str, SubsidyItem] = {}
    for line in sheet.lines:
        for i in line.items:
            seen.setdefault(i.case_id, i)
    for i in sheet.unassigned:
        seen.setdefault(i.case_id, i)
    return list(seen.values())


def sheet_pdf(sheet: SubsidySheet, font: DocumentFont) -> bytes:
    """The sheet as PDF bytes (A4 landscape, deterministic)."""
    mk = Markup(font)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=(PAGE_W, PAGE_H), leftMargin=MARGIN,
                            rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm,
                            title=sheet.title, author="调解工作台",
                            creator="调解工作台 Mediation Desk", invariant=1)
    doc.build(_story(sheet, _styles(font.name), mk),
              canvasmaker=_footer(font.name, f"{sheet.unit_name}　{sheet.title}"))
    return buf.getvalue()


# -- XLSX ---------------------------------------------------------------------------------
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MONEY = "#,##0.00"


def _styles_of(wb: Workbook) -> dict[str, str]:
    """Named styles, registered once per workbook: a cell then takes one by name (setting
    fonts, borders and alignments cell by cell costs openpyxl a hash of each, per cell)."""
    top, wrap = Alignment(vertical="top"), Alignment(vertical="top", wrap_text=True)
    specs = {
        "md_head": NamedStyle("md_head", font=Font(bold=True), border=BOX,
                              alignment=Alignment(horizontal="center", vertical="center",
                                                  wrap_text=True)),
        "md_text": NamedStyle("md_text", border=BOX, alignment=wrap),
        "md_number": NamedStyle("md_number", border=BOX, alignment=top),
        "md_money": NamedStyle("md_money", border=BOX, alignment=top, number_format=MONEY),
        "md_date": NamedStyle("md_date", border=BOX, alignment=top, number_format="yyyy-mm-dd"),
        "md_total": NamedStyle("md_total", font=Font(bold=True), border=BOX),
        "md_total_money": NamedStyle("md_total_money", font=Font(bold=True), border=BOX,
                                     number_format=MONEY),
    }
    for name, style in specs.items():
        if name not in wb.named_styles:
            wb.add_named_style(style)
    return {k: k for k in specs}


def _sheet(ws: Worksheet, title: str, caption: str, header: tuple[str, ...],
           rows: list[list[Any]], widths: tuple[int, ...], money: set[int],
           total: list[Any] | None = None) -> None:
    wb = ws.parent
    assert isinstance(wb, Workbook)
    _styles_of(wb)
    ws.title = title
    ws.cell(row=1, column=1, value=caption).font = Font(bold=True, size=14)
    for c, name in enumerate(header, 1):
        ws.cell(row=3, column=c, value=name).style = "md_head"
    for r, values in enumerate(rows, 4):
        for c, value in enumerate(values, 1):
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text, never a formula
                cell.style = "md_text"
            elif c - 1 in money:
                cell.style = "md_money"
            elif isinstance(value, date):
                cell.style = "md_date"
            else:
                cell.style = "md_number"
    last = 3 + len(rows)
    ws.auto_filter.ref = f"A3:{get_column_letter(len(header))}{max(last, 3)}"
    if total is not None:
        for c, value in enumerate(total, 1):
            cell = ws.cell(row=last + 1, column=c, value=value)
            cell.style = "md_total_money" if c - 1 in money else "md_total"
    for c, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True


def sheet_xlsx(sheet: SubsidySheet) -> bytes:
    """The sheet as XLSX bytes: 汇总, 案件明细 and 补贴标准."""
    wb = Workbook()
    first = wb.active
    assert isinstance(first, Worksheet)  # a new workbook starts with one worksheet
    caption = f"{sheet.title}　填报单位：{sheet.unit_name}"
    _sheet(first, "汇总", caption, SUMMARY_COLUMNS[:-1],
           [[n, line.mediator_name, line.count, line.succeeded, line.failed, line.paid_count,
             line.total] for n, line in enumerate(sheet.lines, 1)],
           (6, 14, 10, 12, 12, 10, 16), {6},
           total=["合计", *_totals(sheet), sheet.total])
    first.cell(row=2, column=1, value=f"合计金额（大写）：{sheet.total_capital}")
    rows: list[list[Any]] = []
    for line in sheet.lines:
        rows += [_detail_values(line.mediator_name, i) for i in line.items]
    rows += [_detail_values("（未指派）", i) for i in sheet.unassigned]
    _sheet(wb.create_sheet(), "案件明细", caption,
           ("调解员", *DETAIL_COLUMNS[1:]), [[*r] for r in rows],
           (12, 24, 16, 10, 12, 9, 22, 12, 7, 13, 13, 30), {7, 9, 10})
    rates = [[n, r.type_label, r.outcome.label, r.amount, r.effective_from, r.effective_to,
              r.complex_multiplier if r.complex_multiplier is not None
              else sheet.rates.complex_multiplier, r.note]
             for n, r in enumerate(sheet.rates.rules, 1)]
    _sheet(wb.create_sheet(), "补贴标准", caption,
           ("序号", "纠纷类型", "适用结果", "标准（元/件）", "起始日期", "截止日期",
            "疑难复杂倍数", "说明"), rates, (6, 16, 12, 13, 12, 12, 13, 30), {3})
    wb.properties.title = sheet.title
    wb.properties.creator = "调解工作台"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _detail_values(mediator: str, i: SubsidyItem) -> list[Any]:
    return [mediator, i.number, i.dispute_type.label, i.outcome.label, i.closed_on,
            "是" if i.complex else "否", i.rule.short_label if i.rule else "无",
            i.rate, i.multiplier, i.case_amount, i.share, _remark(i)]


# -- JSON ---------------------------------------------------------------------------------
def sheet_dict(sheet: SubsidySheet) -> dict[str, Any]:
    """The sheet as JSON data: amounts as strings of yuan (exact), dates ISO."""
    def item(i: SubsidyItem) -> dict[str, Any]:
        return {"case_id": i.case_id, "number": i.number, "dispute_type": i.dispute_type.value,
                "outcome": i.outcome.value, "closed_on": i.closed_on.isoformat(),
                "complex": i.complex, "complex_reason": i.complex_reason,
                "rule": rule_to_wire(i.rule) if i.rule else None, "rate": str(i.rate),
                "multiplier": str(i.multiplier), "case_amount": str(i.case_amount),
                "share": str(i.share), "sharers": i.sharers, "note": i.note}

    return {"title": sheet.title, "unit_name": sheet.unit_name, "month": sheet.period.code,
            "generated_on": sheet.generated_on.isoformat(),
            "total": str(sheet.total), "total_capital": sheet.total_capital,
            "case_ids": list(sheet.case_ids),
            "lines": [{"mediator_id": line.mediator_id, "mediator": line.mediator_name,
                       "cases": line.count, "paid": line.paid_count,
                       "succeeded": line.succeeded, "failed": line.failed,
                       "total": str(line.total), "items": [item(i) for i in line.items]}
                      for line in sheet.lines],
            "unassigned": [item(i) for i in sheet.unassigned],
            "rates": rates_to_wire(sheet.rates), "notes": list(sheet.notes)}


def sheet_json(sheet: SubsidySheet) -> str:
    return json.dumps(sheet_dict(sheet), ensure_ascii=False, indent=2)
