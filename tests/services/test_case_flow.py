"""A case through its whole life, through the services, as the screens use them."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from mediation_desk.domain.enums import (
    AgreementForm,
    AgreementScope,
    CaseSource,
    CaseStatus,
    EndReason,
    Performance,
    RelationKind,
)
from mediation_desk.domain.errors import TransitionError, ValidationError
from mediation_desk.domain.models import DeclaredRelation, Mediator
from mediation_desk.services.desk import MediatorService
from mediation_desk.services.mediation import AgreementInput
from mediation_desk.storage import audit
from tests.attachment_samples import png_bytes
from tests.conftest import case_input, party

ACTOR = "王调解员"


@pytest.fixture
def mediator(store):
    return MediatorService(store).save(ACTOR, Mediator(center_id="", name="周明",
                                                      specialties=[], villages=["马尚村"]))


def test_register_numbers_cases_per_center_and_year(svc):
    a = svc.register(ACTOR, case_input())
    b = svc.register(ACTOR, case_input())
    assert a.number == "（2026）马尚调字第1号"
    assert b.number == "（2026）马尚调字第2号"
    assert a.status is CaseStatus.REGISTERED
    assert a.title == "张三与李四邻里纠纷"
    old = svc.register(ACTOR, case_input(received_on="2025-12-30"))
    assert old.number == "（2025）马尚调字第1号"


def test_numbers_never_repeat_after_a_failed_registration(svc, store):
    svc.register(ACTOR, case_input())
    with pytest.raises(ValidationError):
        svc.register(ACTOR, case_input(parties=[]))
    c = svc.register(ACTOR, case_input())
    assert c.serial == 2


def test_invalid_input_lists_every_problem_and_saves_nothing(svc):
    bad = case_input(dispute_type="火星纠纷", amount="-5",
                     parties=[party("applicant", "", "110105194912310021")])
    with pytest.raises(ValidationError) as err:
        svc.register(ACTOR, bad)
    problems = err.value.problems
    assert "dispute_type" in problems
    assert "amount" in problems
    assert "parties[0].name" in problems
    assert "parties[0].id_number" in problems
    assert "parties" in problems  # no respondent
    assert svc.count() == 0


def test_court_delegated_case_needs_court_number(svc):
    with pytest.raises(ValidationError) as err:
        svc.register(ACTOR, case_input(source="court_delegated"))
    assert "court_case_number" in err.value.problems
    c = svc.register(ACTOR, case_input(source="court_delegated",
                                       court_case_number="(2026)鲁0303民诉前调12号"))
    assert c.court_case_number == "（2026）鲁0303民诉前调12号"


def test_full_life_of_a_case(svc, store, mediator, clock):
    c = svc.register(ACTOR, case_input())
    c = svc.accept(ACTOR, c.id)
    assert c.status is CaseStatus.ACCEPTED
    assert c.accepted_on == date(2026, 3, 2)
    # 30 days from 2026-03-02 is 2026-04-01 (Wednesday, a working day)
    assert c.due_on == date(2026, 4, 1)
    c = svc.assign(ACTOR, c.id, [mediator.id])
    assert c.status is CaseStatus.MEDIATING and c.mediator_ids == [mediator.id]
    svc.record_session(ACTOR, c.id, notes="双方陈述意见", place="调解室", participants="张三、李四")
    ag = svc.record_agreement(ACTOR, c.id, AgreementInput(
        clauses=["李四于十日内清理通道杂物", "李四赔偿张三损失3000元"], amount=Decimal("3000"),
        performance_method="现金", performance_place="调解中心",
        performance_deadline=date(2026, 3, 12)))
    c = svc.get(c.id)
    assert c.status is CaseStatus.AGREED
    assert ag.effective_on == date(2026, 3, 2)
    assert c.jc_due_on == date(2026, 4, 1)
    svc.apply_jc(ACTOR, c.id)
    svc.record_jc_outcome(ACTOR, c.id, outcome="confirmed", ruling="（2026）鲁0303民特5号")
    svc.follow_up(ACTOR, c.id, performance=Performance.PERFORMED, satisfaction=5, notes="已履行")
    c = svc.archive(ACTOR, c.id)
    assert c.status is CaseStatus.ARCHIVED
    kinds = [e.kind.value for e in svc.events(c.id)]
    assert kinds.count("status_change") == 8
    assert "session" in kinds and "follow_up" in kinds
    history = svc.history(c.id)
    assert [h["action"] for h in history][:3] == [
        "register_case", "accept_case", "assign_mediators"]
    assert audit.verify_chain(store.db).ok


def test_forbidden_action_names_state_and_allowed_actions(svc):
    c = svc.register(ACTOR, case_input())
    with pytest.raises(TransitionError) as err:
        svc.record_agreement(ACTOR, c.id, AgreementInput(clauses=["x"]))
    msg = err.value.message
    assert "已登记" in msg and "受理" in msg and "不予受理" in msg
    assert err.value.allowed == ["accept", "not_accept"]
    assert svc.get(c.id).status is CaseStatus.REGISTERED


def test_jc_window_is_enforced(svc, mediator, clock):
    c = svc.register(ACTOR, case_input())
    svc.accept(ACTOR, c.id)
    svc.assign(ACTOR, c.id, [mediator.id])
    svc.record_agreement(ACTOR, c.id, AgreementInput(clauses=["x"]))
    with pytest.raises(Exception) as err:
        svc.apply_jc(ACTOR, c.id, on=date(2026, 4, 2))
    assert "30日" in str(err.value)
    assert svc.apply_jc(ACTOR, c.id, on=date(2026, 4, 1)).status is CaseStatus.JC_APPLIED


def test_extension_needs_every_party(svc, mediator):
    c = svc.register(ACTOR, case_input())
    svc.accept(ACTOR, c.id)
    svc.assign(ACTOR, c.id, [mediator.id])
    c = svc.get(c.id)
    with pytest.raises(ValidationError) as err:
        svc.extend(ACTOR, c.id, days=15, consenting_party_ids=[c.parties[0].id])
    assert "李四" in err.value.problems["consent"][0]
    c2 = svc.extend(ACTOR, c.id, days=15, consenting_party_ids=[p.id for p in c.parties])
    assert c2.due_on == date(2026, 4, 16)


def test_suspension_stops_the_clock(svc, mediator, clock):
    c = svc.register(ACTOR, case_input())
    svc.accept(ACTOR, c.id)
    svc.assign(ACTOR, c.id, [mediator.id])
    svc.suspend(ACTOR, c.id, reason="伤情鉴定", on=date(2026, 3, 5))
    assert svc.deadline(svc.get(c.id)).level.value in ("ok", "none")
    clock.now = clock.now + timedelta(days=20)
    c = svc.resume(ACTOR, c.id, on=date(2026, 3, 15))
    assert c.suspended_days == 10
    assert c.due_on == date(2026, 4, 13)  # 04-11 is a Saturday -> Monday 04-13


def test_terminated_court_delegated_case_goes_to_filing(svc, mediator):
    c = svc.register(ACTOR, case_input(source="court_delegated",
                                       court_case_number="（2026）鲁0303民诉前调7号"))
    svc.accept(ACTOR, c.id)
    svc.assign(ACTOR, c.id, [mediator.id])
    svc.terminate(ACTOR, c.id, reason=EndReason.GAP_TOO_LARGE, notes="差距过大")
    svc.hand_over(ACTOR, c.id)
    c = svc.record_filing(ACTOR, c.id, filing_number="（2026）鲁0303民初88号")
    assert c.status is CaseStatus.FILED and c.filing_number == "（2026）鲁0303民初88号"


def test_hand_over_refused_for_own_cases(svc, mediator):
    c = svc.register(ACTOR, case_input())
    svc.accept(ACTOR, c.id)
    svc.assign(ACTOR, c.id, [mediator.id])
    svc.terminate(ACTOR, c.id, reason=EndReason.UNWILLING)
    with pytest.raises(TransitionError) as err:
        svc.hand_over(ACTOR, c.id)
    assert "委派" in err.value.message


def test_recusal_ground_needs_a_reason(svc, store):
    roster = MediatorService(store)
    m = roster.save(ACTOR, Mediator(center_id="", name="赵红", relations=[
        DeclaredRelation(person_name="张三", kind=RelationKind.NEAR_RELATIVE, note="表哥")]))
    c = svc.register(ACTOR, case_input())
    svc.accept(ACTOR, c.id)
    ranked = svc.suggestions(c.id)
    assert ranked[0].mediator.id == m.id and ranked[0].flagged
    with pytest.raises(ValidationError):
        svc.assign(ACTOR, c.id, [m.id])
    c = svc.assign(ACTOR, c.id, [m.id], override_reason="双方当事人书面同意")
    assert c.mediator_ids == [m.id]


def test_related_open_cases_are_reported(svc):
    first = svc.register(ACTOR, case_input())
    preview = svc.preview(case_input(parties=[
        party("applicant", "王五", phone="13700000000"),
        party("respondent", "李四", "440524188001010014")]))
    assert [r.id for r, _ in preview.related] == [first.id]
    assert "身份证" in preview.related[0][1]
    by_phone = svc.preview(case_input(parties=[
        party("applicant", "张三", phone="13812341234"), party("respondent", "某某")]))
    assert [r.id for r, _ in by_phone.related] == [first.id]


def test_reveal_is_logged_with_masked_values(svc, store):
    c = svc.register(ACTOR, case_input())
    full = svc.reveal_identifiers(ACTOR, c.id, c.parties[0].id, reason="制作协议书")
    assert full["id_number"] == "11010519491231002X"
    last = svc.history(c.id)[-1]
    assert last["action"] == "reveal_identifiers"
    text = str(last)
    assert "11010519491231002X" not in text and "13812341234" not in text


def test_audit_masks_identifiers(svc, store):
    c = svc.register(ACTOR, case_input())
    rows = store.db.execute("SELECT changes FROM audit").fetchall()
    dump = "".join(r[0] for r in rows)
    assert "11010519491231002X" not in dump and "13812341234" not in dump
    assert "110***********002X" in dump
    assert c.number in "".join(r[0] for r in store.db.execute("SELECT summary FROM audit"))


def test_attachment_is_hashed_and_limited(svc):
    c = svc.register(ACTOR, case_input())
    scan = png_bytes()
    att = svc.add_attachment(ACTOR, c.id, "身份证复印件.png", scan, "image/png")
    assert len(att.sha256) == 64 and att.size == len(scan)
    assert svc.attachment_content(svc.attachments(c.id)[0]) == scan
    with pytest.raises(Exception) as err:
        svc.add_attachment(ACTOR, c.id, "big.bin", b"0" * (20 * 1024 * 1024 + 1))
    assert "20 MB" in str(err.value)
    assert len(svc.attachments(c.id)) == 1


def test_dashboard_counts_overdue_and_due_soon(svc, mediator, clock):
    a = svc.register(ACTOR, case_input())
    svc.accept(ACTOR, a.id)
    svc.assign(ACTOR, a.id, [mediator.id])
    svc.register(ACTOR, case_input())
    d = svc.dashboard()
    assert (d.new, d.in_mediation, d.overdue, d.due_soon) == (1, 1, 0, 0)
    clock.now = clock.now + timedelta(days=27)
    d = svc.dashboard()
    assert d.due_soon == 1 and d.overdue == 0
    clock.now = clock.now + timedelta(days=10)
    d = svc.dashboard()
    assert d.overdue == 1
    from mediation_desk.domain.queries import CaseFilter
    assert [r.id for r in svc.list(CaseFilter(overdue=True))] == [a.id]


def test_update_details_tombstones_removed_party(svc):
    c = svc.register(ACTOR, case_input())
    kept = [{"id": c.parties[0].id, "kind": "person", "role": "applicant", "name": "张三"},
            {"kind": "organisation", "role": "respondent", "name": "淄博华宇物业服务有限公司",
             "credit_code": "91350100M000100Y43"}]
    c2 = svc.update_details(ACTOR, c.id, {"facts": "新的事实", "parties": kept})
    live = [p.name for p in c2.parties if not p.deleted]
    assert live == ["张三", "淄博华宇物业服务有限公司"]
    again = svc.get(c.id)
    assert [p.name for p in again.parties] == live  # tombstoned party not loaded
    assert again.version == 2


def test_oral_partial_agreement_then_terminate(svc, mediator):
    c = svc.register(ACTOR, case_input())
    svc.accept(ACTOR, c.id)
    svc.assign(ACTOR, c.id, [mediator.id])
    svc.record_agreement(ACTOR, c.id, AgreementInput(clauses=["部分事项"], form=AgreementForm.ORAL,
                                                     scope=AgreementScope.PARTIAL))
    c = svc.terminate(ACTOR, c.id, reason=EndReason.GAP_TOO_LARGE)
    assert c.status is CaseStatus.TERMINATED


def test_source_deadline_settings(store, svc):
    from mediation_desk.services.settings import load_settings, save_settings
    s = load_settings(store)
    s.deadline_days[CaseSource.PARTY_APPLICATION.value] = 15
    save_settings(store, ACTOR, s)
    svc.reload_settings()
    c = svc.register(ACTOR, case_input())
    c = svc.accept(ACTOR, c.id)
    assert c.due_on == date(2026, 3, 17)


# ------------------------------------------------------------------ lost updates

def test_an_edit_over_a_newer_version_is_refused_with_who_and_when(svc, store, clock):
    from mediation_desk.domain.errors import StaleEdit

    c = svc.register(ACTOR, case_input())
    loaded = svc.get(c.id)  # the form opens at this version
    # saved elsewhere meanwhile
    svc.update_details("另一名调解员", c.id, dict(case_input(), title="别处的修改"))
    count = store.db.execute("SELECT count(*) FROM audit").fetchone()[0]
    with pytest.raises(StaleEdit) as err:
        svc.update_details(ACTOR, c.id, dict(case_input(), title="我的修改"),
                           expected_version=loaded.version)
    assert "已在别处被修改" in err.value.message and "另一名调解员" in err.value.message
    assert "请刷新后重做" in err.value.message
    assert svc.get(c.id).title == "别处的修改"  # nothing overwritten
    assert store.db.execute("SELECT count(*) FROM audit").fetchone()[0] == count
    with pytest.raises(StaleEdit):
        svc.accept(ACTOR, c.id, expected_version=loaded.version)
    fresh = svc.get(c.id)
    assert svc.accept(ACTOR, c.id, expected_version=fresh.version).status is CaseStatus.ACCEPTED


def test_checks_read_the_case_inside_the_write_transaction(svc, store, db_path):
    """Another process commits between the moment a service used to read the case and its
    BEGIN IMMEDIATE: the checks must see that commit (they used to write over it)."""
    import sqlite3
    from contextlib import contextmanager

    c = svc.register(ACTOR, case_input())
    real = store.operation

    @contextmanager
    def racing(*args, **kwargs):
        other = sqlite3.connect(db_path)  # the other program's commit, just before ours
        other.execute("UPDATE cases SET status = 'not_accepted', version = version + 1"
                      " WHERE id = ?", [c.id])
        other.commit()
        other.close()
        with real(*args, **kwargs) as work:
            yield work

    store.operation = racing
    try:
        with pytest.raises(TransitionError):  # the accept checks the state it writes over
            svc.accept(ACTOR, c.id)
    finally:
        del store.operation
    assert svc.get(c.id).status is CaseStatus.NOT_ACCEPTED
