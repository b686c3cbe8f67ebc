"""Mediation: sessions, investigations, suspension, extension, agreement, termination."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from ..domain.deadlines import jc_window_end
from ..domain.enums import AgreementForm, AgreementScope, CaseSource, EndReason, EventKind
from ..domain.errors import DomainError, ValidationError
from ..domain.models import Agreement, Case, CaseEvent
from ..domain.record_rules import MAX_ITEMS, clean_input
from ..domain.state_machine import Action, end_reason_problem, next_status
from .base import CaseServiceBase

FOLLOW_UP_AFTER_DAYS = 30


@dataclass
class AgreementInput:
    """What the agreement form collects."""

    clauses: list[str]
    form: AgreementForm = AgreementForm.WRITTEN
    scope: AgreementScope = AgreementScope.FULL
    facts: str = ""
    performance_method: str = ""
    performance_place: str = ""
    performance_deadline: date | None = None
    amount: Decimal | None = None
    signed_on: date | None = None
    effective_on: date | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class MediationOps(CaseServiceBase):
    """Operations while a case is being mediated."""

    def _event(self, actor: str, key: str, action: Action, kind: EventKind, *,
               occurred_at: datetime | None, place: str, participants: str, notes: str,
               summary: str, data: dict[str, Any] | None = None,
               expected_version: int | None = None) -> CaseEvent:
        clean = clean_input("events", {"notes": ("notes", notes), "place": ("place", place),
                                       "participants": ("participants", participants)})
        notes, place, participants = clean["notes"], clean["place"], clean["participants"]
        if not notes:
            raise ValidationError({"notes": ["请填写记录内容"]})
        with self.case_operation(actor, key, action.value,
                                 expected_version) as (work, case):
            work.summary = f"{case.number}{summary}"
            self.transition(work, case, action, actor)
            event = CaseEvent(case_id=case.id, kind=kind,
                              occurred_at=occurred_at or work.moment.replace(microsecond=0),
                              actor=actor, place=place, participants=participants, notes=notes,
                              data=data or {})
            work.save_event(event)
        return event

    def record_session(self, actor: str, key: str, *, notes: str, place: str = "",
                       participants: str = "", occurred_at: datetime | None = None,
                       result: str = "", expected_version: int | None = None) -> CaseEvent:
        """Record a mediation session (调解记录) and its result (调解结果, ``data["result"]``).

        The result is what the session came to (terms agreed, or why not and the route
        advised); the 调解记录 prints it. The recorder (记录人) is the logged-in account.
        """
        result = clean_input("events", {"result": ("data", result)})["result"]
        return self._event(actor, key, Action.RECORD_SESSION, EventKind.SESSION,
                           occurred_at=occurred_at, place=place, participants=participants,
                           notes=notes, summary="记录调解", expected_version=expected_version,
                           data={"result": result} if result else None)

    def record_investigation(self, actor: str, key: str, *, notes: str, place: str = "",
                             participants: str = "",
                             occurred_at: datetime | None = None,
                             expected_version: int | None = None) -> CaseEvent:
        """Record an investigation (调查记录)."""
        return self._event(actor, key, Action.RECORD_INVESTIGATION, EventKind.INVESTIGATION,
                           occurred_at=occurred_at, place=place, participants=participants,
                           notes=notes, summary="记录调查", expected_version=expected_version)

    def record_undisputed_facts(self, actor: str, key: str, *, facts: str,
                                confirming_party_ids: list[str],
                                occurred_at: datetime | None = None, place: str = "",
                                expected_version: int | None = None) -> CaseEvent:
        """Record the undisputed facts (无争议事实) every party confirmed in writing.

        SDR Art 24 (OMR Art 18, 21-22; SIM Art 22): with the parties' consent the facts
        none of them disputes are written down and signed by all; the 无争议事实确认书
        prints them and they go to the court with a failed case. Allowed while mediating,
        after the mediation failed, and beside a partial agreement; refused once the case
        is fully agreed (nothing is left in dispute) and without every party's confirmation.
        """
        clean = clean_input("events", {"facts": ("notes", facts), "place": ("place", place)})
        facts, place = clean["facts"], clean["place"]
        problems: dict[str, list[str]] = {}
        if not facts:
            problems["facts"] = ["请填写各方当事人均无争议的事实"]
        with self.case_operation(actor, key, Action.RECORD_UNDISPUTED_FACTS.value,
                                 expected_version) as (work, case):
            live = [p for p in case.parties if not p.deleted]
            chosen = set(confirming_party_ids)
            missing = [p.name for p in live if p.id not in chosen]
            unknown = chosen - {p.id for p in live}
            if missing:
                problems["confirming_party_ids"] = [
                    f"无争议事实须经各方当事人书面确认，以下当事人未确认：{'、'.join(missing)}"]
            elif unknown:
                problems["confirming_party_ids"] = ["确认的当事人不是本案的当事人"]
            at = occurred_at or work.moment.replace(microsecond=0)
            if at.date() > self.today():
                problems["occurred_at"] = ["确认日期不能晚于今天"]
            elif at.date() < case.received_on:
                problems["occurred_at"] = ["确认日期不能早于收案日期"]
            if problems:
                raise ValidationError(problems)
            work.summary = f"{case.number}记录无争议事实"
            self.transition(work, case, Action.RECORD_UNDISPUTED_FACTS, actor)
            event = CaseEvent(case_id=case.id, kind=EventKind.UNDISPUTED_FACTS,
                              occurred_at=at, actor=actor, place=place, notes=facts,
                              participants="、".join(p.name for p in live),
                              data={"party_ids": [p.id for p in live]})
            work.save_event(event)
        return event

    def suspend(self, actor: str, key: str, *, reason: str, on: date | None = None,
                expected_version: int | None = None) -> Case:
        """Suspend for appraisal (诉前鉴定评估): the mediation clock stops."""
        reason = clean_input("events", {"reason": ("notes", reason)})["reason"]
        if not reason:
            raise ValidationError({"reason": ["请填写中止原因（如鉴定评估事项）"]})
        with self.case_operation(actor, key, "suspend_case",
                                 expected_version) as (work, case):
            on = on or self.today()
            work.summary = f"{case.number}中止调解"
            self.transition(work, case, Action.SUSPEND, actor, notes=reason)
            case.suspended_since = on
            work.save_case(case)
            work.save_event(CaseEvent(case_id=case.id, kind=EventKind.SUSPENSION,
                                      occurred_at=datetime.combine(on, work.moment.time()),
                                      actor=actor, notes=reason))
        return case

    def resume(self, actor: str, key: str, *, on: date | None = None, notes: str = "",
               expected_version: int | None = None) -> Case:
        """Resume after suspension; the stopped days move the due date out."""
        notes = clean_input("events", {"notes": ("notes", notes)})["notes"]
        with self.case_operation(actor, key, "resume_case",
                                 expected_version) as (work, case):
            on = on or self.today()
            since = case.suspended_since or on
            if on < since:
                raise ValidationError({"on": ["恢复日期不能早于中止日期"]})
            work.summary = f"{case.number}恢复调解"
            self.transition(work, case, Action.RESUME, actor, notes=notes)
            case.suspended_days += (on - since).days
            case.suspended_since = None
            self.recompute_due(case)
            work.save_case(case)
            work.save_event(CaseEvent(case_id=case.id, kind=EventKind.RESUMPTION,
                                      occurred_at=datetime.combine(on, work.moment.time()),
                                      actor=actor, notes=notes,
                                      data={"suspended_days": (on - since).days}))
        return case

    def extend(self, actor: str, key: str, *, days: int, consenting_party_ids: list[str],
               notes: str = "", expected_version: int | None = None) -> Case:
        """Extend the period; only with the recorded consent of every party."""
        notes = clean_input("events", {"notes": ("notes", notes)})["notes"]
        with self.case_operation(actor, key, "extend_case",
                                 expected_version) as (work, case):
            problems: dict[str, list[str]] = {}
            if not 1 <= days <= 365:
                problems["days"] = ["延长天数应在1到365之间"]
            live = [p for p in case.parties if not p.deleted]
            missing = [p.name for p in live if p.id not in set(consenting_party_ids)]
            if missing:
                problems["consent"] = [
                    f"延长调解期限须经全部当事人同意，以下当事人未同意：{'、'.join(missing)}"]
            if problems:
                raise ValidationError(problems)
            work.summary = f"{case.number}延长调解期限{days}天"
            self.transition(work, case, Action.EXTEND, actor)
            old_due = case.due_on
            case.extended_days += days
            self.recompute_due(case)
            work.save_case(case)
            work.save_event(CaseEvent(
                case_id=case.id, kind=EventKind.EXTENSION,
                occurred_at=work.moment.replace(microsecond=0), actor=actor, notes=notes,
                participants="、".join(p.name for p in live),
                data={"days": days, "consenting_party_ids": sorted(consenting_party_ids),
                      "old_due": old_due.isoformat() if old_due else None,
                      "new_due": case.due_on.isoformat() if case.due_on else None}))
        return case

    def _agreement_from(self, case: Case, data: AgreementInput, *,
                        not_before: date | None = None) -> Agreement:
        """Validate the form's input into an Agreement (raises ValidationError)."""
        problems: dict[str, list[str]] = {}
        texts = {"facts": ("facts", data.facts),
                 "performance_method": ("performance_method", data.performance_method),
                 "performance_place": ("performance_place", data.performance_place),
                 **{f"clauses[{i}]": ("clauses", c) for i, c in enumerate(data.clauses)}}
        try:
            clean = clean_input("agreements", texts)
        except ValidationError as exc:
            clean = {k: v for k, (_f, v) in texts.items()}
            for path, messages in exc.problems.items():
                # clause problems are shown at the clauses, saying which one
                key, _, index = path.partition("[")
                prefix = f"第{int(index.rstrip(']')) + 1}项条款" if index else ""
                problems.setdefault(key, []).extend(prefix + m for m in messages)
        clauses = [clean[f"clauses[{i}]"] for i in range(len(data.clauses))]
        clauses = [c for c in clauses if c]
        if len(clauses) > MAX_ITEMS["clauses"]:
            problems["clauses"] = [f"协议最多{MAX_ITEMS['clauses']}项条款"]
        if not clauses and "clauses" not in problems:
            problems["clauses"] = ["协议至少需要一项条款"]
        effective = data.effective_on or data.signed_on or self.today()
        if effective > self.today():
            problems["effective_on"] = ["生效日期不能晚于今天"]
        if effective < case.received_on:
            problems["effective_on"] = ["生效日期不能早于收案日期"]
        if not_before and effective < not_before:
            problems["effective_on"] = ["书面协议的生效日期不能早于口头协议达成的日期"]
        if data.amount is not None and data.amount < 0:
            problems["amount"] = ["金额不能为负数"]
        if data.performance_deadline and data.performance_deadline < effective:
            problems["performance_deadline"] = ["履行期限不能早于协议生效日期"]
        if problems:
            raise ValidationError(problems)
        return Agreement(
            case_id=case.id, form=data.form, scope=data.scope, facts=clean["facts"] or case.facts,
            clauses=clauses, performance_method=clean["performance_method"],
            performance_place=clean["performance_place"],
            performance_deadline=data.performance_deadline, amount=data.amount,
            signed_on=data.signed_on or effective, effective_on=effective)

    def _jc_due(self, case: Case, effective: date) -> date | None:
        """Last day to apply for judicial confirmation; None for an entrusted case (SIM 20)."""
        if case.source is CaseSource.COURT_ENTRUSTED:
            return None
        return jc_window_end(effective, self.settings.calendar()).due

    def record_agreement(self, actor: str, key: str, data: AgreementInput, *,
                         expected_version: int | None = None) -> Agreement:
        """Record the agreement (调解协议); the judicial-confirmation window starts."""
        with self.case_operation(actor, key, "record_agreement",
                                 expected_version) as (work, case):
            agreement = self._agreement_from(case, data)
            effective = agreement.effective_on or self.today()
            work.summary = f"{case.number}登记{data.form.label}"
            self.transition(work, case, Action.RECORD_AGREEMENT, actor,
                            data={"form": data.form.value, "scope": data.scope.value})
            case.jc_due_on = self._jc_due(case, effective)
            case.follow_up_due_on = (data.performance_deadline
                                     or effective + timedelta(days=FOLLOW_UP_AFTER_DAYS))
            case.closed_on = effective
            if data.scope is AgreementScope.FULL:
                case.end_reason = EndReason.AGREEMENT_REACHED
            work.save_case(case)
            work.save_agreement(agreement)
        return agreement

    def record_written_agreement(self, actor: str, key: str, data: AgreementInput, *,
                                 expected_version: int | None = None) -> Agreement:
        """Write an oral agreement down as a 人民调解协议书 (AGREED_ORAL → AGREED_WRITTEN).

        The oral agreement stays on file (its 口头协议登记表 is part of the record); the
        written one becomes the case's agreement. It takes effect when signed and sealed
        (PML Art 29), so the judicial-confirmation window runs from its effective date.
        """
        with self.case_operation(actor, key, Action.RECORD_WRITTEN_AGREEMENT.value,
                                 expected_version) as (work, case):
            next_status(self.facts(case), Action.RECORD_WRITTEN_AGREEMENT)
            oral = self.store.items.agreement_of(case.id)
            if oral is None:  # pragma: no cover - the state machine needs an oral agreement
                raise DomainError("本案没有口头协议。", code="no_agreement")
            written = self._agreement_from(case, replace(data, form=AgreementForm.WRITTEN),
                                           not_before=oral.effective_on)
            effective = written.effective_on or self.today()
            work.summary = f"{case.number}将口头协议制作为人民调解协议书"
            self.transition(work, case, Action.RECORD_WRITTEN_AGREEMENT, actor)
            work.save_agreement(written)
            work.save_event(CaseEvent(
                case_id=case.id, kind=EventKind.NOTE,
                occurred_at=work.moment.replace(microsecond=0), actor=actor,
                notes="口头协议已制作为书面调解协议（人民调解协议书）",
                data={"action": Action.RECORD_WRITTEN_AGREEMENT.value,
                      "oral_agreement_id": oral.id, "written_agreement_id": written.id,
                      "effective_on": effective.isoformat()}))
            case.jc_due_on = self._jc_due(case, effective)
            if data.performance_deadline:
                case.follow_up_due_on = data.performance_deadline
            work.save_case(case)
        return written

    def terminate(self, actor: str, key: str, *, reason: EndReason, notes: str = "",
                  expected_version: int | None = None) -> Case:
        """End the mediation without (full) agreement (终止调解), with a reason.

        An accepted case no mediator has taken up yet ends only because a party cannot be
        reached, refuses mediation, or for another stated reason (OMR Art 15, 25).
        """
        if reason is EndReason.AGREEMENT_REACHED:
            raise ValidationError({"reason": ["达成协议请使用“登记调解协议”"]})
        notes = clean_input("cases", {"notes": ("end_note", notes)})["notes"]
        if reason is EndReason.OTHER and not notes:
            raise ValidationError({"notes": ["选择“其他原因”时请填写说明"]})
        with self.case_operation(actor, key, "terminate_case",
                                 expected_version) as (work, case):
            problem = end_reason_problem(case.status, reason)
            if problem:
                raise ValidationError({"reason": [problem]})
            work.summary = f"{case.number}终止调解：{reason.label}"
            self.transition(work, case, Action.TERMINATE, actor, notes=notes,
                            data={"reason": reason.value})
            case.end_reason = reason
            case.end_note = notes
            case.closed_on = self.today()
            case.suspended_since = None
            work.save_case(case)
        return case
