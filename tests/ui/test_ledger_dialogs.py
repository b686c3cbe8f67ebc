"""The ledger round trip as a person does it: 导出台账 from the case list of one desk,
导入台账 into another (the same cases), 导入 again (nothing changes); a malformed sheet
previewed with its row errors and nothing written; 打印 on A4 landscape."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox

from mediation_desk.domain.models import Mediator
from mediation_desk.domain.queries import CaseFilter, CaseSort
from mediation_desk.ui.dialogs.ledger_dialogs import (
    LedgerExportDialog,
    a4_landscape_printer,
    print_list,
)
from mediation_desk.ui.dialogs.ledger_import_dialog import LedgerImportDialog
from mediation_desk.ui.pages.cases_page import CasesPage
from tests.services.ledger_world import populate
from tests.services.test_ledger import digest
from tests.ui.conftest import DIRECTOR, _open


@pytest.fixture
def source(director_services):
    """The team desk (its roster has 周明) with the five ledger cases."""
    director_services.run(lambda s: populate(s.store))
    return director_services


@pytest.fixture
def target(tmp_path, desk_template, clock, qapp):
    """A second, fresh desk with 周明 on its roster."""
    s = _open(desk_template.copy_to(tmp_path / "fresh.db"), desk_template, DIRECTOR, clock)
    s.mediators.save(s.actor, Mediator(center_id="", name="周明"))
    yield s
    s.close()


def _close_message_box(qtbot, name: str) -> None:
    box = next(w for w in QApplication.topLevelWidgets()
               if isinstance(w, QMessageBox) and w.objectName() == name and w.isVisible())
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _export(qtbot, services, page, path):
    dialog = LedgerExportDialog(services, page.current_filter(), page.sort_spec(), page)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.summary.text().startswith("案件：5件。全部案件")
    assert dialog.checks["court_case_number"].isChecked()
    assert not dialog.checks["facts"].isChecked()
    dialog.export_to(path)
    qtbot.waitUntil(lambda: dialog.written == path)
    _close_message_box(qtbot, "ledgerExported")
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _rows(path):
    return list(load_workbook(path).active.iter_rows(min_row=4, values_only=True))


def test_the_ledger_round_trip(qtbot, source, target, tmp_path):
    page = CasesPage(source)
    qtbot.addWidget(page)
    page.show()
    page.start()
    export, printing, importing = page.ledger_buttons
    assert (export.text(), printing.text(), importing.text()) == (
        "导出台账…", "打印台账…", "导入台账…")
    assert importing.isEnabled()
    first = tmp_path / "台账.xlsx"
    _export(qtbot, source, page, first)
    assert len(_rows(first)) == 5

    dialog = LedgerImportDialog(target)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load_file(first)
    assert dialog.sheet is not None
    assert dialog.mapping.rowCount() == 15
    combo = dialog.mapping.cellWidget(1, 1)
    assert isinstance(combo, QComboBox) and combo.currentText() == "案号"
    assert dialog.preview.rowCount() == 5
    results = [dialog.preview.item(r, 1).text() for r in range(5)]
    assert results == ["新增"] * 5
    assert dialog.counts.text().startswith("新增：5件。")
    assert dialog.confirm.isEnabled()
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted and len(dialog.imported) == 5

    target_page = CasesPage(target)
    qtbot.addWidget(target_page)
    target_page.show()
    target_page.start()
    qtbot.waitUntil(lambda: target_page.model.rowCount() == 5)
    second = tmp_path / "再导出.xlsx"
    _export(qtbot, target, target_page, second)
    assert _rows(second) == _rows(first)  # the same cases, column by column

    before = target.run(lambda s: digest(s.store))
    again = LedgerImportDialog(target)
    qtbot.addWidget(again)
    again.show()
    again.load_file(first)
    assert [again.preview.item(r, 1).text() for r in range(5)] == ["已有，未改动"] * 5
    assert not again.confirm.isEnabled()
    assert "再次导入不会改动任何内容" in again.error.text()
    assert target.run(lambda s: digest(s.store)) == before


def _bad_ledger(path):
    wb = Workbook()
    ws = wb.active
    ws.append(["某村矛盾纠纷排查调处台账"])
    ws.merge_cells("A1:F1")
    ws.append(["编号", "登记日期", "申请人", "被申请人", "纠纷类别", "金额（元）"])
    ws.append(["2026-001", "2026-02-30", "张三", "李四", "邻里", "abc"])
    ws.append(["2026-001", "2026-02-03", "王五", "赵六", "邻里", 100])
    ws.append(["2026-003", "2026-02-04", "钱七", "孙八", "婚姻家庭", "1,000"])
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(buf.getvalue())
    return path


def test_a_malformed_ledger_shows_its_row_errors_and_writes_nothing(qtbot, target, tmp_path):
    bad = _bad_ledger(tmp_path / "坏台账.xlsx")
    before = target.run(lambda s: digest(s.store))
    dialog = LedgerImportDialog(target)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load_file(bad)
    assert "表头在第2行" in dialog.file_label.text() or "第2行" in dialog.file_label.text()
    assert [dialog.preview.item(r, 0).text() for r in range(3)] == ["3", "4", "5"]
    notes = [dialog.preview.item(r, 2).text() for r in range(3)]
    # the row number is the first column's: each message beside it says the column
    assert notes[0].splitlines()[:2] == ["收案日期：不存在的日期“2026-02-30”",
                                         "争议金额：金额格式不正确：abc（应如40000、4万或40,000.50）"]
    assert notes[1] == "案号：与第3行的案号重复：2026-001"
    assert dialog.notes.text() == "台账中没有“来源”列：各案件的来源按“当事人申请”导入"
    assert dialog.preview.item(2, 1).text() == "新增"
    assert not dialog.confirm.isEnabled()
    assert "2行有错误" in dialog.error.text()
    # the person ignores the 编号 column: the duplicate goes, the bad date stays
    dialog.set_field(0, "")
    assert [dialog.preview.item(r, 1).text() for r in range(3)] == ["有错误", "新增", "新增"]
    assert not dialog.confirm.isEnabled()
    assert target.run(lambda s: digest(s.store)) == before
    # a file that is no ledger at all: told beside the file, nothing listed
    text = tmp_path / "说明.xlsx"
    text.write_text("不是表格", encoding="utf-8")
    dialog.load_file(text)
    assert dialog.sheet is None
    assert "不是 Excel 工作簿" in dialog.error.text() and dialog.preview.rowCount() == 0


def test_the_printed_list_is_a4_landscape_with_every_case(qtbot, source, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    doc = print_list(source, CaseFilter(), CaseSort(), preview=False)
    text = doc.toPlainText()
    assert "马尚街道调解中心矛盾纠纷调解台账" in text and "全部案件；共5件" in text
    assert "138****1234" in text and "13812341234" not in text  # printed: always masked
    printer = a4_landscape_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "台账.pdf"
    printer.setOutputFileName(str(out))
    doc.print_(printer)
    pdf = out.read_bytes()
    box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert box is not None
    width, height = float(box.group(1)), float(box.group(2))
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
