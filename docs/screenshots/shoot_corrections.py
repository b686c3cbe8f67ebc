"""Screenshots of corrections (更正) on the case page: 1366×768 at 100% and 150%, 1920×1080 (Xvfb).

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/shoot_corrections.py
    QT_SCALE_FACTOR=1.5 xvfb-run -a -s "-screen 0 1366x768x24" \\
        .venv/bin/python docs/screenshots/shoot_corrections.py --suffix -150
    xvfb-run -a -s "-screen 0 1920x1080x24" \
        .venv/bin/python docs/screenshots/shoot_corrections.py --suffix -1920

Builds a fresh desk in a temporary folder (one case: a session recorded, corrected, then an
agreement in effect) and writes corrections-timeline, corrections-session-dialog,
corrections-agreement-refused, corrections-note and corrections-agreement-tab (each with
``--suffix``), plus the two
papers' first pages, documents-supplementary-agreement.png and documents-correction-note.png
(pdftoppm, without a suffix).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget
from shots import OUT, settler  # noqa: E402 - puts the repository on sys.path

from mediation_desk.domain.enums import EventKind  # noqa: E402
from mediation_desk.domain.models import Mediator  # noqa: E402
from mediation_desk.services.desk import init_desk  # noqa: E402
from mediation_desk.services.documents import DocumentService  # noqa: E402
from mediation_desk.services.mediation import AgreementInput  # noqa: E402
from mediation_desk.ui import i18n  # noqa: E402
from mediation_desk.ui.context import Services  # noqa: E402
from mediation_desk.ui.dialogs.correction_dialog import CorrectionDialog  # noqa: E402
from mediation_desk.ui.geometry import fit_window  # noqa: E402
from mediation_desk.ui.pages.case_detail import CaseDetailWidget  # noqa: E402
from mediation_desk.ui.tasks import TaskRunner  # noqa: E402

PARTIES = [
    {"role": "applicant", "name": "张三", "id_number": "11010519491231002X",
     "phone": "13812341234", "address": "淄博市张店区马尚村12号", "ethnicity": "汉族",
     "occupation": "农民"},
    {"role": "respondent", "name": "李四", "id_number": "440524188001010014",
     "address": "淄博市张店区马尚村15号"}]


settle = settler(300)


def fit(widget: QWidget, app: QApplication) -> None:
    """Size the case page to the screen's available area, as the main window does."""
    fit_window(widget, QSize(1366, 768), app.primaryScreen().availableGeometry())


def make_case(folder: Path) -> tuple[Path, str]:
    path = folder / "desk.db"
    store = init_desk(path, code="ZD-MS", name="马尚街道调解中心", number_prefix="马尚",
                      linked_court="张店区人民法院", actor="周明")
    store.close()
    return path, ""


def main() -> None:
    suffix = sys.argv[sys.argv.index("--suffix") + 1] if "--suffix" in sys.argv else ""
    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    with tempfile.TemporaryDirectory() as tmp:
        path, _ = make_case(Path(tmp))
        services = Services.open(path, TaskRunner(synchronous=True), actor="周明")
        cs, who = services.cases, services.actor
        m = services.mediators.save(who, Mediator(center_id="", name="周明"))
        case = cs.register(who, {"source": "party_application", "dispute_type": "neighbour",
                                 "received_on": "2026-02-02",
                                 "title": "通道堆放杂物纠纷", "amount": "5000",
                                 "facts": "双方因通道堆放杂物发生争执。", "parties": PARTIES})
        cs.accept(who, case.id, on=date(2026, 2, 3))
        cs.assign(who, case.id, [m.id])
        old = cs.record_session(who, case.id, notes="双方到场。张三要求李四清理通道并赔偿五千元，"
                                                    "李四同意清理，不同意赔偿。",
                                place="马尚村调解室", participants="村委会主任王五",
                                result="未达成，约定下周再调解。",
                                occurred_at=datetime(2026, 2, 10, 9, 0).astimezone())
        page = CaseDetailWidget(services, case.id)
        fit(page, app)
        page.show()
        page.view.tabs.setCurrentWidget(page.view.timeline)
        row = next(r for r, e in enumerate(page.view.timeline.events) if e.id == old.id)
        page.view.timeline.table.selectRow(row)
        dialog = page.open_correction(old.id)
        assert isinstance(dialog, CorrectionDialog)
        dialog.reason.setText("赔偿金额记录有误")
        dialog.notes.setPlainText(old.notes.replace("五千元", "三千元"))
        settle(app)
        dialog.grab().save(str(OUT / f"corrections-session-dialog{suffix}.png"))
        dialog.try_save()
        page.view.timeline.table.clearSelection()  # the replaced record shows greyed
        settle(app)
        page.grab().save(str(OUT / f"corrections-timeline{suffix}.png"))

        cs.record_agreement(who, case.id, AgreementInput(
            clauses=["李四于2026年3月10日前清理通道杂物。", "李四赔偿张三三千元。"],
            performance_place="马尚村", effective_on=date(2026, 2, 20)))
        page.reload()
        agreement = cs.agreement(case.id)
        dialog = page.open_correction(agreement.id)
        assert isinstance(dialog, CorrectionDialog)
        dialog.reason.setText("履行方式变更")
        dialog.clauses.edits[0].setPlainText("三千元分两期支付：2026年3月10日前、4月10日前各一千五百元。")
        settle(app)
        dialog.grab().save(str(OUT / f"corrections-agreement-refused{suffix}.png"))
        dialog.try_save()
        settle(app)
        session = next(e for e in cs.events(case.id) if e.kind is EventKind.SESSION
                       and e.data.get("version") == 2)
        dialog = page.open_correction(session.id)
        assert isinstance(dialog, CorrectionDialog)
        dialog.reason.setText("参加人漏记")
        dialog.note_text.setPlainText("参加人除村委会主任王五外，还有村调解委员会委员赵六。")
        settle(app)
        dialog.grab().save(str(OUT / f"corrections-note{suffix}.png"))
        dialog.try_save()
        page.view.tabs.setCurrentWidget(page.view.agreement)  # the agreement, its 补充协议
        settle(app)
        page.grab().save(str(OUT / f"corrections-agreement-tab{suffix}.png"))
        if not suffix:
            for kind, name in (("supplementary_agreement", "documents-supplementary-agreement"),
                               ("correction_note", "documents-correction-note")):
                doc = services.run(lambda s, k=kind: DocumentService(s.store).generate(
                    who, case.id, k))
                pdf = Path(tmp) / f"{kind}.pdf"
                pdf.write_bytes(doc.pdf)
                subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1",
                                "-singlefile", str(pdf), str(OUT / name)], check=True)
        page.close()
        services.close()


if __name__ == "__main__":
    main()
