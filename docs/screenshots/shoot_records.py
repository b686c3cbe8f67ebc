"""Screenshots of registration and records (issue 15 item 3) at a 1366×768 screen (Xvfb).

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/shoot_records.py
    QT_SCALE_FACTOR=1.5 xvfb-run -a -s "-screen 0 1366x768x24" \\
        .venv/bin/python docs/screenshots/shoot_records.py --suffix -150

Builds a fresh desk in a temporary folder and writes (each with ``--suffix``):
records-party-ethnicity (a party's 民族 with its error beside it, 职业 picked),
records-session-dialog (the 笔录 filled in), records-session-saving (the same while the
database thread is busy: the busy row, 保存 disabled), records-recusal-header (the case header
after an assignment over a recusal ground) and records-parties-tab (民族 and 职业 shown).
"""

from __future__ import annotations

import sys
import tempfile
import threading
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from shots import OUT, settler  # noqa: E402 - puts the repository on sys.path

from mediation_desk.domain.enums import RelationKind  # noqa: E402
from mediation_desk.domain.models import DeclaredRelation, Mediator  # noqa: E402
from mediation_desk.domain.state_machine import Action  # noqa: E402
from mediation_desk.services.desk import init_desk  # noqa: E402
from mediation_desk.ui import i18n  # noqa: E402
from mediation_desk.ui.context import Services  # noqa: E402
from mediation_desk.ui.dialogs.register_case import RegisterCaseDialog  # noqa: E402
from mediation_desk.ui.dialogs.session_record_dialog import SessionRecordDialog  # noqa: E402
from mediation_desk.ui.pages.case_detail import CaseDetailWidget  # noqa: E402
from mediation_desk.ui.tasks import TaskRunner  # noqa: E402

PARTIES = [
    {"role": "applicant", "name": "张三", "id_number": "11010519491231002X",
     "phone": "13812341234", "address": "淄博市张店区马尚村12号", "ethnicity": "汉族",
     "occupation": "农民", "agent": {"name": "张小明", "relation": "儿子"}},
    {"role": "respondent", "name": "李四", "id_number": "440524188001010014",
     "address": "淄博市张店区马尚村15号", "ethnicity": "回族", "occupation": "个体工商户"}]


settle = settler(300)


def fit(widget: QWidget, app: QApplication) -> None:
    """Size a window to the screen's available area (at most 1366×768)."""
    screen = app.primaryScreen().availableGeometry()
    widget.resize(min(screen.width(), 1366) - 40, min(screen.height(), 768) - 60)


def type_into(widget: QWidget, text: str) -> None:
    """Text as an input method commits it (Chinese)."""
    from PySide6.QtGui import QInputMethodEvent

    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def shoot_registration(services: Services, app: QApplication, suffix: str) -> None:
    dialog = RegisterCaseDialog(services)
    fit(dialog, app)
    dialog.show()
    dialog.activateWindow()  # the focus moves as a person's Tab moves it
    settle(app)
    first = dialog.parties[0]
    type_into(first.name, "张三")
    type_into(first.ethnicity.lineEdit(), "维吾")
    first.occupation.setFocus()  # leaving 民族 with part of a name: the error beside it
    first.occupation.setCurrentIndex(first.occupation.findText("个体工商户"))
    settle(app)
    for area in dialog.findChildren(QScrollArea):
        area.ensureWidgetVisible(first.occupation, 50, 200)
    settle(app)
    dialog.grab().save(str(OUT / f"records-party-ethnicity{suffix}.png"))
    dialog._dirty = False
    dialog.reject()


def shoot_session(services: Services, page: CaseDetailWidget, app: QApplication,
                  suffix: str) -> None:
    dialog = page.open_action(Action.RECORD_SESSION)
    assert isinstance(dialog, SessionRecordDialog)
    dialog.place.setText("马尚村调解室")
    for key, (_name, check) in dialog.attendees.items():
        check.setChecked(not key.startswith("agent"))
    dialog.others.setText("村委会主任王五")
    dialog.notes.setPlainText("告知双方权利义务后，张三陈述：李四在通道堆放杂物，影响通行。\n"
                              "李四陈述：杂物系临时堆放，同意清理。")
    dialog.result_edit.setPlainText("双方同意李四于三日内清理通道杂物，张三不再要求赔偿。")
    settle(app)
    dialog.grab().save(str(OUT / f"records-session-dialog{suffix}.png"))
    services.tasks.synchronous = False  # the application's path, with the database busy
    gate = threading.Event()
    services.door.submit(lambda: gate.wait(30), lambda _ok, _v: None)
    dialog.try_save()
    settle(app)
    dialog.grab().save(str(OUT / f"records-session-saving{suffix}.png"))
    saved: list[bool] = []
    dialog.finished.connect(lambda _r: saved.append(True))
    gate.set()
    while not saved:
        settle(app, 100)
    services.tasks.synchronous = True


def main() -> None:
    suffix = sys.argv[sys.argv.index("--suffix") + 1] if "--suffix" in sys.argv else ""
    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "desk.db"
        init_desk(path, code="ZD-MS", name="马尚街道调解中心", number_prefix="马尚",
                  linked_court="张店区人民法院", actor="主任").close()
        services = Services.open(path, TaskRunner(synchronous=True), actor="周明")
        cs, who = services.cases, services.actor
        shoot_registration(services, app, suffix)
        relative = services.mediators.save(who, Mediator(center_id="", name="张伟", relations=[
            DeclaredRelation(person_name="张三", kind=RelationKind.NEAR_RELATIVE)]))
        case = cs.register(who, {"source": "party_application", "dispute_type": "neighbour",
                                 "received_on": (date.today() - timedelta(days=3)).isoformat(),
                                 "title": "通道堆放杂物纠纷", "amount": "5000",
                                 "facts": "双方因通道堆放杂物发生争执。", "parties": PARTIES})
        cs.accept(who, case.id, on=date.today() - timedelta(days=2))
        cs.assign(who, case.id, [relative.id],
                  override_reason="双方当事人知情并书面同意由其调解")
        page = CaseDetailWidget(services, case.id)
        page.setWindowFlag(Qt.WindowType.Window)
        fit(page, app)
        page.show()
        settle(app)
        page.grab().save(str(OUT / f"records-recusal-header{suffix}.png"))
        page.view.tabs.setCurrentWidget(page.view.parties)
        settle(app)
        page.grab().save(str(OUT / f"records-parties-tab{suffix}.png"))
        shoot_session(services, page, app, suffix)
        page.close()
        services.close()


if __name__ == "__main__":
    main()
