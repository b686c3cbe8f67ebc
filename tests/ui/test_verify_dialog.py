"""文书核验: a person picks a PDF or types the printed code and reads the verdict; reached from
the File menu, the documents tab and the court page; a read-only account may use it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from mediation_desk.services.documents import DocumentService
from mediation_desk.ui.dialogs.verify_dialog import VerifyDialog
from mediation_desk.ui.main_window import MainWindow
from tests.ui.case_helpers import click
from tests.ui.test_documents import agreed_case


def issue(services):
    case = agreed_case(services)
    actor = services.actor
    doc = services.run(lambda s: DocumentService(s.store).generate(actor, case.id, "agreement"))
    return case, doc


def dialog_of(qtbot, services) -> VerifyDialog:
    dialog = VerifyDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_typed_code_shows_the_verdict_with_the_case(qtbot, services):
    case, doc = issue(services)
    dialog = dialog_of(qtbot, services)
    qtbot.keyClicks(dialog.code, doc.verification_code.lower())
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    assert dialog.headline.text() == "本机签发"
    details = dialog.details.text()
    assert case.number in details and "人民调解协议书" in details and "张＊、李＊" in details
    assert "张三" not in details
    dialog.code.setText("ZZZZZ-ZZZZZ")
    click(qtbot, dialog.check_button)
    assert dialog.headline.text() == "未找到"
    dialog.code.setText("12")
    click(qtbot, dialog.check_button)
    assert "校验码格式不对" in dialog.error.text() and dialog.headline.text() == ""
    dialog.code.clear()
    click(qtbot, dialog.check_button)
    assert dialog.error.text()  # asks for a code first


def test_a_picked_pdf_genuine_then_altered(qtbot, services, tmp_path, monkeypatch):
    case, doc = issue(services)
    good, bad = tmp_path / "协议书.pdf", tmp_path / "改过.pdf"
    good.write_bytes(doc.pdf)
    bad.write_bytes(doc.pdf + b"%\n")
    dialog = dialog_of(qtbot, services)
    for path, headline in ((good, "本机签发"), (bad, "已被修改")):
        monkeypatch.setattr(QFileDialog, "getOpenFileName",
                            staticmethod(lambda *a, p=path, **k: (str(p), "")))
        click(qtbot, dialog.file_button)
        assert dialog.headline.text() == headline
        assert case.number in dialog.details.text()
    (tmp_path / "x.pdf").write_bytes(b"not a pdf")
    dialog.check_file(tmp_path / "x.pdf")
    assert "不是 PDF" in dialog.error.text()


def test_reached_from_the_menu_and_the_documents_tab(qtbot, services, monkeypatch):
    from tests.ui.test_documents import open_documents

    window = MainWindow(services)
    qtbot.addWidget(window)
    assert window.verify_action.text() == "文书核验(&V)…" and window.verify_action.isEnabled()
    opened: list = []
    monkeypatch.setattr(VerifyDialog, "exec", lambda self: opened.append(self.code.text()))
    window.verify_action.trigger()
    assert opened == [""]
    case, _doc = issue(services)
    _page, tab = open_documents(qtbot, services, case.id)
    tab.select_kind("agreement")
    click(qtbot, tab.generate_button)
    click(qtbot, tab.verify_button)
    assert opened[-1] == tab.document.verification_code  # the paper just generated


def test_read_only_account_may_verify(qtbot, readonly_services):
    window = MainWindow(readonly_services)
    qtbot.addWidget(window)
    assert window.verify_action.isEnabled() and window.verify_action.isVisible()
    dialog = dialog_of(qtbot, readonly_services)
    dialog.code.setText("7K2QM-9XD4A")
    click(qtbot, dialog.check_button)
    assert dialog.headline.text() == "未找到"


def test_reached_from_the_court_page(qtbot, services, monkeypatch):
    from mediation_desk.ui.pages.court_page import CourtPage

    page = CourtPage(services)
    qtbot.addWidget(page)
    page.show()
    opened: list = []
    monkeypatch.setattr(VerifyDialog, "exec", lambda self: opened.append(self))
    assert page.verify_button.text() == "核验调解中心文书(&V)…"
    page.tabs.setCurrentIndex(1)
    click(qtbot, page.verify_button)
    assert len(opened) == 1
