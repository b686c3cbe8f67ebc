"""The court intake sheet (移送立案登记表) as XLSX: one sheet of cases, one of parties.

Fields follow what court intake needs from the center (REFERENCE §3.5):
parties' particulars with their identity documents and contact details,
claims, facts and reasons, the mediation dates, mediator and organisation, and
the outcome. Full ID numbers are allowed here: it is a paper to the court
(REFERENCE §6.1). Text is always written as text, never as a formula.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..domain.enums import PartyKind
from ..domain.models import Case, Party

CASE_COLUMNS = ("序号", "调解案号", "诉前调解案号", "调解组织", "调解员", "收案日期",
                "纠纷类型", "争议金额（元）", "诉讼请求", "事实与理由", "调解日期", "调解结果",
                "终止原因及说明", "办结日期", "案卷材料（PDF）")
PARTY_COLUMNS = ("调解案号", "诉讼地位", "类型", "姓名/名称", "性别", "年龄", "民族", "职业",
                 "住所", "联系电话", "证件类型", "证件号码", "统一社会信用代码",
                 "法定代表人/主要负责人", "委托代理人", "代理人电话", "代理人证件号码",
                 "电子送达地址")


@dataclass
class IntakeCase:
    """One handed-over case with what the sheet needs beside the case itself."""

    case: Case
    center_name: str
    mediators: str = ""
    session_dates: list[str] = field(default_factory=list)
    outcome: str = ""
    pdf_name: str = ""


def _age(p: Party, today: date) -> int | str:
    b = p.birth_date
    if b is None:
        return ""
    return today.year - b.year - ((today.month, today.day) < (b.month, b.day))


def _case_row(n: int, item: IntakeCase) -> list[Any]:
    c = item.case
    end = c.end_reason.label if c.end_reason else ""
    return [n, c.number, c.court_case_number, item.center_name, item.mediators,
            c.received_on.isoformat(), c.dispute_type.label,
            f"{c.amount:.2f}" if c.amount is not None else "", c.claims, c.facts,
            "、".join(item.session_dates), item.outcome,
            "；".join(x for x in (end, c.end_note) if x),
            c.closed_on.isoformat() if c.closed_on else "", item.pdf_name]


def _party_row(c: Case, p: Party, today: date) -> list[Any]:
    person = p.kind is PartyKind.PERSON
    return [c.number, p.role.label, p.kind.label, p.name, p.sex.label if p.sex else "",
            _age(p, today) if person else "", p.ethnicity, p.occupation, p.address, p.phone,
            "居民身份证" if p.id_number else "", p.id_number, p.credit_code,
            p.legal_representative, p.agent_name, p.agent_phone, p.agent_id_number, ""]


def _put(ws: Worksheet, row: int, values: list[Any]) -> None:
    for col, value in enumerate(values, 1):
        cell = ws.cell(row=row, column=col)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # "=..." from another desk stays text, never a formula
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _sheet(ws: Worksheet, title: str, columns: tuple[str, ...], rows: list[list[Any]]) -> None:
    ws.title = title
    _put(ws, 1, list(columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, values in enumerate(rows, 2):
        _put(ws, i, values)
    ws.freeze_panes = "A2"
    wide = ("诉讼请求", "事实与理由", "住所")
    for i, name in enumerate(columns):
        ws.column_dimensions[get_column_letter(i + 1)].width = 30 if name in wide else 16


def build_intake_sheet(items: list[IntakeCase], *, court_desk: str, today: date) -> bytes:
    """The intake sheet as XLSX bytes."""
    wb = Workbook()
    first = wb.active
    assert isinstance(first, Worksheet)  # a new workbook starts with one worksheet
    _sheet(first, "移送立案案件", CASE_COLUMNS,
           [_case_row(n, item) for n, item in enumerate(items, 1)])
    _sheet(wb.create_sheet(), "当事人", PARTY_COLUMNS,
           [_party_row(item.case, p, today) for item in items for p in item.case.parties
            if not p.deleted])
    wb.properties.title = f"移送立案登记表（{court_desk}，{today.isoformat()}）"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
