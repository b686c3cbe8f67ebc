"""The ledger XLSX: LibreOffice (a second reader) sees the same cells, a written ledger is
streamed, and a hostile file (not a workbook, a zip bomb, a huge sheet, formulas) is refused
or read harmlessly."""

from __future__ import annotations

import csv
import io
import subprocess
import tracemalloc
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook

from mediation_desk.domain.ledger_columns import STANDARD
from mediation_desk.reports.ledger_xlsx import (
    HEADER_ROW,
    LedgerFileError,
    read_ledger,
    write_ledger,
)

from .test_statistics_xlsx import CSV_FILTER, soffice  # noqa: F401 - the fixture

ROW = [1, "（2026）马尚调字第1号", date(2026, 3, 1), "当事人申请", "邻里纠纷",
       "申请人：张三（身份证 110***********002X）；被申请人：李四", Decimal("1234.5"), "周明",
       "调解中", date(2026, 3, 31), None, Decimal("1000"), "否", "=HYPERLINK(\"x\")"]


def ledger(rows) -> bytes:
    out = io.BytesIO()
    write_ledger(out, title="马尚街道调解中心矛盾纠纷调解台账", note="全部案件；共1件",
                 columns=STANDARD, rows=rows)
    return out.getvalue()


def test_libreoffice_reads_dates_numbers_and_text(tmp_path, soffice):  # noqa: F811
    xlsx = tmp_path / "ledger.xlsx"
    xlsx.write_bytes(ledger([ROW]))
    done = subprocess.run([str(soffice), "--headless", "--norestore",
                           f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                           "--convert-to", CSV_FILTER, "--outdir", str(tmp_path / "csv"),
                           str(xlsx)], capture_output=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    csv_files = list((tmp_path / "csv").glob("*.csv"))
    assert len(csv_files) == 1
    lines = csv_files[0].read_text("utf-8").splitlines()
    # quoting kept: a quoted field is text, a bare one a number or a date
    rows = [next(csv.reader([line], quoting=csv.QUOTE_NONE)) for line in lines]
    assert rows[0][0] == '"马尚街道调解中心矛盾纠纷调解台账"'
    assert [c.strip('"') for c in rows[HEADER_ROW - 1]] == [c.title for c in STANDARD]
    data = rows[HEADER_ROW]
    assert data[0] == "1"  # 序号: a number
    assert data[2] == "2026-03-01" and data[9] == "2026-03-31"  # dates, not quoted text
    assert data[6] == "1234.5" and data[11] == "1000"  # numbers (as stored), not text
    assert data[1] == '"（2026）马尚调字第1号"'
    assert data[13] == '"=HYPERLINK(""x"")"'  # text, never a formula


def test_a_written_ledger_round_trips_through_the_reader():
    sheet = read_ledger(ledger([ROW, ROW[:1] + ["x"] + ROW[2:]]))
    assert sheet.header_row == HEADER_ROW and sheet.name == "台账"
    assert sheet.headers == [c.title for c in STANDARD]
    (n1, first), (n2, _second) = sheet.rows
    assert (n1, n2) == (4, 5)
    assert first[2] == datetime(2026, 3, 1) and first[6] == 1234.5
    assert first[13] == '=HYPERLINK("x")'


def test_writing_streams_rows_instead_of_holding_them():
    def rows(n):
        for i in range(n):
            yield [i + 1, f"（2026）马尚调字第{i + 1}号", *ROW[2:]]

    def peak(n):
        tracemalloc.start()
        ledger(rows(n))
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(300), peak(3_000)
    # ten times the rows: the peak grows by far less (the file in memory grows, the rows are
    # not kept); a workbook in memory holds ~2 KB per row of 14 cells (tracemalloc makes
    # each row slow: 10,000 rows took 40-80 s of the suite for the same verdict)
    assert large < small + 3_000 * 600, (small, large)


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


def test_not_a_workbook_is_refused_plainly():
    with pytest.raises(LedgerFileError, match="不是 Excel 工作簿（.xlsx）。旧版 .xls"):
        read_ledger(b"\xd0\xcf\x11\xe0 an old .xls", name="旧台账.xls")
    with pytest.raises(LedgerFileError, match="不是 Excel 工作簿"):
        read_ledger(_zip({"word/document.xml": b"<w/>"}), name="文书.docx")
    with pytest.raises(LedgerFileError, match="已损坏"):
        read_ledger(b"PK\x03\x04 truncated", name="坏.xlsx")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch):
    import mediation_desk.reports.ledger_xlsx as mod

    monkeypatch.setattr(mod, "MAX_UNPACKED", 1024 * 1024)
    bomb = _zip({"xl/workbook.xml": b"<workbook/>",
                 "xl/worksheets/sheet1.xml": b"\0" * (8 * 1024 * 1024)})
    assert len(bomb) < 64 * 1024  # small on disk, 8 MB unpacked
    with pytest.raises(LedgerFileError, match="解压后超过 1 MB"):
        read_ledger(bomb, name="炸弹.xlsx")


def test_a_huge_sheet_is_capped_with_a_clear_message():
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    ws.append(["案号", "收案日期", "当事人", "纠纷类型"])
    for i in range(120):
        ws.append([f"A{i}", "2026-03-01", "申请人：甲；被申请人：乙", "邻里纠纷"])
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(LedgerFileError, match="超过 100 行（第102行仍有内容），请按年度分成"):
        read_ledger(out.getvalue(), name="大台账.xlsx", max_rows=100)
    assert len(read_ledger(out.getvalue(), max_rows=200).rows) == 120


def test_formulas_are_read_as_their_saved_values_never_run():
    wb = Workbook()
    ws = wb.active
    ws.append(["案号", "收案日期", "当事人", "纠纷类型", "争议金额"])
    ws.append(["A1", "2026-03-01", "申请人：甲；被申请人：乙", "邻里纠纷", "=1+1"])
    ws.append(["A2", "2026-03-01", '=WEBSERVICE("http://x")', "邻里纠纷", 5])
    out = io.BytesIO()
    wb.save(out)
    sheet = read_ledger(out.getvalue())
    # openpyxl saves no computed value: a formula reads as empty, and nothing is evaluated
    assert [r[4] for _n, r in sheet.rows] == [None, 5]
    assert sheet.rows[1][1][2] is None


def test_the_header_is_found_under_title_rows_and_on_a_later_sheet():
    wb = Workbook()
    wb.active.title = "说明"
    wb.active.append(["本表填写说明"])
    ws = wb.create_sheet("2026年台账")
    ws.append(["某某村调解委员会台账"])
    ws.merge_cells("A1:E1")
    ws.append([])
    ws.append(["序号", "案件编号", "登记日期", "申请人", "被申请人", "类型"])
    ws.append([1, "2026-1", "2026-01-05", "甲", "乙", "邻里"])
    out = io.BytesIO()
    wb.save(out)
    sheet = read_ledger(out.getvalue())
    assert (sheet.name, sheet.header_row) == ("2026年台账", 3)
    assert sheet.rows == [(4, [1, "2026-1", "2026-01-05", "甲", "乙", "邻里"])]
