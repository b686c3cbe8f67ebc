"""文书 on the case page: generate, preview, refusal, save as, register; blank forms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from mediation_desk.services.mediation import AgreementInput
from mediation_desk.ui.pages.case_detail import CaseDetailWidget
from tests.ui.case_helpers import add_mediator, click
from tests.ui.helpers import register


def agreed_case(services):
    cs = services.cases
    case = register(services, "张三", "李四")
    cs.accept(services.actor, case.id)
    cs.assign(services.actor, case.id, [add_mediator(services).id])
    cs.record_agreement(services.actor, case.id, AgreementInput(
        clauses=["李四于十日内清理通道杂物", "李四赔偿张三损失3000元"], amount=Decimal("3000"),
        performance_method="现金", performance_place="调解中心",
        performance_deadline=date(2026, 3, 12)))
    return cs.get(case.id)


def open_documents(qtbot, services, case_id):
    page = CaseDetailWidget(services, case_id)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    page.view.tabs.setCurrentWidget(page.documents)
    return page, page.documents


def test_agreement_is_generated_previewed_and_registered(qtbot, services):
    case = agreed_case(services)
    page, tab = open_documents(qtbot, services, case.id)
    assert tab.register.rowCount() == 0
    assert not tab.save_button.isEnabled()
    tab.select_kind("agreement")
    click(qtbot, tab.generate_button)

    doc = tab.document
    assert doc is not None and doc.kind == "agreement" and doc.pdf.startswith(b"%PDF")
    assert not tab.error.isVisible()
    assert doc.verification_code in tab.status.text()
    assert tab.save_button.isEnabled() and tab.print_button.isEnabled()
    # the register shows the generation: kind, time, verification code, who
    assert tab.register.rowCount() == 1
    row = [tab.register.item(0, c).text() for c in range(4)]
    assert row[0] == "人民调解协议书" and row[2] == doc.verification_code
    assert row[3] == services.actor and "2026年" in row[1]
    from PySide6.QtPdf import QPdfDocument

    assert tab.preview.document.status() == QPdfDocument.Status.Ready
    assert tab.preview.page_count() == doc.pages > 0
    assert tab.preview.page_label.text() == f"第 1 页，共 {doc.pages} 页"


def test_agreement_without_an_agreement_is_refused_in_chinese(qtbot, services):
    case = register(services, "王五", "赵六")
    _page, tab = open_documents(qtbot, services, case.id)
    tab.select_kind("agreement")
    click(qtbot, tab.generate_button)
    assert tab.document is None
    assert tab.error.isVisible()
    message = tab.error.text()
    assert "协议" in message and "Traceback" not in message
    assert all(not ch.isascii() or ch.isspace() or ch.isdigit() for ch in message[:4])
    assert tab.register.rowCount() == 0
    assert not tab.save_button.isEnabled()
    assert tab.generate_button.isEnabled()


def test_save_as_writes_the_pdf_under_its_default_name(qtbot, services, tmp_path, monkeypatch):
    case = agreed_case(services)
    _page, tab = open_documents(qtbot, services, case.id)
    tab.select_kind("agreement")
    click(qtbot, tab.generate_button)
    offered: list[str] = []

    def fake_save(parent, title, default, filters):
        offered.append(default)
        return str(tmp_path / "协议书"), filters  # no suffix typed: .pdf is added

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    click(qtbot, tab.save_button)
    assert offered and offered[0].endswith(tab.document.filename)
    assert tab.document.filename.endswith("人民调解协议书.pdf")
    saved = tmp_path / "协议书.pdf"
    assert saved.read_bytes() == tab.document.pdf
    assert str(saved) in tab.status.text()


def test_save_as_starts_in_documents_mediation_desk_folder(qtbot, services, tmp_path,
                                                            monkeypatch):
    """另存为 starts in 文档/调解工作台 (made if missing), not in the program's folder."""
    from PySide6.QtCore import QStandardPaths

    from mediation_desk.ui.pages.documents_tab import SAVE_FOLDER

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    documents = Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation))
    assert str(documents).startswith(str(tmp_path))
    case = agreed_case(services)
    _page, tab = open_documents(qtbot, services, case.id)
    tab.select_kind("agreement")
    click(qtbot, tab.generate_button)
    offered: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda _p, _t, default, _f: (offered.append(default), ("", ""))[1])
    assert not (documents / SAVE_FOLDER).exists()
    assert tab.save_as() is None  # cancelled: nothing written
    assert offered == [str(documents / SAVE_FOLDER / tab.document.filename)]
    assert (documents / SAVE_FOLDER).is_dir() and not any((documents / SAVE_FOLDER).iterdir())


def test_the_list_offers_the_paper_the_case_needs_next(qtbot, services):
    case = register(services, "王五", "赵六")
    page, tab = open_documents(qtbot, services, case.id)
    assert tab.kind.currentData() == "application"  # a party's application: its 申请书
    page.close()
    case = agreed_case(services)
    page, tab = open_documents(qtbot, services, case.id)
    assert tab.kind.currentData() == "agreement"  # not 申请书 once an agreement is reached
    click(qtbot, tab.generate_button)
    assert tab.document.kind == "agreement" and tab.kind.currentData() == "agreement"
    tab.load_register()  # the case page refreshes: the 协议书 is made, the 司法确认申请书 next
    assert tab.kind.currentData() == "jc_application"
    tab.kind.activated.emit(tab.kind.findData("rights_notice"))  # the person picks one
    tab.select_kind("rights_notice")
    tab.load_register()
    assert tab.kind.currentData() == "rights_notice"  # kept, not taken back


def test_the_preview_uses_the_space_at_1366x768(qtbot, services):
    case = agreed_case(services)
    page, tab = open_documents(qtbot, services, case.id)
    page.resize(1366 - 180, 768 - 120)  # the case page inside the window at 1366x768
    click(qtbot, tab.generate_button)
    qtbot.waitUntil(lambda: tab.preview.view.height() > 0)
    # the page preview gets most of the tab's height and most of its width
    assert tab.preview.view.height() >= 0.75 * tab.height(), (tab.preview.view.height(),
                                                              tab.height())
    assert tab.preview.width() >= 0.6 * tab.width()
    assert tab.register.isVisible() and tab.register.width() >= 200


def test_blank_form_from_the_file_menu_dialog(qtbot, services):
    from mediation_desk.ui.dialogs.blank_forms import BlankFormsDialog

    dialog = BlankFormsDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    forms = dialog.forms
    kinds = [forms.kind.itemData(i) for i in range(forms.kind.count())]
    assert "case_file" not in kinds and "application" in kinds and "agreement" in kinds
    assert not forms.register.isVisible()
    forms.select_kind("application")
    click(qtbot, forms.generate_button)
    doc = forms.document
    assert doc is not None and doc.filename == "人民调解申请书（空白）.pdf"
    assert not forms.error.isVisible()
    assert forms.preview.page_count() == doc.pages > 0


def test_print_renders_every_page(qtbot, services, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from mediation_desk.ui.widgets.pdf_preview import print_pdf

    case = agreed_case(services)
    _page, tab = open_documents(qtbot, services, case.id)
    tab.select_kind("agreement")
    click(qtbot, tab.generate_button)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert print_pdf(tab.document.pdf, printer) == tab.document.pages
    assert out.read_bytes().startswith(b"%PDF")


def test_preview_navigation_and_zoom(qtbot, services):
    case = agreed_case(services)
    _page, tab = open_documents(qtbot, services, case.id)
    tab.select_kind("case_file")  # several pages
    click(qtbot, tab.generate_button)
    preview = tab.preview
    assert preview.page_count() > 1
    assert not preview.previous.isEnabled() and preview.next.isEnabled()
    click(qtbot, preview.next)
    assert preview.current_page() == 1
    assert preview.page_label.text().startswith("第 2 页")
    before = preview.view.zoomFactor()
    click(qtbot, preview.zoom_in)
    assert preview.view.zoomFactor() == pytest.approx(before * 1.25)
