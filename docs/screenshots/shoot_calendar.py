"""Screenshots of the holiday calendar (run under Xvfb, 1366×768).

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/shoot_calendar.py

Builds a small database in a temporary folder with the clock at 2026-12-10: a case whose
judicial-confirmation window ends in the estimated year 2027, then the settings page
before and after a (test) 2027 notice is imported. Writes calendar-settings.png,
calendar-case-estimated.png and calendar-notice-dialog.png.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication
from shots import OUT, settle  # noqa: E402 - puts the repository on sys.path

from mediation_desk.domain.models import Mediator  # noqa: E402
from mediation_desk.services.desk import init_desk  # noqa: E402
from mediation_desk.services.mediation import AgreementInput  # noqa: E402
from mediation_desk.ui import i18n  # noqa: E402
from mediation_desk.ui.context import Services  # noqa: E402
from mediation_desk.ui.pages.case_detail import CaseDetailWidget  # noqa: E402
from mediation_desk.ui.pages.settings_page import SettingsPage  # noqa: E402
from mediation_desk.ui.tasks import TaskRunner  # noqa: E402
from tests.conftest import case_input  # noqa: E402

NOW = datetime(2026, 12, 10, 9, 0).astimezone()


def main() -> None:
    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    tmp = Path(tempfile.mkdtemp())
    db = tmp / "calendar.db"
    init_desk(db, code="ZD-MS", name="马尚街道人民调解委员会", number_prefix="马尚",
              linked_court="张店区人民法院", clock=lambda: NOW).close()
    services = Services.open(db, TaskRunner(synchronous=True), actor="演示主任",
                             clock=lambda: NOW)
    m = services.mediators.save("演示主任", Mediator(center_id="", name="周明"))
    cs = services.cases
    c = cs.register("演示主任", case_input(received_on="2026-12-08"))
    cs.accept("演示主任", c.id)
    cs.assign("演示主任", c.id, [m.id])
    cs.record_agreement("演示主任", c.id, AgreementInput(clauses=["李四赔偿张三500元"],
                                                     effective_on=date(2026, 12, 9)))
    page = CaseDetailWidget(services, c.id)
    page.resize(1366, 768)
    page.show()
    settle(app)
    page.grab().save(str(OUT / "calendar-case-estimated.png"))
    page.close()

    settings = SettingsPage(services)
    settings.resize(1366, 768)
    settings.load()
    settings.show()
    settle(app)
    notice = tmp / "2027.txt"
    notice.write_text("年份 2027\n标题 国务院办公厅关于2027年部分节假日安排的通知（示例）\n"
                      "放假 2027-01-01 2027-01-03 元旦\n放假 2027-02-05 2027-02-12 春节\n"
                      "上班 2027-02-14 春节调休上班\n", encoding="utf-8")
    settings.holidays.import_file(str(notice))
    settle(app)
    settings.grab().save(str(OUT / "calendar-settings.png"))
    settings.holidays.table.setCurrentCell(2, 0)
    dialog = settings.holidays.edit_selected()
    settle(app)
    dialog.grab().save(str(OUT / "calendar-notice-dialog.png"))
    dialog._dirty = False
    dialog.reject()
    for name in ("calendar-case-estimated", "calendar-settings", "calendar-notice-dialog"):
        print("saved", OUT / f"{name}.png")
    services.close()


if __name__ == "__main__":
    main()
