"""我的案件: a mediator sees exactly their own sessions today, due soon, overdue and
follow-ups (checked against a plain reading of every case and event), opens a case from a
list, and a list's 「在案件列表中查看」 opens the case list with the same count."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt

from mediation_desk.services.mediation import AgreementInput
from mediation_desk.storage.my_work_queries import sessions_today, sessions_today_plain
from mediation_desk.ui.main_window import PAGE_CASES, MainWindow
from tests.ui.case_helpers import add_mediator
from tests.ui.conftest import DIRECTOR, MEDIATOR
from tests.ui.helpers import register


def mediator_id(services, name: str) -> str:
    return services.run(lambda s: next(m.id for m in s.store.directory.mediators()
                                       if m.name == name))


def desk_of_two_mediators(services, today: date) -> None:
    """Cases of 周明 and of 李华 in every state the page lists (and some it must not)."""
    cs, actor = services.cases, services.actor
    zhou, li = mediator_id(services, MEDIATOR), add_mediator(services, "李华").id
    now = datetime.combine(today, datetime.min.time()).astimezone()

    def case(who: str, received_days_ago: int, accepted_days_ago: int, name: str):
        c = register(services, f"{name}甲", f"{name}乙",
                     received_on=str(today - timedelta(days=received_days_ago)))
        cs.accept(actor, c.id, on=today - timedelta(days=accepted_days_ago))
        cs.assign(actor, c.id, [who])
        return c

    for who, tag in ((zhou, "周"), (li, "李")):
        overdue = case(who, 90, 80, f"{tag}超")
        cs.record_session(actor, overdue.id, notes="第一次调解",
                          occurred_at=now.replace(hour=9, minute=5), place="调解室")
        soon = case(who, 30, 27, f"{tag}近")
        cs.record_session(actor, soon.id, notes="昨天调解",
                          occurred_at=now.replace(hour=15) - timedelta(days=1))
        case(who, 3, 2, f"{tag}新")  # neither due soon nor overdue, no session today
        paused = case(who, 10, 9, f"{tag}停")
        cs.record_session(actor, paused.id, notes="今天调解后中止",
                          occurred_at=now.replace(hour=14, minute=30), place="村委会")
        cs.suspend(actor, paused.id, reason="当事人住院", on=today)
        for i, deadline in enumerate((today - timedelta(days=2), today + timedelta(days=20))):
            agreed = case(who, 12, 11, f"{tag}协{i}")
            cs.record_agreement(actor, agreed.id, AgreementInput(
                clauses=["赔偿损失1000元"], amount=Decimal("1000"),
                effective_on=today - timedelta(days=5), performance_deadline=deadline))
        done_today = case(who, 20, 19, f"{tag}结")
        cs.record_session(actor, done_today.id, notes="今天调解成功",
                          occurred_at=now.replace(hour=10, minute=30))
        cs.record_agreement(actor, done_today.id, AgreementInput(
            clauses=["赔偿损失500元"], amount=Decimal("500"), effective_on=today,
            performance_deadline=today + timedelta(days=30)))


def plain_work(services, mid: str, today: date, due_days: int) -> dict[str, set[str]]:
    """Every case and session event read and judged in Python (the oracle)."""
    def rows(s):
        db = s.store.db
        mine = {r[0] for r in db.execute(
            "SELECT case_id FROM case_mediators WHERE mediator_id = ?", [mid])}
        cases = db.execute("SELECT id, status, due_on, follow_up_due_on FROM cases"
                           " WHERE deleted = 0").fetchall()
        events = db.execute("SELECT case_id, kind, occurred_at FROM events"
                            " WHERE deleted = 0").fetchall()
        return mine, cases, events

    mine, cases, events = services.run(rows)
    t, soon = today.isoformat(), (today + timedelta(days=due_days)).isoformat()
    running = {"accepted", "mediating"}
    owed = {"agreed", "jc_confirmed", "jc_withdrawn"}
    out: dict[str, set[str]] = {"overdue": set(), "due_soon": set(), "follow_ups": set()}
    for cid, status, due, follow_up in cases:
        if cid not in mine:
            continue
        if status in running and due and due < t:
            out["overdue"].add(cid)
        if status in running and due and t <= due <= soon:
            out["due_soon"].add(cid)
        if status in owed and follow_up and follow_up <= t:
            out["follow_ups"].add(cid)
    out["sessions"] = {cid for cid, kind, at in events
                       if cid in mine and kind == "session" and at[:10] == t}
    return out


def listed(page, key: str) -> set[str]:
    model = page.models[key]
    return {model.case_id(r) for r in range(model.rowCount())}


def window_for(qtbot, services) -> MainWindow:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.start()
    return window


def test_a_mediator_sees_exactly_their_own_work(qtbot, team_services, clock):
    today = clock.now.date()
    director = team_services(DIRECTOR)
    desk_of_two_mediators(director, today)
    zhou = team_services(MEDIATOR)
    window = window_for(qtbot, zhou)
    assert window.page_my_work > 0
    window.nav.setCurrentRow(window.page_my_work)
    page = window.page(window.page_my_work)
    assert page.work is not None
    assert not page.scope.isVisible()  # a mediator sees only their own cases

    mid = zhou.account.mediator_id
    expected = plain_work(zhou, mid, today, page.work.due_soon_days)
    assert all(expected.values())  # the desk has something in every list
    for key in ("sessions", "due_soon", "overdue", "follow_ups"):
        assert listed(page, key) == expected[key], key
    assert page.work.sessions_exact
    assert page.titles["overdue"].text() == f"已超期（{len(expected['overdue'])}件）"
    assert page.titles["sessions"].text() == f"今日调解（{len(expected['sessions'])}次）"
    times = [page.models["sessions"].index(r, 0).data() for r in range(3)]
    assert times == ["09:05", "10:30", "14:30"]  # by time, zero-padded

    # none of 李华's cases, though the desk has the same of each
    li = director.run(lambda s: [m.id for m in s.store.directory.mediators()
                                 if m.name == "李华"][0])
    theirs = plain_work(zhou, li, today, page.work.due_soon_days)
    assert not any(listed(page, k) & theirs[k] for k in theirs)

    # Enter on a row opens the case
    view = page.views["overdue"]
    view.setFocus()
    view.setCurrentIndex(page.models["overdue"].index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.stack.currentIndex() == PAGE_CASES
    opened = window.case_tabs.currentWidget().property("case_id")
    assert opened in expected["overdue"]

    # each list's button opens the case list with exactly its cases
    for key in ("overdue", "due_soon", "follow_ups", "sessions"):
        window.nav.setCurrentRow(window.page_my_work)
        qtbot.mouseClick(page.show_all[key], Qt.MouseButton.LeftButton)
        assert window.stack.currentIndex() == PAGE_CASES
        model = window.cases.model
        qtbot.waitUntil(lambda m=model: not m.loading)
        assert {model.case_id(r) for r in range(model.rowCount())} == expected[key], key
        assert window.cases.drill_caption.text().endswith(f"：{len(expected[key])}件")


def test_a_director_sees_the_center_or_their_own(qtbot, team_services, clock):
    today = clock.now.date()
    director = team_services(DIRECTOR)
    desk_of_two_mediators(director, today)
    window = window_for(qtbot, director)
    window.nav.setCurrentRow(window.page_my_work)
    page = window.page(window.page_my_work)
    # 测试主任 is not on the roster: the whole center, the own scope disabled
    assert page.scope.isVisible() and page.scope.currentData() == "center"
    assert page.mediator_id() is None
    every = [plain_work(director, mediator_id(director, n), today, page.work.due_soon_days)
             for n in (MEDIATOR, "李华")]
    for key in ("sessions", "due_soon", "overdue", "follow_ups"):
        assert listed(page, key) == every[0][key] | every[1][key], key

    # once on the roster under their name, a director's own cases are theirs
    own = add_mediator(director, DIRECTOR)
    case = register(director, "王一", "王二", received_on=str(today - timedelta(days=90)))
    director.cases.accept(director.actor, case.id, on=today - timedelta(days=80))
    director.cases.assign(director.actor, case.id, [own.id])
    window2 = window_for(qtbot, director)
    window2.nav.setCurrentRow(window2.page_my_work)
    page2 = window2.page(window2.page_my_work)
    assert page2.scope.currentData() == "own" and page2.mediator_id() == own.id
    assert listed(page2, "overdue") == {case.id}
    page2.scope.setCurrentIndex(1)
    assert case.id in listed(page2, "overdue") and len(listed(page2, "overdue")) == 3


def test_sessions_beyond_the_exact_limit_are_a_lower_bound(team_services, clock):
    """Over the limit only the cases that can have a session are read: on a desk whose
    sessions follow the state machine that finds them all, and says it is not exact."""
    today = clock.now.date()
    director = team_services(DIRECTOR)
    desk_of_two_mediators(director, today)
    mid = mediator_id(director, MEDIATOR)

    def both(s):
        db = s.store.db
        exact, is_exact = sessions_today(db, mid, today=today)
        bound, bound_exact = sessions_today(db, mid, today=today, exact_up_to=0)
        return exact, is_exact, bound, bound_exact, sessions_today_plain(db, mid, today=today)

    exact, is_exact, bound, bound_exact, plain = director.run(both)
    assert is_exact and not bound_exact
    assert sorted((r.id, t) for r, t, _p in exact) == sorted((c, a[11:16]) for c, a in plain)
    assert sorted((r.id, t) for r, t, _p in bound) == sorted((c, a[11:16]) for c, a in plain)
    assert len(plain) == 3


def test_a_lower_bound_says_at_least(qtbot, team_services, clock, monkeypatch):
    """Over the limit of cases read for today's sessions, the title says 至少 and the hint
    says why."""
    from mediation_desk.storage import my_work_queries

    today = clock.now.date()
    desk_of_two_mediators(team_services(DIRECTOR), today)
    monkeypatch.setattr(my_work_queries, "EXACT_SESSIONS_UP_TO", 0)
    window = window_for(qtbot, team_services(MEDIATOR))
    window.nav.setCurrentRow(window.page_my_work)
    page = window.page(window.page_my_work)
    assert not page.work.sessions_exact
    assert page.titles["sessions"].text() == "今日调解（至少3次）"
    assert "至少" in page.hint.text()
