"""A statistics report as XLSX (openpyxl): the workbook a director files and a court sums.

Sheet 1 主要指标 holds the headline figures with 上期 (环比) and 去年同期 (同比); then one
sheet per table of the report (按纠纷类型, 按调解员, ...), the 12-month trend, and 统计说明
with every measure's counting rule. Numbers are numbers (rates and days ``0.0``, 万元
``0.00``), dates are dates, a suppressed cell of a published report is the text ``<3``,
and text is always text, never a formula. Every sheet prints on A4 landscape, one page
wide, its header row repeated; the header is frozen and the table has an autofilter.

The same :class:`Report` gives the same bytes: the document properties are dated from
``report.generated_on`` and the zip entries carry a fixed timestamp.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from weakref import WeakKeyDictionary

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..domain.statistics import (
    HEADLINE,
    MEASURES,
    SMALL_CELL,
    Figure,
    Number,
    Report,
    Row,
    Table,
    Unit,
)
from .comparisons import Comparison, comparison, hidden_comparisons

SUMMARY_COLUMNS = ("指标", "本期", "上期", "环比%", "去年同期", "同比%", "单位", "统计口径")
DIMENSION_NAMES = {
    "by_type": "纠纷类型", "by_source": "案件来源", "by_mediator": "调解员",
    "by_village": "村（社区）", "by_center": "调解组织", "by_end_reason": "终止原因",
    "satisfaction": "满意度", "litigation_source": "调解组织", "villages": "村（社区）",
    "wusong": "村（社区）",
}
"""What the first column of a table names (a table not listed: 项目)."""

NOT_COMPUTABLE = "—"
FONT_NAME = "宋体"
"""The font of every cell (SimSun: what a Chinese office's forms are set in)."""
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""The timestamp of every zip entry (the earliest a zip can hold): the same bytes each time."""

_FORMATS = {Unit.PERCENT: "0.0", Unit.DAYS: "0.0", Unit.SCORE: "0.0",
            Unit.TEN_THOUSAND_YUAN: "0.00", Unit.CASES: "0", Unit.PERSONS: "0"}
_DATE_FORMAT = "yyyy-mm-dd"
_UNTIL_FORMAT = '"至 "yyyy-mm-dd'  # the period's last day, still a date
_MONTH_FORMAT = 'yyyy"年"m"月"'
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDE4EE")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_HEADER_ROW = 4  # row 1 title, row 2 填报单位, row 3 统计期间
_PERIOD_ROW = 3


# --- values -------------------------------------------------------------------------------
def _number(value: Number | None, unit: Unit) -> int | float | None:
    """A figure's value as the spreadsheet holds it (None: not computable)."""
    if value is None:
        return None
    if unit in (Unit.CASES, Unit.PERSONS):
        return int(value)
    return float(Decimal(value))


def figure_cell(fig: Figure) -> tuple[Any, str | None]:
    """The cell value of a figure and its number format: a number, ``<3`` or ``—``."""
    if fig.suppressed:
        return f"<{SMALL_CELL}", None
    value = _number(fig.value, fig.unit)
    if value is None:
        return NOT_COMPUTABLE, None
    return value, _FORMATS[fig.unit]


def comparison_cell(c: Comparison, unit: Unit) -> tuple[Any, str | None]:
    """上期 or 去年同期: a number, ``<3`` (hidden in a published report) or ``—``."""
    if c.hidden:
        return f"<{SMALL_CELL}", None
    number = _number(c.value, unit)
    if number is None:
        return NOT_COMPUTABLE, None
    return number, _FORMATS[unit]


def change_cell(change: Decimal | None) -> tuple[Any, str | None]:
    return (NOT_COMPUTABLE, None) if change is None else (float(change), "0.0")


# --- writing cells --------------------------------------------------------------------------
_FILLS = {"head": _HEAD_FILL, "total": _TOTAL_FILL}
_NAMED: WeakKeyDictionary[Workbook, dict[tuple[Any, ...], str]] = WeakKeyDictionary()
"""Per workbook, the named style of each look a cell takes (one assignment per cell: setting
font, alignment, border and format one by one costs openpyxl a hash each)."""


def _style_name(wb: Workbook, look: tuple[Any, ...]) -> str:
    styles = _NAMED.setdefault(wb, {})
    name = styles.get(look)
    if name is None:
        number_format, bold, size, wrap, horizontal, box, fill = look
        name = f"统计报表{len(styles) + 1}"
        style = NamedStyle(name=name)
        style.font = Font(name=FONT_NAME, bold=bold, size=size or 11)
        style.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=wrap)
        if number_format:
            style.number_format = number_format
        if box:
            style.border = _BOX
        if fill:
            style.fill = _FILLS[fill]
        wb.add_named_style(style)
        styles[look] = name
    return name


def _put(ws: Worksheet, row: int, col: int, value: Any, number_format: str | None = None,
         *, bold: bool = False, wrap: bool = False, align: str | None = None,
         box: bool = False, fill: str = "", size: int = 0) -> None:
    """Write one cell: text always as text (never a formula), a number with its format."""
    cell = ws.cell(row=row, column=col)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # "=..." stays text, never a formula
        number_format = None
    horizontal = align or ("right" if isinstance(value, int | float) or value in (
        NOT_COMPUTABLE, f"<{SMALL_CELL}") else "left")
    wb = ws.parent
    assert isinstance(wb, Workbook)
    cell.style = _style_name(wb, (number_format, bold, size, wrap, horizontal, box, fill))


def _put_pair(ws: Worksheet, row: int, col: int, pair: tuple[Any, str | None], **kw: Any) -> None:
    _put(ws, row, col, pair[0], pair[1], **kw)


def text_width(text: str) -> int:
    """Columns a text takes: a Chinese character (wide) counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _shown(value: Any, number_format: str | None) -> str:
    if isinstance(value, float) and number_format:
        decimals = len(number_format.split(".")[1]) if "." in number_format else 0
        return f"{value:.{decimals}f}"
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def _fit_columns(ws: Worksheet, rows: Sequence[int], *, caps: dict[int, int] | None = None,
                 ) -> None:
    """Column widths that fit the Chinese text of ``rows`` (within caps); a row whose
    wrapped text needs more lines gets the height for them (no reader grows it alone)."""
    wanted, first = set(rows), min(rows)
    cells = [(n, row) for n, row in enumerate(ws.iter_rows(min_row=first, max_row=max(rows)),
                                              first) if n in wanted]
    widths: dict[int, int] = {}
    for _n, row in cells:
        for cell in row:
            if cell.value is not None:
                w = text_width(_shown(cell.value, cell.number_format))
                widths[cell.column] = max(widths.get(cell.column, 0), w)
    for col, w in widths.items():
        cap = (caps or {}).get(col, 40)
        ws.column_dimensions[get_column_letter(col)].width = min(max(w + 2, 8), cap)
    for n, row in cells:
        lines = 1
        for cell in row:
            if isinstance(cell.value, str) and cell.alignment.wrap_text:
                width = ws.column_dimensions[get_column_letter(cell.column)].width - 1
                lines = max(lines, -(-text_width(cell.value) // int(width)))
        if lines > 1:
            ws.row_dimensions[n].height = 15 * lines


def _heading(ws: Worksheet, report: Report, title: str) -> None:
    """Row 1 the title; row 2 填报单位 (the name runs on across the empty cells to its
    right, so a long name widens no column); row 3 统计期间: its first and last day, dates
    (the last shown as 至 2026-11-30)."""
    public = "（对外发布）" if report.public else ""
    _put(ws, 1, 1, f"{report.unit_name}{report.title}（{report.period.label}）{public}"
         f"——{title}", bold=True, size=14)
    _put(ws, 2, 1, "填报单位")
    _put(ws, 2, 2, report.unit_name)
    _put(ws, _PERIOD_ROW, 1, "统计期间")
    _put(ws, _PERIOD_ROW, 2, report.period.start, _DATE_FORMAT, align="left")
    _put(ws, _PERIOD_ROW, 3, report.period.end, _UNTIL_FORMAT, align="left")


def _header(ws: Worksheet, row: int, names: Sequence[str]) -> None:
    for col, name in enumerate(names, 1):
        _put(ws, row, col, name, bold=True, wrap=True, align="center", box=True, fill="head")


def _print_setup(ws: Worksheet, *, header_row: int, width: int, freeze: str,
                 filter_last: int) -> None:
    """A4 landscape, one page wide, the header row on every page; frozen header; a filter."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.freeze_panes = freeze
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(width)}{max(filter_last, header_row)}"
    footer = ws.oddFooter
    assert footer is not None  # a worksheet always has its header/footer
    footer.center.text = "第 &P 页，共 &N 页"


_DEFAULT_WIDTH = 8.43  # a column without a width of its own


def _note(ws: Worksheet, row: int, text: str, columns: int) -> None:
    """A note under a table: across the table's columns (at least six), wrapped, the row
    as high as its lines."""
    columns = max(columns, 6)
    _put(ws, row, 1, text, wrap=True, align="left")
    if columns > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    room = sum(_column_width(ws, c) for c in range(1, columns + 1)) - 1
    lines = -(-text_width(text) // max(int(room), 1))
    if lines > 1:
        ws.row_dimensions[row].height = 15 * lines


def _column_width(ws: Worksheet, col: int) -> float:
    letter = get_column_letter(col)
    dims = ws.column_dimensions
    return float(dims[letter].width) if letter in dims else _DEFAULT_WIDTH


def _print_area(ws: Worksheet, width: int) -> None:
    """Print the table's columns and as many more as a text running on to the right needs
    (the title, 填报单位, a note under a narrow table), so that none is cut at the edge."""
    needed = 0.0
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            col = int(cell.column or 1)
            left = sum(_column_width(ws, c) for c in range(1, col))
            if isinstance(cell.value, str) and not cell.alignment.wrap_text:
                scale = (cell.font.size or 11) / 11
                needed = max(needed, left + text_width(cell.value) * scale + 1)
            else:
                needed = max(needed, left + _column_width(ws, col))
    cols, total = 0, 0.0
    while cols < max(width, 1) or (total < needed and cols < 30):
        cols += 1
        total += _column_width(ws, cols)
    ws.print_area = f"A1:{get_column_letter(cols)}{ws.max_row}"


# --- sheets ---------------------------------------------------------------------------------
def _summary_sheet(ws: Worksheet, report: Report, prepared_by: str, reviewed_by: str) -> None:
    ws.title = "主要指标"
    _heading(ws, report, "主要指标")
    _header(ws, _HEADER_ROW, SUMMARY_COLUMNS)
    hidden = hidden_comparisons(report)
    keys = [k for k in HEADLINE if k in report.figures]
    keys += [k for k in report.figures if k not in keys]
    row = _HEADER_ROW
    for key in keys:
        fig = report.figures[key]
        row += 1
        _put(ws, row, 1, fig.label, box=True)
        _put_pair(ws, row, 2, figure_cell(fig), box=True)
        for col, which in ((3, "previous"), (5, "year_before")):
            then = comparison(fig, which, hidden)
            _put_pair(ws, row, col, comparison_cell(then, fig.unit), box=True)
            _put_pair(ws, row, col + 1, change_cell(then.change), box=True)
        _put(ws, row, 7, fig.unit.value, align="center", box=True)
        _put(ws, row, 8, fig.measure.rule, wrap=True, box=True)
    last_data = row
    row += 2
    _put(ws, row, 1, "对比期间")
    _put(ws, row, 2, f"上期：{report.period.previous().label}；"
                     f"去年同期：{report.period.year_before().label}")
    row += 1
    _put(ws, row, 1, "填报人")
    _put(ws, row, 2, prepared_by)
    _put(ws, row, 3, "审核人")
    _put(ws, row, 4, reviewed_by)
    _put(ws, row, 5, "填报日期")
    _put(ws, row, 6, report.generated_on, _DATE_FORMAT, align="left")
    _print_setup(ws, header_row=_HEADER_ROW, width=len(SUMMARY_COLUMNS),
                 freeze=f"B{_HEADER_ROW + 1}", filter_last=last_data)
    # the signature line too (its date), not the 对比期间 line, which runs on to the right
    _fit_columns(ws, [_PERIOD_ROW, *range(_HEADER_ROW, last_data + 1), row], caps={8: 60})
    _print_area(ws, len(SUMMARY_COLUMNS))


def column_title(key: str) -> str:
    """A table column's header: the measure's label and unit, 受理纠纷数（件）."""
    m = MEASURES[key]
    return f"{m.label}（{m.unit.value}）"


def _table_sheet(ws: Worksheet, report: Report, table: Table) -> None:
    ranked = any(r.rank is not None for r in table.rows)
    names = (["名次"] if ranked else []) + [DIMENSION_NAMES.get(table.key, "项目")] + [
        column_title(c) for c in table.columns]
    _heading(ws, report, table.title)
    _header(ws, _HEADER_ROW, names)

    def write(row: int, r: Row, *, total: bool = False) -> None:
        look: dict[str, Any] = {"box": True, "bold": total, "fill": "total" if total else ""}
        col = 1
        if ranked:
            _put(ws, row, col, r.rank, "0", align="center", **look)
            col += 1
        _put(ws, row, col, r.label or ("合计" if total else "未登记"), **look)
        for key in table.columns:
            col += 1
            fig = r.cells.get(key)
            _put_pair(ws, row, col, figure_cell(fig) if fig else (None, None), **look)

    row = _HEADER_ROW
    for r in table.rows:
        row += 1
        write(row, r)
    last_data = row
    if table.total is not None:
        row += 1
        write(row, table.total, total=True)
    _fit_columns(ws, [_PERIOD_ROW, *range(_HEADER_ROW, row + 1)], caps={1 + ranked: 30})
    if table.note:
        row += 2
        _note(ws, row, table.note, len(names))
    _print_setup(ws, header_row=_HEADER_ROW, width=len(names),
                 freeze=f"{get_column_letter(2 + ranked)}{_HEADER_ROW + 1}",
                 filter_last=last_data)
    _print_area(ws, len(names))


def _trend_sheet(ws: Worksheet, report: Report) -> None:
    names = ("月份", column_title("accepted"), column_title("succeeded"),
             column_title("success_rate"))
    _heading(ws, report, "近12个月趋势")
    _header(ws, _HEADER_ROW, names)
    row = _HEADER_ROW
    for point in report.trend:
        row += 1
        _put(ws, row, 1, point.period.start, _MONTH_FORMAT, align="left", box=True)
        for col, fig in enumerate((point.accepted, point.succeeded, point.success_rate), 2):
            _put_pair(ws, row, col, figure_cell(fig), box=True)
    _print_setup(ws, header_row=_HEADER_ROW, width=len(names),
                 freeze=f"B{_HEADER_ROW + 1}", filter_last=row)
    _fit_columns(ws, [_PERIOD_ROW, *range(_HEADER_ROW, row + 1)])
    _print_area(ws, len(names))


def _notes_sheet(ws: Worksheet, report: Report) -> None:
    names = ("指标", "单位", "统计口径")
    _heading(ws, report, "统计说明")
    _header(ws, _HEADER_ROW, names)
    row = _HEADER_ROW
    for m in MEASURES.values():
        row += 1
        _put(ws, row, 1, m.label, box=True)
        _put(ws, row, 2, m.unit.value, align="center", box=True)
        _put(ws, row, 3, m.rule, wrap=True, box=True)
    last_data = row
    notes = ["统计规则：按本期内发生的事件计数，而非案件当前状态；"
             "同一案件在同一指标同一期间只计一次。"]
    if report.public:
        notes.append(f"本表为对外发布版本：少于{SMALL_CELL}件的数字显示为“<{SMALL_CELL}”，"
                     "并相应隐去可据以推算的数字。")
    notes += list(report.notes)
    notes += [f"{t.title}：{t.note}" for t in report.tables if t.note]
    notes_from = row + 2
    _print_setup(ws, header_row=_HEADER_ROW, width=len(names),
                 freeze=f"A{_HEADER_ROW + 1}", filter_last=last_data)
    _fit_columns(ws, [_PERIOD_ROW, *range(_HEADER_ROW, last_data + 1)], caps={3: 80})
    for row, note in enumerate(notes, notes_from):
        _note(ws, row, note, len(names))
    _print_area(ws, len(names))


_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_title(title: str, taken: set[str]) -> str:
    """A valid, unique sheet name (31 characters, none of []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub("", title)[:31] or "表"
    name, n = base, 2
    while name in taken:
        suffix = f"（{n}）"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


# --- the workbook ---------------------------------------------------------------------------
def build_workbook(report: Report, *, prepared_by: str = "", reviewed_by: str = "") -> Workbook:
    """The report's workbook (the sheets in order: 主要指标, the tables, trend, 统计说明)."""
    wb = Workbook()
    first = wb.active
    assert isinstance(first, Worksheet)  # a new workbook starts with one worksheet
    _summary_sheet(first, report, prepared_by, reviewed_by)
    taken = {first.title}
    for table in report.tables:
        ws = wb.create_sheet(sheet_title(table.title, taken))
        _table_sheet(ws, report, table)
    if report.trend:
        _trend_sheet(wb.create_sheet(sheet_title("近12个月趋势", taken)), report)
    _notes_sheet(wb.create_sheet(sheet_title("统计说明", taken)), report)
    stamp = datetime.combine(report.generated_on, time(0, 0))
    props = wb.properties
    props.title = f"{report.unit_name}{report.title}（{report.period.label}）"
    props.creator = prepared_by or report.unit_name
    props.lastModifiedBy = prepared_by or report.unit_name
    props.created = stamp
    props.modified = stamp
    return wb


def fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry dated :data:`ZIP_DATE` (openpyxl dates them now)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def render_report_xlsx(report: Report, *, prepared_by: str = "", reviewed_by: str = "") -> bytes:
    """The report as XLSX bytes; the same report gives the same bytes."""
    wb = build_workbook(report, prepared_by=prepared_by, reviewed_by=reviewed_by)
    buf = io.BytesIO()
    # ExcelWriter, not Workbook.save: save_workbook stamps the modified time with now
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).write_data()
    return fixed_zip(buf.getvalue())
