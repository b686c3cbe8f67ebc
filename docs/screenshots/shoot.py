"""Take the README screenshots of the running application (run under Xvfb).

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python docs/screenshots/shoot.py DB [--scale]

Opens DB in the real main window (worker thread and all), waits for the rows,
and grabs the dashboard, the case list and the settings page. With a
``QT_SCALE_FACTOR=1.5`` environment the files get a ``-150`` suffix.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from shots import OUT, settler  # noqa: E402 - puts the repository on sys.path

from mediation_desk.ui import i18n  # noqa: E402
from mediation_desk.ui.context import Services  # noqa: E402
from mediation_desk.ui.main_window import (  # noqa: E402
    PAGE_CASES,
    PAGE_DASHBOARD,
    PAGE_SETTINGS,
    MainWindow,
)
from mediation_desk.ui.tasks import TaskRunner  # noqa: E402

settle = settler(600)


def main() -> None:
    db = Path(sys.argv[1])
    suffix = "-150" if os.environ.get("QT_SCALE_FACTOR") == "1.5" else ""
    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    from mediation_desk.services.demo import demo_login

    services = Services.login(db, TaskRunner(), *demo_login(db))  # as 演示主任
    window = MainWindow(services)
    window.resize(1366, 800)
    window.start()
    window.show()
    settle(app, 1500)
    shots = [(PAGE_DASHBOARD, "dashboard"), (PAGE_CASES, "case-list"),
             (PAGE_SETTINGS, "settings")]
    for page, name in shots:
        window.nav.setCurrentRow(page)
        settle(app)
        path = OUT / f"{name}{suffix}.png"
        window.grab().save(str(path))
        print("saved", path)
    services.close()


if __name__ == "__main__":
    main()
