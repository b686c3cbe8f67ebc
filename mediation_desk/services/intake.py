"""Intake: register, accept or refuse, assign mediators, edit, attach, reveal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain.assignment import Suggestion, rank_mediators, recusal_grounds
from ..domain.attachment_types import accept as accept_attachment
from ..domain.enums import EventKind
from ..domain.errors import DomainError, ValidationError
from ..domain.masking import mask_id_number, mask_phone
from ..domain.models import Attachment, Case, CaseEvent, Center
from ..domain.numbering import format_case_number
from ..domain.queries import CaseRow
from ..domain.record_rules import clean_input
from ..domain.state_machine import Action
from ..domain.triage import TriageResult, triage
from ..storage.store import Work
from .assignment_words import WordedSuggestion, worded_suggestions
from .base import CaseServiceBase
from .case_input import Problems, parse_case


@dataclass(frozen=True)
class Preview:
    """What the registration form shows before saving."""

    case: Case
    problems: dict[str, list[str]]
    warnings: dict[str, list[str]]
    triage: TriageResult | None
    related: list[tuple[CaseRow, str]]


@dataclass(frozen=True)
class Registered:
    """Cases registered together, with the warnings found (``cases[i].path`` -> messages).

    Warnings never block: a credit code's check character, an ID number's unknown region
    code, a court number's type code that does not fit the case's source.
    """

    cases: list[Case]
    warnings: dict[str, list[str]]

    def warnings_of(self, index: int) -> dict[str, list[str]]:
        """The warnings of the ``index``-th case, by its own field paths."""
        prefix = f"cases[{index}]."
        return {k[len(prefix):]: v for k, v in self.warnings.items() if k.startswith(prefix)}


class IntakeOps(CaseServiceBase):
    """Operations from registration to assignment."""

    def preview(self, data: dict[str, Any]) -> Preview:
        """Validate input and report triage and related open cases, saving nothing."""
        center = self._own_center()
        case, problems = parse_case(data, center_id=center.id, today=self.today())
        s = self.settings
        result = triage(case, s.avg_wage, wage_year=s.avg_wage_year,
                        wage_province=s.avg_wage_province) if not problems.items else None
        related = self.store.cases.related_open_cases(case.parties)
        return Preview(case, problems.items, problems.warnings, result, related)

    def _own_center(self) -> Center:
        center = self.store.directory.self_center()
        if center is None:
            raise DomainError("数据库尚未初始化（没有本中心信息），请先运行 init。",
                              code="not_initialised")
        return center

    def register(self, actor: str, data: dict[str, Any]) -> Case:
        """Register a new case from validated input (登记); number it."""
        center = self._own_center()
        case, problems = parse_case(data, center_id=center.id, today=self.today())
        problems.raise_if_any()
        return self.register_case(actor, case)

    def register_many(self, actor: str, items: list[Any]) -> list[Case]:
        """Register several cases in one transaction; all or nothing, every problem listed."""
        return self.register_checked(actor, items).cases

    def register_checked(self, actor: str, items: list[Any]) -> Registered:
        """As :meth:`register_many`, also returning the (non-blocking) warnings."""
        center = self._own_center()
        all_problems = Problems()
        parsed: list[Case] = []
        for i, data in enumerate(items):
            case, problems = parse_case(data, center_id=center.id, today=self.today(),
                                        path=f"cases[{i}].")
            for k, v in problems.items.items():
                for msg in v:
                    all_problems.add(k, msg)
            for k, v in problems.warnings.items():
                for msg in v:
                    all_problems.warn(k, msg)
            parsed.append(case)
        all_problems.raise_if_any()
        with self.store.operation(actor, "register_cases",
                                  summary=f"批量登记{len(parsed)}件案件") as work:
            for case in parsed:
                self._number_and_save(work, case, actor)
        return Registered(parsed, all_problems.warnings)

    def register_case(self, actor: str, case: Case) -> Case:
        """Register an already validated case object."""
        with self.store.operation(actor, "register_case", case_id=case.id) as work:
            self._number_and_save(work, case, actor)
            work.summary = f"登记案件{case.number}"
        return case

    def _number(self, work: Work, case: Case) -> None:
        """Give a case the next serial and number of its center (year of receipt)."""
        center = self.store.directory.center(case.center_id) or self._own_center()
        case.year = case.received_on.year
        case.serial = work.next_serial(center.id, case.year)
        case.number = format_case_number(case.year, center.number_prefix, case.serial)

    def _number_and_save(self, work: Work, case: Case, actor: str) -> None:
        self._number(work, case)
        if not case.title:
            names = [p.name for p in case.applicants[:1] + case.respondents[:1]]
            case.title = "与".join(names) + case.dispute_type.label
        work.save_case(case)
        work.save_event(CaseEvent(case_id=case.id, kind=EventKind.STATUS_CHANGE,
                                  occurred_at=work.moment.replace(microsecond=0), actor=actor,
                                  data={"from": None, "to": case.status.value,
                                        "action": "register"}))

    def accept(self, actor: str, key: str, *, on: date | None = None, notes: str = "",
               expected_version: int | None = None) -> Case:
        """Accept a registered case (受理); the mediation clock starts."""
        notes = clean_input("events", {"notes": ("notes", notes)})["notes"]
        with self.case_operation(actor, key, "accept_case",
                                 expected_version) as (work, case):
            on = on or self.today()
            if on < case.received_on:
                raise ValidationError({"accepted_on": ["受理日期不能早于收案日期"]})
            self.transition(work, case, Action.ACCEPT, actor, notes=notes)
            if case.serial < 1:  # a court's referral: the center numbers it on acceptance
                self._number(work, case)
            work.summary = f"受理{case.number}"
            case.accepted_on = on
            self.recompute_due(case)
            work.save_case(case)
        return case

    def not_accept(self, actor: str, key: str, *, reason: str,
                   expected_version: int | None = None) -> Case:
        """Refuse a case (不予受理), e.g. a party expressly refuses mediation (PML 17)."""
        reason = clean_input("cases", {"reason": ("end_note", reason)})["reason"]
        if not reason:
            raise ValidationError({"reason": ["请填写不予受理的理由"]})
        with self.case_operation(actor, key, "not_accept_case",
                                 expected_version) as (work, case):
            work.summary = f"不予受理{case.number}"
            self.transition(work, case, Action.NOT_ACCEPT, actor, notes=reason)
            case.end_note = reason
            case.closed_on = self.today()
            work.save_case(case)
        return case

    def suggestions(self, key: str) -> list[Suggestion]:
        """Ranked mediators for a case with reasons; recusal grounds flagged."""
        case = self.get(key)
        return rank_mediators(case, self.store.directory.mediators(include_inactive=False),
                              self.store.cases.open_workloads())

    def suggestions_in_words(self, key: str) -> list[WordedSuggestion]:
        """:meth:`suggestions` with each one's reasons as a phrase (「擅长婚姻家庭、负责该村、
        当前在办3件」), for the assign dialog."""
        case = self.get(key)
        return worded_suggestions(case, self.store.directory.mediators(include_inactive=False),
                                  self.store.cases.open_workloads())

    def assign(self, actor: str, key: str, mediator_ids: list[str], *,
               override_reason: str = "", expected_version: int | None = None) -> Case:
        """Assign mediators (指派); a recusal ground needs an explicit reason."""
        if not mediator_ids:
            raise ValidationError({"mediators": ["请至少选择一名调解员"]})
        override_reason = clean_input(
            "events", {"override_reason": ("notes", override_reason)})["override_reason"]
        with self.case_operation(actor, key, "assign_mediators",
                                 expected_version) as (work, case):
            grounds: list[str] = []
            names = []
            for mid in mediator_ids:
                m = self.store.directory.mediator(mid)
                if m is None or m.deleted:
                    raise ValidationError({"mediators": [f"调解员不存在：{mid}"]})
                if not m.active:
                    raise ValidationError({"mediators": [f"调解员{m.name}已停用"]})
                names.append(m.name)
                grounds += recusal_grounds(m, case)
            if grounds and not override_reason.strip():
                raise ValidationError({"mediators": [
                    *grounds, "存在回避事由，如确需指派，请填写理由（例如双方当事人同意）"]})
            work.summary = f"{case.number}指派调解员：{'、'.join(names)}"
            self.transition(work, case, Action.ASSIGN, actor)
            case.mediator_ids = list(dict.fromkeys(mediator_ids))
            work.save_case(case)
            work.save_event(CaseEvent(
                case_id=case.id, kind=EventKind.ASSIGNMENT,
                occurred_at=work.moment.replace(microsecond=0), actor=actor,
                participants="、".join(names), notes=override_reason,
                data={"mediator_ids": case.mediator_ids, "recusal_grounds": grounds}))
        return case

    def update_details(self, actor: str, key: str, data: dict[str, Any], *,
                       expected_version: int | None = None) -> Case:
        """Edit a case's details and parties (validated like registration)."""
        with self.case_operation(actor, key, "update_case",
                                 expected_version) as (work, case):
            merged = {"source": case.source.value, "dispute_type": case.dispute_type.value,
                      "received_on": case.received_on.isoformat(), **data}
            new, problems = parse_case(merged, center_id=case.center_id, today=self.today(),
                                       kept=case)
            problems.raise_if_any()
            if new.court_case_number != case.court_case_number and self.court_made(case):
                raise ValidationError({"court_case_number": [
                    "该案件由法院委派，法院案号由法院填写，本单位不能修改"]})
            work.summary = f"修改{case.number}"
            for attr in ("source", "dispute_type", "title", "amount", "facts", "claims", "flags",
                         "court_case_number", "received_on"):
                setattr(case, attr, getattr(new, attr))
            by_id = {p.id: p for p in case.parties}
            kept = []
            for p in new.parties:
                old = by_id.pop(p.id, None)
                if old is not None:
                    p.origin, p.version = old.origin, old.version
                kept.append(p)
            for gone in by_id.values():
                gone.deleted = True
                kept.append(gone)
            case.parties = kept
            self.recompute_due(case)
            work.save_case(case)
        return case

    def court_made(self, case: Case) -> bool:
        """Whether another desk, a court, created ``case`` (a referral): its court number
        is the court's, shown read-only and refused by :meth:`update_details`."""
        if not case.origin or case.origin == self.store.origin_code():
            return False
        return any(c.code == case.origin and c.kind.value == "court"
                   for c in self.store.directory.centers())

    def add_attachment(self, actor: str, key: str, name: str, content: bytes,
                       media_type: str = "", *,
                       expected_version: int | None = None) -> Attachment:
        """Attach a scan or photo to a case; it is hashed and stored in the database.

        The content decides (``domain.attachment_types``): PDF, JPEG, PNG or TIFF, anything
        else raises ``AttachmentRefused`` before the operation begins. ``media_type`` is what
        the caller declares; it is never stored (the sniffed type is), and the name is
        stored as its safe base name (``..\\x\\照片.jpg`` holding a PNG: ``照片.png``).
        """
        if not name.strip():
            raise ValidationError({"name": ["请填写附件名称"]})
        safe, kind = accept_attachment(name, content)
        with self.case_operation(actor, key, "add_attachment",
                                 expected_version) as (work, case):
            att = Attachment(case_id=case.id, name=safe, media_type=kind.media_type)
            work.summary = f"{case.number}添加附件{att.name}"
            work.add_attachment(att, content)
        return att

    def reveal_identifiers(self, actor: str, key: str, party_id: str, *,
                           reason: str = "", expected_version: int | None = None) -> dict[str, str]:
        """Full ID and phone numbers of a party; the reveal is audit-logged."""
        with self.case_operation(actor, key, "reveal_identifiers",
                                 expected_version) as (work, case):
            party = next((p for p in case.parties if p.id == party_id), None)
            if party is None:
                raise ValidationError({"party": ["该案件没有此当事人"]})
            work.summary = f"查看{case.number}当事人{party.name}的完整证件号码和电话"
            work.note("party", party.id, {"revealed": [None, {
                "id_number": mask_id_number(party.id_number), "phone": mask_phone(party.phone),
                "reason": reason}]})
        return {"id_number": party.id_number, "phone": party.phone,
                "agent_id_number": party.agent_id_number, "agent_phone": party.agent_phone}
