"""Screenshot of the 文书 tab: an agreement previewed inside the case page (run under Xvfb).

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python docs/screenshots/shoot_documents.py

Builds a small demo database in a temporary folder (generating registers the
document, so a real one is not used). Needs QtPdf for the preview.
Writes document_preview.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication
from shots import OUT, settle  # noqa: E402 - puts the repository on sys.path

from mediation_desk.domain.enums import CaseStatus  # noqa: E402
from mediation_desk.domain.queries import CaseFilter  # noqa: E402
from mediation_desk.services.demo import build_demo, demo_login  # noqa: E402
from mediation_desk.ui import i18n  # noqa: E402
from mediation_desk.ui.context import Services  # noqa: E402
from mediation_desk.ui.pages.case_detail import CaseDetailWidget  # noqa: E402
from mediation_desk.ui.tasks import TaskRunner  # noqa: E402


def main() -> None:
    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        build_demo(db, cases=200)
        services = Services.login(db, TaskRunner(), *demo_login(db))
        rows = services.cases.list(CaseFilter(statuses=(CaseStatus.AGREED,)), limit=1)
        page = CaseDetailWidget(services, rows[0].id)
        page.resize(1280, 900)
        page.show()
        page.view.tabs.setCurrentWidget(page.documents)
        page.documents.select_kind("agreement")
        page.documents.generate()
        for _ in range(50):
            settle(app, 200)
            if page.documents.document is not None:
                break
        settle(app, 800)
        page.grab().save(str(OUT / "document_preview.png"))
        services.close()


if __name__ == "__main__":
    main()
