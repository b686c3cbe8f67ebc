"""A court desk previews a center's exchange file by center and case (new, updated, with
the changed fields) before importing it; Cancel writes nothing, Import applies it."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from mediation_desk.domain.enums import CaseStatus
from mediation_desk.ui import labels
from mediation_desk.ui.context import Services
from mediation_desk.ui.dialogs.exchange_dialogs import ImportPreviewDialog
from mediation_desk.ui.pages.exchange_page import ExchangePage
from mediation_desk.ui.tasks import TaskRunner
from tests.exchange.helpers import ACTOR, db_digest
from tests.exchange.test_import_preview import build_desks
from tests.ui.test_exchange_page import file_dialogs, on_modal


def test_court_previews_a_center_file_by_case(qtbot, qapp, tmp_path, monkeypatch):
    court, a, sent, own, _to_b, bundle_a, _bundle_b = build_desks(tmp_path)
    path = court.path
    numbers = {c.id: c.number for c in (*own, *(a.cases.get(s.id) for s in sent[:2]))}
    court.close()
    a.close()
    services = Services.open(path, TaskRunner(synchronous=True), actor=ACTOR)
    try:
        page = ExchangePage(services)
        qtbot.addWidget(page)
        page.refresh()
        before = services.run(lambda s: db_digest(s.store))
        file_dialogs(monkeypatch, open_path=bundle_a)
        seen: list = []

        def look_then_cancel(d: ImportPreviewDialog) -> None:
            centers = d.centers_model
            assert centers.rowCount() == 1
            assert [centers.index(0, c).data() for c in range(5)] == \
                ["centerA单位（centerA）", 2, 2, 0, 0]
            cases = d.cases_model
            shown = {cases.index(r, 0).data(): (cases.index(r, 2).data(),
                                                cases.index(r, 3).data())
                     for r in range(cases.rowCount())}
            assert set(shown) == set(numbers.values())
            for c in own:
                assert shown[c.number] == ("新增", "新案件及其记录")
            for s in sent[:2]:
                outcome, changes = shown[numbers[s.id]]
                assert outcome == "更新"
                registered, mediating = (labels.label(CaseStatus.REGISTERED),
                                         labels.label(CaseStatus.MEDIATING))
                assert f"状态：{registered}→{mediating}" in changes
                assert "新增记录" in changes
            assert d.cases_box.title().endswith("4件新增或变更")
            assert d.count_labels["new"].text() != "0"  # the record counts, below
            d.reject()

        on_modal(ImportPreviewDialog, look_then_cancel, seen)
        page.import_bundle.click()
        assert seen and services.run(lambda s: db_digest(s.store)) == before

        on_modal(ImportPreviewDialog, lambda d: d.apply.click(), seen)
        page.import_bundle.click()
        assert len(seen) == 2
        for s in sent[:2]:
            assert services.cases.get(s.id).status is CaseStatus.MEDIATING
    finally:
        for w in QApplication.topLevelWidgets():
            w.close()
        QApplication.processEvents()
        services.close()
