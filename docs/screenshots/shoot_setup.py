"""Screenshots of setting up from the GUI and of the polish of issue 15 (run under Xvfb).

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/shoot_setup.py
    QT_SCALE_FACTOR=1.5 xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python \
        docs/screenshots/shoot_setup.py            (the dialogs at 150 %, files *-150.png)

Builds, in a temporary folder, a center with three mediators and cases; then grabs the
first-run dialog for each kind (center, court desk, field laptop after checking an
enrollment file), the 交换 page's enrollment dialogs (the mediator, the passphrase shown
once), the printed enrollment slip (PDF page through pdftoppm), the assign dialog with its
reasons in words, and the 文书 tab of a case in a 1366x768 main window.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from shots import OUT, settler  # noqa: E402 - puts the repository on sys.path

from mediation_desk.domain.enums import DisputeType, RelationKind  # noqa: E402
from mediation_desk.domain.models import DeclaredRelation, Mediator  # noqa: E402
from mediation_desk.services import enrollment, exchange  # noqa: E402
from mediation_desk.services.auth import create_desk  # noqa: E402
from mediation_desk.services.mediation import AgreementInput  # noqa: E402
from mediation_desk.ui import i18n  # noqa: E402
from mediation_desk.ui.context import Services  # noqa: E402
from mediation_desk.ui.tasks import TaskRunner  # noqa: E402
from tests.inputs import case_input, party  # noqa: E402

DIRECTOR, PASSWORD = "王主任", "center pass 2026"


SUFFIX = "-150" if os.environ.get("QT_SCALE_FACTOR") == "1.5" else ""
"""With QT_SCALE_FACTOR=1.5 (a 1366x768 laptop at 150 %) the files get a -150 suffix."""


settle = settler(300)


def shoot(app: QApplication, widget: QWidget, name: str) -> None:
    widget.show()
    settle(app)
    path = OUT / f"{name}{SUFFIX}.png"
    widget.grab().save(str(path))
    print("saved", path, widget.width(), "x", widget.height())


def build_center(folder: Path) -> tuple[Path, bytes, object]:
    path = folder / "center.db"
    store, _recovery = create_desk(path, director_name=DIRECTOR, password=PASSWORD,
                                   code="ZD-MS", name="马尚街道矛盾纠纷调解中心",
                                   number_prefix="马尚", linked_court="张店区人民法院")
    try:
        exchange.ensure_desk_keys(store)
        assert store.key is not None and store.principal is not None
        return path, store.key, store.principal
    finally:
        store.close()


def main() -> None:
    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    folder = Path(tempfile.mkdtemp(prefix="shoot-setup-"))
    try:
        run(app, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(app: QApplication, folder: Path) -> None:
    from mediation_desk.ui.dialogs.assign_dialog import AssignDialog
    from mediation_desk.ui.dialogs.enrollment_dialogs import EnrollDialog, PassphraseDialog
    from mediation_desk.ui.dialogs.first_run import COURT, FIELD, FirstRunDialog
    from mediation_desk.ui.main_window import MainWindow

    path, key, director = build_center(folder)
    services = Services.open(path, TaskRunner(synchronous=True), key=key, account=director)
    cs, actor = services.cases, services.actor
    m = services.mediators
    wang = m.save(actor, Mediator(center_id="", name="王芳",
                                  specialties=[DisputeType.MARRIAGE_FAMILY], villages=["马尚村"]))
    m.save(actor, Mediator(center_id="", name="李强", specialties=[DisputeType.NEIGHBOUR]))
    m.save(actor, Mediator(center_id="", name="赵敏", villages=["马尚村"], relations=[
        DeclaredRelation(person_name="张三", kind=RelationKind.NEAR_RELATIVE)]))
    for _ in range(3):
        c = cs.register(actor, case_input())
        cs.accept(actor, c.id)
        cs.assign(actor, c.id, [wang.id])
    family = cs.register(actor, case_input(
        dispute_type="marriage_family", facts="双方因离婚后子女抚养费支付发生争议。",
        claims="请求按月支付抚养费。", parties=[
            party("applicant", "张三", "11010519491231002X", "13812341234", village="马尚村"),
            party("respondent", "李四", "440524188001010014", "13900001111")]))
    cs.accept(actor, family.id)

    # -- the first-run dialog, each kind ------------------------------------------------------
    first = FirstRunDialog(folder / "new.db")
    for k, v in (("name", "湖田镇矛盾纠纷调解中心"), ("code", "ZD-HT"), ("number_prefix", "湖田"),
                 ("linked_court", "张店区人民法院"), ("director", "张主任")):
        first.edits[k].setText(v)
    shoot(app, first, "first-run-center")
    first.choose(COURT)
    for k, v in (("name", "张店区人民法院"), ("code", "ZD-FY"), ("court_code", "鲁0303"),
                 ("director", "李法官")):
        first.edits[k].setText(v)
    first.create_button.click()  # no password yet: the problem beside its field
    shoot(app, first, "first-run-court")

    # -- enrollment at the center ------------------------------------------------------------
    mediators = services.run(lambda s: enrollment.enrollable_mediators(s.store))
    pick = EnrollDialog(mediators)
    pick.mediator.setCurrentIndex(pick.mediator.findData(wang.id))
    shoot(app, pick, "enroll-dialog")
    pick.close()
    bundle = folder / "ZD-MS-登记-王芳-20261202.mdx"
    report = services.run(lambda s: enrollment.enroll(s.store, actor, wang.id, bundle))
    shown = PassphraseDialog(report, director_name=DIRECTOR)
    shoot(app, shown, "enroll-passphrase")
    slip = folder / "slip.pdf"
    slip.write_bytes(enrollment.enrollment_slip(report, director_name=DIRECTOR))
    if not SUFFIX:
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", str(slip),
                        str(OUT / "enrollment-slip")], check=True)
        print("saved", OUT / "enrollment-slip.png")
    shown.confirm.setChecked(True)
    shown.accept()

    # -- the laptop's first run with that file -----------------------------------------------
    laptop = FirstRunDialog(folder / "laptop.db")
    laptop.choose(FIELD)
    laptop.field.file.setText(str(bundle))
    laptop.field.passphrase.setText(report.passphrase)
    laptop.field.check()
    shoot(app, laptop, "first-run-field")
    for d in (first, laptop):
        d.reject()

    # -- the assign dialog, reasons in words -------------------------------------------------
    assign = AssignDialog(services, cs.get(family.id))
    shoot(app, assign, "assign-dialog")
    assign.reject()

    # -- the 文书 tab of an agreed case in a 1366x768 window -----------------------------------
    cs.assign(actor, family.id, [wang.id])
    cs.record_agreement(actor, family.id, AgreementInput(
        clauses=["李四自2026年12月起每月10日前支付抚养费1500元", "双方不再就此事发生争议"],
        amount=Decimal("18000"), performance_method="银行转账"))
    window = MainWindow(services)
    room = window.screen().availableGeometry()  # 1366x768, or 911x512 at 150 %
    window.resize(min(1366, room.width()), min(768, room.height()))
    window.start()
    window.show()
    settle(app, 800)
    window.open_case(family.id)
    page = window.case_tabs.currentWidget()
    page.view.tabs.setCurrentWidget(page.documents)
    settle(app)
    assert page.documents.kind.currentData() == "agreement"
    page.documents.generate()
    settle(app, 1200)
    window.grab().save(str(OUT / f"documents-tab-1366{SUFFIX}.png"))
    print("saved", OUT / f"documents-tab-1366{SUFFIX}.png", "preview",
          page.documents.preview.view.width(), "x", page.documents.preview.view.height())
    page.view.overview.dirty = False
    window.close()
    services.close()


if __name__ == "__main__":
    main()
