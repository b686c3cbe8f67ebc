"""Screenshots of the in-app attachment viewer: a PDF and a photo (run under Xvfb).

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/shoot_attachments.py

Builds a small demo database in a temporary folder, attaches a PDF (a blank 调解申请书 the
desk generates, standing in for a scan) and a JPEG "photo" of it to a case, and opens each
in the viewer at the size of a 1366x768 screen. Writes attachment_viewer_pdf.png,
attachment_viewer_image.png and attachments_tab.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTransform
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication
from shots import OUT, settle  # noqa: E402 - puts the repository on sys.path

from mediation_desk.domain.enums import CaseStatus  # noqa: E402
from mediation_desk.domain.queries import CaseFilter  # noqa: E402
from mediation_desk.services.auth import open_as  # noqa: E402
from mediation_desk.services.demo import build_demo, demo_login  # noqa: E402
from mediation_desk.services.documents import DocumentService  # noqa: E402
from mediation_desk.ui import i18n  # noqa: E402
from mediation_desk.ui.context import Services  # noqa: E402
from mediation_desk.ui.pages.case_detail import CaseDetailWidget  # noqa: E402
from mediation_desk.ui.tasks import TaskRunner  # noqa: E402

SCREEN = QSize(1366, 768)


def photo_of(pdf: bytes) -> bytes:
    """Page 1 of ``pdf`` as a slightly turned phone photo on a desk (JPEG)."""
    data = QByteArray(pdf)
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    doc.load(buf)
    page = doc.render(0, QSize(1240, 1754))
    photo = QImage(1500, 2000, QImage.Format.Format_RGB32)
    photo.fill(QColor("#8a7560"))
    p = QPainter(photo)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    p.setTransform(QTransform().translate(750, 1000).rotate(-2.5).translate(-620, -877))
    p.fillRect(0, 0, 1240, 1754, QColor("white"))
    p.drawImage(0, 0, page)
    p.end()
    out = QByteArray()
    jbuf = QBuffer(out)
    jbuf.open(QIODevice.OpenModeFlag.WriteOnly)
    photo.save(jbuf, "JPEG", 85)
    return bytes(out.data())


def main() -> None:
    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        build_demo(db, cases=40)
        account_id, key = demo_login(db)  # 演示主任
        store = open_as(db, account_id, key)
        form = DocumentService(store).generate("演示", None, "application", blank=True).pdf
        store.close()
        services = Services.login(db, TaskRunner(synchronous=True), account_id, key)
        row = services.cases.list(CaseFilter(statuses=(CaseStatus.MEDIATING,)), limit=1)[0]
        services.cases.add_attachment("演示", row.id, "调解申请书（扫描件）.pdf", form)
        services.cases.add_attachment("演示", row.id, "申请书照片.jpg", photo_of(form))
        page = CaseDetailWidget(services, row.id)
        page.resize(SCREEN.width() - 40, SCREEN.height() - 60)
        page.show()
        page.view.tabs.setCurrentWidget(page.view.attachments)
        settle(app)
        tab = page.view.attachments
        tab.table.selectRow(0)
        settle(app)
        page.grab().save(str(OUT / "attachments_tab.png"))
        for row_index, name in ((0, "attachment_viewer_pdf.png"),
                                (1, "attachment_viewer_image.png")):
            tab.table.selectRow(row_index)
            viewer = tab.open_selected()
            assert viewer is not None
            viewer.setWindowState(Qt.WindowState.WindowNoState)
            viewer.resize(SCREEN.width() - 80, SCREEN.height() - 80)
            settle(app, 1200)
            viewer.grab().save(str(OUT / name))
            viewer.close()
            settle(app)
        page.close()
        services.close()


if __name__ == "__main__":
    main()
