"""Screenshots of 我的案件, the court desk's 工作台 and the import preview by center and case.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/shoot_my_work.py \
        [DEMO_DB]

* my-work.png: 我的案件 of 演示调解员 on a copy of a demo database (DEMO_DB, default the
  100,000-case demo copied to a temporary folder; the cache itself is never opened);
* court-dashboard.png: the court's 工作台 (shoot_referrals.py's court and two centers);
* import-preview-cases.png: the court previewing a center's next file, case by case.

With ``QT_SCALE_FACTOR=1.5`` (150 % Windows scaling on the same 1366x768 screen: 910x512
logical pixels) the windows take the screen's available size and the files get a ``-150``
suffix.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication
from shots import OUT  # noqa: E402 - puts the repository on sys.path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from shoot_referrals import ACTOR, build, settle  # noqa: E402

from mediation_desk.domain.enums import CaseStatus  # noqa: E402
from mediation_desk.security.keyfile import keyfile_path  # noqa: E402
from mediation_desk.services import auth, exchange  # noqa: E402
from mediation_desk.services.cases import CaseService  # noqa: E402
from mediation_desk.services.demo import DEMO_MEDIATOR, DEMO_PASSWORD  # noqa: E402
from mediation_desk.services.import_preview import preview_bundle  # noqa: E402
from mediation_desk.storage.store import Store  # noqa: E402
from mediation_desk.ui import i18n  # noqa: E402
from mediation_desk.ui.context import Services  # noqa: E402
from mediation_desk.ui.dialogs.exchange_dialogs import ImportPreviewDialog  # noqa: E402
from mediation_desk.ui.main_window import PAGE_DASHBOARD, MainWindow  # noqa: E402
from mediation_desk.ui.tasks import TaskRunner  # noqa: E402

DEMO = Path("/tmp/mediation-desk-cache/demo-100000-seed-7-m014_compact_store.db")
SUFFIX = "-150" if os.environ.get("QT_SCALE_FACTOR") == "1.5" else ""


def fit(window) -> None:
    """1366x768 at 100 %; the whole available screen at 150 % (as a maximised window)."""
    if SUFFIX:
        window.resize(window.screen().availableGeometry().size())
    else:
        window.resize(1366, 768)


def save(widget, name: str) -> None:
    path = OUT / f"{name}{SUFFIX}.png"
    widget.grab().save(str(path))
    print("saved", path)


def next_center_file(tmp: Path) -> Path:
    """馬尚 accepts its waiting referrals and registers two court-entrusted cases; its next
    file to the court is written (not imported)."""
    center = Store.open(tmp / "ZD-MS.db")
    svc = CaseService(center)
    waiting = [r for r in svc.list(limit=50) if r.status is CaseStatus.REGISTERED]
    mediator = center.directory.mediators()[0]
    for row in waiting:
        svc.accept(ACTOR, row.id)
        svc.assign(ACTOR, row.id, [mediator.id])
    today = center.today()
    for n in range(2):
        svc.register(ACTOR, {
            "source": "court_entrusted", "dispute_type": "neighbour",
            "court_case_number": f"（2026）鲁0303民诉前委{n + 1}号",
            "title": f"相邻通行纠纷{n + 1}", "facts": "通道被占", "claims": "恢复通行",
            "received_on": (today - timedelta(days=n)).isoformat(),
            "parties": [{"role": "applicant", "name": "孙立"},
                        {"role": "respondent", "name": "周红"}]})
    out = tmp / "ms-next.mdx"
    exchange.export_bundle(center, ACTOR, "ZD-FY", out)
    center.close()
    return out


def court_screens(app: QApplication) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        db = build(tmp)
        bundle = next_center_file(tmp)
        services = Services.open(db, TaskRunner(), actor=ACTOR)
        window = MainWindow(services)
        fit(window)
        window.start()
        window.show()
        settle(app, 1500)
        window.nav.setCurrentRow(PAGE_DASHBOARD)
        settle(app)
        save(window, "court-dashboard")
        report = services.run(lambda s: preview_bundle(s.store, ACTOR, bundle))
        dialog = ImportPreviewDialog(report, "马尚街道调解中心（ZD-MS）", window)
        dialog.show()
        settle(app, 900)
        save(dialog, "import-preview-cases")
        dialog.close()
        window.close()
        settle(app, 300)
        services.close()


def my_work_screen(app: QApplication, demo: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "demo.db"
        shutil.copyfile(demo, copy)
        shutil.copyfile(keyfile_path(demo), keyfile_path(copy))
        account_id, key = auth.unlock(copy, DEMO_MEDIATOR, DEMO_PASSWORD)
        services = Services.login(copy, TaskRunner(), account_id, key)
        window = MainWindow(services)
        fit(window)
        window.start()
        window.show()
        settle(app, 2500)
        window.nav.setCurrentRow(window.page_my_work)
        settle(app, 2500)
        save(window, "my-work")
        window.close()
        settle(app, 300)
        services.close()


def main() -> None:
    from mediation_desk.ui.garbage import GarbageCollector

    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    GarbageCollector(app).start()  # as the application: no collection on the database thread
    demo = Path(sys.argv[1]) if len(sys.argv) > 1 else DEMO
    court_screens(app)
    my_work_screen(app, demo)


if __name__ == "__main__":
    main()
