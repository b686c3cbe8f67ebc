"""Corrections (更正): a session record gets a new version with a reason while the mediation
goes on (the old one kept, never overwritten); an agreement in effect only a 补充协议 or a
更正说明; one operation each with its audit row; they travel in bundles."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from mediation_desk.domain import corrections as rules
from mediation_desk.domain.enums import EndReason, EventKind
from mediation_desk.domain.errors import DomainError, ValidationError
from mediation_desk.services.cases import CaseService
from mediation_desk.services.documents import DocumentService
from mediation_desk.services.mediation import AgreementInput
from mediation_desk.storage import audit
from tests.exchange.helpers import ACTOR, send


def _sessions(svc, case):
    return [e for e in svc.events(case.id) if e.kind is EventKind.SESSION]


def _audit_rows(store, case, action):
    return [r for r in audit.case_history(store.db, case.id) if r["action"] == action]


def _session(svc, case, notes="双方到场，张三要求赔偿五千元。"):
    return svc.record_session(ACTOR, case.id, notes=notes, place="调解室", result="未达成",
                              occurred_at=datetime(2026, 2, 10, 9, 0).astimezone())


def test_a_session_corrected_as_a_new_version_keeps_the_old_one(svc, store, mediating):
    old = _session(svc, mediating)
    new = svc.correct_session(ACTOR, mediating.id, old.id, reason="赔偿金额记错",
                              notes="双方到场，张三要求赔偿三千元。", place="调解室",
                              result="未达成")
    sessions = _sessions(svc, mediating)
    assert [s.id for s in sessions] == [old.id, new.id]
    kept = sessions[0]
    assert kept.notes == "双方到场，张三要求赔偿五千元。" and kept.version == old.version
    assert new.data["version"] == 2 and new.data["corrects"] == old.id
    assert new.occurred_at == old.occurred_at and new.data["result"] == "未达成"
    [fix] = rules.corrections(svc.events(mediating.id))
    assert (fix.action, fix.target_id, fix.new_id, fix.reason) == (
        rules.CORRECT_SESSION, old.id, new.id, "赔偿金额记错")
    current = rules.current_events(svc.events(mediating.id))
    assert [e for e in current if e.kind is EventKind.SESSION] == [sessions[1]]
    [row] = _audit_rows(store, mediating, "correct_record")
    assert "更正调解记录（第2版）：赔偿金额记错" in row["summary"]
    assert audit.verify_chain(store.db).ok
    again = svc.correct_session(ACTOR, mediating.id, new.id, reason="地点记错",
                                notes=new.notes, place="村委会")
    assert again.data["version"] == 3 and again.data["corrects"] == new.id


def test_the_old_version_cannot_be_corrected_again(svc, mediating):
    old = _session(svc, mediating)
    svc.correct_session(ACTOR, mediating.id, old.id, reason="笔误", notes="改正后的记录")
    with pytest.raises(DomainError, match="第2版") as caught:
        svc.correct_session(ACTOR, mediating.id, old.id, reason="笔误", notes="再改一次")
    assert caught.value.code == "record_final"


@pytest.mark.parametrize(("reason", "notes", "path"), [
    ("", "改正后的记录", "reason"), ("笔误", "", "notes"), ("笔误\x00", "改正后的记录", "reason"),
    ("笔误", "双方到场，张三要求赔偿五千元。", "notes")])
def test_reason_and_text_follow_the_input_rules(svc, store, mediating, reason, notes, path):
    old = _session(svc, mediating)
    before = store.audit.head()
    with pytest.raises(ValidationError) as caught:
        svc.correct_session(ACTOR, mediating.id, old.id, reason=reason, notes=notes,
                            place="调解室", result="未达成")
    assert path in caught.value.problems
    assert store.audit.head() == before and len(_sessions(svc, mediating)) == 1


def test_a_session_is_final_once_the_agreement_took_effect(svc, store, mediating):
    old = _session(svc, mediating)
    svc.record_agreement(ACTOR, mediating.id, AgreementInput(
        clauses=["李四赔偿三千元。"], effective_on=date(2026, 2, 20)))
    before = store.audit.head()
    with pytest.raises(DomainError, match="更正说明") as caught:
        svc.correct_session(ACTOR, mediating.id, old.id, reason="笔误", notes="改正后的记录")
    assert caught.value.code == "record_final"
    assert store.audit.head() == before
    assert not svc.correctable(mediating.id, old.id).may_edit
    note = svc.add_correction_note(ACTOR, mediating.id, old.id, reason="笔误",
                                   text="第二段“五千元”应为“三千元”。")
    [fix] = rules.corrections(svc.events(mediating.id))
    assert fix.event.id == note.id and fix.target == rules.SESSION
    assert _sessions(svc, mediating)[0].notes == old.notes  # the record itself unchanged
    assert len(_audit_rows(store, mediating, "add_correction_note")) == 1


def test_a_session_is_final_after_a_termination(svc, mediating):
    old = _session(svc, mediating)
    svc.terminate(ACTOR, mediating.id, reason=EndReason.GAP_TOO_LARGE)
    why = svc.correctable(mediating.id, old.id).refusal
    assert "调解已结束" in why and "更正说明" in why


def test_an_agreement_in_effect_is_refused_with_its_date(svc, mediating):
    agreement = svc.record_agreement(ACTOR, mediating.id, AgreementInput(
        clauses=["李四赔偿三千元。"], effective_on=date(2026, 2, 20)))
    state = svc.correctable(mediating.id, agreement.id)
    assert state.target == rules.AGREEMENT and not state.may_edit
    assert "2026年2月20日生效" in state.refusal
    assert "补充协议" in state.refusal and "更正说明" in state.refusal


def test_a_supplementary_agreement_is_added_and_the_agreement_unchanged(svc, store, mediating):
    agreement = svc.record_agreement(ACTOR, mediating.id, AgreementInput(
        clauses=["李四赔偿三千元。"], effective_on=date(2026, 2, 20)))
    event = svc.add_supplementary_agreement(
        ACTOR, mediating.id, agreement.id, reason="履行方式变更",
        clauses=["三千元分两期支付。", " "], signed_on=date(2026, 3, 1))
    assert event.data["clauses"] == ["三千元分两期支付。"]
    assert event.data["effective_on"] == "2026-03-01"
    assert svc.agreement(mediating.id) == agreement
    [row] = _audit_rows(store, mediating, "add_supplementary_agreement")
    assert "签订补充协议：履行方式变更" in row["summary"]


@pytest.mark.parametrize(("clauses", "signed_on", "path", "why"), [
    ([], date(2026, 3, 1), "clauses", "至少"),
    (["分期\x07支付"], date(2026, 3, 1), "clauses", "第1项"),
    (["分期支付"], date(2026, 2, 19), "signed_on", "早于原协议"),
    (["分期支付"], date(2026, 3, 3), "signed_on", "晚于今天")])
def test_a_supplementary_agreement_is_validated(svc, store, mediating, clauses, signed_on,
                                                path, why):
    agreement = svc.record_agreement(ACTOR, mediating.id, AgreementInput(
        clauses=["李四赔偿三千元。"], effective_on=date(2026, 2, 20)))
    before = store.audit.head()
    with pytest.raises(ValidationError) as caught:
        svc.add_supplementary_agreement(ACTOR, mediating.id, agreement.id, reason="变更",
                                        clauses=clauses, signed_on=signed_on)
    assert why in caught.value.problems[path][0]
    assert store.audit.head() == before


def test_the_papers_print_the_newest_version_and_the_corrections(svc, store, mediating):
    old = _session(svc, mediating)
    svc.correct_session(ACTOR, mediating.id, old.id, reason="赔偿金额记错",
                        notes="双方到场，张三要求赔偿三千元。")
    agreement = svc.record_agreement(ACTOR, mediating.id, AgreementInput(
        clauses=["李四赔偿三千元。"], effective_on=date(2026, 2, 20)))
    svc.add_supplementary_agreement(ACTOR, mediating.id, agreement.id, reason="履行方式变更",
                                    clauses=["三千元分两期支付。"])
    svc.add_correction_note(ACTOR, mediating.id, agreement.id, reason="笔误",
                            text="协议第一项“李四”应为“李四（李某某）”。")
    docs = DocumentService(store)
    bundle = docs.bundle(mediating.id)
    from mediation_desk.documents import kinds

    record = kinds.build_spec("session_record", bundle).all_text()
    assert "三千元" in record and "五千元" not in record and "第2版" in record
    supplement = kinds.build_spec("supplementary_agreement", bundle).all_text()
    assert "补充协议" in supplement and "三千元分两期支付。" in supplement
    note = kinds.build_spec("correction_note", bundle).all_text()
    assert "更正说明" in note and "李四（李某某）" in note and "笔误" in note


def test_corrections_travel_in_the_bundle(tmp_path, referred):
    court, center, svc, case = referred
    old = svc.record_session(ACTOR, case.id, notes="原记录")
    new = svc.correct_session(ACTOR, case.id, old.id, reason="笔误", notes="更正后的记录")
    agreement = svc.record_agreement(ACTOR, case.id, AgreementInput(
        clauses=["李四支付货款1234.50元。"]))
    svc.add_supplementary_agreement(ACTOR, case.id, agreement.id, reason="分期",
                                    clauses=["分两期支付。", "每期617.25元。"])
    svc.add_correction_note(ACTOR, case.id, agreement.id, reason="笔误", text="改正")
    send(tmp_path, center, "court01", court, "back")
    there = CaseService(court).events(case.id)
    assert {e.id for e in there if e.kind is EventKind.SESSION} == {old.id, new.id}
    assert rules.superseded(there)[old.id].new_id == new.id
    assert next(e for e in there if e.id == old.id).notes == "原记录"
    assert {(c.action, c.target_id) for c in rules.corrections(there)} == {
        (rules.CORRECT_SESSION, old.id), (rules.SUPPLEMENTARY_AGREEMENT, agreement.id),
        (rules.CORRECTION_NOTE, agreement.id)}


def test_a_corrected_session_counts_once(svc, store, mediating, clock):
    from mediation_desk.storage import court_queries, my_work_queries

    today = clock.now.date()
    old = svc.record_session(ACTOR, mediating.id, notes="原记录", occurred_at=clock.now)
    svc.correct_session(ACTOR, mediating.id, old.id, reason="笔误", notes="更正后的记录",
                        occurred_at=datetime(2026, 2, 27, 15, 0).astimezone())
    assert court_queries.session_dates(store.db, mediating.id) == ["2026-02-27"]
    found, exact = my_work_queries.sessions_today(store.db, None, today=today)
    assert exact and found == []  # the old version of today was moved to 27 February
    assert my_work_queries.sessions_today_plain(store.db, None, today=today) == []
    svc.record_session(ACTOR, mediating.id, notes="今天的调解", occurred_at=clock.now)
    found, _ = my_work_queries.sessions_today(store.db, None, today=today)
    assert [r.id for r, _t, _p in found] == [mediating.id]


def test_a_desk_corrects_only_what_it_owns(tmp_path, referred):
    """The court holds the center's records of a referred case but may not correct them:
    refused before anything is written (its bundle would be refused by the center)."""
    court, center, svc, case = referred
    old = svc.record_session(ACTOR, case.id, notes="原记录")
    send(tmp_path, center, "court01", court, "back")
    at_court = CaseService(court)
    before = court.audit.head()
    for attempt in (
            lambda: at_court.correct_session(ACTOR, case.id, old.id, reason="笔误",
                                             notes="法院改的"),
            lambda: at_court.add_correction_note(ACTOR, case.id, old.id, reason="笔误",
                                                 text="法院的说明")):
        with pytest.raises(DomainError) as caught:
            attempt()
        assert caught.value.code == "not_owner" and "调解组织" in caught.value.message
    assert court.audit.head() == before


def test_the_case_file_holds_the_supplement_and_the_note(svc, store, mediating):
    from mediation_desk.documents.case_file import _wanted

    agreement = svc.record_agreement(ACTOR, mediating.id, AgreementInput(
        clauses=["李四赔偿三千元。"], effective_on=date(2026, 2, 20)))
    docs = DocumentService(store)
    assert {k for _s, k, _d in _wanted(docs.bundle(mediating.id))}.isdisjoint(
        {"supplementary_agreement", "correction_note"})
    svc.add_supplementary_agreement(ACTOR, mediating.id, agreement.id, reason="履行方式变更",
                                    clauses=["分两期支付。"], signed_on=date(2026, 2, 25))
    svc.add_correction_note(ACTOR, mediating.id, agreement.id, reason="笔误", text="改正")
    wanted = {k: (slot, on) for slot, k, on in _wanted(docs.bundle(mediating.id))}
    assert wanted["supplementary_agreement"] == (8, date(2026, 2, 25))
    assert wanted["correction_note"][0] == 12
    pdf = docs.generate(ACTOR, mediating.id, "case_file").pdf
    assert pdf.startswith(b"%PDF")


def test_two_parallel_corrections_count_once(svc, store, mediating, clock):
    """A correction made on another desk of the same record arrives later: one version is
    the record, in the papers' rule and in the SQL that counts today's sessions."""
    from mediation_desk.domain.models import CaseEvent
    from mediation_desk.storage import my_work_queries

    today = clock.now.date()
    old = svc.record_session(ACTOR, mediating.id, notes="原记录", occurred_at=clock.now)
    svc.correct_session(ACTOR, mediating.id, old.id, reason="中心更正", notes="中心的版本")
    with store.operation(ACTOR, "import_bundle") as work:  # as the laptop's bundle writes it
        laptop = CaseEvent(case_id=mediating.id, kind=EventKind.SESSION,
                           occurred_at=old.occurred_at, notes="笔记本的版本",
                           data={"version": 2, "corrects": old.id})
        work.save_event(laptop)
        work.save_event(CaseEvent(
            case_id=mediating.id, kind=EventKind.NOTE,
            occurred_at=clock.now.replace(hour=11), notes="更正调解记录（第2版）：笔记本更正",
            data={"action": rules.CORRECT_SESSION, "target": rules.SESSION,
                  "target_id": old.id, "new_id": laptop.id, "version": 2,
                  "reason": "笔记本更正"}))
    current = [e for e in rules.current_events(svc.events(mediating.id))
               if e.kind is EventKind.SESSION]
    assert [e.notes for e in current] == ["笔记本的版本"]  # the later correction
    found, _ = my_work_queries.sessions_today(store.db, None, today=today)
    assert len(found) == 1
    assert len(my_work_queries.sessions_today_plain(store.db, None, today=today)) == 1


def test_every_problem_is_named_at_once(svc, mediating):
    old = _session(svc, mediating)
    with pytest.raises(ValidationError) as caught:
        svc.correct_session(ACTOR, mediating.id, old.id, reason="", notes=" ",
                            occurred_at=datetime(2030, 1, 1, 9, 0).astimezone())
    assert set(caught.value.problems) == {"reason", "notes", "occurred_at"}
    with pytest.raises(ValidationError) as caught:
        svc.add_correction_note(ACTOR, mediating.id, old.id, reason="\x00", text="")
    assert set(caught.value.problems) == {"reason", "text"}
