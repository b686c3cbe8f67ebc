"""The correction rule's pure parts: which versions a correction replaced, when a record
is final."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from mediation_desk.domain import corrections as rules
from mediation_desk.domain.enums import CaseStatus, EventKind
from mediation_desk.domain.models import Agreement, Case, CaseEvent

AT = datetime(2026, 2, 10, 9, 0).astimezone()


def _session(notes: str) -> CaseEvent:
    return CaseEvent(case_id="c", kind=EventKind.SESSION, occurred_at=AT, notes=notes)


def _fix(old: CaseEvent, new: CaseEvent, minutes: int) -> CaseEvent:
    return CaseEvent(case_id="c", kind=EventKind.NOTE, occurred_at=AT + timedelta(minutes=minutes),
                     data={"action": rules.CORRECT_SESSION, "target": rules.SESSION,
                           "target_id": old.id, "new_id": new.id, "version": 2,
                           "reason": f"更正{minutes}"})


def test_one_version_of_a_record_is_current_even_after_two_parallel_corrections():
    old, at_center, on_laptop = _session("原"), _session("中心改"), _session("笔记本改")
    events = [old, at_center, on_laptop, _fix(old, on_laptop, 5), _fix(old, at_center, 9)]
    replaced = rules.superseded(events)
    assert replaced[old.id].new_id == at_center.id  # the later correction is the record
    assert replaced[on_laptop.id].new_id == at_center.id
    assert [e.notes for e in rules.current_events(events)
            if e.kind is EventKind.SESSION] == ["中心改"]


def test_a_note_event_that_is_not_a_correction_is_ignored():
    note = CaseEvent(case_id="c", kind=EventKind.NOTE, occurred_at=AT,
                     data={"action": "record_written_agreement"})
    assert rules.correction_of(note) is None and rules.superseded([note]) == {}


def test_a_session_is_final_after_the_mediation_or_an_agreement_in_effect_since():
    session = _session("记录")
    case = Case(center_id="x", status=CaseStatus.MEDIATING, received_on=date(2026, 2, 1))
    today = date(2026, 3, 2)
    assert rules.session_final_reason(case, session, [], today) == ""
    earlier = Agreement(case_id="c", effective_on=date(2026, 2, 5))  # before the session
    assert rules.session_final_reason(case, session, [earlier], today) == ""
    later = Agreement(case_id="c", effective_on=date(2026, 2, 20))
    assert "2026年2月20日生效" in rules.session_final_reason(case, session, [later], today)
    case.status = CaseStatus.TERMINATED
    assert "调解已结束" in rules.session_final_reason(case, session, [], today)
