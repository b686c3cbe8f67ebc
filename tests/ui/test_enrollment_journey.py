"""Enrollment of a field laptop from the GUI, end to end: the director enrolls it on the 交换
page (the passphrase shown once, the slip saved), the new laptop's first-run dialog opens the
file with that passphrase (the center's fingerprint shown to compare), and the mediator logs
in on the laptop and finds the case assigned to them."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from mediation_desk.security.keyfile import parse_recovery_key
from mediation_desk.services import auth, exchange, exchange_status
from mediation_desk.ui.context import Services
from mediation_desk.ui.dialogs.enrollment_dialogs import EnrollDialog, PassphraseDialog
from mediation_desk.ui.dialogs.first_run import FIELD, FirstRunDialog
from mediation_desk.ui.dialogs.login_dialog import LoginDialog
from mediation_desk.ui.pages.exchange_page import ExchangePage
from mediation_desk.ui.tasks import TaskRunner
from tests.conftest import case_input
from tests.documents.conftest import page_texts
from tests.ui.conftest import MEDIATOR, type_text

LAPTOP_PASSWORD = "laptop pass 2026"


def when_modal(kind: type, act, seen: list, patience_s: float = 60.0) -> None:
    """When a modal window of ``kind`` opens (within ``patience_s``), ``act(window)``."""
    deadline = time.monotonic() + patience_s

    def check() -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, kind):
            seen.append(w)
            act(w)
        elif time.monotonic() < deadline:
            QTimer.singleShot(20, check)
    QTimer.singleShot(0, check)


def test_enroll_a_field_laptop_from_the_gui(qtbot, director_services, tmp_path, monkeypatch):
    center = director_services
    cs, actor = center.cases, center.actor
    mediator = next(m for m in center.mediators.roster() if m[0].name == MEDIATOR)[0]
    case = cs.register(actor, case_input())
    cs.accept(actor, case.id)
    cs.assign(actor, case.id, [mediator.id])
    fingerprint = center.run(lambda s: exchange.own_card(s.store)).fingerprint

    # -- at the center: the director enrolls the laptop on the 交换 page ----------------------
    page = ExchangePage(center)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.enroll_laptop.isVisible() and page.enroll_laptop.text() == "登记外出调解笔记本(&L)…"
    bundle_file, slip = tmp_path / "登记文件.mdx", tmp_path / "登记单.pdf"
    offered: list[str] = []

    def save_dialog(_parent, _title, default, _filter):
        offered.append(default)
        return str(bundle_file), ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    seen: list = []
    shown: dict[str, str] = {}

    def pick(d: EnrollDialog) -> None:
        assert [d.mediator.itemText(i) for i in range(d.mediator.count())] == [MEDIATOR]
        when_modal(PassphraseDialog, read_then_continue, seen)
        d.ok.click()

    def read_then_continue(d: PassphraseDialog) -> None:
        shown["passphrase"] = d.passphrase.text()
        assert not d.ok.isEnabled()
        d.reject()  # Esc: it is never shown again, so it stays until copied
        assert d.isVisible()
        assert d.save_slip(slip) and d.saved_label.isVisible()
        d.confirm.setChecked(True)
        d.ok.click()
    when_modal(EnrollDialog, pick, seen)
    page.enroll_laptop.click()
    assert [type(d) for d in seen] == [EnrollDialog, PassphraseDialog]
    assert offered and offered[0].endswith(".mdx") and "周明" in offered[0]
    assert bundle_file.is_file() and slip.read_bytes().startswith(b"%PDF")
    passphrase = shown["passphrase"]
    assert len(passphrase.split("-")) == 5
    assert "周明" in page.status.text() and str(bundle_file) in page.status.text()

    # the slip says who, which laptop, the passphrase and the fingerprint
    pages = page_texts(slip.read_bytes())
    assert len(pages) == 1
    for expected in ("外出调解笔记本登记单", "周明", "ZD-MS-F1", passphrase.replace("-", ""),
                     fingerprint.replace(" ", ""), "2026年"):
        assert expected in pages[0], expected

    # -- on the new laptop: the first-run dialog opens the file with the passphrase ----------
    laptop = tmp_path / "laptop" / "desk.db"
    dialog = FirstRunDialog(laptop)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose(FIELD)
    form = dialog.field
    assert form.isVisible() and not form.password.isVisible()
    form.file.setText(str(bundle_file))
    type_text(qtbot, form.passphrase, "2222-3333-4444-5555-6666")
    dialog.create_button.click()  # a wrong passphrase: said beside it, nothing created
    assert form.errors["passphrase"].isVisible() and "口令" in form.errors["passphrase"].text()
    assert not laptop.exists() and not form.password.isVisible()
    form.passphrase.clear()
    type_text(qtbot, form.passphrase, passphrase.lower())  # typed as read, lower case too
    dialog.create_button.click()  # checks the file: the center shown, nothing created yet
    assert form.checked is not None and not laptop.exists()
    assert "马尚街道调解中心" in form.sender_label.text() and MEDIATOR in form.sender_label.text()
    assert form.fingerprint.accessibleName() == fingerprint
    assert form.name.text() == MEDIATOR and form.password.isVisible()
    type_text(qtbot, form.password, LAPTOP_PASSWORD)
    type_text(qtbot, form.password2, LAPTOP_PASSWORD)
    dialog.create_button.click()  # the fingerprint not yet compared
    assert form.errors["compared"].isVisible() and not laptop.exists()
    form.compared.setChecked(True)
    dialog.create_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted, [
        e.text() for e in form.errors.values() if e.isVisible()]
    assert auth.state(laptop) == "encrypted" and auth.account_names(laptop) == [MEDIATOR]
    assert dialog.value("director") == MEDIATOR  # what the application remembers as the user

    key_dialog = dialog.recovery_key_dialog()
    qtbot.addWidget(key_dialog)
    key_dialog.show()
    assert not key_dialog.print_button.isVisible()  # the center's sheet is not the laptop's
    assert parse_recovery_key(key_dialog.key_label.text()) == parse_recovery_key(
        dialog.recovery_key)
    key_dialog.confirm.setChecked(True)
    key_dialog.ok.click()

    # -- the mediator logs in on the laptop ------------------------------------------------
    opened: list[Services] = []

    def open_(account_id: str, key: bytes) -> Services:
        opened.append(Services.login(laptop, TaskRunner(synchronous=True), account_id, key))
        return opened[-1]
    login = LoginDialog(laptop, open_, name=MEDIATOR)
    qtbot.addWidget(login)
    login.show()
    try:
        type_text(qtbot, login.password, LAPTOP_PASSWORD)
        login.ok.click()
        assert login.result() == QDialog.DialogCode.Accepted
        services = login.opened
        assert services.account.name == MEDIATOR and services.account.role.label == "调解员"
        card = services.run(lambda s: exchange.own_card(s.store))
        assert card.kind == "field" and card.code == "ZD-MS-F1"
        assert services.cases.get(case.id).number == cs.get(case.id).number
        trusted = services.run(lambda s: [d.code for d in
                                          exchange_status.trusted_desks(s.store)])
        assert trusted == ["ZD-MS"]
    finally:
        for s in opened:
            s.close()


def test_only_a_centers_director_sees_the_enrollment_button(qtbot, mediator_services,
                                                            tmp_path):
    from tests.exchange.helpers import ACTOR, make_desk

    page = ExchangePage(mediator_services)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert not page.enroll_laptop.isVisible()
    court = make_desk(tmp_path, "court01", "court")
    court.close()
    services = Services.open(tmp_path / "court01.db", TaskRunner(synchronous=True), actor=ACTOR)
    try:
        page = ExchangePage(services)
        qtbot.addWidget(page)
        page.show()
        page.refresh()
        assert page.own_kind.text() and not page.enroll_laptop.isVisible()
    finally:
        page.close()
        services.close()


def test_the_application_starts_a_new_laptop_from_its_enrollment_file(
        qtbot, director_services, tmp_path):
    """app.first_run as the program calls it on a laptop with no database: the field kind,
    the file and passphrase, the recovery key once, then the mediator is logged in."""
    from mediation_desk import app
    from mediation_desk.services import enrollment
    from mediation_desk.ui.dialogs.recovery_key_dialog import RecoveryKeyDialog

    center = director_services
    mediator = next(m for m, _n in center.mediators.roster() if m.name == MEDIATOR)
    bundle_file = tmp_path / "field.mdx"
    report = center.run(lambda s: enrollment.enroll(s.store, center.actor, mediator.id,
                                                    bundle_file))
    laptop = tmp_path / "laptop.db"
    seen: list = []

    def fill(d: FirstRunDialog) -> None:
        d.choose(FIELD)
        d.field.file.setText(str(bundle_file))
        d.field.passphrase.setText(report.passphrase)
        d.create_button.click()
        d.field.compared.setChecked(True)
        d.field.password.setText(LAPTOP_PASSWORD)
        d.field.password2.setText(LAPTOP_PASSWORD)
        when_modal(RecoveryKeyDialog, copied, seen)
        d.create_button.click()

    def copied(d: RecoveryKeyDialog) -> None:
        assert not d.print_button.isVisible() and d.key_label.text()
        d.confirm.setChecked(True)
        d.ok.click()
    when_modal(FirstRunDialog, fill, seen)
    services = app.first_run(laptop, TaskRunner(synchronous=True))
    try:
        assert [type(d) for d in seen] == [FirstRunDialog, RecoveryKeyDialog]
        assert services is not None and services.account.name == MEDIATOR
        assert services.account.role.value == "mediator"
        assert app.load_profile()["user"] == MEDIATOR  # the login screen offers it next time
    finally:
        if services is not None:
            services.close()
