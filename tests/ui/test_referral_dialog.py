"""The court's 委派调解: the button on the 法院 page opens the referral dialog, a person fills
it in and saves; the referral is a case of the chosen center; the page follows its state
(sent -> accepted -> result) as the center's exchange files come back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from mediation_desk.domain.enums import CaseSource, CaseStatus, DisputeType, EndReason
from mediation_desk.domain.models import Mediator
from mediation_desk.services import exchange
from mediation_desk.services.cases import CaseService
from mediation_desk.services.desk import MediatorService
from mediation_desk.services.referrals import ReferralService, ReferralState
from mediation_desk.storage import cases as case_store
from mediation_desk.storage.store import Store
from mediation_desk.ui.context import Services
from mediation_desk.ui.dialogs.referral_dialog import ReferralDialog
from mediation_desk.ui.main_window import PAGE_COURT, MainWindow
from mediation_desk.ui.tasks import TaskRunner
from tests.attachment_samples import EXE, pdf_bytes
from tests.exchange.helpers import ACTOR, id_number, make_desk, trust_both
from tests.ui.case_helpers import click
from tests.ui.conftest import type_text


@pytest.fixture
def court_desk(tmp_path, qapp):
    """A court desk trusting center01 (whose database stays closed here)."""
    court = make_desk(tmp_path, "court01", "court")
    center = make_desk(tmp_path, "center01")
    trust_both(tmp_path, court, center)
    court_path, center_path = court.path, center.path
    court.close()
    center.close()
    services = Services.open(court_path, TaskRunner(synchronous=True), actor=ACTOR)
    yield services, center_path, tmp_path
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QDialog):
            w._dirty = False  # type: ignore[attr-defined]
        w.close()
    QApplication.processEvents()
    services.close()


def _choose(combo, member) -> None:
    combo.setFocus()
    combo.setCurrentIndex(combo.findData(str(member.value)))


def fill(qtbot, dialog: ReferralDialog, material: Path) -> None:
    """What a court clerk types: the number, the dispute, the parties, one material."""
    assert dialog.center.currentText() == "center01单位（center01）"
    assert dialog.view.source.value() is CaseSource.COURT_DELEGATED
    assert not dialog.view.source.isEnabled()
    type_text(qtbot, dialog.view.court_case_number, "（2026）鲁0303民诉前调321号")
    _choose(dialog.view.dispute_type, DisputeType.CONTRACT)
    type_text(qtbot, dialog.view.facts, "被申请人欠付货款。")
    type_text(qtbot, dialog.view.claims, "请求支付货款五千元。")
    type_text(qtbot, dialog.view.amount.edit, "5000")
    first, second = dialog.parties
    type_text(qtbot, first.name, "张三")
    type_text(qtbot, first.id_number, id_number(1))
    type_text(qtbot, second.name, "李四")
    type_text(qtbot, second.id_number, id_number(2))
    dialog.add_material_path(material)


def _send(services: Services, tmp: Path, center_path: Path, name: str, back: bool) -> None:
    """A bundle court -> center01, or (``back``) center01 -> court."""
    path = tmp / f"{name}.mdx"
    center = Store.open(center_path)
    try:
        if back:
            exchange.export_bundle(center, ACTOR, "court01", path)
            services.run(lambda s: exchange.import_bundle(s.store, ACTOR, path))
        else:
            services.run(lambda s: exchange.export_bundle(s.store, ACTOR, "center01", path))
            exchange.import_bundle(center, ACTOR, path)
    finally:
        center.close()


def _shown(page) -> list[tuple[str, str]]:
    m = page.referrals
    return [(m.index(r, 0).data(), m.index(r, 3).data()) for r in range(m.rowCount())]


def test_refer_through_the_court_page_and_follow_the_state(qtbot, court_desk):
    services, center_path, tmp = court_desk
    material = tmp / "起诉状.pdf"
    material.write_bytes(pdf_bytes())
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.start()
    window.show()
    window.nav.setCurrentRow(PAGE_COURT)
    page = window.court
    assert page.tabs.currentIndex() == 0 and page.refer_button.text().startswith("委派调解")
    assert page.state_buttons[None].text() == "全部（0）"

    seen: list[ReferralDialog] = []

    def work_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ReferralDialog)
        seen.append(dialog)
        # the default due date is the 委派 period by the holiday calendar
        want = services.run(lambda s: ReferralService(s.store).default_due(s.store.today()))
        assert dialog.due_on.date().toPython() == want
        fill(qtbot, dialog, material)
        click(qtbot, dialog.save_button)

    QTimer.singleShot(0, work_the_dialog)
    click(qtbot, page.refer_button)
    assert seen and seen[0].result() == QDialog.DialogCode.Accepted

    # the case exists: a court-delegated case of center01 in 新登记, with its material
    [ref] = services.run(lambda s: ReferralService(s.store).referrals())
    case = services.cases.get(ref.case_id)
    assert case.source is CaseSource.COURT_DELEGATED and case.status is CaseStatus.REGISTERED
    assert case.court_case_number == case.number == "（2026）鲁0303民诉前调321号"
    assert [p.name for p in case.parties] == ["张三", "李四"] and str(case.amount) == "5000.00"
    [att] = services.cases.attachments(case.id)
    assert att.name == "起诉状.pdf" and att.media_type == "application/pdf"
    assert _shown(page) == [("（2026）鲁0303民诉前调321号", "已委派待受理")]
    assert page.state_buttons[ReferralState.SENT].text() == "已委派待受理（1）"
    counts = page.referral_counts
    assert counts.index(0, 0).data() == "center01单位（center01）"
    assert counts.index(0, 1).data() == 1

    # the center accepts: the page says 已受理 once the center's file is imported
    _send(services, tmp, center_path, "1", back=False)
    center = Store.open(center_path)
    try:
        svc = CaseService(center)
        svc.accept(ACTOR, case.id)
    finally:
        center.close()
    _send(services, tmp, center_path, "2", back=True)
    page.refresh()
    assert _shown(page) == [("（2026）鲁0303民诉前调321号", "已受理")]
    click(qtbot, page.state_buttons[ReferralState.SENT])
    assert _shown(page) == []
    click(qtbot, page.state_buttons[ReferralState.ACCEPTED])
    assert len(_shown(page)) == 1

    # mediation ends without agreement: a result, with the center's note
    center = Store.open(center_path)
    try:
        svc = CaseService(center)
        m = MediatorService(center).save(ACTOR, Mediator(center_id="", name="王调解"))
        svc.assign(ACTOR, case.id, [m.id])
        svc.record_session(ACTOR, case.id, notes="调解未成")
        svc.terminate(ACTOR, case.id, reason=EndReason.GAP_TOO_LARGE, notes="双方分歧较大")
        assert case_store.get_case(center.db, case.id).serial == 1  # numbered by the center
    finally:
        center.close()
    _send(services, tmp, center_path, "3", back=True)
    page.refresh()
    click(qtbot, page.state_buttons[None])
    assert _shown(page) == [("（2026）鲁0303民诉前调321号", "已有结果")]
    assert "双方分歧较大" in page.referrals.index(0, 7).data()
    assert page.state_buttons[ReferralState.RESULT].text() == "已有结果（1）"


def test_dialog_names_each_bad_field_and_saves_nothing(qtbot, court_desk, monkeypatch):
    services, _center, tmp = court_desk
    dialog = ReferralDialog(services)
    qtbot.addWidget(dialog, before_close_func=lambda d: setattr(d, "_dirty", False))
    dialog.show()
    bad = tmp / "身份证.jpg"
    bad.write_bytes(EXE)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(bad)], "")))
    click(qtbot, dialog.add_material)
    assert dialog.materials.count() == 1
    type_text(qtbot, dialog.view.court_case_number, "民诉前调1号")  # no year, no court
    click(qtbot, dialog.save_button)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors["court_case_number"].text()
    assert "身份证.jpg" in dialog.errors["materials"].text()
    assert dialog.errors["facts"].text()
    assert services.run(lambda s: ReferralService(s.store).referrals()) == []
    # the clerk removes the file: it is gone from the list
    dialog.materials.setCurrentRow(0)
    click(qtbot, dialog.remove_material)
    assert dialog.materials.count() == 0 and dialog.material_paths == []
    assert dialog.center.focusPolicy() != Qt.FocusPolicy.NoFocus
