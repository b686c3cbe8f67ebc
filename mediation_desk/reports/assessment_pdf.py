"""Mediator assessment (调解员考评) as PDF, from a report's 按调解员 table.

``render_assessment(report, key)`` prints one mediator's 调解员年度考评表: each 考评 figure
(cases handled, success rate, average duration, overdue, satisfaction, judicial
confirmations) beside the center's figure for comparison, the mediator's rank, room for
the director's opinion and signature lines for the mediator and the director.
``render_assessment(report)`` prints the ranked table of all mediators for the director:
ranked by success rate, ties going to more cases (the same rank when both are equal).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ..documents.fonts import DocumentFont, document_font
from ..domain.errors import DomainError
from ..domain.formatting import format_cn_date
from ..domain.statistics import MEASURES, Figure, PeriodKind, Report, Row, Table, Unit
from .common_pdf import (
    BLANK_DATE,
    FRAME_W,
    Kit,
    build,
    meta_block,
    ruled_table,
    signature_block,
    signed,
)
from .statistics_pdf import table_flowable

ITEMS = ("accepted", "succeeded", "success_rate", "closed", "avg_days", "overdue",
         "satisfaction", "jc_confirmed")
"""The 考评 figures, in the order the form prints them (those the table has)."""

_AVERAGED = (Unit.PERCENT, Unit.DAYS, Unit.SCORE)  # the center's own figure, not a mean


def _mediators(report: Report) -> Table:
    table = report.table("by_mediator")
    if table is None:
        raise DomainError("报告中没有按调解员的统计，无法生成考评表", code="no_mediator_table")
    return table


def _sort_key(row: Row) -> tuple[Decimal, int]:
    """Success rate first, then cases accepted (hidden or not computable ranks last)."""
    def number(f: Figure | None) -> Decimal:
        if f is None or f.suppressed or f.value is None:
            return Decimal(-1)
        return Decimal(f.value)
    return number(row.cells.get("success_rate")), int(number(row.cells.get("accepted")))


def ranked(table: Table) -> list[Row]:
    """The mediators ranked: 成功率 high to low, ties by more cases; equal on both, equal rank.

    Rows with equal keys keep the table's order (a stable sort), so the result is the same
    every time.
    """
    rows = sorted(table.rows, key=_sort_key, reverse=True)
    out: list[Row] = []
    for i, r in enumerate(rows):
        rank = out[-1].rank if out and _sort_key(rows[i - 1]) == _sort_key(r) else i + 1
        out.append(Row(r.key, r.label, r.cells, rank=rank))
    return out


def _title(report: Report) -> str:
    yearly = report.period.kind is PeriodKind.YEAR
    return "调解员年度考评表" if yearly else "调解员考评表"


def center_figure(table: Table, key: str) -> str:
    """The center's figure beside a mediator's: its own rate / average from the 合计 row,
    and for a count the mean per mediator (one decimal)."""
    unit = MEASURES[key].unit
    if unit in _AVERAGED and table.total is not None and key in table.total.cells:
        return table.total.cells[key].text()
    values = [r.cells[key].value for r in table.rows
              if key in r.cells and not r.cells[key].suppressed]
    known = [Decimal(v) for v in values if v is not None]
    if not known:
        return "—"
    return f"{sum(known) / len(table.rows):.1f}"


def _one(kit: Kit, report: Report, table: Table, row: Row) -> list[Flowable]:
    ranks = {r.key: r.rank for r in ranked(table)}
    items = [k for k in ITEMS if k in table.columns]
    body = []
    for key in items:
        m = MEASURES[key]
        mine = row.cells[key].text() if key in row.cells else ""
        body.append((m.label, mine, center_figure(table, key), m.unit.value))
    story: list[Flowable] = [
        kit.p(_title(report), "title"), Spacer(1, 4),
        meta_block(kit, (("调解员", row.label), ("考评期间", report.period.label),
                         ("调解组织", report.unit_name),
                         ("生成日期", format_cn_date(report.generated_on)))),
        kit.p("一、办案情况", "heading"),
        ruled_table(kit, ("考评项目", "本人", "本中心（人均/平均）", "单位"), body,
                    [w * mm for w in (52, 34, 44, 26)], center_cols=(3,)),
        Spacer(1, 4),
        kit.p(f"调解成功率在本中心{len(table.rows)}名调解员中排第{ranks[row.key]}名"
              "（成功率相同的，受理数多者在前）。", "body"),
        kit.p("注：本中心人均为各调解员数字之和除以调解员人数；成功率、平均办理天数和满意度为"
              "本中心全部案件的数字。调解成功率 = 调解成功数 ÷ 受理纠纷数 × 100%。", "note"),
        kit.p("二、考评意见", "heading"),
        ruled_table(kit, ("考评意见（由中心主任填写）",), [("\n" * 7,)], [FRAME_W]),
    ]
    story.append(signature_block(kit, (
        signed("调解员（签名）", ""), f"日期：{BLANK_DATE}",
        signed("中心主任（签名）", ""), f"日期：{BLANK_DATE}"), widths=(0.55, 0.45)))
    return story


def _all(kit: Kit, report: Report, table: Table) -> list[Flowable]:
    rows = ranked(table)
    ordered = Table(table.key, table.title, table.columns, tuple(rows), table.total, table.note)
    return [
        kit.p(f"{_title(report)}（汇总）", "title"), Spacer(1, 4),
        meta_block(kit, (("调解组织", report.unit_name), ("考评期间", report.period.label),
                         ("调解员人数", str(len(rows))),
                         ("生成日期", format_cn_date(report.generated_on)))),
        kit.p("调解员考评排名", "heading"),
        table_flowable(kit, ordered),
        kit.p("注：按调解成功率排名，成功率相同的，受理纠纷数多者在前；两项都相同的名次并列。"
              + (table.note or ""), "note"),
        signature_block(kit, (signed("中心主任（签名）", ""), f"日期：{BLANK_DATE}"),
                        widths=(0.55, 0.45)),
    ]


def render_assessment(report: Report, mediator_key: str | None = None, *,
                      font: DocumentFont | None = None) -> bytes:
    """A mediator's 考评表 (``mediator_key`` given) or the ranked table of all mediators.

    Raises DomainError when the report has no 按调解员 table or no such mediator, or when
    no Chinese font can be found. The same report gives the same bytes.
    """
    table = _mediators(report)
    kit = Kit(font or document_font())
    if mediator_key is None:
        story = _all(kit, report, table)
        name = "汇总"
    else:
        row = next((r for r in table.rows if r.key == mediator_key), None)
        if row is None:
            raise DomainError(f"报告中没有这名调解员：{mediator_key}", code="mediator_not_found")
        story = _one(kit, report, table, row)
        name = row.label
    title = _title(report)
    return build(story, font=kit.font.name,
                 title=f"{report.unit_name}{report.period.label}{title}（{name}）",
                 subject=report.period.code, footer_left=report.unit_name,
                 footer_right=f"{report.period.label}　{title}", day=report.generated_on)


__all__: Sequence[str] = ("center_figure", "ranked", "render_assessment")
