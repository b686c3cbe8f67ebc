"""Screenshots of the 统计 page and its drill-down (Xvfb, 1366×768).

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/shoot_statistics.py

Builds a 3,000-case demo database in a temporary folder (MEDIATION_DESK_HOME there too),
opens it as 演示主任, shows last month's report and writes statistics.png (主要指标),
statistics-charts.png (图表), statistics-mediators.png (按调解员),
statistics-villages.png (无讼候选), statistics-public.png (对外发布),
statistics-drilldown.png (the case list after double-clicking 调解成功数),
dashboard-tiles.png (the tiles, 超期 focused) and dashboard-overdue.png (that tile pressed).
Then the court desk of shoot_referrals.py (two centers' referrals mediated and sent back):
statistics-court.png (按调解组织, ranked) and statistics-court-litigation.png (诉源治理).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

TMP = Path(tempfile.mkdtemp())
os.environ["MEDIATION_DESK_HOME"] = str(TMP / "home")

from PySide6.QtWidgets import QApplication  # noqa: E402
from shots import OUT, settle  # noqa: E402 - puts the repository on sys.path

from mediation_desk.app import Application, parse_args  # noqa: E402
from mediation_desk.services.demo import build_demo, demo_login  # noqa: E402
from mediation_desk.ui import i18n  # noqa: E402
from mediation_desk.ui.context import Services  # noqa: E402
from mediation_desk.ui.tasks import TaskRunner  # noqa: E402


def wait_for(app: QApplication, done, limit_ms: int = 30_000) -> None:
    waited = 0
    while not done() and waited < limit_ms:
        settle(app, 100)
        waited += 100


def main() -> None:
    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    db = TMP / "mediation-desk.db"
    build_demo(db, cases=3000, seed=3)
    runner = TaskRunner()
    account_id, key = demo_login(db)
    services = Services.login(db, runner, account_id, key)
    desk = Application(app, services, parse_args([]))
    desk.show_window()
    window = desk.window
    assert window is not None
    window.setGeometry(app.primaryScreen().availableGeometry())
    window.show()
    settle(app, 1500)

    window.nav.setCurrentRow(window.page_statistics)
    page = window.statistics
    page.last_month.click()
    wait_for(app, lambda: page.report is not None
             and page.report.period == page.current_period())
    settle(app, 600)
    window.grab().save(str(OUT / "statistics.png"))
    page.tabs.setCurrentIndex(1)
    settle(app, 800)
    window.grab().save(str(OUT / "statistics-charts.png"))
    page.tabs.setCurrentWidget(page.table_pages["by_mediator"])
    settle(app, 400)
    window.grab().save(str(OUT / "statistics-mediators.png"))
    if "wusong" in page.table_pages:  # the village view (services/villages.py)
        page.tabs.setCurrentWidget(page.table_pages["wusong"])
        settle(app, 400)
        window.grab().save(str(OUT / "statistics-villages.png"))

    page.public.setChecked(True)
    wait_for(app, lambda: page.report is not None and page.report.public)
    page.tabs.setCurrentWidget(page.table_pages["by_type"])
    settle(app, 600)
    window.grab().save(str(OUT / "statistics-public.png"))
    page.public.setChecked(False)
    wait_for(app, lambda: page.report is not None and not page.report.public)

    model = page.headline_model
    page.headline.activated.emit(model.index(model.row_of("succeeded"), 1))
    wait_for(app, lambda: not window.cases.model.loading)
    settle(app, 800)
    window.grab().save(str(OUT / "statistics-drilldown.png"))

    window.nav.setCurrentRow(0)
    window.dashboard.tiles["overdue"].setFocus()
    settle(app, 600)
    window.grab().save(str(OUT / "dashboard-tiles.png"))
    window.dashboard.tiles["overdue"].clicked.emit()
    wait_for(app, lambda: not window.cases.model.loading)
    settle(app, 800)
    window.grab().save(str(OUT / "dashboard-overdue.png"))

    window.discard_forms()
    window.close()
    services.close()
    shoot_court(app, runner)
    runner.shutdown()


def shoot_court(app: QApplication, runner: TaskRunner) -> None:
    """The court's roll-up across the centers whose files came back."""
    sys.path.insert(0, str(OUT))
    from shoot_referrals import ACTOR, build

    from mediation_desk.ui.main_window import MainWindow

    folder = TMP / "court"
    folder.mkdir()
    services = Services.open(build(folder), runner, actor=ACTOR)
    window = MainWindow(services)
    window.setGeometry(app.primaryScreen().availableGeometry())
    window.start()
    window.show()
    settle(app, 1500)
    window.nav.setCurrentRow(window.page_statistics)
    page = window.statistics
    wait_for(app, lambda: page.report is not None)
    page.tabs.setCurrentWidget(page.table_pages["by_center"])
    settle(app, 600)
    window.grab().save(str(OUT / "statistics-court.png"))
    page.tabs.setCurrentWidget(page.table_pages["litigation_source"])
    settle(app, 400)
    window.grab().save(str(OUT / "statistics-court-litigation.png"))
    window.close()
    services.close()


if __name__ == "__main__":
    main()
