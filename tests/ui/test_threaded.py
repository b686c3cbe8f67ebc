"""The real threaded path: the task runner and the door with real threads (no synchronous
fake), as the running application uses them."""

from __future__ import annotations

import threading
import time

import pytest

from mediation_desk.services import exchange, exchange_import
from mediation_desk.services.desk import init_desk
from mediation_desk.ui.context import Services
from mediation_desk.ui.models.case_table import CaseTableModel
from mediation_desk.ui.tasks import TaskRunner, run_with_progress
from tests.conftest import case_input
from tests.exchange.helpers import ACTOR, make_desk


@pytest.fixture
def threaded(db_path, clock, qapp):
    init_desk(db_path, code="center01", name="马尚街道调解中心", number_prefix="马尚",
              clock=clock).close()
    s = Services.open(db_path, TaskRunner(), actor="测试员", clock=clock)
    yield s
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        widget.close()
    QApplication.processEvents()
    s.close()


def test_the_case_list_loads_through_the_worker(qtbot, threaded):
    for _ in range(3):
        threaded.cases.register("测试员", case_input())
    model = CaseTableModel(threaded)
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.refresh()
    assert model.rowCount() == 3
    with qtbot.waitSignal(model.total_changed, timeout=10_000) as total:
        model.refresh()
    assert total.args == [3]


def test_an_import_running_while_a_form_is_saved(qtbot, threaded, tmp_path, monkeypatch):
    """Both succeed: the save waits for the import's transaction (it used to fail with
    "cannot start a transaction within a transaction")."""
    court = make_desk(tmp_path, "court01", "court")
    try:
        threaded.run(lambda s: exchange.ensure_desk_keys(s.store))
        card = tmp_path / "center.card"
        threaded.run(lambda s: exchange.export_card(s.store, card))
        exchange.trust_card(court, ACTOR, exchange.read_card(card))
        court_card = tmp_path / "court.card"
        exchange.export_card(court, court_card)
        threaded.run(lambda s: exchange.trust_card(s.store, ACTOR,
                                                   exchange.read_card(court_card)))
        from mediation_desk.storage import directory

        me = threaded.run(lambda s: directory.self_center(s.store.db))
        for n in range(300):
            referral_for(court, me.id, n)
        bundle = tmp_path / "refs.mdx"
        exchange.export_bundle(court, ACTOR, "center01", bundle)
    finally:
        court.close()

    times: dict[str, float] = {}
    save_started = threading.Event()
    real_apply = exchange_import.apply_plan

    def apply_when_the_save_has_started(*args, **kwargs):
        """Hold the import inside its transaction until the form's save has begun, so the
        save really meets a running import (without this hold a fast machine finished the
        import before the save started and the test failed)."""
        times["import_in_transaction"] = time.perf_counter()
        assert save_started.wait(timeout=30)
        real_apply(*args, **kwargs)
        times["import_wrote"] = time.perf_counter()

    monkeypatch.setattr(exchange_import, "apply_plan", apply_when_the_save_has_started)

    def slow_import(_progress):
        return exchange.import_bundle(threaded.store, "测试员", bundle)

    reports: list = []
    run_with_progress(threaded.tasks, None, "导入", slow_import, reports.append,
                      cancellable=False)
    qtbot.waitUntil(lambda: "import_in_transaction" in times, timeout=30_000)
    times["save_start"] = time.perf_counter()
    save_started.set()
    saved = threaded.cases.register("测试员", case_input())  # the form's save, GUI thread
    times["save_end"] = time.perf_counter()
    qtbot.waitUntil(lambda: bool(reports), timeout=30_000)
    assert reports[0].counts["new"] >= 300
    assert saved.number
    # the save began while the import held its transaction and ended after the import wrote
    assert times["import_in_transaction"] < times["save_start"] < times["import_wrote"]
    assert times["import_wrote"] < times["save_end"]
    assert threaded.read_cases.count() == 301


def referral_for(court, center_id: str, n: int) -> None:
    """A court referral (委派调解) for the center with ``center_id``."""
    from datetime import date
    from decimal import Decimal

    from mediation_desk.domain.enums import CaseSource, DisputeType, PartyRole
    from mediation_desk.domain.models import Case, Party

    case = Case(center_id=center_id, number=f"（2026）鲁0303民诉前调{100 + n}号", year=2026,
                serial=1000 + n, source=CaseSource.COURT_DELEGATED,
                dispute_type=DisputeType.CONTRACT, title=f"买卖合同纠纷{n}",
                amount=Decimal("1234.50"), facts="货款未付", claims="支付货款",
                received_on=date(2026, 3, 2),
                court_case_number=f"（2026）鲁0303民诉前调{100 + n}号")
    case.parties = [Party(name=f"张三{n}", role=PartyRole.APPLICANT),
                    Party(name=f"李四{n}", role=PartyRole.RESPONDENT)]
    with court.operation(ACTOR, "refer_case", case_id=case.id) as work:
        work.save_case(case)
