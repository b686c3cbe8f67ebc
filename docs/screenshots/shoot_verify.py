"""Screenshots of 文书核验 and of a paper's last page with its QR code (run under Xvfb).

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python docs/screenshots/shoot_verify.py

Builds a small demo database in a temporary folder, issues an agreement, then shows the
verdict on the file as issued and on a copy altered after issue. Writes verify-genuine.png,
verify-altered.png and documents-verification-qr.png (the agreement's last page).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication
from shots import OUT, settler  # noqa: E402 - puts the repository on sys.path

from mediation_desk.domain.enums import CaseStatus  # noqa: E402
from mediation_desk.domain.queries import CaseFilter  # noqa: E402
from mediation_desk.services.demo import build_demo, demo_login  # noqa: E402
from mediation_desk.services.documents import DocumentService  # noqa: E402
from mediation_desk.ui import i18n  # noqa: E402
from mediation_desk.ui.context import Services  # noqa: E402
from mediation_desk.ui.dialogs.verify_dialog import VerifyDialog  # noqa: E402
from mediation_desk.ui.tasks import TaskRunner  # noqa: E402

settle = settler(300)


def main() -> None:
    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        build_demo(db, cases=200)
        services = Services.login(db, TaskRunner(), *demo_login(db))
        rows = services.cases.list(CaseFilter(statuses=(CaseStatus.AGREED,)), limit=1)
        actor, case_id = services.actor, rows[0].id
        doc = services.run(lambda s: DocumentService(s.store).generate(actor, case_id,
                                                                         "agreement"))
        good, bad = Path(tmp) / "协议书.pdf", Path(tmp) / "改过.pdf"
        good.write_bytes(doc.pdf)
        bad.write_bytes(doc.pdf.replace(b"/Producer", b"/Producer ", 1) + b"%\n")
        dialog = VerifyDialog(services)
        dialog.resize(720, 440)
        dialog.show()
        for path, name in ((good, "verify-genuine.png"), (bad, "verify-altered.png")):
            dialog.code.clear()
            dialog.check_file(path)
            for _ in range(30):
                settle(app)
                if dialog.verdict is not None and dialog.file_button.isEnabled():
                    break
            settle(app, 500)
            dialog.grab().save(str(OUT / name))
            dialog.verdict = None
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(doc.pages), "-l",
                        str(doc.pages), "-singlefile", str(good),
                        str(OUT / "documents-verification-qr")], check=True)
        services.close()


if __name__ == "__main__":
    main()
