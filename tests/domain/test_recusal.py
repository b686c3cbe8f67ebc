"""The case header's recusal warning reads the current assignment's recorded override."""

from __future__ import annotations

from datetime import datetime, timedelta

from mediation_desk.domain.enums import EventKind
from mediation_desk.domain.models import CaseEvent
from mediation_desk.domain.recusal import recusal_override

T0 = datetime(2026, 3, 2, 9, 5).astimezone()
GROUND = "与当事人张三系近亲属（回避事由：近亲属）"


def _assignment(at, grounds, reason="", names="周明") -> CaseEvent:
    return CaseEvent(case_id="c", kind=EventKind.ASSIGNMENT, occurred_at=at, actor="主任",
                     participants=names, notes=reason,
                     data={"mediator_ids": ["m"], "recusal_grounds": grounds})


def test_an_override_is_reported_with_its_grounds_and_reason():
    found = recusal_override([
        CaseEvent(case_id="c", kind=EventKind.SESSION, occurred_at=T0, notes="x"),
        _assignment(T0, [GROUND], "双方同意")])
    assert found is not None
    assert found.grounds == (GROUND,) and found.reason == "双方同意"
    assert found.mediators == "周明" and found.actor == "主任" and found.occurred_at == T0


def test_only_the_current_assignment_counts():
    override = _assignment(T0, [GROUND], "双方同意")
    clean = _assignment(T0 + timedelta(days=1), [], names="李华")
    assert recusal_override([override, clean]) is None
    assert recusal_override([clean, override]) is None  # by time, not list order
    assert recusal_override([clean]) is None
    assert recusal_override([]) is None
    later = _assignment(T0 + timedelta(days=2), [GROUND], "当事人书面同意")
    found = recusal_override([override, clean, later])
    assert found is not None and found.reason == "当事人书面同意"


def test_an_assignment_recorded_without_the_field_has_no_warning():
    event = CaseEvent(case_id="c", kind=EventKind.ASSIGNMENT, occurred_at=T0, data={})
    assert recusal_override([event]) is None
