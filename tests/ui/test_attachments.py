"""The attachments tab used like a mediator would: add scans, view them in the desk, 另存为."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from mediation_desk.ui.dialogs.attachment_viewer import AttachmentViewer
from tests.attachment_samples import EXE, jpeg_bytes, pdf_bytes, png_bytes, tiff_bytes
from tests.conftest import case_input
from tests.ui.case_helpers import answer_box
from tests.ui.test_case_detail import open_page


@pytest.fixture(autouse=True)
def no_shell(monkeypatch):
    """Nothing of an attachment may reach the system's file associations."""
    def refuse(*_a):
        raise AssertionError("QDesktopServices.openUrl called on attachment content")
    monkeypatch.setattr(QDesktopServices, "openUrl", refuse)


@pytest.fixture
def page(qtbot, services):
    case = services.cases.register(services.actor, case_input())
    return open_page(qtbot, services, case.id)


def add(page, path: Path, content: bytes) -> bool:
    path.write_bytes(content)
    return page.add_attachment(path)


def refused(qtbot, page, path: Path) -> str:
    seen = answer_box(qtbot, "errorBox", "")
    assert not page.add_attachment(path)
    return seen[0] if seen else ""


def stored(page):
    return page.services.cases.attachments(page.case_id)


def test_a_pdf_is_viewed_in_the_desk(qtbot, page, tmp_path):
    assert add(page, tmp_path / "申请书.pdf", pdf_bytes(pages=3))
    tab = page.view.attachments
    tab.table.selectRow(0)
    before = set(Path(os.environ.get("TMPDIR", "/tmp")).iterdir())
    viewer = tab.open_selected()
    assert isinstance(viewer, AttachmentViewer) and viewer.isVisible()
    assert viewer.pdf is not None and viewer.page_count() == 3
    assert viewer.stack.currentWidget() is viewer.pdf
    assert set(Path(os.environ.get("TMPDIR", "/tmp")).iterdir()) == before  # no temp file
    viewer.close()


@pytest.mark.parametrize(("maker", "pages"), [(jpeg_bytes, 1), (png_bytes, 1),
                                              (lambda: tiff_bytes(frames=3), 3)],
                         ids=["jpeg", "png", "tiff"])
def test_images_are_viewed_in_the_desk(qtbot, page, tmp_path, maker, pages):
    assert add(page, tmp_path / "照片", maker())
    tab = page.view.attachments
    tab.table.selectRow(0)
    viewer = tab.open_selected()
    assert viewer.images is not None and viewer.page_count() == pages
    assert not viewer.images.picture.pixmap().isNull()
    if pages > 1:
        viewer.images.next.click()
        assert viewer.images.page == 1
    viewer.images.zoom_in.click()
    assert viewer.images.scale is not None


def test_an_exe_named_like_an_id_card_is_refused_and_nothing_is_stored(qtbot, page, tmp_path):
    scan = tmp_path / "身份证.jpg"
    scan.write_bytes(EXE)
    box = answer_box(qtbot, "errorBox", "")
    assert not page.add_attachment(scan)
    assert box and "附件只接受 PDF、JPEG、PNG、TIFF 文件" in box[0] and "Windows 程序" in box[0]
    assert stored(page) == []
    assert page.services.run(lambda s: s.store.exchange.existing_blobs({"x"})) == set()


def test_the_name_and_type_come_from_the_content(page, tmp_path):
    assert add(page, tmp_path / "photo.jpg", png_bytes())
    [att] = stored(page)
    assert (att.name, att.media_type) == ("photo.png", "image/png")
    assert page.view.attachments.table.item(0, 0).text() == "photo.png"


def test_a_folder_and_a_pipe_are_refused(qtbot, page, tmp_path):
    box = answer_box(qtbot, "errorBox", "")
    assert not page.add_attachment(tmp_path)
    assert box and "文件夹" in box[0]
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "scan.pdf"
        os.mkfifo(fifo)
        box = answer_box(qtbot, "errorBox", "")
        assert not page.add_attachment(fifo)  # returns at once: no writer needed
        assert box and "管道" in box[0]
    assert stored(page) == []


def test_save_as_starts_in_documents_with_the_safe_name(qtbot, page, tmp_path, monkeypatch):
    content = pdf_bytes()
    assert add(page, tmp_path / "调解 申请书.pdf", content)
    asked = {}
    target = tmp_path / "out" / "copy"
    target.parent.mkdir()

    def fake_save(_parent, _title, default, _filter):
        asked["default"] = default
        return str(target), ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    tab = page.view.attachments
    tab.table.selectRow(0)
    saved = tab.save_selected()
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert asked["default"] == str(Path(documents) / "调解 申请书.pdf")
    assert saved == target.with_name("copy.pdf") and saved.read_bytes() == content


def test_the_viewer_save_button_goes_through_save_as(qtbot, page, tmp_path, monkeypatch):
    content = jpeg_bytes()
    assert add(page, tmp_path / "收条.jpeg", content)
    target = tmp_path / "收条副本.jpeg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    tab = page.view.attachments
    tab.table.selectRow(0)
    viewer = tab.open_selected()
    viewer.save_button.click()
    assert target.read_bytes() == content


def test_a_damaged_pdf_says_so_in_the_viewer(qtbot, services):
    from mediation_desk.domain.attachment_types import PDF
    from mediation_desk.domain.models import Attachment

    broken = b"%PDF-1.7\n1 0 obj <<>> garbage\n%%EOF\n"
    viewer = AttachmentViewer(Attachment(case_id="c", name="坏.pdf"), broken, PDF)
    qtbot.addWidget(viewer)
    assert viewer.stack.currentWidget() is viewer.problem
    assert "另存为" in viewer.problem.text()
