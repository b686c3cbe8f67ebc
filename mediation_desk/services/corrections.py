"""Corrections of session records and agreements (更正), one operation each with its audit row.

The rule (domain/corrections.py): a session record is corrected as a new version with a reason
while the mediation it records is going on; the old version stays, marked corrected. An
agreement in effect is never edited: a 补充协议 (signed like an agreement) or a 更正说明 is
added to it. A 更正说明 may be added to any session record or agreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..domain import corrections as rules
from ..domain.enums import EventKind
from ..domain.errors import DomainError, NotFoundError, ValidationError
from ..domain.models import Agreement, Case, CaseEvent
from ..domain.record_rules import MAX_ITEMS, clean_input
from .base import CaseServiceBase


@dataclass(frozen=True)
class Correctable:
    """What the correction dialog offers for one record: a new version, or why not."""

    target: str  # rules.SESSION or rules.AGREEMENT
    record_id: str
    refusal: str  # '' when a new version may be made
    version: int = 1

    @property
    def may_edit(self) -> bool:
        return not self.refusal


def _reason(reason: str, problems: dict[str, list[str]]) -> str:
    """The reason cleaned by the input rules; its problem added to ``problems``."""
    try:
        text = clean_input("events", {"reason": ("notes", reason)})["reason"]
    except ValidationError as exc:
        problems.update(exc.problems)
        return ""
    if not text:
        problems["reason"] = ["请填写更正原因"]
    elif len(text) > rules.REASON_MAX:
        problems["reason"] = [f"更正原因不能超过{rules.REASON_MAX}个字"]
    return text


def _clean(entity: str, values: dict[str, tuple[str, str]],
           problems: dict[str, list[str]]) -> dict[str, str]:
    """:func:`clean_input` that adds its problems to ``problems`` (every field is checked)."""
    try:
        return clean_input(entity, values)
    except ValidationError as exc:
        problems.update(exc.problems)
        out: dict[str, str] = {}
        for path, (field, value) in values.items():
            try:
                out[path] = clean_input(entity, {path: (field, value)})[path]
            except ValidationError:
                out[path] = ""
        return out


class CorrectionOps(CaseServiceBase):
    """Corrections on a case's records."""

    # -- reads ----------------------------------------------------------------------------
    def agreements(self, case_id: str) -> list[Agreement]:
        """Every live agreement of a case, oldest first (an oral one written down stays)."""
        return self.store.items.agreements_of(case_id)

    def correctable(self, case_key: str, record_id: str) -> Correctable:
        """Whether ``record_id`` (a session event or an agreement) may get a new version."""
        case = self.get(case_key)
        events = self.store.items.events_of(case.id)
        session = next((e for e in events if e.id == record_id
                        and e.kind is EventKind.SESSION), None)
        if session is not None:
            return Correctable(rules.SESSION, record_id,
                               self._session_refusal(case, session, events),
                               rules.version_of(session))
        agreement = self._agreement(case, record_id)
        return Correctable(rules.AGREEMENT, record_id,
                           rules.agreement_final_reason(agreement, self.today()))

    def _session_refusal(self, case: Case, session: CaseEvent, events: list[CaseEvent]) -> str:
        newer = rules.superseded(events).get(session.id)
        if newer is not None:
            return f"这份调解记录已更正为第{newer.version}版，请更正最新的版本。"
        if self._court_made(session):
            return "这份记录是法院录入的，只能由法院更正。"
        return rules.session_final_reason(case, session,
                                          self.store.items.agreements_of(case.id), self.today())

    def _court_made(self, record: CaseEvent | Agreement) -> bool:
        mine = self.store.origin_code()
        if not record.origin or record.origin == mine:
            return False
        return any(t["code"] == record.origin and t["kind"] == "court"
                   for t in self.store.exchange.trusted())

    def _session(self, case: Case, session_id: str) -> tuple[CaseEvent, list[CaseEvent]]:
        events = self.store.items.events_of(case.id)
        for e in events:
            if e.id == session_id and e.kind is EventKind.SESSION:
                return e, events
        raise NotFoundError("调解记录", session_id)

    def _agreement(self, case: Case, agreement_id: str) -> Agreement:
        for a in self.store.items.agreements_of(case.id):
            if a.id == agreement_id:
                return a
        raise NotFoundError("调解协议", agreement_id)

    # -- a new version of a session record -------------------------------------------------
    def correct_session(self, actor: str, key: str, session_id: str, *, reason: str,
                        notes: str, place: str | None = None, participants: str | None = None,
                        occurred_at: datetime | None = None, result: str | None = None,
                        expected_version: int | None = None) -> CaseEvent:
        """Replace a session record by a corrected version; the old one is kept, marked.

        A field left None keeps the old record's value. Refused (DomainError
        ``record_final``) once the mediation the record belongs to has ended: then only a
        更正说明 (:meth:`add_correction_note`) can be added.
        """
        with self.case_operation(actor, key, "correct_record", expected_version) as (work, case):
            old, events = self._session(case, session_id)
            refusal = self._session_refusal(case, old, events)
            if refusal:  # final: no field is asked about, only a 更正说明 can be added
                raise DomainError(refusal, code="record_final")
            problems: dict[str, list[str]] = {}
            reason = _reason(reason, problems)
            kept = str((old.data or {}).get("result", ""))
            clean = _clean("events", {
                "notes": ("notes", notes),
                "place": ("place", old.place if place is None else place),
                "participants": ("participants",
                                 old.participants if participants is None else participants),
                "result": ("data", kept if result is None else result)}, problems)
            if not clean["notes"] and "notes" not in problems:
                problems["notes"] = ["请填写记录内容"]
            at = occurred_at or old.occurred_at
            if at.date() > self.today():
                problems["occurred_at"] = ["调解时间不能晚于今天"]
            elif at.date() < case.received_on:
                problems["occurred_at"] = ["调解时间不能早于收案日期"]
            if problems:
                raise ValidationError(problems)
            data: dict[str, Any] = {k: v for k, v in (old.data or {}).items()
                                    if k not in ("result", "version", "corrects")}
            if clean["result"]:
                data["result"] = clean["result"]
            same = (clean["notes"] == old.notes and clean["place"] == old.place
                    and clean["participants"] == old.participants
                    and clean["result"] == str((old.data or {}).get("result", ""))
                    and at == old.occurred_at)
            if same:
                raise ValidationError({"notes": ["更正后的内容与原记录相同"]})
            version = rules.version_of(old) + 1
            data.update(version=version, corrects=old.id)
            new = CaseEvent(case_id=case.id, kind=EventKind.SESSION, occurred_at=at,
                            actor=actor, place=clean["place"],
                            participants=clean["participants"], notes=clean["notes"], data=data)
            work.save_event(new)
            work.save_event(CaseEvent(
                case_id=case.id, kind=EventKind.NOTE,
                occurred_at=work.moment.replace(microsecond=0), actor=actor,
                notes=f"更正调解记录（第{version}版）：{reason}",
                data={"action": rules.CORRECT_SESSION, "target": rules.SESSION,
                      "target_id": old.id, "new_id": new.id, "version": version,
                      "reason": reason}))
            work.summary = f"{case.number}更正调解记录（第{version}版）：{reason}"
        return new

    # -- after effect ----------------------------------------------------------------------
    def add_supplementary_agreement(self, actor: str, key: str, agreement_id: str, *,
                                    reason: str, clauses: list[str], signed_on: date | None = None,
                                    expected_version: int | None = None) -> CaseEvent:
        """A 补充协议 to an agreement in effect: its terms, signed by the parties on
        ``signed_on`` (it takes effect then, like an agreement); the agreement is unchanged."""
        problems: dict[str, list[str]] = {}
        reason = _reason(reason, problems)
        try:
            cleaned = clean_input("agreements", {f"clauses[{i}]": ("clauses", c)
                                                 for i, c in enumerate(clauses)})
        except ValidationError as exc:
            cleaned = {}
            for path, messages in exc.problems.items():
                index = int(path.partition("[")[2].rstrip("]"))
                problems.setdefault("clauses", []).extend(
                    f"第{index + 1}项条款{m}" for m in messages)
        terms = [cleaned[f"clauses[{i}]"] for i in range(len(clauses))] if cleaned else []
        terms = [t for t in terms if t]
        if not terms and "clauses" not in problems:
            problems["clauses"] = ["补充协议至少需要一项条款"]
        if len(terms) > MAX_ITEMS["clauses"]:
            problems["clauses"] = [f"补充协议最多{MAX_ITEMS['clauses']}项条款"]
        if sum(len(t) for t in terms) > rules.SUPPLEMENT_MAX_CHARS:
            problems["clauses"] = [f"补充协议的条款合计不能超过{rules.SUPPLEMENT_MAX_CHARS:,}个字"]
        on = signed_on or self.today()
        if on > self.today():
            problems["signed_on"] = ["签订日期不能晚于今天"]
        with self.case_operation(actor, key, "add_supplementary_agreement",
                                 expected_version) as (work, case):
            agreement = self._agreement(case, agreement_id)
            if self._court_made(agreement):
                raise DomainError("这份协议是法院录入的，只能由法院处理。", code="not_owner")
            if agreement.effective_on and on < agreement.effective_on:
                problems["signed_on"] = ["补充协议的签订日期不能早于原协议生效日期"]
            if problems:
                raise ValidationError(problems)
            event = CaseEvent(
                case_id=case.id, kind=EventKind.NOTE,
                occurred_at=datetime.combine(on, work.moment.time()).replace(microsecond=0),
                actor=actor, notes=f"签订补充协议：{reason}",
                data={"action": rules.SUPPLEMENTARY_AGREEMENT, "target": rules.AGREEMENT,
                      "target_id": agreement.id, "reason": reason, "clauses": terms,
                      "effective_on": on.isoformat()})
            work.save_event(event)
            work.summary = f"{case.number}签订补充协议：{reason}"
        return event

    def add_correction_note(self, actor: str, key: str, record_id: str, *, reason: str,
                            text: str, expected_version: int | None = None) -> CaseEvent:
        """A 更正说明 on a session record or an agreement: what the record has wrong and what
        is right (``text``), and why; the record itself is unchanged."""
        problems: dict[str, list[str]] = {}
        reason = _reason(reason, problems)
        text = _clean("events", {"text": ("notes", text)}, problems)["text"]
        if not text and "text" not in problems:
            problems["text"] = ["请填写更正内容（原记载和更正后的内容）"]
        if problems:
            raise ValidationError(problems)
        with self.case_operation(actor, key, "add_correction_note",
                                 expected_version) as (work, case):
            events = self.store.items.events_of(case.id)
            session = next((e for e in events if e.id == record_id
                            and e.kind is EventKind.SESSION), None)
            record: CaseEvent | Agreement = (session if session is not None
                                             else self._agreement(case, record_id))
            if self._court_made(record):
                raise DomainError("这份记录是法院录入的，只能由法院更正。", code="not_owner")
            target = rules.SESSION if session is not None else rules.AGREEMENT
            what = "调解记录" if session is not None else "调解协议"
            event = CaseEvent(
                case_id=case.id, kind=EventKind.NOTE,
                occurred_at=work.moment.replace(microsecond=0), actor=actor, notes=text,
                data={"action": rules.CORRECTION_NOTE, "target": target,
                      "target_id": record.id, "reason": reason})
            work.save_event(event)
            work.summary = f"{case.number}添加{what}更正说明：{reason}"
        return event
