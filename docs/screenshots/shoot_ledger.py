"""Screenshots of the 台账 dialogs on a 1366×768 screen (run under Xvfb).

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/shoot_ledger.py
    QT_SCALE_FACTOR=1.5 xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python ...

Builds two throw-away desks (tests/services/ledger_world.py's five cases on the first),
then grabs: the case list with its ledger buttons (ledger-case-list.png), 导出台账
(ledger-export.png), 导入台账 of an office's ledger with row errors (ledger-import-errors.png),
of the first desk's export into the second (ledger-import-ready.png), and the exported XLSX
as LibreOffice prints it (ledger-xlsx-print.png; needs soffice and pdftoppm). With
``QT_SCALE_FACTOR=1.5`` the dialog files get a ``-150`` suffix.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication
from shots import OUT, settle  # noqa: E402 - puts the repository on sys.path

from mediation_desk.ui import i18n  # noqa: E402


def office_ledger(path: Path) -> Path:
    """A village committee's ledger: title rows, its own headers, some rows wrong."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["马尚村人民调解委员会矛盾纠纷排查调处台账（2026年第一季度）"])
    ws.merge_cells("A1:H1")
    ws.append(["序号", "案件编号", "受理日期", "申请人", "被申请人", "纠纷类别", "金额（元）",
               "调解结果"])
    rows = [
        [1, "马尚2026-001", "2026年1月5日", "张秀英", "张建国", "婚姻家庭", 2000, "调解成功"],
        [2, "马尚2026-002", "2026-01-12", "李明", "王强、王刚", "邻里", "abc", "调解成功"],
        [3, "马尚2026-002", datetime(2026, 1, 20), "刘洋", "马尚物业管理有限公司", "物业纠纷",
         "1,500.00", "调解不成功"],
        [4, "马尚2026-004", "2026-02-30", "赵丽", "孙伟", "合同", 8000, None],
        [5, "马尚2026-005", "2026/2/14", "周敏", None, "损害赔偿", 3500, "调解成功"],
        [6, "马尚2026-006", "2026-02-20", "吴军", "郑涛", "山林土地", None, "部分达成"],
    ]
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(buf.getvalue())
    return path


def print_pages(xlsx: Path, tmp: Path) -> list[Path]:
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        print("no soffice/pdftoppm: ledger-xlsx-print.png not made")
        return []
    subprocess.run([soffice, "--headless", "--norestore",
                    f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(tmp), str(xlsx)],
                   check=True, capture_output=True)
    subprocess.run([pdftoppm, "-r", "80", "-png", str(xlsx.with_suffix(".pdf")),
                    str(tmp / "ledger-print")], check=True)
    return sorted(tmp.glob("ledger-print-*.png"))


def main() -> None:
    from mediation_desk.domain.models import Mediator
    from mediation_desk.domain.queries import CaseFilter
    from mediation_desk.services.desk import init_desk
    from mediation_desk.services.ledger import LedgerService
    from mediation_desk.ui.context import Services
    from mediation_desk.ui.dialogs.ledger_dialogs import LedgerExportDialog
    from mediation_desk.ui.dialogs.ledger_import_dialog import LedgerImportDialog
    from mediation_desk.ui.pages.cases_page import CasesPage
    from mediation_desk.ui.tasks import TaskRunner
    from tests.services.ledger_world import populate

    def clock() -> datetime:  # the tests' day (tests/conftest.py), not importing it:
        return datetime(2026, 3, 2, 10, 30).astimezone()  # it would select offscreen Qt

    suffix = "-150" if os.environ.get("QT_SCALE_FACTOR") == "1.5" else ""
    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        for db in ("a.db", "b.db"):
            store = init_desk(tmp / db, code="ZD-MS" if db == "a.db" else "ZD-XD",
                              name="马尚街道调解中心", number_prefix="马尚",
                              linked_court="张店区人民法院", clock=clock)
            if db == "a.db":
                populate(store)
                exported = tmp / "马尚街道调解中心台账.xlsx"
                LedgerService(store).export("测试主任", CaseFilter(), exported)
            else:
                from mediation_desk.services.desk import MediatorService

                MediatorService(store).save("测试主任", Mediator(center_id="", name="周明"))
            store.close()
        first = Services.open(tmp / "a.db", TaskRunner(synchronous=True), clock=clock)
        second = Services.open(tmp / "b.db", TaskRunner(synchronous=True), clock=clock)
        page = CasesPage(first)
        page.resize(1366, 700)
        page.show()
        page.start()
        settle(app)
        if not suffix:
            page.grab().save(str(OUT / "ledger-case-list.png"))
        dialog = LedgerExportDialog(first, page.current_filter(), page.sort_spec(), page)
        dialog.show()
        settle(app)
        dialog.grab().save(str(OUT / f"ledger-export{suffix}.png"))
        dialog.close()
        for target, file, shot in (
                (second, office_ledger(tmp / "马尚村台账.xlsx"), "ledger-import-errors"),
                (second, exported, "ledger-import-ready")):
            imp = LedgerImportDialog(target)
            imp.show()
            imp.load_file(file)
            settle(app)
            imp.grab().save(str(OUT / f"{shot}{suffix}.png"))
            print("saved", shot, imp.size().width(), "x", imp.size().height())
            imp.close()
        first.close()
        second.close()
        if not suffix:
            pages = print_pages(exported, tmp)
            if pages:
                shutil.copyfile(pages[0], OUT / "ledger-xlsx-print.png")
    print("done")


if __name__ == "__main__":
    main()
