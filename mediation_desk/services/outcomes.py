"""After mediation: judicial confirmation, follow-up, hand-over, filing, archive."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ..domain.enums import CaseStatus, EventKind, Performance
from ..domain.errors import DomainError, ValidationError
from ..domain.models import Case, CaseEvent
from ..domain.record_rules import clean_input
from ..domain.state_machine import Action, TrialOutcome, follow_up_status, next_status
from ..domain.validators import (
    CourtCaseNumber,
    CourtNumberUse,
    InvalidValue,
    parse_court_case_number,
)
from .base import CaseServiceBase

JC_OUTCOMES = {"confirmed": Action.JC_CONFIRM, "rejected": Action.JC_REJECT,
               "withdrawn": Action.JC_WITHDRAW}


class OutcomeOps(CaseServiceBase):
    """Operations once mediation has ended."""

    def _simple(self, actor: str, key: str, action: Action, *, notes: str = "",
                summary: str, data: dict[str, Any] | None = None,
                expected_version: int | None = None, **changes: Any) -> Case:
        notes = clean_input("events", {"notes": ("notes", notes)})["notes"]
        with self.case_operation(actor, key, action.value,
                                 expected_version) as (work, case):
            work.summary = f"{case.number}{summary}"
            self.transition(work, case, action, actor, notes=notes, data=data)
            for attr, value in changes.items():
                setattr(case, attr, value)
            work.save_case(case)
        return case

    def court_number_warnings(self, value: str, use: CourtNumberUse) -> list[str]:
        """Warnings on a court number typed for ``use`` (for a form's live check).

        Empty when it fits or cannot be parsed (the error is reported on saving).
        """
        try:
            warning = parse_court_case_number(value, today=self.today()).type_warning(use)
        except InvalidValue:
            return []
        return [warning] if warning else []

    def _court_number(self, value: str, use: CourtNumberUse,
                      path: str) -> tuple[CourtCaseNumber, list[str]]:
        try:
            number = parse_court_case_number(value, today=self.today())
        except InvalidValue as exc:
            raise ValidationError({path: [exc.message]}) from exc
        warning = number.type_warning(use)
        return number, [warning] if warning else []

    @staticmethod
    def jc_applicants(case: Case) -> list[dict[str, str]]:
        """Both sides as applicants of the joint application (CPL Art 205, CPLI Art 351)."""
        sides = (("申请人", case.applicants), ("被申请人", case.respondents))
        missing = [side for side, parties in sides if not parties]
        if missing:
            raise DomainError(
                f"司法确认须由双方当事人共同申请，本案没有{'、'.join(missing)}一方的当事人，"
                "不能申请司法确认。", code="jc_one_side")
        return [{"party_id": p.id, "name": p.name, "side": p.role.value}
                for p in case.applicants + case.respondents]

    def apply_jc(self, actor: str, key: str, *, on: date | None = None, court: str = "",
                 accept_estimated: bool = False, expected_version: int | None = None) -> Case:
        """Record the joint application for judicial confirmation (within 30 days).

        Both sides apply together; every live applicant and respondent is recorded as an
        applicant in the status event. After a withdrawal the application may be made
        again while the window is open. Every check reads the case inside the write
        transaction.
        """
        court = clean_input("events", {"court": ("place", court)})["court"]
        with self.case_operation(actor, key, Action.APPLY_JC.value,
                                 expected_version) as (work, case):
            on = on or self.today()
            next_status(self.facts(case), Action.APPLY_JC)
            agreement = self.store.items.agreement_of(case.id)
            if agreement is None:
                raise DomainError("没有调解协议，不能申请司法确认。", code="no_agreement")
            applicants = self.jc_applicants(case)
            warning = self.window_check(case.jc_due_on, on, accept_estimated=accept_estimated,
                                        what="申请司法确认的期限",
                                        rule="应在协议生效之日起30日内由双方共同申请",
                                        code="jc_window_passed")
            if agreement.effective_on and on < agreement.effective_on:
                raise ValidationError({"on": ["申请日期不能早于协议生效日期"]})
            again = case.status is CaseStatus.JC_WITHDRAWN
            summary = "再次申请司法确认" if again else "申请司法确认"
            extra = {"deadline_warning": warning} if warning else {}
            work.summary = f"{case.number}{summary}" + (f"（{warning}）" if warning else "")
            # dated the day applied, like a follow-up visit: statistics count it then
            self.transition(work, case, Action.APPLY_JC, actor, notes=court,
                            data={"applicants": applicants, "court": court,
                                  "applied_on": on.isoformat(), "reapplication": again,
                                  **extra},
                            at=datetime.combine(on, work.moment.time().replace(microsecond=0)))
            case.jc_applied_on, case.jc_ruling = on, ""
            work.save_case(case)
        return case

    def record_jc_outcome(self, actor: str, key: str, *, outcome: str, ruling: str = "",
                          notes: str = "", expected_version: int | None = None) -> Case:
        """Record the court's ruling: confirmed / rejected / withdrawn.

        The ruling's number should carry 民特 (special procedure); another type code is
        recorded with a warning in the status event, not refused.
        """
        if outcome not in JC_OUTCOMES:
            raise ValidationError({"outcome": ["结果应为 confirmed、rejected 或 withdrawn"]})
        warnings: list[str] = []
        if ruling:
            number, warnings = self._court_number(ruling, CourtNumberUse.JC_RULING, "ruling")
            ruling = number.text
        elif outcome == "confirmed":
            raise ValidationError(
                {"ruling": ["请填写司法确认裁定的案号（如（2026）鲁0303民特12号）"]})
        action = JC_OUTCOMES[outcome]
        return self._simple(actor, key, action, notes=notes, summary=action.label,
                            data={"ruling": ruling, "warnings": warnings}, jc_ruling=ruling,
                            expected_version=expected_version)

    def remediate(self, actor: str, key: str, *, notes: str = "",
                  expected_version: int | None = None) -> Case:
        """Mediate again after the court rejected confirmation."""
        return self._simple(actor, key, Action.REMEDIATE, notes=notes, summary="重新调解",
                            closed_on=None, jc_due_on=None, end_reason=None,
                            expected_version=expected_version)

    def litigate(self, actor: str, key: str, *, notes: str = "",
                 expected_version: int | None = None) -> Case:
        """Record that a party went to court (PML 32 or after a rejected confirmation)."""
        return self._simple(actor, key, Action.LITIGATE, notes=notes, summary="转诉讼",
                            expected_version=expected_version)

    def follow_up(self, actor: str, key: str, *, performance: Performance, satisfaction: int,
                  notes: str = "", place: str = "", on: date | None = None,
                  expected_version: int | None = None) -> CaseEvent:
        """Record a follow-up visit (回访): performance, satisfaction 1-5, notes."""
        if not 1 <= int(satisfaction) <= 5:
            raise ValidationError({"satisfaction": ["满意度应为1到5分"]})
        clean = clean_input("events", {"notes": ("notes", notes), "place": ("place", place)})
        notes, place = clean["notes"], clean["place"]
        with self.case_operation(actor, key, "follow_up",
                                 expected_version) as (work, case):
            next_status(self.facts(case), Action.FOLLOW_UP)
            work.summary = f"{case.number}回访：{performance.label}"
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
            if new in (CaseStatus.PERFORMED, CaseStatus.NOT_PERFORMED):
                case.follow_up_due_on = None
            work.save_case(case)
        return event

    def apply_enforcement(self, actor: str, key: str, *, notes: str = "",
                          expected_version: int | None = None) -> Case:
        """Record an application for enforcement of a confirmed agreement."""
        return self._simple(actor, key, Action.APPLY_ENFORCEMENT, notes=notes,
                            summary="申请强制执行", expected_version=expected_version)

    def hand_over(self, actor: str, key: str, *, notes: str = "",
                  expected_version: int | None = None) -> Case:
        """Hand a failed court-delegated case over for filing (移送立案)."""
        return self._simple(actor, key, Action.HAND_OVER, notes=notes, summary="移送立案",
                            expected_version=expected_version)

    def record_filing(self, actor: str, key: str, *, filing_number: str,
                      expected_version: int | None = None) -> Case:
        """Record the court's filing number (民初) for a handed-over case.

        Another type code is recorded with a warning in the status event, not refused.
        """
        parsed, warnings = self._court_number(filing_number, CourtNumberUse.FILING,
                                              "filing_number")
        number = parsed.text
        return self._simple(actor, key, Action.RECORD_FILING, summary=f"法院立案{number}",
                            data={"filing_number": number, "warnings": warnings},
                            filing_number=number, expected_version=expected_version)

    def return_to_trial(self, actor: str, key: str, *, notes: str = "",
                        outcome: TrialOutcome | str = "", document_number: str = "",
                        expected_version: int | None = None) -> Case:
        """Return an entrusted case (委托调解) to the trial.

        After a failed mediation the trial simply resumes. After an agreement the court
        either issues its 调解书 (``outcome="mediation_document"`` with its number) or the
        plaintiff withdraws (``outcome="withdrawn"``), SIM Art 20; the outcome is recorded
        in the status event.
        """
        notes = clean_input("events", {"notes": ("notes", notes)})["notes"]
        with self.case_operation(actor, key, Action.RETURN_TO_TRIAL.value,
                                 expected_version) as (work, case):
            next_status(self.facts(case), Action.RETURN_TO_TRIAL)
            data: dict[str, Any] = {}
            summary = "退回审判"
            if case.status is CaseStatus.AGREED:
                try:
                    result = TrialOutcome(outcome)
                except ValueError:
                    raise ValidationError({"outcome": [
                        "委托调解达成协议后，请选择结果：人民法院出具调解书，或原告撤诉"]},
                    ) from None
                data = {"outcome": result.value, "warnings": []}
                summary = f"退回审判：{result.label}"
                if result is TrialOutcome.MEDIATION_DOCUMENT:
                    if not document_number.strip():
                        raise ValidationError({"document_number": [
                            "请填写人民法院调解书的案号（如（2026）鲁0303民初88号）"]})
                    number, warnings = self._court_number(
                        document_number, CourtNumberUse.TRIAL, "document_number")
                    data.update(document_number=number.text, warnings=warnings)
                    summary += number.text
            elif outcome or document_number:
                raise ValidationError({"outcome": ["调解不成退回审判的案件不填写调解书或撤诉结果"]})
            work.summary = f"{case.number}{summary}"
            self.transition(work, case, Action.RETURN_TO_TRIAL, actor, notes=notes, data=data)
            work.save_case(case)
        return case

    def archive(self, actor: str, key: str, *, notes: str = "",
                expected_version: int | None = None) -> Case:
        """Archive a finished case (立卷归档)."""
        return self._simple(actor, key, Action.ARCHIVE, notes=notes, summary="归档",
                            expected_version=expected_version)
