"""After mediation: judicial confirmation, follow-up, hand-over, filing, archive."""

from __future__ import annotations

from datetime import date, datetime

from ..domain.enums import CaseStatus, EventKind, Performance
from ..domain.errors import DomainError, ValidationError
from ..domain.formatting import format_cn_date
from ..domain.models import Case, CaseEvent
from ..domain.state_machine import Action, follow_up_status, next_status
from ..domain.validators import InvalidValue, parse_court_case_number
from ..storage import items
from .base import CaseServiceBase

JC_OUTCOMES = {"confirmed": Action.JC_CONFIRM, "rejected": Action.JC_REJECT,
               "withdrawn": Action.JC_WITHDRAW}


class OutcomeOps(CaseServiceBase):
    """Operations once mediation has ended."""

    def _simple(self, actor: str, key: str, action: Action, *, notes: str = "",
                summary: str, **changes) -> Case:
        case = self.get(key)
        with self.store.operation(actor, action.value, case_id=case.id,
                                  summary=f"{case.number}{summary}") as work:
            self.transition(work, case, action, actor, notes=notes)
            for attr, value in changes.items():
                setattr(case, attr, value)
            work.save_case(case)
        return case

    def apply_jc(self, actor: str, key: str, *, on: date | None = None, court: str = "") -> Case:
        """Record the joint application for judicial confirmation (within 30 days)."""
        case = self.get(key)
        on = on or self.today()
        next_status(self.facts(case), Action.APPLY_JC)
        agreement = items.agreement_of(self.store.db, case.id)
        if agreement is None:
            raise DomainError("没有调解协议，不能申请司法确认。", code="no_agreement")
        if case.jc_due_on and on > case.jc_due_on:
            raise DomainError(
                f"申请司法确认的期限已过：应在协议生效之日起30日内（截至{format_cn_date(case.jc_due_on)}）"
                "由双方共同申请。", code="jc_window_passed")
        if agreement.effective_on and on < agreement.effective_on:
            raise ValidationError({"on": ["申请日期不能早于协议生效日期"]})
        return self._simple(actor, key, Action.APPLY_JC, notes=court, summary="申请司法确认",
                            jc_applied_on=on)

    def record_jc_outcome(self, actor: str, key: str, *, outcome: str, ruling: str = "",
                          notes: str = "") -> Case:
        """Record the court's ruling: confirmed / rejected / withdrawn."""
        if outcome not in JC_OUTCOMES:
            raise ValidationError({"outcome": ["结果应为 confirmed、rejected 或 withdrawn"]})
        if ruling:
            try:
                ruling = parse_court_case_number(ruling).text
            except InvalidValue as exc:
                raise ValidationError({"ruling": [exc.message]}) from exc
        elif outcome == "confirmed":
            raise ValidationError({"ruling": ["请填写司法确认裁定的案号（如（2026）鲁0303民特12号）"]})
        action = JC_OUTCOMES[outcome]
        return self._simple(actor, key, action, notes=notes, summary=action.label,
                            jc_ruling=ruling)

    def remediate(self, actor: str, key: str, *, notes: str = "") -> Case:
        """Mediate again after the court rejected confirmation."""
        return self._simple(actor, key, Action.REMEDIATE, notes=notes, summary="重新调解",
                            closed_on=None, jc_due_on=None, end_reason=None)

    def litigate(self, actor: str, key: str, *, notes: str = "") -> Case:
        """Record that a party went to court (PML 32 or after a rejected confirmation)."""
        return self._simple(actor, key, Action.LITIGATE, notes=notes, summary="转诉讼")

    def follow_up(self, actor: str, key: str, *, performance: Performance, satisfaction: int,
                  notes: str = "", place: str = "", on: date | None = None) -> CaseEvent:
        """Record a follow-up visit (回访): performance, satisfaction 1-5, notes."""
        if not 1 <= int(satisfaction) <= 5:
            raise ValidationError({"satisfaction": ["满意度应为1到5分"]})
        case = self.get(key)
        next_status(self.facts(case), Action.FOLLOW_UP)
        with self.store.operation(actor, "follow_up", case_id=case.id,
                                  summary=f"{case.number}回访：{performance.label}") as work:
            at = datetime.combine(on, work.moment.time().replace(microsecond=0)) if on \
                else work.moment.replace(microsecond=0)
            event = CaseEvent(case_id=case.id, kind=EventKind.FOLLOW_UP, occurred_at=at,
                              actor=actor, place=place, notes=notes,
                              data={"performance": performance.value,
                                    "satisfaction": int(satisfaction)})
            work.save_event(event)
            new = follow_up_status(case.status, performance.value)
            if new is not case.status:
                work.save_event(CaseEvent(
                    case_id=case.id, kind=EventKind.STATUS_CHANGE, occurred_at=at, actor=actor,
                    data={"from": case.status.value, "to": new.value, "action": "follow_up"}))
                case.status = new
            case.follow_up_due_on = None if new in (CaseStatus.PERFORMED,
                                                    CaseStatus.NOT_PERFORMED) else case.follow_up_due_on
            work.save_case(case)
        return event

    def apply_enforcement(self, actor: str, key: str, *, notes: str = "") -> Case:
        """Record an application for enforcement of a confirmed agreement."""
        return self._simple(actor, key, Action.APPLY_ENFORCEMENT, notes=notes,
                            summary="申请强制执行")

    def hand_over(self, actor: str, key: str, *, notes: str = "") -> Case:
        """Hand a failed court-delegated case over for filing (移送立案)."""
        return self._simple(actor, key, Action.HAND_OVER, notes=notes, summary="移送立案")

    def record_filing(self, actor: str, key: str, *, filing_number: str) -> Case:
        """Record the court's filing number (民初) for a handed-over case."""
        try:
            number = parse_court_case_number(filing_number).text
        except InvalidValue as exc:
            raise ValidationError({"filing_number": [exc.message]}) from exc
        return self._simple(actor, key, Action.RECORD_FILING, summary=f"法院立案{number}",
                            filing_number=number)

    def return_to_trial(self, actor: str, key: str, *, notes: str = "") -> Case:
        """Return an entrusted case to the trial judge."""
        return self._simple(actor, key, Action.RETURN_TO_TRIAL, notes=notes, summary="退回审判")

    def archive(self, actor: str, key: str, *, notes: str = "") -> Case:
        """Archive a finished case (立卷归档)."""
        return self._simple(actor, key, Action.ARCHIVE, notes=notes, summary="归档")
