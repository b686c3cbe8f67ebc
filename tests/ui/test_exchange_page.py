"""The 数据交换 page used like a person: trust a card, send a bundle from one desk and
preview then import it on another, refuse a hostile file, decide a conflict."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QPushButton

from mediation_desk.services import exchange
from mediation_desk.storage import cases as case_store
from mediation_desk.ui.context import Services
from mediation_desk.ui.dialogs.exchange_dialogs import (
    ChangeKeyDialog,
    ExportDialog,
    ImportPreviewDialog,
    ReasonDialog,
    TrustCardDialog,
)
from mediation_desk.ui.pages.exchange_page import ExchangePage
from mediation_desk.ui.tasks import TaskRunner
from tests.exchange.helpers import ACTOR, db_digest, make_desk, referral, trust_both


def on_modal(kind: type, act, seen: list) -> None:
    """When the next modal window of ``kind`` opens, do ``act(window)`` (like a person would)."""
    def check(tries: int = 0) -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, kind):
            seen.append(w)
            act(w)
        elif tries < 50:
            QTimer.singleShot(10, lambda: check(tries + 1))
    QTimer.singleShot(0, check)


def file_dialogs(monkeypatch, *, open_path: Path | None = None,
                 save_path: Path | None = None) -> None:
    if open_path is not None:
        monkeypatch.setattr(QFileDialog, "getOpenFileName",
                            staticmethod(lambda *a, **k: (str(open_path), "")))
    if save_path is not None:
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            staticmethod(lambda *a, **k: (str(save_path), "")))


@pytest.fixture
def two_desks(tmp_path, qapp):
    """A court desk with a referral for a center desk; both trust each other."""
    court, center = make_desk(tmp_path, "court01", "court"), make_desk(tmp_path, "center01")
    trust_both(tmp_path, court, center)
    case = referral(court, center)
    paths = court.path, center.path
    court.close()
    center.close()
    opened = [Services.open(p, TaskRunner(synchronous=True), actor=ACTOR) for p in paths]
    yield opened[0], opened[1], case
    for w in QApplication.topLevelWidgets():
        w.close()
    QApplication.processEvents()
    for s in opened:
        s.close()


def page_for(qtbot, services: Services) -> ExchangePage:
    page = ExchangePage(services)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    return page


def send(qtbot, monkeypatch, page: ExchangePage, to: str, out: Path, *, full=False) -> None:
    """Export a bundle through the page's dialog and a (patched) save dialog."""
    file_dialogs(monkeypatch, save_path=out)
    seen: list = []

    def choose(d: ExportDialog) -> None:
        d.desk.setCurrentIndex(d.desk.findData(to))
        d.full.setChecked(full)
        d.findChild(QPushButton, "exportButton").click()
    on_modal(ExportDialog, choose, seen)
    page.export_bundle.click()
    assert seen and out.exists()


def test_trust_a_card(qtbot, services, tmp_path, monkeypatch):
    other = make_desk(tmp_path, "center09")
    card = tmp_path / "center09.card"
    fpr = exchange.export_card(other, card)
    other.close()
    page = page_for(qtbot, services)
    assert page.own_code.text() == "ZD-MS" and page.own_name.text() == "马尚街道调解中心"
    assert page.own_fingerprint.text().replace("\n", " ") == \
        services.run(lambda s: exchange.own_card(s.store)).fingerprint
    assert page.desk_model.rowCount() == 0

    file_dialogs(monkeypatch, open_path=card)
    seen: list = []

    def look_then_confirm(d: TrustCardDialog) -> None:
        shown = d.findChild(type(page.own_fingerprint), "fingerprint").text()
        assert shown.replace("\n", " ") == fpr
        assert not d.trust.isEnabled()  # not before the phone comparison is confirmed
        d.compared.click()
        assert d.trust.isEnabled()
        d.trust.click()
    on_modal(TrustCardDialog, look_then_confirm, seen)
    page.trust.click()
    assert seen
    assert page.desk_model.rowCount() == 1
    row = [page.desk_model.index(0, c).data() for c in range(7)]
    assert row[:5] == ["center09", "center09单位", "调解中心", fpr, "已信任"]
    assert row[5] == row[6] == "从未"
    assert [d.code for d in exchange_status_desks(services)] == ["center09"]

    # revoke it (a reason is required)
    page.desks.selectRow(0)
    assert page.revoke.isEnabled()

    def give_reason(d: ReasonDialog) -> None:
        assert not d.ok.isEnabled()
        d.reason.setText("对方电脑丢失")
        d.ok.click()
    on_modal(ReasonDialog, give_reason, seen)
    page.revoke.click()
    assert page.desk_model.index(0, 4).data() == "已撤销"
    assert exchange_status_desks(services)[0].revoked
    assert not page.revoke.isEnabled()
    assert page.revoked_box.isVisibleTo(page)
    assert [page.revoked_model.index(0, c).data() for c in (0, 1, 3)] == \
        ["center09", fpr, "对方电脑丢失"]


def test_change_a_desks_key_by_phone(qtbot, services, tmp_path, monkeypatch):
    other = make_desk(tmp_path, "center09")
    exchange.export_card(other, tmp_path / "old.card")
    old = exchange.own_card(other).fingerprint
    services.run(lambda s: exchange.trust_card(s.store, ACTOR,
                                               exchange.read_card(tmp_path / "old.card")))
    exchange.change_own_keys(other, ACTOR, reason="重装系统")
    exchange.export_card(other, tmp_path / "new.card")
    new = exchange.own_card(other).fingerprint
    other.close()
    page = page_for(qtbot, services)
    page.desks.selectRow(0)
    file_dialogs(monkeypatch, open_path=tmp_path / "new.card")
    seen: list = []

    def phone(d: ChangeKeyDialog) -> None:
        assert d.findChild(QLabel, "oldFingerprint").text().replace("\n", " ") == old
        d.reason.setText("对方重装系统")
        d.typed.setText(old)  # the wrong one: refused beside the field
        assert d.typed_error.text() and not d.ok.isEnabled()
        d.typed.setText(new.lower())
        assert d.typed_error.text() == "" and d.ok.isEnabled()
        d.ok.click()
    on_modal(ChangeKeyDialog, phone, seen)
    page.change_key_button.click()
    assert seen
    assert page.desk_model.index(0, 3).data() == new
    assert page.revoked_model.index(0, 1).data() == old


def test_cancelled_trust_changes_nothing(qtbot, services, tmp_path, monkeypatch):
    other = make_desk(tmp_path, "center09")
    exchange.export_card(other, tmp_path / "c.card")
    other.close()
    page = page_for(qtbot, services)
    file_dialogs(monkeypatch, open_path=tmp_path / "c.card")
    seen: list = []
    on_modal(TrustCardDialog, lambda d: d.reject(), seen)
    page.trust.click()
    assert seen and exchange_status_desks(services) == []


def exchange_status_desks(services):
    from mediation_desk.services.exchange_status import trusted_desks
    return services.run(lambda s: trusted_desks(s.store))


def test_export_then_preview_then_import(qtbot, two_desks, tmp_path, monkeypatch):
    court, center, case = two_desks
    court_page, center_page = page_for(qtbot, court), page_for(qtbot, center)
    out = tmp_path / "for-center.mdx"
    send(qtbot, monkeypatch, court_page, "center01", out)
    assert "已导出并校验" in court_page.status.text()
    assert court_page.desk_model.index(0, 5).data().startswith("第 1 号")

    before = center.run(lambda s: db_digest(s.store))
    file_dialogs(monkeypatch, open_path=out)
    previews: list = []

    def look_then_cancel(d: ImportPreviewDialog) -> None:
        assert {k: int(v.text()) for k, v in d.count_labels.items()} == \
            {"new": 4, "updated": 1, "unchanged": 0, "conflicting": 0}
        d.reject()
    on_modal(ImportPreviewDialog, look_then_cancel, previews)
    center_page.import_bundle.click()
    # the preview wrote nothing
    assert previews and center.run(lambda s: db_digest(s.store)) == before
    assert "没有任何改动" in center_page.status.text() or "未导入" in center_page.status.text()

    on_modal(ImportPreviewDialog, lambda d: d.apply.click(), previews)
    center_page.import_bundle.click()
    assert len(previews) == 2
    got = center.run(lambda s: case_store.get_case(s.store.db, case.id))
    assert got is not None and got.court_case_number == case.court_case_number
    assert center_page.last_import.counts["new"] == 4
    assert "新增 4" in center_page.status.text()
    row = {center_page.desk_model.index(0, c).data() for c in range(7)}
    assert any(str(x).startswith("第 1 号") for x in row)

    # the same file again: already imported, nothing changes
    after = center.run(lambda s: db_digest(s.store))
    boxes: list = []
    on_modal(QMessageBox, lambda b: b.accept(), boxes)
    center_page.import_bundle.click()
    assert boxes and "已经导入过" in center_page.status.text()
    assert center.run(lambda s: db_digest(s.store)) == after


def test_hostile_file_is_refused_in_chinese(qtbot, two_desks, tmp_path, monkeypatch):
    _court, center, _case = two_desks
    page = page_for(qtbot, center)
    hostile = tmp_path / "来自微信(1).mdx"
    hostile.write_bytes(os.urandom(4096))
    before = center.run(lambda s: db_digest(s.store))
    file_dialogs(monkeypatch, open_path=hostile)
    boxes: list = []
    texts: list = []

    def read_and_close(box: QMessageBox) -> None:
        texts.append(box.text())
        box.accept()
    on_modal(QMessageBox, read_and_close, boxes)
    page.import_bundle.click()
    assert boxes and boxes[0].objectName() == "rejectionBox"
    assert "已拒绝" in texts[0] or "拒绝" in texts[0]
    assert "not_a_bundle" in texts[0] or "decrypt_failed" in texts[0]
    assert "文件" in texts[0] and "Traceback" not in texts[0]
    assert center.run(lambda s: db_digest(s.store)) == before


def test_resolve_a_conflict_through_the_page(qtbot, two_desks, tmp_path, monkeypatch):
    """The center owns the facts; the court corrected its own copy meanwhile: a conflict at
    the court, decided on its page."""
    court, center, case = two_desks
    court_page, center_page = page_for(qtbot, court), page_for(qtbot, center)
    first, back = tmp_path / "1.mdx", tmp_path / "1b.mdx"
    send(qtbot, monkeypatch, court_page, "center01", first)
    center.run(lambda s: exchange.import_bundle(s.store, ACTOR, first))
    send(qtbot, monkeypatch, center_page, "court01", back)
    court.run(lambda s: exchange.import_bundle(s.store, ACTOR, back))
    for services, facts in ((court, "法院改了事实"), (center, "中心改了事实")):
        def edit(s, facts=facts):
            c = case_store.get_case(s.store.db, case.id)
            c.facts = facts
            with s.store.operation(ACTOR, "edit", case_id=c.id) as work:
                work.save_case(c)
        services.run(edit)
    second = tmp_path / "2.mdx"
    send(qtbot, monkeypatch, center_page, "court01", second)

    file_dialogs(monkeypatch, open_path=second)
    previews: list = []

    def conflicting_then_import(d: ImportPreviewDialog) -> None:
        assert d.count_labels["conflicting"].text() == "1"
        d.apply.click()
    on_modal(ImportPreviewDialog, conflicting_then_import, previews)
    court_page.import_bundle.click()
    assert previews
    assert court.run(lambda s: case_store.get_case(s.store.db, case.id)).facts == "法院改了事实"
    model = court_page.conflict_model
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(5)] == \
        [case.number, "案件", "纠纷事实", "法院改了事实", "中心改了事实"]
    assert "1" in court_page.conflicts_box.title()
    court_page.conflicts.selectRow(0)
    court_page.take_incoming.click()
    assert court.run(lambda s: case_store.get_case(s.store.db, case.id)).facts == "中心改了事实"
    assert model.rowCount() == 0 and court.run(lambda s: exchange.open_conflicts(s.store)) == []
    assert not court_page.take_incoming.isEnabled()
