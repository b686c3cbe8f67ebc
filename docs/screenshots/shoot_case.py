"""Screenshots of the registration form and the case page (run under Xvfb).

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python docs/screenshots/shoot_case.py DB

DB is a demo database (``services/demo.py`` ``build_demo(path, cases=200)``), opened as
演示主任; nothing is saved to it. Writes register_case.png, register_case_error.png,
case_detail.png, case_detail_parties.png and case_detail_agreement.png.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QScrollArea
from shots import OUT, settle  # noqa: E402 - puts the repository on sys.path

from mediation_desk.domain.enums import CaseStatus, DisputeType  # noqa: E402
from mediation_desk.domain.queries import CaseFilter  # noqa: E402
from mediation_desk.services.demo import demo_login  # noqa: E402
from mediation_desk.ui import i18n  # noqa: E402
from mediation_desk.ui.context import Services  # noqa: E402
from mediation_desk.ui.dialogs.register_case import RegisterCaseDialog  # noqa: E402
from mediation_desk.ui.pages.case_detail import CaseDetailWidget  # noqa: E402
from mediation_desk.ui.tasks import TaskRunner  # noqa: E402


def shoot_register(app: QApplication, services: Services) -> None:
    row = services.cases.list(CaseFilter(open_only=True), limit=1)[0]
    case = services.cases.get(row.id)
    known = case.applicants[0]
    dialog = RegisterCaseDialog(services)
    dialog.resize(1180, 900)
    dialog.show()
    v = dialog.view
    v.dispute_type.set_value(DisputeType.NEIGHBOUR)
    v.amount.edit.setText("12000")
    v.facts.setPlainText("双方因宅基地旁通道堆放柴草发生争执，多次口角，申请人要求对方清理通道并赔偿损失。")
    v.claims.setPlainText("请求被申请人清理通道杂物，赔偿损失12000元。")
    first, second = dialog.parties
    first.name.setText(known.name)
    first.id_number.setText(known.id_number or "11010519491231002X")
    first._check_id(final=True)
    first.phone.setText("13812341234")
    first.village.setText(known.village or "马尚村")
    second.name.setText("李四")
    second.id_number.setText("440524188001010014")
    second._check_id(final=True)
    dialog.check()
    settle(app)
    dialog.grab().save(str(OUT / "register_case.png"))
    # a wrong check digit: the message sits next to the field and nothing is saved
    second.id_number.setText("440524188001010015")
    second._check_id(final=True)
    dialog.try_save()
    settle(app)
    dialog.view.findChild(QScrollArea).ensureWidgetVisible(second, 0, 0)
    settle(app)
    dialog.grab().save(str(OUT / "register_case_error.png"))
    dialog._dirty = False
    dialog.close()


def shoot_detail(app: QApplication, services: Services) -> None:
    rows = services.cases.list(CaseFilter(statuses=(CaseStatus.MEDIATING,)), limit=1)
    page = CaseDetailWidget(services, rows[0].id)
    page.resize(1280, 760)
    page.show()
    page.view.tabs.setCurrentWidget(page.view.timeline)
    settle(app)
    page.grab().save(str(OUT / "case_detail.png"))
    page.view.tabs.setCurrentWidget(page.view.parties)
    settle(app)
    page.grab().save(str(OUT / "case_detail_parties.png"))
    rows = services.cases.list(CaseFilter(statuses=(CaseStatus.AGREED,)), limit=1)
    if rows:
        page = CaseDetailWidget(services, rows[0].id)
        page.resize(1280, 760)
        page.show()
        page.view.tabs.setCurrentWidget(page.view.agreement)
        settle(app)
        page.grab().save(str(OUT / "case_detail_agreement.png"))


def main() -> None:
    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    db = Path(sys.argv[1])
    services = Services.login(db, TaskRunner(), *demo_login(db))  # as 演示主任
    shoot_register(app, services)
    shoot_detail(app, services)
    services.close()


if __name__ == "__main__":
    main()
