"""The 以案定补补贴发放表 as PDF (read back with pdftotext), XLSX (read back with openpyxl)
and JSON, from a sheet computed by hand-built closings (no database)."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from mediation_desk.documents.fonts import document_font
from mediation_desk.domain.enums import DisputeType
from mediation_desk.domain.statistics import ReportPeriod
from mediation_desk.domain.subsidy import (
    Closing,
    SubsidyOutcome,
    SubsidyRates,
    SubsidySheet,
    compute_sheet,
    rates_from_wire,
)
from mediation_desk.reports.subsidy_sheet import sheet_dict, sheet_json, sheet_pdf, sheet_xlsx
from tests.documents.conftest import page_texts, pdf_text
from tests.services.subsidy_world import RATES

S, F = SubsidyOutcome.SUCCEEDED, SubsidyOutcome.FAILED


def _closing(n: int, dtype: DisputeType, outcome: SubsidyOutcome, day: int, *people: str,
             **kw) -> Closing:
    return Closing(case_id=f"c{n}", number=f"（2026）马尚调字第{n}号", dispute_type=dtype,
                   outcome=outcome, closed_on=date(2026, 11, day),
                   mediators=tuple((f"m-{p}", p) for p in people), **kw)


def november(extra: int = 0) -> SubsidySheet:
    closings = [
        _closing(1, DisputeType.NEIGHBOUR, S, 10, "周明"),
        _closing(2, DisputeType.NEIGHBOUR, S, 20, "周明", "吴刚",
                 complex_reason="标记为疑难复杂"),
        _closing(3, DisputeType.CONTRACT, S, 5, "吴刚", complex_reason="标记为疑难复杂"),
        _closing(4, DisputeType.MARRIAGE_FAMILY, F, 12, "李华"),
        _closing(5, DisputeType.LABOUR, F, 13, "李华", mediated=False),
        _closing(6, DisputeType.TRAFFIC, S, 25, "周明", "吴刚", "李华"),
        _closing(7, DisputeType.NEIGHBOUR, F, 18),
    ]
    # many more of one mediator's cases: the detail runs over pages
    closings += [_closing(100 + k, DisputeType.OTHER, S, 1 + k % 28, "赵一")
                 for k in range(extra)]
    return compute_sheet(ReportPeriod.month(2026, 11), "马尚街道调解中心", closings,
                         rates_from_wire(RATES), today=date(2026, 12, 3))


@pytest.fixture(scope="module")
def font():
    return document_font()


def test_the_pdf_is_a4_landscape_with_lines_details_total_in_capitals_and_signatures(font):
    sheet = november()
    assert sheet.total == Decimal("640.00")
    pdf = sheet_pdf(sheet, font)
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape
    text = pdf_text(pdf)
    assert "2026年11月以案定补补贴发放表" in text
    assert "填报单位：马尚街道调解中心" in text and "统计期间：2026年11月1日至11月30日" in text
    # the lines, then the 合计 row (7 cases, 4 succeeded, 3 failed, 5 paid, 640.00)
    assert "1吴刚3303413.332周明3303163.343李华312263.337435640.00合计" in text
    assert "（2026）马尚调字第3号合同纠纷调解成功2026-11-05是合同纠纷·调解成功200.00" \
        "1.5300.00300.00" in text
    assert "未开展调解（无调解记录），不予补贴" in text
    assert "未指派调解员的办结案件（1件，不计补贴）" in text
    assert "合计补贴金额（大写）：陆佰肆拾元整" in text and "（小写）：¥640.00" in text
    assert "制表人：" in text and "审核人（主任）：" in text and "日期：" in text
    pages = page_texts(pdf)
    assert pages[-1].count("审核人（主任）") == 1  # the signatures are on the last page
    assert f"第1页共{len(pages)}页" in pages[0]
    assert sheet_pdf(sheet, font) == pdf  # deterministic


def test_a_long_detail_repeats_its_header_on_every_page(font):
    pdf = sheet_pdf(november(extra=60), font)
    pages = page_texts(pdf)
    assert len(pages) >= 3
    for page in pages[1:-1]:
        assert "序号案号纠纷类型结果办结日期" in page  # the column header repeated
    assert "赵一：办结60件，计补60件，补贴¥6,000.00" in pdf_text(pdf)


def test_the_xlsx_holds_real_numbers_and_dates_and_prints_landscape(tmp_path):
    wb = load_workbook(io.BytesIO(sheet_xlsx(november())))
    assert wb.sheetnames == ["汇总", "案件明细", "补贴标准"]
    ws = wb["汇总"]
    assert ws["A1"].value == "2026年11月以案定补补贴发放表　填报单位：马尚街道调解中心"
    assert ws["A2"].value == "合计金额（大写）：陆佰肆拾元整"
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert rows == [(1, "吴刚", 3, 3, 0, 3, 413.33), (2, "周明", 3, 3, 0, 3, 163.34),
                    (3, "李华", 3, 1, 2, 2, 63.33), ("合计", None, 7, 4, 3, 5, 640)]
    assert ws["G4"].data_type == "n" and ws["G4"].number_format == "#,##0.00"
    assert ws.freeze_panes == "A4" and ws.auto_filter.ref == "A3:G6"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    detail = wb["案件明细"]
    header = [c.value for c in detail[3]]
    assert header[:5] == ["调解员", "案号", "纠纷类型", "结果", "办结日期"]
    first = [c.value for c in detail[4]]
    assert first[0] == "吴刚" and first[1] == "（2026）马尚调字第3号"
    assert isinstance(first[4], datetime) and first[4].date() == date(2026, 11, 5)
    assert float(first[9]) == 300.0 and float(first[8]) == 1.5
    assert detail.max_row == 3 + 10  # 3 + 3 + 3 mediator items and 1 unassigned
    rates = wb["补贴标准"]
    assert [c.value for c in rates[4]][:4] == [1, "全部", "调解成功", 100]


def test_text_from_a_case_never_becomes_a_formula():
    sheet = compute_sheet(ReportPeriod.month(2026, 11), "=HYPERLINK(\"x\")", [
        _closing(1, DisputeType.NEIGHBOUR, S, 3, "=1+1")], SubsidyRates(),
        today=date(2026, 12, 1))
    ws = load_workbook(io.BytesIO(sheet_xlsx(sheet)))["汇总"]
    cell = ws["B4"]
    assert cell.value == "=1+1" and cell.data_type == "s"


def test_the_json_gives_every_case_with_exact_amounts():
    data = json.loads(sheet_json(november()))
    assert data == sheet_dict(november())
    assert data["total"] == "640.00" and data["total_capital"] == "陆佰肆拾元整"
    assert sorted(data["case_ids"]) == sorted(f"c{n}" for n in range(1, 8))
    zhou = next(line for line in data["lines"] if line["mediator"] == "周明")
    assert zhou["total"] == "163.34"
    assert [i["share"] for i in zhou["items"]] == ["50.00", "80.00", "33.34"]
    assert data["unassigned"][0]["note"] == "未指派调解员，无人领取"
    assert data["rates"]["rules"][2]["amount"] == "80"


# --- LibreOffice, a second reader --------------------------------------------------------
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false,false,false,-1"
"""Every sheet to its own CSV, UTF-8, text quoted: a bare field is a number or a date."""


def test_libreoffice_reads_numbers_and_dates(tmp_path):
    import os
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice is missing (apt-get install libreoffice-calc-nogui)")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    xlsx = tmp_path / "sheet.xlsx"
    xlsx.write_bytes(sheet_xlsx(november()))
    done = subprocess.run([soffice, "--headless", "--norestore",
                           f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                           "--convert-to", CSV_FILTER, "--outdir", str(tmp_path / "csv"),
                           str(xlsx)], capture_output=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    summary = (tmp_path / "csv" / "sheet-汇总.csv").read_text("utf-8").splitlines()
    assert summary[3] == '1,"吴刚",3,3,0,3,413.33'
    assert summary[6] == '"合计",,7,4,3,5,640'
    detail = (tmp_path / "csv" / "sheet-案件明细.csv").read_text("utf-8").splitlines()
    assert detail[3].startswith('"吴刚","（2026）马尚调字第3号","合同纠纷","调解成功",2026-11-05,')
    assert detail[3].endswith(',200,1.5,300,300,"标记为疑难复杂"')
