"""The statistics report as XLSX: real numbers and dates, every table a sheet, print setup,
the same bytes each time, and LibreOffice (a second reader) showing the same numbers."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import time
import zipfile
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from mediation_desk.domain.statistics import MEASURES, Figure, Report, Row
from mediation_desk.reports.statistics_xlsx import (
    ZIP_DATE,
    column_title,
    render_report_xlsx,
    text_width,
)

from .report_samples import sample_report

HEADER_ROW = 4


def workbook(report: Report, **kw):
    return load_workbook(io.BytesIO(render_report_xlsx(report, **kw)))


def by_label(ws: Worksheet, column: int = 1) -> dict[str, list]:
    """The rows under the header, by the text of ``column`` (1-based)."""
    out = {}
    for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
        if row[column - 1] is not None:
            out[str(row[column - 1])] = list(row)
    return out


def header(ws: Worksheet) -> list:
    return [c.value for c in ws[HEADER_ROW] if c.value is not None]


def test_the_sheets_are_the_headline_each_table_the_trend_and_the_rules():
    wb = workbook(sample_report())
    assert wb.sheetnames == ["主要指标", "按纠纷类型", "按案件来源", "按调解员", "按村（社区）",
                             "终止原因", "满意度分布", "近12个月趋势", "统计说明"]
    court = workbook(sample_report(court_desk=True, centers=4))
    assert court.sheetnames[5:7] == ["按调解组织", "诉源治理（法院委派调解）"]


def test_the_headline_sheet_holds_numbers_with_their_comparisons():
    report = sample_report()
    ws = workbook(report, prepared_by="王填报", reviewed_by="李审核")["主要指标"]
    assert header(ws) == ["指标", "本期", "上期", "环比%", "去年同期", "同比%", "单位", "统计口径"]
    rows = by_label(ws)
    # 受理 842 against 790 the month before (+6.6%) and 688 a year before (+22.4%)
    assert rows["受理纠纷数"][:7] == ["受理纠纷数", 842, 790, 6.6, 688, 22.4, "件"]
    assert rows["调解成功率"][:7] == ["调解成功率", 96.1, 96.8, -0.7, 95.9, 0.2, "%"]
    assert rows["协议涉及金额"][1:3] == [1235.4, 1102.3]
    assert rows["超期"][1] == 7 and rows["超期率"][1] == 12.5
    # a comparison over zero is not computable: a dash, not 0 or an error
    assert rows["司法确认驳回"][4:6] == [0, "—"]
    assert rows["受理纠纷数"][7] == MEASURES["accepted"].rule
    assert len(rows) == len(report.figures) + 2  # + 对比期间 and 填报人 lines
    assert rows["填报人"][:6] == ["填报人", "王填报", "审核人", "李审核", "填报日期",
                                  datetime(2026, 12, 1)]
    # every headline figure, in order, with its value
    labels = [r[0].value for r in ws.iter_rows(min_row=HEADER_ROW + 1,
                                               max_row=HEADER_ROW + len(report.figures))]
    assert labels == [f.label for f in report.figures.values()]


def test_numbers_are_numbers_with_their_formats_and_dates_are_dates():
    wb = workbook(sample_report(court_desk=True))
    ws = wb["主要指标"]
    rows = {ws.cell(row=r, column=1).value: r for r in range(HEADER_ROW + 1, ws.max_row + 1)}
    assert ws.cell(rows["受理纠纷数"], 2).data_type == "n"
    assert isinstance(ws.cell(rows["受理纠纷数"], 2).value, int)
    assert ws.cell(rows["调解成功率"], 2).number_format == "0.0"
    assert ws.cell(rows["平均办理天数"], 2).number_format == "0.0"
    assert ws.cell(rows["协议涉及金额"], 2).number_format == "0.00"
    assert ws.cell(rows["协议涉及金额"], 3).number_format == "0.00"
    assert ws.cell(rows["调解成功率"], 4).number_format == "0.0"  # 环比%
    for sheet in wb.worksheets:
        assert (sheet["A2"].value, sheet["B2"].value) == ("填报单位", "某某县人民法院")
        assert sheet["A3"].value == "统计期间"
        assert sheet["B3"].value == datetime(2026, 11, 1) and sheet["B3"].is_date
        assert sheet["C3"].value == datetime(2026, 11, 30) and sheet["C3"].is_date
        assert sheet["C3"].number_format == '"至 "yyyy-mm-dd'
        # no number stored as text anywhere
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    try:
                        float(cell.value)
                    except ValueError:
                        continue
                    pytest.fail(f"{sheet.title}!{cell.coordinate} holds a number as text")
    trend = wb["近12个月趋势"]
    months = [r[0] for r in trend.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    assert months[0] == datetime(2025, 12, 1) and months[-1] == datetime(2026, 11, 1)
    assert trend.cell(HEADER_ROW + 1, 1).is_date


def test_each_table_sheet_has_its_rows_total_and_rank():
    report = sample_report(court_desk=True, centers=5)
    wb = workbook(report)
    for table in report.tables:
        ws = wb[table.title]
        ranked = table.key == "by_center"
        first = ws.cell(HEADER_ROW, 1 + ranked).value
        assert header(ws) == (["名次"] if ranked else []) + [first] + [
            column_title(c) for c in table.columns]
        rows = by_label(ws, 1 + ranked)
        for r in [*table.rows, table.total]:
            assert r is not None
            got = rows[r.label]
            for k, col in enumerate(table.columns):
                fig = r.cells.get(col)
                want = None if fig is None or fig.value is None else (
                    int(fig.value) if isinstance(fig.value, int) else float(fig.value))
                cell = got[1 + ranked + k]
                assert cell == (want if want is not None else ("—" if fig else None)), \
                    (table.key, r.label, col)
            if ranked:
                assert got[0] == r.rank
    ws = wb["按调解组织"]
    assert [r[0] for r in ws.iter_rows(min_row=5, max_row=9, values_only=True)] == [1, 2, 3, 4, 5]
    assert ws.cell(HEADER_ROW, 1).value == "名次" and ws.cell(HEADER_ROW, 2).value == "调解组织"
    # by type: 婚姻家庭 168 of 842 accepted (20.0%), 163 succeeded (97.0%), 85.20 万元
    types = by_label(wb["按纠纷类型"])
    assert types["婚姻家庭纠纷"][1:6] == [168, 20.0, 163, 97.0, 85.2]
    assert types["合计"][1:7] == [842, 100.0, 809, 96.1, 1235.4, 7]
    assert wb["按纠纷类型"].cell(HEADER_ROW + 1, 3).number_format == "0.0"  # 占比
    assert wb["按纠纷类型"].cell(HEADER_ROW + 1, 6).number_format == "0.00"  # 万元
    # a table's note under it
    notes = [c.value for c in wb["按调解员"]["A"] if c.value]
    assert notes[-1] == report.table("by_mediator").note


def test_a_published_report_shows_small_cells_as_less_than_three():
    ws = workbook(sample_report(public=True))
    head = by_label(ws["主要指标"])
    # 防止群体性事件: 2 this month, 1 the month before, 0 a year before
    assert head["防止群体性事件"][1:6] == ["<3", "<3", "—", 0, "—"]
    # the persons of those two cases, and of last month's one (20) by the same rule
    assert head["防止群体性事件涉及人数"][1:4] == ["<3", "<3", "—"]
    assert head["司法确认撤回"][1:3] == ["<3", "<3"]  # 2 now, 2 the month before
    # 3 is shown, the 1 before is not, nor the +200.0% that would give it back
    assert head["司法确认驳回"][1:5] == [3, "<3", "—", 0]
    internal = by_label(workbook(sample_report())["主要指标"])
    assert internal["司法确认驳回"][1:5] == [3, 1, 200.0, 0]
    assert ws["主要指标"]["A1"].value.endswith("（对外发布）——主要指标")
    villages = by_label(ws["按村（社区）"])
    assert villages["东风村"][1:5] == ["<3", "<3", "<3", "<3"]  # one case, and its rate
    assert villages["前进村"][1] == 17
    notes = [c.value for c in ws["统计说明"]["A"] if c.value]
    assert any("对外发布" in n and "<3" in n for n in notes)
    villages = by_label(workbook(sample_report())["按村（社区）"])
    assert villages["东风村"][1] == 1


def test_text_is_never_a_formula():
    report = sample_report()
    table = report.table("by_mediator")
    assert table is not None
    evil = Row("m-x", '=HYPERLINK("http://x","点我")', table.rows[0].cells)
    report = replace(report, unit_name="=1+1", tables=(replace(table, rows=(evil,)),))
    data = render_report_xlsx(report, prepared_by="=SUM(A1)")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
    assert "<f>" not in xml
    wb = load_workbook(io.BytesIO(data))
    ws = wb["按调解员"]
    assert ws["A5"].value == '=HYPERLINK("http://x","点我")' and ws["A5"].data_type == "s"
    assert ws["B2"].value == "=1+1" and ws["B2"].data_type == "s"


def test_print_setup_frozen_header_and_filter():
    wb = workbook(sample_report(court_desk=True, centers=30))
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
        assert ws.print_title_rows == "$4:$4"
        assert ws.freeze_panes in ("A5", "B5", "C5")
        assert ws.auto_filter.ref.startswith("A4:")
    centers = wb["按调解组织"]
    assert centers.freeze_panes == "C5"  # 名次 and the center stay in view
    assert centers.auto_filter.ref == "A4:I34"  # header and the 30 centers, not the total
    assert centers.cell(35, 2).value == "合计"
    head = wb["主要指标"]
    assert head.auto_filter.ref == "A4:H31"  # the 27 headline figures


def test_columns_fit_their_chinese_text():
    wb = workbook(sample_report(court_desk=True))
    ws = wb["主要指标"]
    longest = max(text_width(f.label) for f in sample_report().figures.values())
    assert ws.column_dimensions["A"].width >= longest + 2  # 防止群体性事件涉及人数
    assert ws.column_dimensions["B"].width >= 12  # a date, not ###
    assert ws.column_dimensions["F"].width >= 12  # 填报日期 under 同比%
    # a long 填报单位 runs on to the right: it widens no column
    long = replace(sample_report(), unit_name="某某省某某市某某区某某街道人民调解委员会" * 2)
    assert workbook(long)["主要指标"].column_dimensions["B"].width < 20
    centers = wb["按调解组织"]
    assert centers.column_dimensions["B"].width >= text_width("城关镇第2人民调解委员会")


def test_the_rules_sheet_lists_every_measure():
    ws = workbook(sample_report())["统计说明"]
    rows = by_label(ws)
    for m in MEASURES.values():
        assert rows[m.label][1:3] == [m.unit.value, m.rule]
    assert any(str(v).startswith("统计规则：按本期内发生的事件计数") for v in rows)


def test_the_same_report_gives_the_same_bytes():
    report = replace(sample_report(court_desk=True), generated_on=date(2026, 6, 30))
    first = render_report_xlsx(report, prepared_by="王填报")
    time.sleep(2.1)  # a zip timestamp has two-second steps
    assert render_report_xlsx(report, prepared_by="王填报") == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {ZIP_DATE}
        core = z.read("docProps/core.xml").decode()
    assert core.count("2026-06-30T00:00:00Z") == 2  # created and modified: the report's day
    assert date.today().isoformat() not in core
    other = replace(report, generated_on=date(2026, 7, 1))
    assert render_report_xlsx(other, prepared_by="王填报") != first


def test_a_rate_over_no_cases_is_a_dash():
    report = sample_report()
    figures = dict(report.figures)
    figures["success_rate"] = Figure("success_rate", None, (), Decimal("96.8"), None)
    rows = by_label(workbook(replace(report, figures=figures))["主要指标"])
    assert rows["调解成功率"][1:6] == ["—", 96.8, "—", "—", "—"]


# --- LibreOffice, a second reader --------------------------------------------------------
@pytest.fixture(scope="module")
def soffice() -> Path:
    """LibreOffice; missing it fails under CI (.ci/run installs libreoffice-calc-nogui)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice is missing (apt-get install libreoffice-calc-nogui)")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    return Path(found)


# every sheet to its own CSV (LibreOffice >= 7.2), UTF-8, text cells quoted, values as stored
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false,false,false,-1"


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def test_libreoffice_reads_the_same_numbers(tmp_path, soffice):
    report = sample_report(court_desk=True, centers=6)
    xlsx = tmp_path / "report.xlsx"
    xlsx.write_bytes(render_report_xlsx(report))
    started = time.perf_counter()
    done = subprocess.run([str(soffice), "--headless", "--norestore",
                           f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                           "--convert-to", CSV_FILTER, "--outdir", str(tmp_path / "csv"),
                           str(xlsx)], capture_output=True, timeout=180, check=False)
    seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    print(f"LibreOffice converted {len(report.tables) + 3} sheets in {seconds:.1f} s")

    def sheet(name: str) -> list[list[str]]:
        # quoting is kept: a quoted field is text, a bare one a number or a date
        raw = (tmp_path / "csv" / f"report-{name}.csv").read_text("utf-8")
        return [next(csv.reader([line], quoting=csv.QUOTE_NONE)) for line in raw.splitlines()]

    def rows_of(name: str, label_col: int = 0) -> dict[str, list[str]]:
        return {r[label_col].strip('"'): r for r in sheet(name)[HEADER_ROW:] if r[label_col]}

    summary = sheet("主要指标")
    assert summary[2][1:3] == ["2026-11-01", "11/30/2026"]  # dates: not quoted
    rows = rows_of("主要指标")
    for fig in report.figures.values():
        got = rows[fig.label]
        for col, want in ((1, fig.value), (2, fig.previous), (4, fig.year_before)):
            if want is None:
                assert got[col] == '"—"', (fig.key, col)
            else:
                assert _number(got[col]) == pytest.approx(float(want)), (fig.key, col, got)
        for col, change in ((3, fig.previous_change), (5, fig.year_change)):
            if change is not None:
                assert _number(got[col]) == pytest.approx(float(change)), (fig.key, col)
    for table in report.tables:
        ranked = any(r.rank is not None for r in table.rows)
        got_rows = rows_of(table.title, int(ranked))
        for r in [*table.rows, table.total]:
            assert r is not None
            got = got_rows[r.label]
            if ranked and r.rank is not None:
                assert _number(got[0]) == r.rank
            for k, col in enumerate(table.columns):
                fig = r.cells.get(col)
                if fig is not None and fig.value is not None:
                    assert _number(got[1 + ranked + k]) == pytest.approx(float(fig.value)), \
                        (table.key, r.label, col)
    trend = [r for r in sheet("近12个月趋势")[HEADER_ROW:] if r[0]]
    assert [(_number(r[1]), _number(r[2])) for r in trend] == [
        (p.accepted.value, p.succeeded.value) for p in report.trend]
    assert trend[0][0] == "12/01/2025"  # a date LibreOffice reads as a date


def test_sheet_names_are_valid_and_unique():
    from mediation_desk.reports.statistics_xlsx import sheet_title

    taken = {"主要指标"}
    assert sheet_title("诉源治理（法院委派调解）", taken) == "诉源治理（法院委派调解）"
    assert sheet_title("主要指标", taken) == "主要指标（2）"
    assert sheet_title("按村/社区[试]:*?", taken) == "按村社区试"
    long = "很" * 40
    first, second = sheet_title(long, taken), sheet_title(long, taken)
    assert len(first) == 31 and len(second) == 31 and first != second
    report = sample_report()
    twice = replace(report, tables=(report.tables[0], report.tables[0]))
    assert workbook(twice).sheetnames[1:3] == ["按纠纷类型", "按纠纷类型（2）"]
