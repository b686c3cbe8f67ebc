"""Each dashboard tile opens the case list of exactly the cases it counts."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt

from mediation_desk.services.mediation import AgreementInput
from mediation_desk.ui.main_window import PAGE_CASES, MainWindow
from mediation_desk.ui.pages.dashboard import COUNT_KEYS
from tests.ui.case_helpers import add_mediator
from tests.ui.helpers import register


def desk_with_every_kind_of_case(services, today: date) -> None:
    cs, actor = services.cases, services.actor
    mediator = add_mediator(services)
    register(services, "孙丽", "周杰")  # new
    register(services, "吴敏", "郑浩")  # new
    overdue = register(services, "王芳", "李强", received_on=str(today - timedelta(days=90)))
    cs.accept(actor, overdue.id, on=today - timedelta(days=80))
    soon = register(services, "赵敏", "钱进", received_on=str(today - timedelta(days=30)))
    cs.accept(actor, soon.id, on=today - timedelta(days=27))
    fresh = register(services, "冯涛", "陈静", received_on=str(today - timedelta(days=2)))
    cs.accept(actor, fresh.id, on=today - timedelta(days=1))
    paused = register(services, "褚亮", "卫红", received_on=str(today - timedelta(days=10)))
    cs.accept(actor, paused.id, on=today - timedelta(days=9))
    cs.assign(actor, paused.id, [mediator.id])
    cs.record_session(actor, paused.id, notes="第一次调解")
    cs.suspend(actor, paused.id, reason="当事人住院", on=today - timedelta(days=3))
    for i, deadline in enumerate((today - timedelta(days=2), today + timedelta(days=20))):
        agreed = register(services, f"蒋{i}", f"沈{i}",
                          received_on=str(today - timedelta(days=12)))
        cs.accept(actor, agreed.id, on=today - timedelta(days=11))
        cs.assign(actor, agreed.id, [mediator.id])
        cs.record_agreement(actor, agreed.id, AgreementInput(
            clauses=[f"沈{i}赔偿蒋{i}损失1000元"], amount=Decimal("1000"),
            effective_on=today - timedelta(days=5), performance_deadline=deadline))


def window_for(qtbot, services) -> MainWindow:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.start()
    return window


def listed(window: MainWindow) -> set[str]:
    model = window.cases.model
    return {model.case_id(r) for r in range(model.rowCount())}


def test_every_tile_opens_the_list_of_its_count(qtbot, services, clock):
    today = clock.now.date()
    desk_with_every_kind_of_case(services, today)
    window = window_for(qtbot, services)
    counts = services.cases.dashboard()
    assert (counts.new, counts.in_mediation, counts.overdue, counts.due_soon,
            counts.awaiting_jc, counts.follow_ups_due, counts.total) == (2, 4, 1, 1, 2, 1, 8)
    dashboard = window.dashboard
    seen_lists: dict[str, set[str]] = {}
    for key in COUNT_KEYS:
        window.nav.setCurrentRow(0)
        tile = dashboard.tiles[key]
        assert tile.number.text() == str(getattr(counts, key))
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
        assert window.stack.currentIndex() == PAGE_CASES, key
        cases = window.cases
        assert cases.model.rowCount() == getattr(counts, key), key
        assert cases.drill_bar.isVisible()
        assert cases.drill_caption.text() == (
            f"{tile.caption.text()}：{getattr(counts, key)}件"), key
        seen_lists[key] = listed(window)
    # the lists are the right cases, not only the right number
    assert seen_lists["overdue"] | seen_lists["due_soon"] <= seen_lists["in_mediation"]
    assert seen_lists["follow_ups_due"] <= seen_lists["awaiting_jc"]
    assert not seen_lists["new"] & seen_lists["in_mediation"]
    assert len(seen_lists["total"]) == 8

    # 清除筛选 drops the drill-down too
    qtbot.mouseClick(window.cases.clear, Qt.MouseButton.LeftButton)
    assert not window.cases.drill_bar.isVisible()
    assert window.cases.model.rowCount() == 8


def test_a_tile_answers_the_keyboard(qtbot, services, clock):
    today = clock.now.date()
    desk_with_every_kind_of_case(services, today)
    window = window_for(qtbot, services)
    tile = window.dashboard.tiles["awaiting_jc"]
    assert tile.focusPolicy() == Qt.FocusPolicy.StrongFocus
    tile.setFocus()
    qtbot.keyClick(tile, Qt.Key.Key_Return)
    assert window.stack.currentIndex() == PAGE_CASES
    assert window.cases.model.rowCount() == 2
    assert window.cases.drill_caption.text() == "待申请司法确认：2件"

    window.nav.setCurrentRow(0)
    tile = window.dashboard.tiles["new"]
    tile.setFocus()
    qtbot.keyClick(tile, Qt.Key.Key_Space)
    assert window.cases.model.rowCount() == 2
    # the search narrows the drill-down further, the caption keeps its own count
    window.cases.search.setText("孙丽")
    window.cases.apply_filter()
    assert window.cases.model.rowCount() == 1
    assert window.cases.drill_caption.text().endswith("：2件")
