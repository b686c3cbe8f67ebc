"""月报 / 季度通报 / 年度报告 as PDF: a :class:`Report` in, A4 portrait bytes out.

Layout of a government statistics report: the title (人民调解工作月报…), 填报单位, 统计期间
and 生成日期; 一、主要指标 as a ruled table with 上期 (环比) and 去年同期 (同比); 二、统计图表
(bars by dispute type and by source, the 12-month line of 受理 and 成功率, the mediators
compared); 三、分类统计, every table of the report, generic over its columns (a rank
column where rows are ranked, the 合计 row shaded, the header repeated when a table runs
over pages); 四、统计说明, the counting rule of every measure printed; then the 填报人 /
审核人 / 日期 lines, kept on the page of the text before them. Every number is printed
with :meth:`Figure.text`, so a published report shows ``<3`` where the core hid a cell.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ..documents.fonts import DocumentFont, document_font
from ..domain.formatting import format_cn_date, numeral
from ..domain.statistics import (
    MEASURES,
    SMALL_CELL,
    Figure,
    Number,
    Report,
    Row,
    Table,
    Unit,
    format_value,
)
from .charts import ORANGE, Series, bar_chart, trend_chart
from .common_pdf import (
    BLANK_DATE,
    CELL,
    FRAME_W,
    Kit,
    build,
    meta_block,
    ruled_table,
    signature_block,
    signed,
)
from .comparisons import WHICH, comparison, hidden_comparisons

DIMENSIONS = {"by_type": "纠纷类型", "by_source": "案件来源", "by_mediator": "调解员",
              "by_village": "村（社区）", "villages": "村（社区）", "wusong": "村（社区）",
              "by_center": "调解组织", "by_end_reason": "终止原因", "satisfaction": "满意度",
              "litigation_source": "调解组织"}
"""The heading of a table's row-label column, by table key (others: 项目)."""

CHART_ROWS = 20  # the mediator chart shows at most this many (the most cases first)


def column_header(key: str) -> str:
    """A measure column's header: its label, and its unit on a line of its own."""
    m = MEASURES[key]
    return f"{m.label}\n（{m.unit.value}）"


def change_text(change: Decimal | None) -> str:
    """A percentage change as printed: +12.3, -4.1, 0.0, or — (not computable)."""
    if change is None:
        return "—"
    return f"+{change}" if change > 0 else f"{change}"


def comparison_text(value: Number | None, unit: Unit, public: bool) -> str:
    """上期 / 去年同期 values: a published report hides small counts there too."""
    if (public and unit in (Unit.CASES, Unit.PERSONS) and isinstance(value, int)
            and 0 < value < SMALL_CELL):
        return f"<{SMALL_CELL}"
    return format_value(value, unit)


def _headline(kit: Kit, report: Report) -> Flowable:
    header = ("指标", "本期", "上期", "环比（%）", "去年同期", "同比（%）", "单位")
    rows = []
    hidden = hidden_comparisons(report)  # the XLSX and JSON hide the same ones
    for f in report.figures.values():
        cells: list[str] = [f.label, f.text()]
        for which in WHICH:
            c = comparison(f, which, hidden)
            cells += [f"<{SMALL_CELL}" if c.hidden else format_value(c.value, f.unit),
                      change_text(c.change)]
        rows.append((*cells, f.unit.value))
    widths = [w * mm for w in (44, 20, 20, 19, 20, 19, 14)]
    return ruled_table(kit, header, rows, widths, center_cols=(6,))


def _label_width(kit: Kit, labels: Iterable[str], lo: float, hi: float,
                 size: float = CELL) -> float:
    longest = max((kit.width(t, size) for t in labels), default=0.0)
    return max(lo, min(hi, longest + 8))


def table_flowable(kit: Kit, table: Table) -> Flowable:
    """A report table as a ruled table: [排名] label, one column per measure, 合计."""
    ranked = any(r.rank is not None for r in table.rows)
    rows: list[Row] = list(table.rows) + ([table.total] if table.total else [])
    header = (["排名"] if ranked else []) + [DIMENSIONS.get(table.key, "项目")]
    header += [column_header(c) for c in table.columns]
    body = []
    for r in rows:
        cells = [r.cells[c].text() if c in r.cells else "" for c in table.columns]
        lead = [str(r.rank) if r.rank is not None else ""] if ranked else []
        body.append(lead + [r.label] + cells)
    rank_w = 11 * mm if ranked else 0.0
    n = max(1, len(table.columns))
    num_w = min(26 * mm, (FRAME_W - rank_w - 30 * mm) / n)
    label_w = _label_width(kit, (r.label for r in rows), 24 * mm, 70 * mm)
    label_w = min(label_w, FRAME_W - rank_w - n * num_w)
    if n * num_w + label_w + rank_w < FRAME_W and n > 3:  # a wide table fills the frame
        num_w = (FRAME_W - rank_w - label_w) / n
    widths = ([rank_w] if ranked else []) + [label_w] + [num_w] * len(table.columns)
    label_cols = 2 if ranked else 1
    return ruled_table(kit, header, body, widths, label_cols=label_cols,
                       total_rows=1 if table.total else 0,
                       center_cols=(0,) if ranked else ())


def _no_court_villages(table: Table) -> list[str]:
    """无讼 candidates: villages with cases in the period and none that went to court."""
    out = []
    for r in table.rows:
        court, acc = r.cells.get("to_court"), r.cells.get("accepted")
        if court is not None and not court.suppressed and court.value == 0 and acc is not None:
            out.append(r.label)
    return out


def _tables(kit: Kit, report: Report) -> list[Flowable]:
    story: list[Flowable] = []
    for i, table in enumerate(report.tables):
        story.append(kit.p(f"（{numeral(i)}）{table.title}", "subheading"))
        story.append(table_flowable(kit, table))
        if not table.rows:
            story.append(kit.p("本期无数据。", "note"))
        if table.note:
            story.append(kit.p(f"注：{table.note}", "note"))
        if (table.key == "by_village" and "to_court" in table.columns
                and report.table("wusong") is None):  # the village view lists them itself
            names = _no_court_villages(table)
            story.append(kit.p("本期无讼候选村（社区）：" + ("、".join(names) or "无"), "note"))
        story.append(Spacer(1, 4))
    return story


def chart_label(font: DocumentFont, text: str) -> tuple[str, str]:
    """A chart label and its face. A chart string has one face: a label the main face
    cannot draw takes a fallback face that has all of it; failing that, each character
    the main face lacks prints as a visible ``[U+XXXX]`` (the table beside has the name)."""
    if all(font.face_for(ch) == font.name for ch in text):
        return text, font.name
    for name, chars in font.fallbacks():
        if all(ord(ch) in chars or ch == " " for ch in text):
            return text, name
    shown = "".join(ch if font.face_for(ch) == font.name else f"[U+{ord(ch):04X}]"
                    for ch in text)
    return shown, font.name


def _labels(kit: Kit, rows: Iterable[Row]) -> tuple[list[str], list[str]]:
    pairs = [chart_label(kit.font, r.label) for r in rows]
    return [t for t, _f in pairs], [f for _t, f in pairs]


def _value(f: Figure | None) -> float | None:
    if f is None or f.suppressed or f.value is None:
        return None
    return float(f.value)


def _bars(kit: Kit, table: Table, title: str, column: str) -> Flowable:
    labels, faces = _labels(kit, table.rows)
    figs = [r.cells.get(column) for r in table.rows]
    series = Series(MEASURES[column].label, [_value(f) for f in figs],
                    [f.text() if f else "" for f in figs])
    return bar_chart(title, labels, [series], font=kit.font.name, width=FRAME_W,
                     label_width=_label_width(kit, labels, 40, 130, 8),
                     unit=MEASURES[column].unit.value, label_fonts=faces)


def _mediator_bars(kit: Kit, table: Table) -> Flowable:
    rows = list(table.rows)
    title = "调解员办案情况对比"
    if len(rows) > CHART_ROWS:
        rows = sorted(rows, key=lambda r: -(_value(r.cells.get("accepted")) or 0))[:CHART_ROWS]
        title += f"（受理数前{CHART_ROWS}名）"
    labels, faces = _labels(kit, rows)
    series = []
    for col, color in (("accepted", None), ("succeeded", ORANGE)):
        figs = [r.cells.get(col) for r in rows]
        s = Series(MEASURES[col].label, [_value(f) for f in figs],
                   [f.text() if f else "" for f in figs])
        series.append(s if color is None else Series(s.name, s.values, s.texts, color))
    return bar_chart(title, labels, series, font=kit.font.name, width=FRAME_W,
                     label_width=_label_width(kit, labels, 40, 130, 8), unit="件",
                     label_fonts=faces)


def _charts(kit: Kit, report: Report) -> list[Flowable]:
    story: list[Flowable] = []
    for key, title in (("by_type", "按纠纷类型受理纠纷数"), ("by_source", "按案件来源受理纠纷数")):
        table = report.table(key)
        if table is not None and table.rows and "accepted" in table.columns:
            story += [_bars(kit, table, title, "accepted"), Spacer(1, 8)]
    if report.trend:
        first, last = report.trend[0].period, report.trend[-1].period
        title = (f"近{len(report.trend)}个月受理纠纷数与调解成功率"
                 f"（{first.label}—{last.label}）")
        story += [trend_chart(title, [f"{p.period.start.month}月" for p in report.trend],
                              [_value(p.accepted) for p in report.trend],
                              [_value(p.success_rate) for p in report.trend],
                              font=kit.font.name, width=FRAME_W), Spacer(1, 8)]
    mediators = report.table("by_mediator")
    if mediators is not None and mediators.rows:
        story += [_mediator_bars(kit, mediators), Spacer(1, 8)]
    return story


def printed_measures(report: Report) -> list[str]:
    """Keys of every measure the report prints, in order of first appearance."""
    keys = list(report.figures)
    for t in report.tables:
        keys += t.columns
    if report.trend:
        keys += ["accepted", "succeeded", "success_rate"]
    return list(dict.fromkeys(k for k in keys if k in MEASURES))


def _explanations(kit: Kit, report: Report) -> list[Flowable]:
    period = report.period
    lines = [
        "本报告按事件在统计期间内发生的日期计数，不按案件的当前状态计数：案件在受理日期所在期间"
        "计为受理，在调解协议生效日期所在期间计为调解成功，司法确认、移送立案等在该事件发生的"
        "期间计数；同一案件在同一期间的同一指标只计一次。",
        "调解成功率 = 调解成功数 ÷ 受理纠纷数 × 100%（成功 / 受理）。",
        f"环比为与上一统计期间（{period.previous().label}）相比，同比为与上年同期"
        f"（{period.year_before().label}）相比，均为增减百分比；比较期为0时不计算。"
        "“—”表示无法计算（如受理数为0时的成功率）。",
    ]
    if report.public:
        lines.append(f"本报告为对外发布版本：不足{SMALL_CELL}件（人）的数字显示为“<{SMALL_CELL}”，"
                     "由其计算的比率、金额和平均数一并隐去，并对可能据合计反推出被隐去数字的"
                     "单元格作了相应处理。")
    else:
        lines.append("本报告为内部资料，含全部数字；对外发布时应使用对外发布版本。")
    if report.court_desk:
        lines.append("本报告为法院根据各调解组织报送的案件记录汇总，计数规则与各调解组织的"
                     "报告相同。")
    lines += list(report.notes)
    story: list[Flowable] = [kit.p(f"{i + 1}．{t}", "rule") for i, t in enumerate(lines)]
    story.append(kit.p("各项指标的计数规则：", "body"))
    for n, key in enumerate(printed_measures(report), start=1):
        m = MEASURES[key]
        story.append(kit.p(f"（{n}）{m.label}（{m.unit.value}）：{m.rule}", "rule"))
    return story


def render_report(report: Report, *, prepared_by: str = "", reviewed_by: str = "",
                  font: DocumentFont | None = None) -> bytes:
    """The report as A4 PDF bytes; the same report gives the same bytes.

    ``prepared_by`` / ``reviewed_by`` fill the 填报人 / 审核人 lines (blank lines to sign on
    when empty). ``font`` defaults to the document font (documents/fonts.py), embedded.
    Raises DomainError when no Chinese font can be found.
    """
    kit = Kit(font or document_font())
    story: list[Flowable] = [kit.p(report.title, "title")]
    if report.public:
        story.append(kit.p("（对外发布）", "subtitle"))
    story += [Spacer(1, 4), meta_block(kit, (
        ("填报单位", report.unit_name), ("生成日期", format_cn_date(report.generated_on)),
        ("统计期间", report.period.label),
        ("发布范围", "对外发布" if report.public else "内部资料")))]
    section = iter(range(10))
    story += [kit.p(f"{numeral(next(section))}、主要指标", "heading"), _headline(kit, report)]
    charts = _charts(kit, report)
    if charts:
        story += [kit.p(f"{numeral(next(section))}、统计图表", "heading"), *charts]
    if report.tables:
        story += [kit.p(f"{numeral(next(section))}、分类统计", "heading"), *_tables(kit, report)]
    story.append(kit.p(f"{numeral(next(section))}、统计说明", "heading"))
    notes = _explanations(kit, report)
    story += notes[:-2]
    story.append(signature_block(kit, (signed("填报人", prepared_by),
                                       signed("审核人", reviewed_by), f"日期：{BLANK_DATE}"),
                                 keep_with=notes[-2:]))
    scope = "对外发布" if report.public else "内部资料"
    return build(story, font=kit.font.name,
                 title=f"{report.unit_name}{report.period.label}{report.title}",
                 subject=f"{report.period.code} {scope}",
                 footer_left=report.unit_name,
                 footer_right=f"{report.period.label}　{scope}", day=report.generated_on)
