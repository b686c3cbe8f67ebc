"""The 台账 (case ledger) as XLSX: written streaming, read defensively (openpyxl).

Writing (:func:`write_ledger`): openpyxl's write-only mode, so a list of 100,000 cases goes
to the file row by row (openpyxl keeps a temporary file, not the rows). Row 1 is the title
「××调解中心矛盾纠纷调解台账」, row 2 the period and filter, row 3 the header, repeated on
every printed page; A4 landscape, one page wide. Dates are date cells (``yyyy-mm-dd``),
amounts numbers with two decimals, text is always text (a name that starts with ``=`` is
never a formula).

Reading (:func:`read_ledger`): only a real XLSX (a zip holding ``xl/workbook.xml``) whose
parts unpack to at most :data:`MAX_UNPACKED` bytes (a zip bomb is refused before openpyxl
sees it); read-only and ``data_only`` (a formula is its last computed value, never run);
the header row is found among the first rows (merged title rows above it are skipped); at
most :data:`MAX_ROWS` data rows and :data:`MAX_COLUMNS` columns.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from ..domain.errors import DomainError
from ..domain.ledger_columns import Column, header_score
from .statistics_xlsx import text_width

FONT_NAME = "宋体"
TITLE_ROW, NOTE_ROW, HEADER_ROW = 1, 2, 3
DATE_FORMAT = "yyyy-mm-dd"
AMOUNT_FORMAT = "0.00"
MAX_ROWS = 50_000
"""Data rows an import reads; a longer ledger is refused (split it into years)."""
MAX_COLUMNS = 60
MAX_UNPACKED = 200 * 1024 * 1024
"""Bytes the parts of an XLSX may unpack to (a ledger of 50,000 rows is far below it)."""
HEADER_SEARCH_ROWS = 20
"""The header is looked for in the sheet's first rows (titles, a 填报单位 line above it)."""
SHEET_TITLE = "台账"

_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


class LedgerFileError(DomainError):
    """The file is not a ledger this program can read (with what to do)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="ledger_file")


# --- writing --------------------------------------------------------------------------------
def _styles(wb: Workbook) -> None:
    def add(name: str, *, bold: bool = False, size: int = 11, box: bool = True,
            horizontal: str = "left", wrap: bool = False, number_format: str = "",
            fill: str = "") -> None:
        style = NamedStyle(name=name)
        style.font = Font(name=FONT_NAME, bold=bold, size=size)
        style.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=wrap)
        if box:
            style.border = _BOX
        if number_format:
            style.number_format = number_format
        if fill:
            style.fill = PatternFill("solid", fgColor=fill)
        wb.add_named_style(style)

    add("台账标题", bold=True, size=16, box=False, horizontal="center")
    add("台账说明", box=False)
    add("台账表头", bold=True, size=10, horizontal="center", wrap=True, fill="DDE4EE")
    add("台账文字", size=10, wrap=True)
    add("台账日期", size=10, horizontal="center", number_format=DATE_FORMAT)
    add("台账金额", size=10, horizontal="right", number_format=AMOUNT_FORMAT)
    add("台账序号", size=10, horizontal="center", number_format="0")


def _cell(ws: Any, value: Any, style: str | None = None) -> Any:
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, datetime):
        value = value.date()
    cell: Any = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # "=..." stays text, never a formula
    if style is None:
        if isinstance(value, date):
            style = "台账日期"
        elif isinstance(value, float):
            style = "台账金额"
        elif isinstance(value, int):
            style = "台账序号"
        else:
            style = "台账文字"
    styles: dict[str, Any] = ws.__dict__.setdefault("_ledger_styles", {})
    done = styles.get(style)
    if done is None:
        cell.style = style  # a named style's lookup, once per style and sheet
        styles[style] = copy(cell._style)
    else:
        cell._style = copy(done)  # what the assignment sets, without the lookup
    return cell


LINE_HEIGHT = 13.5  # points per line of the 10-point data font


def _lines(values: Sequence[Any], columns: Sequence[Column]) -> int:
    """Lines the tallest wrapped text of a row takes in its column."""
    lines = 1
    for value, col in zip(values, columns, strict=False):
        if isinstance(value, str) and value:
            room = max(col.width, 1)
            if 2 * len(value) <= room and "\n" not in value:
                continue  # fits even if every character is wide
            need = sum(-(-text_width(part) // room) or 1 for part in value.split("\n"))
            lines = max(lines, need)
    return lines


def _append(ws: Any, cells: list[Any], n: int, lines: int) -> None:
    """Append row ``n`` as high as its lines (the dimension dropped once written: a
    streamed sheet keeps no per-row state)."""
    if lines > 1:
        ws.row_dimensions[n].height = LINE_HEIGHT * lines + 2
    ws.append(cells)
    if lines > 1:
        del ws.row_dimensions[n]


def write_ledger(out: IO[bytes] | Path, *, title: str, note: str, columns: Sequence[Column],
                 rows: Iterable[Sequence[Any]]) -> int:
    """Write the ledger; ``rows`` are the cell values in ``columns`` order (a date, a
    Decimal amount, an int, text or None). Returns the number of data rows written.
    Each row is as high as its wrapped text needs (no reader grows a row by itself)."""
    wb = Workbook(write_only=True)
    _styles(wb)
    ws = wb.create_sheet(SHEET_TITLE)
    width = len(columns)
    last = get_column_letter(max(width, 1))
    for n, col in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(n)].width = col.width + 2
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.merged_cells.add(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    ws.merged_cells.add(f"A{NOTE_ROW}:{last}{NOTE_ROW}")
    ws.row_dimensions[TITLE_ROW].height = 28
    ws.append([_cell(ws, title, "台账标题")])
    ws.append([_cell(ws, note, "台账说明")])
    headers = [c.title for c in columns]
    _append(ws, [_cell(ws, h, "台账表头") for h in headers], HEADER_ROW,
            _lines(headers, columns))
    count = 0
    for values in rows:
        _append(ws, [_cell(ws, v) if v is not None else _cell(ws, None, "台账文字")
                     for v in values], HEADER_ROW + count + 1, _lines(values, columns))
        count += 1
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(count, 1)}"
    ws.print_area = f"A1:{last}{HEADER_ROW + count}"
    props = wb.properties
    props.title = title
    props.creator = "调解工作台"
    wb.save(out)
    return count


# --- reading --------------------------------------------------------------------------------
@dataclass
class LedgerSheet:
    """The table of a ledger sheet as read: its header and each data row with the row
    number Excel shows."""

    name: str
    header_row: int
    headers: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)


def _check_zip(data: bytes, name: str) -> None:
    if not data.startswith(b"PK"):
        raise LedgerFileError(f"“{name}”不是 Excel 工作簿（.xlsx）。旧版 .xls 或 WPS 表格"
                              "请先在 Excel/WPS 中“另存为”.xlsx 格式再导入。")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            unpacked = sum(i.file_size for i in infos)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise LedgerFileError(f"“{name}”已损坏，无法读取（{exc}）。") from None
    if "xl/workbook.xml" not in names:
        raise LedgerFileError(f"“{name}”不是 Excel 工作簿（.xlsx），无法读取。")
    if unpacked > MAX_UNPACKED:
        raise LedgerFileError(
            f"“{name}”解压后超过 {MAX_UNPACKED // (1024 * 1024)} MB，不像是台账，未读取。")


def _value(v: Any) -> Any:
    if isinstance(v, str):
        v = v.strip()
        return v or None
    return v


def read_ledger(data: bytes, *, name: str = "台账", max_rows: int = MAX_ROWS) -> LedgerSheet:
    """The ledger table of the first sheet that has a ledger header; LedgerFileError
    otherwise (not an XLSX, no header found, too many rows)."""
    _check_zip(data, name)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise LedgerFileError(f"“{name}”无法作为 Excel 工作簿打开（{type(exc).__name__}）。"
                              "请在 Excel/WPS 中打开后另存为 .xlsx 再试。") from None
    try:
        for ws in wb.worksheets:
            sheet = _read_sheet(ws, name, max_rows)
            if sheet is not None:
                return sheet
    finally:
        wb.close()
    raise LedgerFileError(
        f"“{name}”中没有找到台账的表头（前{HEADER_SEARCH_ROWS}行中应有“案号”“收案日期”"
        "“当事人”“纠纷类型”等列名）。请确认选择的是台账文件。")


def _read_sheet(ws: Any, name: str, max_rows: int) -> LedgerSheet | None:
    header: LedgerSheet | None = None
    blank_run = 0
    for n, cells in enumerate(ws.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1):
        values = [_value(v) for v in cells]
        if header is None:
            if n > HEADER_SEARCH_ROWS:
                return None
            if header_score(values) >= 3:
                headers = ["" if v is None else str(v) for v in values]
                while headers and not headers[-1]:
                    headers.pop()
                header = LedgerSheet(str(ws.title), n, headers)
            continue
        if not any(v is not None for v in values):
            blank_run += 1
            if blank_run > max_rows:  # a sheet of formatted empty rows: the table has ended
                break
            continue
        blank_run = 0
        if len(header.rows) >= max_rows:
            raise LedgerFileError(
                f"“{name}”的工作表“{header.name}”超过 {max_rows} 行（第{n}行仍有内容），"
                "请按年度分成几个文件分别导入。")
        header.rows.append((n, values[:len(header.headers)]))
    return header
