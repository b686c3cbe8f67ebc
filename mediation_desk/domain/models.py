"""Entities of the mediation domain (plain dataclasses, no Qt, no SQL).

Every record carries the fields that let desks exchange and merge it later:
a stable UUID, the origin center's code, a version counter, the time of its
last change and a deletion tombstone (records are never hard-deleted).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from . import ids
from .enums import (
    AgreementForm,
    AgreementScope,
    CaseFlag,
    CaseSource,
    CaseStatus,
    CenterKind,
    DayKind,
    DisputeType,
    EndReason,
    EventKind,
    PartyKind,
    PartyRole,
    RelationKind,
    Sex,
)


def new_id() -> str:
    """A new record id: a time-ordered UUIDv7 as text (domain/ids.py)."""
    return ids.new_id()


@dataclass(kw_only=True)
class Record:
    """Fields shared by every exchangeable record."""

    id: str = field(default_factory=new_id)
    origin: str = ""  # code of the center that created the record
    version: int = 0  # incremented on every saved change
    updated_at: str = ""  # ISO timestamp (UTC) of the last saved change
    deleted: bool = False  # tombstone


@dataclass(kw_only=True)
class Center(Record):
    """A mediation organisation (调解组织) or a court liaison desk (法院联络台)."""

    code: str
    name: str
    kind: CenterKind = CenterKind.CENTER
    number_prefix: str = ""  # the 'X' of （2026）X调字第N号
    linked_court: str = ""
    court_code: str = ""  # 法院代字, e.g. 鲁0303


@dataclass(kw_only=True)
class DeclaredRelation:
    """A relation a mediator declared, used for recusal checks (回避)."""

    person_name: str
    kind: RelationKind = RelationKind.NEAR_RELATIVE
    id_number: str = ""
    note: str = ""


@dataclass(kw_only=True)
class Mediator(Record):
    """A people's mediator (人民调解员)."""

    center_id: str
    name: str
    phone: str = ""
    full_time: bool = True
    specialties: list[DisputeType] = field(default_factory=list)
    villages: list[str] = field(default_factory=list)
    active: bool = True
    relations: list[DeclaredRelation] = field(default_factory=list)


@dataclass(kw_only=True)
class Party(Record):
    """A party to a case: a natural person or an organisation."""

    case_id: str = ""
    kind: PartyKind = PartyKind.PERSON
    role: PartyRole = PartyRole.APPLICANT
    name: str
    sex: Sex | None = None
    ethnicity: str = ""
    birth_date: date | None = None
    id_number: str = ""
    credit_code: str = ""
    legal_representative: str = ""
    occupation: str = ""
    phone: str = ""
    address: str = ""
    village: str = ""
    agent_name: str = ""
    agent_phone: str = ""
    agent_id_number: str = ""
    agent_relation: str = ""
    position: int = 0  # order in the case


@dataclass(kw_only=True)
class Case(Record):
    """A dispute case (纠纷案件) at a center."""

    center_id: str
    number: str = ""  # （2026）X调字第N号
    year: int = 0
    serial: int = 0
    source: CaseSource = CaseSource.PARTY_APPLICATION
    dispute_type: DisputeType = DisputeType.OTHER
    title: str = ""
    amount: Decimal | None = None  # 争议金额 (yuan)
    facts: str = ""
    claims: str = ""
    flags: set[CaseFlag] = field(default_factory=set)
    status: CaseStatus = CaseStatus.REGISTERED
    received_on: date = field(default_factory=date.today)
    accepted_on: date | None = None
    due_on: date | None = None
    base_due_on: date | None = None  # due date before suspensions
    suspended_since: date | None = None
    suspended_days: int = 0
    extended_days: int = 0
    mediator_ids: list[str] = field(default_factory=list)
    court_case_number: str = ""  # 民诉前调 number when the court referred it
    filing_number: str = ""  # 民初 number once the court files it
    jc_due_on: date | None = None  # last day to apply for judicial confirmation
    jc_applied_on: date | None = None
    jc_ruling: str = ""
    end_reason: EndReason | None = None
    end_note: str = ""
    closed_on: date | None = None
    follow_up_due_on: date | None = None  # when a follow-up visit (回访) is due
    parties: list[Party] = field(default_factory=list)

    @property
    def applicants(self) -> list[Party]:
        return [p for p in self.parties if p.role is PartyRole.APPLICANT and not p.deleted]

    @property
    def respondents(self) -> list[Party]:
        return [p for p in self.parties if p.role is PartyRole.RESPONDENT and not p.deleted]


@dataclass(kw_only=True)
class CaseEvent(Record):
    """Something that happened in a case: a session, a visit, a status change."""

    case_id: str
    kind: EventKind
    occurred_at: datetime
    actor: str = ""  # who recorded it
    place: str = ""
    participants: str = ""
    notes: str = ""
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class Agreement(Record):
    """A mediation agreement (人民调解协议书 or 口头协议)."""

    case_id: str
    form: AgreementForm = AgreementForm.WRITTEN
    scope: AgreementScope = AgreementScope.FULL
    facts: str = ""  # 纠纷主要事实、争议事项及各方责任
    clauses: list[str] = field(default_factory=list)
    performance_method: str = ""
    performance_place: str = ""
    performance_deadline: date | None = None
    amount: Decimal | None = None
    signed_on: date | None = None
    effective_on: date | None = None


@dataclass(kw_only=True)
class Attachment(Record):
    """A file attached to a case (scan, photo, PDF); content lives in storage."""

    case_id: str
    name: str
    media_type: str = "application/octet-stream"
    sha256: str = ""
    size: int = 0
    added_at: str = ""


@dataclass(kw_only=True)
class HolidaySpan:
    """A run of days in a holiday notice: rest days (放假) or working days (调休上班)."""

    start: date
    end: date
    kind: DayKind = DayKind.REST
    name: str = ""  # e.g. 春节, 春节调休上班


@dataclass(kw_only=True)
class HolidayNotice(Record):
    """A year's holiday arrangement (节假日安排) as a desk recorded it.

    ``complete`` means the whole State Council notice for ``year`` (国务院办公厅关于…年部分
    节假日安排的通知): it replaces the computed estimate. Otherwise the spans are local
    adjustments applied on top of whatever the year's arrangement is.
    """

    year: int
    title: str = ""
    complete: bool = True
    spans: list[HolidaySpan] = field(default_factory=list)
    note: str = ""


MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
