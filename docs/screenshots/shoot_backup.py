"""Screenshots of 文件 → 备份 / 恢复 / 演练恢复 and the 备份 settings (Xvfb, 1366×768).

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/shoot_backup.py

Builds a 200-case demo database in a temporary folder (MEDIATION_DESK_HOME there too),
takes a few backups on different days, then writes backup-list.png, backup-restore.png,
backup-practice.png and backup-settings.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

TMP = Path(tempfile.mkdtemp())
os.environ["MEDIATION_DESK_HOME"] = str(TMP / "home")

from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402
from shots import OUT, settle, shoot  # noqa: E402 - puts the repository on sys.path

from mediation_desk.services import backup as backups  # noqa: E402
from mediation_desk.services.demo import build_demo, demo_login  # noqa: E402
from mediation_desk.ui import i18n  # noqa: E402
from mediation_desk.ui.context import Services  # noqa: E402
from mediation_desk.ui.dialogs.backup_dialogs import BackupsDialog, practice_text  # noqa: E402
from mediation_desk.ui.pages.settings_page import SettingsPage  # noqa: E402
from mediation_desk.ui.tasks import TaskRunner  # noqa: E402


def main() -> None:
    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    db = TMP / "mediation-desk.db"
    build_demo(db, cases=200, seed=3)
    account_id, key = demo_login(db)  # 演示主任
    now = datetime.now().replace(microsecond=0)
    for days, reason in ((40, "daily"), (9, "migration"), (3, "close"), (1, "import"),
                         (0, "daily")):
        backups.take_backup(db, reason, key=key,
                            clock=lambda d=days: now - timedelta(days=d, hours=2))
    services = Services.login(db, TaskRunner(synchronous=True), account_id, key)
    try:
        listing = BackupsDialog(services, "backup")
        listing.resize(820, 420)
        shoot(app, listing, "backup-list.png")
        listing.close()

        restore = BackupsDialog(services, "restore")
        restore.resize(820, 420)
        shoot(app, restore, "backup-restore.png")
        restore.close()

        practice = BackupsDialog(services, "practice")
        practice.resize(820, 420)
        practice.show()
        report = backups.practice_restore(practice.selected().path)
        box = QMessageBox(QMessageBox.Icon.Information, practice.tr("Practice restore"),
                          practice_text(report), QMessageBox.StandardButton.Ok, practice)
        box.show()
        settle(app)
        practice.grab().save(str(OUT / "backup-practice-list.png"))
        box.grab().save(str(OUT / "backup-practice.png"))
        box.close()
        practice.close()

        settings = SettingsPage(services)
        settings.resize(1366, 768)
        settings.load()
        shoot(app, settings, "backup-settings.png")
        settings.close()
    finally:
        services.close()


if __name__ == "__main__":
    main()
